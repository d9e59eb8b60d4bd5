from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.records import Comment, Dateline
from newsprism.textclean import CleanedText, clean_text

PAGE = """Home | World | Politics | Business
Senate delays vote on water bill after late amendments
Senate delays vote on water bill after late amendments
By Jane Harlow
03/11/2026 09:12

WASHINGTON (AP) — The Senate on Tuesday postponed a vote on the regional water bill after senators from three states filed late amendments.
Majority leader Tom Rivas said the chamber would return to the measure next week.
Why now?
The bill, which would fund 40 new treatment plants, has been stalled since spring. "We are close," Rivas told reporters.
He declined.
Share: Facebook Twitter Email
Related articles
Drought hits farms in the valley
Governor signs emergency order
Comments (2)
Log in to comment
Marie L.
13/11/26 14:05
About time they did something.
Reply
bob_k
13/11/26 16:30
Not convinced. Forty plants is a lot of money.
Like (3)
© 2026 Daily Courier. All rights reserved.
"""


def _clean(text: str = PAGE, **kwargs: str) -> CleanedText:
    return clean_text(text, **kwargs)


def test_clean_text_finds_the_title_and_drops_its_repetition():
    result = _clean()
    assert result.title == "Senate delays vote on water bill after late amendments"
    assert result.removed.count(result.title) == 1
    assert result.title not in result.text


def test_clean_text_drops_share_lines_and_related_lists():
    result = _clean()
    for line in ("Share: Facebook Twitter Email", "Related articles", "Drought hits farms in the valley"):
        assert line in result.removed
        assert line not in result.text


def test_clean_text_keeps_short_body_lines():
    paragraphs = _clean().text.split("\n\n")
    assert "Why now?" in paragraphs
    assert "He declined." in paragraphs
    assert len(paragraphs) == 5


def test_clean_text_keeps_every_dropped_line_verbatim_and_in_order():
    result = _clean()
    assert result.removed == [
        "Home | World | Politics | Business",
        "Senate delays vote on water bill after late amendments",
        "By Jane Harlow",
        "03/11/2026 09:12",
        "Share: Facebook Twitter Email",
        "Related articles",
        "Drought hits farms in the valley",
        "Governor signs emergency order",
        "Comments (2)",
        "Log in to comment",
        "Reply",
        "Like (3)",
        "© 2026 Daily Courier. All rights reserved.",
    ]


def test_clean_text_splits_the_comment_section_into_comments():
    assert _clean().comments == [
        Comment("Marie L.", "2026-11-13T14:05:00", "About time they did something."),
        Comment("bob_k", "2026-11-13T16:30:00", "Not convinced. Forty plants is a lot of money."),
    ]


def test_clean_text_keeps_the_dateline_in_the_text_and_parses_it():
    result = _clean()
    assert result.text.startswith("WASHINGTON (AP) — The Senate")
    assert result.dateline == Dateline("WASHINGTON", None, "AP")


def test_clean_text_names_the_outlet_and_the_byline():
    result = _clean()
    assert result.source_name == "Daily Courier"
    assert result.authors == ["Jane Harlow"]
    assert result.language == "en"


def test_a_byline_with_its_place_and_date_is_a_leftover_naming_the_author():
    page = (
        "Sube la tasa de interés\nPor Ana Ruiz · Puerto Albar · 6 de marzo de 2026\n"
        "El Banco Central de Costanera elevó este viernes su tasa de política monetaria en medio punto."
    )
    result = _clean(page)
    assert result.authors == ["Ana Ruiz"] and "Por Ana Ruiz" not in result.text


def test_clean_text_resolves_the_dateline_date_with_the_published_year():
    page = "Grève au port\nNANTES, 3 mars (AFP) - Les dockers du port ont reconduit mardi leur mouvement de grève."
    assert _clean(page, published="2026-03-03T12:00:00").dateline == Dateline("NANTES", "2026-03-03", "AFP")
    assert _clean(page).dateline == Dateline("NANTES", "3 mars", "AFP")


