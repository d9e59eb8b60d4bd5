"""Fitting the event stage (``newsprism.events``) on dev data, and its cross-fitted dev estimate.

For maintainers (``scripts/fit_events.py`` prints what these return); no test item is read.

Training pairs are the pairs of members of each story the shipped clusterer forms (so the model learns
exactly the choice it is asked to make: which members of one story report one happening), labelled by
gold. They come from event-granular dev streams (``event_sets``): the NeuS-AllSides dev stand-in (the
summarisation probe, ``neus_probe``) streamed in topical bursts under two seeds, and BASIL dev as given and
packed into dense days (12 events a day, one sentence of lead). giveme5w1h is left out: its events are
broader (a happening and its sequels), the granularity of stories, not of events.

``cross_fitted`` estimates what the stage adds on the NeuS stand-in without scoring a stream on pairs it
was fitted on: the probe's events are split into two halves by topic (spherical k-means, 60 topics, each
topic to one half), each half streamed alone in bursts, its stories cut by a model fitted on the other
half (and BASIL); it reports BCubed at the story level and at each event threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.cluster import StoryClusterer
from newsprism.embed import get_embedder, resolve
from newsprism.evaluate.clustering import (
    analyzed,
    bcubed,
    burst_proxy,
    dense_proxy,
    embed_cached,
    event_labels,
    event_topics,
    fit_logistic,
    load,
)
from newsprism.events import EVENT_FEATURES, WORD_FEATURES, expand, pair_features
from newsprism.records import Article
from newsprism.signals import extract_signals
from newsprism.stories import cluster_articles

Stream = tuple[list[Article], list[str], dict[str, np.ndarray]]
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9)
BURST_SEEDS = (0, 1)
FLOOR_PERCENTILE = 1.0


def stories_of(articles: Sequence[Article], vectors: dict[str, np.ndarray], model: str) -> list[str]:
    """The shipped clusterer's story of each article (its own id when it has none)."""
    clusterer = cluster_articles(list(articles), vectors, StoryClusterer(model=model))
    return [clusterer.story_of(a.id) or a.id for a in articles]


