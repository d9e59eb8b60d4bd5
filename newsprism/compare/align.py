"""Align claim units across the articles of a story and give each aligned group its status.

Similarity of two units = cosine of their cross-lingual sentence embeddings, plus small bonuses
for shared normalised entities, shared numbers and (within one language) shared content words.
Groups grow greedily from the most similar pairs, average-linkage, never holding two units of one
article. A group's support counts independent voices: syndicated copies of one wire story are one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsprism.compare.units import Unit
from newsprism.records import Claim, Evidence, sha1


@dataclass(frozen=True)
class AlignParams:
    threshold: float = 0.60  # least average similarity inside a group
    entity_weight: float = 0.12
    number_weight: float = 0.10
    lexical_weight: float = 0.20


def similarity(units: list[Unit], vectors: np.ndarray, params: AlignParams) -> np.ndarray:
    """Pairwise unit similarity; pairs from the same article are -inf (never aligned)."""
    sim = vectors @ vectors.T if len(units) else np.zeros((0, 0), dtype=np.float32)
    sim = sim.astype(np.float32)
    articles = np.array([u.article_id for u in units])
    same = articles[:, None] == articles[None, :]
    words = [{w for w in u.words if len(w) > 3} for u in units]
    values = [{round(n.value, 6) for n in u.numbers if n.kind != "year"} for u in units]
    n = len(units)
    for i in range(n):
        for j in range(i + 1, n):
            if same[i, j] or sim[i, j] < params.threshold - 0.3:
                continue
            bonus = 0.0
            ei, ej = units[i].entity_keys, units[j].entity_keys
            if ei and ej:
                bonus += params.entity_weight * len(ei & ej) / len(ei | ej)
            if values[i] and values[j]:
                bonus += params.number_weight * len(values[i] & values[j]) / len(values[i] | values[j])
            if units[i].language == units[j].language and words[i] and words[j]:
                bonus += params.lexical_weight * len(words[i] & words[j]) / len(words[i] | words[j])
            sim[i, j] = sim[j, i] = sim[i, j] + bonus
    sim[same] = -np.inf
    return sim


def group_units(units: list[Unit], sim: np.ndarray, params: AlignParams) -> list[list[int]]:
    """Greedy average-linkage grouping under the constraint: one unit per article per group."""
    n = len(units)
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    articles: dict[int, set[str]] = {i: {units[i].article_id} for i in range(n)}
    iu, ju = np.triu_indices(n, k=1)
    scores = sim[iu, ju] if n else np.zeros(0)
    keep = scores >= params.threshold
    order = np.argsort(-scores[keep], kind="stable")
    for i, j in zip(iu[keep][order], ju[keep][order], strict=True):
        gi, gj = group_of[i], group_of[j]
        if gi == gj or articles[gi] & articles[gj]:
            continue
        a, b = members[gi], members[gj]
        if float(sim[np.ix_(a, b)].mean()) < params.threshold:
            continue
        for m in b:
            group_of[m] = gi
        members[gi] = a + b
        articles[gi] |= articles.pop(gj)
        del members[gj]
    return sorted(members.values(), key=lambda g: min(g))


def claims_from_groups(
    story_id: str,
    units: list[Unit],
    groups: list[list[int]],
    sim: np.ndarray,
    origin: dict[str, str],
) -> list[Claim]:
    """One Claim per group: status from independent voices, text = its most central unit."""
    voices = set(origin.values())
    n_voices = len(voices)
    claims = []
    for group in groups:
        if len(group) > 1:
            sub = sim[np.ix_(group, group)]
            sub = np.where(np.isfinite(sub), sub, 0.0)
            central = group[int(np.argmax(sub.sum(axis=1)))]
        else:
            central = group[0]
        article_ids = sorted({units[i].article_id for i in group})
        support = len({origin[a] for a in article_ids})
        evidence, seen = [], set()
        for i in sorted(group, key=lambda k: (units[k].article_id, units[k].sentence)):
            key = (units[i].article_id, units[i].sentence)
            if key not in seen:
                seen.add(key)
                evidence.append(Evidence(units[i].article_id, units[i].sentence, units[i].sentence_text))
        claim_id = "c" + sha1(story_id + "|" + "|".join(f"{a}:{s}" for a, s in sorted(seen)))[:10]
        claims.append(
            Claim(
                id=claim_id,
                text=units[central].text,
                status=status(support, n_voices),
                article_ids=article_ids,
                evidence=evidence,
            )
        )
    rank = {"consensus": 0, "partial": 1, "unique": 2}
    claims.sort(key=lambda c: (rank[c.status], -len(c.article_ids)))
    return claims


def status(support: int, n_voices: int) -> str:
    """DESIGN.md: consensus = every voice (two thirds when 4 or more), partial = two or more, else unique."""
    if n_voices >= 2 and (support == n_voices or (n_voices >= 4 and support * 3 >= n_voices * 2)):
        return "consensus"
    if support >= 2:
        return "partial"
    return "unique"
