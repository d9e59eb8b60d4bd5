"""The terminal view (rich): per story, the claims matrix with outlets as columns (✓ carried, · not, – a headline-only
article),
then outlet-only facts, contradictions, voices, omissions, tone and reader comments.

Article content is always passed to rich as ``Text`` (never as markup), so brackets in a title or a
comment are shown as written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsprism.records import Article, Story
from newsprism.report.view import StoryView, build_views

MAX_CLAIM_CHARS = 90
BAR_CHARS = 5  # half-width of a tone bar, in characters
HEADER_CHARS = 8  # outlet name characters in a matrix column header
MAX_UNIQUE_SHOWN = 4  # outlet-only facts listed per outlet (the HTML report has them all)


def _short(text: str, n: int = MAX_CLAIM_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def tone_bar(value: float | None, width: int = 10) -> Text:
    """``-0.40 ████░░`` style bar: red to the left of zero, green to the right."""
    if value is None:
        return Text("n/a", style="dim")
    filled = round(abs(value) * width)
    left = " " * width if value >= 0 else " " * (width - filled) + "█" * filled
    right = " " * width if value < 0 else "█" * filled + " " * (width - filled)
    return Text.assemble((left, "red"), ("│", "dim"), (right, "green"), f" {value:+.2f}")


def story_renderables(view: StoryView, width: int = 120) -> list[Any]:
    story = view.story
    out: list[Any] = [Rule(Text(story.title or story.id, style="bold"))]
    span = " … ".join(x[:16] for x in (story.first_published, story.last_published) if x) or "undated"
    out.append(
        Text(
            f"{story.id} · {plural(len(view.columns), 'article')} · {', '.join(story.languages) or 'und'} · {span}"
        )
    )
    for w in view.notes:
        out.append(Text(f"! {w}", style="yellow"))
    if view.single:
        out.append(Text(view.single_note, style="bold"))

    legend = [
        f"{c.index + 1} {c.label} [{c.article.language}]"
        + (f" copy of {c.copy_of}" if c.copy_of else "")
        + (" headline only" if c.article.headline_only else "")
        for c in view.columns
    ]
    out.append(Text("outlets: " + " · ".join(legend), style="dim"))
    column_of = {c.article.id: c.index + 1 for c in view.columns}
    events = [[column_of[a] for a in e if a in column_of] for e in story.events]
    if sum(1 for e in events if e) > 1:  # the single happenings the story holds (newsprism.events)
        title_of = {c.index + 1: c.article.title or c.label for c in view.columns}
        for n, cols in enumerate((e for e in events if e), 1):
            out.append(
                Text(
                    f"event {n}: {_short(title_of[cols[0]], 80)} (outlets {', '.join(map(str, cols))})",
                    style="dim",
                )
            )
    if view.shared:
        matrix = Table(title="Claims reported by several outlets", box=box.SIMPLE_HEAD, title_justify="left")
        n = max(len(view.columns), 1)
        col_width = max(1, min(HEADER_CHARS, (width - 34) // n - 3))
        claim_width = max(20, width - n * (col_width + 3) - 6)
        matrix.add_column("claim", width=claim_width, no_wrap=True, overflow="ellipsis")
        for col in view.columns:
            header = Text(f"{col.index + 1}\n{col.label[:col_width]}")
            matrix.add_column(header, justify="center", width=col_width, no_wrap=True, overflow="crop")
        for row in view.shared:
            claim = Text(" ".join(row.claim.text.split()))
            if row.claim.status == "consensus":
                claim.stylize("bold")
            marks = [Text(c.mark, style="green" if c.carried else "dim") for c in row.cells]
            matrix.add_row(claim, *marks)
        out.append(matrix)

    if view.unique:
        heading = "What it reports" if view.single else "Only in one outlet"
        facts = Table(title=heading, box=box.SIMPLE_HEAD, title_justify="left", show_header=False)
        facts.add_column("outlet", no_wrap=True)
        facts.add_column("claim", overflow="fold")
        for col in view.columns:
            rows = view.unique.get(col.index, [])
            for row in rows[:MAX_UNIQUE_SHOWN]:
                facts.add_row(Text(col.label, style="cyan"), Text(_short(row.claim.text)))
            if len(rows) > MAX_UNIQUE_SHOWN:
                more = f"… {len(rows) - MAX_UNIQUE_SHOWN} more (see --format html)"
                facts.add_row(Text(col.label, style="cyan"), Text(more, style="dim"))
        out.append(facts)

    if story.contradictions:
        table = Table(title="Numbers that disagree", box=box.SIMPLE_HEAD, title_justify="left")
        table.add_column("about", ratio=2, overflow="fold")
        table.add_column("outlet → value", ratio=2, overflow="fold")
        for c in story.contradictions:
            values = "; ".join(f"{view.label_of(v.article_id)}: {v.text}" for v in c.values)
            table.add_row(Text(_short(c.about)), Text(values))
        out.append(table)

    if story.voices:
        table = Table(title="Voices", box=box.SIMPLE_HEAD, title_justify="left")
        table.add_column("speaker", overflow="fold")
        table.add_column("quoted by", overflow="fold")
        table.add_column("for example", ratio=2, overflow="fold")
        for v in story.voices:
            who = ", ".join(dict.fromkeys(view.label_of(a) for a in v.article_ids))
            example = _short(v.quotes[0].text, 60) if v.quotes else ""
            table.add_row(Text(v.speaker), Text(who), Text(example, style="italic"))
        out.append(table)

    if view.omissions:
        table = Table(title="Left out (claims most outlets carry)", box=box.SIMPLE_HEAD, title_justify="left")
        table.add_column("outlet", no_wrap=True)
        table.add_column("does not report", overflow="fold")
        for col in view.columns:
            for missing in view.omissions.get(col.index, []):
                table.add_row(Text(col.label, style="cyan"), Text(_short(missing.text)))
        out.append(table)

    table = Table(title="Tone and reader comments (-1 … +1)", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("outlet", max_width=24, no_wrap=True, overflow="ellipsis")
    table.add_column("article tone", no_wrap=True)
    table.add_column("comments", justify="right", no_wrap=True)
    table.add_column("comment tone", no_wrap=True)
    for col in view.columns:
        summary = view.comments.get(col.index)
        count = summary.count if summary else 0
        table.add_row(
            Text(col.label),
            tone_bar(view.tone.get(col.index), BAR_CHARS),
            str(count),
            tone_bar(summary.tone, BAR_CHARS) if summary and count else Text(""),
        )
    out.append(table)
    if view.entity_tone:
        toward = Table(title="Tone toward the main entities", box=box.SIMPLE_HEAD, title_justify="left")
        toward.add_column("outlet", max_width=24, no_wrap=True, overflow="ellipsis")
        toward.add_column("entity → tone", overflow="fold")
        for col in view.columns:
            tones = view.entity_tone.get(col.index, [])
            if tones:
                toward.add_row(Text(col.label), Text(", ".join(f"{name} {t:+.2f}" for name, t in tones)))
        out.append(toward)
    return out


def show(stories: Sequence[Story], articles: Sequence[Article], console: Console | None = None) -> None:
    """Print the terminal view of ``stories`` to ``console`` (stdout by default)."""
    console = console or Console()
    views = build_views(stories, articles)
    if not views:
        console.print("no story: no article could be read")
    for view in views:
        console.print(Group(*story_renderables(view, console.width)))
        console.print()


def render_text(stories: Sequence[Story], articles: Sequence[Article], width: int = 120) -> str:
    """The terminal view as plain text (no colour codes), e.g. for ``--out FILE``."""
    buffer = io.StringIO()
    show(stories, articles, Console(file=buffer, width=width, color_system=None, force_terminal=False))
    return buffer.getvalue()


__all__ = ["show", "render_text", "tone_bar"]
