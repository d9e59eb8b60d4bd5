"""Tone toward a target on NewsMTSC (``../shared/data/newsmtsc``): macro-F1 over negative/neutral/positive.

Which file is which split (see :mod:`newsprism.compare.tone`):

* ``--split test``: ``devtest_rw.jsonl`` (real-world sentences; published GRU-TSC macro-F1 0.83)
* ``--split dev``:  a part of ``train.jsonl`` (sha1(primary_gid) starting with 0 or 1); the shipped
  weights are fitted on all of ``train.jsonl`` (choices by cross-validation), so this is a regression
  check of the code path, not an estimate of quality
* ``--split all``:  ``devtest_rw.jsonl`` + ``devtest_mt.jsonl``

Every target of every sentence is one item (label 2 → negative, 4 → neutral, 6 → positive).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.errors import EvalDataError

POLARITY = {2: 0, 4: 1, 6: 2}  # NewsMTSC label → index into newsprism.compare.tone.LABELS
DEV_PREFIXES = "01"


@dataclass
class TargetItem:
    gid: str
    text: str
    start: int
    end: int
    label: int  # 0 negative, 1 neutral, 2 positive


def in_dev(gid: str) -> bool:
    """Whether a ``train.jsonl`` sentence belongs to the held-out dev part."""
    return hashlib.sha1(gid.encode("utf-8")).hexdigest()[0] in DEV_PREFIXES


def load_targets(path: Path, *, further: bool = False) -> list[TargetItem]:
    """One item per target of a NewsMTSC jsonl file; with ``further``, one per further (coreferent)
    mention of a target instead, with the target's label (training data only)."""
    if not path.exists():
        raise EvalDataError(f"{path} not found: expected the NewsMTSC jsonl files in {path.parent}")
    items = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                for t in row["targets"]:
                    spans = (t.get("further_mentions") or []) if further else [t]
                    for span in spans:
                        items.append(
                            TargetItem(
                                row["primary_gid"],
                                row["sentence_normalized"],
                                int(span["from"]),
                                int(span["to"]),
                                POLARITY[int(t["polarity"])],
                            )
                        )
            except (ValueError, KeyError, TypeError) as exc:
                raise EvalDataError(f"{path}:{n}: not a NewsMTSC record ({exc})") from exc
    return items


def split_items(data: Path, split: str) -> list[TargetItem]:
    if split == "test":
        return load_targets(data / "devtest_rw.jsonl")
    if split == "dev":
        return [t for t in load_targets(data / "train.jsonl") if in_dev(t.gid)]
    return load_targets(data / "devtest_rw.jsonl") + load_targets(data / "devtest_mt.jsonl")


def scores(gold: np.ndarray, pred: np.ndarray, k: int = 3) -> dict[str, Any]:
    """Macro-F1 and accuracy over ``k`` classes (a class absent from gold and prediction scores 0)."""
    f1s = []
    for c in range(k):
        tp = int(np.sum((pred == c) & (gold == c)))
        fp = int(np.sum((pred == c) & (gold != c)))
        fn = int(np.sum((pred != c) & (gold == c)))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return {
        "macro_f1": round(float(np.mean(f1s)), 4),
        "accuracy": round(float(np.mean(gold == pred)) if len(gold) else 0.0, 4),
        "n": int(len(gold)),
        "f1": {name: round(f, 4) for name, f in zip(("negative", "neutral", "positive"), f1s, strict=True)},
    }


def evaluate(data: Path, split: str = "test", *, model: Any = None, batch: int = 256) -> dict[str, Any]:
    from newsprism.compare.tone import get_tone_model

    items = split_items(Path(data), split)
    model = model or get_tone_model()
    pred = np.concatenate(
        [
            model.proba_targets([(t.text, t.start, t.end) for t in items[i : i + batch]]).argmax(axis=1)
            for i in range(0, len(items), batch)
        ]
        or [np.zeros(0, dtype=int)]
    )
    gold = np.array([t.label for t in items], dtype=int)
    return scores(gold, pred)
