"""Numbers that disagree: the same quantity about the same thing, reported with different values.

1. Every number of every claim unit becomes a *quantity*: a dimension (money in one currency, percent,
   length, area, speed, duration, mass, clock time, or a plain count) and a value in the dimension's base
   unit, so "$48bn" and "48 billion dollars", "120 km²" and "12,000 ha", "1,378 feet" and "420 m" compare
   equal. Calendar dates written with a day ("June 20", "20. Juni", "1 апреля") are a dimension too,
   agreeing only when equal; years, weekdays and the date of a dateline are left out (they date the
   story, not a disputed figure).
2. Two quantities of two articles are *counterparts* when they have the same dimension, sit in units
   that are aligned (same claim) or similar enough (``threshold``), and each is the other's best match in
   its article: an equal value first, else the one in the most similar unit. Plain counts whose unit
   nouns are written in the same language must also count the same thing ("312 passengers" is not
   "18 crew").
3. Counterparts are linked into components (one quantity per article); a component whose values
   disagree (beyond rounding: "about 3,500" and "3,480" agree, "12 dead" and "14 dead" do not; a plain
   round figure is exact, its zeros are rounding only after a cue such as "about", "more than", "rund",
   "около" or in a unit conversion, so "30 %" and "25%" disagree; a short value its own article sets
   beside a more precise one it would round, the 3% target beside 3.1% inflation, is exact) is a
   contradiction listing every value with its article. Two values that any article of the story reports
   side by side as two quantities (a winner's 52.4% and a loser's 47.6%, 87% in favour on a 91%
   turnout, a fine and a profit) are different things, not a disagreement; values more than ten times
   apart (percentages: three times) are taken as different things (or a parsing slip), never as a
   contradiction. A clock time
   written without minutes ("shortly after 7 a.m.") is rounded to the hour, so it agrees with 7:15; a
   share written in words ("two thirds", "la moitié", "zwei Drittel") agrees with percentages within
   five points of it (64% is "knapp zwei Drittel"); a number word in its own unit is as precise as that
   unit ("five miles" agrees with "huit kilomètres").

Left out as no reported figure: a span counted back from the story's moment ("two weeks ago", "hace dos
semanas", "vor zwei Wochen"), a figure in an "if" clause ("losses of $14m if the strike lasts ten days"),
the parts of a clock time ("23 h 40"). Money per day, week, month or year ("$130m a day", "pro Tag") is a
rate, compared only with rates of the same period. The context of a number stops at the next figure:
"14 dead and 25 missing" makes 25 about the missing.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsprism import names
from newsprism.analyze.dates import COUNTED_BACK
from newsprism.analyze.numbers import bare_sum
from newsprism.compare.sets import DisjointSets
from newsprism.compare.units import Unit
from newsprism.records import Contradiction, ContradictionValue

THRESHOLD = 0.2  # least unit similarity for two numbers to be about the same thing (outside one claim)
CONTEXT_THRESHOLD = 0.3  # least similarity of the words around two different values (when embedded)…
ALIGNED = 0.45  # … or CONTEXT_ALIGNED when their units are this similar (the alignment threshold) or
CONTEXT_ALIGNED = (
    0.2  # share a claim ("A dozen people … treated in hospital" / "14 Anwohner … im Krankenhaus")
)
CONTEXT_WORDS = 4
MAX_RATIO = 10.0
MAX_PERCENT_RATIO = 3.0  # two outlets' readings of one share are never 5% and 50%
WORD_SHARE_STEP = 10.0  # "two thirds" agrees with 62-72%, "la moitié" with 45-55%
APPROXIMATE_WORD_SPAN = 0.5  # "une vingtaine" agrees with values within 25 % of 20
# number words that are themselves approximate ("une trentaine de", "una veintena de", "десяток")
_ROUGHLY = re.compile(r"(?:aine|ena|enar)\s+de\b|десят(?:ок|ка)", re.I)
_WORDS = re.compile(r"\w[\w'’.,%-]*", re.UNICODE)

# folded unit word → (dimension, factor to the dimension's base unit)
_UNITS: dict[str, tuple[str, float]] = {}
for _dim, _factor, _names in (
    ("length", 1.0, "m metre metres meter meters metro metros metre metres metern meter метр метра метров"),
    (
        "length",
        1e3,
        "km kilometre kilometres kilometer kilometers kilometro kilometros kilometern км километр километра километров",
    ),
    (
        "length",
        0.01,
        "cm centimetre centimetres centimeter centimeters centimetro centimetros zentimeter zentimetern см",
    ),
    (
        "length",
        0.001,
        "mm millimetre millimetres millimeter millimeters milimetro milimetros millimetern мм миллиметров",
    ),
    ("length", 0.3048, "ft foot feet pie pies fuss"),
    ("length", 1609.34, "mile miles mi milla millas meile meilen миля миль"),
    ("area", 1.0, "m2 m²"),
    ("area", 1e4, "ha hectare hectares hectarea hectareas hektar гектар гектара гектаров"),
    ("area", 1e6, "km2 km² кв.км"),
    ("area", 4046.86, "acre acres"),
    ("speed", 1.0, "km/h kph kmh"),
    ("speed", 1.60934, "mph"),
    (
        "duration",
        1.0,
        "s sec second seconds segundo segundos seconde secondes sekunde sekunden секунд секунды секунда",
    ),
    ("duration", 60.0, "min minute minutes minuto minutos minuten минут минуты минута"),
    ("duration", 3600.0, "h hour hours hora horas heure heures stunde stunden час часа часов"),
    ("duration", 86400.0, "day days dia dias jour jours tag tage tagen день дня дней"),
    ("duration", 604800.0, "week weeks semaine semaines semana semanas woche wochen неделя недели недель"),
    ("duration", 2629800.0, "month months mois mes meses monat monate monaten месяц месяца месяцев"),
    ("duration", 31557600.0, "year years ano anos an ans jahr jahre jahren год года лет"),
    ("mass", 1.0, "kg kilo kilos kilogram kilograms kilogramme kilogrammes kilogramo kilogramos кг"),
    ("mass", 1e3, "t tonne tonnes ton tons tonelada toneladas tonnen тонн тонны"),
    ("power", 1e6, "mw"),
    ("power", 1e9, "gw"),
):
    for _name in _names.split():
        _UNITS.setdefault(_name, (_dim, _factor))
_SQUARE = re.compile(r"^(?:square|sq\.?)\s+(.*)$|^(.*)\s+(?:carr[ée]s?|cuadrados?)$|^quadrat(.*)$")
_PER_HOUR = re.compile(
    r"^\s*(?:[^\W\d]+\.?\s*)?(?:/\s*h\b|per hour|an hour|por hora|pro stunde|à l'heure|de l'heure|в час)",
    re.I,
)
# money per unit of time ("$130m a day", "130 Millionen Dollar pro Tag", "48.000 millones al año"): a rate,
# not an amount; its dimension names the period
_PER_PERIOD = re.compile(
    r"^\s*(?:[^\W\d]+\.?\s*)?(?:a|an|per|each|every|pro|je|am|im|par|por|al|cada|в|за)\s+"
    r"(?P<period>day|week|month|year|tag|woche|monat|jahr|jour|semaine|mois|an|année|día|dia|semana|mes|año|"
    r"ano|день|неделю|месяц|год)\b|^\s*(?:[^\W\d]+\.?\s*)?(?P<adverb>daily|annually|yearly|monthly|weekly|"
    r"täglich|jährlich|monatlich|par jour|anual(?:mente)?|diari(?:o|amente)|mensual(?:mente)?|ежегодно|"
    r"ежедневно)\b",
    re.I,
)
_PERIODS = {
    "day": "day", "tag": "day", "jour": "day", "día": "day", "dia": "day", "день": "day", "daily": "day",
    "täglich": "day", "diario": "day", "diariamente": "day", "ежедневно": "day", "par jour": "day",
    "week": "week", "woche": "week", "semaine": "week", "semana": "week", "неделю": "week", "weekly": "week",
    "month": "month", "monat": "month", "mois": "month", "mes": "month", "месяц": "month",
    "monthly": "month", "monatlich": "month", "mensual": "month", "mensualmente": "month",
}  # fmt: skip
# a span of time counted back from the story's moment ("two weeks ago", "hace dos semanas", "il y a trois
# jours", "vor zwei Wochen", "два дня назад") dates an event: not a duration ("94 seconds after" is one)
_SINCE_BEFORE = re.compile(r"(?:(?<!desde )\bhace|\bil y a|\bvor)\s*$", re.I)
_SINCE_AFTER = re.compile(r"^\s*(?:ago|earlier|назад)\b", re.I)
# a figure in an "if" clause is a hypothesis, not a report ("losses of $14m if the strike lasts ten days")
_CONDITIONAL = re.compile(r"(?i)\b(?:if|unless|si|wenn|falls|если|pokud|jestli)\b[^,;:.!?]*$")
# "4:50", "7h15", "7 h 15", "3 a.m.", "7.15 Uhr", "7.15 horas" (a dot only before a word for hours)
_CLOCK = re.compile(
    r"(?<![\d:.,])(\d{1,2})(?:(?::|\s?h\s?|\.(?=\d{2}\s*(?:uhr|horas?)\b))(\d{2}))?"
    r"\s*(a\.\s?m\.|p\.\s?m\.|am\b|pm\b|uhr\b|horas?\b)?",
    re.I,
)
_CLOCK_CONTEXT = re.compile(r"\d(?::|\s?h\s?)\d{2}|a\.\s?m\.|p\.\s?m\.|\buhr\b|\d\.\d{2}\s*horas?\b", re.I)


def fold(text: str) -> str:
    return names.fold(text).strip(" .")


def dimension(kind: str, unit: str | None) -> tuple[str, float, str]:
    """(dimension, factor to its base unit, leftover unit noun for counts) of a Number's kind and unit."""
    if kind == "money":
        return f"money:{(unit or '').upper()}", 1.0, ""
    if kind == "percent":
        return "percent", 1.0, ""
    name = fold(unit or "")
    square = _SQUARE.match(name)
    if square:
        base = _UNITS.get(next(g for g in square.groups() if g is not None).strip())
        if base and base[0] == "length":
            return "area", base[1] ** 2, ""
    if name in _UNITS:
        dim, factor = _UNITS[name]
        return dim, factor, ""
    if name.endswith("s") and name[:-1] in _UNITS:
        dim, factor = _UNITS[name[:-1]]
        return dim, factor, ""
    return "count", 1.0, name


