"""Attributions from a spaCy dependency parse (English).

Every speech verb (``said``, ``told``, ``wrote``, ``added`` … by lemma, see :mod:`cues`) with a clausal
complement or an adjacent direct quotation is an attribution; its speaker is the verb's subject (inherited
by ``adding``/``saying`` from the verb they hang on, through a preposition: ``began by asking``, and
through an adjective: ``is quick to say``); a speech noun without a possessor is spoken by the subject of
the verb it is the object of (``he raised questions about …``); ``according to X`` and ``in a new X poll`` name
the source, and the rest of the sentence is what it says (both sides when the phrase stands in the
middle); ``was quoted as saying`` / ``reported X as saying`` credit X; ``his claim that …`` credits
the possessor; stance verbs (``accused``, ``praised``) take their object and what follows as content, and
so do verbs of thought without a clause (``feared the re-emergence of …``); a speech verb whose object is
the addressee takes what follows it (``warned the Fed against buying bonds``). First-person statements
outside quotation marks (``I think …``, op-eds and interviews) are candidates too: PolNeAR annotates them.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from newsprism.analyze.cues import CLAUSE_LEMMAS, OBJECT_LEMMAS, SAY_LEMMAS, SPEECH_NOUNS, XCOMP_LEMMAS
from newsprism.analyze.lexicons import fold
from newsprism.analyze.quotemarks import (
    Attribution,
    QuoteMark,
    adjacent_mark,
    containing_mark,
    inside_mark,
    mark_before,
    overlaps,
    strip_that,
    trim_span,
)
from newsprism.analyze.sentences import sentence_index
from newsprism.records import Sentence

# "continues" outside a quotation is nearly always "continues to …", not speech (PolNeAR dev: 1 in 10)
_DIRECT_ONLY = frozenset(
    """
    continue
    """.split()  # noqa: SIM905
)
_OBJECT_TAIL = ("prep", "oprd", "xcomp", "ccomp", "dative", "acomp", "attr")
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


@lru_cache(maxsize=1)
def _learned_cues() -> dict[str, frozenset[str]]:
    path = resources.files("newsprism").joinpath("data/quotes_cues_en.json")
    if not path.is_file():
        return {}
    return {k: frozenset(v) for k, v in json.loads(path.read_text("utf-8")).items()}


def learned_cue_forms() -> frozenset[str]:
    """English verb forms that PolNeAR train annotates as cues at least a fifth of the time, beyond the
    lexicons of :mod:`cues` (``newsprism/data/quotes_cues_en.json``, written by scripts/train_quotes.py)."""
    return _learned_cues().get("forms", frozenset())


def learned_cue_nouns() -> frozenset[str]:
    """English nouns that PolNeAR train annotates as cues at least 15% of the time (``support``,
    ``criticism``, ``interview``), from the same file."""
    return _learned_cues().get("nouns", frozenset())


def _lemma(tok: Any) -> str:
    """The lemma of a verb among our cue lemmas, without spaCy's lemmatizer (which costs a fifth of the
    pipeline): irregular forms from a table, regular ones by trying the usual English endings."""
    return cue_lemma(tok.lower_) or tok.lemma_.lower() or tok.lower_


def cue_lemma(word: str) -> str | None:
    """The cue lemma of a lowercase English verb form (``told`` → ``tell``), None when it is no cue."""
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
    return next((c for c in candidates if c in _CUE_LEMMAS), None)


def _asked(verb: Any, comp: Any) -> Any:
    """Who is urged or called on to do what ``comp`` (an infinitive after ``verb``) says: the object
    between them ("urged both sides to …") or the object of "on" ("called on Republicans to …")."""
    for child in verb.children:
        if not verb.i < child.i < comp.i:
            continue
        if child.dep_ == "dobj":
            return child
        if child.dep_ in ("prep", "prt") and child.lower_ in ("on", "upon"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


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
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if subjects:  # two subjects: a dateline parsed as one ("VALMONT - Mayor Holt said"); the nearer wins
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    if depth >= 3 or verb.head is verb:
        return None
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head is not head:
        target = head.head  # "began by asking if …", "is vocal in opposing free trade"
        return _subject(target, depth + 1) if target.tag_.startswith(("VB", "JJ", "MD")) else None
    if verb.dep_ in ("advcl", "conj", "xcomp", "ccomp", "acl", "acomp"):  # acomp: "is quick to say"
        if verb.dep_ == "ccomp" and _lemma(head) not in SAY_LEMMAS:
            return None
        return _subject(head, depth + 1)
    return None


_CUT_DEPS = ("relcl", "acl", "advcl")


def _speaker_span(subj: Any, keep_clauses: bool = False) -> tuple[int, int]:
    """The subject's span without relative clauses and appositions (``Ross, who spent …`` → ``Ross``);
    a relative pronoun (``who said``) is its own speaker mention. ``keep_clauses`` keeps a parenthetical
    clause, as PolNeAR does for a speaker after the verb (``said Ross, who spent …``: train, 68 of 100)."""
    if subj.right_edge.i - subj.left_edge.i > 40:  # a runaway parse: the head word alone
        return subj.idx, subj.idx + len(subj.text)
    doc = subj.doc
    # a restrictive clause ("voters who say …", "a poll released Monday") is part of the name
    cut = [
        c
        for c in subj.children
        if c.dep_ in _CUT_DEPS
        and (c.left_edge.i == 0 or doc[c.left_edge.i - 1].is_punct)
        and not (keep_clauses and c.dep_ == "relcl")
    ]
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
            att = _according(tok, doc, sentences)
            if att:
                out.append(att)
            continue
        if tok.lower_ == "in" and tok.dep_ == "prep" and not inside_mark(marks, tok.idx):
            att = _in_poll(tok, sentences)
            if att:
                out.append(att)
            continue
        if tok.tag_ in ("NN", "NNS") and (tok.lower_ in SPEECH_NOUNS or tok.lower_ in learned_cue_nouns()):
            att = _speech_noun(tok, marks) or _noun_topic(tok, marks)
            if att:
                out.append(att)
            continue
        if tok.tag_ == "JJ" and tok.lower_ in _STANCE_ADJECTIVES:
            att = _stance_adjective(tok, marks)
            if att:
                out.append(att)
            continue
        if not tok.tag_.startswith(("VB", "MD")):
            continue
        lemma = _lemma(tok)
        # a verb form learned from PolNeAR train (scripts/train_quotes.py) behaves like a stance verb
        learned = lemma not in _CUE_LEMMAS
        if learned and tok.lower_ not in learned_cue_forms():
            continue
        if inside_mark(marks, tok.idx):  # speech reported inside a quotation
            continue
        object_like = learned or lemma in OBJECT_LEMMAS
        clause_obj = lemma in CLAUSE_LEMMAS  # "feared the re-emergence of …": the object, if no clause
        comps = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis")]
        # a clause after the verb is what was said; one before it only when it is a quotation
        # ("VALMONT (Wire) - X said that …" puts the dateline in a clause before the verb)
        after = [c for c in comps if c.i > tok.i]
        before = [c for c in comps if c.i < tok.i and containing_mark(marks, *_subtree_span(c))]
        comp = (after or before or [c for c in comps if c.dep_ == "ccomp" and c.i < tok.i] or [None])[0]
        if comp is None and (object_like or lemma in SAY_LEMMAS | XCOMP_LEMMAS):
            comp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
        if comp is None and (object_like or clause_obj):
            comp = next((c for c in tok.children if c.dep_ in ("dobj", "prep") and c.i > tok.i), None)
        if comp is None and (object_like or lemma in SAY_LEMMAS):  # "called for all candidates to …"
            comp = next(
                (c for c in tok.children if c.dep_ == "advcl" and c.i > tok.i and _for_clause(c)), None
            )
        agent = _agent(tok)
        passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if comp is None and passive is not None and object_like:  # "Cruz was endorsed (by X)"
            comp = passive
        if comp is None and lemma in _QUESTION_LEMMAS:  # "asked whether they would attend"
            comp = next(
                (c for c in tok.children if c.dep_ == "advcl" and c.i > tok.i and _for_clause(c, _IF)), None
            )
        content: tuple[int, int] | None = None
        direct = False
        pieces = []
        sent = sentences[sentence_index(sentences, tok.idx)] if sentences else None
        subj = (
            agent if agent is not None else None if passive is not None and comp is passive else _subject(tok)
        )
        if comp is not None:
            content = _subtree_span(comp)
            cut = _next_cue(comp)
            if cut is not None and cut > content[0]:
                content = (content[0], cut)
            if comp.dep_ in ("dobj", "prep"):  # "accused him of bad faith": the object and what follows it
                tail = [c for c in tok.children if c.i > comp.i and c.dep_ in _OBJECT_TAIL]
                if tail:
                    content = (content[0], max(content[1], _subtree_span(tail[-1])[1]))
            elif comp.dep_ == "xcomp":  # "urged both sides to accept …", "called on Republicans to …"
                asked = _asked(tok, comp)
                if asked is not None:
                    content = (min(content[0], _subtree_span(asked)[0]), content[1])
            mark = containing_mark(marks, *content)
            if mark:
                content, direct = (mark.start, mark.end), True
            elif sent is not None:
                content = (max(content[0], sent.start), min(content[1], sent.end))
                k = mark_before(marks, content[1])
                if k >= 0 and marks[k].start < content[1] < marks[k].end and marks[k].end <= sent.end + 2:
                    content = (content[0], marks[k].end)  # a quotation the clause ends in
        elif lemma in SAY_LEMMAS:
            mark = adjacent_mark(text, marks, tok.idx, tok.idx + len(tok.text))
            if mark:
                content, direct = (mark.start, mark.end), True
            elif sent is not None and subj is not None:
                pieces = _parenthetical(text, sent, subj, tok)
                content = (pieces[0][0], pieces[-1][1]) if pieces else None
            if content is None and lemma not in _ADDRESSEE_OBJECT:  # "had basically said the same thing"
                obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
                if obj is not None:
                    if (
                        obj.lower_ not in _PERSONAL_OBJECTS
                        and obj.tag_ not in ("NNP", "NNPS")
                        and not obj.ent_type_
                    ):
                        content = _subtree_span(obj)
                else:  # "responded to the charge", "asked about the loan", "said so", "said yes"
                    topic = _topic(tok)
                    content = _subtree_span(topic) if topic is not None else None
            elif content is None:  # "warned the Fed against buying bonds": what follows the addressee
                topic = _topic(tok)
                content = _subtree_span(topic) if topic is not None else None
        if lemma in _DIRECT_ONLY and not direct:
            continue
        if (object_like or lemma in CLAUSE_LEMMAS) and not direct and comp is None:
            continue
        if content is None:
            continue
        content = trim_span(text, *content)
        if content[1] - content[0] < 2:
            continue
        if not direct and " " in text[content[0] : content[1]]:
            content = strip_that(text, content)
        speaker = quoted_as_saying(tok)
        if speaker is None and subj is not None:
            speaker = _speaker_span(subj, keep_clauses=subj.i > tok.i)
            if (
                subj.i < tok.i and subj.left_edge.i < tok.left_edge.i <= subj.right_edge.i
            ):  # "voters saying …"
                speaker = trim_span(text, subj.left_edge.idx, tok.left_edge.idx)
        if (
            speaker is not None
            and subj is not None
            and sent is not None
            and speaker[0] < sent.start <= subj.idx
        ):
            speaker = (sent.start, speaker[1])  # a runaway subtree crossing into the previous sentence
        if speaker is not None and "\n" in text[speaker[0] : speaker[1]]:  # a dateline or timestamp above
            cut = text.rindex("\n", speaker[0], speaker[1]) + 1
            speaker = trim_span(text, cut, speaker[1]) if cut < speaker[1] else None
        if speaker is not None:
            dateline = _DATELINE.match(text, speaker[0], speaker[1])
            if dateline and dateline.end() < speaker[1]:  # "WASHINGTON — Sen. Grassley" → "Sen. Grassley"
                speaker = (dateline.end(), speaker[1])
        if speaker and overlaps(speaker, content) and not pieces:
            speaker = None
        cue_end = tok.idx + len(tok.text)
        out.append(Attribution(content, speaker, (tok.idx, cue_end), direct, pieces=pieces))
    return out


# a dateline opening the sentence: a place in capitals or an agency in parentheses, then a dash
_DATELINE = re.compile(
    r"(?:[A-Z]{3,}\b[^\n—–]{0,25}?|[A-Z][a-z]{1,4}\.\s*|[^\n—–]{0,30}?\((?:AP|AFP|Reuters|CNN)\)\s*)"
    r"[—–-]{1,2}\s+(?=[A-Z])"
)


# speech verbs whose direct object is the addressee ("told reporters"), not what was said
_ADDRESSEE_OBJECT = frozenset("tell inform brief assure remind urge warn instruct order ask advise".split())  # noqa: SIM905


_TOPIC_PREPOSITIONS = frozenset(["to", "about", "on", "for", "at", "against", "of"])


_QUESTION_LEMMAS = frozenset(["ask", "wonder", "question", "know", "decide", "see", "consider", "doubt"])
_IF = ("if", "whether")


_PERSONAL_OBJECTS = frozenset("me you him her us them himself herself themselves myself".split())  # noqa: SIM905


def _next_cue(comp: Any) -> int | None:
    """Where a clause of speech stops because a second speech verb of the same speaker takes over (``said
    it was too early but added, "…"``, where the parse hangs ``added`` on the clause): the offset of the
    conjunction before that verb, or None."""
    for c in comp.children:
        if (
            c.dep_ == "conj"
            and c.i > comp.i
            and _lemma(c) in SAY_LEMMAS
            and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        ):
            left = c.left_edge
            while left.i > comp.i + 1 and (
                left.doc[left.i - 1].dep_ == "cc" or left.doc[left.i - 1].is_punct
            ):
                left = left.doc[left.i - 1]
            return left.idx
    return None


def _topic(verb: Any) -> Any:
    """What a verb without clause or object is about: ``responded to the charge`` → the charge,
    ``said so`` → so, ``said yes`` → yes; None when there is nothing of the kind."""
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPOSITIONS:
            return next((g for g in c.children if g.dep_ == "pobj"), None)
        if (c.dep_ == "advmod" and c.lower_ == "so") or (c.dep_ == "intj" and c.lower_ in ("yes", "no")):
            return c
    return None


def _agent(verb: Any) -> Any:
    """The ``by`` phrase of a passive verb (``was criticized by the mayor`` → ``mayor``), or None."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _for_clause(clause: Any, words: tuple[str, ...] = ("for",)) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in words for c in clause.children)


