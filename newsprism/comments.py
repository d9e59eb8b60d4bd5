"""Reader comments in scraped text: find the section, split it into author / time / text.

A comment section starts at a header ("Comments (14)", "Bình luận (3)", "Комментарии 5", "3 comments")
or a log-in prompt, and holds comments laid out in one of three ways, which the first comment decides:

    A: author line, time line, text lines          (or "author · time" on one line, then text)
    B: author line, text lines, time line
    C: text lines, "author · time" line

Lines between comments that are interface furniture ("Reply", "Like (3)", "Load more comments",
counters, footers) are leftovers. Times are parsed by :mod:`newsprism.timestamps`; relative ones
("2 hours ago") need the time the page was scraped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from newsprism import boilerplate as bp
from newsprism.records import Comment
from newsprism.timestamps import as_datetime, decide_day_first, is_filler, match_timestamp

_SEPARATORS = " \t·•|,-–—:@"
_AUTHOR_SUFFIX = re.compile(
    r"(?i)\s*(?:wrote|says|said|posted|commented|a écrit|schrieb|escribió|escreveu|ha scritto|написал[а]?|"
    r"viết|yazdı|napsal[a]?)\s*(?:on|le|am|el|em|il|в|lúc|vào)?\s*:?$"
)


_MARKER = re.compile(
    r"comment|coment|koment|komment|коммент|bình luận|ý kiến|yorum|تعليق|réagi|réaction|discussion|conversation|"
    r"discussione|diskuse|diskussion|обсужд|posting|评论|留言|コメント|댓글"
)


_AUTHOR_PREFIX = re.compile(
    r"(?i)^(?:(?:posted|submitted|written|publié|publiée|écrit|geschrieben|publicado|pubblicato|gửi|"
    r"опубликовано|отправлено)\s+)?(?:from|by|von|par|de|por|da|di|od|от|bởi|của|tarafından)\s+(?=\S)"
)


@dataclass
class CommentSection:
    """The comments of a section, and the indices of its lines that are not part of any comment."""

    comments: list[Comment] = field(default_factory=list)
    leftovers: list[int] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)  # relative times that had no reference


@dataclass
class _Stamp:
    author: str | None
    iso: str
    raw: str


def is_furniture(line: str) -> bool:
    """Interface text of a comment section or page footer: buttons, counters, headers, menus."""
    return (
        bp.is_comment_header(line)
        or bp.is_counter(line)
        or bp.ui_phrase(line)
        or bp.is_menu(line)
        or bp.is_copyright(line)
        or (bp.shape(line).n_words <= 6 and bp.ui_word_share(line) >= 0.5 and not bp.shape(line).terminal)
        or _only_reactions(line)
        or bp.mentions_comments(line)
    )


def _only_reactions(line: str) -> bool:
    ws = [w.lower() for w in bp.words(line) if not w.isdigit()]
    return bool(line.strip()) and not ws and len(line) <= 20


def name_like(text: str) -> bool:
    """Shaped like a commenter's name or handle: a few words, no sentence ending, no interface word."""
    text = text.strip()
    if not text or len(text) > 40 or is_furniture(text):
        return False
    ws = bp.words(text)
    if not ws or len(ws) > 5:
        return False
    if text.endswith((".", "!", "?", "…", ":", ";", ",", '"', "»")) and not re.search(r"(?:^|\s)\w\.$", text):
        return False
    if " " not in text:
        return True  # a handle: "ngoc_anh_q7", "J.-P.Morvan"
    return not (len(ws) >= 3 and sum(1 for w in ws if w[:1].isupper()) < len(ws) - 1)


def author_of(line: str) -> str | None:
    """The commenter's name on an author line ("Jean W.", "Jean W. says:", "Марина написала:"), else None."""
    name = _AUTHOR_SUFFIX.sub("", line).strip(_SEPARATORS + " ")
    return name if name_like(name) else None


def _author_slot(line: str) -> str | None:
    """The name on a line in an author's position (next to a time line): any short unpunctuated line."""
    name = _AUTHOR_SUFFIX.sub("", line).strip(_SEPARATORS + " ")
    ws = bp.words(name)
    if not ws or len(ws) > 5 or len(name) > 40 or is_furniture(name):
        return None
    if name.endswith((".", "!", "?", "…", ":", ";", ",", '"', "»")) and not re.search(r"(?:^|\s)\w\.$", name):
        return None
    return name


def _stamp(line: str, day_first: bool, year: int | None, reference: datetime | None) -> _Stamp | None:
    if len(line) > 120:
        return None
    m = match_timestamp(line, day_first=day_first, year=year, reference=reference)
    if m is None:
        # "Gefällt mir · Antworten · 22 Std.", "Like · Reply · 2h": a bare age among buttons
        m = match_timestamp(line, year=year, reference=reference, bare_relative=True)
        rest = (line[: m.start] + " " + line[m.end :]).strip(_SEPARATORS + " ") if m else ""
        if m is None or not rest or not is_furniture(rest):
            return None
        return _Stamp(None, m.iso, line[m.start : m.end])
    before, after = line[: m.start], line[m.end :]
    after_ok = is_filler(after) or is_furniture(after.strip(_SEPARATORS)) or not after.strip(_SEPARATORS)
    if not after_ok:
        return None
    raw = line[m.start : m.end]
    if is_filler(before):
        return _Stamp(None, m.iso, raw)
    author = _AUTHOR_PREFIX.sub("", _AUTHOR_SUFFIX.sub("", before).strip(_SEPARATORS)).strip(_SEPARATORS)
    author = re.sub(r"(?i)\s+(?:on|le|am|el|em|il|в|lúc|vào|at|à|um)$", "", author).strip(_SEPARATORS)
    if name_like(author):
        return _Stamp(author, m.iso, raw)
    return None


