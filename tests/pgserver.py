"""The tests' throwaway PostgreSQL server: the package's (``newsprism/benchmark/pgserver.py``), re-exported."""

from newsprism.benchmark.pgserver import (
    INSTALL_HINT,
    ROLE,
    PgServer,
    PgServerError,
    _free_port,
    find_bindir,
    start_server,
    stop_server,
)

__all__ = [
    "INSTALL_HINT",
    "ROLE",
    "PgServer",
    "PgServerError",
    "_free_port",
    "find_bindir",
    "start_server",
    "stop_server",
]
