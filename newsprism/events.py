"""Events: the single happenings inside a story.

The clusterer (``newsprism.cluster``) gathers a subject as it develops: a happening, its sequels and the
look-alike happenings of the same days often end up in one story, which is what a reader following a
subject wants and what giveme5w1h's event clusters are. An **event** is narrower: one happening, told by
each outlet that covered it (an AllSides roundup, a BASIL event). This stage cuts each story's members
into events, after clustering, without changing the story.

Two members belong to one event when a logistic pair model finds them likely to: over the cosine of their
vectors, the TF-IDF cosines of their title words and of their title-and-lead words, the overlap of their
entities and of their numbers (each weighted by IDF among the story's members, so the words every member
shares, the story's subject, count least), the days between them and the story's size
(``EVENT_FEATURES``). The model is fitted on members of one story, whose cosines seldom fall low; a
cosine below ``floor`` (in the weights: where the fitted curve in the cosine turns, or the lowest
cosines it was fitted on) counts as ``floor``, so that the quadratic terms never make a less alike pair
more likely. Members are grouped by complete linkage: a group takes another only while every
pair across them is at most ``EVENT_THRESHOLD`` apart (distance = 1 - probability), so an event never
chains two happenings through a member that resembles both. Pairs in two languages use a second set of
weights without the word features (``cross``). Stories of more than ``EVENT_BLOCK`` members are cut in
consecutive blocks of that many, in time order (the cost stays bounded; a happening is days, not months).

The weights were fitted on dev data only (``newsprism.evaluate.events``): pairs inside the clusterer's
stories on the NeuS-AllSides dev stand-in (its summarisation probe streamed in topical bursts) and on BASIL
dev, as given and packed into dense days; the threshold was chosen there by cross-fitting over two halves
of the probe's topics.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from newsprism.records import Article
from newsprism.signals import Signals, extract_signals

EVENT_FEATURES = (
    "dense",
    "title",
    "terms",
    "entities",
    "numbers",
    "gap",
    "size",
    "dense_sq",
    "title_sq",
    "terms_sq",
    "dense_x_title",
    "dense_x_terms",
)
#: features a pair in two languages cannot have (its words never meet): the ``cross`` weights omit them
WORD_FEATURES = frozenset({"title", "terms", "title_sq", "terms_sq", "dense_x_title", "dense_x_terms"})
EVENT_THRESHOLD = 0.9  # complete-linkage distance (1 - probability) within which members share an event
EVENT_BLOCK = 300  # members cut at once; larger stories are cut block by block in time order

# Fitted by newsprism.evaluate.events.fit_event_weights on dev data (see the module docstring):
# `scripts/fit_events.py --embedder use|e5` (41,290 and 36,869 pairs inside stories). EVENT_THRESHOLD
# chosen with --cross (NeuS stand-in, topic halves cross-fitted, USE; mean BCubed F1 0.8782 / 0.8886 /
# 0.8951 / 0.8998 / 0.9006 / 0.9011 / 0.8983 / 0.8936 at 0.5 / 0.6 / 0.7 / 0.8 / 0.85 / 0.9 / 0.93 / 0.95;
# the stories alone 0.8058).
# A model without its own set uses the use-m3 one.
EVENT_WEIGHTS: dict[str, dict[str, dict[str, float]]] = {
    "use-m3": {
        "full": {
            "bias": 3.9751,
            "floor": 0.5226,
            "dense": -10.2233,
            "title": 6.3598,
            "terms": 11.693,
            "entities": 0.1742,
            "numbers": 1.2615,
            "gap": -3.2328,
            "size": -1.913,
            "dense_sq": 9.7806,
            "title_sq": -6.4202,
            "terms_sq": -2.4757,
            "dense_x_title": 0.2992,
            "dense_x_terms": 7.4764,
        },
        "cross": {
            "bias": 10.1984,
            "floor": 0.4419,
            "dense": -27.7794,
            "title": 0.0,
            "terms": 0.0,
            "entities": 0.9233,
            "numbers": 1.472,
            "gap": -3.1254,
            "size": -2.349,
            "dense_sq": 31.4293,
            "title_sq": 0.0,
            "terms_sq": 0.0,
            "dense_x_title": 0.0,
            "dense_x_terms": 0.0,
        },
    },
    "e5-small": {
        "full": {
            "bias": -10.3473,
            "floor": 0.8308,
            "dense": -1.6711,
            "title": 7.1978,
            "terms": 3.9525,
            "entities": 0.0294,
            "numbers": 0.8484,
            "gap": -3.2356,
            "size": -2.1681,
            "dense_sq": 19.0705,
            "title_sq": -3.6663,
            "terms_sq": 7.8165,
            "dense_x_title": -2.4579,
            "dense_x_terms": 3.8289,
        },
        "cross": {
            "bias": 5.8908,
            "floor": 0.8308,
            "dense": -60.4042,
            "title": 0.0,
            "terms": 0.0,
            "entities": 0.4746,
            "numbers": 0.8975,
            "gap": -3.2192,
            "size": -2.3354,
            "dense_sq": 67.2774,
            "title_sq": 0.0,
            "terms_sq": 0.0,
            "dense_x_title": 0.0,
            "dense_x_terms": 0.0,
        },
    },
}


def _tfidf_cosines(bags: Sequence[Mapping[int, int]]) -> np.ndarray:
    """Cosine of every two bags' TF-IDF vectors: sublinear counts, smoothed IDF over ``bags``."""
    n = len(bags)
    df = Counter(t for bag in bags for t in bag)
    column = {t: i for i, t in enumerate(df)}
    idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}
    m = np.zeros((n, max(1, len(column))))
    for i, bag in enumerate(bags):
        for t, c in bag.items():
            if c > 0:
                m[i, column[t]] = (1.0 + math.log(c)) * idf[t]
    m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
    return m @ m.T


