"""The shared store: PostgreSQL through psycopg 3, for several processes or machines at once.

The same semantics as the SQLite store, in the same named migrations: every public write is one
transaction (a killed client leaves all of it or none of it), articles are upserted with
``INSERT … ON CONFLICT``, and the "same text is the same article" rule is made safe between processes
with transaction-scoped advisory locks on the article id and on the text hash, so several ingests of
one corpus at once never store a page twice. Full-text search uses a ``tsvector`` (title weight A, text
weight B, ``simple`` configuration, accents folded by ``unaccent`` when the extension is available) under
a GIN index, ranked with ``ts_rank``. Vectors are float32 bytes in ``bytea``.

PostgreSQL text cannot hold NUL characters: they are dropped from the indexed columns and the search
vector, while the stored record (JSON, which escapes them) keeps them, so what is written reads back the
same. Connection URLs are shown with their password removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

from newsprism.dates import now_iso
from newsprism.errors import MigrationError, StoreError
from newsprism.records import Article, Skip, Story
from newsprism.store import PutResult, SourceInfo, Store, StorySummary, same_stored_text, story_page_sql
from newsprism.store.migrations import POSTGRES, Migration
from newsprism.store.sqlite import text_hash

try:
    import psycopg
    from psycopg import errors as pg_errors
    from psycopg.conninfo import conninfo_to_dict
except ImportError:  # the optional extra is not installed: PostgresStore() says so
    psycopg = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from psycopg import Cursor

T = TypeVar("T")

_MIGRATION_LOCK = 0x6E65_7773_7072  # pg_advisory_lock key held while migrating ("newspr")
_RETRIES = 5  # a write that loses a deadlock is run again this many times at most
_INDEX_CHARS = 200_000  # text beyond this is stored but not indexed (a tsvector is capped at 1 MB)
_CHUNK = 1000  # rows per round trip when streaming articles or fetching vectors

_TSV = (
    "setweight(to_tsvector('simple', newsprism_fold(%s)), 'A')"
    " || setweight(to_tsvector('simple', newsprism_fold(%s)), 'B')"
)

# The user's words become lexemes through the very parser that indexed the articles; the lexemes are
# quoted as tsquery literals and ANDed, the last one as a prefix. Nothing of the query reaches the SQL.
_SEARCH = r"""
WITH lex AS (
    SELECT lexeme, positions[array_length(positions, 1)] AS pos
    FROM unnest(to_tsvector('simple', newsprism_fold(%(q)s)))
), q AS (
    SELECT string_agg(
        '''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || ''''
        || CASE WHEN pos = (SELECT max(pos) FROM lex) THEN ':*' ELSE '' END,
        ' & ' ORDER BY pos
    )::tsquery AS q
    FROM lex
)
SELECT a.data FROM articles a, q
WHERE a.tsv @@ q.q
ORDER BY ts_rank(a.tsv, q.q) DESC, a.id
LIMIT %(limit)s OFFSET %(offset)s
"""


def redact_url(url: str) -> str:
    """The URL with its password (in the user part or a ``password=`` parameter) left out."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, hostport = netloc.rpartition("@")
            user = userinfo.split(":", 1)[0]
            netloc = f"{user}@{hostport}" if user else hostport
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k.lower() != "password"])
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return "postgresql://…"


