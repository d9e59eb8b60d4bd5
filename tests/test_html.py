from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.errors import NoArticleError
from newsprism.html import HtmlExtract, extract_html
from newsprism.records import Comment

FIXTURES = Path(__file__).parent / "fixtures" / "html"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
URL = "https://harbourcourier.example/news/ferry-strike"


@pytest.fixture(scope="module")
def ferry() -> HtmlExtract:
    return extract_html((FIXTURES / "harbour_courier_article.html").read_text("utf-8"), url=URL)


def test_extract_keeps_every_article_paragraph_separated_by_one_blank_line(ferry: HtmlExtract) -> None:
    paragraphs = ferry.text.split("\n\n")
    assert paragraphs[0].startswith("All ferry crossings between Port Callow and Wrenna Island")
    assert paragraphs[-1].startswith("The last strike on the route, in 2019")
    assert any("said union secretary Tobias Grell" in p for p in paragraphs)
    assert "\n\n\n" not in ferry.text
    assert all(p.strip() == p and p for p in paragraphs)


def test_extract_drops_navigation_cookie_banner_and_footer(ferry: HtmlExtract) -> None:
    for leftover in ("Weather", "We use cookies", "Accept all", "All rights reserved", "Privacy policy"):
        assert leftover not in ferry.text


def test_extract_drops_share_line_and_newsletter_prompt_and_records_them(ferry: HtmlExtract) -> None:
    assert "Share this story" not in ferry.text
    assert "newsletter" not in ferry.text
    assert "Share this story: Facebook · Twitter · Email" in ferry.removed
    assert any(r.startswith("Sign up for the Courier's morning briefing") for r in ferry.removed)


def test_extract_drops_photo_credit_read_more_and_related_lists(ferry: HtmlExtract) -> None:
    assert "Photo: Ilse Varga" not in ferry.text
    assert "Read more" not in ferry.text
    assert "Water taxi service to expand this summer" not in ferry.text
    assert "New ferry terminal opens two years late" not in ferry.text
    assert "Photo: Ilse Varga / Harbour Courier" in ferry.removed
    assert "Read more: Island council votes to keep winter timetable" in ferry.removed


def test_extract_does_not_repeat_the_headline_in_the_text(ferry: HtmlExtract) -> None:
    assert ferry.title == "Ferry strike halts crossings to Wrenna Island"
    assert not ferry.text.startswith("Ferry strike halts")


def test_extract_keeps_comments_apart_with_author_and_time(ferry: HtmlExtract) -> None:
    assert ferry.comments == [
        Comment(
            author="Nils Harrow",
            posted="2026-03-14T10:02:00+00:00",
            text="Nine days last time. I hope the council has a better plan for the school run this time around.",
        ),
        Comment(
            author="Agnes Pell",
            posted="2026-03-14T11:45:00+00:00",
            text="The crews deserve the rise. Fares went up twice last year and wages did not move at all.",
        ),
    ]
    assert "Nine days last time" not in ferry.text


def test_extract_reads_author_date_and_site_name(ferry: HtmlExtract) -> None:
    assert ferry.authors == ["Maren Ostrova"]
    assert ferry.published == "2026-03-14"
    assert ferry.sitename == "The Harbour Courier"


def test_unmarked_comment_section_becomes_one_comment_per_paragraph() -> None:
    body = "".join(
        f"<p>Paragraph {i} of a long report on the harbour dredging works, which the port authority says will "
        "take until the autumn and cost more than the original estimate.</p>"
        for i in range(6)
    )
    html = (
        f"<html><body><article><h1>Dredging works</h1>{body}</article>"
        '<div id="comments"><p>First reader reply about the dredging noise at night.</p>'
        "<p>Second reader reply asking who pays for the overrun.</p></div></body></html>"
    )
    page = extract_html(html)
    assert [c.text for c in page.comments] == [
        "First reader reply about the dredging noise at night.",
        "Second reader reply asking who pays for the overrun.",
    ]
    assert all(c.author is None for c in page.comments)
    assert "First reader reply" not in page.text


def test_a_comment_section_and_a_byline_inside_main_leave_the_text() -> None:
    # comments under a "Comentarios (3)" heading, inside <main>, with no comment class names
    page = extract_html((EXAMPLES / "html" / "heraldocostanero-banco-central.html").read_text("utf-8"))
    assert [(c.author, c.posted) for c in page.comments] == [
        ("Patricia Loaiza", "2026-03-06T19:10:00-05:00"),
        ("econ_albar", "2026-03-06T19:32:00-05:00"),
        ("Julián R.", "2026-03-06T20:05:00-05:00"),
    ]
    assert page.comments[0].text.startswith("Mi crédito hipotecario es a tasa variable.")
    for comment in page.comments:
        assert comment.text not in page.text
    assert "Inicie sesión para comentar." in page.removed and "comentar" not in page.text
    assert page.text.endswith("La próxima reunión de política monetaria está prevista para el 17 de abril.")
    # no author in the page's metadata: the byline left in the text names him
    assert page.authors == ["Andrés Villalta"] and "Por Andrés Villalta · Puerto Albar ·" in page.removed
    assert "Villalta" not in page.text


def _report(before_h1: str) -> str:
    body = "".join(
        f"<p>Paragraph {i} of a long report on the harbour dredging works, which the port authority says will "
        "take until the autumn and cost more than the original estimate.</p>"
        for i in range(6)
    )
    return f"<html><body><article>{before_h1}<h1>Dredging works run late</h1>{body}</article></body></html>"


def test_a_kicker_above_the_headline_is_a_leftover_not_the_first_paragraph() -> None:
    page = extract_html(_report('<p class="topline">Hafen und Logistik</p>'))
    assert "Hafen und Logistik" not in page.text
    assert "Hafen und Logistik" in page.removed


def test_a_sentence_above_the_headline_is_no_kicker() -> None:
    page = extract_html(_report("<p>The dredging of the outer harbour was meant to end in May.</p>"))
    assert "The dredging of the outer harbour was meant to end in May." in page.text


def test_page_without_article_raises_no_article_error_naming_the_url() -> None:
    html = (FIXTURES / "no_article_portal.html").read_text("utf-8")
    with pytest.raises(NoArticleError, match=r"lakeshore\.example/login"):
        extract_html(html, url="https://lakeshore.example/login")


def test_text_shorter_than_min_chars_raises_no_article_error() -> None:
    html = "<html><body><article><p>The harbour reopened on Monday after two days of storms.</p></article></body></html>"
    with pytest.raises(NoArticleError, match="characters of main text"):
        extract_html(html, min_chars=500)
    assert extract_html(html, min_chars=10).text == "The harbour reopened on Monday after two days of storms."


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        "\x00\x01\x02 <<<>>> \ufffd",
        "<html><body><!-- nothing here --></body></html>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>',
        "<html><body>" + "<div>" * 5000 + "deep" + "</div>" * 5000 + "</body></html>",
        "<p>unclosed <b>tags <i>everywhere <table><tr><td>cell",
        "<html><head><script>var a = '<p>not text</p>';</script></head><body></body></html>",
    ],
)
def test_garbage_html_raises_no_article_error_and_never_crashes(html: str) -> None:
    with pytest.raises(NoArticleError, match="no article in HTML page"):
        extract_html(html)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdiv pbody&;#\n")), max_size=400))
def test_random_markup_gives_an_article_or_no_article_error(html: str) -> None:
    try:
        page = extract_html(html, min_chars=1)
    except NoArticleError:
        return
    assert isinstance(page.text, str) and page.text.strip()
