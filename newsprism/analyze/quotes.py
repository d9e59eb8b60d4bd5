"""Quotes, direct and indirect, with their speakers and speech verbs: the public entry points.

Two extractors feed one list of :class:`~newsprism.analyze.quotemarks.Attribution` spans:
:func:`~newsprism.analyze.quotes_parse.from_parse` (English, over the spaCy parse) and
:func:`~newsprism.analyze.quotes_rules.from_rules` (every other language, quotation marks and cue
lexicons). Then every direct quotation that no cue claimed either continues the quote right before it
in the same paragraph (``“…,” he said. “…”``), is labelled by punctuation (``Holt: “…”``,
``“…” — Holt``) or takes the speaker of a quote in the two sentences before; and :func:`to_quotes`
resolves speakers to the fullest mention of the person in the article, title and name
(``he added`` → ``Prime Minister Shinzo Abe``), with a key shared with the entities. English candidates
found over a parse pass a learned filter (:mod:`quotes_score`, fitted on PolNeAR ``train/``), and one
whose content opens or closes with a quotation mark (a mixed quote: ``said the plan was “a disaster.”``)
is marked ``direct``, as PolNeAR counts its direct quotes (dev/ folder, direct only: speaker F1
0.720 -> 0.822, content F1 0.744 -> 0.845; all quotes unchanged).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from newsprism.analyze.cues import SAY_LEMMAS
from newsprism.analyze.entities import after_preposition, person_key_for
from newsprism.analyze.gender import compatible, person_gender, pronoun_gender, verb_gender
from newsprism.analyze.lexicons import TITLES, fold
from newsprism.analyze.quotemarks import Attribution, QuoteMark, find_quote_marks, overlaps, trim_span
from newsprism.analyze.quotes_parse import cue_lemma, from_parse
from newsprism.analyze.quotes_rules import from_rules, is_pronoun
from newsprism.analyze.quotes_score import choose_contents
from newsprism.analyze.quotes_score import keep as learned_keep
from newsprism.analyze.quotes_speakers import choose_speakers
from newsprism.analyze.sentences import sentence_index
from newsprism.datelines import parse_dateline
from newsprism.records import Entity, Quote, Sentence

# an unclaimed quotation continues the direct quote among the MERGE_BACK attributions before it when
# no line break and fewer than MERGE_GAP characters part them (4-fold CV over PolNeAR train/+dev/,
# 120 characters and the one attribution before it -> 300 and three: content F1 0.6975 -> 0.6998)
MERGE_GAP = 300
MERGE_BACK = 3
MIN_QUOTE_WORDS = 4  # a shorter quotation without a cue is a term in scare quotes, not a quote


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
        earlier = (by_end[j] for j in range(k - 1, max(-1, k - 1 - MERGE_BACK), -1))
        prev_direct = next((a for a in earlier if a.direct), None)
        if prev_direct is not None:
            gap = text[prev_direct.content[1] : m.start]
            if "\n" not in gap and len(gap) < MERGE_GAP:
                prev_direct.extend((m.start, m.end))
                continue
        labelled = _punctuation_speaker(text, m)
        if labelled is not None:  # Trump: “…”   /   “…” — Trump
            out.append(Attribution((m.start, m.end), labelled[0], labelled[1], True))
            continue
        speaker = None
        for j in range(k - 1, max(-1, k - 6), -1):  # the nearest earlier quote with a speaker
            prev = by_end[j]
            if prev.speaker is None or not _speech_cue(text, prev):
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


def _speech_cue(text: str, att: Attribution) -> bool:
    """Whether the speaker of ``att`` spoke (a direct quote, a speech verb or a cue of another language),
    rather than held a stance (``endorsed``, ``wants``) a later quotation cannot inherit."""
    if att.direct or att.cue is None:
        return True
    words = text[att.cue[0] : att.cue[1]].lower().split()
    lemma = cue_lemma(words[-1]) if words else None
    return lemma is None or lemma in SAY_LEMMAS


# a capital of any script we read ("Holt", "Песков", "Šťastný")
_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"
_COLON_SPEAKER = re.compile(rf"(?:^|[\n.!?]\s*)((?:[{_CAPITAL}][\w.'’\-]*\s?){{1,4}})\s*(:)\s*$")
_DASH_SPEAKER = re.compile(
    rf"^\s*,?\s*([—–―]|-{{1,2}})\s*((?:[{_CAPITAL}][\w.'’\-]*\s?){{1,4}})(?=[,.;\n]|$)"
)


def _punctuation_speaker(text: str, m: QuoteMark) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A speaker named by punctuation alone: ``Holt: “…”`` or ``“…” — Ines Holt``; (speaker, cue)."""
    lo = max(0, m.start - 80)
    before = _COLON_SPEAKER.search(text, lo, m.start)
    if before:
        name = trim_span(text, before.start(1), before.end(1))
        return name, (before.start(2), before.end(2))
    after = _DASH_SPEAKER.match(text[m.end : m.end + 80])
    if after:
        name = trim_span(text, m.end + after.start(2), m.end + after.end(2))
        if text[name[1] - 1] == "." and not re.search(r"(?:^|\s)\w\.$", text[name[0] : name[1]]):
            name = (name[0], name[1] - 1)  # "— Песков." ends the sentence; "— J." is an initial
        return name, (m.end + after.start(1), m.end + after.end(1))
    return None


