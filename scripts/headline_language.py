"""How right py3langid is on headline-length text, by its confidence: the bar a headline-only article's
language is read at (``extract.HEADLINE_LANGUAGE_CONFIDENCE``).

Each distinct text of the SemEval-2022 Task 8 dev pairs (their language is given) is cut to its first
``words`` words (augmented rows and the pairs the test file shares are left out); for each confidence bar, ``coverage`` is the share of cuts py3langid names a language
for at that bar or above, ``precision`` the share of those it names right. Dev data only (nothing of the
test file is read): a tool for maintainers.

Usage: ``.venv/bin/python scripts/headline_language.py --data ../shared/data/semeval2022-task8``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

WORDS = (6, 10, 14)
BARS = (0.5, 0.6, 0.7, 0.8, 0.9)


def table(guesses: Iterable[tuple[int, str, float, str]]) -> dict[str, dict[str, dict[str, float]]]:
    """``{words: {bar: {"coverage", "precision"}}}`` from ``(words, guess, confidence, true language)``."""
    by_words: dict[int, list[tuple[str, float, str]]] = {}
    for words, guess, confidence, truth in guesses:
        by_words.setdefault(words, []).append((guess, confidence, truth))
    out: dict[str, dict[str, dict[str, float]]] = {}
    for words, rows in sorted(by_words.items()):
        out[str(words)] = {}
        for bar in BARS:
            kept = [(g, t) for g, c, t in rows if c >= bar]
            out[str(words)][f"{bar:g}"] = {
                "coverage": round(len(kept) / len(rows), 4),
                "precision": round(sum(g == t for g, t in kept) / len(kept), 4) if kept else 0.0,
            }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/semeval2022-task8"))
    args = parser.parse_args(argv)

    from newsprism.evaluate.similarity import _fix, _read
    from newsprism.language import _identifier

    dev = args.data / "texts_sample_hfl" / "training_set.csv"
    if not dev.exists():
        print(f"{args.data}: no texts_sample_hfl/training_set.csv (SemEval-2022 Task 8)", file=sys.stderr)
        return 2
    shared = {r["pair_id"] for r in _read(dev.with_name("testing_set.csv"))}  # ids only, never texts
    texts: dict[str, str] = {}
    for row in _read(dev):
        if row["pair_id"] in shared or any(c.isalpha() for c in row["pair_id"]):
            continue  # a pair the test file shares, or a machine-translated augmentation
        for text, language in ((row["text1"], row["lang1"]), (row["text2"], row["lang2"])):
            texts.setdefault(_fix(text), language)
    identify = _identifier()
    guesses = []
    for text, language in texts.items():
        words = text.split()
        for n in WORDS:
            if len(words) >= max(WORDS):
                guess, confidence = identify.classify(" ".join(words[:n]))
                guesses.append((n, guess, float(confidence), language))
    print(json.dumps({"n_texts": len(texts), "by_words": table(guesses)}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
