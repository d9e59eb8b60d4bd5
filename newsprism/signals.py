"""What the story clusterer looks at in one article besides its vector: time, words, entities, numbers.

Everything is hashed to integers (crc32, stable across processes) so the clusterer's state is small and
can be saved. Entities come from the analyzer (``Entity.key``) when the article was analyzed, else from
capitalised words of the title and lead (``Signals.analyzed`` says which: the clusterer has weights for
each, as the two give entity sets of different sizes). Each word of a name is compared in
``names.match_form`` (Cyrillic transliterated, Russian case endings and final vowels dropped, one spelling
per sound), so "Путина" in a
Russian article meets "Putin" in an English one. Numbers come from ``Article.numbers`` else from digits.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

from newsprism.embed import article_text_for_embedding
from newsprism.names import match_form
from newsprism.records import Article

DAY = 86400.0
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_CAPITALISED = re.compile(r"\b([A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]{2,})")
_SENT_START = re.compile(r"(?:^|[.!?:]\s+|[\"“«]\s*)([A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+)")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*\d|\b\d{2,}\b")
_ENTITY_LABELS = {
    "PERSON",
    "PER",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "EVENT",
    "FAC",
    "PRODUCT",
    "LAW",
    "WORK_OF_ART",
}
_STEM = 7  # words are truncated to this many characters: a crude, language-free stemmer


def stable_hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def parse_time(value: str | None) -> float | None:
    """ISO-8601 date or date-time → days since the epoch (UTC; naive times taken as UTC)."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp() / DAY


@dataclass(slots=True)
class Signals:
    """The non-vector evidence of one article."""

    time: float | None
    language: str
    terms: dict[int, int] = field(default_factory=dict)  # hashed stem → count
    entities: frozenset[int] = frozenset()
    numbers: frozenset[int] = frozenset()
    outlet: str | None = None
    time_source: str = "published"  # published | ingested | none
    title_terms: dict[int, int] = field(default_factory=dict)  # hashed stems of the title alone
    analyzed: bool = False  # entities from the analyzer (``Entity.key``), not capitalised words


def _title_cased(title: str) -> bool:
    words = [w for w in _WORD.findall(title) if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _entity_keys(article: Article, text: str) -> set[str]:
    if article.entities:
        keys = set()
        for ent in article.entities:
            if ent.label.upper() in _ENTITY_LABELS:
                kind, _, name = (ent.key or ent.text).lower().rpartition(":")
                name = name.removeprefix("the ").strip()
                if name:
                    form = " ".join(match_form(w, _STEM) for w in name.split())
                    keys.add(f"{kind}:{form}" if kind else form)
        return keys
    if article.title and _title_cased(article.title):  # Headline Style capitalises every word: skip it
        text = text[len(article.title) :] if text.startswith(article.title) else text
    starts = Counter(m.group(1) for m in _SENT_START.finditer(text))
    counts = Counter(m.group(1) for m in _CAPITALISED.finditer(text))
    # keep a capitalised word when it occurs at least once where a capital does not just mark a sentence start
    return {match_form(w, _STEM) for w, c in counts.items() if c > starts[w] or w.isupper()}


def _number_keys(article: Article, text: str) -> set[str]:
    if article.numbers:
        return {f"{n.value:.4g}" for n in article.numbers if n.kind not in ("date",)}
    out = set()
    for match in _NUMBER.finditer(text):
        raw = match.group(0).replace(",", "")
        try:
            value = float(raw)
        except ValueError:
            continue
        out.add(f"{value:.4g}")
    return out


def extract_signals(article: Article) -> Signals:
    """Time, hashed terms, entity keys and numbers of ``article`` (title + lead)."""
    text = article_text_for_embedding(article)
    time = parse_time(article.published)
    source = "published"
    if time is None:
        time = parse_time(article.ingested)
        source = "ingested" if time is not None else "none"
    terms = Counter(stable_hash(w.lower()[:_STEM]) for w in _WORD.findall(text))
    title_terms = Counter(stable_hash(w.lower()[:_STEM]) for w in _WORD.findall(article.title or ""))
    return Signals(
        time=time,
        language=(article.language or "und").split("-")[0],
        terms=dict(terms),
        entities=frozenset(stable_hash(k) for k in _entity_keys(article, text)),
        numbers=frozenset(stable_hash(k) for k in _number_keys(article, text)),
        outlet=article.source.domain or article.source.name,
        time_source=source,
        title_terms=dict(title_terms),
        analyzed=bool(article.entities),
    )


__all__ = ["Signals", "extract_signals", "parse_time", "stable_hash", "DAY"]