def test_clean_text_drops_english_interface_strings_on_a_vietnamese_page():
    page = """Tin Nhanh 24h
Bão số 7 đổ bộ Quảng Ngãi, hơn 20.000 người phải sơ tán
Rạng sáng 21/10, bão số 7 đã đổ bộ vào khu vực ven biển tỉnh Quảng Ngãi với sức gió mạnh cấp 10.
Bookmark
Chính quyền địa phương đã sơ tán hơn 20.000 người dân ở các vùng trũng thấp đến nơi an toàn.
Hiện chưa có thông tin thiệt hại về người.
Share
Comments
Save
"""
    result = _clean(page)
    assert result.title == "Bão số 7 đổ bộ Quảng Ngãi, hơn 20.000 người phải sơ tán"
    assert result.language == "vi"
    for ui in ("Bookmark", "Share", "Comments", "Save"):
        assert ui in result.removed
    assert len(result.text.split("\n\n")) == 3


def test_clean_text_keeps_a_quote_in_another_language_and_proper_names():
    page = """Minister defends port plan
The minister defended the plan on Monday before a crowd of dockers in the harbour.
« Nous ne céderons pas », a-t-il lancé en français.
Nguyễn Văn An
The plan will be put to a vote in the regional assembly next month.
"""
    result = _clean(page)
    assert "« Nous ne céderons pas », a-t-il lancé en français." in result.text
    assert "Nguyễn Văn An" in result.text


def test_relative_comment_times_need_the_scrape_time():
    page = PAGE.replace("13/11/26 14:05", "2 hours ago")
    assert _clean(page, scraped="2026-11-13T18:00:00").comments[0].posted == "2026-11-13T16:00:00"
    unresolved = _clean(page)
    assert unresolved.comments[0].posted is None
    assert any("2 hours ago" in w for w in unresolved.warnings)


def test_clean_text_on_empty_input_returns_an_empty_result_with_a_warning():
    for text in ("", "   \n\n \t\n"):
        result = _clean(text)
        assert result.text == "" and result.title is None and result.removed == []
        assert result.language == "und"
        assert result.warnings


def test_clean_text_survives_a_one_megabyte_single_line():
    line = ("The council met again on Tuesday and argued about the budget for hours. " * 14_000)[:1_000_000]
    result = _clean(line)
    assert result.text == line.strip()
    assert result.removed == []


def test_a_comment_button_above_the_body_does_not_swallow_the_body():
    page = """Council approves the new harbour budget after a long debate
The council approved the harbour budget on Monday after a debate that lasted six hours.
Comment
The budget includes money for two new piers and a repair of the old sea wall, which was damaged last winter.
Fishermen had asked for the repairs for three years, the harbour master told the council on Monday evening.
Comments (1)
Ria K.
23/11/2026 14:05
Finally some money for the harbour.
"""
    result = _clean(page)
    assert len(result.text.split("\n\n")) == 3
    assert result.comments == [
        Comment("Ria K.", "2026-11-23T14:05:00", "Finally some money for the harbour.")
    ]
    assert result.removed == ["Comment", "Comments (1)"]


def test_a_hard_wrapped_text_dump_is_read_paragraph_by_paragraph():
    paragraph = (
        "The regional council voted on Thursday to extend the night bus network to six\n"
        "more towns from January, after a trial run last winter carried more than forty\n"
        "thousand passengers and cut late-evening car journeys in the valley by a third.\n"
    )
    page = "Night buses to reach six more towns\nShare\n\n" + (paragraph + "\n") * 4 + "Related articles\n"
    result = _clean(page)
    paragraphs = result.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0] == " ".join(paragraph.split("\n")).strip()
    assert result.title == "Night buses to reach six more towns"
    assert result.removed == ["Share", "Related articles"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.sampled_from(
                ["Share", "Comments (2)", "Reply", "03/11/26 14:05", "2 hours ago", "Marie L.", "12", ""]
            ),
            st.sampled_from([ln for ln in PAGE.splitlines() if ln]),
        ),
        max_size=30,
    )
)
def test_clean_text_never_crashes_and_only_moves_lines_of_the_page(lines):
    page = "\n".join(lines)
    result = clean_text(page, published="2026-11-03T09:00:00", scraped="2026-11-03T18:00:00")
    page_lines = {ln.strip() for ln in page.splitlines()}
    for block in result.removed:
        assert all(part in page_lines for part in block.split("\n"))
    for paragraph in filter(None, result.text.split("\n\n")):
        assert paragraph in page_lines or all(w in page for w in paragraph.split())
    assert result.title is None or result.title in page_lines or result.title in page.replace("\n", " ")


