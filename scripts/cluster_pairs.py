"""What the story clusterer's single pass leaves on the table: a pair model with hierarchical linkage, on dev.

The clusterer (``newsprism.cluster``) decides once, per article, in publication order. This script asks how
far the same kind of evidence goes when nothing is decided early, to tell whoever works on issue 4's NeuS
goal which change is worth building. Dev data only (a tool for maintainers):

* a **pair model**: a logistic regression (``newsprism.evaluate.clustering.fit_logistic``) over features of
  two articles (``PAIR_FEATURES``: cosine of their vectors, TF-IDF cosines of their titles, of title and
  lead, of their capitalised names and of their numbers, the log of the days between them, the squares of
  the first three and two products), fitted on the six dev streams the clusterer is fitted on
  (``dev_sets``: BASIL and giveme5w1h, also packed into dense days): every pair within ``WINDOW_DAYS`` days
  whose cosine reaches ``MIN_COSINE``, labelled by gold;
* **batch**: agglomerative clustering of each stream under that model's probabilities (``agglomerate``:
  ``complete`` linkage joins two groups only when every pair across them is likely, ``average`` when
  the pairs are on average), at distance thresholds (1 - probability) ``THRESHOLDS``;
* **windowed**: the same decided day by day (``windowed``): each day the articles of the last
  ``WINDOW_DAYS`` days are grouped again with the final groups of older ones, as a stream could;
* **split**: the clusterer's own stories, each cut again by complete linkage of its members (what a pass
  over a story when it fades from the window could do);
* **stream**: the clusterer as shipped, for reference.

Each is scored (BCubed F1) on the six dev streams (their mean) and on the NeuS dev stand-in in topical bursts
(``eval clustering --data .../neus-allsides --split dev --mode bursts``). The pair model never sees the
NeuS stand-in. Prints one JSON object.

Usage: ``.venv/bin/python scripts/cluster_pairs.py --data ../shared/data [--cache DIR]`` (about 15 minutes
on an empty cache, most of it the analyzer on the 8,025 NeuS titles and leads, and the windowed runs).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

WINDOW_DAYS = 3.0  # pairs further apart in time are never together
MIN_COSINE = 0.3  # pairs less alike are never together
THRESHOLDS = (0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98)
PAIR_FEATURES = (
    "cosine",
    "title_tfidf",
    "lead_tfidf",
    "names_tfidf",
    "numbers_tfidf",
    "log_days",
    "cosine_sq",
    "title_tfidf_sq",
    "lead_tfidf_sq",
    "cosine_x_title",
    "cosine_x_lead",
)
LEAD_CHARS = 600  # of the text, after the title
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NAME = re.compile(r"\b[A-Z][^\W\d_]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_STOP = frozenset(  # English function words and reporting verbs: they say nothing of the event
    _WORD.findall(
        "the a an of to in on and for with at by from is are was were be as that this it its his her "
        "their after over says said say will would has have not but who what new"
    )
)


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


def tfidf_cosines(docs: Sequence[Sequence[str]]) -> np.ndarray:
    """Cosine of every two documents' TF-IDF vectors (sublinear counts, IDF over ``docs``): ``n × n``."""
    df = Counter(t for d in docs for t in set(d))
    vocab = {t: i for i, t in enumerate(df)}
    m = np.zeros((len(docs), len(vocab)), dtype=np.float32)
    for i, doc in enumerate(docs):
        for t, c in Counter(doc).items():
            m[i, vocab[t]] = (1.0 + math.log(c)) * math.log(len(docs) / df[t])
    m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)
    return m @ m.T


def days(article: Any) -> float:
    """The article's time in days (published, else ingested; 0 when neither parses)."""
    from newsprism.signals import parse_time

    t = parse_time(article.published) or parse_time(article.ingested)
    return t if t is not None else 0.0


