"""A throwaway PostgreSQL server: initdb in a temp dir, 127.0.0.1 on a free port.

Used by the tests (``tests/pgserver.py`` re-exports it; each test gets its own database through
:meth:`PgServer.new_database`) and by ``newsprism bench scaling --store postgres`` without ``--db``. The
server binaries come from Debian's ``postgresql`` package (``make test`` installs it through
``scripts/install-system-deps.sh``); they live in ``/usr/lib/postgresql/<version>/bin``. Set
``NEWSPRISM_PG_BINDIR`` to use others. initdb refuses to run as root, so when run as root the server runs
as the ``postgres`` user. The server runs with ``fsync=off`` and ``synchronous_commit=off``: fine for
tests and for measuring the client, not for keeping data.
"""

from __future__ import annotations

import ctypes
import glob
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.errors import PgServerError

ROLE = "newsprism"
INSTALL_HINT = (
    "the PostgreSQL server binaries (initdb, postgres) were not found: install Debian's `postgresql` "
    "package (`make system-deps`, run by `make test`) or set NEWSPRISM_PG_BINDIR to their directory"
)


def find_bindir(search: list[str] | None = None) -> Path:
    """The directory holding ``initdb`` and ``postgres``: $NEWSPRISM_PG_BINDIR if set, else Debian's
    (newest version first), else the one on $PATH. ``search`` replaces the default places (for tests)."""
    explicit = os.environ.get("NEWSPRISM_PG_BINDIR")
    if explicit:
        if _has_server(Path(explicit)):
            return Path(explicit)
        raise PgServerError(f"NEWSPRISM_PG_BINDIR={explicit} holds no initdb and postgres: {INSTALL_HINT}")
    if search is None:
        search = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
        on_path = shutil.which("initdb")
        if on_path:
            search.append(str(Path(on_path).parent))
    for cand in search:
        if _has_server(Path(cand)):
            return Path(cand)
    raise PgServerError(INSTALL_HINT)


def _has_server(d: Path) -> bool:
    return (d / "initdb").is_file() and (d / "postgres").is_file()


def _stop_with_parent() -> None:
    """In the server's process before exec: a fast shutdown if the process that started it dies without teardown."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGINT)  # PR_SET_PDEATHSIG (Linux); elsewhere the server outlives a killed run
    except (OSError, AttributeError):
        pass


def _version_key(path: str) -> tuple[int, ...]:
    version = Path(path).parent.name
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    """A running server; ``url(db)`` connects as the ``newsprism`` role with its password."""

    bindir: Path
    root: Path
    port: int = 0
    password: str = field(default_factory=lambda: secrets.token_hex(12))
    _proc: subprocess.Popen[bytes] | None = None
    _n: int = 0

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def logfile(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str = ROLE, *, user: str = ROLE, password: str | None = None) -> str:
        pw = self.password if password is None else password
        return f"postgresql://{user}:{pw}@127.0.0.1:{self.port}/{database}"

    # -------------------------------------------------------------- lifecycle

    def start(self) -> PgServer:
        as_root = os.geteuid() == 0
        run_as: str | None = None
        if as_root:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise PgServerError(
                    "running as root but there is no `postgres` user to run the server as"
                ) from None
            run_as = "postgres"
            shutil.chown(self.root, "postgres", "postgres")
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if as_root:
            shutil.chown(pwfile, "postgres", "postgres")
        initdb = subprocess.run(
            [
                str(self.bindir / "initdb"),
                "-D",
                str(self.datadir),
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--auth=scram-sha-256",
                f"--pwfile={pwfile}",
                "--no-sync",
            ],
            capture_output=True,
            text=True,
            cwd=self.root,
            user=run_as,
            group=run_as,
        )
        pwfile.unlink()
        if initdb.returncode != 0:
            raise PgServerError(f"initdb failed in {self.datadir}:\n{initdb.stdout}\n{initdb.stderr}")
        for _attempt in range(5):  # the free port may be taken between choosing it and binding it
            self.port = _free_port()
            if self._launch(run_as):
                return self
        raise PgServerError(f"the server did not start; see its log:\n{self._log_tail()}")

    def _launch(self, run_as: str | None) -> bool:
        log = open(self.logfile, "ab")  # noqa: SIM115 (the server writes to it until it stops)
        self._proc = subprocess.Popen(
            [
                str(self.bindir / "postgres"),
                "-D",
                str(self.datadir),
                "-k",
                str(self.root),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=60",
                "-c",
                "shared_buffers=32MB",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.root,
            start_new_session=True,
            user=run_as,
            group=run_as,
            preexec_fn=_stop_with_parent,
        )
        log.close()
        import psycopg
        from psycopg import sql

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                return False
            try:
                with psycopg.connect(
                    self.url("postgres", user="postgres"), connect_timeout=5, autocommit=True
                ) as c:
                    c.execute(
                        sql.SQL("CREATE ROLE {} LOGIN CREATEDB PASSWORD {}").format(
                            sql.Identifier(ROLE), sql.Literal(self.password)
                        )
                    )
                    c.execute(sql.SQL("CREATE DATABASE {0} OWNER {0}").format(sql.Identifier(ROLE)))
                return True
            except psycopg.OperationalError:
                time.sleep(0.1)
        self.stop()
        return False

    def new_database(self) -> str:
        """A fresh empty database owned by the ``newsprism`` role; returns its URL."""
        import psycopg

        self._n += 1
        name = f"t{os.getpid()}_{self._n}"
        with psycopg.connect(self.url(ROLE), autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name} STRATEGY = FILE_COPY")
        return self.url(name)

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.send_signal(signal.SIGINT)  # fast shutdown: disconnect clients, stop
            try:
                self._proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc = None

    def _log_tail(self) -> str:
        try:
            return "\n".join(self.logfile.read_text(errors="replace").splitlines()[-20:])
        except OSError:
            return "(no log)"


def start_server() -> PgServer:
    """Find the binaries, initdb a temp dir, start the server; raises PgServerError with the reason."""
    bindir = find_bindir()
    root = Path(tempfile.mkdtemp(prefix="newsprism-pg-"))
    server = PgServer(bindir=bindir, root=root)
    try:
        return server.start()
    except BaseException:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
        raise


def stop_server(server: PgServer) -> None:
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)


__all__ = ["PgServer", "PgServerError", "find_bindir", "start_server", "stop_server", "ROLE", "INSTALL_HINT"]
