from __future__ import annotations

import pytest

from newsprism.datelines import parse_dateline
from newsprism.records import Dateline


@pytest.mark.parametrize(
    ("text", "dateline", "rest"),
    [
        (
            "LONDON, March 3 (Reuters) - The bank said",
            Dateline("LONDON", "2026-03-03", "Reuters"),
            "The bank said",
        ),
        ("WASHINGTON (AP) — The Senate voted", Dateline("WASHINGTON", None, "AP"), "The Senate voted"),
        ("WASHINGTON — The Senate voted", Dateline("WASHINGTON", None, None), "The Senate voted"),
        ("PARIS, 3 mars (AFP) - Le gouvernement", Dateline("PARIS", "2026-03-03", "AFP"), "Le gouvernement"),
        ("MADRID, 3 mar (EFE).- El Gobierno", Dateline("MADRID", "2026-03-03", "EFE"), "El Gobierno"),
        ("BERLIN (dpa) - Die Regierung", Dateline("BERLIN", None, "dpa"), "Die Regierung"),
        ("Hamburg (dpa) - Die Bahn", Dateline("Hamburg", None, "dpa"), "Die Bahn"),
        ("МОСКВА, 3 марта. /ТАСС/. Правительство", Dateline("МОСКВА", "2026-03-03", "ТАСС"), "Правительство"),
        (
            "МОСКВА, 3 мар — РИА Новости. Правительство",
            Dateline("МОСКВА", "2026-03-03", "РИА Новости"),
            "Правительство",
        ),
        ("SANTA LUCIA, Calif. (AP) — A fire", Dateline("SANTA LUCIA, Calif.", None, "AP"), "A fire"),
        ("(Dân Việt) - Bộ Giáo dục", Dateline(None, None, "Dân Việt"), "Bộ Giáo dục"),
        ("新华社北京3月3日电 记者获悉", Dateline("北京", "2026-03-03", "新华社"), "记者获悉"),
        ("【福岡共同】九州北部は", Dateline("福岡", None, "共同"), "九州北部は"),
        ("MONTERREY, 2 de mayo.- El gobierno", Dateline("MONTERREY", "2026-05-02", None), "El gobierno"),
        ("BENGALURU: The line", Dateline("BENGALURU", None, None), "The line"),
        ("Bern (sda) Der Tunnel", Dateline("Bern", None, "sda"), "Der Tunnel"),
        (
            "Puerto Albar, 7 de marzo de 2026.- El ministro",
            Dateline("Puerto Albar", "2026-03-07", None),
            "El ministro",
        ),
        ("Lyon, le 3 mars 2026 – Le maire", Dateline("Lyon", "2026-03-03", None), "Le maire"),
        ("Berlin, 3. März 2026 - Die Regierung", Dateline("Berlin", "2026-03-03", None), "Die Regierung"),
        (
            "Москва. 3 марта. INTERFAX.RU - Компания",
            Dateline("Москва", "2026-03-03", "INTERFAX.RU"),
            "Компания",
        ),
    ],
)
def test_parse_dateline_reads_each_national_form(text, dateline, rest):
    assert parse_dateline(text, year=2026) == (dateline, rest)


def test_dateline_date_stays_as_written_without_a_year():
    dateline, _ = parse_dateline("PARIS, 3 mars (AFP) - Le gouvernement")
    assert dateline is not None and dateline.date == "3 mars"


@pytest.mark.parametrize(
    "text",
    [
        "The minister (left) - said nothing.",
        "Le ministre (PS) a dit non.",
        "US-Präsident (links) - ein Bild.",
        "In March, prices rose.",
        "UPDATE: The council met again.",
        "Yesterday, March 3, 2026, the council met.",
        "Paris, 3 mars - le maire a dit non.",
        "Die Regierung (dpa) hat beschlossen.",
        "",
    ],
)
def test_parse_dateline_leaves_ordinary_sentences_alone(text):
    assert parse_dateline(text, year=2026) == (None, text)
