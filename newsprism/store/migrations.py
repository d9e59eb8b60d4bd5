"""Named schema migrations, applied in order and recorded in the ``migrations`` table.

A migration is never edited once released: a schema change is a new named migration appended to the
list. Each backend has its own SQL for the same names, so both stores move in step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


SQLITE: list[Migration] = [
    Migration(
        "0001_articles",
        """
        CREATE TABLE articles (
            id          TEXT PRIMARY KEY,
            url         TEXT,
            text_hash   TEXT NOT NULL,
            domain      TEXT,
            source_name TEXT,
            title       TEXT,
            published   TEXT,
            language    TEXT NOT NULL DEFAULT 'und',
            ingested    TEXT NOT NULL,
            updated     TEXT NOT NULL,
            data        TEXT NOT NULL
        );
        CREATE INDEX articles_text_hash ON articles(text_hash);
        CREATE INDEX articles_published ON articles(published, ingested);
        CREATE INDEX articles_domain ON articles(domain);
        CREATE TABLE raw_pages (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            content    BLOB NOT NULL
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
        """,
    ),
    Migration(
        "0002_runs_inputs_skips",
        """
        CREATE TABLE runs (
            id       TEXT PRIMARY KEY,
            started  TEXT NOT NULL,
            finished TEXT,
            inputs   TEXT NOT NULL,
            stats    TEXT
        );
        CREATE TABLE inputs_done (
            key     TEXT PRIMARY KEY,
            done_at TEXT NOT NULL
        );
        CREATE TABLE skips (
            id     INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT,
            input  TEXT NOT NULL,
            reason TEXT NOT NULL,
            stage  TEXT NOT NULL,
            at     TEXT NOT NULL
        );
        CREATE INDEX skips_run ON skips(run_id);
        """,
    ),
    Migration(
        "0003_stories",
        """
        CREATE TABLE stories (
            id              TEXT PRIMARY KEY,
            title           TEXT NOT NULL,
            first_published TEXT,
            last_published  TEXT,
            updated         TEXT NOT NULL,
            data            TEXT NOT NULL
        );
        CREATE INDEX stories_last ON stories(last_published);
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY,
            story_id   TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        """,
    ),
    Migration(
        "0004_vectors_state_sources",
        """
        CREATE TABLE vectors (
            model      TEXT NOT NULL,
            article_id TEXT NOT NULL,
            dim        INTEGER NOT NULL,
            data       BLOB NOT NULL,
            PRIMARY KEY (model, article_id)
        );
        CREATE TABLE state (
            key   TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );
        CREATE TABLE sources (
            domain TEXT PRIMARY KEY,
            name   TEXT,
            meta   TEXT NOT NULL DEFAULT '{}'
        );
        """,
    ),
]
