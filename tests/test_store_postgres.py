"""The PostgreSQL store: what only it has to get right (connections, migrations racing, writers racing).

The behaviour both backends share is tested in test_store.py, which runs every test on both.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pgserver
import psycopg
import pytest

import newsprism.store.postgres as pg
from newsprism.errors import StoreError
from newsprism.records import Article, Source
from newsprism.store import open_store
from newsprism.store.migrations import POSTGRES, SQLITE


def make_article(text: str, url: str | None = None, **kw) -> Article:
    return Article(id=Article.make_id(url, text), url=url, text=text, **kw)


@pytest.fixture
def pg_url(pg_server):
    return pg_server.new_database()


# ------------------------------------------------------------------ connecting


def test_wrong_password_is_a_store_error_naming_the_url_without_the_password(pg_server):
    url = pg_server.url(password="not-the-password")
    with pytest.raises(StoreError) as info:
        open_store(url)
    message = str(info.value)
    assert f"postgresql://newsprism@127.0.0.1:{pg_server.port}/newsprism" in message
    assert "not-the-password" not in message
    assert "password authentication failed" in message and "check the user name and password" in message


def test_cli_reports_wrong_credentials_in_one_line_and_exits_2(pg_server):
    url = pg_server.url(password="not-the-password")
    done = subprocess.run(
        [sys.executable, "-m", "newsprism", "stories", "--db", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "not-the-password" not in done.stderr
    assert "check the user name and password" in done.stderr


def test_no_server_at_the_port_is_a_store_error_saying_to_check_host_and_port():
    port = pgserver._free_port()
    with pytest.raises(StoreError, match="check that the server is running and the host and port"):
        open_store(f"postgresql://u:secret@127.0.0.1:{port}/db")


def test_a_missing_database_is_a_store_error_saying_to_create_it(pg_server):
    with pytest.raises(StoreError, match="create it"):
        open_store(pg_server.url("no_such_db"))


def test_without_psycopg_the_error_names_the_extra_to_install(monkeypatch):
    monkeypatch.setattr(pg, "psycopg", None)
    with pytest.raises(StoreError, match=r"pip install 'newsprism\[postgres\]'"):
        pg.PostgresStore("postgresql://u:secret@127.0.0.1:1/db")


def test_redact_url_drops_passwords_from_user_part_and_parameters():
    assert (
        pg.redact_url("postgresql://ann:s3cret@db.example:5432/news")
        == "postgresql://ann@db.example:5432/news"
    )
    assert (
        pg.redact_url("postgresql://db.example/news?password=s3cret&sslmode=require")
        == "postgresql://db.example/news?sslmode=require"
    )
    assert pg.redact_url("postgresql://:s3cret@db.example/news") == "postgresql://db.example/news"


def test_store_url_attribute_is_safe_to_print(pg_server, pg_url):
    with open_store(pg_url) as s:
        assert pg_server.password not in s.url and s.url.startswith("postgresql://newsprism@127.0.0.1")


def test_the_short_postgres_scheme_opens_the_same_store(pg_url):
    with open_store(pg_url) as s:
        s.put_article(make_article("One article."))
    with open_store("postgres://" + pg_url.split("://", 1)[1]) as s:
        assert s.count_articles() == 1


def test_missing_server_binaries_fail_with_an_install_hint(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSPRISM_PG_BINDIR", raising=False)
    with pytest.raises(pgserver.PgServerError, match="install Debian's `postgresql` package"):
        pgserver.find_bindir([str(tmp_path)])


def test_a_wrong_server_binaries_setting_is_named_in_the_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_PG_BINDIR", str(tmp_path))
    with pytest.raises(pgserver.PgServerError, match=f"NEWSPRISM_PG_BINDIR={tmp_path} holds no initdb"):
        pgserver.find_bindir()


# ------------------------------------------------------------------ migrations


def test_postgres_migrations_have_the_sqlite_names_in_the_same_order():
    assert [m.name for m in POSTGRES] == [m.name for m in SQLITE]


def test_reopening_applies_no_migration_twice(pg_url):
    with open_store(pg_url) as s:
        assert s.applied_migrations() == [m.name for m in POSTGRES]
    with open_store(pg_url) as s:
        assert s.migrate(POSTGRES) == []
        assert s.applied_migrations() == [m.name for m in POSTGRES]
        assert s.integrity_problems() == []


def test_a_failing_migration_is_rolled_back_and_reported(pg_url):
    bad = pg.Migration("0099_broken", "CREATE TABLE half_done (x INT); SELECT no_such_column FROM half_done")
    with open_store(pg_url) as s:
        with pytest.raises(StoreError, match="migration 0099_broken failed"):
            s.migrate([*POSTGRES, bad])
        assert "0099_broken" not in s.applied_migrations()
        assert s.migrate(POSTGRES) == []  # the connection is usable after the failure
        assert s.count_articles() == 0


# ------------------------------------------------------------------ concurrent writers

_WRITER = """
import random, sys
from newsprism.records import Article, Source
from newsprism.store import open_store

