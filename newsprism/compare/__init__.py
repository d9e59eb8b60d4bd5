"""The compare stage: a story's articles → claims with evidence, contradictions, voices, omissions,
tone and comments (the Story/Comparison record of DESIGN.md).

    compare_story(story, articles)   one stored or ad-hoc story
    compare_articles(articles)       group an ad-hoc set into stories, then compare each
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from newsprism.compare.align import (
    AlignParams,
    calibrate,
    claims_from_groups,
    group_units,
    independent_voices,
    similarity,
)
from newsprism.compare.contradictions import find_contradictions
from newsprism.compare.units import Unit, article_units
from newsprism.compare.voices import find_voices
from newsprism.records import SINGLE_SOURCE_WARNING, Article, CommentSummary, Story

_WORD = re.compile(r"\w+", re.UNICODE)
LEXICAL_DIM = 2048


def compare_story(
    story: Story,
    articles: Sequence[Article],
    *,
    embedder: Any = None,
    params: AlignParams | None = None,
    tone: bool = True,
) -> Story:
    """Fill ``story`` with the comparison of ``articles`` (analysed Articles of that story);
    ``tone=False`` leaves tone and comment tone out (they need the tone model)."""
    params = params or AlignParams()
    articles = [a for a in articles if a.id in set(story.article_ids)] or list(articles)
    story.article_ids = [a.id for a in articles]
    # a headline-only article is coverage, not a voice: it cannot carry a claim, so it neither breaks a
    # consensus nor leaves anything out
    headlines = [a for a in articles if a.headline_only]
    origin = independent_voices([a for a in articles if not a.headline_only])
    if headlines:
        names = ", ".join(a.source.name or a.source.domain or a.id[:10] for a in headlines)
        _warn(story, f"headline only, no text: {names}; counted as coverage, not as a voice on any claim")
    units = []
    for article in articles:
        if not article.sentences and article.text.strip():
            _warn(story, f"article {article.id} was not analysed (no sentences): it carries no claim")
        try:
            units.extend(article_units(article))
        except Exception as exc:  # one malformed article must not sink the story
            _warn(story, f"article {article.id}: claim units failed ({exc}); it carries no claim")
    vectors, note, model, embed = unit_vectors(units, articles, embedder)
    if note:
        _warn(story, note)
    sim = similarity(units, vectors, params, model)

    def pairwise(texts: list[str]) -> np.ndarray:
        rows = embed(texts)
        return calibrate(rows @ rows.T, model)

    groups = group_units(units, sim, params)
    story.claims = claims_from_groups(story.id, units, groups, sim, origin)
    try:
        story.contradictions = find_contradictions(units, sim, groups, pairwise)
    except Exception as exc:
        story.contradictions = []
        _warn(story, f"contradictions not computed: {exc}")
    try:
        story.voices = find_voices(articles, pairwise)
    except Exception as exc:
        story.voices = []
        _warn(story, f"voices not computed: {exc}")
    story.omissions = omissions(story, origin, told_nearly(story, units, sim, params.carried))
    story.comments = {a.id: CommentSummary(count=len(a.comments)) for a in articles}
    if len(set(origin.values())) < 2:
        _warn(story, f"{SINGLE_SOURCE_WARNING}: nothing to compare, no claim is called missing")
    if tone:
        from newsprism.compare.tone import apply_tone

        try:
            apply_tone(story, articles)
        except Exception as exc:  # tone is an extra: never lose the comparison for it
            _warn(story, f"tone not computed: {type(exc).__name__}: {exc}")
    return story


def _warn(story: Story, note: str) -> None:
    if note not in story.warnings:
        story.warnings.append(note)


def told_nearly(story: Story, units: Sequence[Unit], sim: np.ndarray, level: float) -> dict[str, set[str]]:
    """Claim id → the articles outside the claim with a unit as close to the claim's units, on average,
    as ``level``: they tell the fact in other words or inside another claim, so they do not leave it out."""
    where: dict[tuple[str, int], list[int]] = {}
    for k, unit in enumerate(units):
        where.setdefault((unit.article_id, unit.sentence), []).append(k)
    article_of = np.array([u.article_id for u in units])
    finite = np.where(np.isfinite(sim), sim, 0.0) if len(units) else sim
    out: dict[str, set[str]] = {}
    for claim in story.claims:
        members = np.array(
            sorted({k for e in claim.evidence for k in where.get((e.article_id, e.sentence), [])})
        )
        if not len(members):
            continue
        outside = np.flatnonzero(~np.isin(article_of, claim.article_ids))
        if not len(outside):
            continue
        mean = finite[np.ix_(outside, members)].mean(axis=1)
        out[claim.id] = {str(article_of[k]) for k, m in zip(outside, mean, strict=True) if m >= level}
    return out


def omissions(
    story: Story, origin: dict[str, str], told: dict[str, set[str]] | None = None
) -> dict[str, list[str]]:
    """For each article, the consensus or majority claims it does not carry (nor tell nearly: ``told``,
    claim id → articles with a sentence as close as ``AlignParams.carried`` to the claim's). Articles
    without a voice in ``origin`` (headline-only ones) leave nothing out."""
    told = told or {}
    n_voices = len(set(origin.values()))
    out: dict[str, list[str]] = {a: [] for a in story.article_ids}
    if n_voices < 2:
        return out
    for claim in story.claims:
        support = len({origin[a] for a in claim.article_ids})
        if claim.status == "consensus" or support * 2 > n_voices:
            carried = set(claim.article_ids)
            carried |= told.get(claim.id, set())
            for article_id in story.article_ids:
                if article_id in origin and article_id not in carried:
                    out[article_id].append(claim.id)
    return out


def unit_vectors(
    units: list[Unit], articles: Sequence[Article], embedder: Any
) -> tuple[np.ndarray, str | None, str | None, Callable[[list[str]], np.ndarray]]:
    """Cross-lingual sentence vectors for the units; hashed word vectors when no model covers them.

    Returns (vectors, note when it is the fallback, model name or None, the embedding function used,
    for number contexts).
    """
    if not units:
        return np.zeros((0, LEXICAL_DIM), dtype=np.float32), None, None, lexical_vectors
    languages = sorted({a.language for a in articles})
    try:
        from newsprism.embed import get_embedder, resolve

        model = resolve(embedder or get_embedder("auto"), list(articles))
        covered = getattr(model, "languages", None)
        missing = [
            lang for lang in languages if covered is not None and lang != "und" and lang not in covered
        ]
        if missing:
            raise LookupError(f"{getattr(model, 'name', 'the model')} does not cover {', '.join(missing)}")
        vectors = model.embed([u.text for u in units], [u.language for u in units])

        def embed(texts: list[str]) -> np.ndarray:
            return np.asarray(model.embed(texts), dtype=np.float32)

        return np.asarray(vectors, dtype=np.float32), None, getattr(model, "name", None), embed
    except Exception as exc:  # no model for these languages, or it failed: align on words instead
        note = f"sentence embeddings unavailable ({exc}); claims aligned on shared words only"
        return lexical_vectors([u.text for u in units]), note, None, lexical_vectors


def lexical_vectors(texts: list[str]) -> np.ndarray:
    """Hashed bag-of-words vectors (L2-normalised): a language-agnostic fallback for alignment."""
    out = np.zeros((len(texts), LEXICAL_DIM), dtype=np.float32)
    for i, text in enumerate(texts):
        for word in _WORD.findall(text.lower()):
            if len(word) > 2:
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
                out[i, h % LEXICAL_DIM] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


def compare_articles(articles: Sequence[Article], *, embedder: Any = None) -> list[Story]:
    """Group an ad-hoc set of analysed articles into stories and compare each one."""
    from newsprism.stories import group_articles

    stories = group_articles(list(articles), embedder=embedder)
    by_id = {a.id: a for a in articles}
    return [
        compare_story(s, [by_id[i] for i in s.article_ids if i in by_id], embedder=embedder) for s in stories
    ]


__all__ = ["compare_story", "compare_articles", "AlignParams"]
