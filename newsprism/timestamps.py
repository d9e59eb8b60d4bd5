"""Timestamps as pages print them, in many languages, turned into ISO-8601.

Reused by the plain-text cleaner (comment times, date lines), the dateline parser and the HTML
extractor. Handles numeric forms (``03/11/26 14:05``, ``03.11.2026 14:05``, ``2026-11-03 14:05``),
month names in about a dozen languages (``3 November 2026``, ``November 3, 2026, 2:05 pm``,
``3 nov. 2026 à 14h05``, ``3. November 2026 um 14:05 Uhr``, ``3 de noviembre de 2026``,
``3 ноября 2026, 14:05``, ``ngày 3 tháng 11 năm 2026``) and relative forms (``2 hours ago``,
``il y a 3 heures``, ``vor 2 Stunden``, ``hace 3 horas``, ``2 часа назад``, ``2 giờ trước``,
``yesterday at 18:30``…), which need a reference time (when the page was scraped).

Day-first or month-first for ``03/11``: a value above 12 decides; otherwise the caller's
``day_first`` (see :func:`decide_day_first`, which looks at every timestamp of a page, its language
and its domain). Dotted dates (``03.11.2026``) are always day-first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

_MONTH_NAMES: dict[int, str] = {
    1: "january jan janvier janv januar jänner enero ene janeiro gennaio gen января январь янв ledna leden ocak januari stycznia styczeń",
    2: "february feb février fevrier févr fév februar febrero fevereiro fev febbraio февраля февраль фев февр února únor şubat subat februari lutego luty",
    3: "march mar mars märz marzo março marco марта март мар března březen mart maart marca marzec",
    4: "april apr avril avr abril abr aprile апреля апрель апр dubna duben nisan kwietnia kwiecień",
    5: "may mai mayo maio maggio mag мая май května květen mayıs mayis mei maja maj",
    6: "june jun juin juni junio junho giugno giu июня июнь июн června červen haziran czerwca czerwiec",
    7: "july jul juillet juil juli julio julho luglio lug июля июль июл července červenec temmuz lipca lipiec",
    8: "august aug août aout agosto ago августа август авг srpna srpen ağustos agustos augustus sierpnia sierpień",
    9: "september sep sept septembre septiembre setembro set settembre сентября сентябрь сен сент září eylül eylul września wrzesień",
    10: "october oct octobre oktober okt octubre outubro out ottobre ott октября октябрь окт října říjen ekim października październik",
    11: "november nov novembre noviembre novembro ноября ноябрь ноя нояб listopadu listopad kasım kasim listopada",
    12: "december dec décembre decembre déc dezember dez diciembre dic dezembro dicembre декабря декабрь дек prosince prosinec aralık aralik grudnia grudzień",
}
MONTHS: dict[str, int] = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
MONTH_RE = rf"(?i:{_MONTH_ALT})\.?"

_TIME = re.compile(
    r"(?<![\d.:/])(?P<h>[01]?\d|2[0-3])(?:(?::|\s?h\s?|\s?[時时시]\s?)(?P<m>[0-5]\d)[分분]?(?::(?P<s>[0-5]\d))?|(?=\s*(?:Uhr|[ap]\.?\s?m\.?)))"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\.?)?(?:\s*Uhr|\s?min\b)?(?![\d/])",
    re.IGNORECASE,
)
_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
_NUMERIC = re.compile(
    r"(?<![\d.:/·])(?P<a>\d{1,2})(?P<sep>[./·-])(?P<sp>\s?)(?P<b>\d{1,2})(?:(?P=sep)(?P=sp)(?P<y>\d{4}|\d{2}))?"
    r"(?![\d/·]|\.\d)"
)
_DAY_MONTH = re.compile(
    rf"(?<!\w)(?P<d>\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s*(?:de\s+|tháng\s+)?(?P<mon>{MONTH_RE})(?!\w)"
    rf"(?:,?\s*(?:de\s+|del\s+)?(?P<y>\d{{4}})(?:\s*(?:г\.|года|г|yılı))?)?",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"(?<!\w)(?P<mon>{MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s*(?P<y>\d{{4}}))?",
    re.IGNORECASE,
)
_CJK_DATE = re.compile(r"(?P<y>\d{4})\s*[年년]\s*(?P<mo>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]?")
_VI_DATE = re.compile(
    r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<mo>\d{1,2})(?:\s*(?:,|năm)\s*(?P<y>\d{4}))?", re.IGNORECASE
)

_UNITS = {
    "minute": r"min(?:ute)?s?|minuten?|minutos?|minut[oi]|minut(?:ami|ou|y)?|минут[уы]?|мин|phút|dakika",
    "hour": r"h|std|hrs?|hours?|heures?|stunden?|horas?|or[ae]|час(?:а|ов)?|giờ|saat|hodin(?:ou|ami|y)?",
    "day": r"d|days?|jours?|tag(?:e|en)?|días?|dias?|giorn[oi]|день|дн(?:я|ей)|ngày|gün|dn(?:em|y|ů)",
    "week": r"w|weeks?|semaines?|wochen?|semanas?|settiman[ae]|недел[юьи]|tuần|hafta|týdn(?:em|y)",
    "month": r"months?|mois|monat(?:e|en)?|mes(?:es)?|mês|mes[ei]|месяц(?:а|ев)?|tháng|ay|měsíc(?:em|i)",
    "year": r"years?|ans?|jahr(?:e|en)?|años?|anos?|ann[oi]|год(?:а)?|лет|năm|yıl|rok(?:em|y)|let(?:y)?",
}
_UNIT_ALT = "|".join(f"(?P<{name}>{alt})" for name, alt in _UNITS.items())
_NUM_WORD = r"\d+|an?|one|une?|einer?|einem|una?|uma?|um|одн[уа]"
_RELATIVE = re.compile(
    rf"(?<!\w)(?:(?P<pre>il y a|vor|hace|há|před)\s+)?(?P<n>{_NUM_WORD})(?:\s+|(?<=\d))(?:{_UNIT_ALT})\.?"
    rf"(?:\s+(?P<post>ago|назад|trước|önce|fa|atrás))?(?!\w)",
    re.IGNORECASE,
)
_NOW = re.compile(
    r"\b(?:just now|à l'instant|gerade eben|ahora mismo|agora mesmo|только что|vừa xong)\b", re.I
)
_DAY_WORDS = {
    -1: r"yesterday|hier|gestern|ayer|ontem|ieri|вчера|hôm qua|dün|včera|wczoraj",
    0: r"today|aujourd'hui|heute|hoy|hoje|oggi|сегодня|hôm nay|bugün|dnes|dzisiaj",
}
_DAY_WORD = re.compile(
    "(?<!\\w)(?:" + "|".join(f"(?P<d{k + 1}>{v})" for k, v in _DAY_WORDS.items()) + ")(?!\\w)", re.IGNORECASE
)
# Words that may surround a timestamp without being anything else ("Posted on", "à", "um", "lúc").
_FILLER = re.compile(
    r"(?i)\b(?:posted|published|updated|modified|on|at|am|um|uhr|à|le|de|del|el|às|alle|il|в|года|г|lúc|ngày|"
    r"publié|mis à jour|veröffentlicht|aktualisiert|publicado|actualizado|atualizado|pubblicato|aggiornato|"
    r"опубликовано|обновлено|đăng|cập nhật|vào|yayınlanma|güncelleme|publikováno|aktualizováno|saat|"
    r"mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|"
    r"samstag|sonntag|lunes|martes|miércoles|jueves|viernes|sábado|domingo|понедельник|вторник|среда|"
    r"четверг|пятница|суббота|воскресенье|thứ \w+|chủ nhật|gmt|utc|cet|cest|msk|ict|edt|est|bst)\b"
)
_PUNCT_ONLY = re.compile(r"^[\s,.;:|·•–—\-/()\[\]+]*$")


@dataclass(frozen=True)
class TimestampMatch:
    """A timestamp found in a line: its span, its ISO form, and whether it was day/month ambiguous."""

    start: int
    end: int
    iso: str
    ambiguous: bool = False


def _year_of(yy: str | None, year: int | None, reference: datetime | None) -> int | None:
    if yy:
        value = int(yy)
        if len(yy) == 2:
            value += 2000 if value < 70 else 1900
        return value
    if year is not None:
        return year
    return reference.year if reference else None


def _iso(day: date, hm: tuple[int, int, int] | None) -> str:
    if hm is None:
        return day.isoformat()
    return datetime(day.year, day.month, day.day, *hm).isoformat(timespec="seconds")


def _make_date(
    y: int | None, mo: int, d: int, reference: datetime | None, explicit_year: bool
) -> date | None:
    if y is None:
        return None
    try:
        value = date(y, mo, d)
    except ValueError:
        return None
    if not explicit_year and reference is not None and value > reference.date() + timedelta(days=1):
        try:
            value = date(y - 1, mo, d)
        except ValueError:
            return None
    return value


_DOT_TIME = re.compile(
    r"(?<![\d.])(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)(?:\s*(?P<ampm>[ap])\.?m\.?)?(?![\d.])", re.I
)


def _time_of(
    text: str, taken: tuple[int, int] | None
) -> tuple[tuple[int, int, int] | None, tuple[int, int] | None]:
    for m in _TIME.finditer(text):
        if taken and m.start() < taken[1] and m.end() > taken[0]:
            continue
        h, mi, s = int(m["h"]), int(m["m"] or 0), int(m["s"] or 0)
        if m["ampm"]:
            if h > 12:
                continue
            h = h % 12 + (12 if m["ampm"].lower() == "p" else 0)
        elif not m["m"] and "uhr" not in m.group(0).lower():
            continue
        return (h, mi, s), (m.start(), m.end())
    if taken:  # after a date, "7.14" / "06.00" is a time (British style)
        for m in _DOT_TIME.finditer(text):
            if m.start() >= taken[1] or m.end() <= taken[0]:
                ampm = (m["ampm"] or "").lower()
                h = int(m["h"]) % 12 + (12 if ampm == "p" else 0) if ampm else int(m["h"])
                return (h, int(m["m"]), 0), (m.start(), m.end())
    return None, None


def _date_span(
    text: str, day_first: bool | None, year: int | None, reference: datetime | None
) -> tuple[date, tuple[int, int], bool] | None:
    if m := _ISO.search(text):
        try:
            return date(int(m["y"]), int(m["mo"]), int(m["d"])), m.span(), False
        except ValueError:
            return None
    if m := _CJK_DATE.search(text):
        value = _make_date(int(m["y"]), int(m["mo"]), int(m["d"]), reference, True)
        return (value, m.span(), False) if value else None
    if m := _VI_DATE.search(text):
        y = _year_of(m["y"], year, reference)
        value = _make_date(y, int(m["mo"]), int(m["d"]), reference, bool(m["y"]))
        return (value, m.span(), False) if value else None
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        if m := pattern.search(text):
            mo = MONTHS.get(m["mon"].lower().rstrip("."))
            if mo is None:
                continue
            y = _year_of(m["y"], year, reference)
            value = _make_date(y, mo, int(m["d"]), reference, bool(m["y"]))
            return (value, m.span(), False) if value else None
    for m in _NUMERIC.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if m["sep"] == "-" and not m["y"]:
            continue
        if m["sep"] == "." and not m["y"] and text[m.end() : m.end() + 1] != ".":
            continue
        if m["sp"] and m["sep"] != ".":
            continue
        ambiguous = False
        if m["sep"] in ".·" or a > 12:
            d, mo = a, b
        elif b > 12:
            d, mo = b, a
        else:
            ambiguous = a != b
            d, mo = (a, b) if day_first is not False else (b, a)
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        y = _year_of(m["y"], year, reference)
        value = _make_date(y, mo, d, reference, bool(m["y"]))
        if value:
            return value, m.span(), ambiguous
    return None


def _relative(
    text: str, reference: datetime | None, bare: bool = False
) -> tuple[str, tuple[int, int]] | None:
    if m := _NOW.search(text):
        return (reference.isoformat(timespec="seconds") if reference else ""), m.span()
    if m := _RELATIVE.search(text):
        if not (m["pre"] or m["post"] or (bare and m["n"].isdigit())):
            return None
        raw = m["n"].lower()
        n = int(raw) if raw.isdigit() else 1
        unit = next(name for name in _UNITS if m[name])
        days = {"minute": 0, "hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}[unit]
        delta = (
            timedelta(minutes=n)
            if unit == "minute"
            else timedelta(hours=n)
            if unit == "hour"
            else timedelta(days=n * days)
        )
        return ((reference - delta).isoformat(timespec="seconds") if reference else ""), m.span()
    if m := _DAY_WORD.search(text):
        offset = -1 if m["d0"] else 0
        hm, tspan = _time_of(text, m.span())
        if hm is None and text.strip(" \t·•|,.:;-–—") != m.group(0):
            return None  # "Hier können Sie kommentieren": a day word needs a time, or to stand alone
        span = (min(m.start(), tspan[0]), max(m.end(), tspan[1])) if tspan else m.span()
        if reference is None:
            return "", span
        day = reference.date() + timedelta(days=offset)
        return _iso(day, hm), span
    return None


def match_timestamp(
    text: str,
    *,
    day_first: bool | None = None,
    year: int | None = None,
    reference: datetime | None = None,
    bare_relative: bool = False,
) -> TimestampMatch | None:
    """Find the first timestamp in a short ``text``; ``iso`` is "" when it is relative and no reference is given.

    Months without a year take ``year``, else the reference's year (a date after the reference goes to
    the year before). Returns None when there is no date (a lone ``14:05`` is not a timestamp).
    ``bare_relative`` also takes "22 Std." or "2h" without an "ago" word (for "Like · Reply · 2h" lines).
    """
    if len(text) > 300:
        return None
    found = _date_span(text, day_first, year, reference)
    if found:
        day, span, ambiguous = found
        hm, tspan = _time_of(text, span)
        start, end = (min(span[0], tspan[0]), max(span[1], tspan[1])) if tspan else span
        return TimestampMatch(start, end, _iso(day, hm), ambiguous)
    rel = _relative(text, reference, bare_relative)
    if rel:
        return TimestampMatch(rel[1][0], rel[1][1], rel[0])
    return None


_ZONE = re.compile(r"(?i)\(?\b(?:gmt|utc)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?\)?")


def is_filler(text: str) -> bool:
    """Whether ``text`` holds nothing but words that surround timestamps and punctuation."""
    return bool(_PUNCT_ONLY.match(_FILLER.sub(" ", _ZONE.sub(" ", text))))


def parse_timestamp(
    text: str,
    *,
    language: str | None = None,
    day_first: bool | None = None,
    year: int | None = None,
    reference: datetime | str | None = None,
) -> str | None:
    """The ISO-8601 form of ``text`` when the whole of it is a timestamp, else None.

    ``"03/11/26 14:05"`` → ``"2026-11-03T14:05:00"`` (day-first unless ``day_first=False`` or the
    values demand month-first); ``"2 hours ago"`` → reference minus two hours (None without a reference).
    ``language`` sets the default order when ``day_first`` is None (English: month-first).
    """
    ref = as_datetime(reference)
    if day_first is None and language is not None:
        day_first = language != "en"
    m = match_timestamp(text.strip(), day_first=day_first, year=year, reference=ref)
    if m is None or not m.iso:
        return None
    rest = text.strip()
    if not is_filler(rest[: m.start] + " " + rest[m.end :]):
        return None
    return m.iso


def as_datetime(value: datetime | str | None) -> datetime | None:
    """An ISO string or datetime as a naive datetime (None when missing or unreadable)."""
    if value is None or isinstance(value, datetime):
        return value.replace(tzinfo=None) if isinstance(value, datetime) else None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


# Country domains whose English pages still write month first; every other country writes day first.
_MONTH_FIRST_TLDS = ("us", "ph", "ca", "fm", "pw", "mh", "gu", "as", "pr", "vi")


# Month words that are also common words ("may", Spanish "mar" = sea…): no evidence of date order.
_AMBIGUOUS_MONTHS = frozenset(["may", "mar", "ago", "set", "out", "gen", "mag", "dic", "ene", "ay"])


def written_order_votes(texts: list[str], head: int = 200) -> int:
    """Date order shown by dates written with a month name near the start of lines: ``6 March``
    counts for day-first (+1), ``March 6`` for month-first (-1)."""
    votes = 0
    for text in texts:
        start = text[:head]
        for m in _DAY_MONTH.finditer(start):
            if m["mon"].lower().rstrip(".") not in _AMBIGUOUS_MONTHS:
                votes += 1
        for m in _MONTH_DAY.finditer(start):
            if m["mon"].lower().rstrip(".") not in _AMBIGUOUS_MONTHS:
                votes -= 1
    return votes


def decide_day_first(
    texts: list[str], language: str | None = None, url: str | None = None, written: list[str] | None = None
) -> bool:
    """Day-first or month-first for a page's slashed dates: the values first, then how the page writes
    dates with month names, then domain and language.

    A first field above 12 anywhere on the page means day-first; a second field above 12 means
    month-first. Failing that, dates written with a month name in ``written`` (or ``texts``) decide:
    ``6 March`` is a day-first page (a machine translation of a French page keeps its ``06/03``),
    ``March 6`` a month-first one. Otherwise English pages outside the day-first countries read
    month-first.
    """
    votes = 0
    for text in texts:
        for m in _NUMERIC.finditer(text[:300]):
            if m["sep"] in ".·":
                continue
            a, b = int(m["a"]), int(m["b"])
            if a > 12 >= b:
                votes += 1
            elif b > 12 >= a:
                votes -= 1
    if votes:
        return votes > 0
    if language == "en":
        order = written_order_votes(texts if written is None else written)
        if order:
            return order > 0
    if language != "en":
        return True
    host = (url or "").split("//")[-1].split("/")[0].split(":")[0].lower()
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    return len(tld) == 2 and tld.isalpha() and tld not in _MONTH_FIRST_TLDS