class Stream:
    """One stream's articles with every pairwise signal the pair model reads (dense ``n × n`` matrices)."""

    def __init__(self, articles: Sequence[Any], gold: Sequence[str], vectors: dict[str, np.ndarray]):
        self.gold = list(gold)
        v = np.array([vectors[a.id] for a in articles], dtype=float)
        v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
        self.cosine = v @ v.T
        lead = [f"{a.title or ''} {(a.text or '')[:LEAD_CHARS]}" for a in articles]
        self.title = tfidf_cosines([_words(a.title or "") for a in articles])
        self.lead = tfidf_cosines([_words(text) for text in lead])
        self.names = tfidf_cosines([_NAME.findall(text) for text in lead])
        self.numbers = tfidf_cosines([_NUMBER.findall(text) for text in lead])
        self.days = np.array([days(a) for a in articles])
        self.gap = np.abs(self.days[:, None] - self.days[None, :])
        g = np.array(self.gold)
        self.same = g[:, None] == g[None, :]

    def candidates(self, with_gold: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Pairs ``i < j`` within ``WINDOW_DAYS`` whose cosine reaches ``MIN_COSINE`` (or, ``with_gold``,
        that gold puts together: so that training sees every positive)."""
        i, j = np.triu_indices(len(self.gold), 1)
        keep = (self.gap[i, j] <= WINDOW_DAYS) & (
            (self.cosine[i, j] >= MIN_COSINE) | (self.same[i, j] if with_gold else False)
        )
        return i[keep], j[keep]

    def features(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """``PAIR_FEATURES`` of the pairs ``(i[k], j[k])``, one row each."""
        base = np.stack(
            [
                self.cosine[i, j],
                self.title[i, j],
                self.lead[i, j],
                self.names[i, j],
                self.numbers[i, j],
                np.log1p(self.gap[i, j]),
            ],
            axis=1,
        )
        return np.hstack([base, base[:, :3] ** 2, base[:, :1] * base[:, 1:3]])


def fit_pair_model(streams: Sequence[Stream]) -> Callable[[np.ndarray], np.ndarray]:
    """A logistic pair model (standardised features) fitted on every candidate pair of ``streams``."""
    from newsprism.evaluate.clustering import fit_logistic

    xs, ys = [], []
    for s in streams:
        i, j = s.candidates(with_gold=True)
        xs.append(s.features(i, j))
        ys.append(s.same[i, j].astype(float))
    x, y = np.vstack(xs), np.concatenate(ys)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    w, b = fit_logistic((x - mean) / scale, y)

    def predict(rows: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-np.clip(((rows - mean) / scale) @ w + b, -50, 50)))

    return predict


def agglomerate(distance: np.ndarray, threshold: float, linkage: str = "complete") -> list[int]:
    """Group labels of agglomerative clustering of a symmetric ``distance`` matrix (1 = never together):
    the two nearest groups merge while their linkage distance (``complete``: the largest pair distance
    across them; ``average``: the mean) is at most ``threshold``."""
    n = len(distance)
    labels = list(range(n))
    if n < 2:
        return labels
    # groups linked by no pair within the threshold never merge: cluster each connected part alone
    near = distance <= threshold
    part = [-1] * n
    for start in range(n):
        if part[start] >= 0:
            continue
        part[start], todo = start, [start]
        while todo:
            k = todo.pop()
            for m in np.flatnonzero(near[k]).tolist():
                if part[m] < 0:
                    part[m] = start
                    todo.append(m)
    for root in set(part):
        idx = [k for k in range(n) if part[k] == root]
        if len(idx) > 1:
            for k, group in zip(
                idx, _agglomerate_part(distance[np.ix_(idx, idx)], threshold, linkage), strict=True
            ):
                labels[k] = idx[group]
    return labels


def _agglomerate_part(
    d: np.ndarray,
    threshold: float,
    linkage: str,
    size: Sequence[float] | None = None,
    frozen: Sequence[bool] | None = None,
) -> list[int]:
    """Agglomerate units at distances ``d`` (units of ``size`` members; ``frozen`` units, decided
    earlier, never merge with each other); returns each unit's final owner (the lowest unit index of its
    group, so a frozen unit owns whatever joins it)."""
    d = np.array(d, dtype=float)
    n = len(d)
    np.fill_diagonal(d, np.inf)
    size_ = np.ones(n) if size is None else np.array(size, dtype=float)
    fixed = np.zeros(n, dtype=bool) if frozen is None else np.array(frozen, dtype=bool)
    d[np.ix_(fixed, fixed)] = np.inf
    owner = list(range(n))
    while True:
        a, b = divmod(int(np.argmin(d)), n)  # a < b: the first of a symmetric pair
        if not d[a, b] <= threshold:
            break
        if linkage == "complete":
            row = np.maximum(d[a], d[b])
        else:
            row = (d[a] * size_[a] + d[b] * size_[b]) / (size_[a] + size_[b])
        d[a, :], d[:, a] = row, row
        d[a, a] = np.inf
        d[b, :], d[:, b] = np.inf, np.inf
        size_[a] += size_[b]
        if fixed[b] or fixed[a]:
            fixed[a] = True
            d[a, fixed], d[fixed, a] = np.inf, np.inf
        owner = [a if o == b else o for o in owner]
    return owner


def cluster(
    stream: Stream, predict: Callable[[np.ndarray], np.ndarray], threshold: float, linkage: str
) -> list[int]:
    """``agglomerate`` over the stream's candidate pairs (every other pair at distance 1)."""
    i, j = stream.candidates()
    distance = np.ones((len(stream.gold), len(stream.gold)))
    p = predict(stream.features(i, j)) if len(i) else np.zeros(0)
    distance[i, j] = distance[j, i] = 1.0 - p
    np.fill_diagonal(distance, 0.0)
    return agglomerate(distance, threshold, linkage)


