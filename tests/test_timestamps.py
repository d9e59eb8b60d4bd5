from __future__ import annotations

import pytest

from newsprism.timestamps import decide_day_first, match_timestamp, parse_timestamp

SCRAPED = "2026-11-03T18:00:00"


def test_parse_timestamp_reads_day_first_slashes_with_two_digit_year():
    assert parse_timestamp("03/11/26 14:05", day_first=True) == "2026-11-03T14:05:00"


def test_parse_timestamp_goes_month_first_when_the_values_demand_it():
    # 13 cannot be a month, whatever the page's habit
    assert parse_timestamp("11/13/2026 9:05 pm", day_first=True) == "2026-11-13T21:05:00"
    assert parse_timestamp("13/02/2026 08:00", day_first=False) == "2026-02-13T08:00:00"


def test_parse_timestamp_uses_the_language_for_ambiguous_slashes():
    assert parse_timestamp("03/11/2026", language="en") == "2026-03-11"
    assert parse_timestamp("03/11/2026", language="fr") == "2026-11-03"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("03.11.2026 14:05", "2026-11-03T14:05:00"),
        ("2026-11-03 14:05", "2026-11-03T14:05:00"),
        ("November 3, 2026 at 2:05 pm", "2026-11-03T14:05:00"),
        ("3 nov. 2026 à 14h05", "2026-11-03T14:05:00"),
        ("3. November 2026 um 14:05 Uhr", "2026-11-03T14:05:00"),
        ("3 de noviembre de 2026, 14:05", "2026-11-03T14:05:00"),
        ("3 ноября 2026, 14:05", "2026-11-03T14:05:00"),
        ("14:05 ngày 3/11/2026", "2026-11-03T14:05:00"),
        ("Published: Tuesday, 3 November 2026", "2026-11-03"),
        ("03.11. 14:05", "2026-11-03T14:05:00"),
    ],
)
def test_parse_timestamp_reads_local_formats(text, iso):
    assert parse_timestamp(text, reference=SCRAPED) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2 hours ago", "2026-11-03T16:00:00"),
        ("il y a 3 heures", "2026-11-03T15:00:00"),
        ("vor 2 Stunden", "2026-11-03T16:00:00"),
        ("hace 3 horas", "2026-11-03T15:00:00"),
        ("2 часа назад", "2026-11-03T16:00:00"),
        ("2 giờ trước", "2026-11-03T16:00:00"),
        ("3 giorni fa", "2026-10-31T18:00:00"),
        ("yesterday at 18:30", "2026-11-02T18:30:00"),
        ("вчера в 18:30", "2026-11-02T18:30:00"),
    ],
)
def test_parse_timestamp_resolves_relative_times_against_the_scrape_time(text, iso):
    assert parse_timestamp(text, reference=SCRAPED) == iso


def test_relative_time_without_reference_is_not_resolved():
    assert parse_timestamp("2 hours ago") is None


@pytest.mark.parametrize("text", ["12", "1.2K views", "5 out of 10", "The vote was held in 2019.", "14:05"])
def test_parse_timestamp_rejects_lines_that_are_not_timestamps(text):
    assert parse_timestamp(text, reference=SCRAPED) is None


def test_month_without_year_takes_the_reference_year_and_never_lands_in_the_future():
    assert parse_timestamp("3 nov 14:05", reference="2026-11-05T00:00:00") == "2026-11-03T14:05:00"
    assert parse_timestamp("28 dec 14:05", reference="2027-01-02T00:00:00") == "2026-12-28T14:05:00"


def test_decide_day_first_looks_at_values_then_language_and_domain():
    assert decide_day_first(["03/11/26 14:05", "13/11/26 08:30"], "en") is True
    assert decide_day_first(["11/13/26 08:30"], "fr") is False
    assert decide_day_first(["03/11/26"], "en", "https://www.example.com/x") is False
    assert decide_day_first(["03/11/26"], "en", "https://www.example.co.uk/x") is True
    assert decide_day_first(["03/11/26"], "vi") is True


def test_an_english_page_that_writes_day_before_month_reads_slashed_dates_day_first():
    # a machine translation of a French page: "6 March" in its dateline, "06/03/2026" under comments
    written = ["PORTVALE, 6 March (AHP) - Rescuers searched the valley on Friday.", "06/03/2026 - 13:20"]
    assert decide_day_first(["06/03/2026 - 13:20"], "en", written=written) is True
    assert (
        decide_day_first(["06/03/2026 - 13:20"], "en", written=["PORTVALE, March 6 (AHP) - Rescuers"])
        is False
    )
    # "may" is a word before it is a month: no evidence either way, the language decides
    assert decide_day_first(["06/03/2026"], "en", written=["Officials said 3 may be too few."]) is False
    # values above 12 still outrank the written order
    assert decide_day_first(["03/13/2026"], "en", written=["PORTVALE, 6 March"]) is False


def test_match_timestamp_gives_the_span_inside_an_author_line():
    line = "Marie L. · 03/11/26 14:05"
    m = match_timestamp(line, day_first=True)
    assert m is not None
    assert line[m.start : m.end] == "03/11/26 14:05"


def test_british_dot_times_follow_a_date():
    assert parse_timestamp("Wed 9 Sep 2026 06.00 BST") == "2026-09-09T06:00:00"
    assert parse_timestamp("9 Sep 2026 7.14pm") == "2026-09-09T19:14:00"


def test_a_day_word_needs_a_time_or_to_stand_alone():
    # German "Hier" (here) is French "hier" (yesterday) only when it is a timestamp
    assert parse_timestamp("Hier können Sie kommentieren", reference=SCRAPED) is None
    assert parse_timestamp("Yesterday", reference=SCRAPED) == "2026-11-02"
    assert parse_timestamp("hier à 18h30", reference=SCRAPED) == "2026-11-02T18:30:00"


def test_spanish_afternoon_times_with_spaced_abbreviation():
    assert parse_timestamp("9 de junio de 2026, 8:02 p. m.") == "2026-06-09T20:02:00"


def test_chinese_japanese_and_korean_dates():
    assert parse_timestamp("2026年6月15日 18時30分") == "2026-06-15T18:30:00"
    assert parse_timestamp("2026年3月3日 14:05") == "2026-03-03T14:05:00"
    assert parse_timestamp("2026년 3월 3일") == "2026-03-03"
