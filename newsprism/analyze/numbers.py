"""Numbers and dates in any of the languages we ingest, with value, unit and kind.

Kinds (DESIGN.md): ``money`` (unit: ISO 4217 code), ``percent`` (unit ``%``), ``count`` (unit: the noun
counted, as written, lower-cased; None when no noun follows), ``quantity`` (unit: a normalised measure,
``km``, ``t``, ``year`` …), ``year`` and ``date``. A date's value is ``YYYYMMDD`` as a number
(``20240303.0``), absolute or resolved against the article's publication date with dateparser
(``yesterday``, ``on Monday``, ``3 mars``); a date that cannot be resolved is left out.

Number syntax follows the language: ``4,8`` is 4.8 in French, German, Spanish, Russian, Czech and
Italian, ``48,000`` is 48000 in English; groups of three digits separated by spaces, dots or commas are
thousands everywhere. Scale words (``bn``, ``milliards``, ``Mrd.``, ``млрд``) multiply; ``billion`` is
10⁹ in English and 10¹² in French, German and Spanish. English number words (``two``, ``a dozen``,
``three million``) are read, and the small number words of the other languages before a noun;
a multiplier after a number joins it (``two dozen`` 24, ``zwei Dutzend``, ``deux cents``), a number word
counted against a whole takes the whole's noun (``Eight of its ten carriages``: 8 carriages), and the
approximate words ``une vingtaine de``, ``una veintena de`` … are read as their round value. Shares
written as words (``two thirds of``, ``la moitié des``, ``zwei Drittel``, ``две трети``) are percentages.
A bare scaled amount (``15 millones``, ``4 Millionen``) in a sentence about money (a fine, a loan, a
payment) or beside an amount with a currency is money in the currency the article uses there.
The two sides of a vote's tally ("voted 5-2", "five to two", "por cinco votos contra dos", "mit fünf zu
zwei Stimmen", "par 312 voix contre 208") are counts of ``votes``, read only beside a word about voting
and written winner first (a score, "won 3-1", and a range, "40 to 50 lawmakers", are not tallies).
"""

from __future__ import annotations

import bisect
import re
from datetime import datetime
from functools import lru_cache

from newsprism.analyze import number_words as nw
from newsprism.analyze.dates import find_dates
from newsprism.analyze.lexicons import CURRENCY_CODES, CURRENCY_SYMBOLS, CURRENCY_WORDS
from newsprism.analyze.sentences import sentence_index
from newsprism.records import Number, Sentence

MAX_NUMBERS = 2000  # per article: the work stays bounded on pathological input

_SCALE_RE = "|".join(sorted((re.escape(s) for s in nw.SCALES), key=len, reverse=True))

_CURRENCY_WORD_RE = "|".join(re.escape(w) + r"\w*" for w, _ in CURRENCY_WORDS)
_CODES_RE = "|".join(sorted(CURRENCY_CODES))
_SYMBOLS_RE = "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))

_UNIT_RES = [(re.compile(rf"(?:{p})(?![\w²])", re.IGNORECASE), u) for p, u in nw.UNITS]

_NOUN = re.compile(r"\s?([^\W\d_][\w'’\-]*)")