def test_an_unexpected_failure_inside_becomes_a_stage_error_naming_the_page(monkeypatch):
    from newsprism import textclean
    from newsprism.errors import StageError

    def broken(line, page_lang):
        raise RuntimeError("boom")

    monkeypatch.setattr(textclean, "_prose", broken)
    with pytest.raises(StageError, match="https://example.org/a"):
        clean_text(PAGE, url="https://example.org/a")


MACHINE_TRANSLATED = """Flood barrier gives way in the valley of the Orvanne
[This article was translated automatically from French. Original version]
LERIN, 4 March (AHP) - The flood barrier of Lerin gave way in the night,and the water took away a dozen of garages, indicated the prefecture.
"We have never seen that, said the mayor Odile Fabre to the journalists.
The rescuers searched until the morning the cellars of the low town.
Comments (2)
Bastien R.
04/03/2026 - 09:14
The barrier was announced fragile since years.
Claire M.
05/03/2026 - 18:40
Courage to the inhabitants.
"""


def test_a_machine_translated_page_loses_its_notice_keeps_its_dateline_and_reads_dates_day_first():
    cleaned = clean_text(MACHINE_TRANSLATED, published=None)
    assert "translated automatically" not in cleaned.text
    assert any("translated automatically" in line for line in cleaned.removed)
    assert cleaned.dateline is not None and cleaned.dateline.place == "LERIN"
    assert cleaned.dateline.agency == "AHP"
    assert [c.posted for c in cleaned.comments] == ["2026-03-04T09:14:00", "2026-03-05T18:40:00"]


@pytest.mark.parametrize(
    "prompt",
    [
        "Hafenblatt-Newsletter: Jetzt kostenlos abonnieren!",
        "Abonnez-vous gratuitement à notre lettre",
        "Suscríbete gratis ahora",
        "Подпишитесь на рассылку бесплатно",
        "Subscribe to the Morning Briefing",
    ],
)
def test_a_subscribe_prompt_in_any_language_is_a_leftover(prompt):
    body = (
        "The harbour of Portvale reopened on Monday after dockworkers accepted a new pay offer.\n\n"
        "Ships began unloading within hours, the port authority said.\n\n"
    )
    cleaned = clean_text("Harbour reopens\n\n" + body + prompt + "\n")
    assert prompt in cleaned.removed
    assert prompt not in cleaned.text


def test_a_sentence_that_subscribes_to_a_view_is_kept():
    sentence = "Few economists subscribe to the view that rates will fall soon."
    cleaned = clean_text(
        "Rates stay put\n\nThe central bank of Costanera kept its key rate at 6.75% on Thursday.\n\n"
        + sentence
        + "\n\nThe next meeting is in May.\n"
    )
    assert sentence in cleaned.text


def test_words_glued_to_a_comma_or_full_stop_get_their_space_but_numbers_and_addresses_stay():
    from newsprism.textclean import unglue

    assert unglue("the minister Bertrand Alaix,who visited the dam,built in 1962") == (
        "the minister Bertrand Alaix, who visited the dam, built in 1962"
    )
    assert unglue("cracks at this place.He said so.") == "cracks at this place. He said so."
    assert unglue("1,000 people; U.S.Army; see www.Example.com/Page.Html or a.b@Site.org") == (
        "1,000 people; U.S.Army; see www.Example.com/Page.Html or a.b@Site.org"
    )


def test_a_machine_translated_page_is_kept_with_its_glued_words_apart():
    page = (
        "Dam gives way in the night\n\n"
        "The dam,built in 1962, gave way around 23h40 Wednesday after heavy rain on the valley.\n\n"
        "The minister of the Interior Bertrand Alaix,who visited the site Thursday, announced an inquiry.It "
        "will report within a month, the ministry said on Thursday evening in a statement.\n"
    )
    result = clean_text(page)
    assert "The dam, built in 1962" in result.text and "Alaix, who visited" in result.text
    assert "an inquiry. It will report" in result.text
