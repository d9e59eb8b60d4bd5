"""Datelines: the ``PLACE, date (Agency) -`` opening of a news dispatch, in its national forms.

    LONDON, March 3 (Reuters) - …          WASHINGTON (AP) — …          WASHINGTON — …
    PARIS, 3 mars (AFP) - …                MADRID, 3 mar (EFE).- …       BERLIN (dpa) - …
    МОСКВА, 3 марта. /ТАСС/. …             МОСКВА, 3 мар — РИА Новости. …  (Dân trí) - …

:func:`parse_dateline` returns the parsed :class:`~newsprism.records.Dateline` and the text after it.
The cleaner keeps the dateline in the article text (it is part of what the outlet printed, and offsets
of later stages stay true to the page); ``Article.dateline`` carries its parsed form.
"""

from __future__ import annotations

import re
from datetime import date

from newsprism.records import Dateline
from newsprism.timestamps import MONTH_RE, MONTHS

_UPPER_PLACE = r"[^\W\d_a-zа-яё][^\W\da-zа-яё]*(?:[ .'’-]{1,2}[^\W\d_a-zа-яё][^\W\da-zа-яё]*){0,5}"
_ANY_PLACE = r"[^\W\d_a-zа-яё][\w'’-]*(?:[ .-]{1,2}[^\W\d_][\w'’-]*){0,5}"
_DATE = rf"(?:\d{{1,2}}\.?\s+(?:de\s+)?{MONTH_RE}|{MONTH_RE}\s+\d{{1,2}})(?:,?\s+(?:de\s+)?\d{{4}})?"
# a US state: "SANTA LUCIA, Calif." / "ALBANY, N.Y." / "BOISE, Idaho (AP)"
_STATE = rf"(?:,\s*(?!{MONTH_RE}\b)(?:[A-Z][a-z]{{1,5}}\.|[A-Z]\.[A-Z]\.|[A-Z][a-z]{{2,12}}(?=\s*\()))?"
_DASH = r"(?:\s*\.\s*[-–—]|\s*[-–—:]|\s*\.)"

_PAREN = re.compile(
    rf"^(?P<place>{_ANY_PLACE}{_STATE})(?:,\s*(?P<date>{_DATE}))?\s*\((?P<agency>[^()\n]{{1,40}})\)(?P<dash>{_DASH})?\s*",
)
_SLASH = re.compile(
    rf"^(?P<place>{_UPPER_PLACE}),\s*(?P<date>{_DATE})\.?\s*/(?P<agency>[^/\n]{{1,30}})/\.?\s*"
)
_DASH_AGENCY = re.compile(
    rf"^(?P<place>{_UPPER_PLACE}),\s*(?P<date>{_DATE})\s*[-–—]\s*(?P<agency>[^\W\d_][\w-]*(?: [^\W\d_][\w-]*){{0,2}})\.\s+"
)
_BARE = re.compile(
    rf"^(?P<place>{_UPPER_PLACE}{_STATE})(?:,\s*(?P<date>{_DATE}))?\s*(?P<sep>[–—]| -|\.-|\.\s*[–—]|:)\s*(?=\S)"
)
# "Puerto Albar, 7 de marzo de 2026.- ", "Lyon, le 3 mars 2026 - ": a place as written (not in capitals)
# is a dateline only with a whole date, year included, and a dash after it
_PLACE_FULL_DATE = re.compile(
    rf"^(?P<place>{_ANY_PLACE}),\s*(?:le\s+|am\s+)?(?P<date>(?:\d{{1,2}}\.?\s+(?:de\s+)?{MONTH_RE}|"
    rf"{MONTH_RE}\s+\d{{1,2}}),?\s+(?:de\s+)?\d{{4}})\s*(?:\.\s*[-–—]|[–—]| -)\s*(?=\S)"
)
_DOTTED = re.compile(  # "Москва. 3 марта. INTERFAX.RU - "
    rf"^(?P<place>{_ANY_PLACE})\.\s*(?P<date>{_DATE})\.\s*(?P<agency>[^\W\d_a-zа-яё][^\s]{{1,30}})\s*[-–—]\s*"
)
_CN_WIRE = re.compile(  # "新华社北京3月3日电 "
    r"^(?P<agency>新华社|中新社|中新网|人民网|央视新闻|中央社)(?P<place>[\u4e00-\u9fff]{2,5}?)"
    r"(?P<date>\d{1,2}月\d{1,2}日)电\s*"
)
_JP_WIRE = re.compile(  # "【福岡共同】"
    r"^【(?P<place>[^】]{1,10}?)(?P<agency>共同|時事|ロイター|AFP時事|AFP|AP|新華社|聯合)】\s*"
)
_AGENCY_ONLY = re.compile(r"^\((?P<agency>[^()\n]{1,30})\)\s*[-–—]\s*")

