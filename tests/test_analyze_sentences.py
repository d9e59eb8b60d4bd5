from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.analyze.sentences import MAX_SENTENCE_CHARS, sentence_index, split_sentences


def test_offsets_point_into_the_text() -> None:
    text = "WASHINGTON (Tidewater Wire) - Dr. Ada Moss met Sen. Paul Ray on Monday.\n\nThey talked. Then they left."
    sentences = split_sentences(text, "en")
    assert [s.text for s in sentences] == [
        "WASHINGTON (Tidewater Wire) - Dr. Ada Moss met Sen. Paul Ray on Monday.",
        "They talked.",
        "Then they left.",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    assert len(split_sentences("M. Dupont a parlé. Mme Roy a répondu.", "fr")) == 2
    assert len(split_sentences("Как сказал г. Иванов, всё хорошо. Далее.", "ru")) == 2
    assert len(split_sentences("The ruling by J. K. Larsen stands. It was final.", "en")) == 2


def test_glued_machine_translated_sentences_are_split() -> None:
    sentences = split_sentences("The minister resigned.The cabinet met at noon.", "en")
    assert [s.text for s in sentences] == ["The minister resigned.", "The cabinet met at noon."]


def test_quotation_spanning_sentences_keeps_its_opening_mark() -> None:
    text = 'He said it was over. "We go now. Today," she added.'
    sentences = split_sentences(text, "en")
    assert any(s.text.startswith('"We go now.') for s in sentences)


def test_text_without_punctuation_is_cut_into_bounded_pieces() -> None:
    text = " ".join(["word"] * 10_000)
    sentences = split_sentences(text, "en")
    assert len(sentences) > 1
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS


def test_sentences_never_cross_paragraphs() -> None:
    text = "First paragraph without a stop\n\nSecond paragraph"
    assert [s.text for s in split_sentences(text, "en")] == [
        "First paragraph without a stop",
        "Second paragraph",
    ]


def test_sentence_index_finds_the_sentence_of_an_offset() -> None:
    text = "One. Two. Three."
    sentences = split_sentences(text, "en")
    assert sentence_index(sentences, text.index("Two")) == 1
    assert sentence_index(sentences, len(text) - 1) == 2


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab .!?\n«»"“”Я')), max_size=300))
def test_any_text_gives_ordered_non_overlapping_spans(text: str) -> None:
    sentences = split_sentences(text, "en")
    previous_end = 0
    for s in sentences:
        assert previous_end <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.text.strip()
        previous_end = s.end