@dataclass
class Quantity:
    unit: int  # index of the claim unit
    article_id: str
    text: str
    value: float  # as written
    base: float  # in the dimension's base unit
    dim: str
    noun: str
    language: str
    unit_name: str | None
    step: float = 0.0  # precision as written, in base units (60 for a clock time without minutes)
    rounded: bool = True  # its trailing zeros may be rounding ("about 400", "une centaine"), not "400"
    exact: bool = False  # its own article sets it beside a value it would round (3% beside 3.1%)


def quantities(units: list[Unit]) -> list[Quantity]:
    """The comparable quantities of the units (numbers, plus clock times which analysis leaves as dates).

    A bare scaled amount in a sentence about money ("costarán 45 millones") whose article names no
    currency anywhere takes the story's: the currency of the other articles' equal amount, else the one
    the story uses most."""
    out = _quantities(units)
    bare = [q for q in out if q.dim == "count" and not q.noun and bare_sum(units[q.unit].text, q.text)]
    money = [q for q in out if q.dim.startswith("money:") and q.dim != "money:"]
    if bare and money:
        usual = Counter(q.dim for q in money).most_common(1)[0][0]
        for q in bare:
            equal = [m.dim for m in money if m.article_id != q.article_id and math.isclose(m.base, q.base)]
            q.dim = equal[0] if equal else usual
            q.rounded = q.rounded or not any(c.isdigit() for c in q.text)
    _mark_exact(out)
    return out


