from __future__ import annotations

import re
from html.parser import HTMLParser

import reportdata

from newsprism.report import render


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("style", "script") else None

    def handle_data(self, data):
        if self._in == "style":
            self.styles.append(data)
        elif self._in == "script":
            self.scripts.append(data)

    def handle_endtag(self, tag):
        self._in = None


def html_report() -> tuple[str, Collect]:
    out = render("html", [reportdata.story()], reportdata.articles())
    parsed = Collect()
    parsed.feed(out)
    return out, parsed


def test_html_escapes_hostile_title_body_quote_and_comment():
    out, parsed = html_report()
    assert reportdata.HOSTILE not in out
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in out
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert [t for t, _ in parsed.tags].count("script") == 1  # ours, inline


def test_html_references_nothing_outside_the_file():
    out, parsed = html_report()
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "iframe", "img", "object", "embed")
        assert "src" not in attrs, tag
        for name, value in attrs.items():
            assert "://" not in (value or "") and not (value or "").startswith("//"), (tag, name, value)
        if "href" in attrs:
            assert (attrs["href"] or "").startswith("#")
    css = "".join(parsed.styles)
    assert parsed.styles and "url(" not in css and "@import" not in css
    assert "fetch(" not in "".join(parsed.scripts) and "XMLHttpRequest" not in "".join(parsed.scripts)


def test_html_every_link_lands_on_an_anchor_of_the_report():
    out, parsed = html_report()
    ids = {attrs["id"] for _, attrs in parsed.tags if attrs.get("id")}
    hrefs = [attrs["href"] for t, attrs in parsed.tags if t == "a" and attrs.get("href")]
    assert hrefs
    assert all(h[1:] in ids for h in hrefs)


def test_html_matrix_cells_link_to_their_evidence_sentences():
    out, _ = html_report()
    row = re.search(r'<tr id="s1-claim-c1">(.*?)</tr>', out, re.S).group(1)
    targets = re.findall(r'href="#(s1-a\d-s\d)"', row)
    assert targets == ["s1-a0-s0", "s1-a1-s0", "s1-a2-s0"]
    sentence = re.search(r'id="s1-a1-s0">(.*?)</span>', out).group(1)
    assert sentence == "Le conseil a adopté le budget lundi."
    partial = re.search(r'<tr id="s1-claim-c2">(.*?)</tr>', out, re.S).group(1)
    assert partial.count("✓") == 2 and partial.count("·") == 1


def test_html_has_every_section_of_the_comparison():
    out, _ = html_report()
    headings = re.findall(r"<h3>(.*?)</h3>", out)
    for section in (
        "Coverage over time",
        "Claims reported by several outlets",
        "Only in one outlet",
        "Numbers that disagree",
        "Voices",
        "Left out",
        "Tone",
        "Articles",
        "Reader comments",
    ):
        assert section in headings
    assert "Critics called it [bold]reckless[/bold]." in out
    assert "15 millions" in out and "+0.30" in out and "-0.50" in out and "-0.40" in out


def test_html_timeline_draws_one_dot_per_dated_article_and_names_the_undated():
    out, _ = html_report()
    svg = re.search(r"<svg.*?</svg>", out, re.S).group(0)
    assert svg.count("<circle") == 2
    assert "Alpha Times" in svg and "Beta Post" in svg
    assert re.search(r"Undated: Gamma \| Daily", out)


def test_html_shows_comments_apart_from_the_articles():
    out, _ = html_report()
    comments_at = out.index("<h3>Reader comments</h3>")
    assert out.index("A waste of money.") > comments_at
    assert out.count("A waste of money.") == 1


def test_html_story_of_one_article_is_reported_as_such_without_missing_claims():
    story, articles = reportdata.single()
    out = render("html", [story], articles)
    assert "A story of one article: nothing to compare, no claim is called missing." in out
    assert "<h3>Left out</h3>" not in out
    assert "<h3>What it reports</h3>" in out
    assert "one independent source only" not in out  # the note says it once, not the warning again


def test_html_marks_a_headline_only_outlet_in_the_matrix():
    story, articles = reportdata.with_headline()
    out = render("html", [story], articles)
    head = re.search(r"<thead>.*?</thead>", out, re.S)
    assert head and 'Delta Radio</a><br><span class="copy">headline only</span>' in head.group(0)
    marks = re.findall(r'<td class="mark no"( title="[^"]*")?>(.)</td>', out)
    assert ("", "·") in marks
    assert (' title="headline only: no text that could carry it"', "–") in marks
