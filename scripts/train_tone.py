"""Train the tone model shipped in newsprism/data/tone.npz from NewsMTSC (offline, a one-off).

    python scripts/train_tone.py embed --data ../shared/data/newsmtsc --cache /tmp/newsprism-tone \\
        [--views sentence,window,masked]
    python scripts/train_tone.py fit --cache /tmp/newsprism-tone --views sentence,window,masked \\
        [--out newsprism/data/tone.npz]

``embed`` writes the USE embedding (``--model e5``: the e5 one, into CACHE/e5) of each view
(newsprism.compare.tone.VIEWS) of every target of train.jsonl, devtest_rw.jsonl and devtest_mt.jsonl to the
cache (the slow part). ``fit`` chooses the L2 penalty and hidden layer on the dev part of train.jsonl only,
fits both heads on the rest of train.jsonl, prints the dev scores (and the test scores, for the record),
and writes the weights (no texts). ``fit --cv K`` chooses them by K-fold cross-validation over the whole of
train.jsonl instead (folds by sentence, so targets of one sentence stay together) and fits the heads on all
of it: more data, but then ``eval tone --split dev`` scores sentences the model was fitted on.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.compare.tone import TARGET_VIEWS, VIEWS, SoftmaxRegression, needed_views, target_features
from newsprism.embed import get_embedder
from newsprism.evaluate.tone import in_dev, load_targets, scores

FILES = ("train", "devtest_rw", "devtest_mt")


def embed(
    data: Path, cache: Path, files: tuple[str, ...], views: tuple[str, ...], model_name: str, batch: int = 256
) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    model = get_embedder(model_name)
    for name in files:
        # "train_further": the coreferent mentions (she, the senator…) of train.jsonl's targets
        items = load_targets(
            data / f"{name.removesuffix('_further')}.jsonl", further=name.endswith("_further")
        )
        meta = cache / f"{name}.meta.npz"
        if not meta.exists():
            np.savez(meta, y=np.array([t.label for t in items]), dev=np.array([in_dev(t.gid) for t in items]))
        for view in views:
            out = cache / f"{name}.{view}.npy"
            if out.exists():
                continue
            texts = [VIEWS[view](t.text, t.start, t.end) for t in items]
            flat = list(dict.fromkeys(texts))
            t0 = time.time()
            vectors = np.concatenate([model.embed(flat[i : i + batch]) for i in range(0, len(flat), batch)])
            row = {x: i for i, x in enumerate(flat)}
            np.save(out, vectors[[row[x] for x in texts]].astype(np.float32))
            print(f"{name}.{view}: {len(flat)} texts embedded in {time.time() - t0:.0f}s", flush=True)


def load(
    cache: Path, name: str, views: tuple[str, ...], pairs: tuple[tuple[str, str], ...] = ()
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    meta = np.load(cache / f"{name}.meta.npz")
    vectors = {
        v: np.load(cache / "e5" / f"{name}.{v[3:]}.npy" if v.startswith("e5:") else cache / f"{name}.{v}.npy")
        for v in needed_views(views, pairs)
    }
    return target_features(vectors, views, pairs), meta["y"], meta["dev"]


def folds(data: Path, k: int) -> np.ndarray:
    """The cross-validation fold (0 … k-1) of each target of train.jsonl, by its sentence's id."""
    gids = [t.gid for t in load_targets(data / "train.jsonl")]
    return np.array([int(hashlib.sha1(g.encode("utf-8")).hexdigest()[1], 16) % k for g in gids])


def cross_validate(
    x: np.ndarray, y: np.ndarray, fold: np.ndarray, l2: float, hidden: int, smoothing: float = 0.0
) -> dict[str, Any]:
    """Scores of the out-of-fold predictions over all the rows."""
    pred = np.zeros(len(y), dtype=int)
    for f in np.unique(fold):
        model = SoftmaxRegression(l2=l2, hidden=hidden, smoothing=smoothing).fit(x[fold != f], y[fold != f])
        pred[fold == f] = model.predict(x[fold == f])
    return scores(y, pred)


def fit(
    cache: Path,
    out: Path | None,
    views: tuple[str, ...],
    pairs: tuple[tuple[str, str], ...],
    l2s: list[float],
    hiddens: list[int],
    further: bool = False,
    cv: int = 0,
    data: Path = Path("../shared/data/newsmtsc"),
    smoothing: float = 0.0,
) -> None:
    x, y, dev = load(cache, "train", views, pairs)
    features = {"target": x, "sentence": load(cache, "train", ("sentence",))[0]}
    tr, dv = ~dev, dev
    if cv:
        fit_cv(x, features["sentence"], y, folds(data, cv), views, pairs, l2s, hiddens, cache, out, smoothing)
        return
    if further:  # coreferent mentions of the training part's targets, as extra training rows
        xf, yf, devf = load(cache, "train_further", views, pairs)
        keep = ~devf
        features["target"] = np.vstack([x, xf[keep]])
        y = np.concatenate([y, yf[keep]])
        tr = np.concatenate([tr, np.ones(int(keep.sum()), dtype=bool)])
        dv = np.concatenate([dv, np.zeros(int(keep.sum()), dtype=bool)])
        features["sentence"] = np.vstack([features["sentence"], np.zeros((int(keep.sum()), 512))])
    described = ",".join(views) + "".join(f" +{a}*{b}" for a, b in pairs)
    print(f"views {described}; train part {int(tr.sum())} targets, dev part {int(dv.sum())}")
    best: dict[str, tuple[tuple[float, int], float]] = {}
    rows = {"target": tr, "sentence": tr.copy()}
    if further:  # the sentence head keeps one row per target of train.jsonl
        rows["sentence"][len(x) :] = False
    for head, feats in features.items():
        for hidden in hiddens:
            for l2 in l2s:
                t0 = time.time()
                m = SoftmaxRegression(l2=l2, hidden=hidden).fit(feats[rows[head]], y[rows[head]])
                s = scores(y[dv], m.predict(feats[dv]))
                print(
                    f"{head} hidden={hidden} l2={l2:g}: dev macro-F1 {s['macro_f1']} acc {s['accuracy']}"
                    f" ({time.time() - t0:.0f}s)",
                    flush=True,
                )
                if head not in best or s["macro_f1"] > best[head][1]:
                    best[head] = ((l2, hidden), s["macro_f1"])
    if out is None:
        return
    heads = {}
    for head, feats in features.items():
        l2, hidden = best[head][0]
        heads[head] = SoftmaxRegression(l2=l2, hidden=hidden).fit(feats[rows[head]], y[rows[head]])
    report_and_save(heads, cache, out, views, pairs)


