from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsprism.errors import EvalDataError
from newsprism.evaluate import evaluate
from newsprism.evaluate.extraction import (
    detect_dataset,
    shingle_counts,
    shingle_scores,
    snippet_counts,
    snippet_scores,
)

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FIXTURES = Path(__file__).parent / "fixtures" / "html"
GOLD = (
    "All ferry crossings between Port Callow and Wrenna Island were cancelled on Friday after crews walked out "
    "in a dispute over night-shift pay."
)


def test_shingle_counts_are_normalised_to_sum_to_one() -> None:
    tp, fp, fn = shingle_counts("a b c d e f", "a b c d x y")
    assert (tp, fp, fn) == pytest.approx((0.2, 0.4, 0.4))  # 1 shared, 2 extra, 2 missed shingles


def test_shingle_counts_of_identical_texts_are_all_true_positives() -> None:
    assert shingle_counts(GOLD, GOLD) == (1.0, 0.0, 0.0)


def test_shingle_scores_average_over_pages_and_skip_empty_predictions_for_precision() -> None:
    counts = [(1.0, 0.0, 0.0), (0.5, 0.5, 0.0), (0.0, 0.0, 1.0)]  # perfect, half-wrong, nothing predicted
    scores = shingle_scores(counts)
    assert scores["precision"] == pytest.approx(0.75)  # over the two pages with a prediction
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["f1"] == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def test_snippet_counts_match_whitespace_normalised_substrings() -> None:
    gold = {"with": ["crews  walked\nout", "water taxi"], "without": ["Subscribe now"]}
    assert snippet_counts(gold, "The crews walked out.\n\nSubscribe now") == (1, 1, 1)
    assert snippet_counts(gold, "") == (0, 0, 2)


def test_snippet_scores_sum_counts_over_the_corpus() -> None:
    scores = snippet_scores([(3, 1, 0), (1, 0, 1)])
    assert scores == {"f1": pytest.approx(8 / 10), "precision": 0.8, "recall": 0.8}


def test_detect_dataset_rejects_a_folder_without_known_files(tmp_path: Path) -> None:
    with pytest.raises(EvalDataError, match="not an extraction data set"):
        detect_dataset(tmp_path)


def _aeb_like(folder: Path) -> Path:
    (folder / "html").mkdir(parents=True)
    html = (FIXTURES / "harbour_courier_article.html").read_bytes()
    (folder / "html" / "p1.html.gz").write_bytes(gzip.compress(html))
    (folder / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": GOLD, "url": None}}))
    return folder


def test_evaluate_scores_ours_and_the_trafilatura_baseline_on_an_aeb_like_folder(tmp_path: Path) -> None:
    result = evaluate("extraction", _aeb_like(tmp_path / "scrapinghub-aeb"), "all")
    assert result["dataset"] == "scrapinghub-aeb" and result["n"] == 1
    assert result["recall"] == 1.0  # the gold sentence is the article's first paragraph
    assert 0.0 < result["precision"] < 1.0  # the rest of the article is not in this one-sentence gold
    assert set(result["baseline"]["trafilatura"]) == {"f1", "precision", "recall"}


def test_evaluate_on_a_trafilatura_eval_like_folder_counts_snippets(tmp_path: Path) -> None:
    folder = tmp_path / "trafilatura-eval"
    (folder / "eval").mkdir(parents=True)
    html = (FIXTURES / "harbour_courier_article.html").read_bytes()
    (folder / "eval" / "ferry.html.gz").write_bytes(gzip.compress(html))
    item = {
        "file": "ferry.html",
        "with": ["said union secretary Tobias Grell"],
        "without": ["We use cookies"],
    }
    (folder / "evaldata.json").write_text(json.dumps({"https://harbourcourier.example/ferry": item}))
    result = evaluate("extraction", folder, "all", baseline=False)
    assert (result["f1"], result["precision"], result["recall"], result["n"]) == (1.0, 1.0, 1.0, 1)
    assert "baseline" not in result


@pytest.mark.evaldata
def test_scorer_reproduces_the_published_trafilatura_figure_on_scrapinghub_aeb() -> None:
    folder = DATA / "scrapinghub-aeb"
    assert folder.is_dir(), f"evaluation data missing: {folder}"
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    output = json.loads((folder / "output" / "trafilatura.json").read_text("utf-8"))["output"]
    scores = shingle_scores(
        shingle_counts(truth[k]["articleBody"], (output.get(k) or {}).get("articleBody") or "") for k in truth
    )
    assert round(scores["f1"], 3) == 0.958  # published for trafilatura 2.0.0 on all 181 pages
