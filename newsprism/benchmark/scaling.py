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

``--store sqlite`` or ``--store postgres [--db URL]``: the same stream also goes through what ``ingest``
does with a store, in ingest runs of ``batch`` articles (default 1,000, one feed poll or WARC shard):
``start_run``; per article ``put_article`` (each its own transaction, its input marked done); the
vectors into the store's cache with ``put_vectors`` (as the Dask engine's workers do, or ``embed_articles``
after embedding); ``unclustered_articles``; ``update_stories`` (which reads the clusterer's live window
and the stored MinHashes its articles can match, reads the cached vectors, clusters, and writes the
touched stories with the state rows the run changed in one transaction; newsprism/store/state.py);
``finish_run``. For the store each article gets a URL, an outlet among 200 and a body of
``text_words`` random words (default 120): without them all synthetic articles would share one text and
the store would fold them into one row; the clusterer ignores the body, so stories are as without a
store. Time is split into ``store`` (inside a ``Store`` method, rows read and written) and ``cluster``
(the rest of ``update_stories``: syndication MinHashes, the clusterer, building stories, (de)serialising
the saved states). Memory is the client process' resident growth per article, and the data on disk
(``pg_database_size``; the SQLite file with its WAL). Without ``--db`` the PostgreSQL variant starts a
throwaway server (``newsprism/benchmark/pgserver.py``, as the tests do; fsync off); with ``--db`` each size
gets its own database created beside the given one (the role needs CREATEDB) and dropped after. Each
run ends by checking the store: exactly ``n`` articles, each in exactly one story.

The default sizes with a store are 10k and 100k. Until the state was kept row by row (migration 0007),
every run reloaded and re-saved the whole clusterer state and syndication index, so a run's cost grew
with the store (at 40k articles one load of the 67 MB state took 294 s); now a run reads the live window
(about 4,600 stories from day 18 on), the document frequencies (bounded by the vocabulary: about 250,000
words and entities here) and the MinHashes sharing an LSH band with its articles, and writes what it
changed. ``--sizes 1000000`` runs 1M all the same (measured figures: benchmarks/README.md).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from newsprism.cluster import StoryClusterer
from newsprism.errors import UsageError
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


# ---------------------------------------------------------------------------------------------- with a store

_MODEL = "synthetic-planted"


class _PlantedEmbedder:
    """The embedder the store's stories are built with: its vectors are already in the store's cache."""

    name = _MODEL

    def embed(self, texts: list[str], languages: list[str] | None = None) -> np.ndarray:
        raise AssertionError("bench scaling puts every vector in the store before clustering")


