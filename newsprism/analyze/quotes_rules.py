"""Attributions found by quotation marks and per-language cue lexicons: every language, no parse.

Covers ``“…”, X said`` / ``X said: “…”`` / ``X said that …`` / ``CONTENT, said X`` / ``according to X, …``
/ ``DESCRIPTION, Name, announced …`` and their French, German, Spanish, Italian, Russian and Czech
equivalents (:mod:`cues`; Russian and Czech verbs by stem, as they inflect). Speakers found this way are
trimmed of conjunctions, adverbs, weekdays and addressees (``Хотя украинские чиновники`` → ``украинские
чиновники``). A description and a name set off by commas before a cue ("El director de Navieras
Tamarit, Hugo Salvat, afirmó que …") speak what follows the cue; before this, the sentence was read as
``CONTENT, said X`` with the clause after the cue as the speaker. On the dev stories of
``tests/fixtures/compare`` this took voice F1 from 0.496 to 0.570 (test 0.622, unchanged; ADAQ test
unchanged: speaker 0.5924, content 0.8244; English goes through the parse, not these rules).
"""

from __future__ import annotations

import re

from newsprism.analyze.cues import (
    ACCORDING,
    CUE_STEMS,
    CUE_WORDS,
    PRONOUNS,
    SPEAKER_EDGE_WORDS,
    THAT_WORDS,
)
from newsprism.analyze.lexicons import fold
from newsprism.analyze.quotemarks import Attribution, QuoteMark, adjacent_mark, inside_mark, trim_span
from newsprism.records import Sentence


