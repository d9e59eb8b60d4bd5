"""Entities for languages without an offline NER model (everything but English, French and Russian).

:func:`from_gazetteer` is a rule tagger over runs of capitalised words that never cross a line break or a
sentence end, with simplemma's dictionaries to tell a common word from a name (the analyzer passes the
article's language; without one it is guessed from function words, :func:`guess_language`). A run is:

* an ORG when it holds an organisation head ("Ministerio", "Banco", "-behörde", "Uniwersytetu" …);
* a GPE for a place head ("Puerto", "Sankt", "… Bay"), an alias of :mod:`lexicons`, or a capitalised word
  after a place preposition ("en", "nach", "w" …);
* a PERSON after a title or from a first name on, or (outside German) when no word of it is a common
  dictionary word (one may be, beside a word no dictionary knows: "Petar Oslic"); a lone word is a PERSON
  only as the surname of a person the text names in full.

German capitalised nouns and sentence-initial function words ("Un", "Fue", "Wenn") are no entities. On
our own gold (``tests/fixtures/analyze/entities_gold.jsonl``, 83 short texts in de, es, it, pt, nl, pl,
cs, tr; ``scripts/eval_entities.py``), exact span + label F1 went from 0.254 to 0.975 on its dev half
(46 texts, tuned there) and from 0.189 to 0.895 (P 0.944, R 0.850; label-free span F1 0.505 to 0.912) on
its test half (37 texts, scored once, before two last German fixes found on the demo articles and before
the analyzer passed the language; see the README for the re-score with the final code). ~200 articles of
~430 words a second on one core, after a one-time load of simplemma's memory-frugal dictionary (0.3-2 s,
10-50 MB a language).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsprism.analyze.entities import _clean, _is_title
from newsprism.analyze.lexicons import (
    DE_PREPOSITION_NOUNS,
    FALLBACK_TITLES,
    FIRST_NAMES,
    FUNCTION_WORDS,
    ORG_ALIASES,
    ORG_CUES,
    ORG_HEAD_ENDINGS_DE,
    ORG_HEAD_STEMS,
    ORG_HEADS,
    ORG_NAMES,
    PLACE_ALIASES,
    PLACE_CUES,
    PLACE_HEADS,
    PLACE_PREPOSITIONS,
    PLACE_TAILS,
    WEAK_PLACE_PREPOSITIONS,
    fold,
)
from newsprism.records import Entity

_WORD = re.compile(r"[^\W_][\w\-]*")
_ACRONYM = re.compile(r"^(?![IVXLCDM]+$)[A-ZА-ЯЁ]{2,6}$")  # no Roman numeral ("III")
# short words a dot belongs to, so "Dr. Helga Brandt" stays one run
_ABBREVIATIONS = frozenset(
    "dr prof st sr sra srta dott sig mr mrs ms mme hr fr ing mgr".split()  # noqa: SIM905
)
# lower-case words allowed inside a name ("Banco Central de Costanera", "Jan van der Berg"), per language,
# so that a preposition of one ("do" in Polish) does not join names in another
_CONNECTORS_BY_LANGUAGE = {
    "de": frozenset("von vom der zu zum zur für van".split()),  # noqa: SIM905
    "es": frozenset("de del la las los".split()),  # noqa: SIM905
    "it": frozenset("di del della delle dei degli dello d' da de".split()),  # noqa: SIM905
    "pt": frozenset("de do da dos das".split()),  # noqa: SIM905
    "nl": frozenset("van der den de ter ten het voor".split()),  # noqa: SIM905
    "pl": frozenset(),
    "cs": frozenset(),
    "tr": frozenset(),
}
# lower-case words allowed inside a name when the language is unknown ("Jan van der Berg")
_CONNECTORS = frozenset().union(*_CONNECTORS_BY_LANGUAGE.values())
# Turkish case endings after an apostrophe that put a name in a place ("Ankara'da", "İzmir'den")
_LOCATIVE_SUFFIXES = frozenset(
    "da de ta te dan den tan ten nda nde ndan nden".split()  # noqa: SIM905
)
_DE_NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "tät", "nis", "ismus", "tum", "ungen", "ern")
# German roles written as one word with their field ("Kammergeschäftsführerin", "Abteilungsleiter")
_DE_TITLE_ENDINGS = (
    "führer",
    "führerin",
    "leiter",
    "leiterin",
    "direktor",
    "direktorin",
    "sekretär",
    "sekretärin",
    "experte",
    "expertin",
    "analyst",
    "analystin",
    "ökonom",
    "ökonomin",
    "berater",
    "beraterin",
    "sprecher",
    "sprecherin",
    "vorstand",
)
_DE_ADJECTIVE_ENDINGS = ("ische", "ischen", "ischer", "isches", "ischem")
_DE_NO_PARTICLE = frozenset(("der", "für", "zu", "zum", "zur", "vom"))
_DE_ADJECTIVE_LEMMAS = ("isch", "sch", "lich", "al", "iv", "ell", "ar")
_SENTENCE_PUNCT = re.compile(r"[.!?:;]")
_DICTIONARIES: dict[str, Any] = {}


_FIRST_NAMES = frozenset(fold(name) for name in FIRST_NAMES)


def _first_name(word: str) -> bool:
    return fold(word) in _FIRST_NAMES


def _dictionary(language: str) -> Any:
    """simplemma's word list of ``language`` (exact, case-sensitive keys), or an empty dict."""
    if language not in _DICTIONARIES:
        try:
            # the memory-frugal backend: ~10-50 MB a language instead of ~100-400 MB, lookups ~5 µs
            from simplemma.strategies.dictionaries import LOW_MEMORY_DICTIONARY_FACTORY

            _DICTIONARIES[language] = LOW_MEMORY_DICTIONARY_FACTORY.get_dictionary(language)
        except Exception:  # an unknown language or a simplemma without this API: no dictionary
            _DICTIONARIES[language] = {}
    return _DICTIONARIES[language]


