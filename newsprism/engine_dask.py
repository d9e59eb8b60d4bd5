"""The Dask engine (``--engine dask``): the per-document stages run on the workers of a Dask cluster.

``DaskEngine(scheduler="tcp://host:8786")`` connects to a running scheduler; without an address it
starts a ``LocalCluster`` of worker processes on 127.0.0.1 (one thread each, no dashboard) that lives
as long as the engine. Every task is submitted with retries, and a task whose worker dies is rerun by
the scheduler on another worker, so a killed worker loses nothing. At most ``window`` tasks are in
flight; results come back in input order, so the client stores and clusters them deterministically.

The engine is *partitioned*: :func:`newsprism.pipeline.ingest` sends it whole partitions (a shard of a
WARC file, a shard of a directory's files, a batch of fetched documents: see
:mod:`newsprism.partition`), read and processed on the worker. Workers therefore need the input files
at the same paths (a shared filesystem), or inputs that are URLs.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newsprism.errors import EngineError

CONNECT_TIMEOUT = 4.0  # seconds; with imports, an unreachable scheduler is reported within 10 s
RETRIES = 2


class DaskEngine:
    """Maps a picklable function over items on a Dask cluster, results in input order."""

    name = "dask"
    partitioned = True  # ingest sends it partitions read on the workers

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int = 0,
        *,
        window: int = 0,
        retries: int = RETRIES,
        timeout: float = CONNECT_TIMEOUT,
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # the optional extra is missing
            raise EngineError(
                f"the dask engine needs the 'dask' extra: pip install 'newsprism[dask]' ({exc})"
            ) from None
        self.scheduler = scheduler
        self.retries = retries
        self._cluster: Any = None
        self._client: Any = None
        if scheduler:
            check_scheduler(scheduler, timeout)
            try:
                self._client = Client(scheduler, timeout=f"{timeout}s", set_as_default=False)
            except Exception as exc:  # the scheduler went away between the check and the connection
                raise EngineError(
                    f"cannot connect to the Dask scheduler at {scheduler}: {_short(exc)}"
                ) from None
        else:
            try:
                self._cluster = LocalCluster(
                    n_workers=workers or 2,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    # no dashboard; the scheduler's HTTP endpoints on a free local port, not 8787 (which
                    # another cluster on this machine may hold)
                    scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
                )
                self._client = Client(self._cluster, timeout=f"{timeout}s", set_as_default=False)
            except Exception as exc:  # whatever distributed raises while starting processes
                self.close()
                raise EngineError(f"cannot start a local Dask cluster: {_short(exc)}") from None
        self.workers = max(
            1, len(self._client.scheduler_info(n_workers=-1).get("workers", {})) or workers or 2
        )
        self.window = window or self.workers * 4

    @property
    def client(self) -> Any:
        """The ``distributed.Client`` (for tests and tools; stages never see it)."""
        if self._client is None:
            raise EngineError("the Dask engine is closed")
        return self._client

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        """``fn(item)`` for every item, run on the workers; yields results in input order."""
        client = self.client
        pending: deque[Any] = deque()
        try:
            for item in items:
                pending.append(client.submit(fn, item, pure=False, retries=self.retries))
                if len(pending) >= self.window:
                    yield self._result(pending.popleft())
            while pending:
                yield self._result(pending.popleft())
        finally:
            for future in pending:  # the consumer stopped early, or a task failed for good
                future.cancel()

    def _result(self, future: Any) -> Any:
        try:
            return future.result()
        except EngineError:
            raise
        except Exception as exc:
            # KilledWorker (a task that took down its worker every time it ran), a lost scheduler, or a
            # bug in a stage that escaped its own guard after every retry
            raise EngineError(f"a Dask task failed after {self.retries} retries: {_short(exc)}") from exc

    def close(self) -> None:
        client, cluster = self._client, self._cluster
        self._client = self._cluster = None
        # closing a cluster logs the workers it stops; that is expected, not an error to show
        quiet = logging.getLogger("distributed")
        level = quiet.level
        quiet.setLevel(logging.CRITICAL)
        try:
            if client is not None:
                client.close()
            if cluster is not None:
                cluster.close()
        except Exception:  # a cluster already gone: nothing left to release
            pass
        finally:
            quiet.setLevel(level)

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_scheduler(address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """Raise :class:`EngineError` unless a Dask scheduler answers at ``address`` within ``timeout`` s.

    Checked with one ``identity`` call before a ``Client`` is made: a Client pointed at a dead address
    or at a port where another service answers can block (or fail obscurely) for longer than that.
    """
    box: dict[str, Any] = {}

    def probe() -> None:
        try:
            box["identity"] = asyncio.run(asyncio.wait_for(_identity(address, timeout), timeout))
        except BaseException as exc:  # reported below, whatever the comm layer raised
            box["error"] = exc

    thread = threading.Thread(target=probe, name="newsprism-dask-probe", daemon=True)
    thread.start()
    thread.join(timeout + 1.0)
    identity = box.get("identity")
    if isinstance(identity, dict) and identity.get("type") == "Scheduler":
        return
    error = box.get("error")
    if error is None and thread.is_alive():
        error = TimeoutError(f"no answer after {timeout:g} s")
    if isinstance(error, (OSError, TimeoutError)):
        raise EngineError(
            f"cannot reach the Dask scheduler at {address} within {timeout:g} s ({_short(error)}); "
            "check the address and that `dask scheduler` is running there"
        )
    raise EngineError(
        f"{address} answered, but not as a Dask scheduler"
        + (f" ({_short(error)})" if error is not None else f" (it says it is {identity!r:.80})")
        + "; check the host and port"
    )


async def _identity(address: str, timeout: float) -> Any:
    from distributed.comm import connect
    from distributed.security import Security

    # the TLS settings of Dask's configuration, as the Client will use them (nothing for tcp://)
    comm = await connect(address, timeout=timeout, **Security().get_connection_args("client"))
    try:
        await comm.write({"op": "identity", "reply": True})
        return await comm.read()
    finally:
        await comm.close()


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


__all__ = ["DaskEngine", "CONNECT_TIMEOUT", "check_scheduler"]
