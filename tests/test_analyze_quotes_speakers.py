from typing import Any

import pytest

from newsprism.analyze import quotes_speakers
from newsprism.analyze.quotemarks import Attribution
from newsprism.analyze.quotes import extract_attributions
from newsprism.analyze.quotes_score import DocIndex
from newsprism.analyze.quotes_speakers import (
    char_span,
    choose_speakers,
    drop_unsure_speakers,
    readings,
    speaker_options,
)
from newsprism.analyze.sentences import split_sentences

pytestmark = pytest.mark.slow  # loads the English spaCy model


def _parse(text: str) -> Any:
    from newsprism.analyze import spacy_model

    return spacy_model("en")(text)


def _find(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _readings(text: str, phrase: str) -> list[str]:
    doc = _parse(text)
    return [text[a:b] for a, b in (char_span(doc, r) for r in readings(DocIndex(doc), _find(text, phrase)))]


def test_readings_start_with_the_given_span_and_offer_the_phrase_without_its_clause() -> None:
    text = "Ross, who spent a decade in Iraq, said the plan had failed."
    found = _readings(text, "Ross, who spent a decade in Iraq")
    assert found[0] == "Ross, who spent a decade in Iraq"
    assert "Ross" in found


def test_a_relative_pronoun_offers_its_antecedent() -> None:
    text = "The plan was backed by the mayor, who said it would pass."
    found = _readings(text, "who")
    assert found[0] == "who"
    assert any(r.startswith("the mayor") or r == "mayor" for r in found[1:])


def test_readings_of_nothing_are_empty() -> None:
    text = "Rain fell."
    doc = _parse(text)
    assert readings(DocIndex(doc), (4, 4)) == []


def test_the_chooser_takes_the_reading_its_weights_prefer(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Ross, who spent a decade in Iraq, said the plan had failed."
    doc = _parse(text)
    att = Attribution(
        _find(text, "the plan had failed"),
        _find(text, "Ross, who spent a decade in Iraq"),
        _find(text, "said"),
        False,
    )
    assert speaker_options(att, DocIndex(doc)) is not None
    monkeypatch.setattr(quotes_speakers, "_reading_weights", lambda: {"rel=same_l|less_r": 5.0, "len=1": 1.0})
    choose_speakers([att], doc)
    assert att.speaker is not None and text[att.speaker[0] : att.speaker[1]] == "Ross"


def test_without_weights_the_chooser_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Ross, who spent a decade in Iraq, said the plan had failed."
    doc = _parse(text)
    span = _find(text, "Ross, who spent a decade in Iraq")
    att = Attribution(_find(text, "the plan had failed"), span, _find(text, "said"), False)
    monkeypatch.setattr(quotes_speakers, "_reading_weights", lambda: {})
    choose_speakers([att], doc)
    assert att.speaker == span


def test_an_unsure_speaker_is_dropped_and_the_quote_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The mayor said the bridge would reopen in May."
    doc = _parse(text)
    att = Attribution(
        _find(text, "the bridge would reopen in May"), _find(text, "The mayor"), _find(text, "said"), False
    )
    monkeypatch.setattr(quotes_speakers, "_speaker_weights", lambda: ({"bias": -5.0}, 0.4))
    drop_unsure_speakers(text, [att], [0.9], DocIndex(doc))
    assert att.speaker is None and att.content == _find(text, "the bridge would reopen in May")
    sure = Attribution(att.content, _find(text, "The mayor"), att.cue, False)
    monkeypatch.setattr(quotes_speakers, "_speaker_weights", lambda: ({"bias": 5.0}, 0.4))
    drop_unsure_speakers(text, [sure], [0.9], DocIndex(doc))
    assert sure.speaker == _find(text, "The mayor")


def test_reported_as_saying_keeps_its_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The Valmont Herald reported Mayor Ines Holt as saying that the bridge would reopen."
    doc = _parse(text)
    att = Attribution(
        _find(text, "the bridge would reopen"), _find(text, "Mayor Ines Holt"), _find(text, "saying"), False
    )
    monkeypatch.setattr(quotes_speakers, "_speaker_weights", lambda: ({"bias": -5.0}, 0.4))
    drop_unsure_speakers(text, [att], [0.9], DocIndex(doc))
    assert att.speaker == _find(text, "Mayor Ines Holt")


def test_the_shipped_model_has_both_speaker_models() -> None:
    quotes_speakers.clear_cache()
    assert quotes_speakers._reading_weights()
    weights, threshold = quotes_speakers._speaker_weights()
    assert weights and 0.0 < threshold < 1.0


def test_a_quotation_continues_the_direct_quote_across_an_indirect_aside() -> None:
    text = (
        "“We will win this district,” she said, adding that the vote would be close. "
        "“We need every single vote we can get.”"
    )
    atts = extract_attributions(text, split_sentences(text, "en"), "en", _parse(text), learned=False)
    first = next(a for a in atts if a.direct and text[a.content[0] : a.content[1]].startswith("“We will"))
    assert [text[a:b] for a, b in first.pieces][-1] == "“We need every single vote we can get.”"