_COLON_LINE = re.compile(
    r"^((?:[A-Z][\w.'’\-&/]*)(?:[ \t](?:[A-Z][\w.'’\-&/]*|of|for|de)){0,4}):[ \t]+(\S[^\n]{10,})$", re.M
)
# line openers that label a headline or an interview turn, not a speaker
_NOT_SPEAKERS = frozenset(
    w.strip()
    for w in """
    q|a|exclusive|breaking|watch|update|updated|revealed|wow|video|photos|photo|note|correction|name|
    contributing|listen|related|live|source|sources|the latest|editor's note|editor’s note|see also|read more
    """.split("|")  # noqa: SIM905
)


def _colon_lines(text: str, found: list[Attribution]) -> list[Attribution]:
    """``NY Daily News: Paris Attacks Highlight Threat`` — a line that a name opens with a colon, in a
    headline or a transcript (``CLINTON: Honestly, …``): the name is the speaker, the line the content."""
    if ":" not in text:
        return []
    out: list[Attribution] = []
    for m in _COLON_LINE.finditer(text):
        name = m.group(1)
        if fold(name) in _NOT_SPEAKERS or any(overlaps((m.start(2), m.end(2)), a.content) for a in found):
            continue
        s, e = trim_span(text, m.start(2), m.end(2))
        if text[e - 1 : e] == "." and not text[s : e - 1].rstrip().endswith(("”", '"', "’", "'")):
            e -= 1
        out.append(Attribution((s, e), (m.start(1), m.end(1)), (m.end(1), m.end(1) + 1), False))
    return out


def _claimed_marks(marks: list[QuoteMark], found: list[Attribution]) -> set[int]:
    starts = [m.start for m in marks]
    claimed: set[int] = set()
    for att in found:
        i = max(0, bisect.bisect_right(starts, att.content[0]) - 1)
        while i < len(marks) and marks[i].start < att.content[1]:
            if overlaps((marks[i].start, marks[i].end), att.content):
                claimed.add(i)
            i += 1
    return claimed


