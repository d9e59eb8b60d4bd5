"""Shared fixtures: paths to the repository, the evaluation data and small stores."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the whole session (tests/pgserver.py); fails if not installed."""
    import pgserver

    try:
        server = pgserver.start_server()
    except pgserver.PgServerError as exc:
        problem = str(exc)
    else:
        yield server
        pgserver.stop_server(server)
        return
    pytest.fail(f"PostgreSQL tests cannot run: {problem}", pytrace=False)


@pytest.fixture
def store_url(request, tmp_path):
    """A URL to a new empty store of the backend named by ``request.param`` (default sqlite)."""
    backend = getattr(request, "param", "sqlite")
    if backend == "postgresql":
        return request.getfixturevalue("pg_server").new_database()
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """An open, empty store; every test that uses it runs once per backend."""
    from newsprism.store import open_store

    if request.param == "postgresql":
        url = request.getfixturevalue("pg_server").new_database()
    else:
        url = str(tmp_path / "store.db")
    s = open_store(url)
    yield s
    s.close()
