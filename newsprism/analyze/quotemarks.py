"""Direct quotations found by their quotation marks, in every common style; the span helpers and the
:class:`Attribution` record that the quote extractors share.

``“…”`` ``"…"`` ``„…“`` ``«…»`` ``‘…’`` ``「…」`` ``『…』`` ``‹…›``. A quotation may run over sentences and
over paragraphs (the convention that a continued quotation re-opens each paragraph and closes only at
the end); an opening mark that is never closed (frequent in machine-translated text) runs to the end
of its paragraph and is flagged ``balanced=False``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_CLOSERS: dict[str, str] = {
    "“": "”“",  # English closes with ”; German-style „…“ handled below, some texts reuse “
    "„": "“”",
    "«": "»",
    "「": "」",
    "『": "』",
    "‹": "›",
    '"': '"',
    "‘": "’",
    "»": "«",  # German/Danish reversed style
}
_OPEN_CONTEXT = re.compile(r"[\s(\[—–\-:,;/]")


@dataclass
class QuoteMark:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the paragraph end when unbalanced)
    balanced: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return (self.start + 1, self.end - 1 if self.balanced else self.end)


def _is_opener(text: str, i: int) -> bool:
    ch = text[i]
    if ch not in _CLOSERS:
        return False
    if ch in '"‘»':  # ambiguous marks open only after a space, a paragraph start or opening punctuation
        if i > 0 and not _OPEN_CONTEXT.match(text[i - 1]):
            return False
        if i + 1 >= len(text) or text[i + 1].isspace():
            return False
    return True


def _is_closer(text: str, i: int, opener: str) -> bool:
    ch = text[i]
    if ch not in _CLOSERS[opener]:
        return False
    if opener == "‘" and i + 1 < len(text) and text[i + 1].isalpha():  # apostrophe in don’t
        return False
    # a straight mark after a space and before a word looks like the next opener, not a closer
    return not (
        opener == '"' and i > 0 and text[i - 1].isspace() and i + 1 < len(text) and not text[i + 1].isspace()
    )


def find_quote_marks(text: str, max_chars: int = 5000) -> list[QuoteMark]:
    r"""Spans of quotations in ``text`` (marks included). Linear in ``len(text)``; a quotation is cut
    after ``max_chars`` characters so one stray mark cannot swallow an article. Typewriter doubles
    (\`\`…'' and ''…'') count as double quotation marks."""
    if "''" in text or "``" in text:
        # same length, so offsets still point into the original text
        text = text.replace("``", '"\u200b').replace("''", '"\u200b')
    out: list[QuoteMark] = []
    i, n = 0, len(text)
    while i < n:
        if not _is_opener(text, i):
            i += 1
            continue
        opener = text[i]
        j = i + 1
        limit = min(n, i + max_chars)
        close = -1
        para_end = -1
        while j < limit:
            ch = text[j]
            if (
                ch == "\n"
                and text.startswith("\n\n", j)
                or text.startswith("\n", j)
                and j + 1 < n
                and text[j + 1] == "\n"
            ):
                # a paragraph break: the quotation continues only when the next paragraph re-opens it
                k = j
                while k < n and text[k].isspace():
                    k += 1
                if k < n and text[k] == opener:
                    if para_end < 0:
                        para_end = j
                    j = k + 1
                    continue
                break
            if _is_closer(text, j, opener):
                close = j
                break
            j += 1
        if close >= 0:
            if close + 1 < n and text[close + 1] == "\u200b":
                close += 1
            out.append(QuoteMark(i, close + 1, True))
            i = close + 1
        else:
            end = para_end if para_end >= 0 else min(j, limit)
            end = len(text[:end].rstrip())
            if end - i > 1 and opener not in '"‘»':
                out.append(QuoteMark(i, end, False))
            i = end if end > i else i + 1
    return out


# --------------------------------------------------------------------------------------------- spans


@dataclass
class Attribution:
    """A quote as spans of the article text (what the evaluation scores)."""

    content: tuple[int, int]
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    direct: bool = False
    pieces: list[tuple[int, int]] = field(default_factory=list)  # when the content is interrupted

    def __post_init__(self) -> None:
        if not self.pieces:
            self.pieces = [self.content]

    def extend(self, span: tuple[int, int]) -> None:
        self.pieces.append(span)
        self.content = (self.content[0], max(self.content[1], span[1]))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def mark_before(marks: list[QuoteMark], pos: int) -> int:
    """Index of the last mark starting at or before ``pos`` (-1 when none); marks are sorted."""
    return bisect.bisect_right([m.start for m in marks], pos) - 1 if marks else -1


def inside_mark(marks: list[QuoteMark], pos: int) -> bool:
    i = mark_before(marks, pos)
    return i >= 0 and marks[i].start < pos < marks[i].end


def containing_mark(marks: list[QuoteMark], start: int, end: int) -> QuoteMark | None:
    i = mark_before(marks, start + 2)
    if i >= 0 and end - 2 <= marks[i].end and end > start:
        return marks[i]
    return None


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return start, end


_COLON_BREAK = re.compile(r"[^\n.!?”\"»]{0,78}:[ \t]*\n\s*")


def adjacent_mark(text: str, marks: list[QuoteMark], start: int, end: int) -> QuoteMark | None:
    """A quotation right before (``“…,” he said``) or right after (``said: “…”``) a cue."""
    first = max(0, mark_before(marks, start - 400))
    for m in marks[first:]:
        long_enough = len(text[m.start : m.end].split()) >= 3
        gap_after = text[m.end : start]
        closes_clause = text[m.end - 2 : m.end + 1].strip()[:1] in ","
        if (
            m.end <= start
            and len(gap_after) < 80
            and not re.search(r"[.!?]\s|\n", gap_after)
            and (long_enough or closes_clause)
        ):
            return m
        gap_before = text[end : m.start]
        if m.start >= end and (
            (
                len(gap_before) < 80
                and not re.search(r"[.!?]\s|\n|[”\"»]", gap_before)
                and (long_enough or gap_before.strip()[-1:] in (":", ","))
            )
            or (long_enough and _COLON_BREAK.fullmatch(gap_before))  # said:¶¶“…” in the next paragraph
        ):
            return m
        if m.start > end + 80:
            break
    return None


def strip_that(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    match = re.match(r"(?:that|que|qu[’'])\s*", text[s:e], re.IGNORECASE)
    if match:
        s += match.end()
    return s, e