def guess_language(text: str) -> str:
    """The fallback language (de, es, it, pt, nl, pl, cs, tr) whose function words ``text`` uses most,
    or "" when none clearly does (the analyzer does not pass the article's language to this tagger)."""
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(text[:4000]):
        word = match.group().lower()
        for lang, words in FUNCTION_WORDS.items():
            if word in words:
                counts[lang] += 1
    if not counts:
        return ""
    (best, n), *rest = counts.most_common(2) + [("", 0)]
    return best if n >= 2 and n > rest[0][1] else ""


@dataclass
class _Tok:
    """A word of the text with what the run builder needs to know about it."""

    start: int
    end: int
    text: str
    initial: bool = False  # first word of a sentence or line
    joins_next: bool = False  # only blanks (no line break, no punctuation) before the next word
    suffix: str = ""  # a case ending after an apostrophe: "Ankara'da" → "da"
    elided: bool = False  # "d'", "l'", "all'" before a word

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper() and not self.elided


def _tokenize(text: str, starts: list[int]) -> list[_Tok]:
    words = list(_WORD.finditer(text))
    toks: list[_Tok] = []
    prev_end = 0
    i = 0
    while i < len(words):
        match = words[i]
        tok = _Tok(match.start(), match.end(), match.group())
        gap_before = text[prev_end : tok.start]
        lo = bisect_left(starts, prev_end + (1 if toks else 0))
        tok.initial = (
            not toks
            or "\n" in gap_before
            or "  " in gap_before  # paragraphs some sources separate by spaces
            or bool(_SENTENCE_PUNCT.search(gap_before))
            or (lo < len(starts) and starts[lo] <= tok.start)
        )
        nxt = words[i + 1] if i + 1 < len(words) else None
        gap = text[tok.end : nxt.start()] if nxt else ""
        step = 1
        if nxt is not None and gap in ("'", "’"):
            after = nxt.group()
            if tok.text[:1].isupper() and after.islower() and len(after) <= 5:
                tok.suffix, tok.end, step = (
                    after,
                    nxt.end(),
                    2,
                )  # "Ankara'da": the case ending is dropped below
                nxt = words[i + 2] if i + 2 < len(words) else None
                gap = text[tok.end : nxt.start()] if nxt else ""
            elif tok.text.islower() or len(tok.text) == 1:
                tok.elided, tok.text, tok.end, gap = True, tok.text + "'", tok.end + 1, ""
        if gap.startswith(".") and (
            (len(tok.text) == 1 and tok.text.isupper()) or tok.text.lower() in _ABBREVIATIONS
        ):
            tok.text, tok.end, gap = tok.text + ".", tok.end + 1, gap[1:]
        if gap[:1] in ("'", "’") and tok.text.endswith("s") and tok.text[:1].isupper():
            gap = gap[1:]  # a plural possessive inside a name: "Portvale Dockers' Union"
        # one blank, not a paragraph break written as several spaces ("Año Nuevo  Será")
        blank = gap == "" if tok.elided else (gap != "" and gap.strip(" \t\u00a0") == "" and "  " not in gap)
        tok.joins_next = nxt is not None and blank
        toks.append(tok)
        prev_end = tok.end
        i += step
    for a, b in zip(toks, toks[1:], strict=False):
        if b.initial:
            a.joins_next = False
    return toks


