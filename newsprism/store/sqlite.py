"""The embedded store: one SQLite file in WAL mode, FTS5 over title and text.

Every public write runs in one ``BEGIN IMMEDIATE`` transaction, so a process killed at any moment
leaves either the whole write or none of it. Several processes may write at once: SQLite serialises
them and ``busy_timeout`` makes the others wait.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.dates import now_iso
from newsprism.errors import MigrationError, StoreError
from newsprism.records import Article, Skip, Story, sha1
from newsprism.store import PutResult, SourceInfo, Store, StorySummary, same_stored_text, story_page_sql
from newsprism.store.migrations import SQLITE, Migration


def text_hash(text: str) -> str:
    """Hash of the clean text with white space folded: the "same text" test of re-ingestion."""
    return sha1(" ".join(text.split()))


_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(query: str) -> str:
    """A user's words as a safe FTS5 query: every word must match (prefix match on the last)."""
    words = _FTS_TOKEN.findall(query)
    if not words:
        return ""
    parts = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
    return " AND ".join(parts)


class SQLiteStore(Store):
    def __init__(self, path: str | Path, *, migrations: list[Migration] | None = None) -> None:
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(
                str(self.path), timeout=60, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from None
        self._lock = threading.RLock()
        self._depth = 0  # nested ``transaction()`` calls open
        self._conn.row_factory = sqlite3.Row
        deadline = time.monotonic() + 60.0
        while True:
            try:
                self._conn.execute("PRAGMA busy_timeout=60000")
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA synchronous=NORMAL")
                self._conn.execute("PRAGMA foreign_keys=ON")
                break
            except sqlite3.OperationalError as exc:
                # another process is turning a new file into a WAL database: SQLite answers "locked" at
                # once, without its busy handler; wait for it (bounded) rather than call the file no store
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise StoreError(f"cannot open the store {self.path}: {exc}") from None
                time.sleep(0.05)
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path} is not a newsprism store (SQLite says: {exc})") from None
        self.migrate(SQLITE if migrations is None else migrations)

    # ------------------------------------------------------------------ plumbing

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._depth:  # inside ``transaction()``: part of the caller's transaction
                yield self._conn
                return
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write to the store {self.path}: {exc}") from None
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                try:
                    self._conn.execute("COMMIT")
                except sqlite3.Error as exc:
                    self._conn.execute("ROLLBACK")
                    raise StoreError(f"cannot write to the store {self.path}: {exc}") from None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._tx():
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1

    def state_rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self._query(sql, params)]

    def state_write(self, statements: Sequence[tuple[str, Sequence[Sequence[Any]]]]) -> None:
        try:
            with self._tx() as conn:
                for sql, rows in statements:
                    if rows:
                        conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the store {self.path}: {exc}") from None

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"store {self.path}: {exc}") from None

    def migrate(self, migrations: list[Migration]) -> list[str]:
        """Apply the migrations not yet recorded; returns the names applied now."""
        applied: list[str] = []
        with self._tx() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
            )
        done = {r["name"] for r in self._query("SELECT name FROM migrations")}
        for migration in migrations:
            if migration.name in done:
                continue
            try:
                with self._tx() as conn:
                    # another process opening the same new store may have applied it since ``done`` was
                    # read: the write lock is held now, so the table says for sure
                    seen = "SELECT 1 FROM migrations WHERE name = ?"
                    if conn.execute(seen, (migration.name,)).fetchone() is not None:
                        continue
                    for statement in _split_sql(migration.sql):
                        conn.execute(statement)
                    conn.execute(
                        "INSERT INTO migrations(name, applied) VALUES (?, ?)", (migration.name, now_iso())
                    )
                    applied.append(migration.name)
            except sqlite3.Error as exc:
                raise MigrationError(f"store {self.path}: migration {migration.name} failed: {exc}") from None
        return applied

    def applied_migrations(self) -> list[str]:
        return [r["name"] for r in self._query("SELECT name FROM migrations ORDER BY name")]

    # ------------------------------------------------------------------ articles

    def put_article(
        self, article: Article, *, raw: bytes | None = None, input_key: str | None = None
    ) -> PutResult:
        th = text_hash(article.text)
        with self._tx() as conn:
            cols = "rowid, id, ingested, url, domain, source_name"
            row = conn.execute(f"SELECT {cols} FROM articles WHERE id = ?", (article.id,)).fetchone()
            if row is None:
                # the same text already stored: the same article unless URLs or outlets differ
                for cand in conn.execute(f"SELECT {cols} FROM articles WHERE text_hash = ?", (th,)):
                    if same_stored_text(article, cand["url"], cand["domain"], cand["source_name"]):
                        row = cand
                        break
            created = row is None
            if row is not None:
                article.id = row["id"]
                article.ingested = row["ingested"]
                # a re-ingested copy that knows less (no URL, no outlet) keeps what the store knew
                if not article.url and row["url"]:
                    article.url = row["url"]
                if not article.source.domain and row["domain"]:
                    article.source.domain = row["domain"]
                    article.source.name = article.source.name or row["source_name"]
            stamp = now_iso()
            article.ingested = article.ingested or stamp
            values = (
                article.url,
                th,
                article.source.domain,
                article.source.name,
                article.title,
                article.published,
                article.language or "und",
                article.ingested,
                stamp,
                json.dumps(article.to_dict(), ensure_ascii=False),
            )
            if created:
                cur = conn.execute(
                    "INSERT INTO articles(url, text_hash, domain, source_name, title, published, language,"
                    " ingested, updated, data, id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (*values, article.id),
                )
                rowid = cur.lastrowid
            else:
                rowid = row["rowid"]  # type: ignore[index]
                conn.execute(
                    "UPDATE articles SET url=?, text_hash=?, domain=?, source_name=?, title=?, published=?,"
                    " language=?, ingested=?, updated=?, data=? WHERE id=?",
                    (*values, article.id),
                )
                conn.execute("DELETE FROM articles_fts WHERE rowid = ?", (rowid,))
            conn.execute(
                "INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
                (rowid, article.title or "", article.text),
            )
            if raw is not None:
                conn.execute(
                    "INSERT INTO raw_pages(article_id, content) VALUES (?, ?)"
                    " ON CONFLICT(article_id) DO UPDATE SET content = excluded.content",
                    (article.id, raw),
                )
            if article.source.domain:
                conn.execute(
                    "INSERT INTO sources(domain, name) VALUES (?, ?) ON CONFLICT(domain) DO UPDATE SET"
                    " name = COALESCE(sources.name, excluded.name)",
                    (article.source.domain, article.source.name),
                )
            if input_key:
                conn.execute(
                    "INSERT OR REPLACE INTO inputs_done(key, done_at) VALUES (?, ?)", (input_key, stamp)
                )
        return PutResult(article.id, created)

    def get_article(self, article_id: str) -> Article | None:
        rows = self._query("SELECT data FROM articles WHERE id = ?", (article_id,))
        return Article.from_dict(json.loads(rows[0]["data"])) if rows else None

    def get_raw(self, article_id: str) -> bytes | None:
        rows = self._query("SELECT content FROM raw_pages WHERE article_id = ?", (article_id,))
        return bytes(rows[0]["content"]) if rows else None

    def articles(
        self,
        *,
        since: str | None = None,
        ids: Iterable[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Article]:
        where: list[str] = []
        params: list[object] = []
        if since:
            where.append("COALESCE(published, ingested) >= ?")
            params.append(since)
        if ids is not None:
            id_list = list(ids)
            if not id_list:
                return
            where.append(f"id IN ({','.join('?' * len(id_list))})")
            params.extend(id_list)
        sql = "SELECT data FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY COALESCE(published, ingested), rowid"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params.extend([limit, offset])
        for row in self._query(sql, params):
            yield Article.from_dict(json.loads(row["data"]))

    def count_articles(self) -> int:
        return int(self._query("SELECT count(*) AS n FROM articles")[0]["n"])

    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> list[Article]:
        q = fts_query(query)
        if not q:
            return []
        rows = self._query(
            "SELECT a.data FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
            " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ? OFFSET ?",
            (q, limit, offset),
        )
        return [Article.from_dict(json.loads(r["data"])) for r in rows]

    # ------------------------------------------------------------------ runs, inputs, skips

    def is_done(self, input_key: str) -> bool:
        return bool(self._query("SELECT 1 FROM inputs_done WHERE key = ?", (input_key,)))

    def mark_done(self, input_keys: Iterable[str]) -> None:
        stamp = now_iso()
        with self._tx() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO inputs_done(key, done_at) VALUES (?, ?)",
                [(k, stamp) for k in input_keys],
            )

    def record_skip(self, skip: Skip, run_id: str | None = None) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO skips(run_id, input, reason, stage, at) VALUES (?, ?, ?, ?, ?)",
                (run_id, skip.input, skip.reason, skip.stage, now_iso()),
            )

    def skips(self, run_id: str | None = None) -> list[Skip]:
        if run_id is None:
            rows = self._query("SELECT input, reason, stage FROM skips ORDER BY id")
        else:
            rows = self._query(
                "SELECT input, reason, stage FROM skips WHERE run_id = ? ORDER BY id", (run_id,)
            )
        return [Skip(r["input"], r["reason"], r["stage"]) for r in rows]

    def start_run(self, inputs: list[str]) -> str:
        run_id = uuid.uuid4().hex[:12]
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO runs(id, started, inputs) VALUES (?, ?, ?)",
                (run_id, now_iso(), json.dumps(inputs)),
            )
        return run_id

    def finish_run(self, run_id: str, stats: dict[str, Any]) -> None:
        with self._tx() as conn:
            conn.execute(
                "UPDATE runs SET finished = ?, stats = ? WHERE id = ?", (now_iso(), json.dumps(stats), run_id)
            )

    # ------------------------------------------------------------------ stories

    def put_story(self, story: Story) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO stories(id, title, first_published, last_published, updated, data) VALUES (?,?,?,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET title=excluded.title, first_published=excluded.first_published,"
                " last_published=excluded.last_published, updated=excluded.updated, data=excluded.data",
                (
                    story.id,
                    story.title,
                    story.first_published,
                    story.last_published,
                    now_iso(),
                    json.dumps(story.to_dict(), ensure_ascii=False),
                ),
            )
            conn.execute("DELETE FROM story_articles WHERE story_id = ?", (story.id,))
            conn.executemany(
                "INSERT OR REPLACE INTO story_articles(article_id, story_id) VALUES (?, ?)",
                [(a, story.id) for a in story.article_ids],
            )

    def delete_story(self, story_id: str) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM story_articles WHERE story_id = ?", (story_id,))
            conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))

    def get_story(self, story_id: str) -> Story | None:
        rows = self._query("SELECT data FROM stories WHERE id = ?", (story_id,))
        return Story.from_dict(json.loads(rows[0]["data"])) if rows else None

    def stories(
        self, *, since: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Iterator[Story]:
        sql = "SELECT data FROM stories"
        params: list[object] = []
        if since:
            sql += " WHERE COALESCE(last_published, updated) >= ?"
            params.append(since)
        sql += " ORDER BY COALESCE(last_published, updated) DESC, id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params.extend([limit, offset])
        for row in self._query(sql, params):
            yield Story.from_dict(json.loads(row["data"]))

    def count_stories(self) -> int:
        return int(self._query("SELECT count(*) AS n FROM stories")[0]["n"])

    def story_of(self, article_id: str) -> str | None:
        rows = self._query("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))
        return str(rows[0]["story_id"]) if rows else None

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
        found = story_page_sql(
            "?", since=since, language=language, outlet=outlet, ids=ids, limit=limit, offset=offset
        )
        if found is None:
            return []
        page, params = found
        sql = (
            f"WITH page AS ({page}) SELECT p.id, p.title, p.first_published, p.last_published,"
            " (SELECT count(*) FROM story_articles m WHERE m.story_id = p.id) AS n,"
            " (SELECT group_concat(DISTINCT COALESCE(x.source_name, x.domain)) FROM story_articles m"
            "   JOIN articles x ON x.id = m.article_id WHERE m.story_id = p.id) AS outlets,"
            " (SELECT group_concat(DISTINCT x.language) FROM story_articles m"
            "   JOIN articles x ON x.id = m.article_id WHERE m.story_id = p.id) AS langs"
            " FROM page p ORDER BY COALESCE(p.last_published, p.updated) DESC, p.id"
        )
        return [
            StorySummary(
                r["id"],
                r["title"],
                r["first_published"],
                r["last_published"],
                int(r["n"]),
                sorted((r["outlets"] or "").split(",")) if r["outlets"] else [],
                sorted((r["langs"] or "").split(",")) if r["langs"] else [],
            )
            for r in self._query(sql, params)
        ]

    def unclustered_articles(self) -> list[Article]:
        rows = self._query(
            "SELECT data FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles)"
            " ORDER BY COALESCE(published, ingested), rowid"
        )
        return [Article.from_dict(json.loads(r["data"])) for r in rows]

    # ------------------------------------------------------------------ vectors and state

    def put_vectors(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        rows = []
        for article_id, vec in vectors.items():
            arr = np.asarray(vec, dtype=np.float32)
            rows.append((model, article_id, int(arr.shape[0]), arr.tobytes()))
        with self._tx() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO vectors(model, article_id, dim, data) VALUES (?,?,?,?)", rows
            )

    def get_vectors(self, model: str, ids: Iterable[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        id_list = list(ids)
        for start in range(0, len(id_list), 500):
            chunk = id_list[start : start + 500]
            rows = self._query(
                f"SELECT article_id, data FROM vectors WHERE model = ? AND article_id IN ({','.join('?' * len(chunk))})",
                (model, *chunk),
            )
            for r in rows:
                out[r["article_id"]] = np.frombuffer(r["data"], dtype=np.float32).copy()
        return out

    def put_state(self, key: str, value: bytes) -> None:
        with self._tx() as conn:
            conn.execute("INSERT OR REPLACE INTO state(key, value) VALUES (?, ?)", (key, value))

    def get_state(self, key: str) -> bytes | None:
        rows = self._query("SELECT value FROM state WHERE key = ?", (key,))
        return bytes(rows[0]["value"]) if rows else None

    # ------------------------------------------------------------------ sources

    def sources(self) -> list[SourceInfo]:
        rows = self._query(
            "SELECT s.domain, s.name, s.meta, count(a.id) AS n, group_concat(DISTINCT a.language) AS langs"
            " FROM sources s LEFT JOIN articles a ON a.domain = s.domain GROUP BY s.domain ORDER BY n DESC, s.domain"
        )
        return [
            SourceInfo(
                domain=r["domain"],
                name=r["name"],
                articles=int(r["n"]),
                languages=sorted((r["langs"] or "").split(",")) if r["langs"] else [],
                meta=json.loads(r["meta"] or "{}"),
            )
            for r in rows
        ]

    def source_names(self, domains: Iterable[str]) -> dict[str, str]:
        wanted = sorted({d for d in domains if d})
        out: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self._query(
                f"SELECT domain, name FROM sources WHERE name IS NOT NULL AND domain IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            out.update({r["domain"]: r["name"] for r in rows})
        return out

    def update_source(self, domain: str, meta: dict[str, Any]) -> None:
        with self._tx() as conn:
            row = conn.execute("SELECT meta FROM sources WHERE domain = ?", (domain,)).fetchone()
            merged = {**(json.loads(row["meta"]) if row else {}), **meta}
            conn.execute(
                "INSERT INTO sources(domain, meta) VALUES (?, ?) ON CONFLICT(domain) DO UPDATE SET meta = excluded.meta",
                (domain, json.dumps(merged, ensure_ascii=False)),
            )

    # ------------------------------------------------------------------ lifecycle

    def integrity_problems(self) -> list[str]:
        """Cross-table checks a half-written store would fail (used by tests and ``newsprism doctor``)."""
        problems = []
        check = self._query("PRAGMA integrity_check")[0][0]
        if check != "ok":
            problems.append(f"integrity_check: {check}")
        n_articles = self.count_articles()
        n_fts = int(self._query("SELECT count(*) AS n FROM articles_fts")[0]["n"])
        if n_fts != n_articles:
            problems.append(f"{n_articles} articles but {n_fts} full-text rows")
        orphans = self._query(
            "SELECT count(*) AS n FROM raw_pages WHERE article_id NOT IN (SELECT id FROM articles)"
        )
        if orphans[0]["n"]:
            problems.append(f"{orphans[0]['n']} raw pages without an article")
        return problems

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
