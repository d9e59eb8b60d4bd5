"""Partitioned ingest: inputs cut into partitions that workers read and process whole (the Dask engine).

    client:  plan_partitions(inputs) ─► engine.map(run_partition) ─► (raw, article) in input order
    worker:  read the partition ─► extract ─► analyze ─► results

A partition is one of

* ``warc``: a shard of the HTML responses of one WARC file, named by record offsets. The client scans
  the file's record headers (cheap: no page is decoded) and leaves out records already done; the worker
  seeks to each offset and reads the record itself.
* ``files``: a shard of single-page files (HTML, text, gzip) of a directory, glob or argument list,
  read on the worker. Files already done (same path, size and mtime) are left out by the client.
* ``documents``: documents the client read itself, shipped in a batch: URLs and feeds (fetched by the
  client's polite fetcher), JSON and JSONL files (whose records are resumed one by one), stdin.

Workers read ``warc`` and ``files`` partitions from the paths the client saw, so the inputs must be on a
filesystem the workers share (or be URLs). Input keys are the same as those of
:class:`~newsprism.sources.DocumentSource`, so runs of either engine resume each other's work.
"""

from __future__ import annotations

import glob
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from newsprism.config import Settings
from newsprism.records import Article, RawDocument, Skip
from newsprism.sources import DocumentSource, _walk, sniff
from newsprism.urls import is_url

if TYPE_CHECKING:
    from newsprism.engine import Engine
    from newsprism.pipeline import Processed, RunReport
    from newsprism.progress import Progress
    from newsprism.store import Store

SHARD_SIZE = 32  # documents per partition: enough to amortise a task, few enough to spread the work
_HEAD = 65536


@dataclass
class Partition:
    """What one task reads: see the module docstring for the three kinds."""

    kind: str  # warc | files | documents
    label: str  # named in messages: the WARC path, the first file …
    path: str | None = None  # warc: the file as given
    key: str | None = None  # warc: the file's input key; a record's key is f"{key}#{offset}"
    offsets: list[int] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    documents: list[RawDocument] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.offsets) + len(self.files) + len(self.documents)


@dataclass
class PartitionTask:
    partition: Partition
    settings: dict[str, Any]
    analyze: bool
    embed: str | None = None  # embed the articles with this model too (the model clustering will likely use)


@dataclass
class Outcome:
    """One document of a partition, processed: ``raw`` is None for a document that could not be read."""

    raw: RawDocument | None
    result: Processed
    vector: np.ndarray | None = None


# --------------------------------------------------------------------------------------------- client


def file_key(path: str) -> str:
    """The input key of a single-document file, exactly as :class:`DocumentSource` makes it."""
    st = os.stat(path)
    return f"file:{os.path.abspath(path)}:{st.st_size}:{st.st_mtime_ns}"


def plan_partitions(
    inputs: Iterable[str], source: DocumentSource, *, shard_size: int = SHARD_SIZE
) -> Iterator[Partition | Skip]:
    """Cut ``inputs`` into partitions, in input order; what cannot be read becomes a Skip.

    ``source.is_done`` leaves out documents already stored (counted in ``source.already_done``).
    """
    batch: Partition | None = None

    def flush() -> Iterator[Partition]:
        nonlocal batch
        if batch is not None and len(batch):
            yield batch
        batch = None

    for spec in inputs:
        paths = _local_files(spec)
        if paths is None:  # URL, feed, stdin, or nothing there: the client reads it
            for item in source.iter_documents([spec]):
                if isinstance(item, Skip):
                    yield item
                    continue
                if batch is None or batch.kind != "documents":
                    yield from flush()
                    batch = Partition("documents", label=spec)
                batch.documents.append(item)
                if len(batch) >= shard_size:
                    yield from flush()
            continue
        if not paths:
            what = "directory holds no files" if os.path.isdir(spec) else "no file matches this pattern"
            yield Skip(spec, what, "read")
            continue
        for path in paths:
            try:
                kind = _file_kind(path)
                if kind == "warc":
                    yield from flush()
                    yield from _warc_partitions(path, source, shard_size)
                elif kind == "single":
                    key = file_key(path)
                    if source.is_done(key):
                        source.already_done += 1
                        continue
                    if batch is None or batch.kind != "files":
                        yield from flush()
                        batch = Partition("files", label=path)
                    batch.files.append(path)
                    if len(batch) >= shard_size:
                        yield from flush()
                else:  # JSON(L), feeds, OPML: records resumed one by one, read here
                    for item in source.iter_documents([path]):
                        if isinstance(item, Skip):
                            yield item
                            continue
                        if batch is None or batch.kind != "documents":
                            yield from flush()
                            batch = Partition("documents", label=path)
                        batch.documents.append(item)
                        if len(batch) >= shard_size:
                            yield from flush()
            except OSError as exc:
                yield Skip(path, f"cannot read: {exc.strerror or exc}", "read")
    yield from flush()