def _runs(toks: list[_Tok], connectors: frozenset[str]) -> list[tuple[int, int]]:
    """Index ranges of maximal runs of capitalised words, with at most two connectors between two of them."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if not toks[i].capital:
            i += 1
            continue
        j = i
        while toks[j].joins_next and not toks[j].suffix:
            k = j + 1
            while (
                k < len(toks)
                and k - j <= 2
                and not toks[k].capital
                and toks[k].text.lower() in connectors
                and toks[k].joins_next
            ):
                k += 1
            if k < len(toks) and toks[k].capital and (k == j + 1 or toks[k - 1].joins_next):
                j = k
            else:
                break
        out.append((i, j + 1))
        i = j + 1
    return out


class _Context:
    """The language-dependent tests the fallback tagger applies to words."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.german = language == "de"
        self.words = _dictionary(language) if language in FUNCTION_WORDS else {}
        self.function = FUNCTION_WORDS.get(language) or frozenset().union(*FUNCTION_WORDS.values())
        every_place = frozenset().union(*PLACE_PREPOSITIONS.values())
        self.places = PLACE_PREPOSITIONS.get(language, every_place)
        self.connectors = _CONNECTORS_BY_LANGUAGE.get(language, _CONNECTORS - every_place)

    def known(self, word: str) -> bool:
        return word in self.words or word.lower() in self.words

    def common(self, word: str) -> bool:
        """A dictionary word that is no name: a German noun, or elsewhere a word the dictionary knows
        only in lower case ("Hacienda" → "hacienda")."""
        if _first_name(word) or fold(word) in PLACE_ALIASES:
            return False
        if self.german:
            return self.known(word)
        return word.lower() in self.words and word not in self.words

    def function_word(self, word: str) -> bool:
        return word.lower().rstrip("'’") in self.function

    def org_head(self, word: str) -> bool:
        low = word.lower()
        if low in ORG_HEADS or low in ORG_NAMES:
            return True
        if self.german and len(low) > 6 and low.endswith(ORG_HEAD_ENDINGS_DE):
            return True
        return len(low) > 4 and low.startswith(ORG_HEAD_STEMS)

    def title(self, word: str) -> bool:
        low = word.lower()
        if _is_title(word) or low in FALLBACK_TITLES:
            return True
        return self.german and len(low) > 8 and low.endswith(_DE_TITLE_ENDINGS)

    def compound_noun(self, word: str) -> bool:
        """A German compound the dictionary lacks whose last part is a noun it knows ("Hafenstreik")."""
        if not self.german or self.known(word) or self.adjective(word):
            return False
        if "-" in word:  # "US-Studium", "Corona-Krise"
            last = word.rsplit("-", 1)[1]
            return last[:1].isupper() and (self.known(last) or self.compound_noun(last))
        return any(word[i:].capitalize() in self.words for i in range(3, len(word) - 4))

    def adjective(self, word: str) -> bool:
        """A capitalised German adjective, which marks a name ("Deutsche Bahn", "Statistische Bundesamt")."""
        low = word.lower()
        if not self.german:
            return False
        if low.endswith(_DE_ADJECTIVE_ENDINGS):  # "Deutsch-Marendischen", "Kalvanischen"
            return True
        return low in self.words and str(self.words[low]).endswith(_DE_ADJECTIVE_LEMMAS)

    def german_place_word(self, word: str) -> bool:
        """A German word after "in"/"nach"/"aus" that can be a place: unknown to the dictionary, or an
        uninflected word that is no noun of a set phrase ("aus Sicht") and has no noun suffix."""
        if not self.known(word):
            return True
        low = word.lower()
        lemma = self.words.get(word)
        return (
            low not in DE_PREPOSITION_NOUNS
            and not low.endswith(_DE_NOUN_SUFFIXES)
            and (lemma is None or str(lemma) == word)
            and not self.inflected(word)
        )

    def inflected(self, word: str) -> bool:
        """Whether the dictionary holds a plural or genitive of ``word`` ("Alarme", "Streiks"): a common
        noun; place names have none ("Hamburg", "Bremen")."""
        forms = (word + ending for ending in ("e", "en", "n", "er", "es", "ern"))
        return any(str(self.words.get(form, "")) == word for form in forms)


