"""``newsprism bench scaling``: the story clusterer on a synthetic stream of 10k, 100k and 1M articles.

Articles are synthetic (no embedding model): each belongs to a planted story with its own random unit
centre, title words, entity keys and dates. Stories start with probability ``1 / story_size`` per article
(mean size ``story_size``) and take articles for two days; an article goes to a story drawn uniformly among
those of the last two days. Its vector is its story's centre plus noise, its title a subset of the story's
six words (each kept with probability 0.7) plus two stray words of a 50,000-word vocabulary, its entities a
subset of the story's three plus one stray; its time advances at ``rate`` articles a day. The stream is the
same at every size (the larger sizes run on past where the smaller stop), so a larger size differs only in
running for longer: 10k articles are 5 days at 2,000 a day, 100k 50 days, 1M 500 days. The 10k run never
sees a full window: a story stays in the clusterer's index until up to 16 days after its last article
(``window_days`` 5, a day of slack, up to ``max_extra_days`` 10 for busy stories), so the index grows to
about 4,600 stories by day 18 and stays there, while the 10k run averages about 650. The time ratio
thus compares a filling window with a full one; ``cpu_us_per_article_last_10pct`` is the cost at the end
of each run (at 100k and 1M, the steady state). Each size runs in its
own fresh process, so the memory figure is that process' growth in resident memory while clustering,
per article; the vectors the clusterer keeps (its window index and recent members) are counted apart,
since the goal is about memory *beyond* the vectors. Time is the time spent in ``StoryClusterer.add``,
wall clock and CPU (the CPU figure does not depend on what else a shared machine runs).
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from typing import Any

import numpy as np

from newsprism.cluster import StoryClusterer
from newsprism.records import Article, Entity


def _rss_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize()


_VOCABULARY = 50_000


def _word(w: int) -> str:
    """The ``w``-th word of the synthetic vocabulary: five letters (distinct after the stemmer's 7-letter cut)."""
    return "".join(chr(97 + (w // 26**j) % 26) for j in range(5))


def _stream(n: int, dim: int, rate: float, story_size: float, seed: int):  # type: ignore[no-untyped-def]
    """``(article, vector, planted story)`` triples in time order."""
    rng = np.random.default_rng(seed)
    active: list[tuple[int, np.ndarray, list[str], float, list[str]]] = []
    stories = 0
    noise = 0.6 / np.sqrt(dim)
    for i in range(n):
        t = i / rate
        active = [s for s in active if t - s[3] < 2.0] if i % 256 == 0 else active
        if not active or rng.random() < 1.0 / story_size:
            centre = rng.normal(size=dim).astype(np.float32)
            centre /= np.linalg.norm(centre)
            keys = [f"ent{int(k)}" for k in rng.integers(0, 200_000, size=3)]
            words = [_word(int(w)) for w in rng.integers(0, _VOCABULARY, size=6)]
            active.append((stories, centre, keys, t, words))
            story = active[-1]
            stories += 1
        else:
            story = active[int(rng.integers(len(active)))]
        vector = story[1] + noise * rng.normal(size=dim).astype(np.float32)
        vector /= np.linalg.norm(vector)
        keys = [k for k in story[2] if rng.random() < 0.7] + [f"ent{int(rng.integers(0, 200_000))}"]
        title = [w for w in story[4] if rng.random() < 0.7]
        title += [_word(int(w)) for w in rng.integers(0, _VOCABULARY, size=2)]
        day, seconds = divmod(t, 1.0)
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(1.7e9 + day * 86400 + seconds * 86400))
        article = Article(
            id=f"a{i:08d}",
            title=" ".join(title),
            published=stamp,
            language="en",
            entities=[Entity(text=k, label="ORG", start=0, end=0, key=k) for k in keys],
        )
        yield article, vector, story[0]


def _one(size: int, dim: int, rate: float, story_size: float, seed: int) -> dict[str, Any]:
    clock, cpu_clock = time.perf_counter, time.process_time
    clusterer = StoryClusterer()
    base_rss = _rss_bytes()
    spent = cpu = tail_cpu = 0.0
    planted: list[int] = []
    tail_from = size - size // 10
    for i, (article, vector, story) in enumerate(_stream(size, dim, rate, story_size, seed)):
        t0, c0 = clock(), cpu_clock()
        clusterer.add(article, vector)
        dc = cpu_clock() - c0
        spent += clock() - t0
        cpu += dc
        if i >= tail_from:
            tail_cpu += dc
        planted.append(story)
    grown = _rss_bytes() - base_rss
    vectors = clusterer.index_.nbytes() + sum(
        s.recent.nbytes for s in clusterer.stories_ if s.recent is not None
    )
    vectors += sum(s.vec_sum.nbytes for s in clusterer.stories_ if s.vec_sum is not None)
    labels = clusterer.labels_
    from newsprism.evaluate.clustering import bcubed

    precision, recall, f1 = bcubed([str(p) for p in planted], labels)
    return {
        "articles": size,
        "seconds": round(spent, 2),
        "cpu_seconds": round(cpu, 2),
        "us_per_article": round(1e6 * spent / size, 1),
        "cpu_us_per_article": round(1e6 * cpu / size, 1),
        "cpu_us_per_article_last_10pct": round(1e6 * tail_cpu / max(1, size - tail_from), 1),
        "rss_growth_bytes_per_article": round(grown / size, 1),
        "vector_bytes_in_memory": int(vectors),
        "bytes_per_article_beyond_vectors": round((grown - vectors) / size, 1),
        "live_stories": len(clusterer.index_),
        "stories": len(set(labels)),
        "planted_stories": len(set(planted)),
        "bcubed_f1_vs_planted": round(f1, 4),
        "bcubed_precision": round(precision, 4),
        "bcubed_recall": round(recall, 4),
    }


def run(
    sizes: tuple[int, ...] | list[int] = (10_000, 100_000, 1_000_000),
    *,
    dim: int = 512,
    rate: float = 2000.0,
    story_size: float = 8.0,
    seed: int = 1,
    **_: Any,
) -> dict[str, Any]:
    """Time and memory per article at each size (each size in a fresh process)."""
    results = []
    context = multiprocessing.get_context("spawn")
    for size in sizes:
        with context.Pool(1) as pool:
            results.append(pool.apply(_one, (int(size), dim, rate, story_size, seed)))
    base = results[0]["cpu_us_per_article"] if results else 0.0
    for r in results:  # CPU time: what the clusterer costs, whatever else the machine runs
        r["cpu_time_ratio_to_smallest"] = round(r["cpu_us_per_article"] / base, 3) if base else None
    return {
        "benchmark": "scaling",
        "dim": dim,
        "articles_per_day": rate,
        "mean_story_size": story_size,
        "window_days": StoryClusterer().window_days,
        "sizes": results,
        "goal": "time per article at the largest size <= 1.5 x at the smallest; <= 2048 bytes per article beyond vectors",
    }


__all__ = ["run"]
