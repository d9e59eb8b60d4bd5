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


# The clusterer's and the syndication index's state, row by row, so that an ingest run reads only the
# live window and writes only what it changed (newsprism/store/state.py). Stories are keyed by the
# clusterer's integer key; ``vec_sum`` is set only while a story is live (in the window index), and
# ``recent`` and ``profile`` (its recent members' vectors; its words, entities, numbers and recent
# titles as JSON) only then too. ``cluster_terms`` holds document frequencies: ``space`` is a language,
# or ``#entities``. The syndication index keeps each MinHash once, its LSH bands as 64-bit keys, and its
# groups of copies (``dedup_hashes.grp``); in SQLite the integer keys are the rowid. A store saved
# whole by older versions (``state`` rows ``clusterer`` and ``clusterer:syndication``) is converted to
# these rows by its next ingest run.
_STATE_SQL = """
CREATE TABLE cluster_stories (
    key         {int_pk} PRIMARY KEY,
    id          TEXT NOT NULL,
    first       {real} NOT NULL,
    last        {real} NOT NULL,
    n           BIGINT NOT NULL,
    merged_into BIGINT NOT NULL DEFAULT -1,
    vec_sum     {blob},
    recent      {blob},
    profile     TEXT
);
CREATE INDEX cluster_stories_live ON cluster_stories(key) WHERE vec_sum IS NOT NULL;
CREATE INDEX cluster_stories_id ON cluster_stories(id);
CREATE TABLE cluster_articles (
    article_id TEXT PRIMARY KEY,
    story_key  BIGINT NOT NULL
);
CREATE TABLE cluster_terms (
    space TEXT NOT NULL,
    term  BIGINT NOT NULL,
    n     BIGINT NOT NULL,
    PRIMARY KEY (space, term)
){without};
CREATE TABLE dedup_hashes (
    seq        {int_pk} PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    sort_when  TEXT NOT NULL,
    scheme     TEXT NOT NULL,
    hashvalues {blob} NOT NULL,
    grp        BIGINT
);
CREATE INDEX dedup_hashes_grp ON dedup_hashes(grp) WHERE grp IS NOT NULL;
CREATE TABLE dedup_bands (
    band_key BIGINT NOT NULL,
    seq      BIGINT NOT NULL,
    PRIMARY KEY (band_key, seq)
){without};
CREATE TABLE dedup_groups (
    id          {int_pk} PRIMARY KEY,
    origin      TEXT NOT NULL,
    origin_when TEXT NOT NULL
);
"""


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
    Migration(
        "0005_story_activity_index",
        """
        CREATE INDEX stories_activity ON stories((COALESCE(last_published, updated)) DESC, id);
        """,
    ),
    # SQLite already numbers rows in insertion order (rowid): the order of arrival needs no column
    Migration("0006_article_arrival", "SELECT 1;"),
    Migration(
        "0007_incremental_state",
        _STATE_SQL.format(int_pk="INTEGER", blob="BLOB", real="REAL", without=" WITHOUT ROWID"),
    ),
]


# PostgreSQL: the same names, in the same order. Timestamps stay ISO-8601 TEXT so both backends order and
# filter them alike; article and story records are JSON TEXT (not jsonb: jsonb cannot hold "\u0000").
# ``newsprism_fold`` strips accents with the ``unaccent`` extension when it can be created, and is the
# identity otherwise; it is declared IMMUTABLE (with its dictionary named) so indexes may use it.
POSTGRES: list[Migration] = [
    Migration(
        "0001_articles",
        """
        DO $fold$
        DECLARE
            ns text;
        BEGIN
            BEGIN
                CREATE EXTENSION IF NOT EXISTS unaccent;
            EXCEPTION WHEN OTHERS THEN
                RAISE NOTICE 'unaccent is not available (%): search will not fold accents', SQLERRM;
            END;
            SELECT extnamespace::regnamespace::text INTO ns FROM pg_extension WHERE extname = 'unaccent';
            IF ns IS NULL THEN
                CREATE FUNCTION newsprism_fold(t text) RETURNS text
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT t';
            ELSE
                EXECUTE format(
                    'CREATE FUNCTION newsprism_fold(t text) RETURNS text'
                    ' LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS %L',
                    format('SELECT %s.unaccent(%L::regdictionary, t)', ns, ns || '.unaccent')
                );
            END IF;
        END
        $fold$;
        CREATE TABLE articles (
            id          TEXT COLLATE "C" PRIMARY KEY,
            url         TEXT,
            text_hash   TEXT NOT NULL,
            domain      TEXT,
            source_name TEXT,
            title       TEXT,
            published   TEXT COLLATE "C",
            language    TEXT NOT NULL DEFAULT 'und',
            ingested    TEXT COLLATE "C" NOT NULL,
            updated     TEXT COLLATE "C" NOT NULL,
            data        TEXT NOT NULL,
            tsv         TSVECTOR NOT NULL
        );
        CREATE INDEX articles_text_hash ON articles(text_hash);
        CREATE INDEX articles_published ON articles((COALESCE(published, ingested)), ingested, id);
        CREATE INDEX articles_domain ON articles(domain);
        CREATE INDEX articles_tsv ON articles USING GIN (tsv);
        CREATE TABLE raw_pages (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            content    BYTEA NOT NULL
        );
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
            id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
            id              TEXT COLLATE "C" PRIMARY KEY,
            title           TEXT NOT NULL,
            first_published TEXT COLLATE "C",
            last_published  TEXT COLLATE "C",
            updated         TEXT COLLATE "C" NOT NULL,
            data            TEXT NOT NULL
        );
        CREATE INDEX stories_last ON stories((COALESCE(last_published, updated)) DESC, id);
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
            data       BYTEA NOT NULL,
            PRIMARY KEY (model, article_id)
        );
        CREATE TABLE state (
            key   TEXT PRIMARY KEY,
            value BYTEA NOT NULL
        );
        CREATE TABLE sources (
            domain TEXT PRIMARY KEY,
            name   TEXT,
            meta   TEXT NOT NULL DEFAULT '{}'
        );
        """,
    ),
    Migration(
        "0005_story_activity_index",
        """
        CREATE INDEX stories_activity ON stories((COALESCE(last_published, updated)) DESC, id);
        """,
    ),
    # the order articles arrived in, to break ties of publication time the same way on every run
    # (SQLite has its rowid); rows that exist get numbers in an unspecified order
    Migration(
        "0006_article_arrival",
        """
        ALTER TABLE articles ADD COLUMN arrival BIGINT GENERATED BY DEFAULT AS IDENTITY;
        CREATE INDEX articles_arrival ON articles((COALESCE(published, ingested)), arrival);
        """,
    ),
    Migration(
        "0007_incremental_state",
        _STATE_SQL.format(int_pk="BIGINT", blob="BYTEA", real="DOUBLE PRECISION", without=""),
    ),
]