Span = tuple[int, int, str | None]  # token range and label; None: a lone word kept only as a surname


def _strip(run: list[_Tok]) -> list[_Tok]:
    while run and not run[0].capital:
        run = run[1:]
    while run and not run[-1].capital:
        run = run[:-1]
    return run


def _classify(
    run: list[_Tok], prev: str, after: str, ctx: _Context, text: str
) -> list[tuple[list[_Tok], str | None]]:
    """Labelled pieces of a run of capitalised words; ``prev``/``after`` are the words around it."""
    while run and (
        ctx.function_word(run[0].text) or (run[0].initial and len(run) > 1 and _drops_initial(run[0], ctx))
    ):
        prev, run = run[0].text.lower(), run[1:]
        while run and not run[0].capital:  # "In der Nacht": "Nacht" follows "der", not "in"
            prev, run = run[0].text.lower(), run[1:]
    while run and len(run) > 1 and ctx.function_word(run[-1].text):  # "Ruta N. Es …"
        run = run[:-1]
    run = _strip(run)
    if not run:
        return []
    names = [t for t in run if t.capital]
    surface = text[run[0].start : run[-1].end - (len(run[-1].suffix) + 1 if run[-1].suffix else 0)]
    folded = fold(_clean(surface))
    if folded in PLACE_ALIASES and (
        len(folded) > 3 or surface.isupper() or len(names) > 1 or surface.istitle()
    ):
        return [(run, "GPE")]
    if folded in ORG_ALIASES and (len(folded) > 3 or surface.isupper()):
        return [(run, "ORG")]
    # an organisation head: the organisation runs from it (and the names just before it) to the end
    for h, tok in enumerate(run):
        if tok.capital and ctx.org_head(tok.text):
            lo = h
            while (
                lo > 0
                and h - lo < 3
                and run[lo - 1].capital
                and not _first_name(run[lo - 1].text)
                and not (lo > 1 and _first_name(run[lo - 2].text))
                and not ctx.title(run[lo - 1].text)
                and not (ctx.german and ctx.known(run[lo - 1].text) and not ctx.adjective(run[lo - 1].text))
                and not ctx.compound_noun(run[lo - 1].text)
            ):
                lo -= 1
            org = run[lo:]
            left = _classify(_strip(run[:lo]), prev, "", ctx, text) if lo else []
            if len([t for t in org if t.capital]) == 1 and tok.text.lower() not in ORG_NAMES:
                return left  # "die Hafenbehörde", "el Ministerio": a head alone names nothing
            return [*left, (org, "ORG")]
    if len(names) == 1 and run[0].text.lower() in ORG_NAMES:
        return [(run, "ORG")]
    if ctx.german:  # German names hold "von der", never a bare "der"/"für": "Alarm für Cobra" is two runs
        for c in range(1, len(run) - 1):
            if run[c].text in _DE_NO_PARTICLE and run[c - 1].text not in ("von", "van"):
                word = run[c].text
                left = _classify(_strip(run[:c]), prev, word, ctx, text)
                return [*left, *_classify(_strip(run[c + 1 :]), word, after, ctx, text)]
    if len(names) > 1 and run[0].text.lower() in PLACE_HEADS:
        return [(run, "GPE")]
    if len(names) > 1 and run[-1].text.lower() in PLACE_TAILS:
        while len(run) > 2 and ctx.common(run[0].text):  # "Hafen Kestrel Bay"
            run = _strip(run[1:])
        return [(run, "GPE")]
    # a title, then the name ("Ministerin Petra Vollmer", "Bundeskanzler Markus Lindner")
    t = 0
    while t < len(run) - 1 and ctx.title(run[t].text):
        t += 1
    if t:
        rest = _strip(run[t:])
        head = rest[0].text if rest else ""
        # in German, a title before two capitalised words names a person ("Verkehrsministerin Helena
        # Vasquez") though the dictionary knows "Helena"
        two_names = ctx.german and 2 <= len(rest) <= 3 and all(t.capital for t in rest)
        namelike = _first_name(head) or not (_noun(head, ctx) if ctx.german else ctx.common(head))
        if rest and len(rest) <= 4 and (two_names or namelike):
            return [(rest, "PERSON")]
        if rest:  # "el secretario de Educación": a title before a word is no person
            return _classify(rest, run[t - 1].text.lower(), after, ctx, text)
    # a first name and what follows it ("Thomas Albrecht", "Carmen de la Fuente")
    for f, tok in enumerate(run[:-1]):
        if _first_name(tok.text) and (run[f + 1].capital or run[f + 1].text.lower() in ctx.connectors):
            left = _classify(_strip(run[:f]), prev, "", ctx, text) if f else []
            person, rest = run[f:], []
            for c in range(1, len(person)):  # German names hold "von der", never a bare "der"/"für"
                if (
                    ctx.german
                    and person[c].text in _DE_NO_PARTICLE
                    and person[c - 1].text not in ("von", "van")
                ):
                    person, rest = _strip(person[:c]), person[c:]
                    break
            right = _classify(_strip(rest), rest[0].text, after, ctx, text) if rest else []
            return [*left, (person, "PERSON"), *right]
    if run[-1].suffix in _LOCATIVE_SUFFIXES and run[-1].suffix:
        if len(run) > 1:
            return [*_classify(_strip(run[:-1]), prev, "", ctx, text), (run[-1:], "GPE")]
        return [(run, "GPE")]
    if len(names) == 1 and _ACRONYM.match(run[0].text) and run[0].text.lower() not in ctx.words:
        return [(run, "ORG")]
    if prev in ORG_CUES:
        return [(run, "ORG")]
    if prev in PLACE_CUES:
        return [(run, "GPE")]
    if _place_after(names, prev, after, ctx):
        return [(run, "GPE")]
    if ctx.german:
        return _classify_german(run, names, prev, after, ctx, text)
    if len(names) == 1:
        return [(run, None if run[0].initial or ctx.common(run[0].text) else "MISC")]
    commons = sum(ctx.common(t.text) for t in names)
    # "Petar Oslic", "Emil Varga": one of two or three names may also be a word ("petar") when another is
    # no word at all; "Reserva Federal" is no person
    lenient = commons == 1 and len(names) == len(run) <= 3 and any(not ctx.known(t.text) for t in names)
    if 2 <= len(names) <= 4 and (commons == 0 or lenient):
        return [(run, "PERSON")]
    return [(run, "MISC")]


