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


def fit(cache: Path, out: Path | None, l2s: list[float], hiddens: list[int]) -> None:
    x, y, dev = load(cache, "train")
    features = {"target": x.reshape(len(x), -1), "sentence": x[:, 0, :]}  # [sentence, window, masked]
    tr, dv = ~dev, dev
    print(f"train part {int(tr.sum())} targets, dev part {int(dv.sum())}")
    best: dict[str, tuple[tuple[float, int], float]] = {}
    for head, feats in features.items():
        for hidden in hiddens:
            for l2 in l2s:
                t0 = time.time()
                m = SoftmaxRegression(l2=l2, hidden=hidden).fit(feats[tr], y[tr])
                s = scores(y[dv], m.predict(feats[dv]))
                print(
                    f"{head} hidden={hidden} l2={l2:g}: dev macro-F1 {s['macro_f1']} acc {s['accuracy']}"
                    f" ({time.time() - t0:.0f}s)",
                    flush=True,
                )
                if head not in best or s["macro_f1"] > best[head][1]:
                    best[head] = ((l2, hidden), s["macro_f1"])
    heads = {}
    for head, feats in features.items():
        l2, hidden = best[head][0]
        heads[head] = SoftmaxRegression(l2=l2, hidden=hidden).fit(feats[tr], y[tr])
    for name in FILES[1:]:
        if not (cache / f"{name}.npz").exists():
            continue
        x2, y2, _ = load(cache, name)
        f2 = {"target": x2.reshape(len(x2), -1), "sentence": x2[:, 0, :]}
        for h, m in heads.items():
            print(f"{name} {h} (l2, hidden = {best[h][0]}):", scores(y2, m.predict(f2[h])), flush=True)
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
    p.add_argument("--l2", default="1,10,100,1000", help="L2 penalties tried on the dev part")
    p.add_argument("--hidden", default="0,64", help="hidden layer sizes tried (0: logistic regression)")
    args = p.parse_args(argv)
    if args.step == "embed":
        embed(args.data, args.cache, tuple(args.files.split(",")))
    else:
        fit(
            args.cache,
            args.out,
            [float(v) for v in args.l2.split(",")],
            [int(v) for v in args.hidden.split(",")],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