def extract_attributions(
    text: str,
    sentences: list[Sentence],
    language: str,
    doc: Any = None,
    learned: bool = True,
    choose: bool = True,
) -> list[Attribution]:
    """All attributions of ``text`` as spans, in text order; English candidates found over a parse go
    through the learned filter of :mod:`quotes_score` unless ``learned`` is false, and their contents
    through its learned choice of reading (to the end of the sentence or not) unless ``choose`` is false."""
    marks = find_quote_marks(text)
    found = from_parse(doc, marks, sentences) if doc is not None and language == "en" else []
    if choose and found:
        choose_contents(text, found, doc, sentences)
    if doc is None or language != "en":
        taken = sorted(a.content for a in found)
        for att in from_rules(text, sentences, marks, language):
            i = bisect.bisect_left(taken, att.content)
            near = taken[max(0, i - 3) : i + 3]
            if not any(overlaps(att.content, span) for span in near):
                found.append(att)
    found.extend(orphan_quotes(text, marks, found, sentences))
    found.extend(_colon_lines(text, found))
    found.sort(key=lambda a: a.content[0])
    found = _dedupe(_after_dateline(text, found))
    if choose and doc is not None and language == "en":
        choose_speakers(found, doc)
    if learned and doc is not None and language == "en":
        found = learned_keep(text, found, doc)
        for att in found:
            if not att.direct and _opens_or_closes_quotation(text, att):
                att.direct = True  # a mixed quote: he said the plan was "a disaster."
    return found


_QUOTE_CHARS = "\"“”„«»‘’'「」"


def _after_dateline(text: str, atts: list[Attribution]) -> list[Attribution]:
    """Contents start after the text's dateline: in "PORTVALE, March 2 (Meridian Wire) - Dockers walked
    out, officials said." the officials said that dockers walked out, not where the wire filed from."""
    dateline, rest = parse_dateline(text[:300])
    if dateline is None:
        return atts
    end = min(300, len(text)) - len(rest)
    for att in atts:
        a, b = att.content
        if a < end < b:
            att.content = (end, b)
            att.pieces = [(max(x, end), y) for x, y in att.pieces if y > end] or [att.content]
    return atts


def _opens_or_closes_quotation(text: str, att: Attribution) -> bool:
    """Whether the content opens or closes with a quotation mark (``the plan was “a disaster.”``): quoted
    words, so a direct quote, as PolNeAR's direct quotes are counted (a content that opens or closes
    with a quotation mark)."""
    body = " ".join(text[a:b] for a, b in att.pieces).strip()
    return bool(body) and (body[0] in _QUOTE_CHARS or body.rstrip(".,")[-1:] in _QUOTE_CHARS)


def _dedupe_spans(att: Attribution) -> list[tuple[int, int]]:
    """The spans an attribution covers for :func:`_dedupe`: the quotations of a direct quote in pieces
    (``“…,” she said, adding that …. “…”`` leaves the aside to its own attribution)."""
    return att.pieces if att.direct and len(att.pieces) > 1 else [att.content]


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    """One attribution per content: the same span keeps the one with a speaker; a span inside the
    previous one with the same speaker (``quoted as saying that … "…"``) is dropped."""
    out: list[Attribution] = []
    for att in atts:
        if out and out[-1].content == att.content:
            if out[-1].speaker is None and att.speaker is not None:
                out[-1] = att
            continue
        inside = out and any(a <= att.content[0] and att.content[1] <= b for a, b in _dedupe_spans(out[-1]))
        if inside and (att.speaker is None or att.speaker == out[-1].speaker):
            continue
        out.append(att)
    return out


# --------------------------------------------------------------------------------------------- records


_TITLE_WORDS = frozenset(fold(t).rstrip(".") for t in TITLES)  # compared with folded words
_FIRST_SECOND_PERSON = frozenset(["i", "we", "you"])
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


def _person_genders(text: str, persons: list[Entity]) -> dict[str, str | None]:
    """Person key → "f" / "m" from any of its mentions (a title, a first name …), None when unknown or
    when two mentions disagree."""
    out: dict[str, str | None] = {}
    for ent in persons:
        if not ent.key:
            continue
        gender = person_gender(text, ent.start, ent.end)
        if gender is None:
            continue
        out[ent.key] = gender if out.get(ent.key, gender) == gender else None
    return out