def _place_after(names: list[_Tok], prev: str, after: str, ctx: _Context) -> bool:
    """Whether the capitalised words ``names`` after the word ``prev`` are a place: after "in", "nach",
    "en", "w" … unless a first name; after "de", "di", "von", "van" … only a single word that no
    dictionary knows as a common word ("gobierno de Marc Olivennes" is a person's). In German, a word followed by a genitive ("aus Sicht der …") is no place."""
    if ctx.german and after in ("der", "des"):
        return False
    if prev in ctx.places:
        if ctx.german and not all(ctx.german_place_word(t.text) for t in names):
            return False
        return not (len(names) == 1 and _first_name(names[0].text))
    if prev in WEAK_PLACE_PREPOSITIONS and len(names) == 1 and not _first_name(names[0].text):
        if ctx.german:
            return all(ctx.german_place_word(t.text) for t in names)
        return not any(ctx.common(t.text) for t in names)
    return False


def _drops_initial(tok: _Tok, ctx: _Context) -> bool:
    """Whether a sentence's first word cannot start a name: a function word, or (outside German, where
    nouns are capitalised anyway) a word the dictionary knows in lower case only ("Fue", "Hace")."""
    word = tok.text
    if ctx.function_word(word):
        return True
    folded = fold(word)
    if _first_name(word) or folded in PLACE_ALIASES or ctx.org_head(word) or ctx.title(word):
        return False
    if ctx.german:
        return word.lower() in ctx.words
    return ctx.common(word)