def _clean(value: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL characters."""
    return value.replace("\x00", "") if value is not None and "\x00" in value else value


def _lock_key(text: str) -> int:
    return int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "big", signed=True)


def _reason(exc: BaseException) -> str:
    """The useful part of a psycopg / libpq message, on one line."""
    message = str(exc).strip() or type(exc).__name__
    for marker in ("FATAL:", "ERROR:"):
        if marker in message:
            message = message.rsplit(marker, 1)[1]
    return " ".join(message.split())


def _connect_hint(reason: str) -> str:
    low = reason.lower()
    if "password" in low or "authentication" in low:
        return "check the user name and password in the URL (or PGPASSWORD / ~/.pgpass)"
    if "database" in low and "does not exist" in low:
        return "check the database name in the URL, or create it (createdb)"
    if "role" in low and "does not exist" in low:
        return "check the user name in the URL"
    if "refused" in low or "timeout" in low or "timed out" in low or "translate host" in low:
        return "check that the server is running and the host and port in the URL"
    return "check the URL and that the server accepts connections from this machine"


class PostgresStore(Store):
    """The store in a PostgreSQL database: ``PostgresStore("postgresql://user:pw@host:5432/db")``.

    One connection per store object (autocommit off, one transaction per public call). ``url`` is the
    connection URL without its password, safe to print.
    """

    def __init__(
        self, url: str, *, migrations: list[Migration] | None = None, connect_timeout: int = 10
    ) -> None:
        self.url = redact_url(url)
        if psycopg is None:
            raise StoreError(
                f"cannot open the store {self.url}: PostgreSQL support needs psycopg;"
                " install it with: pip install 'newsprism[postgres]'"
            )
        try:
            params = conninfo_to_dict(url)
        except psycopg.Error as exc:
            raise StoreError(f"{self.url} is not a usable PostgreSQL URL: {_reason(exc)}") from None
        self._dsn, self._params = url, params
        self._extra: dict[str, Any] = {"application_name": "newsprism"}
        if "connect_timeout" not in params:
            self._extra["connect_timeout"] = connect_timeout
        self._closed = False
        self._lock = threading.RLock()
        self._depth = 0  # nested ``transaction()`` calls open
        self._connect()
        try:
            self.migrate(POSTGRES if migrations is None else migrations)
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------------ plumbing

    def _connect(self) -> None:
        try:
            self._conn = psycopg.connect(self._dsn, autocommit=False, **self._extra)
        except psycopg.Error as exc:
            reason = _reason(exc)
            password = self._params.get("password")
            if password:
                reason = reason.replace(str(password), "***")
            raise StoreError(
                f"cannot connect to the PostgreSQL store {self.url}: {reason}; {_connect_hint(reason)}"
            ) from None

    def _run(self, what: str, work: Callable[[Cursor[Any]], T]) -> T:
        """Run ``work`` in one transaction.

        A transaction that lost a deadlock is run again; a connection the server dropped (restart, idle
        timeout, an administrator) is opened again once and the transaction run again. Every write is an
        upsert or otherwise safe to repeat.
        """
        reconnected = False
        with self._lock:
            if self._depth:  # inside ``transaction()``: a savepoint of it, never run again on its own
                try:
                    with self._conn.transaction(), self._conn.cursor() as cur:
                        return work(cur)
                except psycopg.Error as exc:
                    raise StoreError(f"store {self.url}: cannot {what}: {_reason(exc)}") from None
            for attempt in range(1, _RETRIES + 1):
                try:
                    with self._conn.transaction(), self._conn.cursor() as cur:
                        return work(cur)
                except (pg_errors.DeadlockDetected, pg_errors.SerializationFailure) as exc:
                    if attempt == _RETRIES:
                        raise StoreError(f"store {self.url}: cannot {what}: {_reason(exc)}") from None
                except psycopg.OperationalError as exc:
                    if not self._conn.broken or self._closed or reconnected:
                        raise StoreError(f"store {self.url}: cannot {what}: {_reason(exc)}") from None
                    reconnected = True
                    self._connect()
                except psycopg.Error as exc:
                    raise StoreError(f"store {self.url}: cannot {what}: {_reason(exc)}") from None
                except UnicodeEncodeError as exc:
                    raise StoreError(
                        f"store {self.url}: cannot {what}: text is not valid Unicode ({exc})"
                    ) from None
        raise StoreError(f"store {self.url}: cannot {what}: gave up after {_RETRIES} attempts")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            try:
                with self._conn.transaction():
                    self._depth += 1
                    try:
                        yield
                    finally:
                        self._depth -= 1
            except psycopg.Error as exc:
                raise StoreError(f"store {self.url}: cannot write: {_reason(exc)}") from None

    def state_rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._query(sql.replace("?", "%s"), tuple(params))

    def state_write(self, statements: Sequence[tuple[str, Sequence[Sequence[Any]]]]) -> None:
        def work(cur: Cursor[Any]) -> None:
            for sql, rows in statements:
                if rows:
                    cur.executemany(sql.replace("?", "%s"), rows)

        self._run("write the clustering state", work)

    def _query(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        return self._run("read", lambda cur: cur.execute(sql, params).fetchall())

    def _pending(self, migrations: list[Migration]) -> list[Migration]:
        rows = self._query("SELECT to_regclass('migrations') IS NOT NULL")
        done = {r[0] for r in self._query("SELECT name FROM migrations")} if rows[0][0] else set()
        return [m for m in migrations if m.name not in done]

    def migrate(self, migrations: list[Migration]) -> list[str]:
        """Apply the migrations not yet recorded, each in its own transaction; returns the names applied.

        A session advisory lock makes processes that open a new database at once take turns.
        """
        if not self._pending(migrations):
            return []
        applied: list[str] = []
        with self._lock:
            self._run(
                "lock the schema", lambda cur: cur.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
            )
            try:
                self._run(
                    "create the migrations table",
                    lambda cur: cur.execute(
                        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
                    ),
                )
                for migration in self._pending(migrations):  # read again: another process may have migrated
                    try:
                        with self._conn.transaction(), self._conn.cursor() as cur:
                            cur.execute(migration.sql)
                            cur.execute(
                                "INSERT INTO migrations(name, applied) VALUES (%s, %s)",
                                (migration.name, now_iso()),
                            )
                    except psycopg.Error as exc:
                        raise MigrationError(
                            f"store {self.url}: migration {migration.name} failed: {_reason(exc)}"
                        ) from None
                    applied.append(migration.name)
            finally:
                with contextlib.suppress(StoreError):  # a broken connection released its locks with it
                    self._run(
                        "unlock the schema",
                        lambda cur: cur.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,)),
                    )
        return applied

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self._query("SELECT name FROM migrations ORDER BY name")]

    # ------------------------------------------------------------------ articles

    def put_article(
        self, article: Article, *, raw: bytes | None = None, input_key: str | None = None
    ) -> PutResult:
        th = text_hash(article.text)
        given = (article.id, article.url, article.source.domain, article.source.name, article.ingested)

        def work(cur: Cursor[Any]) -> bool:
            article.id, article.url, article.source.domain, article.source.name, article.ingested = given
            # both locks in one statement, in a fixed order (the target list is evaluated left to right)
            keys = sorted({_lock_key("id:" + article.id), _lock_key("text:" + th)})
            cur.execute(
                ", ".join(
                    ["SELECT pg_advisory_xact_lock(%s)"] + ["pg_advisory_xact_lock(%s)"] * (len(keys) - 1)
                ),
                keys,
            )
            # the row with this id, else one with the same text: the same article unless URLs or outlets
            # differ (a new statement, so it sees what the writer we waited for committed)
            rows = cur.execute(
                "SELECT id, ingested, url, domain, source_name FROM articles WHERE id = %s OR text_hash = %s"
                " ORDER BY id = %s DESC, ingested, id",
                (article.id, th, article.id),
            ).fetchall()
            row = None
            for cand in rows:
                if cand[0] == article.id or same_stored_text(article, cand[2], cand[3], cand[4]):
                    row = cand
                    break
            if row is not None:
                article.id, article.ingested = row[0], row[1]
                # a re-ingested copy that knows less (no URL, no outlet) keeps what the store knew
                if not article.url and row[2]:
                    article.url = row[2]
                if not article.source.domain and row[3]:
                    article.source.domain = row[3]
                    article.source.name = article.source.name or row[4]
            stamp = now_iso()
            article.ingested = article.ingested or stamp
            # the writes go out in one round trip; no one else can create this id meanwhile (we hold
            # its lock), so ``row is None`` tells whether the article is new
            with cur.connection.pipeline():
                cur.execute(
                    "INSERT INTO articles(id, url, text_hash, domain, source_name, title, published, language,"
                    f" ingested, updated, data, tsv) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,{_TSV})"
                    " ON CONFLICT (id) DO UPDATE SET url=excluded.url, text_hash=excluded.text_hash,"
                    " domain=excluded.domain, source_name=excluded.source_name, title=excluded.title,"
                    " published=excluded.published, language=excluded.language, ingested=excluded.ingested,"
                    " updated=excluded.updated, data=excluded.data, tsv=excluded.tsv",
                    (
                        article.id,
                        _clean(article.url),
                        th,
                        _clean(article.source.domain),
                        _clean(article.source.name),
                        _clean(article.title),
                        _clean(article.published),
                        _clean(article.language) or "und",
                        article.ingested,
                        stamp,
                        json.dumps(article.to_dict(), ensure_ascii=False),
                        _clean(article.title or "")[:_INDEX_CHARS],  # type: ignore[index]
                        _clean(article.text)[:_INDEX_CHARS],  # type: ignore[index]
                    ),
                )
                if raw is not None:
                    cur.execute(
                        "INSERT INTO raw_pages(article_id, content) VALUES (%s, %s)"
                        " ON CONFLICT (article_id) DO UPDATE SET content = excluded.content",
                        (article.id, raw),
                    )
                if article.source.domain:
                    # DO NOTHING and a conditional UPDATE lock the outlet's row only when they change it,
                    # so writers of the same outlet do not queue behind each other
                    domain, name = _clean(article.source.domain), _clean(article.source.name)
                    cur.execute(
                        "INSERT INTO sources(domain, name) VALUES (%s, %s) ON CONFLICT (domain) DO NOTHING",
                        (domain, name),
                    )
                    if name:
                        cur.execute(
                            "UPDATE sources SET name = %s WHERE domain = %s AND name IS NULL", (name, domain)
                        )
                if input_key:
                    cur.execute(
                        "INSERT INTO inputs_done(key, done_at) VALUES (%s, %s)"
                        " ON CONFLICT (key) DO UPDATE SET done_at = excluded.done_at",
                        (_clean(input_key), stamp),
                    )
            return row is None

        created = self._run(f"store article {article.id}", work)
        return PutResult(article.id, created)

    def get_article(self, article_id: str) -> Article | None:
        rows = self._query("SELECT data FROM articles WHERE id = %s", (article_id,))
        return Article.from_dict(json.loads(rows[0][0])) if rows else None

    def get_raw(self, article_id: str) -> bytes | None:
        rows = self._query("SELECT content FROM raw_pages WHERE article_id = %s", (article_id,))
        return bytes(rows[0][0]) if rows else None

    def articles(
        self,
        *,
        since: str | None = None,
        ids: Iterable[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Article]:
        where: list[str] = []
        params: list[Any] = []
        if since:
            where.append("COALESCE(published, ingested) >= %s")
            params.append(since)
        if ids is not None:
            id_list = list(ids)
            if not id_list:
                return
            where.append("id = ANY(%s)")
            params.append(id_list)
        # streamed in chunks, each chunk starting after the last row of the previous one
        order = "COALESCE(published, ingested), ingested, id"
        after: tuple[Any, ...] | None = None
        remaining = limit
        while remaining is None or remaining > 0:
            n = _CHUNK if remaining is None else min(_CHUNK, remaining)
            clauses, values = list(where), list(params)
            if after is not None:
                clauses.append(f"({order}) > (%s, %s, %s)")
                values.extend(after)
            sql = f"SELECT data, {order} FROM articles"
            if clauses:
                sql += " WHERE " + " AND ".join(clauses)
            sql += f" ORDER BY {order} LIMIT %s OFFSET %s"
            rows = self._query(sql, (*values, n, offset if after is None else 0))
            for row in rows:
                yield Article.from_dict(json.loads(row[0]))
            if len(rows) < n:
                return
            after = rows[-1][1:]
            if remaining is not None:
                remaining -= len(rows)

    def count_articles(self) -> int:
        return int(self._query("SELECT count(*) FROM articles")[0][0])

    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> list[Article]:
        q = _clean(query)
        if not q or not q.strip():
            return []
        rows = self._query(_SEARCH, {"q": q, "limit": limit, "offset": offset})
        return [Article.from_dict(json.loads(r[0])) for r in rows]

    # ------------------------------------------------------------------ runs, inputs, skips

    def is_done(self, input_key: str) -> bool:
        return bool(self._query("SELECT 1 FROM inputs_done WHERE key = %s", (_clean(input_key),)))

    def mark_done(self, input_keys: Iterable[str]) -> None:
        stamp = now_iso()
        rows = [(_clean(k), stamp) for k in input_keys]
        if rows:
            self._run(
                "mark inputs done",
                lambda cur: cur.executemany(
                    "INSERT INTO inputs_done(key, done_at) VALUES (%s, %s)"
                    " ON CONFLICT (key) DO UPDATE SET done_at = excluded.done_at",
                    rows,
                ),
            )

    def record_skip(self, skip: Skip, run_id: str | None = None) -> None:
        self._run(
            "record a skip",
            lambda cur: cur.execute(
                "INSERT INTO skips(run_id, input, reason, stage, at) VALUES (%s, %s, %s, %s, %s)",
                (run_id, _clean(skip.input), _clean(skip.reason), _clean(skip.stage), now_iso()),
            ),
        )

    def skips(self, run_id: str | None = None) -> list[Skip]:
        if run_id is None:
            rows = self._query("SELECT input, reason, stage FROM skips ORDER BY id")
        else:
            rows = self._query(
                "SELECT input, reason, stage FROM skips WHERE run_id = %s ORDER BY id", (run_id,)
            )
        return [Skip(r[0], r[1], r[2]) for r in rows]

    def start_run(self, inputs: list[str]) -> str:
        run_id = uuid.uuid4().hex[:12]
        self._run(
            "start a run",
            lambda cur: cur.execute(
                "INSERT INTO runs(id, started, inputs) VALUES (%s, %s, %s) ON CONFLICT (id) DO NOTHING",
                (run_id, now_iso(), json.dumps(inputs)),
            ),
        )
        return run_id

    def finish_run(self, run_id: str, stats: dict[str, Any]) -> None:
        self._run(
            "finish a run",
            lambda cur: cur.execute(
                "UPDATE runs SET finished = %s, stats = %s WHERE id = %s",
                (now_iso(), json.dumps(stats), run_id),
            ),
        )

    # ------------------------------------------------------------------ stories

    def put_story(self, story: Story) -> None:
        def work(cur: Cursor[Any]) -> None:
            cur.execute(
                "INSERT INTO stories(id, title, first_published, last_published, updated, data)"
                " VALUES (%s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (id) DO UPDATE SET title=excluded.title, first_published=excluded.first_published,"
                " last_published=excluded.last_published, updated=excluded.updated, data=excluded.data",
                (
                    story.id,
                    _clean(story.title),
                    _clean(story.first_published),
                    _clean(story.last_published),
                    now_iso(),
                    json.dumps(story.to_dict(), ensure_ascii=False),
                ),
            )
            cur.execute("DELETE FROM story_articles WHERE story_id = %s", (story.id,))
            # an article belongs to one story: joining this one takes it out of any other
            cur.executemany(
                "INSERT INTO story_articles(article_id, story_id) VALUES (%s, %s)"
                " ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id",
                [(a, story.id) for a in dict.fromkeys(story.article_ids)],
            )

        self._run(f"store story {story.id}", work)

    def delete_story(self, story_id: str) -> None:
        def work(cur: Cursor[Any]) -> None:
            cur.execute("DELETE FROM story_articles WHERE story_id = %s", (story_id,))
            cur.execute("DELETE FROM stories WHERE id = %s", (story_id,))

        self._run(f"delete story {story_id}", work)

    def get_story(self, story_id: str) -> Story | None:
        rows = self._query("SELECT data FROM stories WHERE id = %s", (story_id,))
        return Story.from_dict(json.loads(rows[0][0])) if rows else None

    def stories(
        self, *, since: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Iterator[Story]:
        sql = "SELECT data FROM stories"
        params: list[Any] = []
        if since:
            sql += " WHERE COALESCE(last_published, updated) >= %s"
            params.append(since)
        sql += " ORDER BY COALESCE(last_published, updated) DESC, id"
        if limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params.extend([limit, offset])
        elif offset:
            sql += " OFFSET %s"
            params.append(offset)
        for row in self._query(sql, params):
            yield Story.from_dict(json.loads(row[0]))

    def count_stories(self) -> int:
        return int(self._query("SELECT count(*) FROM stories")[0][0])

    def story_of(self, article_id: str) -> str | None:
        rows = self._query("SELECT story_id FROM story_articles WHERE article_id = %s", (article_id,))
        return str(rows[0][0]) if rows else None

    def story_summaries(
        self,
        *,
        since: str | None = None,
        language: str | None = None,
        outlet: str | None = None,
        ids: Iterable[str] | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StorySummary]:
        """One query: the page of stories first (on the activity index), then what each one covers."""
        found = story_page_sql(
            "%s", since=since, language=language, outlet=outlet, ids=ids, limit=limit, offset=offset
        )
        if found is None:
            return []
        page, params = found
        sql = (
            f"WITH page AS ({page}) SELECT p.id, p.title, p.first_published, p.last_published,"
            " count(m.article_id),"
            " array_remove(array_agg(DISTINCT COALESCE(x.source_name, x.domain)), NULL),"
            " array_remove(array_agg(DISTINCT x.language), NULL)"
            " FROM page p LEFT JOIN story_articles m ON m.story_id = p.id"
            " LEFT JOIN articles x ON x.id = m.article_id"
            " GROUP BY p.id, p.title, p.first_published, p.last_published, p.updated"
            " ORDER BY COALESCE(p.last_published, p.updated) DESC, p.id"
        )
        return [
            StorySummary(r[0], r[1], r[2], r[3], int(r[4]), sorted(r[5] or []), sorted(r[6] or []))
            for r in self._query(sql, params)
        ]

    def unclustered_articles(self) -> list[Article]:
        """Articles in no story yet, in publication order; ties in the order they arrived."""
        rows = self._query(
            "SELECT a.data FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM story_articles m WHERE m.article_id = a.id)"
            " ORDER BY COALESCE(a.published, a.ingested), a.arrival"
        )
        return [Article.from_dict(json.loads(r[0])) for r in rows]

    # ------------------------------------------------------------------ vectors and state

    def put_vectors(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        rows = []
        for article_id, vec in vectors.items():
            arr = np.asarray(vec, dtype=np.float32)
            rows.append((model, article_id, int(arr.shape[0]), arr.tobytes()))
        if rows:
            self._run(
                f"store {len(rows)} vectors",
                lambda cur: cur.executemany(
                    "INSERT INTO vectors(model, article_id, dim, data) VALUES (%s, %s, %s, %s)"
                    " ON CONFLICT (model, article_id) DO UPDATE SET dim = excluded.dim, data = excluded.data",
                    rows,
                ),
            )

    def get_vectors(self, model: str, ids: Iterable[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        id_list = list(ids)
        for start in range(0, len(id_list), _CHUNK * 5):
            rows = self._query(
                "SELECT article_id, data FROM vectors WHERE model = %s AND article_id = ANY(%s)",
                (model, id_list[start : start + _CHUNK * 5]),
            )
            for article_id, data in rows:
                out[article_id] = np.frombuffer(data, dtype=np.float32).copy()
        return {i: out[i] for i in id_list if i in out}

    def put_state(self, key: str, value: bytes) -> None:
        self._run(
            f"store state {key}",
            lambda cur: cur.execute(
                "INSERT INTO state(key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            ),
        )

    def get_state(self, key: str) -> bytes | None:
        rows = self._query("SELECT value FROM state WHERE key = %s", (key,))
        return bytes(rows[0][0]) if rows else None

    # ------------------------------------------------------------------ sources

    def sources(self) -> list[SourceInfo]:
        rows = self._query(
            "SELECT s.domain, s.name, s.meta, count(a.id) AS n,"
            " array_agg(DISTINCT a.language) FILTER (WHERE a.language IS NOT NULL)"
            " FROM sources s LEFT JOIN articles a ON a.domain = s.domain"
            " GROUP BY s.domain, s.name, s.meta ORDER BY n DESC, s.domain"
        )
        return [
            SourceInfo(
                domain=r[0],
                name=r[1],
                articles=int(r[3]),
                languages=sorted(r[4] or []),
                meta=json.loads(r[2] or "{}"),
            )
            for r in rows
        ]

    def source_names(self, domains: Iterable[str]) -> dict[str, str]:
        wanted = sorted({d for d in domains if d})
        if not wanted:
            return {}
        rows = self._query(
            "SELECT domain, name FROM sources WHERE name IS NOT NULL AND domain = ANY(%s)", (wanted,)
        )
        return {r[0]: r[1] for r in rows}

    def update_source(self, domain: str, meta: dict[str, Any]) -> None:
        domain = _clean(domain) or domain

        def work(cur: Cursor[Any]) -> None:
            cur.execute("INSERT INTO sources(domain) VALUES (%s) ON CONFLICT (domain) DO NOTHING", (domain,))
            (old,) = cur.execute(
                "SELECT meta FROM sources WHERE domain = %s FOR UPDATE", (domain,)
            ).fetchone()  # type: ignore[misc]
            merged = {**json.loads(old or "{}"), **meta}
            cur.execute(
                "UPDATE sources SET meta = %s WHERE domain = %s",
                (json.dumps(merged, ensure_ascii=False), domain),
            )

        self._run(f"update source {domain}", work)

    # ------------------------------------------------------------------ lifecycle

    def integrity_problems(self) -> list[str]:
        """Cross-table checks a half-written or raced store would fail (tests, ``newsprism doctor``)."""
        problems = []
        missing = [m.name for m in POSTGRES if m.name not in set(self.applied_migrations())]
        if missing:
            problems.append(f"migrations not applied: {', '.join(missing)}")
        orphans = self._query(
            "SELECT count(*) FROM raw_pages WHERE article_id NOT IN (SELECT id FROM articles)"
        )
        if orphans[0][0]:
            problems.append(f"{orphans[0][0]} raw pages without an article")
        # one outlet's text twice without a URL (two outlets' copies are two articles; headline-only
        # records have no text to compare)
        twins = self._query(
            "SELECT count(*) FROM (SELECT text_hash FROM articles WHERE url IS NULL AND text_hash <> %s"
            " GROUP BY text_hash, lower(COALESCE(domain, '')), lower(COALESCE(source_name, ''))"
            " HAVING count(*) > 1) t",
            (text_hash(""),),
        )
        if twins[0][0]:
            problems.append(f"{twins[0][0]} texts stored more than once without a URL")
        unindexed = self._query("SELECT count(*) FROM articles WHERE tsv IS NULL")
        if unindexed[0][0]:
            problems.append(f"{unindexed[0][0]} articles without a full-text vector")
        return problems

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._conn.close()
