"""Date mentions: found by pattern, resolved with dateparser against the article's publication date.

Absolute dates (``2024-03-03``, ``March 3, 2024``, ``3 mars 2024``, ``3. März``, ``3 de marzo``,
``3 марта 2024 года``) and relative ones (``yesterday``, ``on Monday``, ``last week``, ``hier``,
``gestern``, ``ayer``, ``вчера``, ``в понедельник``), including spans counted back from publication
(``three days ago``, ``il y a deux semaines``, ``hace un mes``, ``vor drei Tagen``, ``два года назад``,
``tre giorni fa``, ``před dvěma týdny``). A relative date needs the publication date; without it the
mention is skipped rather than resolved against today. Values are ``YYYYMMDD`` numbers.
"""

from __future__ import annotations

import calendar
import re
import warnings
from datetime import datetime, timedelta
from functools import lru_cache

from newsprism.analyze import number_words as nw

_MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ),
    "fr": (
        "janvier",
        "février",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "decembre",
    ),
    "de": (
        "januar",
        "jänner",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "setiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "ru": (
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ),
    "cs": (
        "ledna",
        "února",
        "března",
        "dubna",
        "května",
        "června",
        "července",
        "srpna",
        "září",
        "října",
        "listopadu",
        "prosince",
    ),
    "it": (
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ),
}
_RELATIVE: dict[str, tuple[str, ...]] = {
    "en": (
        "yesterday",
        "today",
        "tomorrow",
        "last week",
        "last month",
        "next week",
        "next month",
        "on monday",
        "on tuesday",
        "on wednesday",
        "on thursday",
        "on friday",
        "on saturday",
        "on sunday",
        "last monday",
        "last tuesday",
        "last wednesday",
        "last thursday",
        "last friday",
        "last saturday",
        "last sunday",
    ),
    "fr": (
        "hier",
        "aujourd'hui",
        "aujourd’hui",
        "demain",
        "avant-hier",
        "la semaine dernière",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
    ),
    "de": (
        "gestern",
        "heute",
        "vorgestern",
        "letzte woche",
        "am montag",
        "am dienstag",
        "am mittwoch",
        "am donnerstag",
        "am freitag",
        "am samstag",
        "am sonntag",
    ),
    "es": (
        "ayer",
        "hoy",
        "anteayer",
        "la semana pasada",
        "el lunes",
        "el martes",
        "el miércoles",
        "el jueves",
        "el viernes",
        "el sábado",
        "el domingo",
    ),
    "ru": (
        "вчера",
        "сегодня",
        "завтра",
        "позавчера",
        "на прошлой неделе",
        "в понедельник",
        "во вторник",
        "в среду",
        "в четверг",
        "в пятницу",
        "в субботу",
        "в воскресенье",
    ),
    "cs": (
        "včera",
        "dnes",
        "zítra",
        "v pondělí",
        "v úterý",
        "ve středu",
        "ve čtvrtek",
        "v pátek",
        "v sobotu",
        "v neděli",
    ),
    "it": (
        "ieri",
        "oggi",
        "domani",
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "sabato",
        "domenica",
    ),
}
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
    "montag": 0,
    "dienstag": 1,
    "mittwoch": 2,
    "donnerstag": 3,
    "freitag": 4,
    "samstag": 5,
    "sonntag": 6,
    "lunes": 0,
    "martes": 1,
    "miércoles": 2,
    "jueves": 3,
    "viernes": 4,
    "sábado": 5,
    "domingo": 6,
    "понедельник": 0,
    "вторник": 1,
    "среду": 2,
    "четверг": 3,
    "пятницу": 4,
    "субботу": 5,
    "воскресенье": 6,
    "pondělí": 0,
    "úterý": 1,
    "středu": 2,
    "čtvrtek": 3,
    "pátek": 4,
    "sobotu": 5,
    "neděli": 6,
    "lunedì": 0,
    "martedì": 1,
    "mercoledì": 2,
    "giovedì": 3,
    "venerdì": 4,
    "sabato": 5,
    "domenica": 6,
}
_OFFSETS = {
    "yesterday": -1,
    "today": 0,
    "tomorrow": 1,
    "hier": -1,
    "aujourd'hui": 0,
    "aujourd’hui": 0,
    "demain": 1,
    "avant-hier": -2,
    "gestern": -1,
    "heute": 0,
    "vorgestern": -2,
    "ayer": -1,
    "hoy": 0,
    "anteayer": -2,
    "вчера": -1,
    "сегодня": 0,
    "завтра": 1,
    "позавчера": -2,
    "včera": -1,
    "dnes": 0,
    "zítra": 1,
    "ieri": -1,
    "oggi": 0,
    "domani": 1,
    "last week": -7,
    "la semaine dernière": -7,
    "letzte woche": -7,
    "la semana pasada": -7,
    "на прошлой неделе": -7,
    "next week": 7,
}


@lru_cache(maxsize=16)
def _date_re(language: str) -> re.Pattern[str]:
    months = _MONTHS.get(language, ()) + _MONTHS["en"]
    month = "|".join(sorted((re.escape(m) for m in set(months)), key=len, reverse=True))
    relative = _RELATIVE.get(language, ()) + _RELATIVE["en"]
    rel = "|".join(sorted((re.escape(r) for r in set(relative)), key=len, reverse=True))
    patterns = [
        r"\d{4}-\d{2}-\d{2}",
        r"\d{1,2}[./]\d{1,2}[./]\d{4}",
        rf"\d{{1,2}}(?:er)?\.?\s+(?:de\s+)?(?:{month})\.?(?:,?\s+(?:de\s+|del\s+)?\d{{4}}(?:\s+(?:года|г\.))?)?",
        rf"(?:{month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?!\d)",
        rf"(?:{rel})",
    ]
    return re.compile(r"(?<![\w])(?:" + "|".join(patterns) + r")(?![\w])", re.IGNORECASE)


