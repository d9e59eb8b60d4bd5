"""Reader comments of a page, one :class:`~newsprism.records.Comment` each, with author and time when marked.

Comment systems mark their parts with class names (``comment-content``, ``comment-author``, ``fn``,
``<time datetime>``); where they do, each comment is read from the page itself. A section of the page
headed "Comentarios (3)", "Comments", "Kommentare (12)" … (``boilerplate.is_comment_header``) whose
comments are not marked so is read block by block (``comment_heading``, ``comments_after_heading``): each repeated child is one
comment, its author the first short ``strong``/``b``/``cite`` or author-classed element, its time an
ISO ``datetime``/``title`` attribute. Where neither holds, the comment section trafilatura set apart is
split into its paragraphs.
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
    r"\b(?:(?:leave|post|write|add) (?:a |your )?(?:reply|comment)|cancel reply|no comments?(?: (?:are|were) found)?|"
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


_HEADINGS = etree.XPath("//h1|//h2|//h3|//h4|//h5|//h6|//header|//*[@role='heading']")
_NAMEISH = ("strong", "b", "cite")


def comment_heading(page: etree._Element) -> etree._Element | None:
    """The heading of a comment section ("Comentarios (3)") inside some element of the page: the section is
    what follows it in that element."""
    from newsprism.boilerplate import is_comment_header

    for heading in _HEADINGS(page):
        if not isinstance(heading.tag, str) or not is_comment_header(_text(heading)):
            continue
        section = heading.getparent()
        if section is not None and section.tag not in ("html", "body"):
            return heading
    return None


def section_lines(heading: etree._Element) -> list[str]:
    """The texts of a headed comment section: its heading, and each paragraph, list item and heading after it."""
    out = [_text(heading)]
    for block in heading.itersiblings():
        if isinstance(block.tag, str):
            out.extend(_text(el) for el in block.iter("p", "li", "h2", "h3", "h4", "h5"))
    return [t for t in out if t]


def comments_after_heading(heading: etree._Element) -> list[Comment]:
    """One comment per block after a comment section's ``heading`` (in its parent) holding a paragraph of
    text (what comes before the heading is not the comments')."""
    from newsprism.htmlclean import line_reason

    out: list[Comment] = []
    for block in heading.itersiblings():
        if not isinstance(block.tag, str) or block.tag in ("p", "h1", "h2", "h3", "h4"):
            continue  # a bare paragraph: a prompt ("Inicie sesión para comentar")
        paragraphs = [_text(p) for p in block.iter("p") if _text(p)]
        whole = " ".join(paragraphs)
        if not paragraphs or _FURNITURE.search(whole) or line_reason(whole, len(whole.split())):
            continue
        content = next(p for p in block.iter("p") if _text(p))
        author = _author(block, content) or next(
            (_text(el) for el in _own(block, content) if el.tag in _NAMEISH and 0 < len(_text(el)) <= 80),
            None,
        )
        posted = _posted(block, content) or next(
            (m.group(0) for el in _own(block, content) if (m := _ISO.match(el.get("title") or ""))), None
        )
        out.append(Comment(author=author, posted=posted, text=whole))
        if len(out) >= MAX_COMMENTS:
            break
    return out


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
