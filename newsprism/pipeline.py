"""The library functions behind the commands: extract, analyze and ingest a set of inputs.

    inputs ─► sources (read / fetch) ─► engine.map(process: extract → analyze) ─► store ─► stories

Reading and storing happen in this process; the per-document work runs on the engine. One bad
document becomes a recorded :class:`~newsprism.records.Skip` and the run goes on.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.config import Settings
from newsprism.dates import now_iso
from newsprism.engine import Engine, InlineEngine
from newsprism.errors import NewsprismError
from newsprism.extract import extract
from newsprism.progress import Progress
from newsprism.records import Article, RawDocument, Skip, Story
from newsprism.sources import DocumentSource, reason_of
from newsprism.store import Store

_ANALYZER: Any = None


@dataclass
class Processed:
    """What a worker sends back for one raw document."""

    origin: str
    article: Article | None = None
    skip: Skip | None = None
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class ProcessTask:
    raw: RawDocument
    settings: dict[str, Any]
    analyze: bool


def process(task: ProcessTask) -> Processed:
    """extract (+ analyze) one document; never raises for a bad document. Runs on engine workers."""
    global _ANALYZER
    raw = task.raw
    out = Processed(raw.origin)
    t0 = time.perf_counter()
    try:
        article = extract(raw, Settings(task.settings))
    except NewsprismError as exc:
        out.skip = Skip(raw.origin, reason_of(exc, raw.origin), "extract")
        return out
    except Exception as exc:  # a bug or a library failure on odd input: never sink the batch
        out.skip = Skip(raw.origin, f"extraction failed ({type(exc).__name__}: {exc})", "extract")
        return out
    out.seconds["extract"] = time.perf_counter() - t0
    if task.analyze:
        t1 = time.perf_counter()
        try:
            if _ANALYZER is None:
                from newsprism.analyze import Analyzer

                _ANALYZER = Analyzer()
            article = _ANALYZER(article)
        except Exception as exc:  # keep the article, say what is missing
            article.warnings.append(f"analysis failed: {type(exc).__name__}: {exc}")
        out.seconds["analyze"] = time.perf_counter() - t1
    out.article = article
    return out


@dataclass
class RunReport:
    """What a run did; ``skips`` name every input that was not turned into an article."""

    run_id: str | None = None
    articles: list[Article] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    already_done: int = 0
    skips: list[Skip] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return 1 if self.skips else 0

    def stats(self) -> dict[str, Any]:
        return {
            "articles": len(self.articles),
            "created": self.created,
            "updated": self.updated,
            "already_done": self.already_done,
            "skipped": len(self.skips),
            "stories": len(self.stories),
            "seconds": round(self.seconds, 3),
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
        }


def process_inputs(
    inputs: Iterable[str],
    *,
    settings: Settings | None = None,
    analyze: bool = False,
    engine: Engine | None = None,
    fetcher: Any = None,
    store: Store | None = None,
    force: bool = False,
    progress: Progress | None = None,
    report: RunReport | None = None,
) -> Iterator[tuple[RawDocument, Article]]:
    """Read, extract (and analyze) every input; yields ``(raw, article)`` and fills ``report.skips``."""
    settings = settings or Settings()
    report = report if report is not None else RunReport()
    # a library call runs inline unless given an engine (a process pool needs the caller's main guard)
    own_engine = engine is None
    engine = engine or InlineEngine()
    is_done = None if (store is None or force) else store.is_done
    source = DocumentSource(
        settings,
        fetcher=fetcher,
        is_done=is_done,
        mark_done=store.mark_done if store is not None else None,
        cache_path=validator_cache_path(settings, store),
    )
    in_flight: deque[RawDocument] = deque()  # the engine yields results in input order

    def tasks() -> Iterator[ProcessTask]:
        for item in source.iter_documents(inputs):
            if isinstance(item, Skip):
                _skip(item, report, progress, store)
                continue
            in_flight.append(item)
            yield ProcessTask(item, dict(settings), analyze)

    try:
        for result in engine.map(process, tasks()):
            raw = in_flight.popleft()
            for stage, secs in result.seconds.items():
                report.stage_seconds[stage] = report.stage_seconds.get(stage, 0.0) + secs
            if result.skip is not None:
                _skip(result.skip, report, progress, store)
                continue
            assert result.article is not None
            yield raw, result.article
    finally:
        report.already_done += source.already_done
        source.close()
        if own_engine:
            engine.close()


def validator_cache_path(settings: Settings, store: Store | None) -> Path | None:
    """Where conditional-GET validators live: ``fetch.cache_dir``, else beside a SQLite store, else in
    the user's data directory (one file per store URL)."""
    if settings["fetch.cache_dir"]:
        return Path(settings["fetch.cache_dir"]) / "fetch-validators.sqlite3"
    if store is None:
        return None
    path = getattr(store, "path", None)
    if path is not None:
        return Path(path).with_name(Path(path).name + ".fetch-validators.sqlite3")
    from newsprism.records import sha1
    from newsprism.store import default_store_url

    data_dir = Path(default_store_url().removeprefix("sqlite:///")).parent
    return data_dir / f"fetch-validators-{sha1(store.url)[:12]}.sqlite3"


