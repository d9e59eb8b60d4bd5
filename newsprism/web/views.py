"""What the pages show, computed from the store: plain data for the templates and the API."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from newsprism.records import Article, Claim, Story
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


@dataclass
class StoryView:
    story: Story
    articles: list[Article]
    outlet_of: dict[str, str]
    matrix: list[tuple[Claim, list[tuple[Article, Any]]]]  # per claim: per article its evidence or None
    unique: list[Claim]
    timeline: dict[str, Any]

    @property
    def claim_text(self) -> dict[str, str]:
        return {c.id: c.text for c in self.story.claims}


def outlet_name(article: Article) -> str:
    return article.source.name or article.source.domain or (article.title or article.id)[:24]


def story_view(store: Store, story_id: str) -> StoryView | None:
    story = store.get_story(story_id)
    if story is None:
        return None
    by_id = {a.id: a for a in store.articles(ids=story.article_ids)}
    articles = [by_id[i] for i in story.article_ids if i in by_id]
    if not story.claims and len(articles) > 1:  # stored before comparison (or a run killed before it)
        from newsprism.compare import compare_story

        story = compare_story(story, articles)
    return build_view(story, articles)


def build_view(story: Story, articles: list[Article]) -> StoryView:
    """The claims matrix (per claim, per article its evidence or None), outlet-only facts, timeline."""
    matrix = []
    for claim in story.claims:
        ev = {e.article_id: e for e in claim.evidence}
        matrix.append((claim, [(a, ev.get(a.id)) for a in articles]))
    unique = [c for c in story.claims if c.status == "unique"]
    return StoryView(
        story, articles, {a.id: outlet_name(a) for a in articles}, matrix, unique, timeline(articles)
    )


def timeline(articles: list[Article], width: int = 640, row: int = 22) -> dict[str, Any]:
    """Coverage over time, one row per outlet: x positions of its articles, as an SVG needs them."""
    from newsprism.dates import to_iso

    times = []
    for a in articles:
        iso = to_iso(a.published or a.ingested)
        times.append((a, iso[:16] if iso else None))
    dated = sorted(t for _, t in times if t)
    if not dated:
        return {"rows": [], "height": 0, "width": width, "start": None, "end": None}
    start, end = dated[0], dated[-1]

    def minutes(iso: str) -> int:
        y, mo, d = int(iso[0:4]), int(iso[5:7]), int(iso[8:10])
        h = int(iso[11:13]) if len(iso) >= 13 else 0
        mi = int(iso[14:16]) if len(iso) >= 16 else 0
        return ((y * 12 + mo) * 31 + d) * 1440 + h * 60 + mi

    span = max(1, minutes(end) - minutes(start))
    rows: dict[str, list[dict[str, Any]]] = {}
    for a, t in times:
        if t:
            x = 150 + (width - 170) * (minutes(t) - minutes(start)) / span
            rows.setdefault(outlet_name(a), []).append(
                {"x": round(x, 1), "id": a.id, "when": t, "title": a.title}
            )
    out_rows = [
        {"outlet": k, "y": 20 + i * row, "points": v} for i, (k, v) in enumerate(sorted(rows.items()))
    ]
    return {"rows": out_rows, "height": 30 + len(out_rows) * row, "width": width, "start": start, "end": end}


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
    by_id = {a.id: a for a in articles}
    views = [build_view(s, [by_id[i] for i in s.article_ids if i in by_id]) for s in stories]
    return CompareResult(articles, stories, skipped, views)


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


FILTERS = {"tone_width": tone_width}