def _mark_exact(qs: list[Quantity]) -> None:
    """An article that reports 3.1% and 3% side by side means 3% exactly, not 3.1% rounded: such a short
    value (one its own article tells apart from a more precise one it would round) takes no rounding when
    compared with other articles, so another outlet's 3.4% is not taken for it. A value marked as
    rounded ("about 3%") stays rounded."""
    by_key: dict[tuple[str, str], list[Quantity]] = {}
    for q in qs:
        if q.dim not in ("date", "time") and not q.step:
            by_key.setdefault((q.article_id, q.dim), []).append(q)
    for group in by_key.values():
        for q in group:
            q.exact = not q.rounded and any(
                x.base != q.base
                and significant_digits(x.text) > significant_digits(q.text)
                and same_value(q.base, q.text, x.base, x.text)
                for x in group
            )


def _quantities(units: list[Unit]) -> list[Quantity]:
    out = []
    for k, u in enumerate(units):
        dateline = _dateline_end(u.text)
        clocks = [m.span() for m in _CLOCK.finditer(u.text) if _CLOCK_CONTEXT.search(m.group(0))]
        for num in u.numbers:
            if num.kind == "date":
                at = u.text.find(num.text)
                # "June 20", "20. Juni"; not "3 days ago", counted back from each article's own day
                if (
                    at >= dateline
                    and any(c.isdigit() for c in num.text)
                    and not COUNTED_BACK.search(num.text)
                ):
                    out.append(
                        Quantity(
                            k,
                            u.article_id,
                            num.text.rstrip(" ."),
                            num.value,
                            num.value,
                            "date",
                            "",
                            u.language,
                            None,
                            0.0,
                            False,
                        )
                    )
                continue
            if num.kind == "year" or _looks_like_year(num.text, num.value):
                continue
            dim, factor, noun = dimension(num.kind, num.unit)
            at = u.text.find(num.text)
            after = u.text[at + len(num.text) :] if at >= 0 else ""
            if dim == "length" and at >= 0 and _PER_HOUR.match(after):
                dim, factor = "speed", factor / 1e3
            if dim.startswith("money:") and (rate := _PER_PERIOD.match(after)):
                word = (rate.group("period") or rate.group("adverb")).lower()
                dim = f"{dim}/{_PERIODS.get(word, 'year')}"
            if (
                dim == "duration"
                and at >= 0
                and (_SINCE_BEFORE.search(u.text[:at]) or _SINCE_AFTER.match(after))
            ):
                continue
            if at >= 0 and _CONDITIONAL.search(u.text[max(0, at - 120) : at]):
                continue
            if (
                dim in ("count", "duration")
                and at >= 0
                and (_clock_at(u.text, at) is not None or any(a <= at < b for a, b in clocks))
            ):
                continue  # "4:50", "3 a.m.", "7.15 Uhr", the 40 of "23 h 40": a time of day, handled below
            # a share written in words ("two thirds", "la moitié") is only that precise
            step = WORD_SHARE_STEP if dim == "percent" and not any(c.isdigit() for c in num.text) else 0.0
            if _ROUGHLY.search(num.text):  # "une vingtaine": anything from 15 to 25
                step = APPROXIMATE_WORD_SPAN * abs(num.value * factor)
            out.append(
                Quantity(
                    k,
                    u.article_id,
                    num.text,
                    num.value,
                    num.value * factor,
                    dim,
                    noun,
                    u.language,
                    num.unit,
                    step,
                    not any(c.isdigit() for c in num.text) or (at >= 0 and approximate(u.text[:at])),
                )
            )
        for m in _CLOCK.finditer(u.text):
            if _CLOCK_CONTEXT.search(m.group(0)):
                minutes = _clock_minutes(m)
                if minutes is not None:
                    out.append(
                        Quantity(
                            k,
                            u.article_id,
                            m.group(0).strip(),
                            minutes,
                            minutes,
                            "time",
                            "",
                            u.language,
                            None,
                            0.0 if m.group(2) else 60.0,
                        )
                    )
    return out


