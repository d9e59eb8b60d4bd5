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

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from newsprism.analyze.cues import (
    ACCORDING,
    CLAUSE_LEMMAS,
    CUE_STEMS,
    CUE_WORDS,
    OBJECT_LEMMAS,
    PRONOUNS,
    SAY_LEMMAS,
    SPEAKER_EDGE_WORDS,
    SPEECH_NOUNS,
    THAT_WORDS,
    XCOMP_LEMMAS,
)
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
    pieces: list[tuple[int, int]] = field(default_factory=list)  # when the content is interrupted

    def __post_init__(self) -> None:
        if not self.pieces:
            self.pieces = [self.content]

    def extend(self, span: tuple[int, int]) -> None:
        self.pieces.append(span)
        self.content = (self.content[0], max(self.content[1], span[1]))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _mark_before(marks: list[QuoteMark], pos: int) -> int:
    """Index of the last mark starting at or before ``pos`` (-1 when none); marks are sorted."""
    return bisect.bisect_right([m.start for m in marks], pos) - 1 if marks else -1


def _inside_mark(marks: list[QuoteMark], pos: int) -> bool:
    i = _mark_before(marks, pos)
    return i >= 0 and marks[i].start < pos < marks[i].end


def _containing_mark(marks: list[QuoteMark], start: int, end: int) -> QuoteMark | None:
    i = _mark_before(marks, start + 2)
    if i >= 0 and end - 2 <= marks[i].end and end > start:
        return marks[i]
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return start, end


# --------------------------------------------------------------------------------------------- parse


# on PolNeAR dev these verbs were reported speech in under 45% of the cases we took them for it,
# unless a quotation stands right by them ("he continued: “…”")
_DIRECT_ONLY = frozenset(
    """
    appear know understand mention advocate distance shout advise propose respond threaten denounce
    assume confirm continue
    """.split()  # noqa: SIM905
)
_OBJECT_TAIL = ("prep", "oprd", "xcomp", "ccomp", "dative", "advcl", "acomp", "attr")
_FIRST_SECOND_PERSON = frozenset(["i", "you", "we", "we all", "you all"])
_CUE_LEMMAS = SAY_LEMMAS | CLAUSE_LEMMAS | OBJECT_LEMMAS | XCOMP_LEMMAS | {"quote", "report", "cite"}
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "thought": "think",
    "felt": "feel",
    "knew": "know",
    "known": "know",
    "found": "find",
    "saw": "see",
    "seen": "see",
    "understood": "understand",
    "learnt": "learn",
    "sought": "seek",
    "spoke": "speak",
    "spoken": "speak",
}


def _lemma(tok: Any) -> str:
    """The lemma of a verb among our cue lemmas, without spaCy's lemmatizer (which costs a fifth of the
    pipeline): irregular forms from a table, regular ones by trying the usual English endings."""
    word = tok.lower_
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _CUE_LEMMAS:
        return word
    candidates = []
    if word.endswith("ies") or word.endswith("ied"):
        candidates.append(word[:-3] + "y")
    if word.endswith("ing"):
        candidates += [word[:-3], word[:-3] + "e", word[:-4]]
    if word.endswith("ed"):
        candidates += [word[:-1], word[:-2], word[:-3]]
    if word.endswith("s"):
        candidates += [word[:-1], word[:-2]]
    return next((c for c in candidates if c in _CUE_LEMMAS), tok.lemma_.lower() or word)


def _subtree_span(token: Any, exclude: Any = None) -> tuple[int, int]:
    """Character span of a token's subtree (O(1) via its edges); ``exclude`` cuts a subtree that sits
    at one end of it."""
    left, right = token.left_edge, token.right_edge
    if exclude is not None:
        el, er = exclude.left_edge, exclude.right_edge
        if el.i <= left.i <= er.i and er.i < right.i:
            left = token.doc[er.i + 1]
        elif el.i <= right.i <= er.i and el.i > left.i:
            right = token.doc[el.i - 1]
    return left.idx, right.idx + len(right.text)


