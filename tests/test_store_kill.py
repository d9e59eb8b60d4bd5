"""An ingest killed with SIGKILL at any moment leaves a consistent store; running it again finishes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from newsprism.store import open_store

N = 1500


def _corpus(path):
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(N):
            rec = {
                "id": f"{i:040x}",
                "url": f"https://wire.example/story/{i}",
                "source": {"name": "Wire", "domain": "wire.example"},
                "title": f"Report number {i}",
                "language": "en",
                "text": f"Report {i}: the harbour authority counted {i} containers on the quay this morning. "
                * 3,
            }
            fh.write(json.dumps(rec) + "\n")


def _ingest(corpus, db, stderr=subprocess.DEVNULL):
    cmd = [
        sys.executable,
        "-m",
        "newsprism",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--no-analyze",
        "--no-cluster",
        "--workers",
        "1",
        "--quiet",
    ]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr)


def _created(db: str) -> bool:
    # a SQLite file is left for the ingest to create; a PostgreSQL database exists from the start
    return not db.startswith("sqlite:///") or os.path.exists(db[len("sqlite:///") :])


@pytest.mark.parametrize("store_url", ["sqlite", "postgresql"], indirect=True)
@pytest.mark.parametrize("kill_after", [1, 300, 900])
def test_sigkill_mid_ingest_leaves_a_consistent_store_and_a_rerun_finishes(tmp_path, store_url, kill_after):
    corpus, db = tmp_path / "wire.jsonl", store_url
    _corpus(corpus)
    proc = _ingest(corpus, db)
    deadline = time.monotonic() + 120
    count = 0
    while proc.poll() is None and time.monotonic() < deadline:
        if _created(db):
            try:
                with open_store(str(db)) as s:
                    count = s.count_articles()
            except Exception:
                count = 0
            if count >= kill_after:
                os.kill(proc.pid, signal.SIGKILL)
                break
        time.sleep(0.01)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"

    with open_store(str(db)) as s:
        assert s.integrity_problems() == []
        partial = s.count_articles()
        assert 0 < partial < N

    rerun = _ingest(corpus, db, stderr=subprocess.PIPE)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    with open_store(str(db)) as s:
        assert s.integrity_problems() == []
        assert s.count_articles() == N
        ids = [a.id for a in s.articles()]
        assert len(ids) == len(set(ids)) == N
