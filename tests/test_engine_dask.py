"""The Dask engine on a real LocalCluster: order, partitioned ingest, same stories as the local engine,
a worker or the client killed mid-run (nothing lost, nothing duplicated), an unreachable scheduler."""

from __future__ import annotations

import contextlib
import functools
import json
import operator
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from scriptload import load_script

from newsprism.engine import make_engine
from newsprism.engine_dask import DaskEngine, check_scheduler
from newsprism.errors import EngineError
from newsprism.pipeline import ingest
from newsprism.store import open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.slow


def _make_warc_module():
    return load_script("benchmarks/make_warc.py", register=True)  # its dataclasses look their module up


def _warc(tmp_path: Path, n: int) -> Path:
    path = tmp_path / f"pages-{n}.warc.gz"
    assert _make_warc_module().write_warc(str(path), n, seed=5) == n
    return path


@pytest.fixture(scope="module")
def engine():
    with DaskEngine(workers=2) as eng:
        yield eng


def _stored(db: Path) -> tuple[int, int, int]:
    """(rows, distinct urls, inputs marked done) read straight from the SQLite file."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        con.execute("BEGIN")  # one snapshot for both counts while a run writes
        rows, urls = con.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
        done = con.execute("SELECT count(*) FROM inputs_done").fetchone()[0]
    finally:
        con.close()
    return rows, urls, done


# ------------------------------------------------------------------------------------------- engine


def test_dask_engine_yields_results_in_input_order(engine):
    assert list(engine.map(operator.neg, range(50))) == [-i for i in range(50)]


def test_dask_engine_starts_a_local_cluster_with_the_workers_asked_for(engine):
    assert engine.workers == 2
    assert engine.client.scheduler.address.startswith("tcp://127.0.0.1:")


def test_dask_engine_connects_to_a_running_scheduler_by_address(engine):
    address = engine.client.scheduler.address
    with DaskEngine(scheduler=address) as remote:
        assert remote.workers == 2
        assert list(remote.map(operator.neg, range(10))) == [-i for i in range(10)]


def test_a_task_that_keeps_failing_becomes_an_engine_error(engine):
    with pytest.raises(EngineError, match=r"after 2 retries: ZeroDivisionError"):
        list(engine.map(functools.partial(operator.truediv, 1), [1, 0, 2]))


def test_unreachable_scheduler_is_an_engine_error_naming_the_address():
    with socket.socket() as sock:  # a port nobody listens on once this socket is closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    with pytest.raises(EngineError, match=f"cannot reach the Dask scheduler at {address}"):
        make_engine("dask", scheduler=address)


def test_a_port_that_answers_something_else_is_not_taken_for_a_scheduler():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]

    def answer_garbage() -> None:
        conn, _ = server.accept()
        with conn:
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" * 4)
            time.sleep(0.5)

    thread = threading.Thread(target=answer_garbage, daemon=True)
    thread.start()
    try:
        with pytest.raises(EngineError, match="not as a Dask scheduler"):
            check_scheduler(f"tcp://127.0.0.1:{port}", timeout=3)
    finally:
        thread.join(5)
        server.close()


# ------------------------------------------------------------------------------------------- ingest


def test_dask_ingest_of_a_warc_stores_every_page_once_with_worker_vectors(engine, tmp_path):
    warc = _warc(tmp_path, 60)
    db = tmp_path / "store.db"
    with open_store(str(db)) as store:
        report = ingest([str(warc)], store, engine=engine, analyze=False)
        assert report.skips == []
        assert report.created == 60
        assert report.stage_seconds["embed"] > 0  # embedded on the workers, in batches
        assert len(store.get_vectors("use-m3", [a.id for a in report.articles])) == 60
        assert report.stories
        again = ingest([str(warc)], store, engine=engine, analyze=False)
        assert again.already_done == 60 and again.created == 0
    assert _stored(db)[:2] == (60, 60)


def test_dask_ingest_gives_the_same_stories_and_articles_as_the_local_engine(engine, tmp_path):
    def run(eng, name):
        with open_store(str(tmp_path / f"{name}.db")) as store:
            report = ingest([str(EXAMPLES)], store, engine=eng, analyze=False)
            assert report.skips == []
            stories = sorted(sorted(s.article_ids) for s in store.stories())
            articles = {a.id: (a.title, a.text, a.language, a.published) for a in store.articles()}
        return stories, articles

    local = make_engine("local", workers=2)
    try:
        local_stories, local_articles = run(local, "local")
    finally:
        local.close()
    dask_stories, dask_articles = run(engine, "dask")
    assert len(local_articles) == 17  # one of them a headline only
    assert dask_articles == local_articles
    assert dask_stories == local_stories
    assert any(len(s) > 1 for s in dask_stories)


# ------------------------------------------------------------------------------------------- faults


class _KillOneWorker:
    """A progress sink that SIGKILLs one Dask worker process once ``after`` articles are stored."""

    def __init__(self, engine: DaskEngine, after: int) -> None:
        self.engine, self.after, self.stored = engine, after, 0
        self.killed: int | None = None

    def article(self, title: str) -> None:
        self.stored += 1
        if self.stored == self.after:
            pids = self.engine.client.run(os.getpid)
            self.killed = sorted(pids.values())[0]
            os.kill(self.killed, signal.SIGKILL)

    def skip(self, skip) -> None:
        pass

    def stage(self, name: str) -> None:
        pass


def test_a_worker_killed_mid_run_loses_and_duplicates_no_article(engine, tmp_path):
    n = 240
    warc = _warc(tmp_path, n)
    db = tmp_path / "store.db"
    killer = _KillOneWorker(engine, after=40)
    with open_store(str(db)) as store:
        report = ingest([str(warc)], store, engine=engine, analyze=False, cluster=False, progress=killer)
    assert killer.killed is not None
    assert report.skips == []
    assert report.created == n
    assert _stored(db) == (n, n, n)
    engine.client.wait_for_workers(2, timeout=60)  # the nanny restarted the worker
    assert killer.killed not in engine.client.run(os.getpid).values()


def _ingest_cli(warc: Path, db: Path, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "newsprism", "ingest", str(warc), "--db", str(db), "--engine", "dask"]
    cmd += ["--no-analyze", "--quiet", *extra]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)


def test_the_client_killed_mid_run_resumes_without_loss_or_duplicates(tmp_path):
    n = 200
    warc = _warc(tmp_path, n)
    db = tmp_path / "store.db"
    proc = _ingest_cli(warc, db)
    family: set[psutil.Process] = set()
    stored = 0
    deadline = time.monotonic() + 240
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                family.update(psutil.Process(proc.pid).children(recursive=True))
            except psutil.NoSuchProcess:
                break
            if db.exists():
                try:
                    stored = _stored(db)[0]
                except sqlite3.OperationalError:  # tables not created yet
                    stored = 0
                if stored >= 30:
                    break
            time.sleep(0.2)
        assert proc.poll() is None, "the first run ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    finally:
        for child in family:  # the LocalCluster's nannies and workers the dead client leaves behind
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()
        psutil.wait_procs(list(family), timeout=30)
    first = _stored(db)
    assert 30 <= first[0] < n
    assert first[0] == first[1] == first[2]  # each stored article with its input marked done, once

    rerun = _ingest_cli(warc, db, "--format", "json")
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()
    stats = json.loads(out)
    assert stats["already_done"] == first[0]
    assert stats["created"] == n - first[0]
    assert _stored(db) == (n, n, n)
