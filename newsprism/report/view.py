"""What every report shows, computed once from a compared Story and its Articles.

The renderers (terminal, Markdown, HTML) only lay out a :class:`StoryView`; nothing here formats text.
Columns are articles, labelled by outlet (an outlet with two articles in a story gets "(2)").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from newsprism.records import SINGLE_SOURCE_WARNING, Article, Claim, CommentSummary, Story

STATUS_ORDER = {"consensus": 0, "partial": 1, "unique": 2}
TIMELINE_WIDTH = 720
TIMELINE_ROW = 26
TIMELINE_LEFT = 180
TIMELINE_RIGHT = 20


@dataclass
class Column:
    index: int
    article: Article
    label: str  # outlet name shown in headers
    copy_of: str | None = None  # label of the column this one is wire copy of

    @property
    def anchor(self) -> str:
        return f"a{self.index}"

    def sentence_anchor(self, sentence: int) -> str:
        return f"a{self.index}-s{sentence}"


@dataclass
class Cell:
    column: Column
    sentence: int | None  # evidence sentence, None when the article does not carry the claim
    text: str = ""

    @property
    def carried(self) -> bool:
        return self.sentence is not None

    @property
    def mark(self) -> str:
        """✓ carried, · not carried, – a headline-only article (it has no text that could carry it)."""
        return "✓" if self.carried else "–" if self.column.article.headline_only else "·"


@dataclass
class Row:
    claim: Claim
    cells: list[Cell]

    @property
    def anchor(self) -> str:
        return f"claim-{self.claim.id}"


@dataclass
class Mark:
    """One dot of the coverage timeline."""

    column: Column
    x: float
    y: float
    when: str


@dataclass
class Timeline:
    width: int
    height: int
    rows: list[tuple[str, float]]  # outlet label, y
    marks: list[Mark]
    ticks: list[tuple[float, str]]  # x, label
    undated: list[Column]


@dataclass
class StoryView:
    story: Story
    columns: list[Column]
    shared: list[Row]  # consensus and partial claims: the matrix
    unique: dict[int, list[Row]]  # column index → claims only that article carries
    omissions: dict[int, list[Claim]]
    tone: dict[int, float]
    entity_tone: dict[int, list[tuple[str, float]]]  # column → (entity shown as written, tone)
    comments: dict[int, CommentSummary]
    timeline: Timeline
    sentences_cited: dict[int, set[int]] = field(default_factory=dict)

    @property
    def single(self) -> bool:
        """A story of one independent article: reported as such, nothing called missing."""
        return len({c.copy_of or c.label for c in self.columns}) < 2 or any(
            w.startswith(SINGLE_SOURCE_WARNING) for w in self.story.warnings
        )

    @property
    def notes(self) -> list[str]:
        """The story's warnings as a report shows them: without the one ``single_note`` already says."""
        if not self.single:
            return list(self.story.warnings)
        return [w for w in self.story.warnings if not w.startswith(SINGLE_SOURCE_WARNING)]

    @property
    def single_note(self) -> str:
        """What a single story's report says of it: one article, or several carrying one source's text."""
        if len(self.columns) < 2:
            return "A story of one article: nothing to compare, no claim is called missing."
        return "One independent source: nothing to compare, no claim is called missing."

    def column_of(self, article_id: str) -> Column | None:
        return next((c for c in self.columns if c.article.id == article_id), None)

    def label_of(self, article_id: str) -> str:
        col = self.column_of(article_id)
        return col.label if col else article_id[:10]


def outlet(article: Article) -> str:
    """The outlet's name or domain; for a file that names neither (pre-scraped text), the file name."""
    if article.source.name or article.source.domain:
        return article.source.name or article.source.domain or ""
    if article.path:
        name = article.path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
        if name and name != "-":
            return name
    return "unknown outlet"


def columns_for(story: Story, articles: Sequence[Article]) -> list[Column]:
    by_id = {a.id: a for a in articles}
    ordered = [by_id[i] for i in story.article_ids if i in by_id]
    seen: dict[str, int] = {}
    cols = []
    for i, article in enumerate(ordered):
        name = outlet(article)
        seen[name] = seen.get(name, 0) + 1
        cols.append(Column(i, article, name if seen[name] == 1 else f"{name} ({seen[name]})"))
    label = {c.article.id: c.label for c in cols}
    for c in cols:
        if c.article.syndication and c.article.syndication != c.article.id:
            c.copy_of = label.get(c.article.syndication)
    return cols


