from __future__ import annotations

import json

import pytest
import reportdata

from newsprism.cli import main
from newsprism.compare import run as compare_run
from newsprism.records import Skip
from newsprism.store import open_store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def fake_compare(monkeypatch):
    """compare_inputs replaced by the hand-made story; ``skipped`` names what the inputs left out."""
    calls: list[list[str]] = []
    skipped: list[Skip] = []
    options: list[dict] = []

    def fake(inputs, **kwargs):
        calls.append(list(inputs))
        options.append(kwargs)
        return {"articles": reportdata.articles(), "stories": [reportdata.story()], "skipped": list(skipped)}

    monkeypatch.setattr(compare_run, "compare_inputs", fake)
    return calls, skipped, options


def test_compare_json_is_exactly_the_contract(capsys, fake_compare):
    code, out, _ = run(capsys, "compare", "a.html", "b.txt", "--format", "json", "-q")
    payload = json.loads(out)
    assert code == 0 and fake_compare[0] == [["a.html", "b.txt"]]
    assert set(payload) == {"articles", "stories"}
    assert [a["id"] for a in payload["articles"]] == ["a1", "a2", "a3"]
    story = payload["stories"][0]
    for key in (
        "id",
        "title",
        "article_ids",
        "claims",
        "contradictions",
        "voices",
        "omissions",
        "tone",
        "comments",
    ):
        assert key in story
    assert story["comments"]["a1"] == {"count": 2, "tone": -0.2}


def test_compare_exits_1_and_names_each_skipped_input(capsys, fake_compare):
    fake_compare[1].append(Skip("broken.html", "empty input"))
    code, out, err = run(capsys, "compare", "a.html", "broken.html", "--format", "markdown", "-q")
    assert code == 1
    assert out.startswith("# newsprism report")


def test_compare_writes_the_html_report_to_out(capsys, fake_compare, tmp_path):
    target = tmp_path / "deep" / "report.html"
    code, out, err = run(capsys, "compare", "a.html", "b.txt", "--format", "html", "--out", str(target), "-q")
    assert code == 0 and out == ""
    assert f"report written to {target}" in err
    html = target.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Claims reported by several outlets" in html


def test_compare_prints_the_terminal_view_and_writes_the_html_report_from_one_comparison(
    capsys, fake_compare, tmp_path
):
    target = tmp_path / "report.html"
    code, out, err = run(capsys, "compare", "a.html", "b.txt", "--html", str(target), "-q")
    assert code == 0 and "Claims reported by several outlets" in out and "✓" in out
    assert f"report written to {target}" in err
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert len(fake_compare[2]) == 1  # compared once for both outputs


def test_compare_defaults_to_the_terminal_view_and_groups_the_inputs(capsys, fake_compare):
    code, out, _ = run(capsys, "compare", "a.html", "b.txt", "-q")
    assert code == 0
    assert "Claims reported by several outlets" in out and "✓" in out
    assert fake_compare[2][0]["one_story"] is False


def test_compare_one_story_asks_for_all_inputs_as_one_story(capsys, fake_compare):
    assert run(capsys, "compare", "a.html", "b.txt", "--one-story", "-q")[0] == 0
    assert fake_compare[2][0]["one_story"] is True


def test_story_renders_a_stored_comparison_in_every_format(capsys, tmp_path):
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        for article in reportdata.articles():
            store.put_article(article)
        store.put_story(reportdata.story())
    code, out, _ = run(capsys, "story", "st-test", "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)["stories"][0]["tone"] == {"a1": -0.5, "a2": 0.3}
    code, out, _ = run(capsys, "story", "st-test", "--db", db, "--format", "markdown")
    assert code == 0 and "| partial | ✓ | ✓ | · |" in out
    code, out, _ = run(capsys, "story", "st-test", "--db", db, "--format", "html")
    assert code == 0 and 'id="s1-claim-c1"' in out
    target = tmp_path / "story.html"
    code, out, _ = run(capsys, "story", "st-test", "--db", db, "--format", "json", "--html", str(target))
    assert code == 0 and json.loads(out)["stories"][0]["id"] == "st-test"
    assert 'id="s1-claim-c1"' in target.read_text("utf-8")
    assert run(capsys, "story", "st-nothing", "--db", db)[0] == 2


STRIKE_A = """Dockworkers strike at Portvale

PORTVALE, March 2 - About 6,000 dockworkers at the port of Portvale went on strike on Monday over pay, the
Portvale Dockers' Union said. The union wants a 9% pay rise; the port authority has offered 4%.

Union leader Marta Kessling said the strike would last "as long as it takes". Forty ships were waiting
outside the harbour on Monday evening.
"""

STRIKE_B = """Portvale port shut by strike

PORTVALE, March 2 - Some 6,000 dock workers walked out at Portvale on Monday, demanding a 9% rise in pay.
The port authority offered 4% and called the strike irresponsible.

More than 40 ships were waiting at anchor, harbour officials said. Marta Kessling, who leads the union,
said members were angry.

Comments (1)

reader7
02/03/26 19:02
Good luck to the dockers, they deserve a fair deal.
"""


@pytest.mark.slow
def test_compare_two_text_files_end_to_end_with_a_bad_input_named(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(STRIKE_A, "utf-8")
    (tmp_path / "b.txt").write_text(STRIKE_B, "utf-8")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    code, out, err = run(
        capsys, "compare", *(str(tmp_path / n) for n in ("a.txt", "b.txt", "empty.txt")), "--format", "json"
    )
    assert code == 1 and "empty.txt" in err
    payload = json.loads(out)
    assert len(payload["articles"]) == 2
    grouped = [i for s in payload["stories"] for i in s["article_ids"]]
    assert sorted(grouped) == sorted(a["id"] for a in payload["articles"])
    for story in payload["stories"]:
        assert story["tone"] and all(-1 <= v <= 1 for v in story["tone"].values())
        assert set(story["comments"]) == set(story["article_ids"])
    counts = {i: c["count"] for s in payload["stories"] for i, c in s["comments"].items()}
    assert sorted(counts.values()) == [0, 1]


def test_compare_keeps_two_outlets_copies_of_one_wire_text_without_urls_as_one_voice(capsys, tmp_path):
    # the same clean text from two outlets, no URLs: two articles (ids carry the outlet), one syndication group
    wire = (
        "HARBOURTON, March 3 (Coastwire) - Ferry services between Harbourton and the islands were suspended"
        " on Tuesday after a storm damaged the main pier, the port authority said. Repairs are expected to"
        " take at least two weeks, officials said."
    )
    rows = [
        {
            "title": "Ferry service suspended after storm",
            "text": wire,
            "source": name,
            "published": "2026-03-03",
        }
        for name in ("Coast Daily", "Island Herald")
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    code, out, _ = run(capsys, "compare", str(path), "--format", "json")
    assert code == 0
    payload = json.loads(out)
    ids = [a["id"] for a in payload["articles"]]
    assert len(set(ids)) == 2
    assert sorted(a["source"]["name"] for a in payload["articles"]) == ["Coast Daily", "Island Herald"]
    assert [sorted(s["article_ids"]) for s in payload["stories"]] == [sorted(ids)]
    assert sorted(a["syndication"] is None for a in payload["articles"]) == [False, True]
    code, out, _ = run(capsys, "compare", str(path))
    assert "One independent source: nothing to compare" in out and "A story of one article" not in out