def _parenthetical(text: str, sent: Sentence, subj: Any, cue: Any) -> list[tuple[int, int]]:
    """``Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt``: the sentence around the
    ``, X said,`` aside is the content."""
    start = _subtree_span(subj)[0]
    end = cue.idx + len(cue.text)
    before = text[sent.start : start].rstrip()
    if not before.endswith((",", "—", "–")) or len(before.split()) < 2:
        return []
    after_end = sent.end - 1 if text[sent.end - 1 : sent.end] in ".!?" else sent.end
    out = [trim_span(text, sent.start, start)]
    after = trim_span(text, end, after_end)
    if after[1] - after[0] > 2:
        out.append(after)
    return [p for p in out if p[1] > p[0]]


def _speech_noun(tok: Any, marks: list[QuoteMark]) -> Attribution | None:
    """``his claim that the vote was rigged``: the clause is the content, the possessor the speaker."""
    comp = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > tok.i), None)
    if comp is None or not any(t.lower_ == "that" and t.i == comp.left_edge.i for t in comp.subtree):
        return None
    if inside_mark(marks, tok.idx):
        return None
    content = strip_that(tok.doc.text, _subtree_span(comp))
    owner = next((c for c in tok.children if c.dep_ == "poss"), None) or _light_verb_subject(tok)
    speaker = _speaker_span(owner) if owner is not None else None
    return Attribution(content, speaker, (tok.idx, tok.idx + len(tok.text)), False)


