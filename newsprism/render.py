"""Render records for people and programs: JSON (the contract), JSON lines, plain text summaries."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from newsprism.records import Article, Skip, Story


def to_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


def articles_json(articles: Iterable[Article]) -> str:
    return to_json({"articles": [a.to_dict() for a in articles]})


def articles_jsonl(articles: Iterable[Article]) -> str:
    return "\n".join(json.dumps(a.to_dict(), ensure_ascii=False) for a in articles)


def article_text(article: Article) -> str:
    """One article as a person reads it: header lines, the clean text, the comments."""
    lines = [f"# {article.title or '(no title)'}"]
    meta = [
        article.source.name or article.source.domain or "unknown outlet",
        article.published or "undated",
        article.language,
    ]
    lines.append(" · ".join(meta))
    if article.url or article.path:
        lines.append(article.url or article.path or "")
    if article.dateline:
        d = article.dateline
        lines.append("dateline: " + ", ".join(x for x in (d.place, d.date, d.agency) if x))
    lines += ["", article.text]
    if article.comments:
        lines += ["", f"## {len(article.comments)} comments"]
        for c in article.comments:
            lines.append(f"- {c.author or 'anonymous'} ({c.posted or 'undated'}): {c.text}")
    if article.warnings:
        lines += ["", "warnings: " + "; ".join(article.warnings)]
    return "\n".join(lines)


def articles_text(articles: Iterable[Article]) -> str:
    return "\n\n\n".join(article_text(a) for a in articles)


def run_summary(stats: dict[str, Any], articles: list[Article], skips: list[Skip]) -> str:
    """The few lines printed after an ingest: counts, languages, outlets, skips."""
    from newsprism.report.view import outlet  # name, domain, else the file name: as the report shows it

    langs = Counter(a.language for a in articles)
    outlets = Counter(outlet(a) for a in articles)
    lines = [
        f"{stats.get('articles', len(articles))} articles ({stats.get('created', 0)} new,"
        f" {stats.get('updated', 0)} updated, {stats.get('already_done', 0)} already in the store),"
        f" {stats.get('stories', 0)} stories, {len(skips)} skipped, in {stats.get('seconds', 0):.1f}s",
    ]
    if langs:
        lines.append("languages: " + ", ".join(f"{k} {v}" for k, v in langs.most_common()))
    if outlets:
        lines.append("outlets:   " + ", ".join(f"{k} {v}" for k, v in outlets.most_common()))
    undated = sum(not a.published for a in articles)
    if undated:
        lines.append(f"undated:   {undated}, placed in stories at their ingest time")
    headlines = sum(a.headline_only for a in articles)
    if headlines:
        lines.append(f"headline only: {headlines}, counted as coverage without claims")
    if skips:
        lines.append("skipped:")
        lines += [f"  {s.input}: {s.reason}" for s in skips]
    return "\n".join(lines)


def story_line(story: Story) -> str:
    span = " … ".join(x[:10] for x in (story.first_published, story.last_published) if x) or "undated"
    outlets = ", ".join(story.outlets) or "?"
    langs = ",".join(story.languages) or "und"
    events = f" in {len(story.events)} events" if len(story.events) > 1 else ""
    return f"{story.id}  {span}  {len(story.article_ids)} art.{events}  [{langs}]  {story.title}  — {outlets}"


def stories_text(stories: Iterable[Story]) -> str:
    return "\n".join(story_line(s) for s in stories)
