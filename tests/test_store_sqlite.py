"""SQLite-only behaviour of the store (what both stores share is in test_store.py)."""

from __future__ import annotations

import multiprocessing

from newsprism.store.migrations import SQLITE
from newsprism.store.sqlite import SQLiteStore


def test_a_migration_another_process_applied_meanwhile_is_skipped(tmp_path, monkeypatch) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    real = store._query

    def stale(sql, params=()):  # what a process read before another one applied every migration
        return [] if sql.startswith("SELECT name FROM migrations") else real(sql, params)

    monkeypatch.setattr(store, "_query", stale)
    assert store.migrate(SQLITE) == []
    monkeypatch.undo()
    assert store.applied_migrations() == sorted(m.name for m in SQLITE)
    store.close()


def _open_and_count(path: str) -> int:
    store = SQLiteStore(path)
    try:
        return store.count_articles()
    finally:
        store.close()


def test_processes_opening_a_new_store_at_once_all_open_it(tmp_path) -> None:
    path = str(tmp_path / "new.db")
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        assert pool.map(_open_and_count, [path] * 8) == [0] * 8
    store = SQLiteStore(path)
    assert store.applied_migrations() == sorted(m.name for m in SQLITE)
    store.close()


def test_a_store_another_process_is_turning_into_wal_is_waited_for(tmp_path, monkeypatch) -> None:
    import sqlite3

    real_connect = sqlite3.connect
    refusals = []

    class Busy:  # SQLite answers "locked" at once while another process converts the file to WAL
        def __init__(self, conn):
            self._conn = conn

        def execute(self, sql, *args):
            if sql == "PRAGMA journal_mode=WAL" and len(refusals) < 3:
                refusals.append(sql)
                raise sqlite3.OperationalError("database is locked")
            return self._conn.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self._conn, name)

        def __setattr__(self, name, value):
            if name == "_conn":
                object.__setattr__(self, name, value)
            else:
                setattr(self._conn, name, value)

    monkeypatch.setattr(sqlite3, "connect", lambda *a, **kw: Busy(real_connect(*a, **kw)))
    store = SQLiteStore(tmp_path / "s.db")
    assert len(refusals) == 3 and store.count_articles() == 0
    store.close()
