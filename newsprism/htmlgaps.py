"""Prose that trafilatura skipped inside the article it found: standfirsts, teasers, a stray paragraph.

The paragraphs trafilatura kept are located in the original page; text blocks between them (or just
before the first, where leads sit) that read like prose (long enough, ending as sentences end, few links,
outside navigation, asides, figures and boilerplate-named containers) are put back where they stand.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from lxml import etree

from newsprism.htmlclean import PageTexts, is_pointer, line_reason, text_key

_BLOCKS = ("p", "div", "li", "h2", "h3", "h4", "blockquote", "dd", "section", "span", "strong")
_INLINE = frozenset(
    {"a", "b", "strong", "i", "em", "span", "br", "sup", "sub", "u", "abbr", "small", "font", "mark"}
)
_SKIP_TAGS = frozenset(
    {
        "nav",
        "aside",
        "footer",
        "form",
        "figure",
        "figcaption",
        "button",
        "select",
        "noscript",
        "script",
        "style",
    }
    | {"header", "label", "time", "address", "template", "svg", "iframe", "table"}
)
_BOILER = re.compile(
    r"share|social|related|recommend|newsletter|subscri|promo|advert|\bads?\b|ad-|sponsor|comment|cookie|consent|"
    r"footer|sidebar|widget|caption|credit|byline|author|breadcrumb|\btags?\b|popup|modal|signup|paywall|teaser-list|"
    r"more-|read-?more|nav|menu|toolbar|meta|date|copyright|disclaimer|banner|login|rating|gallery|slider|"
    r"carousel|video|player|embed|tweet|instagram|facebook",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?:[.!?…:][\"'»”)\]]?|[\"»”]\.)\s*$")
MAX_BEFORE = 3  # blocks looked at before the first kept paragraph (leads)


@dataclass
class _Block:
    element: etree._Element
    text: str
    key: str


def _page_blocks(page: etree._Element, texts: PageTexts) -> list[_Block]:
    """Elements that hold a paragraph's worth of text themselves (no block children), in page order."""
    out: list[_Block] = []
    # depth first, in page order; below a block with inline children only, every element is inline
    # (a block taken there would hold no more text than it), so the walk does not go further down
    stack = [page]
    while stack:
        element = stack.pop()
        children = [c for c in element if isinstance(c.tag, str)]
        if element.tag in _BLOCKS and all(c.tag in _INLINE for c in children):
            text = texts.text(element)
            if text:
                out.append(_Block(element, text, texts.key(text)))
            continue
        stack.extend(reversed(children))
    return out


def _excluded(element: etree._Element, stop: etree._Element) -> bool:
    node: etree._Element | None = element
    while node is not None and node is not stop:
        if node.tag in _SKIP_TAGS or (node.tag == "a" and node is not element):
            return True
        if _BOILER.search(f"{node.get('class', '')} {node.get('id', '')} {node.get('role', '')}"):
            return True
        node = node.getparent()
    return False


def _prose(block: _Block, links: dict[str, float]) -> bool:
    words = len(block.key.split())
    if words < 8 or (words < 15 and not _SENTENCE_END.search(block.text)):
        return False
    if links.get(block.key, 0.0) >= 0.3 or is_pointer(block.text, words):
        return False
    parts = re.split(r"[,|·•/]", block.text)
    if len(parts) >= 6 and words / len(parts) <= 5:
        return False  # a list of tags or links, not a sentence
    return line_reason(block.text, words) is None


def _grams(key: str, n: int = 3) -> set[tuple[str, ...]]:
    words = key.split()
    return {tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def _common_ancestor(elements: list[etree._Element]) -> etree._Element | None:
    if not elements:
        return None
    chain = list(elements[0].iterancestors())
    chain.insert(0, elements[0])
    for candidate in chain:
        if all(candidate is e or any(a is candidate for a in e.iterancestors()) for e in elements[1:]):
            return candidate
    return None


def fill_gaps(
    page: etree._Element, paragraphs: list[str], links: dict[str, float], texts: PageTexts | None = None
) -> tuple[list[str], list[str]]:
    """``paragraphs`` with the skipped prose blocks of ``page`` put back in place; also returns those added.

    ``texts`` holds the page's texts already read (by :func:`~newsprism.htmlclean.link_ratios`).
    """
    if not paragraphs:
        return paragraphs, []
    keys = [text_key(p) for p in paragraphs]
    blocks = _page_blocks(page, texts or PageTexts())
    # where each kept paragraph's text sits in the page: block index → paragraph index, the first
    # paragraph from the cursor on that holds the block's text. Keys have no line breaks, so one search
    # in the paragraphs' keys joined by line breaks finds it: its first hit lies in that paragraph.
    joined = "\n".join(keys)
    starts = list(accumulate((len(k) + 1 for k in keys[:-1]), initial=0))
    located: dict[int, int] = {}
    cursor = 0
    for i, block in enumerate(blocks):
        if len(block.key) < 20:
            continue
        hit = joined.find(block.key, starts[cursor])
        if hit >= 0:
            cursor = bisect_right(starts, hit) - 1
            located[i] = cursor
    if len(located) < 2:
        return paragraphs, []
    first, last = min(located), max(located)
    region = _common_ancestor([blocks[i].element for i in located])
    if region is None or region.tag in ("html", "body"):
        return paragraphs, []
    outer = region.getparent() if region.getparent() is not None else region
    inserts: dict[int, list[str]] = {}
    added: list[str] = []
    seen = _grams(" ".join(keys))
    for i in range(max(0, first - MAX_BEFORE), last):
        block = blocks[i]
        grams = _grams(block.key)
        if i in located or not grams or len(grams & seen) > 0.2 * len(grams):
            continue  # already there, maybe split across paragraphs
        scope = outer if i < first else region
        if not any(a is scope for a in block.element.iterancestors()) or _excluded(block.element, scope):
            continue
        if not _prose(block, links):
            continue
        before = [located[k] for k in located if k < i]
        inserts.setdefault(max(before) + 1 if before else 0, []).append(block.text)
        added.append(block.text)
        seen |= grams
    if not added:
        return paragraphs, []
    out: list[str] = []
    for j in range(len(paragraphs) + 1):
        out.extend(inserts.get(j, []))
        if j < len(paragraphs):
            out.append(paragraphs[j])
    return out, added