KNOWN_AGENCIES = frozenset(
    a.lower()
    for a in (
        "Reuters",
        "AP",
        "AFP",
        "dpa",
        "EFE",
        "ANSA",
        "Xinhua",
        "Kyodo",
        "Yonhap",
        "Anadolu",
        "TASS",
        "ТАСС",
        "РИА Новости",
        "RIA Novosti",
        "Интерфакс",
        "Interfax",
        "ТАСС",
        "Sputnik",
        "TTXVN",
        "VNA",
        "Europa Press",
        "Lusa",
        "TTO",
        "VOV",
        "VTV",
        "PLO",
        "NLĐO",
        "SGGP",
        "VnExpress",
        "sda",
        "ats",
        "Keystone-SDA",
        "Keystone-ATS",
        "LETA",
        "BNS",
        "STT",
        "NTB",
        "Ritzau",
        "ANP",
        "HINA",
        "Tanjug",
        "AGERPRES",
        "INTERFAX.RU",
        "Agência Brasil",
        "ČTK",
        "APA",
        "Belga",
        "PAP",
        "Bloomberg",
        "UPI",
        "AAP",
        "PTI",
        "IANS",
        "KNA",
        "epd",
        "KNA",
        "Notimex",
        "Télam",
        "Prensa Latina",
        "BTA",
        "MTI",
        "Ukrinform",
        "Укрінформ",
        "ЛІГА",
    )
)


# Words that open a line in capitals and a colon without being a place ("BREAKING: …").
_LABEL_WORDS = (
    "update updated breaking watch exclusive analysis opinion editorial note live video photos photo read "
    "correction clarification warning alert explainer factbox timeline urgent eilmeldung exklusiv "
    "direct vidéo urgente exclusiva срочно молния эксклюзив nóng"
)
_LABELS = frozenset(_LABEL_WORDS.split())


def _resolve(raw: str | None, year: int | None) -> str | None:
    if not raw:
        return None
    text = " ".join(raw.split())
    if (cjk := re.fullmatch(r"(\d{1,2})月(\d{1,2})日", text)) and year is not None:
        try:
            return date(year, int(cjk[1]), int(cjk[2])).isoformat()
        except ValueError:
            return text
    years = re.findall(r"\b\d{4}\b", text)
    if year is None and not years:
        return text
    if years:
        year = int(years[0])
        text_wo_year = text.replace(years[0], " ")
    else:
        text_wo_year = text
    numbers = re.findall(r"\d{1,2}", text_wo_year)
    words = [w.lower().rstrip(".") for w in re.findall(r"[^\W\d_]+\.?", text_wo_year)]
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    if not numbers or month is None or year is None:
        return text
    try:
        return date(year, month, int(numbers[0])).isoformat()
    except ValueError:
        return text


def _agency_like(text: str) -> bool:
    parts = [p.strip() for p in re.split(r"[/,]", text) if p.strip()]
    return bool(parts) and all(
        p.lower() in KNOWN_AGENCIES or (len(p.split()) <= 3 and all(w[:1].isupper() for w in p.split()))
        for p in parts
    )


def _is_upper_place(place: str) -> bool:
    letters = [c for c in place.split(",")[0] if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def parse_dateline(
    text: str, language: str | None = None, year: int | None = None
) -> tuple[Dateline | None, str]:
    """Parse a dateline at the start of ``text``; returns ``(Dateline | None, rest of the text)``.

    The date is ISO (``2026-03-03``) when ``year`` is given, else as written (``3 mars``). ``language``
    is accepted for symmetry with the other parsers; the forms are recognised in every language.
    """
    head = text[:300]
    if m := _CN_WIRE.match(head):
        return Dateline(m["place"], _resolve(m["date"], year), m["agency"]), text[m.end() :]
    if m := _JP_WIRE.match(head):
        return Dateline(m["place"], None, m["agency"]), text[m.end() :]
    if m := _SLASH.match(head):
        agency = m["agency"].strip()
        if _agency_like(agency):
            return Dateline(m["place"], _resolve(m["date"], year), agency), text[m.end() :]
    if (m := _DASH_AGENCY.match(head)) and _is_upper_place(m["place"]) and _agency_like(m["agency"]):
        return Dateline(m["place"], _resolve(m["date"], year), m["agency"]), text[m.end() :]
    if m := _PAREN.match(head):
        agency = m["agency"].strip()
        place = m["place"].strip()
        known = any(part.strip().lower() in KNOWN_AGENCIES for part in re.split(r"[/,]", agency))
        plausible = _is_upper_place(place) or known or _agency_like(agency)
        dashed = bool(m["dash"] and m["dash"].strip()) or bool(m["date"])
        undashed = agency.lower() in KNOWN_AGENCIES and text[m.end() : m.end() + 1].isupper()
        if plausible and (m["date"] or len(place.split()) <= 3) and (dashed or undashed):
            return Dateline(place, _resolve(m["date"], year), agency), text[m.end() :]
    if (m := _DOTTED.match(head)) and (m["agency"].isupper() or m["agency"].lower() in KNOWN_AGENCIES):
        return Dateline(m["place"], _resolve(m["date"], year), m["agency"]), text[m.end() :]
    if (m := _BARE.match(head)) and _is_upper_place(m["place"]) and len(m["place"]) >= 2:
        place = m["place"].strip()
        if m["sep"] == ":" and (place.lower() in _LABELS or len(place) < 4):
            return None, text  # "UPDATE: …", "WATCH: …" are labels, not places
        if not m["date"] and place.lower() in KNOWN_AGENCIES:
            return Dateline(None, None, place), text[m.end() :]  # an outlet's tag: "TTO - …", "VOV - …"
        return Dateline(place, _resolve(m["date"], year), None), text[m.end() :]
    if m := _PLACE_FULL_DATE.match(head):
        return Dateline(m["place"].strip(), _resolve(m["date"], year), None), text[m.end() :]
    if (m := _AGENCY_ONLY.match(head)) and len(m["agency"].split()) <= 4 and m["agency"][:1].isupper():
        return Dateline(None, None, m["agency"].strip()), text[m.end() :]
    return None, text
