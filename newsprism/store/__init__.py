"""The store: articles, stories, vectors, runs and skips, behind one small interface.

``open_store(url)`` picks the backend: ``sqlite:///path.db`` (or a bare path) for the embedded SQLite
store (default), ``postgresql://…`` for PostgreSQL. Every write is one transaction: a run killed at
any moment leaves the store consistent, and running it again finishes the job.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.errors import UsageError
from newsprism.records import Article, Skip, Story, outlet_key


@dataclass
class PutResult:
    """What ``put_article`` did: the id kept, and whether it was new."""

    id: str
    created: bool


@dataclass
class SourceInfo:
    """An outlet as the store knows it, with user-editable metadata."""

    domain: str
    name: str | None = None
    articles: int = 0
    languages: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # country, ownership, notes …


@dataclass
class StorySummary:
    """A story as a list shows it: no comparison, just what it covers."""

    id: str
    title: str
    first_published: str | None = None
    last_published: str | None = None
    n_articles: int = 0
    outlets: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)


def same_stored_text(article: Article, url: str | None, domain: str | None, name: str | None) -> bool:
    """Whether a stored row whose clean text is ``article``'s (same ``text_hash``), with this URL and
    outlet, is ``article`` read again: it is unless the two carry different URLs or name different
    outlets (wire copy republished by two outlets is two articles, grouped later as syndication). An
    empty text (a headline-only record) matches nothing: its id, from its URL or headline, tells it."""
    if not article.text.strip():
        return False
    if url and article.url and url != article.url:
        return False
    if domain and article.source.domain and outlet_key(domain) != outlet_key(article.source.domain):
        return False
    return not (name and article.source.name and outlet_key(name) != outlet_key(article.source.name))


class Store(ABC):
    """The interface every backend implements. Methods are transactional; ids are Article.id / Story.id."""

    url: str

    # ---- articles
    @abstractmethod
    def put_article(
        self, article: Article, *, raw: bytes | None = None, input_key: str | None = None
    ) -> PutResult:
        """Insert or update one article atomically.

        An article with the same id (canonical URL) or the same clean text as a stored one updates that
        row, keeping its id, unless URLs or outlets tell them apart (``same_stored_text``). ``raw`` is the
        original page, kept for audit. ``input_key`` marks the input (or record inside it) as done in the
        same transaction, so a re-run can skip it.
        """

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def get_raw(self, article_id: str) -> bytes | None: ...

    @abstractmethod
    def articles(
        self,
        *,
        since: str | None = None,
        ids: Iterable[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Article]:
        """Articles ordered by publication time (then ingest time)."""

    @abstractmethod
    def count_articles(self) -> int: ...

    @abstractmethod
    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> list[Article]:
        """Full-text search over title and text."""

    # ---- inputs done (resume) and skips
    @abstractmethod
    def is_done(self, input_key: str) -> bool: ...

    @abstractmethod
    def mark_done(self, input_keys: Iterable[str]) -> None: ...

    @abstractmethod
    def record_skip(self, skip: Skip, run_id: str | None = None) -> None: ...

    @abstractmethod
    def skips(self, run_id: str | None = None) -> list[Skip]: ...

    @abstractmethod
    def start_run(self, inputs: list[str]) -> str: ...

    @abstractmethod
    def finish_run(self, run_id: str, stats: dict[str, Any]) -> None: ...

    # ---- stories
    @abstractmethod
    def put_story(self, story: Story) -> None:
        """Insert or replace a story (its comparison included) and its article membership."""

    @abstractmethod
    def delete_story(self, story_id: str) -> None: ...

    @abstractmethod
    def get_story(self, story_id: str) -> Story | None: ...

    @abstractmethod
    def stories(
        self, *, since: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Iterator[Story]:
        """Stories, newest (last published) first."""

    @abstractmethod
    def story_of(self, article_id: str) -> str | None: ...

    @abstractmethod
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
        """Stories newest first, filtered by activity date, a language or an outlet (name or domain)
        and restricted to ``ids`` when given; each says how many articles, outlets and languages it has."""

    def unclustered_articles(self) -> list[Article]:
        """Articles in no story yet (new ones, or left by a run killed before it grouped them)."""
        return [a for a in self.articles() if self.story_of(a.id) is None]

    # ---- vectors (cache of embeddings, keyed by model name)
    @abstractmethod
    def put_vectors(self, model: str, vectors: dict[str, np.ndarray]) -> None: ...

    @abstractmethod
    def get_vectors(self, model: str, ids: Iterable[str]) -> dict[str, np.ndarray]: ...

    # ---- key/value state (e.g. the clusterer's saved state)
    @abstractmethod
    def put_state(self, key: str, value: bytes) -> None: ...

    @abstractmethod
    def get_state(self, key: str) -> bytes | None: ...

    # ---- rows of the incremental clustering state (newsprism/store/state.py; "?" placeholders)
    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """A context in which every write of this store object is one transaction: kept whole or not at all
        (``with store.transaction(): …``; writes inside do not commit on their own)."""

    @abstractmethod
    def state_rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one query on the state tables."""

    @abstractmethod
    def state_write(self, statements: Sequence[tuple[str, Sequence[Sequence[Any]]]]) -> None:
        """Run each ``(sql, rows)`` once per row, all in one transaction (empty row lists are skipped)."""

    # ---- sources
    @abstractmethod
    def sources(self) -> list[SourceInfo]: ...

    @abstractmethod
    def update_source(self, domain: str, meta: dict[str, Any]) -> None: ...

    @abstractmethod
    def source_names(self, domains: Iterable[str]) -> dict[str, str]:
        """Domain → the outlet name its articles gave, for those of ``domains`` that have one."""

    # ---- lifecycle
    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def story_page_sql(
    mark: str,
    *,
    since: str | None,
    language: str | None,
    outlet: str | None,
    ids: Iterable[str] | None,
    limit: int,
    offset: int,
) -> tuple[str, list[Any]] | None:
    """The SQL of one page of ``story_summaries`` (stories ``s``, newest activity first) and its
    parameters, for a backend whose placeholder is ``mark``; ``None`` when ``ids`` is empty."""
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append(f"COALESCE(s.last_published, s.updated) >= {mark}")
        params.append(since)
    if ids is not None:
        id_list = list(ids)
        if not id_list:
            return None
        where.append(f"s.id IN ({', '.join([mark] * len(id_list))})")
        params.extend(id_list)
    member = "SELECT 1 FROM story_articles m JOIN articles x ON x.id = m.article_id WHERE m.story_id = s.id"
    if language:
        where.append(f"EXISTS ({member} AND x.language = {mark})")
        params.append(language)
    if outlet:
        where.append(f"EXISTS ({member} AND (x.source_name = {mark} OR x.domain = {mark}))")
        params.extend([outlet, outlet])
    sql = "SELECT s.id, s.title, s.first_published, s.last_published, s.updated FROM stories s"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY COALESCE(s.last_published, s.updated) DESC, s.id LIMIT {mark} OFFSET {mark}"
    params.extend([limit, offset])
    return sql, params


def default_store_url() -> str:
    """A SQLite file in the user's data directory (``$XDG_DATA_HOME/newsprism/newsprism.db``)."""
    env = os.environ.get("NEWSPRISM_DB")
    if env:
        return env
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return f"sqlite:///{Path(base) / 'newsprism' / 'newsprism.db'}"


def open_store(url: str | None = None) -> Store:
    """Open (creating and migrating as needed) the store at ``url``."""
    url = url or default_store_url()
    if url.startswith(("postgresql://", "postgres://")):
        from newsprism.store.postgres import PostgresStore

        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///") :]  # sqlite:///rel.db → rel.db ; sqlite:////abs/x.db → /abs/x.db
    elif "://" in url:
        raise UsageError(f"unknown store URL {url!r}: use sqlite:///FILE or postgresql://…")
    else:
        path = url
    from newsprism.store.sqlite import SQLiteStore

    return SQLiteStore(path)


__all__ = ["Store", "PutResult", "SourceInfo", "StorySummary", "open_store", "default_store_url"]
