"""Direct quotations found by their quotation marks, in every common style.

``“…”`` ``"…"`` ``„…“`` ``«…»`` ``‘…’`` ``「…」`` ``『…』`` ``‹…›``. A quotation may run over sentences and
over paragraphs (the convention that a continued quotation re-opens each paragraph and closes only at
the end); an opening mark that is never closed (frequent in machine-translated text) runs to the end
of its paragraph and is flagged ``balanced=False``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
