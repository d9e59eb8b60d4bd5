from __future__ import annotations

import pytest

from newsprism.language import ISO_639_1, _identifier, detect_language, language_code


@pytest.mark.parametrize(
    ("given", "code"),
    [("en", "en"), ("EN", "en"), ("en-US", "en"), ("pt_BR", "pt"), ("iw", "he"), ("", "und"), (None, "und")],
)
def test_language_code_reads_tags_cases_and_retired_codes(given, code):
    assert language_code(given) == code


@pytest.mark.parametrize("given", ["english", "xx", "fra", "e", "12"])
def test_language_code_refuses_what_is_no_code(given):
    assert language_code(given) is None


def test_every_label_the_identifier_gives_is_a_code_an_article_may_carry():
    # what detect_language returns must read back unchanged when a stored Article is read again
    for label in _identifier().nb_classes:
        code = language_code(label)
        assert code is not None and language_code(code) == code
    assert len(ISO_639_1) == 184


def test_detect_language_names_iso_codes_and_und_when_unsure():
    assert detect_language("The port authority said the strike would end on Monday, officials said.") == "en"
    assert detect_language("ok") == "und"
