"""The plain-text cleaner, scored on hand-annotated pre-scraped pages (``tests/fixtures/scraped``).

Each page is ``<name>.txt`` with ``<name>.gold.json``: ``title``, ``body`` (the body lines, verbatim),
``removed`` (the leftover lines, verbatim), ``comments`` (``author``, ``posted`` ISO, ``text``),
``dateline`` (``place``, ``date``, ``agency``) or null, ``language``, and the inputs ``url``,
``published`` and ``scraped`` (when the page was scraped: relative comment times resolve against it).
``splits.json`` in the folder lists the dev and test pages.

Scores, summed over the pages of the split:

* ``leftover_precision`` / ``leftover_recall``: over the page's non-empty lines (as a multiset). A line is
  a predicted leftover when the cleaner put it in ``removed`` or kept it nowhere (not the title, not a
  paragraph of the text, not a comment's author line ("Giulia ha scritto:" counts), text or time line);
  the gold leftovers are ``removed``.
* ``comments_exact``: the share of gold comments reproduced exactly (author, posted and text).
* ``dateline_exact``, ``title_exact``, ``language_exact``: the share of pages where the field is exactly
  the gold one (a page without a dateline must get none).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from newsprism.errors import EvalDataError
from newsprism.evaluate import in_split
from newsprism.textclean import CleanedText, clean_text, unglue
from newsprism.timestamps import match_timestamp


def load_pages(data: Path, split: str) -> list[tuple[str, str, dict[str, Any]]]:
    """``(name, page text, gold)`` for every annotated page of ``split`` in ``data``."""
    golds = sorted(data.glob("*.gold.json"))
    if not golds:
        raise EvalDataError(f"{data} holds no <name>.gold.json files; expected annotated scraped pages")
    pages = []
    for gold_path in golds:
        name = gold_path.name[: -len(".gold.json")]
        if not in_split(data, name, split):
            continue
        page = data / f"{name}.txt"
        if not page.exists():
            raise EvalDataError(f"{gold_path} has no page {page.name} beside it")
        try:
            gold = json.loads(gold_path.read_text("utf-8"))
        except json.JSONDecodeError as exc:
            raise EvalDataError(f"{gold_path} is not valid JSON: {exc}") from None
        pages.append((name, page.read_text("utf-8"), gold))
    return pages


def _page_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def predicted_leftovers(page: str, result: CleanedText) -> Counter[str]:
    """The page's lines that the cleaner did not keep as title, text or comments."""
    removed = Counter(line.strip() for block in result.removed for line in block.split("\n") if line.strip())
    kept = Counter(p.strip() for p in result.text.split("\n\n") if p.strip())
    if result.title:
        kept[result.title.strip()] += 1
    authors = {c.author for c in result.comments if c.author}
    in_comments = set(authors)
    in_comments.update(line.strip() for c in result.comments for line in c.text.split("\n"))
    out: Counter[str] = Counter()
    for line in _page_lines(page):
        if removed[line] > 0:
            removed[line] -= 1
            out[line] += 1
        elif kept[line] > 0:
            kept[line] -= 1
        elif kept[fixed := unglue(line)] > 0:  # kept, with a glued comma or full stop given its space
            kept[fixed] -= 1
        elif line in in_comments or (
            result.comments and match_timestamp(line, year=2000, bare_relative=True) is not None
        ):
            continue
        elif any(line.startswith(a) and len(line[len(a) :].split()) <= 3 for a in authors):
            continue  # "Giulia ha scritto:", "Jean says:"
        else:
            out[line] += 1  # kept nowhere: dropped without a trace, counted as removed
    return out


def _comment_key(c: Any) -> tuple[str | None, str | None, str]:
    if isinstance(c, dict):
        return c.get("author"), c.get("posted"), c.get("text", "")
    return c.author, c.posted, c.text


def evaluate(data: Path, split: str = "test", *, details: bool = False) -> dict[str, Any]:
    """Score :func:`newsprism.textclean.clean_text` on the annotated pages of ``split``."""
    pages = load_pages(Path(data), split)
    tp = fp = fn = 0
    comments_gold = comments_hit = 0
    dateline_ok = title_ok = language_ok = 0
    failures: list[dict[str, Any]] = []
    for name, page, gold in pages:
        result = clean_text(
            page, url=gold.get("url"), published=gold.get("published"), scraped=gold.get("scraped")
        )
        pred = predicted_leftovers(page, result)
        want = Counter(line.strip() for line in gold.get("removed", []))
        hit = sum((pred & want).values())
        tp += hit
        fp += sum(pred.values()) - hit
        fn += sum(want.values()) - hit
        got = Counter(_comment_key(c) for c in result.comments)
        want_c = Counter(_comment_key(c) for c in gold.get("comments", []))
        comments_gold += sum(want_c.values())
        comments_hit += sum((got & want_c).values())
        dl = result.dateline.to_dict() if result.dateline else None
        dateline_ok += dl == gold.get("dateline")
        title_ok += result.title == gold.get("title")
        language_ok += result.language == gold.get("language")
        if details:
            failures.append(
                {
                    "page": name,
                    "false_leftovers": sorted((pred - want).elements()),
                    "missed_leftovers": sorted((want - pred).elements()),
                    "comments_missed": [list(k) for k in (want_c - got).elements()],
                    "comments_wrong": [list(k) for k in (got - want_c).elements()],
                    "dateline": None
                    if dl == gold.get("dateline")
                    else {"got": dl, "want": gold.get("dateline")},
                    "title": None if result.title == gold.get("title") else result.title,
                    "language": None if result.language == gold.get("language") else result.language,
                }
            )
    n = len(pages)
    scores: dict[str, Any] = {
        "leftover_precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "leftover_recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
        "comments_exact": round(comments_hit / comments_gold, 4) if comments_gold else 1.0,
        "dateline_exact": round(dateline_ok / n, 4) if n else 0.0,
        "title_exact": round(title_ok / n, 4) if n else 0.0,
        "language_exact": round(language_ok / n, 4) if n else 0.0,
        "n": n,
        "n_comments": comments_gold,
    }
    if details:
        scores["pages"] = [f for f in failures if any(v for k, v in f.items() if k != "page")]
    return scores
