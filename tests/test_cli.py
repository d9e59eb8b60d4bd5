from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

from newsprism.cli import main

EXAMPLES = ROOT / "examples"
CONTRACT = {
    "id",
    "url",
    "path",
    "source",
    "title",
    "published",
    "language",
    "dateline",
    "text",
    "comments",
    "removed",
    "warnings",
    "sentences",
    "entities",
    "quotes",
    "numbers",
}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_prints_articles_with_every_contract_field(capsys):
    code, out, _ = run(capsys, "extract", str(EXAMPLES / "text"), "--format", "json", "--workers", "1", "-q")
    assert code == 0
    articles = json.loads(out)["articles"]
    assert len(articles) >= 5
    for a in articles:
        assert set(a) >= CONTRACT
        assert a["text"] and a["language"] in {"en", "fr", "de", "es", "ru", "vi", "und"}
        assert set(a["source"]) == {"name", "domain"}


def test_extract_skips_bad_inputs_by_name_and_exits_1(capsys, tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "nav-only.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    code, out, err = run(
        capsys,
        "extract",
        str(tmp_path / "empty.html"),
        str(tmp_path / "nav-only.html"),
        str(EXAMPLES / "text" / "labrujula-banco-central.txt"),
        "--format",
        "jsonl",
        "--workers",
        "1",
    )
    assert code == 1
    assert len(out.strip().splitlines()) == 1
    assert f"skipped {tmp_path / 'empty.html'}: empty input" in err
    assert f"skipped {tmp_path / 'nav-only.html'}:" in err


def test_usage_errors_exit_2(capsys):
    assert run(capsys, "stories", "--db", "mysql://nowhere/x")[0] == 2
    with pytest.raises(SystemExit) as exc:
        main(["extract"])
    assert exc.value.code == 2


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("cluster.join_threshold=1.5", "cluster.join_threshold must lie between 0 and 1, got 1.5"),
        ("embed.model=bert", "embed.model must be one of auto, use, e5, got 'bert'"),
    ],
)
def test_a_bad_grouping_setting_is_named_and_exits_2_before_any_work(capsys, tmp_path, setting, message):
    db = tmp_path / "s.db"
    for command in (["ingest", str(EXAMPLES / "text"), "--db", str(db)], ["compare", str(EXAMPLES / "text")]):
        code, out, err = run(capsys, *command, "--set", setting, "--workers", "1")
        assert code == 2 and out == ""
        assert message in err
    if db.exists():  # the store may have been opened, but nothing was read into it
        from newsprism.store import open_store

        with open_store(str(db)) as store:
            assert store.count_articles() == 0


def test_ingest_twice_updates_nothing_and_lists_stories(capsys, tmp_path):
    db = str(tmp_path / "s.db")
    code, _, err = run(capsys, "ingest", str(EXAMPLES / "text"), "--db", db, "--no-analyze", "--workers", "1")
    assert code == 0, err
    first = json.loads(run(capsys, "stories", "--db", db, "--format", "json")[1])["stories"]
    assert first and all(s["article_ids"] for s in first)
    code, out, err = run(
        capsys, "ingest", str(EXAMPLES / "text"), "--db", db, "--no-analyze", "--format", "json"
    )
    stats = json.loads(out)
    assert code == 0 and stats["articles"] == 0 and stats["already_done"] >= 5
    story_id = first[0]["id"]
    code, out, _ = run(capsys, "story", story_id, "--db", db, "--format", "json")
    shown = json.loads(out)
    assert code == 0 and shown["stories"][0]["id"] == story_id
    assert {a["id"] for a in shown["articles"]} == set(first[0]["article_ids"])


def test_python_dash_m_runs_the_cli():
    out = subprocess.run(
        [sys.executable, "-m", "newsprism", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("newsprism ")


def test_a_page_without_a_date_takes_its_datelines_day_and_the_year_of_its_comments(capsys, tmp_path):
    page = tmp_path / "wire.txt"
    page.write_text(
        "Harbour reopens after strike\n\n"
        "PORTVALE, March 9 (Meridian Wire) - The harbour of Portvale reopened on Monday after dockworkers"
        " accepted a new pay offer, the port authority said.\n\n"
        "Ships began unloading within hours, and the authority expects the backlog to clear by Friday.\n\n"
        "Comments (1)\n\nreader42\n10/03/26 08:15\nAbout time.\n"
    )
    code, out, _ = run(capsys, "extract", str(page), "--format", "json", "--workers", "1", "-q")
    (article,) = json.loads(out)["articles"]
    assert code == 0 and article["published"] == "2026-03-09"
    assert any("dateline" in w for w in article["warnings"])


def test_ingest_refuses_another_embedder_for_a_grouped_store_before_reading(capsys, tmp_path):
    db = str(tmp_path / "s.db")
    code, _, err = run(capsys, "ingest", str(EXAMPLES / "text"), "--db", db, "--no-analyze", "--workers", "1")
    assert code == 0, err
    from newsprism.store import open_store

    with open_store(db) as store:
        before = store.count_articles()
    page = tmp_path / "new.txt"
    page.write_text("Harbour reopens\n\nThe harbour of Portvale reopened on Monday after a strike ended.\n")
    code, out, err = run(capsys, "ingest", str(page), "--db", db, "--embedder", "e5", "--workers", "1")
    assert code == 2 and out == ""
    assert "were built with the use-m3 embedder, not e5-small" in err
    with open_store(db) as store:
        assert store.count_articles() == before  # the new page was not read


def test_embedder_flag_applies_to_the_clustering_evaluation_only(capsys, tmp_path, monkeypatch):
    code, _, err = run(capsys, "eval", "quotes", "--data", str(tmp_path), "--embedder", "e5")
    assert code == 2 and "--embedder apply to the clustering evaluation only" in err
    seen = {}

    def fake(task, data, split, **options):
        seen.update(options)
        return {"bcubed_f1": 1.0}

    monkeypatch.setattr("newsprism.evaluate.evaluate", fake)
    args = ["eval", "clustering", "--data", str(tmp_path), "--format", "json"]
    assert run(capsys, *args, "--embedder", "e5", "--set", "cluster.join_threshold=0.5")[0] == 0
    assert seen["embedder"] == "e5-small" and seen["join_threshold"] == 0.5
    assert run(capsys, *args)[0] == 0 and seen["embedder"] == "auto"
