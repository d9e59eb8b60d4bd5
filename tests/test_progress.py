from __future__ import annotations

import io

from newsprism.progress import Progress
from newsprism.records import Skip


def test_plain_log_lines_when_not_a_terminal():
    out = io.StringIO()
    with Progress(stream=out, every=2) as p:
        for i in range(4):
            p.article(f"a{i}")
        p.skip(Skip("bad.html", "empty input"))
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("2 articles, 0 skipped") and lines[1].startswith("4 articles")
    assert lines[2] == "skipped bad.html: empty input"


def test_quiet_prints_only_the_skips():
    out = io.StringIO()
    with Progress(stream=out, quiet=True, every=1) as p:
        p.article("a")
        p.skip(Skip("x.txt", "binary data"))
    assert out.getvalue() == "skipped x.txt: binary data\n"


def test_verbose_prints_a_line_per_article():
    out = io.StringIO()
    with Progress(stream=out, verbose=True) as p:
        p.article("Dockers strike")
    assert out.getvalue() == "ok Dockers strike\n"


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_gets_a_rich_bar_that_still_names_skips():
    out = _Tty()
    with Progress(stream=out) as p:
        assert p._bar is not None
        p.article("a")
        p.skip(Skip("feed.xml", "not an RSS/Atom feed"))
    assert "skipped feed.xml: not an RSS/Atom feed" in out.getvalue()