def _skip(skip: Skip, report: RunReport, progress: Progress | None, store: Store | None) -> None:
    report.skips.append(skip)
    if progress is not None:
        progress.skip(skip)
    if store is not None:
        store.record_skip(skip, report.run_id)


def extract_inputs(inputs: Iterable[str], *, analyze: bool = False, **kwargs: Any) -> RunReport:
    """Extract (and optionally analyze) without a store: the ``extract`` and ``analyze`` commands."""
    report = RunReport()
    t0 = time.perf_counter()
    for _, article in process_inputs(inputs, analyze=analyze, report=report, **kwargs):
        report.articles.append(article)
        if kwargs.get("progress") is not None:
            kwargs["progress"].article(article.title or article.id)
    name_outlets(report.articles)
    report.seconds = time.perf_counter() - t0
    return report


def name_outlets(articles: Iterable[Article]) -> None:
    """An article that knows only its outlet's domain takes the name another article of the same domain
    gives (a feed record of ``harborledger.example`` is by "The Harbor Ledger" when one of its pages says
    so); a domain given two names keeps each article's own."""
    articles = list(articles)
    names: dict[str, set[str]] = {}
    for a in articles:
        if a.source.domain and a.source.name:
            names.setdefault(a.source.domain.lower(), set()).add(a.source.name)
    for a in articles:
        known = names.get((a.source.domain or "").lower())
        if not a.source.name and known and len(known) == 1:
            a.source.name = next(iter(known))


