from __future__ import annotations

import reportdata

from newsprism.report import render


def table_after(out: str, heading: str) -> list[str]:
    """Every line of the first table after ``heading`` (header, separator, rows)."""
    lines = out.split("\n")
    rows: list[str] = []
    for line in lines[lines.index(heading) + 1 :]:
        if line.startswith("|"):
            rows.append(line)
        elif rows:
            break
    return rows


def cells(row: str) -> int:
    return len(row.replace("\\|", "").strip("|").split("|"))


def test_markdown_claims_matrix_has_outlets_as_columns_and_marks():
    out = render("markdown", [reportdata.story()], reportdata.articles())
    rows = table_after(out, "### Claims reported by several outlets")
    assert rows[0].startswith("| claim | status | Alpha Times | Beta Post | Gamma \\| Daily |")
    assert rows[2].endswith("| consensus | ✓ | ✓ | ✓ |")
    assert rows[3].endswith("| partial | ✓ | ✓ | · |")
    assert len({cells(r) for r in rows}) == 1  # the escaped pipes do not add columns


def test_markdown_escapes_html_and_pipes_of_article_content():
    out = render("markdown", [reportdata.story()], reportdata.articles())
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out
    assert "12 million \\| or 15." in out


def test_markdown_has_the_sections_of_the_html_report():
    out = render("markdown", [reportdata.story()], reportdata.articles())
    for heading in (
        "### Articles",
        "### Only in one outlet",
        "### Numbers that disagree",
        "### Voices",
        "### Left out",
        "### Tone",
        "### Reader comments",
    ):
        assert heading in out
    assert table_after(out, "### Left out")[2:] == [
        "| Gamma \\| Daily | The budget is 12 million \\| or 15. |"
    ]
    assert "| Alpha Times | -0.50 | council -0.40 |" in out
    assert "| Alpha Times | 2 | -0.20 |" in out


def test_markdown_story_of_one_article_calls_nothing_missing():
    story, articles = reportdata.single()
    out = render("markdown", [story], articles)
    assert "A story of one article" in out
    assert "### Left out" not in out
    assert "one independent source only" not in out  # the note says it once, not the warning again


def test_an_entity_is_shown_as_written_outside_a_dateline_in_capitals():
    from newsprism.records import Article, Entity
    from newsprism.report.view import entity_names

    article = Article(
        id="a",
        text="PORTVALE, March 2 - Portvale's port shut.",
        entities=[
            Entity("PORTVALE", "GPE", 0, 8, "gpe:portvale"),
            Entity("Portvale", "GPE", 20, 28, "gpe:portvale"),
            Entity("NATO", "ORG", 30, 34, "org:nato"),
        ],
    )
    assert entity_names(article) == {"gpe:portvale": "Portvale", "org:nato": "NATO"}


def test_markdown_marks_a_headline_only_outlet():
    story, articles = reportdata.with_headline()
    out = render("markdown", [story], articles)
    assert "| Delta Radio (headline only) |" in out
    rows = table_after(out, "### Claims reported by several outlets")
    assert rows[2].endswith("| consensus | ✓ | ✓ | ✓ | – |")
    assert rows[3].endswith("| partial | ✓ | ✓ | · | – |")
