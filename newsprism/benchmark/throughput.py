"""``newsprism bench throughput [--engine local|dask]``: newsprism's whole ingest next to plain trafilatura.

On the same pages, in one run:

* ``trafilatura_articles_per_s``: ``trafilatura.extract(html)`` page after page, in this process;
* ``articles_per_s``: :func:`newsprism.pipeline.ingest` of the same pages, saved as files, on the engine
  asked for (2 workers): read → extract → language → embed → dedup → cluster → store (SQLite), the
  chain the throughput issue names, without the analysis and without comparing the stories;
* ``with_compare_articles_per_s`` (and its ratio): the same ingest followed by what ``newsprism ingest``
  does next by default, comparing every story of two or more articles on the engine and storing the
  comparison (``stage_seconds.compare``);
* ``analyze_articles_per_s``: the full analysis (sentences, entities, quotes, numbers) of the articles
  that ingest produced, mapped on the same engine.

Pages: the scrapinghub-aeb pages of ``../shared/data`` when present (or ``--data DIR``), else the HTML pages
of the demo corpus (the result says which). Clocks start once the engine's workers are up and their models
loaded (a warm-up ingest of a few pages into a scratch store, then the embedder on every worker, then a
comparison of two warm-up articles on every worker: the warm-up's stories hold one article each, so it
compares none); ``startup_seconds`` says what that cost. ``stage_seconds`` sums
the time of each stage: worker stages (read, extract, embed with the Dask engine, analyze) add up the seconds
of all workers; client stages (store, embed, cluster, compare) are wall time of the client. With the local
engine the workers embed the stored articles in batches while they extract (``StreamEmbedding`` in
:mod:`newsprism.pipeline`), so ``embed`` is only the client's wait for the last batches after extraction;
``cluster`` is dedup and clustering. Nothing here asserts a time.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from newsprism.errors import InputError
from newsprism.records import Article

_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = _ROOT.parent / "shared" / "data" / "scrapinghub-aeb"
WARMUP_PAGES = 4


def find_pages(
    data: str | None = None, n: int | None = None
) -> tuple[list[tuple[str, bytes]], str, str | None]:
    """``[(file name, html bytes)]``, the folder they came from, and a note when it is not the benchmark set."""
    candidates = [Path(data)] if data else []
    candidates.append(DEFAULT_DATA)
    pages: list[tuple[str, bytes]] = []
    source, note = "", None
    for folder in candidates:
        for html_dir in (folder / "html", folder / "scrapinghub-aeb" / "html", folder):
            files = sorted(html_dir.glob("*.html.gz")) if html_dir.is_dir() else []
            if files:
                pages = [(f.name[: -len(".gz")], gzip.decompress(f.read_bytes())) for f in files]
                source = str(html_dir)
                break
        if pages:
            break
    if not pages:
        folder = _ROOT / "examples" / "html"
        files = sorted(folder.glob("*.html")) if folder.is_dir() else []
        if not files:
            raise InputError("no pages to benchmark: neither scrapinghub-aeb nor examples/html was found")
        pages = [(f.name, f.read_bytes()) for f in files]
        source = str(folder)
        note = f"scrapinghub-aeb not found; measured on the {len(files)} HTML pages of the demo corpus"
    return (pages[:n] if n else pages), source, note


def _trafilatura_rate(pages: list[tuple[str, bytes]]) -> tuple[float, float]:
    import trafilatura

    def one(html: bytes) -> None:
        with contextlib.suppress(Exception):  # a page trafilatura fails on still counts as handled
            trafilatura.extract(html)

    one(pages[0][1])  # warm up: imports and lazily built tables, as for newsprism
    start = time.perf_counter()
    for _, html in pages:
        one(html)
    elapsed = time.perf_counter() - start
    return len(pages) / elapsed, elapsed


def warm_embedder(eng: Any, store: Any, articles: list[Article], workers: int) -> None:
    """Load the clustering embedder on every worker: the warm-up ingest embeds its few articles in one
    batch, on one worker only."""
    from newsprism.embed_engine import EmbedTask, clustering_model, embed_batch

    if articles:
        task = EmbedTask(clustering_model(store, articles).name, ["warm-up"], [articles[0].language])
        list(eng.map(embed_batch, [task] * (2 * max(1, workers))))


def warm_compare(eng: Any, articles: list[Article], workers: int) -> None:
    """Compare two articles as one story on every worker: loads the tone model and its embedder there, as
    the first multi-article story of a run would."""
    from newsprism.compare.run import compare_task
    from newsprism.records import Story

    pair = articles[:2]
    if len(pair) == 2:
        story = Story(id="warm-up", title="", article_ids=[a.id for a in pair])
        with contextlib.suppress(Exception):  # a failed warm-up only leaves the loading in the timing
            list(eng.map(compare_task, [(story, pair)] * (2 * max(1, workers))))


def analyze_one(article: Article) -> Article:
    """The full analysis of one article (runs on the engine's workers)."""
    from newsprism.analyze import Analyzer

    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = Analyzer()
    return _ANALYZER(article)  # type: ignore[no-any-return]


_ANALYZER: Any = None


def run(
    data: str | None = None, n: int | None = None, engine: str = "local", workers: int = 2, **_: Any
) -> dict[str, Any]:
    """Articles per second of newsprism's ingest and analysis, of trafilatura, and the ratio (> 1: ours faster)."""
    from newsprism.engine import make_engine
    from newsprism.pipeline import compare_stories, ingest
    from newsprism.store import open_store

    pages, source, note = find_pages(data, n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a library's warning on an odd page is not what is measured
        theirs, theirs_s = _trafilatura_rate(pages)

        with tempfile.TemporaryDirectory(prefix="newsprism-bench-") as tmp:
            pages_dir = Path(tmp) / "pages"
            warm_dir = Path(tmp) / "warmup"
            pages_dir.mkdir()
            warm_dir.mkdir()
            for name, html in pages:
                (pages_dir / name).write_bytes(html)
            for name, html in pages[:WARMUP_PAGES]:
                (warm_dir / name).write_bytes(html)

            t0 = time.perf_counter()
            eng = make_engine(engine, workers=workers)
            try:
                with open_store(os.path.join(tmp, "warmup.db")) as scratch:
                    warm = ingest([str(warm_dir)], scratch, engine=eng, analyze=False)
                    warm_embedder(eng, scratch, warm.articles, workers)
                warm_compare(eng, warm.articles, workers)
                startup = time.perf_counter() - t0

                with open_store(os.path.join(tmp, "bench.db")) as store:
                    t1 = time.perf_counter()
                    report = ingest([str(pages_dir)], store, engine=eng, analyze=False, compare=False)
                    ours_s = time.perf_counter() - t1
                    compare_stories(store, report, engine=eng)  # what `newsprism ingest` does next
                    with_compare_s = time.perf_counter() - t1

                articles = report.articles
                list(
                    eng.map(analyze_one, articles[: 2 * max(1, workers)])
                )  # loads the spaCy pipelines on the workers
                t2 = time.perf_counter()
                analyzed = list(eng.map(analyze_one, articles))
                analyze_s = time.perf_counter() - t2
            finally:
                eng.close()

    ours = len(pages) / ours_s
    stage = {k: round(v, 3) for k, v in sorted(report.stage_seconds.items())}
    stage["analyze"] = round(analyze_s, 3)
    stage["trafilatura"] = round(theirs_s, 3)
    result: dict[str, Any] = {
        "n": len(pages),
        "engine": engine,
        "workers": workers,
        "articles_per_s": round(ours, 2),
        "trafilatura_articles_per_s": round(theirs, 2),
        "ratio_vs_trafilatura": round(ours / theirs, 3),
        "with_compare_articles_per_s": round(len(pages) / with_compare_s, 2),
        "with_compare_ratio_vs_trafilatura": round(len(pages) / with_compare_s / theirs, 3),
        "analyze_articles_per_s": round(len(analyzed) / analyze_s, 2) if analyze_s > 0 else None,
        "ingest_seconds": round(ours_s, 3),
        "startup_seconds": round(startup, 3),
        "articles": len(articles),
        "skipped": len(report.skips),
        "stories": len(report.stories),
        "stage_seconds": stage,
        "trafilatura_processes": 1,
        "data": source,
    }
    if note:
        result["note"] = note
    return result