def windowed(
    stream: Stream,
    predict: Callable[[np.ndarray], np.ndarray],
    threshold: float,
    linkage: str,
    window: float = WINDOW_DAYS,
) -> list[int]:
    """``cluster`` decided day by day, as a stream could: each day the articles of the last ``window``
    days are grouped again (their earlier grouping undone) together with the groups of older articles,
    which are final (they can take new articles but neither split nor merge with each other)."""
    n = len(stream.gold)
    i, j = stream.candidates()
    distance = np.ones((n, n))
    if len(i):
        distance[i, j] = distance[j, i] = 1.0 - predict(stream.features(i, j))
    label = np.full(n, -1)
    fresh = n  # group ids not yet used (article indices never are: ids start at n)
    day = np.floor(stream.days)
    for today in np.unique(day):
        seen = np.flatnonzero(label >= 0)
        recent = seen[stream.days[seen] >= today - window]
        open_ = np.concatenate([recent, np.flatnonzero(day == today)])
        final: dict[int, list[int]] = {}
        for k in seen[(stream.days[seen] < today - window) & (stream.days[seen] >= today - 2 * window)]:
            final.setdefault(int(label[k]), []).append(int(k))
        units = [*final.values(), *([int(k)] for k in open_)]
        gather = np.max if linkage == "complete" else np.mean
        d = np.ones((len(units), len(units)))
        for x in range(len(units)):
            for y in range(x + 1, len(units)):
                d[x, y] = d[y, x] = float(gather(distance[np.ix_(units[x], units[y])]))
        owner = _agglomerate_part(
            d, threshold, linkage, [len(u) for u in units], [x < len(final) for x in range(len(units))]
        )
        keys = list(final)
        named: dict[int, int] = {}
        for x in range(len(final), len(units)):
            if owner[x] < len(final):
                label[units[x][0]] = keys[owner[x]]
            else:
                if owner[x] not in named:
                    named[owner[x]], fresh = fresh, fresh + 1
                label[units[x][0]] = named[owner[x]]
    return label.tolist()


def split(
    stream: Stream, stories: Sequence[str], predict: Callable[[np.ndarray], np.ndarray], threshold: float
) -> list[str]:
    """Each story of ``stories`` (one label per article) cut again by complete linkage of its members."""
    members: dict[str, list[int]] = {}
    for k, s in enumerate(stories):
        members.setdefault(s, []).append(k)
    out = list(stories)
    for s, idx in members.items():
        if len(idx) < 2:
            continue
        a, b = np.triu_indices(len(idx), 1)
        i, j = np.array(idx)[a], np.array(idx)[b]
        distance = np.zeros((len(idx), len(idx)))
        distance[a, b] = distance[b, a] = 1.0 - predict(stream.features(i, j))
        for k, group in zip(idx, agglomerate(distance, threshold, "complete"), strict=True):
            out[k] = f"{s}/{group}"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--cache", default=None, help="folder for the article vectors (kept across runs)")
    args = parser.parse_args(argv)

    from newsprism.cluster import StoryClusterer
    from newsprism.embed import get_embedder, resolve
    from newsprism.evaluate.clustering import analyzed, bcubed, burst_proxy, dev_sets, embed_cached, load
    from newsprism.stories import cluster_articles

    if not (args.data / "neus-allsides").is_dir():
        print(f"{args.data}: no neus-allsides folder (the shared evaluation data)", file=sys.stderr)
        return 2
    six = dev_sets(args.data, cache_dir=args.cache)
    _, probe, probe_gold = load(args.data / "neus-allsides", "dev")
    probe = analyzed(probe)
    model = resolve(get_embedder("auto"), probe)
    vectors = embed_cached(probe, model, args.cache)
    bursts, burst_vectors = burst_proxy(probe, probe_gold, vectors)
    sets = {f"six{k}": (a, g, v) for k, (a, g, v) in enumerate(six)}
    sets["bursts"] = (bursts, probe_gold, burst_vectors)
    streams = {name: Stream(*s) for name, s in sets.items()}
    predict = fit_pair_model([streams[f"six{k}"] for k in range(len(six))])

    def scored(name: str, labels: Sequence[Any]) -> float:
        return bcubed(streams[name].gold, [str(x) for x in labels])[2]

    def summary(labels_of: Callable[[str], Sequence[Any]]) -> dict[str, float]:
        f = {name: scored(name, labels_of(name)) for name in streams}
        return {
            "six_mean": round(float(np.mean([v for k, v in f.items() if k != "bursts"])), 4),
            "bursts": round(f["bursts"], 4),
        }

    stories: dict[str, list[str]] = {}
    for name, (articles, _, vecs) in sets.items():
        fitted = cluster_articles(articles, vecs, StoryClusterer(model=model.name))
        stories[name] = [fitted.story_of(a.id) or a.id for a in articles]
    result: dict[str, Any] = {"stream": summary(lambda name: stories[name])}
    for linkage in ("complete", "average"):
        result[f"batch_{linkage}"] = {
            f"{t:g}": summary(lambda name, t=t, linkage=linkage: cluster(streams[name], predict, t, linkage))
            for t in THRESHOLDS
        }
    for linkage in ("complete", "average"):
        result[f"windowed_{linkage}"] = {
            f"{t:g}": summary(lambda name, t=t, linkage=linkage: windowed(streams[name], predict, t, linkage))
            for t in THRESHOLDS
        }
    result["split"] = {
        f"{t:g}": summary(lambda name, t=t: split(streams[name], stories[name], predict, t))
        for t in THRESHOLDS
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