def _noun(word: str, ctx: _Context) -> bool:
    """A German noun: a dictionary word, a compound of one, or a first part before a dash ("Eisenbahn-
    und Verkehrsgewerkschaft")."""
    return word.endswith("-") or ctx.known(word) or ctx.compound_noun(word)


def _classify_german(
    run: list[_Tok], names: list[_Tok], prev: str, after: str, ctx: _Context, text: str
) -> list[tuple[list[_Tok], str | None]]:
    """German capitalises every noun: a run is a name only where its words are no dictionary nouns."""
    if len(names) > 1 and ctx.adjective(run[0].text):
        return [(run, "ORG")]  # "Deutsche Bahn": a capitalised adjective starts a name
    unknown = [not _noun(t.text, ctx) for t in run if t.capital]
    if all(unknown):
        if len(names) == 1:
            return [(run, None if run[0].initial else "MISC")]
        return [(run, "PERSON" if len(names) <= 4 else "MISC")]
    # split at connectors and drop the dictionary nouns at the edges ("Hafen von Marendias")
    pieces: list[tuple[list[_Tok], str | None]] = []
    part: list[_Tok] = []
    before = prev
    for tok in [*run, None]:
        if tok is not None and tok.capital:
            part.append(tok)
            continue
        while part and _noun(part[0].text, ctx):
            before = part[0].text.lower()
            if len(part) == 1 and len(run) > 1:
                pieces.append((part, None))  # a lone noun: a surname only if the article names the person
            part = part[1:]
        while part and _noun(part[-1].text, ctx):
            part = part[:-1]
        if len(part) == len(run):  # unknown words at both edges, nouns between: no rule decides
            pieces.append((part, "MISC"))
        elif part:
            pieces.extend(_classify(part, before, after if tok is None else tok.text.lower(), ctx, text))
        part = []
        before = tok.text.lower() if tok is not None else before
    if len(run) == 1 and not pieces:
        pieces.append((run, None))
    return pieces


def _dateline(toks: list[_Tok], i: int, j: int, text: str) -> bool:
    """Words in capitals that open a line before a comma or dash: the dateline's place ("PUERTO NIEVA.-")."""
    run = toks[i:j]
    if not all(t.text.isupper() and len(t.text) > 1 for t in run if t.capital) or not run[0].initial:
        return False
    if i > 0 and "\n" not in text[toks[i - 1].end : run[0].start]:
        return False
    return text[run[-1].end : run[-1].end + 2].startswith((",", ".-", " -", " –", " —", " ("))


def from_gazetteer(
    text: str, sentence_starts: Iterable[int] = (), language: str | None = None
) -> list[Entity]:
    """Capitalisation-plus-dictionary tagger for languages without a shipped NER model.

    ``language`` defaults to a guess from the function words of ``text`` (:func:`guess_language`)."""
    lang = guess_language(text) if language is None else language
    ctx = _Context(lang)
    toks = _tokenize(text, sorted(set(sentence_starts)))
    found: list[tuple[list[_Tok], str | None]] = []
    for i, j in _runs(toks, ctx.connectors):
        prev = toks[i - 1].text.lower().rstrip("'’") if i > 0 and not toks[i].initial else ""
        after = toks[j].text.lower() if j < len(toks) and toks[j - 1].joins_next else ""
        if _dateline(toks, i, j, text):
            found.append((toks[i:j], "GPE"))
            continue
        found.extend(_classify(toks[i:j], prev, after, ctx, text))
    out: list[Entity] = []
    for run, label in found:
        start, end = run[0].start, run[-1].end
        if run[-1].suffix:
            end -= len(run[-1].suffix) + 1
        surface = text[start:end]
        out.append(Entity(text=surface, label=label or "", start=start, end=end))
    # a lone word is a person when it is the surname of a person the text names in full
    surnames = {fold(e.text.split()[-1]) for e in out if e.label == "PERSON" and " " in e.text}
    entities: list[Entity] = []
    for ent in out:
        if " " not in ent.text and fold(ent.text) in surnames and ent.label in ("", "MISC"):
            ent.label = "PERSON"
        if ent.label == "" or (ent.label == "MISC" and len(ent.text) <= 2):
            continue
        entities.append(ent)
    return entities
