import json
from pathlib import Path

import pytest

from newsprism.analyze.quotes import Attribution
from newsprism.evaluate.quotes import Counts, evaluate, read_brat, score_doc, trim_speaker

FIXTURES = Path(__file__).parent / "fixtures" / "analyze"
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _sample() -> tuple[str, list]:
    text = (FIXTURES / "brat" / "sample.txt").read_text("utf-8")
    return text, read_brat(text, (FIXTURES / "brat" / "sample.ann").read_text("utf-8"))


def test_brat_attributions_are_read_with_source_and_direct_flag() -> None:
    text, gold = _sample()
    assert len(gold) == 2
    assert text[gold[0].source[0] : gold[0].source[1]] == "Mayor Ines Holt"
    assert not gold[0].direct and gold[1].direct


def test_speaker_trim_drops_determiners_and_punctuation() -> None:
    text = "The ministry's spokesman, said"
    assert text[slice(*trim_speaker(text, (0, 25)))] == "ministry's spokesman"


def test_perfect_prediction_scores_one() -> None:
    text, gold = _sample()
    predicted = [Attribution(g.content[0], g.source, None, g.direct) for g in gold]
    scores = score_doc(text, gold, predicted).scores()
    assert scores["speaker_f1"] == scores["content_f1"] == 1.0


def test_content_needs_half_of_the_gold_and_strict_half_of_the_larger_span() -> None:
    text, gold = _sample()
    start = gold[0].content[0][0]
    tiny = Attribution((start, start + 3))  # "the": a third of nothing
    whole = Attribution((0, len(text)))  # everything: covers the gold, but sprawls
    assert score_doc(text, gold[:1], [tiny]).content_tp == 0
    counts = score_doc(text, gold[:1], [whole])
    assert (counts.content_tp, counts.content_tp_strict) == (1, 0)


def test_one_sprawling_span_is_credited_with_one_gold_content_only() -> None:
    text, gold = _sample()
    counts = score_doc(text, gold, [Attribution((0, len(text)))])
    assert (counts.content_tp, counts.content_gold) == (1, 2)
    assert counts.scores()["content_recall"] == 0.5


def test_counts_add_up() -> None:
    a, b = Counts(content_tp=1, content_pred=2), Counts(content_tp=2, content_gold=3)
    a.add(b)
    assert (a.content_tp, a.content_pred, a.content_gold) == (3, 2, 3)


@pytest.mark.evaldata
@pytest.mark.slow
def test_polnear_dev_scores_do_not_drop_below_the_baseline() -> None:
    baseline = json.loads((FIXTURES / "quotes_baseline.json").read_text("utf-8"))
    result = evaluate(DATA / "polnear", "dev", limit=baseline["limit"])
    assert result["speaker_f1"] >= baseline["speaker_f1"] - 0.01
    assert result["content_f1"] >= baseline["content_f1"] - 0.01
    assert result["strict"]["content_f1"] >= baseline["strict_content_f1"] - 0.01
    assert result["direct"]["speaker_f1"] >= baseline["direct_speaker_f1"] - 0.01
    assert result["direct"]["content_f1"] >= baseline["direct_content_f1"] - 0.01
    assert result["direct"]["strict"]["content_f1"] >= baseline["direct_strict_content_f1"] - 0.01


@pytest.mark.evaldata
def test_adaq_reports_russian_and_czech() -> None:
    result = evaluate(DATA / "adaq-quotes-cs-ru", "test")
    assert set(result["by_language"]) == {"ru", "cs"}
    assert result["by_language"]["ru"]["n"] == 100
    assert result["content_f1"] > 0.7