_GROUPED = r"\d{1,3}(?:(?:[ \u00a0\u202f]|,|\.)\d{3}(?!\d))+(?:[.,]\d+)?"
_PLAIN = r"\d+(?:[.,]\d+)?"
# after an abbreviated scale's dot, the sentence goes on (a lower-case word or a currency)
_CONTINUES = re.compile(rf"\s?(?:[a-zà-ÿа-яё]|{_SYMBOLS_RE}|{_CODES_RE}\b|(?i:{_CURRENCY_WORD_RE}))")
_NUM = re.compile(rf"(?<![\w.,])(?:{_GROUPED}|{_PLAIN})(?![\d])")
_SUFFIX = re.compile(r"[^\W\d_]+")
_SHARE = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<s{k}>{p})" for k, (p, _) in enumerate(nw.SHARE_WORDS)) + r")(?!\w)",
    re.IGNORECASE,
)
_MONEY_CUE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(c[:-1]) + r"(?!\w)" if c.endswith("=") else re.escape(c) for c in nw.MONEY_CUES)
    + ")",
    re.IGNORECASE,
)
_SCALED = re.compile(rf"^\d[\d\s.,\u00a0\u202f]*\s?(?:{_SCALE_RE})\.?$", re.IGNORECASE)
# "15 millones de personas", "3 million of them": the scaled number counts what follows
_OF_NOUN = re.compile(r"\s+(?:of|de|d['’]|des|del|di|von|der)\s*([^\W\d_][\w'’-]*)", re.IGNORECASE)
_MULTIPLIER = re.compile(
    r"\s+(" + "|".join(sorted(nw.MULTIPLIERS, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE
)
# "of its ten carriages", "der zehn Waggons", "de sus diez vagones", "из десяти вагонов": the noun of a
# part counted against a whole
_PARTITIVE = re.compile(
    r"\s+(?:of|de|des|der|из)\s+(?:(?:its|the|their|his|her|sus|ses|leurs|los|las|les|seinen|ihren)\s+)?"
    r"(?:\d+|"
    + "|".join(
        sorted(
            {re.escape(w) for ws in (nw.EN_WORDS, *nw.OTHER_WORDS.values()) for w in ws},
            key=len,
            reverse=True,
        )
    )
    + r")\s+([^\W\d_][\w'’-]*)",
    re.IGNORECASE,
)
# A vote's tally ("voted 5-2", "five to two", "por cinco votos contra dos", "mit fünf zu zwei Stimmen",
# "par 52 voix contre 47", "seven votes in favour and two against"): both sides are counts of votes.
_VOTE_WORD = re.compile(
    r"(?<!\w)(?:vot(?:e|es|ed|ing|o|os|ó|aron|ación|e[sr]?|é|ée|ation)|voix|stimm\w*|abgestimmt|"
    r"голос\w*|głos\w*|hlas\w*|unanim\w*)(?!\w)",
    re.IGNORECASE,
)
_TALLY_ONE = {"one": 1, "uno": 1, "una": 1, "un": 1, "une": 1, "eins": 1, "einer": 1, "ein": 1, "zero": 0}
_TALLY_SEP = (
    r"\s?[-–—:]\s?|\s+(?:votes?\s+|votos\s+|voix\s+|Stimmen\s+)?(?:to|contra|contre|zu|a|à|против|do)\s+"
    r"|\s+(?:votes?\s+)?(?:in\s+favou?r|a\s+favor|pour|dafür|за)[\s,]+(?:and|y|et|und|и|with|con)\s+"
)
_TALLY_AGAINST = r"(?:\s+(?:votes?\s+|votos\s+|voix\s+)?(?:against|en\s+contra|contre|dagegen|против))?"


@lru_cache(maxsize=32)
def _tally_words(language: str) -> dict[str, float]:
    return {**nw.EN_WORDS, **nw.OTHER_WORDS.get(language, {}), **_TALLY_ONE}


@lru_cache(maxsize=32)
def _tally_re(language: str) -> re.Pattern[str]:
    words = _tally_words(language)
    side = "\\d{1,4}|" + "|".join(
        sorted((re.escape(w) for w in words if " " not in w), key=len, reverse=True)
    )
    return re.compile(
        rf"(?<![\w.,])(?P<a>{side})(?:\s+(?:votes?|votos|voix|Stimmen))?(?P<sep>{_TALLY_SEP})"
        rf"(?P<b>{side})(?![\w.,]\d)(?!\w){_TALLY_AGAINST}",
        re.IGNORECASE,
    )


def _tallies(text: str, language: str) -> list[tuple[int, int, Number]]:
    """The two sides of every vote tally: ``(start, end, Number)`` each, a count of votes."""
    words = _tally_words(language)
    out = []
    for m in _tally_re(language).finditer(text):
        # a vote word before it ("voted 5-2"), in it ("cinco votos contra dos") or right after ("a 7-2 vote")
        near = text[max(0, m.start() - 40) : m.end() + 10]
        if not _VOTE_WORD.search(near):
            continue  # "won 3-1", "from 9 to 5": a score or a range, not a vote
        sep = m.group("sep").strip().casefold()
        a, b = m.group("a"), m.group("b")
        if sep in ("-", "–", "—", ":") and not (a.isdigit() and b.isdigit()):
            continue
        if b[:1] == "0" and len(b) > 1 or sep == ":" and not _VOTE_WORD.search(text, m.end(), m.end() + 12):
            continue  # a clock time: "voting closes at 21:15", "20:00"; "mit 5:2 Stimmen" is a tally
        values = [float(x) if x.isdigit() else float(words[x.casefold()]) for x in (a, b)]
        if values[0] < values[1] and not re.search(r"favou?r|pour|dafür|за", sep):
            continue  # a tally names the winning side first: "40 to 50 lawmakers voted" is a range
        for group, value in zip(("a", "b"), values, strict=True):
            out.append((m.start(group), m.end(group), Number(m.group(group), value, "votes", "count", 0)))
    return out


_YEAR_AFTER = re.compile(r"\s?(?:года|году|год|г\.|roku|rok)(?!\w)")
_EN_VERB = re.compile(r"^(?:\w{3,}ed|came|went|fled|left|said|were|was|are|got|took|made|stayed|remain\w*)$")


def parse_number(raw: str, language: str) -> float | None:
    """``48,000`` → 48000.0; ``4,8`` → 4.8 in decimal-comma languages; ``1 234,5`` → 1234.5."""
    s = raw.replace("\u00a0", " ").replace("\u202f", " ").strip()
    comma_decimal = language in nw.DECIMAL_COMMA
    groups = re.fullmatch(r"\d{1,3}(?:([ ,.])\d{3})+(?:([.,])(\d+))?", s)
    try:
        if groups:
            sep, dec = groups.group(1), groups.group(2)
            # a single separator before three digits is a decimal point where the language says so:
            # "4,800" in French, "4.800" in English
            decimal_sep = "," if comma_decimal else "."
            if dec is None and sep == decimal_sep and s.count(sep) == 1:
                return float(s.replace(sep, "."))
            integer = s[: groups.start(2)] if dec else s
            integer = re.sub(r"[ ,.]", "", integer)
            return float(f"{integer}.{groups.group(3)}" if dec else integer)
        if "," in s:
            return (
                float(s.replace(",", "."))
                if comma_decimal or len(s.split(",")[1]) != 3
                else float(s.replace(",", ""))
            )
        return float(s)
    except ValueError:
        return None


@lru_cache(maxsize=16)
def _patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    scale = rf"(?P<scale>{_SCALE_RE})\.?(?![\w])"
    after = re.compile(
        rf"(?:\s?{scale})?"
        rf"(?:\s?(?P<pct>{nw.PERCENT_RE})"
        rf"|\s?(?P<sym>{_SYMBOLS_RE})(?!\w)"
        rf"|\s(?P<code>{_CODES_RE})\b"
        rf"|\s(?:(?:of|de|d['’]|di)\s?)?(?P<word>{_CURRENCY_WORD_RE}))?",
        re.IGNORECASE,
    )
    before = re.compile(rf"(?:(?P<sym>{_SYMBOLS_RE})|(?P<code>{_CODES_RE})\s?)$", re.IGNORECASE)
    words = {**nw.EN_WORDS, **nw.OTHER_WORDS.get(language, {})}
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    word_re = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return after, before, word_re


def _currency_of_word(word: str) -> str | None:
    folded = word.casefold()
    for stem, code in CURRENCY_WORDS:
        if folded.startswith(stem):
            return code
    return None


def _scale_value(scale: str, language: str) -> float:
    key = scale.casefold().rstrip(".")
    if language in ("fr", "de", "es") and key in nw.LONG_SCALE:
        return nw.LONG_SCALE[key]
    return nw.SCALES.get(key, 1.0)


def _classify(
    text: str, start: int, end: int, value: float, language: str, raw: str, is_word: bool
) -> Number | None:
    after_re, before_re, _ = _patterns(language)
    m = after_re.match(text, end)
    assert m is not None  # every group is optional
    stop = end
    if m.group("scale") and not (
        m.group("scale").casefold() in ("m", "b", "k") and text[end : end + 1] == " "
    ):
        value *= _scale_value(m.group("scale"), language)
        stop = m.end("scale")
        if text[stop : stop + 1] == "." and _CONTINUES.match(text, stop + 1):  # "Mrd. Euro", "тыс. рублей"
            stop += 1
        stop = (
            min(stop, m.end())
            if not (m.group("pct") or m.group("sym") or m.group("code") or m.group("word"))
            else stop
        )
    unit: str | None = None
    kind = "count"
    b = before_re.search(text, max(0, start - 4), start)
    if m.group("pct"):
        kind, unit, stop = "percent", "%", m.end()
    elif b is not None and not is_word:
        kind = "money"
        unit = CURRENCY_SYMBOLS.get(b.group("sym").casefold()) if b.group("sym") else b.group("code").upper()
        start = b.start()
        if m.group("scale") is None:
            stop = end
        if unit == "RMB":
            unit = "CNY"
    elif m.group("sym"):
        kind, unit, stop = "money", CURRENCY_SYMBOLS.get(m.group("sym").casefold()), m.end()
    elif m.group("code"):
        kind, unit, stop = "money", m.group("code").upper().replace("RMB", "CNY"), m.end()
    elif m.group("word"):
        kind, unit, stop = "money", _currency_of_word(m.group("word")), m.end()
    four_digits = not is_word and raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100
    if kind == "count" and four_digits and stop == end and _is_year(text, start, end):
        return Number(text=raw, value=value, unit=None, kind="year", sentence=0)
    if kind == "count":
        rest_start = stop
        for unit_re, name in _UNIT_RES:
            um = unit_re.match(text, rest_start + (1 if text[rest_start : rest_start + 1] == " " else 0))
            if um and (um.start() == rest_start or text[rest_start] == " "):
                if (
                    name in ("m", "t", "l")
                    and not re.match(r"\s?(?:m|t|l)\b", text[rest_start : rest_start + 3])
                    and len(um.group(0)) <= 1
                ):
                    continue
                return Number(
                    text=text[start : um.end()], value=value, unit=name, kind="quantity", sentence=0
                )
        noun = _NOUN.match(text, stop)
        adjacent = noun is not None and noun.start(1) - stop <= 1
        if noun and adjacent and language == "en" and noun.group(1).casefold() in nw.ADJECTIVES:
            following = _NOUN.match(text, noun.end())
            if following and following.start(1) == noun.end() + 1:
                noun = following
        if noun and language == "en" and _EN_VERB.match(noun.group(1).casefold()):
            noun = None
        if noun and adjacent and noun.group(1).casefold() not in nw.NOT_NOUNS:
            unit = noun.group(1).casefold()
        elif is_word and value < 1000:
            return None  # "two" alone is not worth a record
    return Number(text=text[start:stop], value=value, unit=unit, kind=kind, sentence=0)


def extract_numbers(
    text: str, sentences: list[Sentence], language: str = "en", published: str | None = None
) -> list[Number]:
    """Every number and date mention of ``text`` with value, unit, kind and sentence index."""
    base = _base_date(published)
    out: list[tuple[int, Number]] = []
    taken: list[tuple[int, int]] = []  # date spans, in text order
    last_end = 0  # end of the last number taken (candidates come in text order)
    for start, end, value in find_dates(text, language, base):
        out.append((start, Number(text=text[start:end], value=value, unit=None, kind="date", sentence=0)))
        taken.append((start, end))
    for m in _SHARE.finditer(text):
        share = next(v for k, (_, v) in enumerate(nw.SHARE_WORDS) if m.group(f"s{k}") is not None)
        out.append(
            (m.start(), Number(text=m.group(0), value=round(share, 2), unit="%", kind="percent", sentence=0))
        )
        taken.append((m.start(), m.end()))
    for start, end, tally in _tallies(text, language):
        if not any(s <= start < e for s, e in taken):
            out.append((start, tally))
            taken.append((start, end))
    taken.sort()
    _, _, word_re = _patterns(language)
    candidates: list[tuple[int, int, float, str, bool]] = []
    for m in _NUM.finditer(text):
        parsed = parse_number(m.group(0), language)
        if parsed is not None:
            candidates.append((m.start(), m.end(), parsed, m.group(0), False))
        if len(candidates) > MAX_NUMBERS:
            break
    words = {**nw.EN_WORDS, **nw.OTHER_WORDS.get(language, {})}
    for m in word_re.finditer(text):
        candidates.append((m.start(), m.end(), float(words[m.group(0).casefold()]), m.group(0), True))
        if len(candidates) > 2 * MAX_NUMBERS:
            break
    for start, end, value, raw, is_word in sorted(candidates):
        k = bisect.bisect_right(taken, (start, float("inf"))) - 1
        if (k >= 0 and taken[k][0] <= start < taken[k][1]) or start < last_end:
            continue
        if not is_word and _glued(text, start, end):
            continue
        suffix = _SUFFIX.match(text, end)
        if not is_word and suffix and suffix.group(0).casefold() not in nw.SUFFIXES:
            continue  # "A320", "5G", "3D": part of a name
        times = _MULTIPLIER.match(text, end)
        if times:  # "two dozen", "zwei Dutzend", "deux cents": one number
            value *= nw.MULTIPLIERS[times.group(1).casefold()]
            end, raw = times.end(), text[start : times.end()]
        partitive = _PARTITIVE.match(text, end) if is_word else None
        number = _classify(text, start, end, value, language, raw, is_word)
        noun = partitive.group(1).casefold() if partitive else ""
        if number is None and noun and noun not in nw.NOT_NOUNS and not _EN_VERB.match(noun):
            # "Eight of its ten carriages": eight carriages
            number = Number(text=raw, value=value, unit=noun, kind="count", sentence=0)
        if number is None:
            continue
        real_start = text.find(number.text, max(0, start - 6), end + 1)
        real_start = real_start if real_start >= 0 else start
        out.append((real_start, number))
        last_end = max(last_end, real_start + len(number.text))
    out.sort(key=lambda item: item[0])
    for pos, number in out:
        number.sentence = sentence_index(sentences, pos) if sentences else 0
    _bare_money(text, out, sentences, language)
    return [n for _, n in out]


def bare_sum(sentence: str, number_text: str) -> bool:
    """Whether ``number_text`` is a bare scaled amount ("45 millones") in a ``sentence`` about money."""
    return bool(_SCALED.match(number_text)) and _MONEY_CUE.search(sentence) is not None


def _bare_money(text: str, found: list[tuple[int, Number]], sentences: list[Sentence], language: str) -> None:
    """A bare scaled amount ("15 millones", "18 Millionen", "4,5 млн") in a sentence about money (a fine,
    a loan, a cost: ``MONEY_CUES``) or beside an amount with a currency is a sum in that currency: the
    same sentence's amount nearest to it, else the article's nearest before it, else after it."""
    money = [(pos, n) for pos, n in found if n.kind == "money" and n.unit]
    if not money:
        return
    for pos, number in found:
        if number.kind != "count" or not _SCALED.match(number.text):
            continue
        end = pos + len(number.text)
        if number.unit is not None and not (language == "de" and text[end:].lstrip()[:1].islower()):
            continue  # "18 million visitors" (a German lower-case word after it is a verb, not a noun)
        of = _OF_NOUN.match(text, end)
        if of and not _MONEY_CUE.match(of.group(1)):
            continue
        same = [(abs(p - pos), n) for p, n in money if n.sentence == number.sentence]
        if not same:
            if sentences and number.sentence < len(sentences):
                sentence = sentences[number.sentence]
                span = text[sentence.start : sentence.end]
            else:
                span = text[max(0, pos - 200) : end + 200]
            if not _MONEY_CUE.search(span):
                continue
            before = [(pos - p, n) for p, n in money if p < pos]
            after = [(p - pos, n) for p, n in money if p > pos]
            same = before or after
        number.kind, number.unit = "money", min(same, key=lambda item: item[0])[1].unit


def _is_year(text: str, start: int, end: int) -> bool:
    """A four-digit number is a year after "in"/"since"/"im Jahr"…, before "года", before punctuation,
    or when no lower-case noun follows it."""
    previous = text[max(0, start - 20) : start].split()
    if previous and previous[-1].casefold().strip("(") in nw.YEAR_BEFORE:
        return True
    if _YEAR_AFTER.match(text, end):
        return True
    noun = _NOUN.match(text, end)
    return not noun or noun.group(1).casefold() in nw.NOT_NOUNS or not noun.group(1).islower()


def _glued(text: str, start: int, end: int) -> bool:
    """Digits inside a code or an identifier (``COVID-19``, ``A320``, ``10:30``): not a number mention."""
    before = text[start - 1 : start]
    after = text[end : end + 1]
    if before == "-" and start >= 2 and text[start - 2].isalpha():
        return True
    if after == ":" and text[end + 1 : end + 2].isdigit():
        return True
    return bool(before == ":" and start >= 2 and text[start - 2].isdigit())


def _base_date(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None
