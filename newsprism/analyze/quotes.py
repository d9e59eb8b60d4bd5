"""Quotes, direct and indirect, with their speakers and speech verbs.

Two extractors feed one list of :class:`Attribution` spans:

* :func:`from_parse` (English and French, where a spaCy parse exists): every speech verb (``said``,
  ``told``, ``wrote``, ``added`` … by lemma) with a clausal complement or an adjacent direct quotation
  is an attribution; its speaker is the verb's subject (inherited by ``adding``/``saying`` from the verb
  they hang on; ``according to X`` names the speaker after the preposition; ``was quoted as saying``
  finds it in the passive subject);
* :func:`from_rules` (every language): quotation marks plus per-language cue lexicons (:mod:`cues`),
  covering ``“…”, X said`` / ``X said: “…”`` / ``X said that …`` / ``according to X, …`` and their
  French, German, Spanish, Russian, Czech equivalents.

Then every direct quotation that no cue claimed takes the speaker of the quotation before it when it
continues it (the next sentence or paragraph), and pronoun speakers (``he added``) are resolved to the
fullest mention of the person in the article, title and name (``Prime Minister Shinzo Abe``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsprism.analyze.cues import ACCORDING, CLAUSE_LEMMAS, CUE_WORDS, PRONOUNS, SAY_LEMMAS, THAT_WORDS
from newsprism.analyze.entities import person_key_for
from newsprism.analyze.lexicons import TITLES, fold
from newsprism.analyze.quotemarks import QuoteMark, find_quote_marks
from newsprism.analyze.sentences import sentence_index
from newsprism.records import Entity, Quote, Sentence

MIN_QUOTE_WORDS = 4  # a shorter quotation without a cue is a term in scare quotes, not a quote


@dataclass
class Attribution:
    """A quote as spans of the article text (what the evaluation scores)."""

    content: tuple[int, int]
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    direct: bool = False


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _containing_mark(marks: list[QuoteMark], start: int, end: int) -> QuoteMark | None:
    for m in marks:
        if m.start <= start + 2 and end - 2 <= m.end and end - start > 0:
            return m
        if m.start > end:
            break
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return start, end


# --------------------------------------------------------------------------------------------- parse


def _subtree_span(token: Any, exclude: Any = None) -> tuple[int, int]:
    tokens = [t for t in token.subtree if exclude is None or t not in set(exclude.subtree)]
    if not tokens:
        return token.idx, token.idx + len(token.text)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _subject(verb: Any, depth: int = 0) -> Any:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return child
    if depth < 3 and verb.dep_ in ("advcl", "conj", "xcomp", "ccomp", "acl") and verb.head is not verb:
        head = verb.head
        if verb.dep_ == "ccomp" and head.lemma_ not in SAY_LEMMAS:
            return None
        return _subject(head, depth + 1)
    return None


def _speaker_span(subj: Any) -> tuple[int, int]:
    """The subject's span; a relative pronoun (``who said``) is its own speaker mention."""
    return _subtree_span(subj)


def from_parse(doc: Any, marks: list[QuoteMark]) -> list[Attribution]:
    """Attributions from a spaCy Doc (English or French parse)."""
    text = doc.text
    out: list[Attribution] = []
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            att = _according(tok, doc)
            if att:
                out.append(att)
            continue
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in SAY_LEMMAS | CLAUSE_LEMMAS:
            continue
        lemma = tok.lemma_.lower()
        comp = next((c for c in tok.children if c.dep_ in ("ccomp", "parataxis")), None)
        if comp is None and lemma in SAY_LEMMAS:
            comp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
        content: tuple[int, int] | None = None
        direct = False
        if comp is not None:
            content = _subtree_span(comp)
            mark = _containing_mark(marks, *content)
            if mark:
                content, direct = (mark.start, mark.end), True
        elif lemma in SAY_LEMMAS:
            mark = _adjacent_mark(text, marks, tok.idx, tok.idx + len(tok.text))
            if mark:
                content, direct = (mark.start, mark.end), True
        if lemma in CLAUSE_LEMMAS and not direct and comp is None:
            continue
        if content is None:
            continue
        content = _trim(text, *content)
        if content[1] - content[0] < 3:
            continue
        if not direct:
            content = _strip_that(text, content)
        subj = _subject(tok)
        speaker = _speaker_span(subj) if subj is not None else None
        if speaker and _overlaps(speaker, content):
            speaker = None
        if speaker is None:
            speaker = _quoted_as_saying(tok)
        cue_end = tok.idx + len(tok.text)
        out.append(Attribution(content=content, speaker=speaker, cue=(tok.idx, cue_end), direct=direct))
    return out