def _resolve(mention: str, language: str, base: datetime | None) -> datetime | None:
    folded = mention.casefold()
    if base is not None:
        if folded in _OFFSETS:
            return base + timedelta(days=_OFFSETS[folded])
        last = folded.split()[-1]
        if last in _WEEKDAYS:  # the latest such weekday not after publication (news reports the past)
            delta = (base.weekday() - _WEEKDAYS[last]) % 7
            if folded.startswith("last ") and delta == 0:
                delta = 7
            return base - timedelta(days=delta)
    elif folded in _OFFSETS or folded.split()[-1] in _WEEKDAYS:
        return None
    return _dateparser(mention, language, base)


@lru_cache(maxsize=4096)
def _dateparser(mention: str, language: str, base: datetime | None) -> datetime | None:
    import dateparser

    settings: dict[str, object] = {
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "MDY" if language == "en" else "DMY",
    }
    if base is not None:
        settings["RELATIVE_BASE"] = base
    languages = [language, "en"] if language not in ("en", "und") else ["en"]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return dateparser.parse(mention, languages=languages, settings=settings)  # type: ignore[arg-type]
    except Exception:  # dateparser raises assorted errors on odd input
        return None


# a span counted back from publication: (pattern with an "n" and a "unit" group, unit word → days)
_ONE = r"a|an|one|un|une|una|uno|ein|einem|einer|один|одну|jeden|jedním"
_AGO_UNITS: dict[str, float] = {}
for _days, _words in (
    (
        1.0,
        "day days jour jours día días dia dias tag tagen tage день дня дней giorno giorni den dny dnem dnů",
    ),
    (
        7.0,
        "week weeks semaine semaines semana semanas woche wochen неделю недели недель неделя settimana "
        "settimane týden týdny týdnem týdnů",
    ),
    (
        30.44,
        "month months mois mes meses monat monaten monate месяц месяца месяцев mese mesi měsíc měsíci měsícem",
    ),
    (
        365.25,
        "year years an ans année années año años jahr jahren jahre год года лет anno anni rok roky rokem lety",
    ),
):
    _AGO_UNITS.update(dict.fromkeys(_words.split(), _days))
_AGO_UNIT = "|".join(sorted(_AGO_UNITS, key=len, reverse=True))
_AGO_N = rf"(?P<n>\d{{1,3}}|{_ONE}|[^\W\d_]+(?:-[^\W\d_]+|\s+y\s+[^\W\d_]+)?)"
COUNTED_BACK = re.compile(
    rf"(?<![\w])(?:{_AGO_N}\s+(?P<unit>{_AGO_UNIT})\s+(?:ago|назад|fa)"
    rf"|(?:il y a|hace|vor|před)\s+{_AGO_N.replace('?P<n>', '?P<n2>')}\s+(?P<unit2>{_AGO_UNIT}))(?![\w])",
    re.IGNORECASE,
)


def _count(word: str, language: str) -> float | None:
    """The value of ``word`` ("3", "three", "drei", "a", "une") as a small count, else None."""
    word = word.casefold()
    if word.isdigit():
        return float(word)
    if re.fullmatch(_ONE, word):
        return 1.0
    for table in (nw.OTHER_WORDS.get(language, {}), nw._compounds().get(language, {}), nw.EN_WORDS):
        if word in table:
            return float(table[word])
    return None


def _back(base: datetime, n: float, days: float) -> datetime | None:
    """``base`` minus ``n`` units of ``days`` days; months and years by the calendar ("2 years ago")."""
    if days < 30 or n != int(n):
        return base - timedelta(days=round(n * days))
    months = int(n) * (12 if days > 300 else 1)
    year, month = divmod(base.year * 12 + base.month - 1 - months, 12)
    if year < 1:
        return None
    day = min(base.day, calendar.monthrange(year, month + 1)[1])
    return base.replace(year=year, month=month + 1, day=day)


def counted_back(text: str, language: str, base: datetime | None) -> list[tuple[int, int, float]]:
    """``(start, end, YYYYMMDD)`` of spans counted back from ``base``: "three days ago", "hace un mes"."""
    if base is None:
        return []
    out = []
    for m in COUNTED_BACK.finditer(text):
        n = _count(m["n"] or m["n2"], language)
        unit = (m["unit"] or m["unit2"]).casefold()
        if n is None or n > 400:
            continue
        when = _back(base, n, _AGO_UNITS[unit])
        if when is None:
            continue
        out.append((m.start(), m.end(), float(when.strftime("%Y%m%d"))))
    return out


def find_dates(
    text: str, language: str, base: datetime | None, limit: int = 500
) -> list[tuple[int, int, float]]:
    """``(start, end, YYYYMMDD)`` of every resolvable date mention (at most ``limit``)."""
    out: list[tuple[int, int, float]] = counted_back(text, language, base)[:limit]
    taken = [(a, b) for a, b, _ in out]
    for m in _date_re(language).finditer(text):
        if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken):
            continue
        mention = m.group(0)
        when = _resolve(mention, language, base)
        if when is None:
            continue
        if not re.search(r"\d{4}", mention) and base is not None and re.search(r"\d", mention):
            # "March 3" without a year: the year of publication (dateparser would take the current one)
            when = when.replace(year=base.year)
        out.append((m.start(), m.end(), float(when.strftime("%Y%m%d"))))
        if len(out) >= limit:
            break
    return sorted(out)
