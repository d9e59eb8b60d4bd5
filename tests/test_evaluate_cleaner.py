"""The cleaner's evaluation: the hand-annotated pages are consistent, and the scores meet the goals."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from newsprism.evaluate import evaluate, in_split
from newsprism.evaluate.cleaner import load_pages, predicted_leftovers
from newsprism.records import Comment
from newsprism.textclean import CleanedText

SCRAPED = Path(__file__).resolve().parent / "fixtures" / "scraped"
GOALS = {"leftover_precision": 0.97, "leftover_recall": 0.97, "comments_exact": 0.95}


def _golds() -> list[tuple[str, str, dict]]:
    return load_pages(SCRAPED, "all")


def test_fixtures_cover_enough_pages_and_languages():
    golds = _golds()
    assert len(golds) >= 36
    languages = Counter(g["language"] for _, _, g in golds)
    for lang in ("en", "fr", "de", "es", "ru", "vi"):
        assert languages[lang] >= 3, lang


def test_every_fixture_is_in_exactly_one_split():
    for name, _, _ in _golds():
        assert in_split(SCRAPED, name, "dev") != in_split(SCRAPED, name, "test"), name
    splits = json.loads((SCRAPED / "splits.json").read_text("utf-8"))["scraped"]
    assert len(splits["dev"]) * 4 < len(_golds()) * 3  # dev is the smaller part


@pytest.mark.parametrize("name", [n for n, _, _ in _golds()])
def test_gold_accounts_for_every_line_of_its_page(name):
    """Title, body, removed and comment lines of the gold together are the page's lines, no more, no less."""
    page = (SCRAPED / f"{name}.txt").read_text("utf-8")
    gold = json.loads((SCRAPED / f"{name}.gold.json").read_text("utf-8"))
    comments = [Comment(**c) for c in gold["comments"]]
    as_result = CleanedText(
        title=gold["title"], text="\n\n".join(gold["body"]), removed=gold["removed"], comments=comments
    )
    assert predicted_leftovers(page, as_result) == Counter(gold["removed"])
    lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
    assert Counter(gold["body"]) <= Counter(lines)
    assert Counter(gold["removed"]) <= Counter(lines)
    assert gold["title"] is None or gold["title"] in lines
    assert all(c.posted is None or c.posted[:4].isdigit() for c in comments)


def test_cleaner_meets_its_goals_on_the_test_pages():
    scores = evaluate("cleaner", SCRAPED, "test")
    assert scores["n"] >= 36
    for key, goal in GOALS.items():
        assert scores[key] >= goal, f"{key} = {scores[key]} < {goal}"
    assert scores["dateline_exact"] >= 0.9
    assert scores["title_exact"] >= 0.9


def test_evaluation_reports_what_went_wrong_page_by_page():
    scores = evaluate("cleaner", SCRAPED, "dev", details=True)
    assert set(scores) >= {"leftover_precision", "leftover_recall", "comments_exact", "dateline_exact", "n"}
    assert all("page" in p for p in scores["pages"])


def test_evaluation_refuses_a_folder_without_annotations(tmp_path):
    from newsprism.errors import EvalDataError

    with pytest.raises(EvalDataError):
        evaluate("cleaner", tmp_path, "test")