def _quoted_as_saying(tok: Any) -> tuple[int, int] | None:
    """``X was quoted as saying``: the speaker is the passive subject of ``quoted``."""
    head = tok.head
    for _ in range(3):
        if head.lemma_ in ("quote", "report", "cite") and head is not tok:
            subj = _subject(head)
            if subj is not None:
                return _speaker_span(subj)
        if head.head is head:
            break
        head = head.head
    return None


def _according(tok: Any, doc: Any) -> Attribution | None:
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    speaker = _subtree_span(pobj)
    clause = tok.head
    while clause.dep_ not in ("ROOT", "ccomp", "conj") and clause.head is not clause:
        clause = clause.head
    span = _subtree_span(clause, exclude=tok)
    sent = tok.sent
    s, e = max(span[0], sent.start_char), min(span[1], sent.end_char)
    if s < speaker[1] <= e and speaker[0] <= s + 1:  # the phrase opens the sentence
        s = speaker[1]
    s, e = _trim(doc.text, s, e)
    e = e - 1 if e > s and doc.text[e - 1] in ".!?" else e
    if e - s < 8:
        return None
    return Attribution(content=(s, e), speaker=speaker, cue=(tok.idx, to.idx + len(to.text)), direct=False)


def _adjacent_mark(text: str, marks: list[QuoteMark], start: int, end: int) -> QuoteMark | None:
    """A quotation right before (``“…,” he said``) or right after (``said: “…”``) a cue."""
    for m in marks:
        gap_after = text[m.end : start]
        if m.end <= start and len(gap_after) < 80 and not re.search(r"[.!?]\s|\n", gap_after):
            return m
        gap_before = text[end : m.start]
        if m.start >= end and len(gap_before) < 80 and not re.search(r"[.!?]\s|\n|[”\"»]", gap_before):
            return m
        if m.start > end + 80:
            break
    return None