_WORD = re.compile(r"\w+")


def _complement(text: str, start: int, lo: int) -> bool:
    """Whether the name at ``start`` is a complement after "de"/"of"/"der" inside the phrase that begins at
    ``lo`` ("Varios pescadores de Puerto Nieva"), not the phrase's head after a genitive article of its own
    ("[nach Angaben] der Deutsch-Marendischen Handelskammer")."""
    return after_preposition(text, start, lo) and len(_WORD.findall(text[lo:start])) >= 2


def _cue_text(text: str, att: Attribution) -> str | None:
    return text[att.cue[0] : att.cue[1]] if att.cue else None


def to_quotes(
    text: str, atts: list[Attribution], sentences: list[Sentence], entities: list[Entity], language: str
) -> list[Quote]:
    """Quote records: speakers resolved to the fullest mention (pronouns to the last named speaker, else
    the nearest person named before the quote, not inside it) and keyed like entities (descriptions get a
    ``desc:`` key; a phrase with names is keyed by the last name heading it, not by one after "de"/"of":
    "El director de Navieras Tamarit, Hugo Salvat" is Hugo Salvat, "el ministro de Finanzas" a
    description)."""
    ordered = sorted(entities, key=lambda e: e.start)
    starts = [e.start for e in ordered]
    persons = [e for e in ordered if e.label == "PERSON"]
    person_ends = [e.end for e in persons]
    fullest = _fullest_mentions(text, ordered)
    genders = _person_genders(text, persons)
    quotes: list[Quote] = []
    last_named: tuple[str, str | None, int] | None = None  # speaker, key, where the name is written
    last_group: tuple[str, str] | None = None  # the last speaker described, not named ("fishermen")

    def antecedent(pos: int, want: str | None = None) -> tuple[str | None, str | None]:
        """Whom a pronoun at ``pos`` stands for: the last named speaker written before it, unless a person
        named later opens a sentence as its subject ("Ilarreta, en cambio, salió con dureza. … advirtió
        que …"); else the nearest person named before ``pos``. With ``want`` ("f" / "m", the pronoun's or
        the verb's gender) a person known to be of the other gender is passed over ("Tom Hale met Anna
        Berg. … she said" is Anna Berg, not the last speaker Tom Hale)."""

        def fits(key: str | None) -> bool:
            return compatible(want, genders.get(key or ""))

        k = bisect.bisect_right(person_ends, pos)
        if last_named is not None and last_named[2] < pos:
            subject = _subject_between(last_named[2], pos)
            if subject is None and fits(last_named[1]):
                return last_named[0], last_named[1]
            if subject is not None and fits(subject.key):
                return fullest.get(subject.key or "", subject.text), subject.key
        nearest = next((p for p in reversed(persons[:k]) if fits(p.key)), None)
        if nearest is None:
            return None, None
        subject = _subject_between(nearest.start, pos)
        subject = subject if subject is not None and fits(subject.key) else nearest
        return fullest.get(subject.key or "", subject.text), subject.key

    def _subject_between(lo: int, hi: int) -> Entity | None:
        """The last person opening a sentence between ``lo`` and ``hi``, by name or by the surname of one
        named in full before ("Ilarreta, en cambio, …")."""
        if not sentences:
            return None
        first, last = sentence_index(sentences, lo) + 1, sentence_index(sentences, hi)
        for sent in reversed(sentences[first : last + 1]):
            if sent.start >= hi:
                continue
            opener = _OPENER.match(text, sent.start)
            word = fold(opener.group(0)) if opener else ""
            for person in reversed(persons):
                if person.start == sent.start:
                    return person
                named_before = person.start < sent.start and len(person.text.split()) >= 2
                if named_before and word and fold(person.text.split()[-1]) == word:
                    return person
        return None

    for att in atts:
        speaker: str | None = None
        key: str | None = None
        if att.speaker is None and att.cue is not None and language in _PRO_DROP:
            # "„…,“ dodal." / '"…", dijo.': the verb's unwritten subject stands for someone, as a pronoun
            speaker, key = antecedent(att.content[0], verb_gender(_cue_text(text, att), language))
        elif att.speaker is not None:
            s0, s1 = att.speaker
            mention = " ".join(text[s0:s1].split())
            if not att.direct and fold(mention) in _FIRST_SECOND_PERSON:
                speaker = mention  # "I think …" outside quotation marks: the author or the one interviewed
            elif language == "fr" and mention.casefold() == "on":
                pass  # "« … », a-t-on appris": nobody in particular, not the last person named
            elif is_pronoun(mention, language):
                # the nearest person named before the quote ("« … », a-t-il déclaré" is not about a name
                # inside the quotation)
                cue_text = _cue_text(text, att)
                want = pronoun_gender(mention, cue_text, language) or verb_gender(cue_text, language)
                speaker, key = antecedent(min(s0, att.content[0]), want)
            elif last_group is not None and _ONE_OF_THEM.match(mention):
                speaker, key = last_group  # "Varios pescadores contaron … dijo uno de ellos": one voice
            else:
                inner = ordered[bisect.bisect_left(starts, s0) : bisect.bisect_left(starts, s1)]
                inner = [e for e in inner if e.end <= s1]
                # the last name that heads the phrase ("El director de Navieras Tamarit, Hugo Salvat"),
                # not one after "de"/"of" inside a description ("el ministro de Finanzas")
                heads = [
                    e
                    for e in inner
                    if e.label == "PERSON" and e.key and not after_preposition(text, e.start, s0)
                ]
                person = heads[-1] if heads else None
                named = next(  # "Varios pescadores de Puerto Nieva": the place says where they are from
                    (
                        e
                        for e in inner
                        if e.label in ("ORG", "GPE", "NORP") and e.key and not _complement(text, e.start, s0)
                    ),
                    None,
                )
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
                if person is not None or named is not None or _ONE_PERSON.match(mention):
                    # "Un haut fonctionnaire … confirme …. « … », ajoute-t-il": one person, whom "il" means
                    last_named = (speaker, key, s0)
                elif key is not None:
                    last_group = (speaker, key)
        cue = " ".join(text[att.cue[0] : att.cue[1]].split()) if att.cue else None
        content = " ".join(text[a:b].strip() for a, b in att.pieces)
        index = sentence_index(sentences, att.content[0]) if sentences else 0
        quotes.append(
            Quote(text=content, speaker=speaker, cue=cue, direct=att.direct, sentence=index, speaker_key=key)
        )
    return quotes


_OPENER = re.compile(r"[\w'’-]+")

# one member of a group quoted before ("uno de ellos", "l'un d'eux", "один из них", "jeden z nich")
_ONE_OF_THEM = re.compile(
    r"^(?:uno de ellos|una de ellas|l['’]un d['’](?:eux|entre eux)|l['’]une d['’](?:elles|entre elles)|"
    r"einer von ihnen|eine von ihnen|один из них|одна из них|jeden z nich|jedna z nich|one of them|"
    r"uno di loro|una di loro)\b",
    re.IGNORECASE,
)

# a description of one person not named ("un haut fonctionnaire", "a senior official", "eine Sprecherin")
_ONE_PERSON = re.compile(r"^(?:un|une|una|uno|a|an|one|ein|eine|einer)\s", re.IGNORECASE)

# languages whose verbs go without a subject pronoun ("dijo.", "dodal.", "добавил.")
_PRO_DROP = frozenset(["es", "it", "pt", "cs", "ru", "pl", "sk"])

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


__all__ = ["Attribution", "extract_attributions", "from_parse", "from_rules", "to_quotes"]
