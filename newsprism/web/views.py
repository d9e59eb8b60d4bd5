"""What the pages show, computed from the store: plain data for the templates and the API."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from newsprism.records import Article, Story
from newsprism.report.view import StoryView, build_view, build_views, outlet
from newsprism.store import SourceInfo, Store, StorySummary

PAGE_SIZE = 30


@dataclass
class StoryList:
    items: list[StorySummary]
    page: int = 1
    next_offset: int | None = None
    languages: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)


def story_list(
    store: Store,
    *,
    q: str = "",
    language: str = "",
    outlet: str = "",
    since: str = "",
    page: int = 1,
    limit: int = PAGE_SIZE,
    offset: int | None = None,
) -> StoryList:
    """Stories newest first; ``q`` restricts to stories holding articles that match the search."""
    offset = (page - 1) * limit if offset is None else offset
    ids = None
    if q.strip():
        ids = []
        for article in store.search(q, limit=500):
            sid = store.story_of(article.id)
            if sid and sid not in ids:
                ids.append(sid)
    items = store.story_summaries(
        since=since or None,
        language=language or None,
        outlet=outlet or None,
        ids=ids,
        limit=limit + 1,
        offset=offset,
    )
    more = len(items) > limit
    return StoryList(items[:limit], page, offset + limit if more else None)


def story_view(store: Store, story_id: str) -> StoryView | None:
    """A stored story as every report shows it (a merged id resolves to its survivor).

    A story stored before its comparison (or left by a killed run) is compared now; a story of one
    article is shown as such, without computing a comparison on every view.
    """
    from newsprism.compare.run import ensure_compared
    from newsprism.stories import get_story

    found = get_story(store, story_id)
    if found is None:
        return None
    story, articles = found
    if len(articles) > 1:
        story = ensure_compared(story, articles)
    return build_view(story, articles)


@dataclass
class ArticleView:
    article: Article
    story_id: str | None
    paragraphs: list[Markup]
    raw: str | None


def article_view(store: Store, article_id: str) -> ArticleView | None:
    article = store.get_article(article_id)
    if article is None:
        return None
    raw = store.get_raw(article_id)
    return ArticleView(
        article,
        store.story_of(article_id),
        highlight(article),
        raw.decode("utf-8", errors="replace")[:500_000] if raw else None,
    )


_MARK_ORDER = {"quote": 0, "entity": 1, "number": 2}


def highlight(article: Article) -> list[Markup]:
    """The clean text as escaped paragraphs with sentences anchored and entities, quotes, numbers marked."""
    text = article.text
    spans: list[tuple[int, int, str, str]] = []
    for e in article.entities:
        spans.append((e.start, e.end, "entity", f"{e.label}: {e.key or e.text}"))
    by_index = {s.i: s for s in article.sentences}
    for n in article.numbers:
        s = by_index.get(n.sentence)
        if s is not None:
            pos = text.find(n.text, s.start, s.end)
            if pos >= 0:
                spans.append(
                    (pos, pos + len(n.text), "number", f"{n.kind}: {n.value:g} {n.unit or ''}".strip())
                )
    for q in article.quotes:
        s = by_index.get(q.sentence)
        if s is not None:
            pos = text.find(q.text, s.start)
            if pos >= 0:
                spans.append((pos, pos + len(q.text), "quote", f"quote: {q.speaker or 'unattributed'}"))
    # keep non-overlapping spans, quotes first
    spans.sort(key=lambda sp: (_MARK_ORDER[sp[2]], sp[0]))
    chosen: list[tuple[int, int, str, str]] = []
    for sp in spans:
        if all(sp[1] <= c[0] or sp[0] >= c[1] for c in chosen):
            chosen.append(sp)
    starts = {s.start: s.i for s in article.sentences}
    opens: dict[int, list[str]] = {}
    closes: dict[int, int] = {}
    for start, end, kind, title in chosen:
        opens.setdefault(start, []).append(f'<mark class="{kind}" title="{html.escape(title)}">')
        closes[end] = closes.get(end, 0) + 1
    out: list[str] = []
    for i, ch in enumerate(text):
        if i in closes:
            out.append("</mark>" * closes[i])
        if i in starts:
            out.append(f'<span class="sentence" id="s{starts[i]}"></span>')
        out.extend(opens.get(i, []))
        out.append(html.escape(ch))
    if len(text) in closes:
        out.append("</mark>" * closes[len(text)])
    joined = "".join(out)
    return [Markup(p) for p in re.split(r"\n\s*\n", joined) if p.strip()]


@dataclass
class CompareResult:
    articles: list[Article]
    stories: list[Story]
    skipped: list[str]
    views: list[StoryView] = field(default_factory=list)


def compare_paths(paths: list[str]) -> CompareResult:
    """Compare files without a store (extract, analyze, group, compare)."""
    from newsprism.compare.run import compare_inputs

    result = compare_inputs(paths, one_story=True)  # the user chose these texts to be compared together
    articles = list(result["articles"])
    stories = list(result["stories"])
    skipped = [str(s) for s in result.get("skipped", [])]
    return CompareResult(articles, stories, skipped, build_views(stories, articles))


def summary_dict(s: StorySummary) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "first_published": s.first_published,
        "last_published": s.last_published,
        "n_articles": s.n_articles,
        "outlets": s.outlets,
        "languages": s.languages,
    }


def source_dict(s: SourceInfo) -> dict[str, Any]:
    return {
        "domain": s.domain,
        "name": s.name,
        "articles": s.articles,
        "languages": s.languages,
        "meta": s.meta,
    }


def tone_width(value: float | None) -> int:
    return int(round(abs(value or 0.0) * 50))


FILTERS = {"tone_width": tone_width, "outlet": outlet}