def _subject(verb: Any, depth: int = 0) -> Any:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return child
    if depth < 3 and verb.dep_ in ("advcl", "conj", "xcomp", "ccomp", "acl") and verb.head is not verb:
        head = verb.head
        if verb.dep_ == "ccomp" and _lemma(head) not in SAY_LEMMAS:
            return None
        return _subject(head, depth + 1)
    return None


_CUT_DEPS = ("relcl", "acl", "advcl")


def _speaker_span(subj: Any) -> tuple[int, int]:
    """The subject's span without relative clauses and appositions (``Ross, who spent …`` → ``Ross``);
    a relative pronoun (``who said``) is its own speaker mention."""
    if subj.right_edge.i - subj.left_edge.i > 40:  # a runaway parse: the head word alone
        return subj.idx, subj.idx + len(subj.text)
    cut = [c for c in subj.children if c.dep_ in _CUT_DEPS]
    tokens = list(subj.subtree)
    for child in cut:
        drop = set(child.subtree)
        tokens = [t for t in tokens if t not in drop]
    # keep the contiguous run around the head, then trim punctuation at the ends
    i = tokens.index(subj) if subj in tokens else 0
    lo = hi = i
    while lo > 0 and tokens[lo - 1].i == tokens[lo].i - 1:
        lo -= 1
    while hi + 1 < len(tokens) and tokens[hi + 1].i == tokens[hi].i + 1:
        hi += 1
    run = tokens[lo : hi + 1]
    while len(run) > 1 and run[-1].is_punct:
        run = run[:-1]
    while len(run) > 1 and run[0].is_punct:
        run = run[1:]
    return run[0].idx, run[-1].idx + len(run[-1].text)


def from_parse(doc: Any, marks: list[QuoteMark], sentences: list[Sentence]) -> list[Attribution]:
    """Attributions from a spaCy Doc (English or French parse)."""
    text = doc.text
    out: list[Attribution] = []
    pieces: list[tuple[int, int]] = []
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            att = _according(tok, doc)
            if att:
                out.append(att)
            continue
        if tok.tag_.startswith("NN") and tok.lower_ in SPEECH_NOUNS:
            att = _speech_noun(tok, marks)
            if att:
                out.append(att)
            continue
        if not tok.tag_.startswith(("VB", "MD")) or _lemma(tok) not in _CUE_LEMMAS:
            continue
        if _inside_mark(marks, tok.idx):  # speech reported inside a quotation
            continue
        lemma = _lemma(tok)
        comps = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis")]
        # a clause after the verb is what was said; one before it only when it is a quotation
        # ("VALMONT (Wire) - X said that …" puts the dateline in a clause before the verb)
        after = [c for c in comps if c.i > tok.i]
        before = [c for c in comps if c.i < tok.i and _containing_mark(marks, *_subtree_span(c))]
        comp = (after or before or [c for c in comps if c.dep_ == "ccomp" and c.i < tok.i] or [None])[0]
        if comp is None and lemma in SAY_LEMMAS | OBJECT_LEMMAS | XCOMP_LEMMAS:
            comp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
        if comp is None and lemma in OBJECT_LEMMAS:
            comp = next((c for c in tok.children if c.dep_ in ("dobj", "prep") and c.i > tok.i), None)
        content: tuple[int, int] | None = None
        direct = False
        pieces = []
        sent = sentences[sentence_index(sentences, tok.idx)] if sentences else None
        subj = _subject(tok)
        if comp is not None:
            content = _subtree_span(comp)
            if comp.dep_ in ("dobj", "prep"):  # "accused him of bad faith": the object and what follows it
                tail = [c for c in tok.children if c.i > comp.i and c.dep_ in _OBJECT_TAIL]
                if tail:
                    content = (content[0], max(content[1], _subtree_span(tail[-1])[1]))
            mark = _containing_mark(marks, *content)
            if mark:
                content, direct = (mark.start, mark.end), True
            elif sent is not None:
                content = (max(content[0], sent.start), min(content[1], sent.end))
                k = _mark_before(marks, content[1])
                if k >= 0 and marks[k].start < content[1] < marks[k].end and marks[k].end <= sent.end + 2:
                    content = (content[0], marks[k].end)  # a quotation the clause ends in
        elif lemma in SAY_LEMMAS:
            mark = _adjacent_mark(text, marks, tok.idx, tok.idx + len(tok.text))
            if mark:
                content, direct = (mark.start, mark.end), True
            elif sent is not None and subj is not None:
                pieces = _parenthetical(text, sent, subj, tok)
                content = (pieces[0][0], pieces[-1][1]) if pieces else None
        if lemma in _DIRECT_ONLY and not direct:
            continue
        if lemma in CLAUSE_LEMMAS | OBJECT_LEMMAS and not direct and comp is None:
            continue
        if content is None:
            continue
        content = _trim(text, *content)
        if content[1] - content[0] < 3:
            continue
        if not direct:
            content = _strip_that(text, content)
        speaker = _quoted_as_saying(tok)
        if speaker is None and subj is not None:
            speaker = _speaker_span(subj)
        if speaker is not None and fold(text[speaker[0] : speaker[1]]) in _FIRST_SECOND_PERSON:
            continue  # "I think …" outside quotation marks: a transcript or an op-ed, not a report
        if speaker is not None and sent is not None and speaker[0] < sent.start <= subj.idx:
            speaker = (sent.start, speaker[1])  # a runaway subtree crossing into the previous sentence
        if speaker and _overlaps(speaker, content) and not pieces:
            speaker = None
        cue_end = tok.idx + len(tok.text)
        out.append(Attribution(content, speaker, (tok.idx, cue_end), direct, pieces=pieces))
    return out


