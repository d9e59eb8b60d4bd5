"""Score the entity tagger against a gold JSONL file (``tests/fixtures/analyze/entities_gold.jsonl``).

Each line holds ``id``, ``language``, ``text`` and ``entities`` (``text``, ``label``, ``start``, ``end``).
The text goes through :class:`newsprism.analyze.Analyzer` with the entities stage only, so the tagger of
the item's language runs as in production. Gold labels are PERSON, ORG and GPE (places of any kind);
predicted LOC counts as GPE and predicted MISC and other labels are ignored (the gold marks no MISC).

Figures: exact span + label precision / recall / F1, and label-free exact span F1. The split follows
``../shared/data/splits.json``'s rule: an item is dev when the first hex digit of sha1(id) is 0-7.

Usage: ``.venv/bin/python scripts/eval_entities.py --data tests/fixtures/analyze/entities_gold.jsonl
--split dev [--format json] [--errors]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

Span = tuple[str, int, int, str]  # item id, start, end, label

_SCORED = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE"}


def split_of(item_id: str) -> str:
    """``dev`` when the first hex digit of sha1(id) is 0-7, else ``test``."""
    return "dev" if hashlib.sha1(item_id.encode("utf-8")).hexdigest()[0] in "01234567" else "test"


def _prf(pred: set[Any], gold: set[Any]) -> tuple[float, float, float]:
    hit = len(pred & gold)
    p = hit / len(pred) if pred else 0.0
    r = hit / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold: Iterable[Span], pred: Iterable[Span]) -> dict[str, float]:
    """Exact span + label P/R/F1 and label-free span F1 of predicted against gold spans."""
    g, p = set(gold), set(pred)
    precision, recall, f1 = _prf(p, g)
    _, _, span_f1 = _prf({s[:3] for s in p}, {s[:3] for s in g})
    out = {"precision": precision, "recall": recall, "f1": f1, "span_f1": span_f1}
    for label in ("PERSON", "ORG", "GPE"):
        out[f"{label.lower()}_f1"] = _prf({s for s in p if s[3] == label}, {s for s in g if s[3] == label})[2]
    return {k: round(v, 3) for k, v in out.items()}


def predict(items: list[dict[str, Any]]) -> list[Span]:
    """Spans the production tagger finds in the items' texts (MISC and other labels dropped)."""
    from newsprism.analyze import Analyzer
    from newsprism.records import Article

    analyzer = Analyzer(stages=("entities",))
    out: list[Span] = []
    for item in items:
        article = analyzer(Article(id=item["id"], text=item["text"], language=item["language"]))
        for ent in article.entities:
            if ent.label in _SCORED:
                out.append((item["id"], ent.start, ent.end, _SCORED[ent.label]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--errors", action="store_true", help="list missed and spurious spans")
    args = parser.parse_args(argv)
    try:
        lines = args.data.read_text(encoding="utf-8").splitlines()
        items = [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as exc:
        print(f"eval_entities: cannot read {args.data}: {exc}", file=sys.stderr)
        return 2
    items = [i for i in items if args.split == "all" or split_of(i["id"]) == args.split]
    gold = [(i["id"], e["start"], e["end"], _SCORED[e["label"]]) for i in items for e in i["entities"]]
    pred = predict(items)
    result: dict[str, Any] = {"n_items": len(items), "n_gold": len(gold), **score(gold, pred)}
    if args.format == "json":
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:<12} {value}")
    if args.errors:
        texts = {i["id"]: i["text"] for i in items}
        for tag, spans in (("missed", set(gold) - set(pred)), ("spurious", set(pred) - set(gold))):
            for item_id, s, e, label in sorted(spans):
                print(f"{tag:<9} {item_id} {label}:{texts[item_id][s:e]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