def ingest(
    inputs: list[str],
    store: Store,
    *,
    settings: Settings | None = None,
    engine: Engine | None = None,
    fetcher: Any = None,
    analyze: bool = True,
    cluster: bool = True,
    compare: bool = True,
    force: bool = False,
    progress: Progress | None = None,
) -> RunReport:
    """Ingest ``inputs`` into ``store``: every article written atomically with its input marked done.

    A run killed at any moment leaves a consistent store; running it again skips what is done and
    finishes the job. Stories are updated from the new and changed articles at the end.
    """
    settings = settings or Settings()
    model: str | None = None  # the embed.model setting: None lets the store (or the first articles) choose
    if cluster:
        from newsprism.stories import check_store_model, chosen_model, cluster_params

        cluster_params(settings)  # a bad cluster.* or embed.model setting fails before any page is read
        model = chosen_model(settings)
        check_store_model(store, model)
    report = RunReport(run_id=store.start_run(list(inputs)))
    t0 = time.perf_counter()
    stream: Any = process_inputs
    partitioned: dict[str, Any] = {}
    if engine is not None and getattr(engine, "partitioned", False):
        # a cluster engine: workers read whole partitions (WARC shards, file shards) and embed them
        from newsprism.partition import partitioned_inputs

        stream, partitioned = partitioned_inputs, {"embed": cluster}
    streamed = StreamEmbedding.start(engine, store, model) if cluster and not partitioned else None
    for raw, article in stream(
        inputs,
        settings=settings,
        analyze=analyze,
        engine=engine,
        fetcher=fetcher,
        store=store,
        force=force,
        progress=progress,
        report=report,
        **partitioned,
    ):
        article.ingested = article.ingested or now_iso()
        t_store = time.perf_counter()
        result = store.put_article(
            article, raw=raw.content if raw.kind != "json" else None, input_key=raw.meta.get("input_key")
        )
        report.stage_seconds["store"] = report.stage_seconds.get("store", 0.0) + time.perf_counter() - t_store
        report.created += result.created
        report.updated += not result.created
        report.articles.append(article)
        if streamed is not None and result.created:
            streamed.add(article)
        if progress is not None:
            progress.article(article.title or article.id)
    if cluster and getattr(engine, "workers", 1) > 1:  # embed on the workers, not in the client
        from newsprism.embed_engine import embed_on_engine

        t_embed = time.perf_counter()
        if streamed is not None:
            streamed.finish()
        # what streaming left out (a batch that failed, another model chosen, older unclustered articles)
        embed_on_engine(engine, store, store.unclustered_articles(), model=model)  # type: ignore[arg-type]
        report.stage_seconds["embed"] = report.stage_seconds.get("embed", 0.0) + time.perf_counter() - t_embed
    name_outlets(report.articles)  # for the run's summary
    if cluster:
        group_and_compare(store, report, compare=compare, progress=progress, engine=engine, settings=settings)
    report.seconds = time.perf_counter() - t0
    store.finish_run(report.run_id or "", report.stats())
    return report