_DATELINE = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][A-ZÀ-ÖØ-ÞА-ЯЁ .'-]{2,},[^-–—]{1,40}?(?:[-–—]+|\.-)\s+")


def _dateline_end(text: str) -> int:
    """Where the text starts after a leading dateline ("KORVIK, March 12 (AHX) - "): its date is the day
    of publication, not a figure of the story."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def _after_dateline(text: str) -> str:
    """``text`` without its leading dateline (what a reader sees as the claim)."""
    return text[_dateline_end(text) :].lstrip() or text


def _looks_like_year(text: str, value: float) -> bool:
    """A plain four-digit number between 1900 and 2100 ("in 2028") is a year whatever analysis said."""
    return text.strip().isdigit() and len(text.strip()) == 4 and 1900 <= value <= 2100


def _clock_at(text: str, at: int) -> float | None:
    m = _CLOCK.match(text, at)
    return _clock_minutes(m) if m and _CLOCK_CONTEXT.search(m.group(0)) else None


def _clock_minutes(m: re.Match[str]) -> float | None:
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    suffix = (m.group(3) or "").lower().replace(" ", "")
    if suffix.startswith("p") and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return float(hour * 60 + minute)


# words before a number that say it is rounded or a bound ("about 3,500", "more than 30", "rund 400",
# "plus de 400", "около 60"): only then do its trailing zeros stop being significant
_APPROX = re.compile(
    r"(?<!\w)(?:about|around|some|nearly|almost|roughly|approximately|an estimated|estimated|more than|"
    r"over|under|less than|fewer than|at least|up to|close to|just over|just under|well over|"
    r"environ|près de|presque|quelque|quelques|plus de|moins de|au moins|jusqu'à|autour de|quasi|"
    r"unos|unas|alrededor de|cerca de|casi|más de|menos de|al menos|hasta|aproximadamente|"
    r"rund|etwa|ca\.|fast|knapp|über|mehr als|weniger als|mindestens|bis zu|gut|"
    r"около|почти|более|свыше|менее|примерно|порядка|не менее|до)\s*$",
    re.I,
)


_DIGIT = re.compile(r"\d")


def approximate(before: str) -> bool:
    """Whether the words just before a number (``before``, the text up to it) mark it as rounded."""
    return _APPROX.search(before[-30:]) is not None


@lru_cache(maxsize=4096)
def significant_digits(text: str, rounded: bool = True) -> int:
    """Digits a value is written with. Trailing zeros of a whole number count only when ``rounded`` is
    false ("30 %" is thirty, "about 30 %" anything from 25 to 35)."""
    m = re.search(r"\d[\d\s.,’'\u202f\u00a0]*", text)
    if not m:
        return 15
    digits = re.sub(r"\D", "", m.group(0)).lstrip("0")
    if rounded:
        digits = digits.rstrip("0")
    return max(1, len(digits or "0"))


@lru_cache(maxsize=65536)
def same_value(
    a: float,
    text_a: str,
    b: float,
    text_b: str,
    exact_a: bool = False,
    exact_b: bool = False,
    converted: bool = False,
    *,
    strict_a: bool = False,
    strict_b: bool = False,
) -> bool:
    """Equal, or equal once the more precise value is rounded as the other was written.

    A whole number's trailing zeros are taken as rounding only when its text says so (a cue such as
    "about", "more than", "rund", "около" in it) or it is not marked exact (``exact_a``/``exact_b``: a
    plain figure in the unit it was reported in). Rounding is to the nearest step, a value exactly half
    a step away agreeing with neither ("about 350" and "rund 400" differ). Values ``converted`` from
    one unit to another agree within half a percent (420 m = 1,378 ft); others only by rounding
    (49.9 % and 50.1 % differ). A ``strict_a`` / ``strict_b`` value is not rounded at all: only the
    other one may be.
    """
    if a == b or math.isclose(a, b, rel_tol=0.005 if converted else 1e-9):
        return True
    for x, tx, exact, strict, y in ((a, text_a, exact_a, strict_a, b), (b, text_b, exact_b, strict_b, a)):
        if strict:
            continue
        digits = significant_digits(tx, not exact or approximate(_DIGIT.split(tx, 1)[0]))
        if y != 0 and x != 0:
            magnitude = math.floor(math.log10(abs(x)))
            step = 10.0 ** (magnitude - digits + 1)
            if abs(y - x) < step / 2 * (1 - 1e-9):
                return True
    return False


def _agree(p: Quantity, q: Quantity) -> bool:
    if p.dim == "date":
        return p.base == q.base
    if p.dim == "time" or p.step or q.step:  # "7 a.m." is 7:15 rounded to the hour, not a rival to it
        return abs(p.base - q.base) <= max(p.step, q.step) / 2 + 1e-9
    # a value converted from another unit ("1,250 ft" for "380 m") is as rounded as its digits allow
    converted = bool(p.value and q.value) and not math.isclose(
        p.base / p.value, q.base / q.value, rel_tol=1e-6
    )
    if converted:  # a number word in its own unit is that precise: "five miles" is "huit kilomètres"
        for a, b in ((p, q), (q, p)):
            if a.value and not _DIGIT.search(a.text) and abs(a.base - b.base) <= abs(a.base / a.value) / 2:
                return True
    if (p.exact or q.exact) and not converted:
        return same_value(
            p.base, p.text, q.base, q.text, not p.rounded, not q.rounded, strict_a=p.exact, strict_b=q.exact
        )
    return same_value(
        p.base, p.text, q.base, q.text, not (p.rounded or converted), not (q.rounded or converted), converted
    )


def _comparable(p: Quantity, q: Quantity) -> bool:
    if p.dim != q.dim:
        return False
    if p.dim == "count" and p.noun and q.noun and p.language == q.language and p.noun[:4] != q.noun[:4]:
        return False
    small, large = sorted((abs(p.base), abs(q.base)))
    limit = MAX_PERCENT_RATIO if p.dim == "percent" else MAX_RATIO
    return small > 0 and large / small <= limit or p.base == q.base


def context(unit_text: str, number_text: str, words: int = CONTEXT_WORDS) -> str:
    """The words around a number in its unit: what the number counts ("elevaron el número de fallecidos a 27")."""
    at = unit_text.find(number_text)
    if at < 0:
        return unit_text
    before = _WORDS.findall(unit_text[:at])[-words:]
    after = _WORDS.findall(unit_text[at + len(number_text) :])[:words]
    # another figure ends the context: "14 dead and 25 missing" is about 25 missing, not about the dead
    last = max((i for i, w in enumerate(before) if _DIGIT.search(w)), default=-1)
    before = before[last + 1 :]
    cut = next((i for i, w in enumerate(after) if _DIGIT.search(w)), len(after))
    return " ".join([*before, number_text, *after[:cut]])


def find_contradictions(
    units: list[Unit],
    sim: np.ndarray,
    groups: list[list[int]],
    pairwise: Callable[[list[str]], np.ndarray] | None = None,
    threshold: float = THRESHOLD,
) -> list[Contradiction]:
    """Contradictions among the quantities of a story's claim units (see the module docstring).

    ``pairwise`` (texts → their pairwise similarity matrix, e.g. embedding cosines) compares the numbers'
    contexts; two different values are then only taken as the same quantity when their contexts are
    similar too (``CONTEXT_THRESHOLD``).
    """
    qs = quantities(units)
    if len(qs) < 2:
        return []
    same_group = np.zeros_like(sim, dtype=bool)
    for group in groups:
        same_group[np.ix_(group, group)] = True
    ctx = None
    if pairwise is not None:
        ctx = _context_similarity(units, qs, sim, same_group, threshold, pairwise)
    by_article: dict[str, list[int]] = {}
    by_key: dict[tuple[str, str], list[int]] = {}  # (article, dimension) → quantities
    for k, q in enumerate(qs):
        by_article.setdefault(q.article_id, []).append(k)
        by_key.setdefault((q.article_id, q.dim), []).append(k)
    memo: dict[tuple[int, str], int | None] = {}

    def best(k: int, article: str) -> int | None:
        if (k, article) not in memo:
            memo[(k, article)] = _best(k, article)
        return memo[(k, article)]

    def _best(k: int, article: str) -> int | None:
        p = qs[k]
        cands = [
            c
            for c in by_key.get((article, p.dim), [])
            if _comparable(p, qs[c])
            and (same_group[p.unit, qs[c].unit] or sim[p.unit, qs[c].unit] >= threshold)
        ]
        if not cands:
            return None
        equal = [c for c in cands if _agree(p, qs[c])]
        # a value p's own article also reports is matched there, not a rival reading of p
        pool = equal or [c for c in cands if not _reported(qs[c], by_key[(p.article_id, p.dim)], qs)]
        if not pool:
            return None
        return max(pool, key=lambda c: (closeness(k, c), -abs(qs[c].base - p.base)))

    def closeness(k: int, c: int) -> float:
        unit_sim = float(sim[qs[k].unit, qs[c].unit])
        return unit_sim if ctx is None else unit_sim + float(ctx[k, c])

    edges: list[tuple[int, int]] = []
    articles = list(by_article)
    for x, a in enumerate(articles):
        for b in articles[x + 1 :]:
            for k in by_article[a]:
                c = best(k, b)
                if c is None or best(c, a) != k:
                    continue
                aligned = same_group[qs[k].unit, qs[c].unit] or sim[qs[k].unit, qs[c].unit] >= ALIGNED
                if not _agree(qs[k], qs[c]) and (
                    _told_apart(k, c, by_key, articles, qs, sim)
                    or (ctx is not None and ctx[k, c] < (CONTEXT_ALIGNED if aligned else CONTEXT_THRESHOLD))
                ):
                    continue
                edges.append((k, c))
    return _components(qs, edges, units)


def _context_similarity(
    units: list[Unit],
    qs: list[Quantity],
    sim: np.ndarray,
    same_group: np.ndarray,
    threshold: float,
    pairwise: Callable[[list[str]], np.ndarray],
) -> np.ndarray | None:
    """Similarity of the numbers' contexts, embedded only for numbers that could disagree with another."""
    by_dim: dict[str, list[int]] = {}
    for k, q in enumerate(qs):
        by_dim.setdefault(q.dim, []).append(k)
    needed = sorted(
        {
            x
            for bucket in by_dim.values()
            for k in bucket
            for c in bucket
            if (p := qs[k]).article_id != (q := qs[c]).article_id
            and (same_group[p.unit, q.unit] or sim[p.unit, q.unit] >= threshold)
            and _comparable(p, q)
            and not _agree(p, q)
            for x in (k, c)
        }
    )
    ctx = np.zeros((len(qs), len(qs)), dtype=np.float32)
    if not needed:
        return ctx
    try:
        pairs = np.asarray(pairwise([context(units[qs[k].unit].text, qs[k].text) for k in needed]))
    except Exception:  # the model failed: fall back on unit similarity alone
        return None
    ctx[np.ix_(needed, needed)] = pairs
    return ctx