def _parenthetical(text: str, sent: Sentence, subj: Any, cue: Any) -> list[tuple[int, int]]:
    """``Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt``: the sentence around the
    ``, X said,`` aside is the content."""
    start = _subtree_span(subj)[0]
    end = cue.idx + len(cue.text)
    before = text[sent.start : start].rstrip()
    if not before.endswith((",", "—", "–")) or len(before.split()) < 2:
        return []
    after_end = sent.end - 1 if text[sent.end - 1 : sent.end] in ".!?" else sent.end
    out = [_trim(text, sent.start, start)]
    after = _trim(text, end, after_end)
    if after[1] - after[0] > 2:
        out.append(after)
    return [p for p in out if p[1] > p[0]]


def _speech_noun(tok: Any, marks: list[QuoteMark]) -> Attribution | None:
    """``his claim that the vote was rigged``: the clause is the content, the possessor the speaker."""
    comp = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > tok.i), None)
    if comp is None or not any(t.lower_ == "that" and t.i == comp.left_edge.i for t in comp.subtree):
        return None
    if _inside_mark(marks, tok.idx):
        return None
    content = _strip_that(tok.doc.text, _subtree_span(comp))
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    speaker = _speaker_span(owner) if owner is not None else None
    return Attribution(content, speaker, (tok.idx, tok.idx + len(tok.text)), False)