_NOUN_TOPIC_PREPOSITIONS = frozenset("of about for on to against over toward towards with at".split())  # noqa: SIM905


def _light_verb_subject(noun: Any) -> Any:
    """The subject of the verb a speech noun is the object of (``he raised questions about …``, ``she
    made the suggestion that …``) or is governed by through a preposition (``in an interview``), or None."""
    if noun.dep_ == "dobj" and noun.head.tag_.startswith("VB"):
        return _subject(noun.head)
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.tag_.startswith("VB"):
        return _subject(noun.head.head)
    return None


def _noun_topic(tok: Any, marks: list[QuoteMark]) -> Attribution | None:
    """``his criticism of the deal``, ``questions about the loan``: the object of the preposition is the
    content, the possessor (when there is one) the speaker."""
    prep = next(
        (
            c
            for c in tok.children
            if c.dep_ == "prep" and c.i == tok.i + 1 and c.lower_ in _NOUN_TOPIC_PREPOSITIONS
        ),
        None,
    )
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if pobj is None or inside_mark(marks, tok.idx):
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None) or _light_verb_subject(tok)
    speaker = _speaker_span(owner) if owner is not None else None
    return Attribution(_subtree_span(pobj), speaker, (tok.idx, tok.idx + len(tok.text)), False)