def _told_apart(
    k: int,
    c: int,
    by_key: dict[tuple[str, str], list[int]],
    articles: list[str],
    qs: list[Quantity],
    sim: np.ndarray,
) -> bool:
    """Whether some article of the story (one of the two, or a third) reports both values as two
    quantities, each where the other article's counterpart sits: then they are different things (a
    vote share and a turnout, a fine and a profit). A third article's same value about something else
    ("17 ambulances" beside "14 dead") is not such a witness: its unit is further from the disputed one."""
    p, q = qs[k], qs[c]

    def closeness(a: int, b: int) -> float:
        return math.inf if qs[a].unit == qs[b].unit else float(sim[qs[a].unit, qs[b].unit])

    for article in articles:
        own = by_key.get((article, p.dim), [])
        if len(own) < 2:
            continue
        with_p = [x for x in own if _agree(qs[x], p)]
        if not with_p:
            continue
        with_q = [y for y in own if _agree(qs[y], q)]
        for x in with_p:
            for y in with_q:
                if (
                    not _agree(qs[x], qs[y])
                    and closeness(k, x) >= closeness(k, y)
                    and closeness(c, y) >= closeness(c, x)
                ):
                    return True
    return False


def _reported(q: Quantity, others: list[int], qs: list[Quantity]) -> bool:
    """Whether ``q``'s value is also among the quantities ``others`` (another article's)."""
    return any(qs[o].dim == q.dim and _agree(q, qs[o]) for o in others)


