"""Where the per-document stages run: inline, in a local process pool, or (``--engine dask``) on a cluster.

Stages know nothing of this: the engine maps one picklable function over a stream of items and
yields the results in input order, holding only a bounded window of items in flight, so a
multi-gigabyte WARC streams through in constant memory.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from newsprism.errors import EngineError, UsageError


class Engine(Protocol):
    name: str

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]: ...

    def close(self) -> None: ...


class InlineEngine:
    """Runs everything in this process (one worker, or tests)."""

    name = "inline"

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            yield fn(item)

    def close(self) -> None:
        pass


class LocalEngine:
    """A pool of worker processes on this machine (spawned, so no thread or model state is forked)."""

    name = "local"

    def __init__(self, workers: int = 0, *, window: int = 0) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.window = window or self.workers * 8
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        pool = self._executor()
        pending: deque[Future[Any]] = deque()
        try:
            for item in items:
                pending.append(pool.submit(fn, item))
                if len(pending) >= self.window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool as exc:
            raise EngineError(
                f"a worker process died ({exc}); in a script, start newsprism runs under "
                "`if __name__ == '__main__':` or use workers=1"
            ) from None

    def submit(self, fn: Callable[[Any], Any], item: Any) -> Future[Any]:
        """``fn(item)`` on a worker, queued behind the tasks already submitted; the caller collects it.

        For side work that overlaps a running :meth:`map` (ingest embeds the articles already stored while
        the workers extract the next pages)."""
        return self._executor().submit(fn, item)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def make_engine(name: str = "local", *, workers: int = 0, scheduler: str | None = None) -> Engine:
    """``local`` (default: a process pool; one worker runs inline) or ``dask``."""
    if name == "local":
        n = workers or os.cpu_count() or 1
        return InlineEngine() if n <= 1 else LocalEngine(n)
    if name == "inline":
        return InlineEngine()
    if name == "dask":
        try:
            from newsprism.engine_dask import DaskEngine
        except ModuleNotFoundError as exc:
            raise EngineError(f"the dask engine is not available: {exc}") from None
        return DaskEngine(scheduler=scheduler, workers=workers)  # type: ignore[no-any-return]
    raise UsageError(f"unknown engine {name!r}: use local or dask")