class StreamEmbedding:
    """Embeds the articles ingest stores on the local engine's workers while they extract the next pages.

    Clustering needs a vector per new article. Embedded after extraction, the client waits for that pass
    with both workers busy and then idle in turn; here every ``batch`` newly stored articles become one
    embedding task queued behind the extraction tasks in flight, so embedding fills the workers' gaps and
    only the last few articles are embedded once extraction is over (split over the workers). The vectors
    go to the store's cache under the model clustering will most likely use (the store's, else USE, as
    the partitioned engines guess); :func:`ingest` then embeds whatever is still missing, so a failed
    batch or another model chosen at clustering time costs time, never a vector.

    With USE, streaming stops once the languages seen so far are no longer *mostly* covered by it
    (:func:`~newsprism.embed.mostly_covered`, the test the automatic choice applies to a new store's
    articles): from then on the choice may turn to e5, and the last pass embeds the rest with the model
    clustering picks. A stray article USE does not cover is embedded with the others, as that pass would.
    """

    def __init__(self, engine: Any, store: Store, model: str, *, batch: int = 16) -> None:
        self.engine = engine
        self.store = store
        self.model: str | None = model
        self.batch = batch
        self.buffer: list[Article] = []
        self.languages: list[str] = []  # of every article streamed so far
        self.pending: deque[tuple[str, list[str], Any]] = deque()

    @classmethod
    def start(cls, engine: Engine | None, store: Store, model: str | None = None) -> StreamEmbedding | None:
        """A streamer for ``engine`` when it has several workers and takes side tasks, else None;
        ``model``: the one the ``embed.model`` setting names, if any."""
        if engine is None or getattr(engine, "workers", 1) <= 1 or not hasattr(engine, "submit"):
            return None
        from newsprism.partition import likely_model

        return cls(engine, store, likely_model(store, model))

    def add(self, article: Article) -> None:
        """One newly stored article; a full batch is queued on the engine."""
        if self.model is None:
            return
        self.buffer.append(article)
        if len(self.buffer) >= self.batch:
            self._submit(self.buffer)
            self.buffer = []
        self._collect(wait=False)

    def finish(self) -> None:
        """Queue the last articles (split over the workers, idle by now) and store every vector."""
        if self.model is not None and self.buffer:
            workers = max(1, int(getattr(self.engine, "workers", 1)))
            size = -(-len(self.buffer) // workers)
            for start in range(0, len(self.buffer), size):
                self._submit(self.buffer[start : start + size])
        self.buffer = []
        self._collect(wait=True)

    def _submit(self, chunk: list[Article]) -> None:
        from newsprism.embed import USEEmbedder, article_text_for_embedding, mostly_covered
        from newsprism.embed_engine import EmbedTask, embed_batch

        if self.model is None:
            return
        languages = [a.language for a in chunk]
        self.languages.extend(languages)
        if self.model == USEEmbedder.name and not mostly_covered(self.languages):
            self.model = None
            return
        texts = [article_text_for_embedding(a) for a in chunk]
        future = self.engine.submit(embed_batch, EmbedTask(self.model, texts, languages))
        self.pending.append((self.model, [a.id for a in chunk], future))

    def _collect(self, *, wait: bool) -> None:
        while self.pending and (wait or self.pending[0][2].done()):
            model, ids, future = self.pending.popleft()
            try:
                matrix = future.result()
            except Exception:  # noqa: BLE001 - a lost worker: the last pass embeds these (and reports)
                continue
            if matrix is not None and len(matrix) == len(ids):
                self.store.put_vectors(model, dict(zip(ids, matrix, strict=True)))


def group_and_compare(
    store: Store,
    report: RunReport,
    *,
    compare: bool = True,
    progress: Progress | None = None,
    engine: Engine | None = None,
    settings: Settings | None = None,
) -> None:
    """Group every article not yet in a story (this run's, and any a killed run left), then compare
    the stories that changed and store their comparison. ``settings`` give the clusterer's thresholds
    (``cluster.*``); without them the store's clusterer keeps its own.

    Grouping runs here, in order; the comparisons of stories of two or more articles are independent
    and run on ``engine`` (its workers) when one is given, each stored as it comes back.
    """
    from newsprism.embed import get_embedder
    from newsprism.stories import chosen_model, cluster_params, update_stories

    params = cluster_params(settings)
    model = chosen_model(settings)
    pending = store.unclustered_articles()
    if not pending:
        return
    name_outlets(pending)  # the stories list outlets by name where any article of the domain gives one
    if progress is not None:
        progress.stage("grouping into stories")
    t0 = time.perf_counter()
    embedder = get_embedder(model) if model else None
    report.stories = update_stories(store, pending, params=params, embedder=embedder)
    for article in pending:  # clustering marks wire copies: keep that on the stored article
        if article.syndication:
            store.put_article(article)
    report.stage_seconds["cluster"] = time.perf_counter() - t0
    if compare:
        compare_stories(store, report, progress=progress, engine=engine)


def compare_stories(
    store: Store, report: RunReport, *, progress: Progress | None = None, engine: Engine | None = None
) -> None:
    """Compare the stories of ``report`` that hold two or more articles and store each comparison.

    The comparisons are independent and run on ``engine`` (its workers) when one is given, each stored
    as it comes back; ``report.stories`` gets the compared copies.
    """
    from newsprism.compare.run import compare_task

    if progress is not None:
        progress.stage("comparing outlets")
    t1 = time.perf_counter()
    changed = [story for story in report.stories if len(story.article_ids) >= 2]
    items = ((story, list(store.articles(ids=story.article_ids))) for story in changed)
    by_id = {story.id: i for i, story in enumerate(report.stories)}
    for compared in (engine or InlineEngine()).map(compare_task, items):
        report.stories[by_id[compared.id]] = compared  # a worker's copy comes back: keep it
        store.put_story(compared)
    report.stage_seconds["compare"] = time.perf_counter() - t1