def _local_files(spec: str) -> list[str] | None:
    """The files an INPUT names when it is a local file, directory or glob; None for anything else."""
    if spec == "-" or is_url(spec):
        return None
    if os.path.isdir(spec):
        return list(_walk(spec))
    if os.path.exists(spec):
        return [spec]
    if glob.has_magic(spec):
        return sorted(p for p in glob.glob(spec, recursive=True) if os.path.isfile(p))
    return None


def _file_kind(path: str) -> str:
    """``warc``, ``single`` (one page or text, maybe gzipped) or ``records`` (JSON, JSONL, feed, OPML)."""
    with open(path, "rb") as fh:
        head = fh.read(_HEAD)
    kind = sniff(head)
    if kind == "warc":
        return "warc"
    if kind in ("json", "jsonl", "feed", "opml"):
        return "records"
    return "single"  # html, text, and gzip / binary / empty, which the worker reads or reports


def _warc_partitions(path: str, source: DocumentSource, shard_size: int) -> Iterator[Partition | Skip]:
    key = file_key(path)
    part = Partition("warc", label=path, path=path, key=key)
    for item in scan_warc(path):
        if isinstance(item, Skip):
            if len(part):
                yield part
                part = Partition("warc", label=path, path=path, key=key)
            yield item
            continue
        if source.is_done(f"{key}#{item}"):
            source.already_done += 1
            continue
        part.offsets.append(item)
        if len(part) >= shard_size:
            yield part
            part = Partition("warc", label=path, path=path, key=key)
    if len(part):
        yield part


def scan_warc(path: str) -> Iterator[int | Skip]:
    """Offsets of the HTML responses (status 200) of a WARC file, from the record headers only.

    A broken record ends the scan with one Skip, as :func:`newsprism.warc.iter_warc` does.
    """
    from warcio.archiveiterator import ArchiveIterator

    from newsprism.warc import check_end, check_record_type, is_html_response

    n = 0
    with open(path, "rb") as fh:
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
                check_record_type(record)
                if record.rec_type != "response":
                    continue
                offset = iterator.get_record_offset()  # skips the payload without decoding it
                n += 1
                if is_html_response(record):
                    yield offset
            check_end(iterator, path)
        except Exception as exc:  # warcio raises many kinds on a broken record: this is the boundary
            yield Skip(path, f"broken WARC record after {n} responses: {exc}", "read")


# --------------------------------------------------------------------------------------------- worker


def read_warc_records(
    path: str, key: str, offsets: list[int], *, max_bytes: int
) -> Iterator[RawDocument | Skip]:
    """The records of ``path`` at ``offsets`` as RawDocuments (the same as ``iter_warc`` yields)."""
    from warcio.archiveiterator import ArchiveIterator

    from newsprism.warc import read_payload, response_document

    with open(path, "rb") as fh:
        for offset in offsets:
            try:
                fh.seek(offset)
                record = next(iter(ArchiveIterator(fh)))
                content = read_payload(record, max_bytes)
            except Exception as exc:  # warcio's many errors on a broken record: this is the boundary
                yield Skip(f"{path}#{offset}", f"broken WARC record: {exc}", "read")
                continue
            doc = response_document(record, content, path=path, offset=offset, max_bytes=max_bytes)
            if isinstance(doc, RawDocument):
                doc.meta["input_key"] = f"{key}#{offset}"
            yield doc


def _documents(part: Partition, settings: Settings) -> Iterator[RawDocument | Skip]:
    if part.kind == "warc":
        assert part.path is not None and part.key is not None
        yield from read_warc_records(
            part.path, part.key, part.offsets, max_bytes=int(settings["input.max_bytes"])
        )
    elif part.kind == "files":
        source = DocumentSource(settings)
        try:
            yield from source.iter_documents(part.files)
        finally:
            source.close()
    else:
        yield from part.documents


def run_partition(task: PartitionTask) -> list[Outcome]:
    """Read, extract and analyze one partition; never raises for a bad document. Runs on workers."""
    from newsprism.pipeline import Processed, ProcessTask, process

    settings = Settings(task.settings)
    out: list[Outcome] = []
    t0 = time.perf_counter()
    read = 0.0
    for item in _documents(task.partition, settings):
        read += time.perf_counter() - t0
        if isinstance(item, Skip):
            out.append(Outcome(None, Processed(item.input, skip=item)))
        else:
            out.append(Outcome(item, process(ProcessTask(item, task.settings, task.analyze))))
        t0 = time.perf_counter()
    if out:
        out[0].result.seconds["read"] = out[0].result.seconds.get("read", 0.0) + read
    if task.embed:
        _embed(out, task.embed)
    return out


