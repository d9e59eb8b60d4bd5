from __future__ import annotations

import pytest
from lxml import etree

from newsprism.htmlclean import clean_body, is_pointer, is_shouting, line_reason


def _words(text: str) -> int:
    return len(text.split())


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share this article: Facebook Twitter Email", "share"),
        ("Sign up for our daily newsletter", "newsletter"),
        ("Thanks for signing up!", "newsletter"),
        ("Follow the Lakeshore Gazette on Facebook and Instagram.", "follow"),
        ("Photo: Ilse Varga / Harbour Courier", "credit"),
        ("Foto: dpa", "credit"),
        ("AFP / Marta Lind", "credit"),
        ("This website uses cookies. By continuing you accept our use of cookies.", "cookie"),
        ("12 comments", "counter"),
        ("Tags: ferries, strikes, Wrenna Island", "counter"),
        ("Tempo de leitura: 2 minutos", "counter"),
        ("Reporting by Ana Lind; Editing by Tom Berg", "wire credit"),
        ("Get the Courier app by clicking here", "counter"),
    ],
)
def test_line_reason_names_the_leftover(line: str, reason: str) -> None:
    assert line_reason(line, _words(line)) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Shares in Callow Sound Lines fell 3 percent on Friday.",
        "The union has 2,000 subscribers to its weekly bulletin, Grell said.",
        "He posted the video on Twitter and Facebook late on Sunday.",
        "The source of the leak has not been found, the port authority said.",
        "Photographers waited outside the court for hours.",
        "The union newsletter called the offer an insult to the crews.",
        "Regulators said the retailer used cookies without asking users to consent.",
    ],
)
def test_line_reason_keeps_ordinary_sentences(line: str) -> None:
    assert line_reason(line, _words(line)) is None


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Island council votes",
        "READ MORE",
        "Lesen Sie auch:",
        "Lea también: El puerto cierra",
        "Related",
        "Mira: El puerto cierra",
        "Weitere Artikel zum Thema",
    ],
)
def test_pointer_lines_in_several_languages(line: str) -> None:
    assert is_pointer(line, _words(line))


@pytest.mark.parametrize(
    "line",
    [
        "Related talks between the operator and the crews are expected to resume after the holiday weekend.",
        "Leaders said no.",
        "Mira Halden won the vote.",
        "Also present were two ministers.",
        "Watch officers patrol the pier.",
    ],
)
def test_a_sentence_starting_like_a_cue_is_not_a_pointer(line: str) -> None:
    assert not is_pointer(line, _words(line))


def test_clean_body_drops_cue_with_its_link_list_and_keeps_text() -> None:
    body = etree.fromstring(
        "<body><head>Harbour dredging to start in May</head>"
        "<p>The port authority said dredging would start in May and last until the autumn.</p>"
        "<p>Related stories:</p><list><item><ref>Port fees to rise</ref></item>"
        "<item><ref>New crane arrives</ref></item></list>"
        "<p>Work will pause during the summer festival, officials said.</p></body>"
    )
    removed = clean_body(body, title="Harbour dredging to start in May")
    text = "".join(body.itertext())
    assert removed == [
        "Harbour dredging to start in May",
        "Related stories:",
        "Port fees to rise",
        "New crane arrives",
    ]
    assert "dredging would start in May" in text and "summer festival" in text
    assert body.find("list") is None


def test_shouting_lines_are_told_from_acronyms_in_prose() -> None:
    assert is_shouting("MAYOR SAYS FERRY TALKS WILL RESUME MONDAY")
    assert not is_shouting("The EU and NATO met the UN envoy in Oslo.")
    assert not is_shouting("NATO EU")


def test_block_text_makes_every_run_of_white_space_one_space():
    from lxml import etree

    from newsprism.htmlclean import block_text

    element = etree.fromstring("<p>\u00a0 Harbour\tworkers <b>walk\n\nout</b>\u2003today </p>")
    assert block_text(element) == "Harbour workers walk out today"


def test_page_texts_reads_each_element_once_and_agrees_with_block_text():
    from lxml import etree

    from newsprism.htmlclean import PageTexts, block_text, link_ratios, text_key

    page = etree.fromstring("<div><p>Read <a>the whole</a> report</p><p>Ferries stop at noon.</p></div>")
    texts = PageTexts()
    assert link_ratios(page, texts) == link_ratios(page)
    for p in page.iter("p"):
        assert texts.text(p) == block_text(p) and texts.key(texts.text(p)) == text_key(block_text(p))
