"""SemEval-2022 Task 8: do two news articles (in one language or two) tell the same story? Pearson on Overall.

Each pair is scored with the signals the story clusterer uses: the cosine of the two title+lead vectors
under USE and under e5 (both models: the pair's languages may need either), TF-IDF cosine (same
language only), shared entities and shared numbers. A linear model (with the squares of the two
cosines) fitted on the dev file (``training_set.csv``, minus the pair ids that also occur in the test
file) maps them to the task's scale, 1 (same story) … 4 (unrelated). Rows whose ``pair_id`` carries letters are machine-translated
augmentations and are never used. Turkish mojibake is repaired with ftfy before embedding.
"""

from __future__ import annotations

import csv
import math
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.embed import E5Embedder, USEEmbedder
from newsprism.errors import EvalDataError
from newsprism.evaluate.clustering import embed_cached
from newsprism.records import Article
from newsprism.signals import extract_signals

_PAIR_ID = re.compile(r"^[\d_]+$")
FEATURES = ("use", "e5", "tfidf", "entities", "numbers", "same_language")


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise EvalDataError(f"{path} is missing: expected the SemEval-2022 Task 8 CSV files there")
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if _PAIR_ID.match(r.get("pair_id") or "")]
    if not rows or "Overall" not in rows[0]:
        raise EvalDataError(f"{path} has no scored rows with an Overall column")
    return rows


def _fix(text: str) -> str:
    import ftfy

    return ftfy.fix_text(text or "").strip()


def _articles(rows: list[dict[str, str]], tag: str) -> tuple[list[Article], list[Article]]:
    left: list[Article] = []
    right: list[Article] = []
    for i, row in enumerate(rows):
        for side, out in (("1", left), ("2", right)):
            out.append(
                Article(id=f"{tag}{i}-{side}", text=_fix(row[f"text{side}"]), language=row[f"lang{side}"])
            )
    return left, right


def _tfidf(articles: list[Article]) -> list[dict[int, float]]:
    """TF-IDF weights per article; IDF from the articles of the same language (unsupervised)."""
    signals = [extract_signals(a) for a in articles]
    df: dict[str, Counter[int]] = {}
    count: Counter[str] = Counter()
    for s in signals:
        df.setdefault(s.language, Counter()).update(s.terms.keys())
        count[s.language] += 1
    out = []
    for s in signals:
        n, d = count[s.language], df[s.language]
        out.append({t: c * (math.log((n + 1) / (d[t] + 1)) + 1) for t, c in s.terms.items()})
    return out


def _cos(a: dict[int, float], b: dict[int, float]) -> float:
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    na, nb = math.sqrt(sum(w * w for w in a.values())), math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if dot and na and nb else 0.0


def pair_features(left: list[Article], right: list[Article], cache_dir: str | None = None) -> np.ndarray:
    """One row of ``FEATURES`` per pair ``(left[i], right[i])``."""
    both = left + right
    dense = []
    for model in (USEEmbedder(), E5Embedder()):
        vectors = embed_cached(both, model, cache_dir)
        dense.append([float(vectors[a.id] @ vectors[b.id]) for a, b in zip(left, right, strict=True)])
    weights = _tfidf(both)
    wl, wr = weights[: len(left)], weights[len(left) :]
    rows = []
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        sa, sb = extract_signals(a), extract_signals(b)
        same = a.language == b.language
        smaller = min(len(sa.entities), len(sb.entities))
        shared_numbers = len(sa.numbers & sb.numbers)
        rows.append(
            [
                dense[0][i],
                dense[1][i],
                _cos(wl[i], wr[i]) if same else 0.0,
                len(sa.entities & sb.entities) / smaller if smaller else 0.0,
                min(shared_numbers, 3) / 3.0,
                1.0 if same else 0.0,
            ]
        )
    return np.array(rows)


def _design(x: np.ndarray) -> np.ndarray:
    """The features plus the squares of the two cosines (the map from cosine to score is not linear)."""
    return np.hstack([x, x[:, :2] ** 2])


def _fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    x = _design(x)
    xb = np.hstack([x, np.ones((len(x), 1))])
    penalty = np.eye(xb.shape[1]) * l2
    penalty[-1, -1] = 0.0
    return np.linalg.solve(xb.T @ xb + penalty, xb.T @ y)


def _predict(coef: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.clip(np.hstack([_design(x), np.ones((len(x), 1))]) @ coef, 1.0, 4.0)


def _pearson(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) < 2 or float(np.std(a)) == 0 or float(np.std(b)) == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def evaluate(data: Path, split: str = "test", *, cache_dir: str | None = None, **_: Any) -> dict[str, Any]:
    """Pearson between predicted and human Overall on ``split`` (dev = training_set.csv, test = testing_set.csv)."""
    root = Path(data)
    texts = root / "texts_sample_hfl" if (root / "texts_sample_hfl").is_dir() else root
    dev_rows, test_rows = _read(texts / "training_set.csv"), _read(texts / "testing_set.csv")
    test_ids = {r["pair_id"] for r in test_rows}
    fit_rows = [r for r in dev_rows if r["pair_id"] not in test_ids]  # 60 pair ids occur in both files
    x_fit = pair_features(*_articles(fit_rows, "dev"), cache_dir=cache_dir)
    y_fit = np.array([float(r["Overall"]) for r in fit_rows])
    coef = _fit(x_fit, y_fit)
    if split == "dev":
        rows, x = fit_rows, x_fit
    elif split == "test":
        rows = test_rows
        x = pair_features(*_articles(rows, "test"), cache_dir=cache_dir)
    else:
        rows = fit_rows + test_rows
        x = np.vstack([x_fit, pair_features(*_articles(test_rows, "test"), cache_dir=cache_dir)])
    y = np.array([float(r["Overall"]) for r in rows])
    pred = _predict(coef, x)
    pairs: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        pairs.setdefault(f"{r['lang1']}-{r['lang2']}", []).append(i)
    cross = [i for i, r in enumerate(rows) if r["lang1"] != r["lang2"]]
    return {
        "pearson": round(_pearson(pred, y), 4),
        "n": len(rows),
        "split": split,
        "pearson_cross_lingual": round(_pearson(pred[cross], y[cross]), 4) if cross else None,
        "n_cross_lingual": len(cross),
        "by_language_pair": {
            pair: {"pearson": round(_pearson(pred[idx], y[idx]), 4), "n": len(idx)}
            for pair, idx in sorted(pairs.items())
        },
        "zero_shot": {  # a similarity alone, without the fitted map (sign flipped: high similarity = low score)
            name: round(_pearson(-x[:, i], y), 4) for i, name in enumerate(FEATURES[:2])
        },
        "coefficients": {
            name: round(float(c), 4)
            for name, c in zip((*FEATURES, "use^2", "e5^2", "bias"), coef, strict=True)
        },
    }


__all__ = ["evaluate", "pair_features", "FEATURES"]