def pair_features(
    signals: Sequence[Signals], vectors: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(i, j, rows)``: ``EVENT_FEATURES`` of every pair ``i < j`` of one story's members.

    ``vectors`` holds one row per member (a zero row when a member has none: it then resembles nobody).
    """
    n = len(signals)
    i, j = np.triu_indices(n, 1)
    v = np.asarray(vectors, dtype=float)
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    dense = (v @ v.T)[i, j]
    title = _tfidf_cosines([s.title_terms for s in signals])[i, j]
    terms = _tfidf_cosines([s.terms for s in signals])[i, j]
    entities = _tfidf_cosines([dict.fromkeys(s.entities, 1) for s in signals])[i, j]
    numbers = _tfidf_cosines([dict.fromkeys(s.numbers, 1) for s in signals])[i, j]
    times = np.array([s.time if s.time is not None else np.nan for s in signals])
    gap = np.log1p(np.nan_to_num(np.abs(times[i] - times[j]), nan=0.0))
    size = np.full(len(i), math.log(max(n, 1)))
    base = np.stack([dense, title, terms, entities, numbers, gap, size], axis=1).reshape(-1, 7)
    return i, j, expand(base)


def expand(base: np.ndarray, floor: float | None = None) -> np.ndarray:
    """``EVENT_FEATURES`` rows from their first seven columns (the squares and products appended); with
    ``floor``, cosines below it count as ``floor`` first."""
    base = np.array(base, dtype=float)
    if floor is not None:
        base[:, 0] = np.maximum(base[:, 0], floor)
    dense, title, terms = base[:, 0], base[:, 1], base[:, 2]
    extra = np.stack([dense**2, title**2, terms**2, dense * title, dense * terms], axis=1)
    return np.hstack([base, extra.reshape(-1, 5)])


def _weights(model: str | None) -> dict[str, dict[str, float]]:
    return EVENT_WEIGHTS.get(model or "", EVENT_WEIGHTS["use-m3"])


def pair_probabilities(
    signals: Sequence[Signals],
    vectors: np.ndarray,
    model: str | None = None,
    weights: Mapping[str, Mapping[str, float]] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(i, j, p)``: the probability that members ``i`` and ``j`` of one story report one happening."""
    i, j, rows = pair_features(signals, vectors)
    chosen = weights if weights is not None else _weights(model)
    logits = {}
    for kind in ("full", "cross"):
        w = chosen[kind]
        coef = np.array([w.get(f, 0.0) for f in EVENT_FEATURES])
        logits[kind] = expand(rows[:, :7], w.get("floor")) @ coef + w.get("bias", 0.0)
    languages = [s.language for s in signals]
    same = np.array([languages[a] == languages[b] for a, b in zip(i, j, strict=True)], dtype=bool)
    z = np.where(same, logits["full"], logits["cross"]) if len(i) else np.zeros(0)
    return i, j, 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def _complete_linkage(distance: np.ndarray, threshold: float) -> list[int]:
    """Group number of each item under complete linkage cut at ``threshold``; ``distance`` is condensed
    (one value per pair, in the order of ``np.triu_indices(n, 1)``, which is scipy's)."""
    from scipy.cluster.hierarchy import fcluster, linkage

    tree = linkage(np.clip(distance, 0.0, 1.0), method="complete")
    return [int(g) for g in fcluster(tree, t=threshold, criterion="distance")]


def split_events(
    members: Sequence[Article],
    vectors: Mapping[str, np.ndarray],
    model: str | None = None,
    *,
    threshold: float = EVENT_THRESHOLD,
    weights: Mapping[str, Mapping[str, float]] | None = None,
) -> list[list[str]]:
    """The events of one story: lists of its members' ids, each in time order, events by first member.

    ``vectors`` maps article ids to their vectors (``model`` names the embedder, whose weights are used);
    a member without one stays an event of its own unless its words and entities tie it to others.
    """
    signals = {a.id: extract_signals(a) for a in members}
    ordered = sorted(
        {a.id: a for a in members}.values(),
        key=lambda a: (signals[a.id].time is None, signals[a.id].time or 0.0, a.id),
    )
    if not ordered:
        return []
    dims = next((len(v) for v in vectors.values()), 1)
    events: list[list[str]] = []
    for start in range(0, len(ordered), EVENT_BLOCK):
        block = ordered[start : start + EVENT_BLOCK]
        if len(block) == 1:
            events.append([block[0].id])
            continue
        sigs = [signals[a.id] for a in block]
        matrix = np.array([vectors.get(a.id, np.zeros(dims)) for a in block], dtype=float)
        _, _, p = pair_probabilities(sigs, matrix, model, weights)
        groups = _complete_linkage(1.0 - p, threshold)
        by_group: dict[int, list[str]] = {}
        for article, group in zip(block, groups, strict=True):
            by_group.setdefault(group, []).append(article.id)
        events.extend(by_group.values())  # dicts keep insertion order: events by their first member
    return events


__all__ = [
    "split_events",
    "pair_probabilities",
    "pair_features",
    "expand",
    "EVENT_FEATURES",
    "EVENT_THRESHOLD",
]
