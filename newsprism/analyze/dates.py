"""Date mentions: found by pattern, resolved with dateparser against the article's publication date.

Absolute dates (``2024-03-03``, ``March 3, 2024``, ``3 mars 2024``, ``3. März``, ``3 de marzo``,
``3 марта 2024 года``) and relative ones (``yesterday``, ``on Monday``, ``last week``, ``hier``,
``gestern``, ``ayer``, ``вчера``, ``в понедельник``). A relative date needs the publication date; without
it the mention is skipped rather than resolved against today. Values are ``YYYYMMDD`` numbers.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime, timedelta
from functools import lru_cache

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


def find_dates(
    text: str, language: str, base: datetime | None, limit: int = 500
) -> list[tuple[int, int, float]]:
    """``(start, end, YYYYMMDD)`` of every resolvable date mention (at most ``limit``)."""
    out: list[tuple[int, int, float]] = []
    for m in _date_re(language).finditer(text):
        mention = m.group(0)
        if not re.search(r"\d{4}", mention) and base is not None:
            pass
        when = _resolve(mention, language, base)
        if when is None:
            continue
        if not re.search(r"\d{4}", mention) and base is not None and re.search(r"\d", mention):
            # "March 3" without a year: the year of publication (dateparser would take the current one)
            when = when.replace(year=base.year)
        out.append((m.start(), m.end(), float(when.strftime("%Y%m%d"))))
        if len(out) >= limit:
            break
    return out
