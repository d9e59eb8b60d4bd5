"""One self-contained HTML report that works offline: inline CSS, JS and SVG, no external reference.

Everything from the articles goes through Jinja2 autoescaping: a ``<script>`` in a title, a body or a
comment is shown as text.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from newsprism.records import Article, Story
from newsprism.report.view import build_views

TEMPLATE = "report.html.j2"
_LOCK = threading.Lock()
_ENV: Any = None


def environment() -> Any:
    """The Jinja2 environment over ``newsprism/templates`` (autoescape on), made once."""
    global _ENV
    with _LOCK:
        if _ENV is None:
            from jinja2 import Environment, PackageLoader, StrictUndefined

            _ENV = Environment(
                loader=PackageLoader("newsprism", "templates"),
                autoescape=True,
                undefined=StrictUndefined,
                trim_blocks=False,
            )
            _ENV.globals["bar"] = tone_bar
        return _ENV


def tone_bar(value: float | None, width: int = 200) -> Markup:
    """A horizontal bar from the middle: red to the left for negative, green to the right for positive."""
    if value is None:
        return Markup('<span class="meta">n/a</span>')
    v = max(-1.0, min(1.0, float(value)))
    half = 50 * abs(v)
    side = f"left:{50 - half:.1f}%" if v < 0 else "left:50%"
    cls = "neg" if v < 0 else "pos"
    return Markup(
        f'<span class="bar" style="width:{int(width)}px" title="{v:+.2f}">'
        f'<span class="{cls}" style="{side};width:{half:.1f}%"></span></span>'
        f'<span class="value">{v:+.2f}</span>'
    )


def render_html(stories: Sequence[Story], articles: Sequence[Article]) -> str:
    from newsprism import __version__

    template = environment().get_template(TEMPLATE)
    return str(
        template.render(views=build_views(stories, articles), n_articles=len(articles), version=__version__)
    )


__all__ = ["render_html", "tone_bar"]