def _components(qs: list[Quantity], edges: list[tuple[int, int]], units: list[Unit]) -> list[Contradiction]:
    sets = DisjointSets(len(qs))
    find = sets.find
    degree = [0] * len(qs)
    for k, c in edges:
        degree[k] += 1
        degree[c] += 1
        sets.union(k, c)
    comps: dict[int, list[int]] = {}
    for k in range(len(qs)):
        if degree[k]:
            comps.setdefault(find(k), []).append(k)
    found = []
    for members in comps.values():
        chosen: dict[str, int] = {}
        for k in sorted(members, key=lambda k: -degree[k]):
            chosen.setdefault(qs[k].article_id, k)
        picked = list(chosen.values())
        if len(picked) < 2 or all(_agree(qs[picked[0]], qs[k]) for k in picked[1:]):
            continue
        center = max(picked, key=lambda k: degree[k])
        label = qs[center].dim.split(":")[0] if qs[center].dim != "count" else (qs[center].noun or "count")
        found.append(
            Contradiction(
                about=f"{label} — {_after_dateline(units[qs[center].unit].text)}"[:200],
                values=[
                    ContradictionValue(qs[k].article_id, qs[k].text, qs[k].value, qs[k].unit_name)
                    for k in picked
                ],
            )
        )
    return found