def _layout(lines: list[str], anchors: list[int], stamps: dict[int, _Stamp], content: list[int]) -> str:
    """A (time then text), B (author, text, time) or C (text, "author · time"): the layout that leaves fewer
    comments without text wins; on a tie, the shape of what precedes the first time line decides."""
    bounds = [-1, *anchors, len(lines)]
    gaps = [sum(1 for i in content if bounds[k] < i < bounds[k + 1]) for k in range(len(bounds) - 1)]
    with_author = stamps[anchors[0]].author is not None
    need_before = 1 if with_author else 2  # B needs an author line and a text line before each time
    empty_after = sum(1 for g in gaps[1:] if g < 1)
    empty_before = sum(1 for g in gaps[:-1] if g < need_before)
    if empty_after != empty_before:
        return "A" if empty_after < empty_before else ("C" if with_author else "B")
    pre = [i for i in content if i < anchors[0]]
    if with_author:
        return "C" if any(bp.shape(lines[i]).terminal for i in pre) else "A"
    if len(pre) >= 2 and author_of(lines[pre[0]]) and not author_of(lines[pre[-1]]):
        return "B"
    return "A"


def _list_items(lines: list[str], stamps: dict[int, _Stamp], furniture: set[int]) -> None:
    """A list heading among the comments ("Most read", "Lo más visto") takes the headlines under it along."""
    for h in sorted(furniture):
        if not bp.is_list_head(lines[h]):
            continue
        i = h + 1
        while i < len(lines) and i not in stamps and i not in furniture and not bp.shape(lines[i]).terminal:
            if bp.shape(lines[i]).n_words > 20:
                break
            furniture.add(i)
            i += 1


def _contiguous(body: list[int], anchor: int) -> list[int]:
    """The text lines right after a time line: a run that furniture ("Reply") ends; later lines are not text."""
    out: list[int] = []
    expected = anchor + 1
    for i in body:
        if out and i != expected:
            break
        out.append(i)
        expected = i + 1
    return out


def parse_comment_section(
    lines: list[str],
    language: str | None = None,
    *,
    reference: datetime | str | None = None,
    year: int | None = None,
    day_first: bool | None = None,
    url: str | None = None,
) -> CommentSection:
    """Split the lines of a comment section into comments and leftover lines (see the module docstring)."""
    ref = as_datetime(reference)
    if year is None and ref is not None:
        year = ref.year
    if day_first is None:
        day_first = decide_day_first(lines, language, url)
    stamps: dict[int, _Stamp] = {}
    furniture: set[int] = set()
    for i, line in enumerate(lines):
        st = _stamp(line, day_first, year, ref)
        if st is not None:
            stamps[i] = st
        elif is_furniture(line):
            furniture.add(i)
    _list_items(lines, stamps, furniture)
    section = CommentSection()
    anchors = sorted(stamps)
    if not anchors:
        section.leftovers = list(range(len(lines)))
        return section
    content = [i for i in range(len(lines)) if i not in furniture and i not in stamps]
    layout = _layout(lines, anchors, stamps, content)
    used: set[int] = set()
    for k, a in enumerate(anchors):
        st = stamps[a]
        prev = anchors[k - 1] if k else -1
        nxt = anchors[k + 1] if k + 1 < len(anchors) else len(lines)
        author_i: int | None = None
        if layout == "A":
            if st.author is None:
                cands = [i for i in content if prev < i < a and i not in used]
                if cands and _author_slot(lines[cands[-1]]):
                    author_i = cands[-1]
            end = nxt
            if nxt < len(lines) and stamps[nxt].author is None:
                cands = [i for i in content if a < i < nxt]
                if len(cands) >= 2 and _author_slot(lines[cands[-1]]):
                    end = cands[-1]
            body = _contiguous([i for i in content if a < i < end], a)
        elif layout == "B":
            cands = [i for i in content if prev < i < a]
            if cands and author_of(lines[cands[0]]):
                author_i = cands[0]
                cands = cands[1:]
            body = cands
        else:
            body = [i for i in content if prev < i < a]
        author = (
            st.author
            if st.author is not None
            else (_author_slot(lines[author_i]) if author_i is not None else None)
        )
        if author_i is not None:
            used.add(author_i)
        text = "\n".join(lines[i].strip() for i in body)
        used.update(body)
        used.add(a)
        if not st.iso:
            section.unresolved.append(st.raw)
        if text or author:
            section.comments.append(Comment(author=author, posted=st.iso or None, text=text))
    section.leftovers = [i for i in range(len(lines)) if i not in used]
    return section


def parse_comments(
    lines: list[str],
    language: str | None = None,
    *,
    reference: datetime | str | None = None,
    year: int | None = None,
    day_first: bool | None = None,
) -> list[Comment]:
    """The comments in the lines of a comment section (header and furniture are skipped)."""
    return parse_comment_section(
        lines, language, reference=reference, year=year, day_first=day_first
    ).comments


def comment_markers(lines: list[str]) -> list[int]:
    """Indices of lines that may open a comment section: headers and log-in-to-comment prompts."""
    out = []
    for i, line in enumerate(lines):
        norm = bp.normalize(line)
        if bp.is_comment_header(line) or (
            (bp.ui_phrase(line) or bp.mentions_comments(line)) and _MARKER.search(norm)
        ):
            out.append(i)
    return out