def _strip_that(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    match = re.match(r"(?:that|que|qu[’'])\s*", text[s:e], re.IGNORECASE)
    if match:
        s += match.end()
    return s, e


# --------------------------------------------------------------------------------------------- rules


def _cue_regex(language: str) -> re.Pattern[str]:
    words = sorted(CUE_WORDS.get(language, ()) + CUE_WORDS["en"], key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


_CUE_RES: dict[str, re.Pattern[str]] = {}
_NAME = r"(?:[A-ZÀ-ÖØ-ÞА-ЯЁČŘŠŽĚ][\w'’.\-]*)"


def _cue_re(language: str) -> re.Pattern[str]:
    if language not in _CUE_RES:
        _CUE_RES[language] = _cue_regex(language)
    return _CUE_RES[language]


def _speaker_before(text: str, lo: int, cue_start: int, max_words: int = 8) -> tuple[int, int] | None:
    """The noun phrase ending right before a cue (``the ministry's spokesman said``)."""
    chunk = text[lo:cue_start]
    cut = max(chunk.rfind(c) for c in ',;:.!?”»"“«—\n')
    s = lo + cut + 1 if cut >= 0 else lo
    s, e = _trim(text, s, cue_start)
    words = text[s:e].split()
    if not words or len(words) > max_words:
        return None
    return s, e


def _speaker_after(text: str, cue_end: int, hi: int, max_words: int = 8) -> tuple[int, int] | None:
    """The noun phrase right after a cue (``said the minister.``, ``заявил Путин``)."""
    match = re.match(r"[^,;:.!?\n«»“”\"]{1,120}", text[cue_end:hi])
    if not match:
        return None
    s, e = _trim(text, cue_end, cue_end + match.end())
    words = text[s:e].split()
    if not words or len(words) > max_words:
        return None
    return s, e


def from_rules(
    text: str, sentences: list[Sentence], marks: list[QuoteMark], language: str
) -> list[Attribution]:
    """Attributions from quotation marks and cue lexicons (any language)."""
    cue_re = _cue_re(language)
    that_words = THAT_WORDS.get(language, ()) + THAT_WORDS["en"]
    according = sorted(ACCORDING.get(language, ()) + ACCORDING["en"], key=len, reverse=True)
    according_re = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(a) for a in according) + r")(?!\w)", re.IGNORECASE
    )
    out: list[Attribution] = []
    for sent in sentences:
        s0, s1 = sent.start, sent.end
        inside = [m for m in marks if _overlaps((m.start, m.end), (s0, s1))]

        def in_mark(pos: int, inside: list[QuoteMark] = inside) -> bool:
            return any(m.start < pos < m.end for m in inside)

        taken = False
        for acc in according_re.finditer(text, s0, s1):
            if in_mark(acc.start()):
                continue
            speaker = _speaker_after(text, acc.end(), s1)
            if speaker is None:
                continue
            if acc.start() - s0 < 3:
                content = _trim(text, speaker[1], s1)
            else:
                content = _trim(text, s0, acc.start())
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
            mark = _adjacent_mark(text, marks, cs, ce)
            if mark is not None:
                if mark.end <= cs:  # “…”, X said / “…”, said X
                    speaker = _speaker_between(text, mark.end, cs) or _speaker_after(text, ce, s1)
                else:  # X said: “…”
                    speaker = _speaker_before(text, s0, cs)
                out.append(Attribution((mark.start, mark.end), speaker, (cs, ce), True))
                break
            speaker = _speaker_before(text, s0, cs)
            rest = text[ce:s1]
            that = re.match(
                r"\s*,?\s*(?:" + "|".join(re.escape(w) for w in that_words) + r")\b\s*", rest, re.IGNORECASE
            )
            colon = re.match(r"\s*[:,]\s+", rest)
            if speaker and (that or colon):
                start = ce + (that or colon).end()  # type: ignore[union-attr]
                content = _trim(text, start, s1)
                if text[content[1] - 1 : content[1]] in ".!?":
                    content = (content[0], content[1] - 1)
                if len(text[content[0] : content[1]].split()) >= 3:
                    out.append(Attribution(content, speaker, (cs, ce), False))
                    break
            # inverted: "CONTENT, said X." / "CONTENT, заявил Путин."
            before = text[s0:cs].rstrip()
            if before.endswith((",", "—", "–", "-")) and len(before.split()) >= 4:
                after = _speaker_after(text, ce, s1)
                if after is not None:
                    content = _trim(text, s0, s0 + len(before))
                    out.append(Attribution(content, after, (cs, ce), False))
                    break
    return out


def _speaker_between(text: str, start: int, end: int) -> tuple[int, int] | None:
    s, e = _trim(text, start, end)
    if s >= e or len(text[s:e].split()) > 8:
        return None
    return s, e


# --------------------------------------------------------------------------------------------- assemble


def orphan_quotes(
    text: str, marks: list[QuoteMark], found: list[Attribution], sentences: list[Sentence]
) -> list[Attribution]:
    """Direct quotations no cue claimed: long ones continue the previous quote's speaker."""
    out: list[Attribution] = []
    ordered = sorted(found, key=lambda a: a.content[0])
    for m in marks:
        if any(_overlaps((m.start, m.end), a.content) for a in found):
            continue
        if len(text[m.start : m.end].split()) < MIN_QUOTE_WORDS:
            continue
        previous = [a for a in ordered if a.content[1] <= m.start and a.speaker is not None]
        speaker = None
        if previous:
            prev = previous[-1]
            prev_sentence = sentence_index(sentences, prev.content[1] - 1) if sentences else 0
            this_sentence = sentence_index(sentences, m.start) if sentences else 0
            if this_sentence - prev_sentence <= 2:
                speaker = prev.speaker
        out.append(Attribution((m.start, m.end), speaker, None, True))
    return out