_STANCE_ADJECTIVES = frozenset(
    """
    confident sure certain convinced clear aware optimistic hopeful worried concerned adamant skeptical
    sceptical positive afraid insistent
    """.split()  # noqa: SIM905
)


def _stance_adjective(tok: Any, marks: list[QuoteMark]) -> Attribution | None:
    """``the minister is confident that the deal will pass``: the clause is the content, the subject
    of the copula the speaker."""
    comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
    if comp is None or inside_mark(marks, tok.idx) or tok.dep_ not in ("acomp", "ROOT"):
        return None
    subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or fold(subj.text) in ("it", "this", "that"):
        return None
    content = strip_that(tok.doc.text, _subtree_span(comp))
    return Attribution(content, _speaker_span(subj), (tok.idx, tok.idx + len(tok.text)), False)


def quoted_as_saying(tok: Any) -> tuple[int, int] | None:
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


def _according(tok: Any, doc: Any, sentences: list[Sentence]) -> Attribution | None:
    """``X did Y, according to Z``: Z speaks, and the rest of the sentence (both sides of the phrase when
    it stands in the middle) is what Z says, as PolNeAR annotates it; a dateline opening the sentence is
    not part of it."""
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    return _source_phrase(tok, to, pobj, sentences)


# what a study or a poll finds, said with "in": "Trump leads in the latest Fox poll"
_FINDING_NOUNS = frozenset("poll polls survey surveys study studies".split())  # noqa: SIM905


