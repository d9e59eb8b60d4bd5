"""Reader comments of a page, one :class:`~newsprism.records.Comment` each, with author and time when marked.

Comment systems mark their parts with class names (``comment-content``, ``comment-author``, ``fn``,
``<time datetime>``); where they do, each comment is read from the page itself. Where they do not, the
comment section trafilatura set apart is split into its paragraphs.
"""

from __future__ import annotations

import re

from lxml import etree

from newsprism.records import Comment

_CONTENT = re.compile(
    r"(?:^|[\s_-])(?:comment|kommentar|commentaire|comentario|reply)[-_]*(?:content|text|body|message|entry|inner)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTAINER = re.compile(r"(?:^|[\s_-])(?:comment|kommentar|commentaire|comentario)(?:$|[\s_-]|item|\d)", re.I)
_AUTHOR = re.compile(
    r"(?:^|[\s_-])(?:author|fn|username|user-name|commenter|nickname|name)(?:$|[\s_-])", re.I
)
_DATE = re.compile(r"(?:^|[\s_-])(?:date|time|timestamp|published|metadata)(?:$|[\s_-])", re.I)
_SPACE = re.compile(r"\s+")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_SAYS = re.compile(r"\s*\b(?:says|said|sagt|schreibt|dit|écrit|dice|escribe|disse|wrote)\b", re.I)
_FROM_DATE = re.compile(r"\s+(?=\d)")  # "Name 11. Dezember 2012 um 11:07": the name ends at the date
# lines of a comment section that are its furniture, not a comment
_FURNITURE = re.compile(
    r"\b(?:(?:leave|post|write|add) (?:a |your )?(?:reply|comment)|cancel reply|no comments|"
    r"(?:schreib|schreiben sie)(?:e)? einen kommentar|kommentar (?:schreiben|verfassen)|laisser un commentaire|"
    r"deja (?:un|tu) comentario|textformate|community[- ]?(?:richtlinien|guidelines|rules)|disclaimer|"
    r"user comments|comments? (?:are|is) closed|log ?in to (?:comment|reply)|required fields)\b",
    re.IGNORECASE,
)
MAX_COMMENTS = 500
# only elements with a class or an id can be marked: lxml picks them out (most elements of a page have neither)
_CANDIDATES = etree.XPath("descendant-or-self::*[@class or @id]")


def _attrs(element: etree._Element) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"


def _text(element: etree._Element) -> str:
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def comments_from_page(page: etree._Element) -> list[Comment]:
    """Comments whose text the page marks with a ``comment-content``-like class; [] when none is marked."""
    contents = [
        el
        for el in _CANDIDATES(page)
        if isinstance(el.tag, str) and el.tag not in ("html", "body") and _CONTENT.search(_attrs(el))
    ]
    # keep the innermost marked element of each comment
    marked = set(contents)
    contents = [el for el in contents if not any(d in marked for d in el.iterdescendants())]
    out: list[Comment] = []
    for content in contents[:MAX_COMMENTS]:
        text = _text(content)
        if not text:
            continue
        container = _container(content)
        out.append(Comment(author=_author(container, content), posted=_posted(container, content), text=text))
    return out


def _container(content: etree._Element) -> etree._Element:
    """The element holding one whole comment (its author, time and text)."""
    node = content.getparent()
    for _ in range(6):
        if node is None:
            break
        if node.tag in ("li", "article") or _CONTAINER.search(_attrs(node)):
            return node
        node = node.getparent()
    parent = content.getparent()
    return parent if parent is not None else content


def _own(container: etree._Element, content: etree._Element) -> list[etree._Element]:
    """Descendants of ``container`` outside ``content`` and outside nested replies."""
    out: list[etree._Element] = []
    stack = list(container)
    while stack:
        el = stack.pop(0)
        if el is content or not isinstance(el.tag, str):
            continue
        if el.tag in ("ol", "ul") and el.getparent() is container:
            continue  # a list of replies
        out.append(el)
        stack.extend(list(el))
    return out


def _author(container: etree._Element, content: etree._Element) -> str | None:
    for el in _own(container, content):
        if el.get("itemprop") == "author" or el.tag == "cite" or _AUTHOR.search(_attrs(el)):
            name = _SAYS.split(_text(el))[0]
            name = _FROM_DATE.split(name)[0].strip(" :,-–|")
            if name and len(name) <= 80:
                return name
    return None


def _posted(container: etree._Element, content: etree._Element) -> str | None:
    for el in _own(container, content):
        for value in (el.get("datetime"), el.get("content") if el.get("itemprop") else None):
            if value and _ISO.match(value):
                return _ISO.match(value).group(0)  # type: ignore[union-attr]
        if _DATE.search(_attrs(el)):
            match = _ISO.search(_text(el))
            if match:
                return match.group(0)
    return None


def comments_from_section(section: etree._Element | None) -> list[Comment]:
    """One comment per paragraph of the comment section trafilatura set apart."""
    from newsprism.htmlclean import blocks_of, line_reason

    if section is None or not len(section):
        return []
    out = [
        Comment(text=block.text)
        for block in blocks_of(section)
        if block.words >= 4 and not _FURNITURE.search(block.text) and not line_reason(block.text, block.words)
    ]
    return out[:MAX_COMMENTS]