def fit_cv(
    x: np.ndarray,
    x_sentence: np.ndarray,
    y: np.ndarray,
    fold: np.ndarray,
    views: tuple[str, ...],
    pairs: tuple[tuple[str, str], ...],
    l2s: list[float],
    hiddens: list[int],
    cache: Path,
    out: Path | None,
    smoothing: float = 0.0,
) -> None:
    """Choose each head's (L2, hidden) by cross-validation over all of train.jsonl, then fit it on all."""
    described = ",".join(views) + "".join(f" +{a}*{b}" for a, b in pairs)
    print(f"views {described}; {len(y)} targets, {len(np.unique(fold))}-fold cross-validation")
    heads = {}
    for head, feats in {"target": x, "sentence": x_sentence}.items():
        found = []
        for hidden in hiddens:
            for l2 in l2s:
                t0 = time.time()
                s = cross_validate(feats, y, fold, l2, hidden, smoothing)
                print(
                    f"{head} hidden={hidden} l2={l2:g}: cv macro-F1 {s['macro_f1']} acc {s['accuracy']}"
                    f" ({time.time() - t0:.0f}s)",
                    flush=True,
                )
                found.append((s["macro_f1"], l2, hidden))
        _, l2, hidden = max(found)
        heads[head] = SoftmaxRegression(l2=l2, hidden=hidden, smoothing=smoothing).fit(feats, y)
        print(f"{head}: fitted on all {len(y)} targets with l2={l2:g}, hidden={hidden}")
    if out is not None:
        report_and_save(heads, cache, out, views, pairs)


def report_and_save(
    heads: dict[str, SoftmaxRegression],
    cache: Path,
    out: Path,
    views: tuple[str, ...],
    pairs: tuple[tuple[str, str], ...],
) -> None:
    for name in FILES[1:]:
        try:
            x2, y2, _ = load(cache, name, views, pairs)
        except FileNotFoundError:
            continue
        print(f"{name} target:", scores(y2, heads["target"].predict(x2)))
    arrays: dict[str, np.ndarray] = {
        "target_views": np.array(views),
        "target_pairs": np.array([f"{a}*{b}" for a, b in pairs], dtype=str),
    }
    for h, m in heads.items():
        arrays.update(m.state(h))
    np.savez_compressed(out, **arrays)  # type: ignore[arg-type]
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("step", choices=("embed", "fit"))
    p.add_argument("--data", type=Path, default=Path("../shared/data/newsmtsc"))
    p.add_argument("--cache", type=Path, default=Path("/tmp/newsprism-tone"))
    p.add_argument("--out", type=Path, help="where to write the weights (fit); nothing written without it")
    p.add_argument("--model", choices=("use", "e5"), default="use", help="the sentence encoder (embed)")
    p.add_argument("--files", default=",".join(FILES), help="which NewsMTSC files to embed")
    p.add_argument("--views", default=",".join(TARGET_VIEWS), help=f"views of a target: {', '.join(VIEWS)}")
    p.add_argument("--pairs", default="", help="products of views added as features, e.g. window*sentence")
    p.add_argument("--further", action="store_true", help="also train on coreferent mentions (train_further)")
    p.add_argument("--l2", default="1000,10000,30000,100000", help="L2 penalties tried on the dev part")
    p.add_argument("--hidden", default="0", help="hidden layer sizes tried (0: logistic regression)")
    p.add_argument("--smoothing", type=float, default=0.0, help="label smoothing of the heads (--cv only)")
    p.add_argument(
        "--cv",
        type=int,
        default=0,
        help="choose by K-fold cross-validation on all of train.jsonl, fit on all",
    )
    args = p.parse_args(argv)
    views = tuple(args.views.split(","))
    if args.step == "embed":
        embed(args.data, args.cache, tuple(args.files.split(",")), views, args.model)
    else:
        pairs = tuple((a, b) for a, _, b in (p.partition("*") for p in args.pairs.split(",") if p))
        l2s = [float(v) for v in args.l2.split(",")]
        hiddens = [int(v) for v in args.hidden.split(",")]
        fit(
            args.cache,
            args.out,
            views,
            pairs,
            l2s,
            hiddens,
            further=args.further,
            cv=args.cv,
            data=args.data,
            smoothing=args.smoothing,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
