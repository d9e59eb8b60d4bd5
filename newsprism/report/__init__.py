"""Reports people read: a terminal view, Markdown, and one self-contained offline HTML file.

    render(fmt, stories, articles) -> str      fmt: text | json | markdown | html
    show(stories, articles, console=None)      the terminal view, in colour on a terminal
    emit(fmt, stories, articles, out=None)     what the CLI does: print, or write to a file

JSON is exactly the DESIGN.md contract: ``{"articles": [Article…], "stories": [Story…]}``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from newsprism.errors import UsageError
from newsprism.records import Article, Story
from newsprism.report.terminal import render_text, show

FORMATS = ("text", "json", "markdown", "html")


def to_json(stories: Sequence[Story], articles: Sequence[Article]) -> str:
    payload = {"articles": [a.to_dict() for a in articles], "stories": [s.to_dict() for s in stories]}
    return json.dumps(payload, ensure_ascii=False, indent=2)


def render(fmt: str, stories: Sequence[Story], articles: Sequence[Article]) -> str:
    """``stories`` (compared) and their ``articles`` in format ``fmt``."""
    if fmt == "text":
        return render_text(stories, articles)
    if fmt == "json":
        return to_json(stories, articles)
    if fmt == "markdown":
        from newsprism.report.markdown import render_markdown

        return render_markdown(stories, articles)
    if fmt == "html":
        from newsprism.report.html import render_html

        return render_html(stories, articles)
    raise UsageError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")


def emit(
    fmt: str, stories: Sequence[Story], articles: Sequence[Article], out: str | Path | None = None
) -> None:
    """Print the report to stdout (the terminal view in colour when stdout is a terminal), or write it
    to ``out`` (UTF-8) and say where on stderr."""
    if out is None and fmt == "text":
        show(stories, articles)
        return
    text = render(fmt, stories, articles)
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    path = Path(out)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    print(f"report written to {path}", file=sys.stderr)


__all__ = ["FORMATS", "render", "show", "emit", "render_text", "to_json"]