def _quoted_as_saying(tok: Any) -> tuple[int, int] | None:
    """``X was quoted as saying`` / ``Y reported X as saying``: the speaker is the object of ``reported``
    or the passive subject of ``quoted``, not the outlet that reports."""
    if _lemma(tok) != "say" or tok.lower_ != "saying":
        return None
    head = tok.head
    for _ in range(3):
        if head is not tok and _lemma(head) in ("quote", "report", "cite"):
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return _speaker_span(obj)
            subj = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            if subj is not None:
                return _speaker_span(subj)
            return None
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
    first = max(0, _mark_before(marks, start - 400))
    for m in marks[first:]:
        long_enough = len(text[m.start : m.end].split()) >= 3
        gap_after = text[m.end : start]
        closes_clause = text[m.end - 2 : m.end + 1].strip()[:1] in ","
        if (
            m.end <= start
            and len(gap_after) < 80
            and not re.search(r"[.!?]\s|\n", gap_after)
            and (long_enough or closes_clause)
        ):
            return m
        gap_before = text[end : m.start]
        if (
            m.start >= end
            and len(gap_before) < 80
            and not re.search(r"[.!?]\s|\n|[”\"»]", gap_before)
            and (long_enough or gap_before.strip()[-1:] in (":", ","))
        ):
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
    """The noun phrase ending right before a cue (``the ministry's spokesman said``)."""
    chunk = text[lo:cue_start]
    cut = max(chunk.rfind(c) for c in ',;:.!?”»"“«—\n')
    s = lo + cut + 1 if cut >= 0 else lo
    s, e = _trim(text, s, cue_start)
    words = text[s:e].split()
    if not words or len(words) > max_words:
        return None
    return _clean_speaker(text, (s, e))


def _speaker_after(text: str, cue_end: int, hi: int, max_words: int = 8) -> tuple[int, int] | None:
    """The noun phrase right after a cue (``said the minister.``, ``заявил Путин``)."""
    match = re.match(r"[^,;:.!?\n«»“”\"]{1,120}", text[cue_end:hi])
    if not match:
        return None
    s, e = _trim(text, cue_end, cue_end + match.end())
    prep = re.match(r"(?:в|во|на|по)\s+(?:интервью|эфире|беседе|заявлении|обращении)\s+\S+\s+", text[s:e])
    if prep:
        s += prep.end()
    stop = _SPEAKER_STOP.search(text, s, e)
    if stop:
        e = stop.start()
    first = _WORD_SPAN.match(text, s)
    if first and (_is_pronoun(first.group(0), "ru") or _is_pronoun(first.group(0), "en")):
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
    according_re = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(a) for a in according) + r")(?!\w)", re.IGNORECASE
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
            return _inside_mark(marks, pos)

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
            that = that_re.match(rest)
            colon = _COLON_AFTER_CUE.match(rest)
            if speaker and (that or colon):
                start = ce + (that or colon).end()  # type: ignore[union-attr]
                content = _trim(text, start, s1)
                if text[content[1] - 1 : content[1]] in ".!?":
                    content = (content[0], content[1] - 1)
                if len(text[content[0] : content[1]].split()) >= 2:
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
    """Direct quotations no cue claimed: one right after a direct quote in the same paragraph continues
    it (``“…,” he said. “…”``); a later one takes the previous speaker when within two sentences."""
    out: list[Attribution] = []
    by_end = sorted(found, key=lambda a: a.content[1])
    ends = [a.content[1] for a in by_end]
    claimed = _claimed_marks(marks, found)
    for index, m in enumerate(marks):
        if index in claimed or len(text[m.start : m.end].split()) < MIN_QUOTE_WORDS:
            continue
        k = bisect.bisect_right(ends, m.start)
        if k and by_end[k - 1].direct:
            prev = by_end[k - 1]
            gap = text[prev.content[1] : m.start]
            if "\n" not in gap and len(gap) < 120:
                prev.extend((m.start, m.end))
                continue
        labelled = _punctuation_speaker(text, m)
        if labelled is not None:  # Trump: “…”   /   “…” — Trump
            out.append(Attribution((m.start, m.end), labelled[0], labelled[1], True))
            continue
        speaker = None
        for j in range(k - 1, max(-1, k - 6), -1):  # the nearest earlier quote with a speaker
            prev = by_end[j]
            if prev.speaker is None:
                continue
            if (
                not sentences
                or sentence_index(sentences, m.start) - sentence_index(sentences, prev.content[1] - 1) <= 2
            ):
                speaker = prev.speaker
            break
        inner = text[m.start : m.end].rstrip("\"”»“'’\u200b ")
        if speaker is None and not inner.endswith((".", "?", "!", ",", "…")):
            continue  # a titled phrase in quotation marks, not something somebody said
        out.append(Attribution((m.start, m.end), speaker, None, True))
    return out