url, seed, with_urls = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
print("ready", flush=True)
sys.stdin.readline()  # every writer starts at the same moment
store = open_store(url)  # the first open of the database races too
order = list(range(200))
random.Random(seed).shuffle(order)
for i in order:
    text = f"Article {i}: the harbour authority counted {i * 7} containers on the quay this morning."
    url_i = f"https://wire.example/story/{i}" if with_urls or i % 2 else None
    a = Article(id=Article.make_id(url_i, text), url=url_i, text=text, title=f"Story {i}",
                source=Source("Wire", "wire.example"), language="en")
    store.put_article(a, raw=b"<p>" + text.encode() + b"</p>", input_key=f"wire:{i}")
store.close()
"""


def test_three_processes_writing_the_same_articles_store_each_once(pg_url):
    # two writers carry URLs; the third has none for half of the articles (the same text, so the same
    # article by the text rule): the races on the id and on the text hash are both exercised
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, pg_url, str(seed), with_urls],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed, with_urls in [(1, "1"), (1, "1"), (1, "0")]
    ]
    for w in writers:
        assert w.stdout.readline().strip() == "ready"
    for w in writers:
        w.stdin.write("go\n")
        w.stdin.flush()
    for w in writers:
        _, err = w.communicate(timeout=300)
        assert w.returncode == 0, err
    with open_store(pg_url) as s:
        assert s.count_articles() == 200
        assert s.integrity_problems() == []
        articles = list(s.articles())
        assert sorted(a.url for a in articles) == sorted(
            f"https://wire.example/story/{i}" for i in range(200)
        )
        assert all(s.is_done(f"wire:{i}") for i in range(200))
        (src,) = s.sources()
        assert src.articles == 200 and src.name == "Wire"
        assert s.applied_migrations() == [m.name for m in POSTGRES]


def test_integrity_check_reports_a_text_stored_twice_without_url(pg_url):
    with open_store(pg_url) as s:
        s.put_article(make_article("The same words."))
        with s._conn.transaction():  # what a racing writer without locks would leave behind
            s._conn.execute(
                "INSERT INTO articles(id, url, text_hash, language, ingested, updated, data, tsv)"
                " SELECT 'twin', url, text_hash, language, ingested, updated, data, tsv FROM articles"
            )
        assert s.integrity_problems() == ["1 texts stored more than once without a URL"]


def test_integrity_check_accepts_two_outlets_copies_and_headlines_without_url(pg_url):
    with open_store(pg_url) as s:
        for name in ("Coast Daily", "Island Herald"):
            text = "The same wire words."
            s.put_article(Article(id=Article.make_id(None, text, name), text=text, source=Source(name, None)))
        for title in ("Dockers strike", "Ferry halted"):
            s.put_article(Article(id=Article.make_id(None, title), title=title))
        assert s.count_articles() == 4 and s.integrity_problems() == []


# ------------------------------------------------------------------ both backends, beyond test_store.py


def test_nul_characters_read_back_and_do_not_break_search(store):
    a = make_article(
        "Port\x00 strike enters its third day.", title="Strike\x00", source=Source("W\x00", None)
    )
    stored = store.put_article(a, input_key="in\x00put")
    back = store.get_article(stored.id)
    assert back.text == a.text and back.title == "Strike\x00" and back.source.name == "W\x00"
    assert [x.id for x in store.search("strike third")] == [stored.id]


def test_search_ranks_a_title_match_above_a_body_match(store):
    store.put_article(make_article("The ferry was late again because of the storm.", title="Weather"))
    store.put_article(make_article("Crossings resume after the storm.", title="Ferry service back"))
    assert [a.title for a in store.search("ferry")] == ["Ferry service back", "Weather"]
    assert [a.title for a in store.search("ferry", limit=1, offset=1)] == ["Weather"]


@pytest.mark.parametrize("query", ["", "   ", "'", "\\", "&|!:*()", "<-> ''' \\'", "a' | b"])
def test_search_with_query_syntax_characters_finds_nothing_and_raises_nothing(store, query):
    store.put_article(make_article("Nothing to see in these words."))
    assert store.search(query) == []


def test_articles_are_streamed_in_order_across_chunks_with_limit_and_offset(store, monkeypatch):
    monkeypatch.setattr(pg, "_CHUNK", 3)  # force several round trips on PostgreSQL
    for i in range(10):
        store.put_article(make_article(f"Item {i} text.", published=f"2026-03-{10 + i:02d}T00:00:00+00:00"))
    texts = [a.text for a in store.articles()]
    assert texts == [f"Item {i} text." for i in range(10)]
    assert [a.text for a in store.articles(limit=5, offset=2)] == [f"Item {i} text." for i in range(2, 7)]
    assert [a.text for a in store.articles(since="2026-03-18")] == ["Item 8 text.", "Item 9 text."]


def test_many_vectors_and_state_round_trip_in_one_batch(store):
    rng = np.random.default_rng(7)
    vectors = {f"a{i}": rng.standard_normal(64).astype(np.float32) for i in range(2000)}
    store.put_vectors("use", vectors)
    store.put_vectors("use", {"a0": np.ones(64, dtype=np.float32)})
    got = store.get_vectors("use", list(vectors))
    assert len(got) == 2000 and np.array_equal(got["a0"], np.ones(64, dtype=np.float32))
    assert np.array_equal(got["a1999"], vectors["a1999"])
    store.put_state("clusterer", b"\x00\x01state")
    store.put_state("clusterer", b"\x00\x02state")
    assert store.get_state("clusterer") == b"\x00\x02state" and store.get_state("other") is None


def test_a_connection_dropped_by_the_server_is_opened_again(pg_server, pg_url):
    with open_store(pg_url) as s:
        s.put_article(make_article("Before the restart."))
        admin = pg_server.url(pg_url.rsplit("/", 1)[1])
        with psycopg.connect(admin, autocommit=True) as other:
            other.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'newsprism'"
            )
        assert s.count_articles() == 1
        s.put_article(make_article("After the restart."))
        assert s.count_articles() == 2


def test_a_closed_store_is_not_opened_again(pg_url):
    s = open_store(pg_url)
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.count_articles()


def test_a_very_long_text_is_stored_whole_and_searchable_by_its_start(store):
    text = " ".join(f"w{i}" for i in range(60_000))  # about 400,000 characters
    stored = store.put_article(make_article(text, title="Long"))
    assert store.get_article(stored.id).text == text
    assert [a.title for a in store.search("w12345")] == ["Long"]


def test_articles_by_ids_returns_only_those(store):
    ids = [store.put_article(make_article(f"Text number {i}.")).id for i in range(4)]
    assert sorted(a.id for a in store.articles(ids=[ids[1], ids[3], "missing"])) == sorted([ids[1], ids[3]])
    assert list(store.articles(ids=[])) == []


def test_no_transaction_stays_open_between_calls(pg_url):
    # an idle open transaction would hold locks and an old snapshot against every other writer
    idle = psycopg.pq.TransactionStatus.IDLE
    with open_store(pg_url) as s:
        assert s._conn.info.transaction_status == idle
        s.put_article(make_article("One.", url="https://x.example/1"), raw=b"x", input_key="k")
        assert s._conn.info.transaction_status == idle
        stream = s.articles()
        next(stream)
        assert s._conn.info.transaction_status == idle
        s.search("one")
        s.update_source("x.example", {"country": "Freedonia"})
        assert s._conn.info.transaction_status == idle


def test_without_the_unaccent_extension_search_works_without_folding_accents(pg_server):
    # a database where the store's user may create tables but not extensions
    name = "no_unaccent"
    with psycopg.connect(pg_server.url("postgres", user="postgres"), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
        admin.execute(f"REVOKE CREATE ON DATABASE {name} FROM PUBLIC")
    with psycopg.connect(pg_server.url(name, user="postgres"), autocommit=True) as admin:
        admin.execute(f"GRANT CREATE ON SCHEMA public TO {pgserver.ROLE}")
    with open_store(pg_server.url(name)) as s:
        assert s.integrity_problems() == []
        s.put_article(make_article("Les dockers sont en grève.", title="Grève au port"))
        assert [a.title for a in s.search("grève")] == ["Grève au port"]
        assert s.search("greve") == []
        assert not s._query("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