def extract_attributions(
    text: str, sentences: list[Sentence], language: str, doc: Any = None
) -> list[Attribution]:
    """All attributions of ``text`` as spans, in text order."""
    marks = find_quote_marks(text)
    found = from_parse(doc, marks) if doc is not None else []
    if doc is None or language != "en":
        for att in from_rules(text, sentences, marks, language):
            if not any(_overlaps(att.content, a.content) for a in found):
                found.append(att)
    found.extend(orphan_quotes(text, marks, found, sentences))
    found.sort(key=lambda a: a.content[0])
    return _dedupe(found)


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    out: list[Attribution] = []
    for att in atts:
        if out and out[-1].content == att.content:
            if out[-1].speaker is None and att.speaker is not None:
                out[-1] = att
            continue
        out.append(att)
    return out


# --------------------------------------------------------------------------------------------- records


def _fullest_mention(text: str, entities: list[Entity], key: str) -> str | None:
    """The longest mention of ``key`` in the article, with a title written before it (``Sen. Ted Cruz``)."""
    best: tuple[int, str] | None = None
    for ent in entities:
        if ent.key != key:
            continue
        start = ent.start
        while True:  # absorb title words written before the name
            match = re.search(r"([\w.\-]+)\s+$", text[max(0, start - 40) : start])
            if not match or fold(match.group(1)).rstrip(".") not in {t.rstrip(".") for t in TITLES}:
                break
            if not match.group(1)[:1].isupper():
                break
            start = start - len(match.group(0))
        mention = " ".join(text[start : ent.end].split())
        mention = re.sub(r"['’]s$", "", mention)
        if best is None or len(mention) > best[0]:
            best = (len(mention), mention)
    return best[1] if best else None


def _is_pronoun(mention: str, language: str) -> bool:
    pronouns = PRONOUNS.get(language, frozenset()) | PRONOUNS["en"]
    return fold(mention) in pronouns


def to_quotes(
    text: str, atts: list[Attribution], sentences: list[Sentence], entities: list[Entity], language: str
) -> list[Quote]:
    """Quote records: speakers resolved (pronouns to the previous named speaker or person) and keyed."""
    persons = sorted((e for e in entities if e.label == "PERSON"), key=lambda e: e.start)
    quotes: list[Quote] = []
    last_named: tuple[str, str | None] | None = None
    for att in atts:
        speaker: str | None = None
        key: str | None = None
        if att.speaker is not None:
            mention = " ".join(text[att.speaker[0] : att.speaker[1]].split())
            if _is_pronoun(mention, language):
                earlier = [e for e in persons if e.end <= att.speaker[0]]
                if last_named is not None:
                    speaker, key = last_named
                elif earlier:
                    key = earlier[-1].key
                    speaker = _fullest_mention(text, entities, key) if key else earlier[-1].text
            else:
                inner = [e for e in entities if att.speaker[0] <= e.start and e.end <= att.speaker[1]]
                person = next((e for e in inner if e.label == "PERSON"), None)
                named = person or next((e for e in inner if e.label in ("ORG", "GPE", "NORP")), None)
                if named is not None and named.key:
                    key = named.key
                    full = _fullest_mention(text, entities, key)
                    speaker = (
                        mention
                        if full is None or len(mention) >= len(full) and fold(full) in fold(mention)
                        else full
                    )
                    if person is None:
                        speaker = mention
                else:
                    speaker = mention
                    key = (
                        person_key_for(mention, entities, language)
                        if mention[:1].isupper()
                        else f"desc:{fold(mention)}"
                    )
                if person is not None or named is not None:
                    last_named = (speaker, key)
        cue = " ".join(text[att.cue[0] : att.cue[1]].split()) if att.cue else None
        content = text[att.content[0] : att.content[1]].strip()
        index = sentence_index(sentences, att.content[0]) if sentences else 0
        quotes.append(
            Quote(text=content, speaker=speaker, cue=cue, direct=att.direct, sentence=index, speaker_key=key)
        )
    return quotes