class _TimedStore:
    """A store whose method calls add their time (wall and CPU) to ``seconds`` / ``cpu``; an iterator a
    method returns is read to the end inside the timing, so rows read lazily count as store time."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self.seconds = 0.0
        self.cpu = 0.0

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if not callable(attr):
            return attr

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                out = attr(*args, **kwargs)
                if isinstance(out, Iterator):
                    out = list(out)
                return out
            finally:
                self.seconds += time.perf_counter() - t0
                self.cpu += time.process_time() - c0

        return timed


def _body(i: int, words: int) -> str:
    rng = np.random.default_rng(1_000_003 + i)
    return " ".join(_word(int(w)) for w in rng.integers(0, _VOCABULARY, size=words)) + "."


def _disk_bytes(url: str) -> int | None:
    if url.startswith(("postgresql://", "postgres://")):
        import psycopg

        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        return int(row[0]) if row else None
    path = url.removeprefix("sqlite:///")
    return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))


def _one_store(
    size: int,
    dim: int,
    rate: float,
    story_size: float,
    seed: int,
    url: str,
    batch: int,
    text_words: int,
    progress: bool = False,
) -> dict[str, Any]:
    from newsprism.dates import now_iso
    from newsprism.evaluate.clustering import bcubed
    from newsprism.records import Source
    from newsprism.store import open_store
    from newsprism.stories import update_stories

    store = open_store(url)
    timed = _TimedStore(store)
    embedder = _PlantedEmbedder()
    base_rss = _rss_bytes()
    wall = cpu = 0.0
    cluster_wall = cluster_cpu = 0.0
    planted: dict[str, int] = {}
    runs = 0
    last_run: tuple[float, float, float, int] = (0.0, 0.0, 0.0, 1)  # wall, cluster, store of the last run

    def ingest_run(chunk: list[tuple[Article, np.ndarray]]) -> None:
        nonlocal runs, cluster_wall, cluster_cpu
        run_id = timed.start_run([f"synthetic:{chunk[0][0].id}"])
        for article, _ in chunk:
            article.ingested = now_iso()
            timed.put_article(article, input_key=f"synthetic:{article.id}")
        timed.put_vectors(_MODEL, {a.id: v for a, v in chunk})
        pending = timed.unclustered_articles()
        store_wall, store_cpu = timed.seconds, timed.cpu
        t0, c0 = time.perf_counter(), time.process_time()
        update_stories(timed, pending, embedder=embedder)  # type: ignore[arg-type]
        cluster_wall += time.perf_counter() - t0 - (timed.seconds - store_wall)
        cluster_cpu += time.process_time() - c0 - (timed.cpu - store_cpu)
        for article in pending:  # as ingest: clustering marks wire copies
            if article.syndication:
                timed.put_article(article)
        timed.finish_run(run_id, {"articles": len(chunk)})
        runs += 1

    chunk: list[tuple[Article, np.ndarray]] = []
    t_start, c_start = time.perf_counter(), time.process_time()
    for i, (article, vector, story) in enumerate(_stream(size, dim, rate, story_size, seed)):
        outlet = f"outlet{i % 200:03d}.example"
        article.url = f"https://{outlet}/{article.id}"
        article.source = Source(domain=outlet, name=outlet)
        article.text = _body(i, text_words)
        planted[article.id] = story
        chunk.append((article, vector))
        if len(chunk) == batch or i == size - 1:
            t0, c0 = time.perf_counter(), time.process_time()
            cw, sw = cluster_wall, timed.seconds
            ingest_run(chunk)
            wall += time.perf_counter() - t0
            cpu += time.process_time() - c0
            last_run = (time.perf_counter() - t0, cluster_wall - cw, timed.seconds - sw, len(chunk))
            if progress and (runs % 10 == 0 or i == size - 1):
                print(
                    f"bench scaling: {i + 1:,} articles, last run {last_run[0]:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )
            chunk = []
    total_wall, total_cpu = time.perf_counter() - t_start, time.process_time() - c_start
    grown = _rss_bytes() - base_rss
    # the check: exactly ``size`` articles, each in exactly one story
    members = [aid for s in store.stories() for aid in s.article_ids]
    label = {aid: sid for s in store.stories() for sid in [s.id] for aid in s.article_ids}
    stored = store.count_articles()
    unclustered = len(store.unclustered_articles())
    disk = _disk_bytes(url)
    store.close()
    ids = sorted(planted)
    precision, recall, f1 = bcubed([str(planted[a]) for a in ids], [label.get(a, "none:" + a) for a in ids])
    store_wall = timed.seconds
    return {
        "articles": size,
        "ingest_runs": runs,
        "seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "us_per_article": round(1e6 * wall / size, 1),
        "cluster_us_per_article": round(1e6 * cluster_wall / size, 1),
        "store_us_per_article": round(1e6 * store_wall / size, 1),
        "cluster_cpu_us_per_article": round(1e6 * cluster_cpu / size, 1),
        "store_client_cpu_us_per_article": round(1e6 * timed.cpu / size, 1),
        "store_articles_per_s": round(size / store_wall, 1) if store_wall else None,
        "last_run_us_per_article": round(1e6 * last_run[0] / last_run[3], 1),
        "last_run_cluster_us_per_article": round(1e6 * last_run[1] / last_run[3], 1),
        "last_run_store_us_per_article": round(1e6 * last_run[2] / last_run[3], 1),
        "stream_seconds": round(total_wall - wall, 2),
        "stream_cpu_seconds": round(total_cpu - cpu, 2),
        "rss_growth_bytes_per_article": round(grown / size, 1),
        "disk_bytes": disk,
        "disk_bytes_per_article": round(disk / size, 1) if disk is not None else None,
        "stored_articles": stored,
        "articles_in_stories": len(members),
        "distinct_articles_in_stories": len(set(members)),
        "unclustered_articles": unclustered,
        "stories": len(set(label.values())),
        "planted_stories": len(set(planted.values())),
        "bcubed_f1_vs_planted": round(f1, 4),
    }


def _database_url(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


class _Databases:
    """One empty store per size: a SQLite file in a temp dir, a database on a throwaway PostgreSQL
    server, or a database created beside ``--db`` (and dropped after)."""

    def __init__(self, kind: str, db: str | None) -> None:
        self.kind, self.db = kind, db
        self.server: Any = None
        self.tmp: str | None = None
        self.created: list[str] = []
        if kind == "sqlite":
            if db:
                raise UsageError("--db is for --store postgres; the SQLite variant uses a temporary file")
            self.tmp = tempfile.mkdtemp(prefix="newsprism-bench-")
        elif db is None:
            from newsprism.benchmark.pgserver import PgServerError, start_server

            try:
                self.server = start_server()
            except PgServerError as exc:
                raise UsageError(
                    f"bench scaling --store postgres needs a server: {exc}; or pass --db URL"
                ) from None
        elif not db.startswith(("postgresql://", "postgres://")):
            raise UsageError(f"--db must be a postgresql:// URL, not {db!r}")

    def new(self, size: int) -> str:
        if self.kind == "sqlite":
            assert self.tmp is not None
            return f"sqlite:///{Path(self.tmp) / f'scaling-{size}.db'}"
        if self.server is not None:
            return str(self.server.new_database())
        import psycopg

        assert self.db is not None
        name = f"newsprism_bench_{size}_{os.getpid()}"

        def first_line(exc: Exception) -> str:
            text = str(exc).strip()
            return text.splitlines()[0] if text else type(exc).__name__

        try:
            conn = psycopg.connect(self.db, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise UsageError(f"cannot connect to the --db server: {first_line(exc)}") from None
        with conn:
            try:
                conn.execute(f"CREATE DATABASE {name}")
            except psycopg.Error as exc:
                raise UsageError(
                    f"cannot create the bench database {name} on the --db server (the role needs CREATEDB):"
                    f" {first_line(exc)}"
                ) from None
        self.created.append(name)
        return _database_url(self.db, name)

    def close(self) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
        if self.server is not None:
            from newsprism.benchmark.pgserver import stop_server

            stop_server(self.server)
        if self.created and self.db:
            import psycopg

            with psycopg.connect(self.db, autocommit=True) as conn:
                for name in self.created:
                    conn.execute(f"DROP DATABASE IF EXISTS {name}")


_STORES = ("none", "sqlite", "postgres")


def run(
    sizes: tuple[int, ...] | list[int] | None = None,
    *,
    dim: int = 512,
    rate: float = 2000.0,
    story_size: float = 8.0,
    seed: int = 1,
    store: str | None = None,
    db: str | None = None,
    batch: int = 1000,
    text_words: int = 120,
    progress: bool = False,
    **_: Any,
) -> dict[str, Any]:
    """Time and memory per article at each size (each size in a fresh process); with ``store``
    (``sqlite`` or ``postgres``), through the store as ingest does."""
    kind = store or "none"
    if kind == "postgresql":
        kind = "postgres"
    if kind not in _STORES:
        raise UsageError(f"unknown store {store!r} for bench scaling; choose sqlite or postgres")
    if db and kind == "none":
        kind = "postgres"
    if sizes is None:  # with a store, 1M takes hours on a small machine: see the module docstring
        sizes = (10_000, 100_000, 1_000_000) if kind == "none" else (10_000, 100_000)
    results = []
    context = multiprocessing.get_context("spawn")
    databases = _Databases(kind, db) if kind != "none" else None
    try:
        for size in sizes:
            with context.Pool(1) as pool:
                if databases is None:
                    results.append(pool.apply(_one, (int(size), dim, rate, story_size, seed)))
                else:
                    url = databases.new(int(size))
                    args = (int(size), dim, rate, story_size, seed, url, batch, text_words, progress)
                    results.append(pool.apply(_one_store, args))
    finally:
        if databases is not None:
            databases.close()
    key = "cpu_us_per_article" if kind == "none" else "us_per_article"
    base = results[0][key] if results else 0.0
    for r in results:  # the no-store variant compares CPU time: what the clusterer costs, whatever the load
        r[f"{'cpu_' if kind == 'none' else ''}time_ratio_to_smallest"] = (
            round(r[key] / base, 3) if base else None
        )
    out: dict[str, Any] = {
        "benchmark": "scaling",
        "store": kind,
        "dim": dim,
        "articles_per_day": rate,
        "mean_story_size": story_size,
        "window_days": StoryClusterer().window_days,
    }
    if kind != "none":
        out["articles_per_ingest_run"] = batch
        out["body_words"] = text_words
    out["sizes"] = results
    out["goal"] = (
        "time per article at the largest size <= 1.5 x at the smallest; <= 2048 bytes per article beyond vectors"
    )
    return out


__all__ = ["run"]