_COLON_SPEAKER = re.compile(r"(?:^|[\n.!?]\s*)((?:[A-Z][\w.'’\-]*\s?){1,4})\s*(:)\s*$")
_DASH_SPEAKER = re.compile(r"^\s*([—–]|-{1,2})\s*((?:[A-Z][\w.'’\-]*\s?){1,4})(?=[,.;\n]|$)")


def _punctuation_speaker(text: str, m: QuoteMark) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A speaker named by punctuation alone: ``Holt: “…”`` or ``“…” — Ines Holt``; (speaker, cue)."""
    lo = max(0, m.start - 80)
    before = _COLON_SPEAKER.search(text, lo, m.start)
    if before:
        name = _trim(text, before.start(1), before.end(1))
        return name, (before.start(2), before.end(2))
    after = _DASH_SPEAKER.match(text[m.end : m.end + 80])
    if after:
        name = _trim(text, m.end + after.start(2), m.end + after.end(2))
        return name, (m.end + after.start(1), m.end + after.end(1))
    return None


def _claimed_marks(marks: list[QuoteMark], found: list[Attribution]) -> set[int]:
    starts = [m.start for m in marks]
    claimed: set[int] = set()
    for att in found:
        i = max(0, bisect.bisect_right(starts, att.content[0]) - 1)
        while i < len(marks) and marks[i].start < att.content[1]:
            if _overlaps((marks[i].start, marks[i].end), att.content):
                claimed.add(i)
            i += 1
    return claimed


def extract_attributions(
    text: str, sentences: list[Sentence], language: str, doc: Any = None
) -> list[Attribution]:
    """All attributions of ``text`` as spans, in text order."""
    marks = find_quote_marks(text)
    found = from_parse(doc, marks, sentences) if doc is not None and language == "en" else []
    if doc is None or language != "en":
        taken = sorted(a.content for a in found)
        for att in from_rules(text, sentences, marks, language):
            i = bisect.bisect_left(taken, att.content)
            near = taken[max(0, i - 3) : i + 3]
            if not any(_overlaps(att.content, span) for span in near):
                found.append(att)
    found.extend(orphan_quotes(text, marks, found, sentences))
    found.sort(key=lambda a: a.content[0])
    return _dedupe(found)


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    """One attribution per content: the same span keeps the one with a speaker; a span inside the
    previous one with the same speaker (``quoted as saying that … "…"``) is dropped."""
    out: list[Attribution] = []
    for att in atts:
        if out and out[-1].content == att.content:
            if out[-1].speaker is None and att.speaker is not None:
                out[-1] = att
            continue
        inside = out and out[-1].content[0] <= att.content[0] and att.content[1] <= out[-1].content[1]
        if inside and (att.speaker is None or att.speaker == out[-1].speaker):
            continue
        out.append(att)
    return out


# --------------------------------------------------------------------------------------------- records


_TITLE_WORDS = frozenset(t.rstrip(".") for t in TITLES)
_TITLE_BEFORE = re.compile(r"([\w.\-]+)\s+$")


def _with_title(text: str, ent: Entity) -> str:
    """The entity's text with the capitalised title words written right before it (``Sen. Ted Cruz``)."""
    start = ent.start
    for _ in range(4):
        match = _TITLE_BEFORE.search(text, max(0, start - 40), start)
        word = match.group(1) if match else ""
        if not word[:1].isupper() or fold(word).rstrip(".") not in _TITLE_WORDS:
            break
        start = match.start() if match else start
    return re.sub(r"['’]s$", "", " ".join(text[start : ent.end].split()))


