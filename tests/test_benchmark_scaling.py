"""``newsprism bench scaling`` with a store: a small stream through SQLite and PostgreSQL, checked by counts."""

from __future__ import annotations

import psycopg
import pytest

from newsprism.benchmark import scaling
from newsprism.cli import main
from newsprism.errors import UsageError


def _check(result: dict, store: str, n: int, batch: int) -> dict:
    assert result["store"] == store
    assert result["articles_per_ingest_run"] == batch
    (size,) = result["sizes"]
    assert size["articles"] == n
    assert size["ingest_runs"] == -(-n // batch)
    # the store ends with exactly n articles, each in exactly one story
    assert size["stored_articles"] == n
    assert size["articles_in_stories"] == n
    assert size["distinct_articles_in_stories"] == n
    assert size["unclustered_articles"] == 0
    assert 0 < size["stories"] <= n
    assert size["bcubed_f1_vs_planted"] >= 0.9  # planted stories are well apart: grouping them is easy
    assert size["store_us_per_article"] > 0 and size["cluster_us_per_article"] > 0
    assert size["us_per_article"] >= size["store_us_per_article"]
    assert size["store_articles_per_s"] > 0
    assert size["disk_bytes"] > 0
    assert size["time_ratio_to_smallest"] == 1.0
    return size


def test_sqlite_store_holds_every_article_once_in_a_story():
    result = scaling.run([600], dim=32, batch=250, text_words=40, store="sqlite")
    _check(result, "sqlite", 600, 250)


def test_postgres_on_a_given_server_uses_and_drops_its_own_database(pg_server):
    url = pg_server.url()
    result = scaling.run([500], dim=32, batch=200, text_words=40, store="postgres", db=url)
    _check(result, "postgres", 500, 200)
    with psycopg.connect(url) as conn:
        left = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'newsprism_bench_%'"
        ).fetchall()
    assert left == []


def test_postgres_without_db_starts_a_throwaway_server():
    result = scaling.run([300], dim=32, batch=300, text_words=40, store="postgres")
    size = _check(result, "postgres", 300, 300)
    assert size["disk_bytes_per_article"] > 0


def test_without_a_store_the_report_is_as_before():
    result = scaling.run([300], dim=32)
    assert result["store"] == "none"
    assert "articles_per_ingest_run" not in result
    (size,) = result["sizes"]
    assert size["articles"] == 300 and size["cpu_time_ratio_to_smallest"] == 1.0
    assert "store_us_per_article" not in size


def test_missing_postgres_binaries_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSPRISM_PG_BINDIR", str(tmp_path))
    with pytest.raises(UsageError, match="needs a server: NEWSPRISM_PG_BINDIR"):
        scaling.run([100], store="postgres")
    assert main(["bench", "scaling", "--store", "postgres", "--sizes", "100"]) == 2
    err = capsys.readouterr().err
    assert "initdb" in err and "Traceback" not in err


def test_bad_store_arguments_are_usage_errors():
    with pytest.raises(UsageError, match="choose sqlite or postgres"):
        scaling.run([100], store="mysql")
    with pytest.raises(UsageError, match="--db is for --store postgres"):
        scaling.run([100], store="sqlite", db="postgresql://x@127.0.0.1/x")
    with pytest.raises(UsageError, match="postgresql:// URL"):
        scaling.run([100], store="postgres", db="sqlite:///x.db")


def test_unusable_db_is_a_usage_error(pg_server):
    with pytest.raises(UsageError, match="cannot connect to the --db server"):
        scaling.run([100], store="postgres", db=pg_server.url(password="wrong"))
    with pytest.raises(UsageError, match="cannot connect to the --db server"):
        scaling.run([100], store="postgres", db="postgresql://x:y@127.0.0.1:1/x")