def _in_poll(tok: Any, sentences: list[Sentence]) -> Attribution | None:
    """``Trump leads with 45 percent in a new Fox News poll``: the poll speaks, the rest of the sentence
    is what it says."""
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lower_ not in _FINDING_NOUNS:
        return None
    return _source_phrase(tok, tok, pobj, sentences)


def _source_phrase(tok: Any, to: Any, pobj: Any, sentences: list[Sentence]) -> Attribution | None:
    """The attribution of a phrase ``tok … to pobj`` that names a source inside a sentence."""
    doc = tok.doc
    text = doc.text
    speaker = _source_span(pobj)
    phrase_end = max(speaker[1], pobj.right_edge.idx + len(pobj.right_edge.text))
    if sentences:
        sent = sentences[sentence_index(sentences, tok.idx)]
        s, e = sent.start, sent.end
    else:
        s, e = tok.sent.start_char, tok.sent.end_char
    comma = re.search(r"[,;—–]|\s-\s", text[to.idx : min(e, phrase_end)])
    if comma:  # a runaway subtree: the source ends at the first comma or dash after "according to"
        phrase_end = to.idx + comma.start()
        speaker = trim_span(text, speaker[0], min(speaker[1], phrase_end))
        if speaker[1] <= speaker[0]:
            return None
    affiliation = _AFFILIATION.match(text, phrase_end, e)
    if affiliation is not None:  # "according to the hydrologist X, of the University of Y, the dam …"
        phrase_end = affiliation.end(1)
        speaker = (speaker[0], phrase_end)
    dateline = _DATELINE.match(text, s, e)
    if dateline and dateline.end() <= tok.idx:
        s = dateline.end()
    pieces = [trim_span(text, s, tok.idx), trim_span(text, phrase_end, e)]
    pieces = [(a, b - 1 if b > a and text[b - 1] in ".!?" else b) for a, b in pieces]
    pieces = [(a, b) for a, b in pieces if b - a >= 8 and any(ch.isalnum() for ch in text[a:b])]
    if not pieces:
        return None
    content = (pieces[0][0], pieces[-1][1])
    return Attribution(content, speaker, (tok.idx, to.idx + len(to.text)), False, pieces=pieces)


# an affiliation set off by commas after a source's name ("X, of the University of Y, …"): part of the
# source, which the parse often ends at the first comma
_AFFILIATION = re.compile(r"\s*,\s*((?:of|from|at)\s+(?:the\s+)?[A-Z][^,;:—–!?\n]{2,70}?)\s*,\s+(?=\w)")


# what a source named after "according to" / "in" carries that PolNeAR leaves out of it: a date
# ("a report on Wednesday") or the document it spoke in ("her lawyers in a court filing")
_SOURCE_TAIL = frozenset(["on", "in", "at"])


def _source_span(head: Any) -> tuple[int, int]:
    """The span of a noun phrase naming a source, without a trailing ``on Wednesday``/``in a filing``."""
    start, end = _subtree_span(head)
    tail = [c for c in head.children if c.i > head.i and c.dep_ == "prep" and c.lower_ in _SOURCE_TAIL]
    for prep in tail:
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if pobj is not None and (pobj.ent_type_ in ("DATE", "TIME") or prep.lower_ == "in"):
            left = doc_token_before(prep)
            if left is not None and left.idx >= start:
                return start, left.idx + len(left.text)
    return start, end


def doc_token_before(tok: Any) -> Any:
    """The token before ``tok`` that is not punctuation, or None."""
    i = tok.i - 1
    while i >= 0 and tok.doc[i].is_punct:
        i -= 1
    return tok.doc[i] if i >= 0 else None
