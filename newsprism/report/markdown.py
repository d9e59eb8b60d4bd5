"""The Markdown report: the sections of the HTML report, as tables.

Article content is escaped for table cells: ``|`` and line breaks cannot break a table, and ``<``, ``>``
and ``&`` become entities so that no raw HTML from a page reaches a Markdown viewer.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.records import Article, Story
from newsprism.report.terminal import plural
from newsprism.report.view import StoryView, build_views

MAX_CELL_CHARS = 300


def cell(text: str | None, limit: int = MAX_CELL_CHARS) -> str:
    text = " ".join((text or "").split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return lines + [""]


def tone(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.2f}"


def story_markdown(view: StoryView) -> list[str]:
    story = view.story
    lines = [f"## {cell(story.title or story.id)}", ""]
    span = " … ".join(x for x in (story.first_published, story.last_published) if x) or "undated"
    lines += [
        f"`{story.id}` · {plural(len(view.columns), 'article')} · {cell(', '.join(story.languages))} · {span}",
        "",
    ]
    for w in view.notes:
        lines.append(f"> ⚠ {cell(w)}")
    if view.notes:
        lines.append("")
    if view.single:
        lines += [f"**{view.single_note}**", ""]

    lines += ["### Articles", ""]
    lines += table(
        ["#", "outlet", "language", "published", "title", "comments"],
        [
            [
                str(c.index + 1),
                cell(c.label)
                + (f" (copy of {cell(c.copy_of)})" if c.copy_of else "")
                + (" (headline only)" if c.article.headline_only else ""),
                c.article.language,
                cell(c.article.published or "undated"),
                cell(c.article.title or "(no title)"),
                str(len(c.article.comments)),
            ]
            for c in view.columns
        ],
    )
    if view.shared:
        lines += ["### Claims reported by several outlets", ""]
        lines += table(
            ["claim", "status", *(cell(c.label) for c in view.columns)],
            [[cell(r.claim.text), r.claim.status, *(c.mark for c in r.cells)] for r in view.shared],
        )
    if view.unique:
        lines += ["### What it reports" if view.single else "### Only in one outlet", ""]
        lines += table(
            ["outlet", "fact"],
            [[cell(c.label), cell(r.claim.text)] for c in view.columns for r in view.unique.get(c.index, [])],
        )
    if story.contradictions:
        lines += ["### Numbers that disagree", ""]
        lines += table(
            ["about", "outlet", "says", "value"],
            [
                [
                    cell(c.about),
                    cell(view.label_of(v.article_id)),
                    cell(v.text),
                    f"{v.value:g} {v.unit or ''}",
                ]
                for c in story.contradictions
                for v in c.values
            ],
        )
    if story.voices:
        lines += ["### Voices", ""]
        lines += table(
            ["speaker", "quoted by", "quote"],
            [
                [
                    cell(v.speaker),
                    cell(", ".join(dict.fromkeys(view.label_of(a) for a in v.article_ids))),
                    cell(v.quotes[0].text if v.quotes else ""),
                ]
                for v in story.voices
            ],
        )
    if view.omissions:
        lines += [
            "### Left out",
            "",
            "Claims carried by every or most outlets that this one does not report.",
            "",
        ]
        lines += table(
            ["outlet", "does not report"],
            [[cell(c.label), cell(cl.text)] for c in view.columns for cl in view.omissions.get(c.index, [])],
        )
    lines += [
        "### Tone",
        "",
        "From -1 (negative) to +1 (positive), toward the main entities of each article.",
        "",
    ]
    lines += table(
        ["outlet", "article", "toward"],
        [
            [
                cell(c.label),
                tone(view.tone.get(c.index)),
                cell(", ".join(f"{n} {t:+.2f}" for n, t in view.entity_tone.get(c.index, []))),
            ]
            for c in view.columns
        ],
    )
    lines += ["### Reader comments", ""]
    lines += table(
        ["outlet", "comments", "tone"],
        [
            [cell(c.label), str(s.count), tone(s.tone) if s.count else ""]
            for c in view.columns
            if (s := view.comments[c.index]) is not None
        ],
    )
    return lines


def render_markdown(stories: Sequence[Story], articles: Sequence[Article]) -> str:
    views = build_views(stories, articles)
    lines = ["# newsprism report", ""]
    lines.append(f"{len(views)} stories from {len(articles)} articles.")
    lines.append("")
    for view in views:
        lines += story_markdown(view)
    return "\n".join(lines).rstrip() + "\n"


__all__ = ["render_markdown", "cell"]
