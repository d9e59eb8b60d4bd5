"""Number and date extraction scored on our own multilingual fixture.

``newsprism eval numbers --data tests/fixtures/analyze/numbers.jsonl --split all``

The fixture (JSON lines, written by the newsprism authors: fictional news sentences) gives for each item
``id``, ``language``, ``published``, ``text`` and the gold ``numbers`` ``[{"text", "value", "unit",
"kind"}]``. A gold mention is correct when a predicted mention overlaps its text span and has the same
kind, the same unit and the same value (relative tolerance 1e-6). ``accuracy`` = correct / gold mentions;
extra predicted mentions are counted apart (``spurious``). Splits: dev/test by the default sha1 rule over
item ids; ``all`` takes every item.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsprism.errors import EvalDataError
from newsprism.evaluate import split_of


def load_items(data: Path) -> list[dict[str, Any]]:
    path = data / "numbers.jsonl" if data.is_dir() else data
    if not path.exists():
        raise EvalDataError(f"no numbers fixture at {path}")
    items = []
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise EvalDataError(f"{path}:{lineno} is not JSON: {exc}") from None
    return items


def _same(gold: dict[str, Any], pred: Any) -> bool:
    return (
        gold["kind"] == pred.kind
        and gold["unit"] == pred.unit
        and math.isclose(float(gold["value"]), pred.value, rel_tol=1e-6)
    )


def score_item(item: dict[str, Any]) -> tuple[list[tuple[dict[str, Any], bool]], int]:
    """Each gold mention with whether it was found right, and the number of spurious predictions."""
    from newsprism.analyze.numbers import extract_numbers
    from newsprism.analyze.sentences import split_sentences

    text = item["text"]
    language = item.get("language", "en")
    predicted = extract_numbers(text, split_sentences(text, language), language, item.get("published"))
    spans = []
    cursor = 0
    for p in predicted:
        pos = text.find(p.text, cursor)
        pos = pos if pos >= 0 else text.find(p.text)
        spans.append((pos, pos + len(p.text)))
        cursor = max(cursor, pos) if pos >= 0 else cursor
    used: set[int] = set()
    results = []
    search_from = 0
    for gold in item["numbers"]:
        g0 = text.find(gold["text"], search_from)
        g0 = g0 if g0 >= 0 else text.find(gold["text"])
        g1 = g0 + len(gold["text"])
        search_from = g0 + 1 if g0 >= 0 else search_from
        ok = False
        for i, (p, (s, e)) in enumerate(zip(predicted, spans, strict=True)):
            if i in used or g0 < 0 or not (s < g1 and g0 < e):
                continue
            if _same(gold, p):
                used.add(i)
                ok = True
                break
        results.append((gold, ok))
    spurious = len(predicted) - len(used) - sum(1 for _, ok in results if not ok)
    return results, max(0, spurious)


def evaluate(data: Path, split: str = "all", **_: Any) -> dict[str, Any]:
    items = [it for it in load_items(Path(data)) if split == "all" or split_of(str(it["id"])) == split]
    if not items:
        raise EvalDataError(f"no items for split {split!r} in {data}")
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_language: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    correct = total = spurious = 0
    errors = []
    for item in items:
        results, extra = score_item(item)
        spurious += extra
        for gold, ok in results:
            total += 1
            correct += ok
            for table, key in ((by_kind, gold["kind"]), (by_language, item.get("language", "und"))):
                table[key][0] += ok
                table[key][1] += 1
            if not ok:
                errors.append(f"{item['id']}: {gold['text']!r} ({gold['kind']}, {gold['unit']})")

    def rate(pair: list[int]) -> dict[str, Any]:
        return {"accuracy": round(pair[0] / pair[1], 4) if pair[1] else 0.0, "n": pair[1]}

    return {
        "accuracy": round(correct / total, 4) if total else 0.0,
        "n": total,
        "spurious": spurious,
        "by_kind": {k: rate(v) for k, v in sorted(by_kind.items())},
        "by_language": {k: rate(v) for k, v in sorted(by_language.items())},
        "errors": errors,
    }
