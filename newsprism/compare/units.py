"""Claim units: the sentences of an article, long ones split at clause boundaries, quotes kept whole."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsprism.records import Article, Number

MAX_WORDS = 40  # sentences longer than this are split at clause boundaries
MIN_WORDS = 5  # a clause shorter than this stays with its neighbour
_CLAUSE_BREAK = re.compile(
    r"\s*;\s+|\s+[—–]\s+|,\s+(?=(?:while|whereas|but|although|mientras|pero|aunque|tandis que|mais|alors que|während|aber|jedoch|а|но|тогда как)\b)",
    re.I,
)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Unit:
    """One claim unit of one article, pointing back to its sentence."""

    article_id: str
    sentence: int  # index into Article.sentences
    text: str
    sentence_text: str
    language: str
    entity_keys: set[str] = field(default_factory=set)
    numbers: list[Number] = field(default_factory=list)
    quote: bool = False

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text.lower())


def article_units(article: Article) -> list[Unit]:
    """Claim units of an analysed article (sentences with their entities and numbers)."""
    quoted = {q.sentence for q in article.quotes if q.direct}
    ents_by_sentence: dict[int, set[str]] = {}
    for ent in article.entities:
        for s in article.sentences:
            if s.start <= ent.start < s.end:
                ents_by_sentence.setdefault(s.i, set()).add(ent.key or ent.text.lower())
                break
    nums_by_sentence: dict[int, list[Number]] = {}
    for num in article.numbers:
        nums_by_sentence.setdefault(num.sentence, []).append(num)
    units: list[Unit] = []
    for s in article.sentences:
        if len(_WORD.findall(s.text)) < 3:
            continue
        pieces = [s.text] if s.i in quoted else split_clauses(s.text)
        for piece in pieces:
            units.append(
                Unit(
                    article_id=article.id,
                    sentence=s.i,
                    text=piece,
                    sentence_text=s.text,
                    language=article.language,
                    entity_keys={k for k in ents_by_sentence.get(s.i, set()) if _mentions(piece, k, s.text)},
                    numbers=[n for n in nums_by_sentence.get(s.i, []) if n.text in piece],
                    quote=s.i in quoted,
                )
            )
    return units


def split_clauses(sentence: str) -> list[str]:
    """A long sentence → clauses at ``;``, dashes and contrastive conjunctions; short ones stay whole."""
    if len(_WORD.findall(sentence)) <= MAX_WORDS:
        return [sentence]
    parts = [p.strip() for p in _CLAUSE_BREAK.split(sentence) if p and p.strip()]
    merged: list[str] = []
    for part in parts:
        if merged and len(_WORD.findall(part)) < MIN_WORDS:
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged or [sentence]


def _mentions(piece: str, key: str, sentence: str) -> bool:
    """Whether a clause carries an entity of its sentence (all clauses do when we cannot tell)."""
    if piece == sentence:
        return True
    name = key.split(":", 1)[-1]
    return any(w in piece.lower() for w in name.split() if len(w) > 2)