def _cue_regex(language: str) -> re.Pattern[str]:
    words = sorted(CUE_WORDS.get(language, ()) + CUE_WORDS["en"], key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    stems = "|".join(re.escape(w) for w in sorted(CUE_STEMS.get(language, ()), key=len, reverse=True))
    if stems:
        alternatives = rf"(?:{stems})\w*|{alternatives}"
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


_CUE_RES: dict[str, re.Pattern[str]] = {}
_NAME = r"(?:[A-ZÀ-ÖØ-ÞА-ЯЁČŘŠŽĚ][\w'’.\-]*)"


def _cue_re(language: str) -> re.Pattern[str]:
    if language not in _CUE_RES:
        _CUE_RES[language] = _cue_regex(language)
    return _CUE_RES[language]


_WORD_SPAN = re.compile(r"[\w'’.\-]+")
# a capitalised word with these endings is an adjective that opens the speaker ("Британские журналисты")
_ADJECTIVE_ENDINGS = ("ие", "ые", "ий", "ый", "ая", "ое", "ой", "яя", "ее", "ý", "á", "é", "í")


def _clean_speaker(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Trim a rule-found speaker: edge words (conjunctions, adverbs, object pronouns) go, an
    adverbial tail after the last capitalised word goes (``Президент Путин осенью`` → ``Президент Путин``),
    and so does a leading prepositional phrase (``в интервью РБК старший директор`` → …)."""
    if span is None:
        return None
    words = [(m.start(), m.end()) for m in _WORD_SPAN.finditer(text, span[0], span[1])]
    while words and fold(text[words[0][0] : words[0][1]]) in SPEAKER_EDGE_WORDS:
        words = words[1:]
    while words and fold(text[words[-1][0] : words[-1][1]]) in SPEAKER_EDGE_WORDS:
        words = words[:-1]
    caps = [i for i, (a, _) in enumerate(words) if text[a].isupper()]
    if caps and caps[-1] < len(words) - 1:
        last = text[words[caps[-1]][0] : words[caps[-1]][1]].casefold()
        if not last.endswith(_ADJECTIVE_ENDINGS):
            words = words[: caps[-1] + 1]
    if not words:
        return None
    return words[0][0], words[-1][1]


def _speaker_before(text: str, lo: int, cue_start: int, max_words: int = 8) -> tuple[int, int] | None:
    """The noun phrase ending right before a cue (``the ministry's spokesman said``), or a description
    and a name set off by commas (``El director de Navieras Tamarit, Hugo Salvat, afirmó``)."""
    appositive = _appositive_before(text, lo, cue_start)
    if appositive is not None:
        return appositive
    chunk = text[lo:cue_start]
    cut = max(chunk.rfind(c) for c in ',;:.!?”»"“«—\n')
    s = lo + cut + 1 if cut >= 0 else lo
    s, e = trim_span(text, s, cue_start)
    words = text[s:e].split()
    if not words or len(words) > max_words:
        return None
    return _clean_speaker(text, (s, e))


def _appositive_before(text: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """``DESCRIPTION, Name Surname,`` right before a cue: the span of both (None when the text before the
    cue does not end that way)."""
    end = len(text[lo:cue_start].rstrip()) + lo
    if end <= lo or text[end - 1] != ",":
        return None
    chunk = text[lo : end - 1]
    cut = max(chunk.rfind(c) for c in ';:.!?”»"“«—\n')
    s, e = trim_span(text, lo + cut + 1 if cut >= 0 else lo, end - 1)
    parts = text[s:e].split(",")
    if len(parts) != 2 or not 1 <= len(parts[0].split()) <= 8:
        return None
    name = parts[1].split()
    if not 2 <= len(name) <= 4 or not all(w[:1].isupper() for w in name):
        return None
    return s, e


def _speaker_after(text: str, cue_end: int, hi: int, max_words: int = 8) -> tuple[int, int] | None:
    """The noun phrase right after a cue (``said the minister.``, ``заявил Путин``)."""
    match = re.match(r"[^,;:.!?\n«»“”\"]{1,120}", text[cue_end:hi])
    if not match:
        return None
    s, e = trim_span(text, cue_end, cue_end + match.end())
    prep = re.match(r"(?:в|во|на|по)\s+(?:интервью|эфире|беседе|заявлении|обращении)\s+\S+\s+", text[s:e])
    if prep:
        s += prep.end()
    stop = _SPEAKER_STOP.search(text, s, e)
    if stop:
        e = stop.start()
    first = _WORD_SPAN.match(text, s)
    if first and (is_pronoun(first.group(0), "ru") or is_pronoun(first.group(0), "en")):
        e = first.end()  # "сказал он журналистам" → "он"
    words = text[s:e].split()
    if not words or len(words) > max_words:
        return None
    return _clean_speaker(text, (s, e))


_COLON_AFTER_CUE = re.compile(r"(?:\s+[^\s.,;:!?«»“”\"]+){0,3}?\s*[:,]\s+")
# words that end a speaker found after its cue: prepositions that start a place or an addressee
_SPEAKER_STOP = re.compile(
    r"\s(?:in|at|on|to|from|à|au|aux|en|dans|devant|bei|im|am|vor|gegenüber|ante|в|во|на|перед|"
    r"журналистам|репортерам|reporters|journalists|journalistes|periodistas)\s",
    re.IGNORECASE,
)


def from_rules(
    text: str, sentences: list[Sentence], marks: list[QuoteMark], language: str
) -> list[Attribution]:
    """Attributions from quotation marks and cue lexicons (any language)."""
    cue_re = _cue_re(language)
    that_words = THAT_WORDS.get(language, ()) + THAT_WORDS["en"]
    according = sorted(ACCORDING.get(language, ()) + ACCORDING["en"], key=len, reverse=True)
    # "d'après-midi" is not "d'après"; German "so" means "according to" only after a comma (", so Weber")
    according_re = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(a) for a in according if a != "so")
        + r")(?![\w-])"
        + (r"|(?<=,\s)so(?=\s)" if "so" in according else ""),
        re.IGNORECASE,
    )
    # a short adverbial may sit between the cue and its clause ("заявил в понедельник, что …",
    # "a déclaré lundi que …", "sagte am Montag, die …")
    that_re = re.compile(
        r"(?:\s+[^\s.,;:!?«»“”\"]+){0,3}?\s*,?\s*(?:"
        + "|".join(re.escape(w) for w in that_words)
        + r")\b\s*",
        re.IGNORECASE,
    )
    out: list[Attribution] = []
    for sent in sentences:
        s0, s1 = sent.start, sent.end

        def in_mark(pos: int) -> bool:
            return inside_mark(marks, pos)

        taken = False
        for acc in according_re.finditer(text, s0, s1):
            if in_mark(acc.start()):
                continue
            speaker = _speaker_after(text, acc.end(), s1)
            if speaker is None:
                continue
            if speaker[1] >= s1 - 1 or text[speaker[1] : speaker[1] + 1] not in ",":
                # no comma closes the speaker ("Laut Minister Karl Weber ist die Lage …"): keep the name
                words = list(_WORD_SPAN.finditer(text, speaker[0], speaker[1]))
                upper = [w for w in words if w.group(0)[:1].isupper()]
                lower = next((w for w in words[1:] if not w.group(0)[:1].isupper()), None)
                ends = [w.end() for w in upper if lower is not None and w.start() < lower.start()]
                if ends:
                    speaker = (speaker[0], max(ends))
            if acc.start() - s0 < 3:
                content = trim_span(text, speaker[1], s1)
            else:
                content = trim_span(text, s0, acc.start())
            content = (content[0], content[1] - 1) if text[content[1] - 1 : content[1]] in ".!?" else content
            if content[1] - content[0] > 8:
                out.append(Attribution(content, speaker, (acc.start(), acc.end()), False))
                taken = True
                break
        if taken:
            continue
        for cue in cue_re.finditer(text, s0, s1):
            if in_mark(cue.start()):
                continue
            cs, ce = cue.span()
            mark = adjacent_mark(text, marks, cs, ce)
            if mark is not None:
                if mark.end <= cs:  # “…”, X said / “…”, said X
                    speaker = _speaker_between(text, mark.end, cs) or _speaker_after(text, ce, s1)
                else:  # X said: “…”
                    speaker = _speaker_before(text, s0, cs)
                out.append(Attribution((mark.start, mark.end), speaker, (cs, ce), True))
                break
            speaker = _speaker_before(text, s0, cs)
            rest = text[ce:s1]
            that = that_re.match(rest)
            colon = _COLON_AFTER_CUE.match(rest)
            if speaker and (that or colon):
                clause = _clause(text, ce + (that or colon).end(), s1)  # type: ignore[union-attr]
                if clause is not None:
                    out.append(Attribution(clause, speaker, (cs, ce), False))
                    break
            appositive = _appositive_before(text, s0, cs)
            if appositive is not None:  # "La ministre, Ilse Maranek, a annoncé l'ouverture d'une enquête."
                clause = _clause(text, ce, s1)
                if clause is not None:
                    out.append(Attribution(clause, appositive, (cs, ce), False))
                    break
                continue
            # inverted: "CONTENT, said X." / "CONTENT, заявил Путин."
            before = text[s0:cs].rstrip()
            if before.endswith((",", "—", "–", "-")) and len(before.split()) >= 4:
                after = _speaker_after(text, ce, s1)
                if after is not None:
                    content = trim_span(text, s0, s0 + len(before))
                    out.append(Attribution(content, after, (cs, ce), False))
                    break
    return out


def _clause(text: str, start: int, end: int) -> tuple[int, int] | None:
    """What a cue introduces, from ``start`` to the sentence end without its final stop (two words or more)."""
    content = trim_span(text, start, end)
    if text[content[1] - 1 : content[1]] in ".!?":
        content = (content[0], content[1] - 1)
    return content if len(text[content[0] : content[1]].split()) >= 2 else None


def _speaker_between(text: str, start: int, end: int) -> tuple[int, int] | None:
    s, e = trim_span(text, start, end)
    if s >= e or len(text[s:e].split()) > 8:
        return None
    return s, e


def is_pronoun(mention: str, language: str) -> bool:
    pronouns = PRONOUNS.get(language, frozenset()) | PRONOUNS["en"]
    return fold(mention) in pronouns
