"""Train the tone model shipped in newsprism/data/tone_use.npz from NewsMTSC (offline, a one-off).

    python scripts/train_tone.py embed --data ../shared/data/newsmtsc --cache /tmp/newsprism-tone
    python scripts/train_tone.py fit   --cache /tmp/newsprism-tone [--out newsprism/data/tone_use.npz]

``embed`` writes the USE features of every target of train.jsonl, devtest_rw.jsonl and devtest_mt.jsonl
to the cache (the slow part); ``fit`` chooses the L2 penalty on the dev part of train.jsonl, fits both
heads on the rest of train.jsonl, prints dev and test scores, and writes the weights (no texts).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from newsprism.compare.tone import SoftmaxRegression, target_texts
from newsprism.embed import USEEmbedder
from newsprism.evaluate.tone import in_dev, load_targets, scores

FILES = ("train", "devtest_rw", "devtest_mt")


def embed(data: Path, cache: Path, files: tuple[str, ...] = FILES, batch: int = 256) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    model = USEEmbedder()
    for name in files:
        out = cache / f"{name}.npz"
        if out.exists():
            continue
        items = load_targets(data / f"{name}.jsonl")
        triples = [target_texts(t.text, t.start, t.end) for t in items]
        flat = list(dict.fromkeys(x for tr in triples for x in tr))
        t0 = time.time()
        vectors = np.concatenate([model.embed(flat[i : i + batch]) for i in range(0, len(flat), batch)])
        print(
            f"{name}: {len(items)} targets, {len(flat)} texts embedded in {time.time() - t0:.0f}s", flush=True
        )
        row = {x: i for i, x in enumerate(flat)}
        feats = np.stack([vectors[[row[tr[j]] for tr in triples]] for j in range(3)], axis=1)
        np.savez(
            out,
            x=feats.astype(np.float32),
            y=np.array([t.label for t in items]),
            dev=np.array([in_dev(t.gid) for t in items]),
        )


def load(cache: Path, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = np.load(cache / f"{name}.npz")
    return d["x"], d["y"], d["dev"]


def fit(cache: Path, out: Path | None, l2s: list[float]) -> None:
    x, y, dev = load(cache, "train")
    xt = x.reshape(len(x), -1)  # [sentence, window, masked]
    xs = x[:, 0, :]
    tr, dv = ~dev, dev
    print(f"train part {int(tr.sum())} targets, dev part {int(dv.sum())}")
    best: dict[str, tuple[float, float]] = {}
    for head, feats in (("target", xt), ("sentence", xs)):
        for l2 in l2s:
            m = SoftmaxRegression(l2=l2).fit(feats[tr], y[tr])
            s = scores(y[dv], m.predict(feats[dv]))
            print(f"{head} l2={l2:g}: dev macro-F1 {s['macro_f1']} acc {s['accuracy']}", flush=True)
            if head not in best or s["macro_f1"] > best[head][1]:
                best[head] = (l2, s["macro_f1"])
    heads = {
        h: SoftmaxRegression(l2=best[h][0]).fit(f[tr], y[tr]) for h, f in (("target", xt), ("sentence", xs))
    }
    for name in FILES[1:]:
        x2, y2, _ = load(cache, name)
        for h in heads:
            f2 = x2.reshape(len(x2), -1) if h == "target" else x2[:, 0, :]
            print(f"{name} {h} (l2={best[h][0]:g}):", scores(y2, heads[h].predict(f2)))
    if out is not None:
        arrays = {}
        for h, m in heads.items():
            arrays.update(m.state(h))
        np.savez_compressed(out, **arrays)
        print(f"wrote {out} ({out.stat().st_size // 1024} KB)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("step", choices=("embed", "fit"))
    p.add_argument("--data", type=Path, default=Path("../shared/data/newsmtsc"))
    p.add_argument("--cache", type=Path, default=Path("/tmp/newsprism-tone"))
    p.add_argument("--out", type=Path, help="where to write the weights (fit); nothing written without it")
    p.add_argument("--files", default=",".join(FILES), help="which NewsMTSC files to embed")
    p.add_argument("--l2", default="1,10,30,100,300,1000", help="L2 penalties tried on the dev part")
    args = p.parse_args(argv)
    if args.step == "embed":
        embed(args.data, args.cache, tuple(args.files.split(",")))
    else:
        fit(args.cache, args.out, [float(v) for v in args.l2.split(",")])
    return 0


if __name__ == "__main__":
    sys.exit(main())