def _embed(out: list[Outcome], model: str) -> None:
    """One batched embedding of the partition's articles; on failure clustering embeds them later."""
    from newsprism.embed import article_text_for_embedding
    from newsprism.embed_engine import EmbedTask, embed_batch

    done = [o for o in out if o.result.article is not None]
    articles = [o.result.article for o in done if o.result.article is not None]
    if not articles:
        return
    t0 = time.perf_counter()
    matrix = embed_batch(
        EmbedTask(model, [article_text_for_embedding(a) for a in articles], [a.language for a in articles])
    )
    if matrix is not None and len(matrix) == len(done):
        for outcome, row in zip(done, matrix, strict=True):
            outcome.vector = row
    done[0].result.seconds["embed"] = done[0].result.seconds.get("embed", 0.0) + time.perf_counter() - t0


# --------------------------------------------------------------------------------------------- client


def partitioned_inputs(
    inputs: Iterable[str],
    *,
    settings: Settings | None = None,
    analyze: bool = False,
    engine: Engine,
    fetcher: Any = None,
    store: Store | None = None,
    force: bool = False,
    progress: Progress | None = None,
    report: RunReport | None = None,
    shard_size: int = SHARD_SIZE,
    embed: bool = False,
) -> Iterator[tuple[RawDocument, Article]]:
    """What :func:`newsprism.pipeline.process_inputs` does, one partition per task.

    Yields ``(raw, article)`` in input order and fills ``report.skips``. With ``embed`` (and a store),
    the workers also embed each partition with the store's model (USE for a new store) and the vectors go
    to the store's cache, overlapping embedding with extraction; if clustering then picks another model
    (a new store whose articles are in a language USE does not cover), it embeds them again.
    """
    from newsprism.embed import use_covers
    from newsprism.pipeline import RunReport, _skip, validator_cache_path
    from newsprism.store.state import has_clusterer
    from newsprism.stories import chosen_model

    settings = settings or Settings()
    report = report if report is not None else RunReport()
    is_done = None if (store is None or force) else store.is_done
    source = DocumentSource(
        settings,
        fetcher=fetcher,
        is_done=is_done,
        mark_done=store.mark_done if store is not None else None,
        cache_path=validator_cache_path(settings, store),
    )
    planned: deque[Partition] = deque()
    chosen = chosen_model(settings)
    model = likely_model(store, chosen) if (embed and store is not None) else None
    # a new store's automatic model is only a guess (USE): one article in a language USE does not cover
    # turns the automatic choice to e5, and then embedding more partitions with USE would be wasted
    guessing = model is not None and store is not None and not chosen and not has_clusterer(store)

    def tasks() -> Iterator[PartitionTask]:
        for item in plan_partitions(inputs, source, shard_size=shard_size):
            if isinstance(item, Skip):
                _skip(item, report, progress, store)
                continue
            planned.append(item)
            yield PartitionTask(item, dict(settings), analyze, model)  # model read when each task is made

    try:
        for outcomes in engine.map(run_partition, tasks()):
            planned.popleft()
            vectors = {
                o.result.article.id: o.vector for o in outcomes if o.vector is not None and o.result.article
            }
            if vectors and store is not None and model:
                store.put_vectors(model, vectors)
            if guessing and not use_covers(o.result.article.language for o in outcomes if o.result.article):
                model = None
            for outcome in outcomes:
                result = outcome.result
                for stage, secs in result.seconds.items():
                    report.stage_seconds[stage] = report.stage_seconds.get(stage, 0.0) + secs
                if result.skip is not None:
                    _skip(result.skip, report, progress, store)
                    continue
                assert outcome.raw is not None and result.article is not None
                yield outcome.raw, result.article
    finally:
        report.already_done += source.already_done
        source.close()


def likely_model(store: Store, chosen: str | None = None) -> str:
    """The model clustering will most likely use: the store's (fixed by its first clustering), else the
    one ``chosen`` by the ``embed.model`` setting, else USE."""
    from newsprism.embed import USEEmbedder
    from newsprism.store.state import stored_model

    return stored_model(store) or chosen or USEEmbedder.name


__all__ = [
    "Partition",
    "PartitionTask",
    "Outcome",
    "plan_partitions",
    "scan_warc",
    "read_warc_records",
    "run_partition",
    "partitioned_inputs",
    "file_key",
]