def _fullest_mentions(text: str, entities: list[Entity]) -> dict[str, str]:
    """Key → the longest mention of it in the article, titles included."""
    best: dict[str, str] = {}
    for ent in entities:
        if ent.key and ent.label == "PERSON":
            mention = _with_title(text, ent)
        elif ent.key:
            mention = " ".join(ent.text.split())
        else:
            continue
        if len(mention) > len(best.get(ent.key, "")):
            best[ent.key] = mention
    return best


def _is_pronoun(mention: str, language: str) -> bool:
    pronouns = PRONOUNS.get(language, frozenset()) | PRONOUNS["en"]
    return fold(mention) in pronouns


def to_quotes(
    text: str, atts: list[Attribution], sentences: list[Sentence], entities: list[Entity], language: str
) -> list[Quote]:
    """Quote records: speakers resolved to the fullest mention (pronouns to the last named speaker, else
    the nearest person before) and keyed like entities (descriptions get a ``desc:`` key)."""
    ordered = sorted(entities, key=lambda e: e.start)
    starts = [e.start for e in ordered]
    persons = [e for e in ordered if e.label == "PERSON"]
    person_ends = [e.end for e in persons]
    fullest = _fullest_mentions(text, ordered)
    quotes: list[Quote] = []
    last_named: tuple[str, str | None] | None = None
    for att in atts:
        speaker: str | None = None
        key: str | None = None
        if att.speaker is not None:
            s0, s1 = att.speaker
            mention = " ".join(text[s0:s1].split())
            if _is_pronoun(mention, language):
                k = bisect.bisect_right(person_ends, s0)
                if last_named is not None:
                    speaker, key = last_named
                elif k:
                    key = persons[k - 1].key
                    speaker = fullest.get(key or "", persons[k - 1].text)
            else:
                inner = ordered[bisect.bisect_left(starts, s0) : bisect.bisect_left(starts, s1)]
                inner = [e for e in inner if e.end <= s1]
                person = next((e for e in inner if e.label == "PERSON" and e.key), None)
                named = next((e for e in inner if e.label in ("ORG", "GPE", "NORP") and e.key), None)
                if person is not None and person.key:
                    key = person.key
                    full = fullest.get(key, mention)
                    speaker = mention if len(mention) >= len(full) else full
                    if len(mention) > len(full) and len(mention.split()) <= 6:
                        fullest[key] = mention  # "Union leader Tomas Brandt" names him from now on
                elif named is not None and fold(_strip_determiner(mention)) == fold(named.text):
                    key, speaker = named.key, mention
                else:
                    speaker = mention
                    bare = _strip_determiner(mention)
                    if bare[:1].isupper() and len(mention.split()) <= 4:
                        key = person_key_for(mention, persons, language)
                        if key not in fullest and not _looks_like_person(bare):
                            key = f"name:{fold(bare)}"
                    else:
                        key = f"desc:{fold(bare)}"
                if person is not None or named is not None:
                    last_named = (speaker, key)
        cue = " ".join(text[att.cue[0] : att.cue[1]].split()) if att.cue else None
        content = " ".join(text[a:b].strip() for a, b in att.pieces)
        index = sentence_index(sentences, att.content[0]) if sentences else 0
        quotes.append(
            Quote(text=content, speaker=speaker, cue=cue, direct=att.direct, sentence=index, speaker_key=key)
        )
    return quotes


_ORG_WORDS = frozenset(
    """
    ministry department office agency council committee party union company group bank court university
    herald times post news journal press tribune gazette daily telegraph network channel tv radio
    government administration campaign commission police army inc corp ltd institute foundation
    """.split()  # noqa: SIM905
)


def _looks_like_person(name: str) -> bool:
    """Two or three capitalised words, none of them an organisation word ("Ines Holt", not "Valmont Herald")."""
    words = name.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and not any(fold(w) in _ORG_WORDS for w in words)
    )


_DETERMINER = re.compile(r"^(?:the|a|an|le|la|les|l'|der|die|das|el|los|las)\s+", re.IGNORECASE)


def _strip_determiner(mention: str) -> str:
    return _DETERMINER.sub("", mention)