def entity_names(article: Article) -> dict[str, str]:
    """Entity key → the first way the article writes it, not in capitals when it also writes it otherwise
    (a dateline's "PORTVALE" is shown as "Portvale")."""
    names: dict[str, str] = {}
    for e in article.entities:
        key = e.key or e.text
        if key not in names or (names[key].isupper() and not e.text.isupper()):
            names[key] = e.text
    return names


def build_view(story: Story, articles: Sequence[Article]) -> StoryView:
    cols = columns_for(story, articles)
    by_article = {c.article.id: c for c in cols}
    claims = sorted(
        enumerate(story.claims),
        key=lambda p: (STATUS_ORDER.get(p[1].status, 3), -len(p[1].article_ids), p[0]),
    )
    shared: list[Row] = []
    unique: dict[int, list[Row]] = {}
    cited: dict[int, set[int]] = {}
    for _, claim in claims:
        evidence = {e.article_id: e for e in claim.evidence}
        cells = []
        for col in cols:
            ev = evidence.get(col.article.id)
            carried = col.article.id in claim.article_ids or ev is not None
            sentence = ev.sentence if ev else (-1 if carried else None)
            cells.append(Cell(col, sentence, ev.text if ev else ""))
            if ev is not None:
                cited.setdefault(col.index, set()).add(ev.sentence)
        row = Row(claim, cells)
        carriers = [c for c in cells if c.carried]
        if claim.status == "unique" or len(carriers) < 2:
            for cell in carriers[:1]:
                unique.setdefault(cell.column.index, []).append(row)
        else:
            shared.append(row)
    claim_by_id = {c.id: c for c in story.claims}
    omissions = {
        by_article[a].index: [claim_by_id[i] for i in ids if i in claim_by_id]
        for a, ids in story.omissions.items()
        if a in by_article and ids
    }
    entity_tone = {}
    for article_id, tones in story.entity_tone.items():
        if article_id in by_article:
            names = entity_names(by_article[article_id].article)
            entity_tone[by_article[article_id].index] = [(names.get(k, k), v) for k, v in tones.items()]
    view = StoryView(
        story=story,
        columns=cols,
        shared=shared,
        unique=unique,
        omissions=omissions,
        tone={by_article[a].index: t for a, t in story.tone.items() if a in by_article},
        entity_tone=entity_tone,
        comments={
            c.index: story.comments.get(c.article.id) or CommentSummary(count=len(c.article.comments))
            for c in cols
        },
        timeline=timeline(cols),
        sentences_cited=cited,
    )
    if view.single:
        view.omissions = {}
    return view


def parse_when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def timeline(cols: Sequence[Column]) -> Timeline:
    """Geometry of the coverage chart: one row per outlet, one dot per dated article."""
    dated = [(c, t) for c in cols if (t := parse_when(c.article.published)) is not None]
    outlets = list(dict.fromkeys(outlet(c.article) for c, _ in dated))
    rows = [(name, 20 + TIMELINE_ROW * i + TIMELINE_ROW / 2) for i, name in enumerate(outlets)]
    y_of = dict(rows)
    height = 20 + TIMELINE_ROW * max(len(outlets), 1) + 30
    left, right = TIMELINE_LEFT, TIMELINE_WIDTH - TIMELINE_RIGHT
    marks: list[Mark] = []
    ticks: list[tuple[float, str]] = []
    if dated:
        t0 = min(t for _, t in dated).timestamp()
        t1 = max(t for _, t in dated).timestamp()
        span = max(t1 - t0, 3600.0)
        pad = span * 0.05
        t0, t1 = t0 - pad, t0 + span + pad

        def x(ts: float) -> float:
            return round(left + (right - left) * (ts - t0) / (t1 - t0), 1)

        marks = [Mark(c, x(t.timestamp()), y_of[outlet(c.article)], t.isoformat()) for c, t in dated]
        for k in range(5):
            ts = t0 + (t1 - t0) * (0.05 + 0.9 * k / 4)
            ticks.append((x(ts), datetime.fromtimestamp(ts, timezone.utc).strftime("%d %b %H:%M")))
    undated = [c for c in cols if parse_when(c.article.published) is None]
    return Timeline(TIMELINE_WIDTH, height, rows, marks, ticks, undated)


def build_views(stories: Sequence[Story], articles: Sequence[Article]) -> list[StoryView]:
    return [build_view(s, articles) for s in stories]


__all__ = ["StoryView", "Column", "Row", "Cell", "Timeline", "build_view", "build_views", "outlet"]