def event_rows(
    articles: Sequence[Article], gold: Sequence[str], vectors: dict[str, np.ndarray], stories: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels (same gold event) of every pair of members of each story."""
    members: dict[str, list[int]] = {}
    for k, story in enumerate(stories):
        members.setdefault(story, []).append(k)
    xs, ys = [np.zeros((0, len(EVENT_FEATURES)))], [np.zeros(0)]
    for ks in members.values():
        if len(ks) < 2:
            continue
        sigs = [extract_signals(articles[k]) for k in ks]
        i, j, rows = pair_features(sigs, np.array([vectors[articles[k].id] for k in ks]))
        xs.append(rows)
        ys.append(np.array([gold[ks[a]] == gold[ks[b]] for a, b in zip(i, j, strict=True)], dtype=float))
    return np.vstack(xs), np.concatenate(ys)


def fit_event_weights(rows: Sequence[tuple[np.ndarray, np.ndarray]]) -> dict[str, dict[str, float]]:
    """``full`` and ``cross`` weights (``cross`` without ``WORD_FEATURES``) of a logistic model over
    ``rows``, fitted on standardised features and given back on the raw ones. Cosines are clipped at
    the ``FLOOR_PERCENTILE``-th percentile of the rows' before fitting (below it the model has hardly
    any rows); ``floor``, where the product clips them, is that or, when higher, the cosine where the
    fitted quadratic in the cosine turns, so that a lower cosine never makes a pair more likely."""
    raw_rows = np.vstack([r[0] for r in rows])
    y = np.concatenate([r[1] for r in rows])
    floor = round(float(np.percentile(raw_rows[:, 0], FLOOR_PERCENTILE)), 4) if len(y) else 0.0
    x = expand(raw_rows[:, :7], floor)
    weights: dict[str, dict[str, float]] = {}
    for kind in ("full", "cross"):
        cols = [c for c, f in enumerate(EVENT_FEATURES) if kind == "full" or f not in WORD_FEATURES]
        sub = x[:, cols]
        mean, scale = sub.mean(axis=0), sub.std(axis=0) + 1e-9
        w, b = fit_logistic((sub - mean) / scale, y)
        raw = w / scale
        named = dict.fromkeys(EVENT_FEATURES, 0.0)
        named.update({EVENT_FEATURES[c]: round(float(v), 4) for c, v in zip(cols, raw, strict=True)})
        # below the cosine where the fitted curve turns (its quadratic alone), hold it flat at its lowest
        turn = -named["dense"] / (2 * named["dense_sq"]) if named["dense_sq"] > 0 else floor
        weights[kind] = {
            "bias": round(float(b - (raw * mean).sum()), 4),
            "floor": round(max(floor, turn), 4),
            **named,
        }
    return weights


@lru_cache(maxsize=2)
def _basil_streams(data: Path, model_name: str, cache_dir: str | None) -> list[Stream]:
    _, basil, gold = load(data / "basil", "dev")
    dense = dense_proxy(basil, gold, per_day=12, lead_sentences=1)
    out = []
    for articles in (analyzed(basil), analyzed(dense)):
        out.append((articles, gold, embed_cached(articles, get_embedder(model_name), cache_dir)))
    return out


@lru_cache(maxsize=2)
def probe(data: Path, embedder: str = "auto", cache_dir: str | None = None) -> tuple[Stream, str]:
    """The NeuS dev stand-in, analysed, with its vectors; and the model's name (kept for the process:
    ``fit`` and ``cross_fitted`` both read it, and the analyzer over it takes minutes)."""
    _, articles, gold = load(data / "neus-allsides", "dev")
    articles = analyzed(articles)
    model = resolve(get_embedder(embedder), articles)
    return (articles, gold, embed_cached(articles, model, cache_dir)), model.name


def event_sets(data: Path, embedder: str = "auto", cache_dir: str | None = None) -> tuple[list[Stream], str]:
    """The event-granular dev streams the weights are fitted on (module docstring), and the model name."""
    (articles, gold, vectors), model = probe(data, embedder, cache_dir)
    sets: list[Stream] = []
    for seed in BURST_SEEDS:
        bursts, moved = burst_proxy(articles, gold, vectors, seed=seed)
        sets.append((bursts, gold, moved))
    return sets + _basil_streams(data, model, cache_dir), model


def fit(data: Path, embedder: str = "auto", cache_dir: str | None = None) -> dict[str, Any]:
    """Weights fitted on every event set (what ``EVENT_WEIGHTS`` holds for the model)."""
    sets, model = event_sets(data, embedder, cache_dir)
    rows = [event_rows(a, g, v, stories_of(a, v, model)) for a, g, v in sets]
    return {"model": model, "pairs": int(sum(len(r[1]) for r in rows)), "weights": fit_event_weights(rows)}


def topic_halves(
    gold: Sequence[str], vectors: Sequence[np.ndarray], topics: int = 60, seed: int = 0
) -> dict[str, int]:
    """Each event's half (0 or 1): events grouped into ``topics`` topics (``event_topics``), every topic to
    one half."""
    side = np.random.default_rng(seed).permutation(topics) % 2
    return {g: int(side[label]) for g, label in event_topics(gold, vectors, topics, seed).items()}


def cross_fitted(
    data: Path, embedder: str = "auto", cache_dir: str | None = None, thresholds: Sequence[float] = THRESHOLDS
) -> dict[str, Any]:
    """BCubed on the NeuS stand-in's topic halves, each cut by weights fitted on the other (module docstring)."""
    (articles, gold, vectors), model = probe(data, embedder, cache_dir)
    basil = _basil_streams(data, model, cache_dir)
    basil_rows = [event_rows(a, g, v, stories_of(a, v, model)) for a, g, v in basil]
    half = topic_halves(gold, [vectors[a.id] for a in articles])
    streams: dict[tuple[int, int], tuple[list[Article], list[str], dict[str, np.ndarray], list[str]]] = {}
    for h in (0, 1):
        part = [(a, g) for a, g in zip(articles, gold, strict=True) if half[g] == h]
        sub, sub_gold = [a for a, _ in part], [g for _, g in part]
        for seed in BURST_SEEDS:
            bursts, moved = burst_proxy(sub, sub_gold, vectors, seed=seed)
            streams[h, seed] = (bursts, sub_gold, moved, stories_of(bursts, moved, model))
    result: dict[str, Any] = {"model": model, "story": [], "event": {f"{t:g}": [] for t in thresholds}}
    for h in (0, 1):
        rows = [event_rows(*streams[1 - h, seed]) for seed in BURST_SEEDS] + basil_rows
        weights = fit_event_weights(rows)
        bursts, sub_gold, moved, stories = streams[h, BURST_SEEDS[0]]
        result["story"].append(_scores(sub_gold, stories))
        for t in thresholds:
            labels = event_labels(bursts, moved, stories, model, threshold=t, weights=weights)
            result["event"][f"{t:g}"].append(_scores(sub_gold, labels))
    result["story_mean_f1"] = round(float(np.mean([s[2] for s in result["story"]])), 4)
    result["event_mean_f1"] = {
        t: round(float(np.mean([s[2] for s in v])), 4) for t, v in result["event"].items()
    }
    return result


def _scores(gold: Sequence[str], labels: Sequence[str]) -> list[float]:
    return [round(x, 4) for x in bcubed(gold, labels)]


__all__ = [
    "fit",
    "cross_fitted",
    "fit_event_weights",
    "event_rows",
    "event_labels",
    "event_sets",
    "stories_of",
]
