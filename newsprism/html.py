"""HTML page → clean article: title, body, comments kept apart, authors, date, outlet name.

Built on trafilatura (main text, comments, metadata; its date comes from htmldate), then:

1. the page is parsed once; its metadata (title, authors, date, site name) is read once from that tree,
   then two trafilatura runs work on it (one on short articles): the precision-oriented one is kept
   unless it lost too much of the text the default run found;
2. :mod:`newsprism.htmlclean` drops the leftovers trafilatura still lets through (share lines, "read
   more" and related lists, newsletter prompts, photo credits, cookie notices, a repeated headline…),
   keeping each verbatim in ``removed``;
3. :mod:`newsprism.htmlgaps` puts back prose trafilatura skipped inside the article (a lead or teaser
   in a container of its own);
4. :mod:`newsprism.htmlcomments` reads reader comments apart from the text, with author and time when
   the page marks them.

    >>> page = extract_html(html, url="https://example.org/news/1")
    >>> page.text, page.comments, page.removed
"""

from __future__ import annotations

import contextlib
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from newsprism.errors import NoArticleError
from newsprism.htmlclean import (
    PageTexts,
    block_text,
    clean_body,
    clean_lines,
    link_ratios,
    page_headings,
    text_key,
)
from newsprism.htmlcomments import (
    comment_heading,
    comments_after_heading,
    comments_from_page,
    comments_from_section,
    section_lines,
)
from newsprism.htmlgaps import fill_gaps
from newsprism.records import Comment

# keep the precision run when it has at least this share of the default run's text (tuned on dev splits)
PRECISION_KEEP_RATIO = 0.95
# no precision run when the default run found less text than this: on such short articles it found the
# same text or cut too much on 88 of the 102 dev pages (tuned on dev splits: F1 unchanged on both sets,
# ~12% fewer precision runs)
PRECISION_MIN_CHARS = 1500
FILL_GAPS = True  # put back prose trafilatura skipped inside the article (see newsprism.htmlgaps)
# our post-processing works on lxml trees of odd pages: its failures keep trafilatura's own output
_POSTPROCESS_ERRORS = (ValueError, TypeError, AttributeError, IndexError, KeyError, etree.LxmlError)
_BLANKS = re.compile(r"[ \t\u00a0]+")
_SOFT_HYPHEN = "\u00ad"


@dataclass
class HtmlExtract:
    """What :func:`extract_html` found in one page."""

    title: str | None = None
    text: str = ""  # clean body, paragraphs separated by one blank line
    comments: list[Comment] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date (YYYY-MM-DD)
    sitename: str | None = None
    removed: list[str] = field(default_factory=list)  # leftovers our post-processing dropped, verbatim
    warnings: list[str] = field(default_factory=list)


def extract_html(html: str, *, url: str | None = None, min_chars: int | None = None) -> HtmlExtract:
    """Extract the article of one decoded HTML page.

    Raises :class:`~newsprism.errors.NoArticleError` when the page holds no article text (or less than
    ``min_chars`` characters of it; default: the ``extract.min_text_chars`` setting).
    """
    name = url or "HTML page"
    if min_chars is None:
        from newsprism.config import SETTINGS

        min_chars = int(SETTINGS["extract.min_text_chars"].default)
    if not isinstance(html, str) or not html.strip():
        raise NoArticleError(f"no article in {name}: the page is empty")
    notes: list[str] = []
    tree = _parse(html, notes)
    if tree is None:
        raise NoArticleError(f"no article in {name}: {notes[0]}")
    texts = PageTexts()  # the page's paragraphs, read once for link ratios and gap filling
    links = link_ratios(tree, texts)
    headings = page_headings(tree)
    meta = _metadata(tree, url, notes)
    default = _run(tree, url or meta.url, precision=False, notes=notes)
    if default is None:
        reason = notes[0] if notes else "trafilatura found no main text"
        raise NoArticleError(f"no article in {name}: {reason}")
    short = sum(len(t) for t in default.body.itertext()) < PRECISION_MIN_CHARS
    precise = None if short else _run(tree, url, precision=True, notes=notes)

    title = _clean_line(meta.title)
    text, removed, kept_default = _best_text(default, precise, title, links, headings, notes)
    if FILL_GAPS and text:
        text = _with_gaps(tree, text, links, notes, texts)
    text = _without_kicker(tree, text, removed)
    text, bylined = _without_byline(text, removed)
    comments, text = _comments(tree, default, text, removed, notes)
    if len(text) < max(1, min_chars):
        what = "no main text" if not text else f"only {len(text)} characters of main text (< {min_chars})"
        raise NoArticleError(f"no article in {name}: {what}")

    out = HtmlExtract(
        title=title,
        text=text,
        comments=comments,
        authors=_authors(meta.author) or bylined,
        published=_iso_date(meta.date),
        sitename=_clean_line(meta.sitename),
        removed=removed,
        warnings=notes,
    )
    if kept_default:
        out.warnings.append("kept trafilatura's default run: its precision run lost too much text")
    if len(text) < 500:
        out.warnings.append(f"short article text ({len(text)} characters)")
    return out


# a kicker: a short label right above the headline ("Geldpolitik in Lateinamerika", "EXCLUSIVE")
KICKER_MAX_WORDS = 8


def _kickers(tree: etree._Element) -> set[str]:
    """The :func:`text_key` of each short block that sits right before an ``<h1>`` (its kicker or section
    label: "Geldpolitik in Lateinamerika", "Antetítulo"), when it does not end like a sentence."""
    out = set()
    for h1 in tree.iter("h1"):
        before = h1.getprevious()
        while before is not None and not isinstance(before.tag, str):  # comments, processing instructions
            before = before.getprevious()
        if before is None or before.tag in (
            "h1",
            "h2",
            "nav",
            "header",
            "ul",
            "ol",
            "table",
            "img",
            "figure",
        ):
            continue
        text = " ".join(block_text(before).split())
        words = len(text.split())
        if 0 < words <= KICKER_MAX_WORDS and text[-1] not in ".!?…:;":
            out.add(text_key(text))
    return out


def _without_kicker(tree: etree._Element, text: str, removed: list[str]) -> str:
    """``text`` without a first paragraph that is the headline's kicker (moved to ``removed``)."""
    first, _, rest = text.partition("\n\n")
    if rest and text_key(first) in _kickers(tree):
        removed.append(first.strip())
        return rest.lstrip()
    return text


BYLINE_PARAGRAPHS = 3  # a byline left in the text sits among its first paragraphs


def _without_byline(text: str, removed: list[str]) -> tuple[str, list[str]]:
    """``text`` without a byline paragraph among its first ones ("Por Andrés Villalta · Puerto Albar ·",
    moved to ``removed``), and the author(s) it names."""
    from newsprism.boilerplate import byline_name

    paragraphs = text.split("\n\n")
    for k, paragraph in enumerate(paragraphs[:BYLINE_PARAGRAPHS]):
        name = byline_name(paragraph) if len(paragraphs) > 1 else None
        if name:
            removed.append(paragraph.strip())
            return "\n\n".join(paragraphs[:k] + paragraphs[k + 1 :]), _authors(name)
    return text, []


def _best_text(
    default: Any,
    precise: Any,
    title: str | None,
    links: dict[str, float],
    headings: frozenset[str],
    notes: list[str],
) -> tuple[str, list[str], bool]:
    """The cleaned text of the precision run unless it lost too much of the default run's text.

    Returns (text, removed leftovers, whether the default run was kept over an available precision run).
    """
    default_text, default_removed = _safe_body_text(default, title, links, headings, notes)
    if precise is None:
        return default_text, default_removed, False
    if etree.tostring(precise.body) == etree.tostring(default.body):  # both runs found the same body
        precise_text, precise_removed = default_text, list(default_removed)
    else:
        precise_text, precise_removed = _safe_body_text(precise, title, links, headings, notes)
    if precise_text and len(precise_text) >= PRECISION_KEEP_RATIO * len(default_text):
        return precise_text, precise_removed, False
    return default_text, default_removed, True


def _with_gaps(
    tree: etree._Element, text: str, links: dict[str, float], notes: list[str], texts: PageTexts | None = None
) -> str:
    try:
        paragraphs, added = fill_gaps(tree, text.split("\n\n"), links, texts)
    except _POSTPROCESS_ERRORS as exc:
        notes.append(f"skipped putting back missed paragraphs ({type(exc).__name__})")
        return text
    if added:
        notes.append(f"put back {len(added)} paragraph(s) trafilatura skipped inside the article")
    return "\n\n".join(paragraphs)


def _comments(
    tree: etree._Element, doc: Any, text: str, removed: list[str], notes: list[str]
) -> tuple[list[Comment], str]:
    """The page's reader comments, and ``text`` without a comment section trafilatura left in it (its
    comments move to the comments, its other lines, a log-in prompt, to ``removed``)."""
    try:
        marked = comments_from_page(tree)
        if marked:
            return marked, text
        heading = comment_heading(tree)
        found = comments_after_heading(heading) if heading is not None else []
        if heading is None or not found:
            return comments_from_section(getattr(doc, "commentsbody", None)), text
        said = {_key(c.text) for c in found}
        lines = {_key(line) for line in section_lines(heading)}
        kept = []
        for paragraph in text.split("\n\n"):
            key = _key(paragraph)
            if key in lines or key in said:
                if key not in said:
                    removed.append(paragraph.strip())
                continue
            kept.append(paragraph)
        return found, "\n\n".join(kept)
    except _POSTPROCESS_ERRORS as exc:
        notes.append(f"comments could not be read ({type(exc).__name__})")
        return [], text


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


# ------------------------------------------------------------------------------------------- trafilatura


def _parse(html: str, notes: list[str]) -> etree._Element | None:
    """The page parsed once, as trafilatura's HTML loader parses it (each run works on a copy).

    Parsed by :func:`_load`, whose elements skip lxml.html's per-element Python class lookup; pages it
    cannot take as they come go through trafilatura's own loader.
    """
    from trafilatura.utils import load_html

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = _load(html)
            if tree is None:
                tree = load_html(html)
    except (RecursionError, ValueError, etree.LxmlError) as exc:
        notes.append(f"the HTML cannot be parsed ({type(exc).__name__})")
        return None
    if tree is None or tree is _REJECTED:
        notes.append("the HTML cannot be parsed")
        return None
    return tree


_REJECTED: Any = object()  # _load: not HTML at all, as trafilatura's loader judges it
_PARSER: Any = None


def _html_parser() -> Any:
    """An HTML parser with the options of trafilatura's, whose elements are ``HtmlElement`` throughout.

    lxml.html's parser looks up each element's class in Python (a form field gets its own class) every
    time an element is touched: more than a million calls on 181 pages, about 4 % of extraction time.
    Neither trafilatura nor newsprism uses the form classes, so a lookup done in C gives the same output.
    """
    global _PARSER
    if _PARSER is None:
        from lxml import html as lxml_html

        parser = lxml_html.HTMLParser(
            collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
        )
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=lxml_html.HtmlElement,
                comment=lxml_html.HtmlComment,
                pi=lxml_html.HtmlProcessingInstruction,
                entity=lxml_html.HtmlEntity,
            )
        )
        _PARSER = parser
    return _PARSER


def _load(html: str) -> Any:
    """The page's tree as ``trafilatura.utils.load_html`` would build it, on :func:`_html_parser`;
    ``None`` when that loader should take the page itself (its fallbacks), ``_REJECTED`` when it would
    reject the page."""
    from lxml import html as lxml_html
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = html[:50].lower()
    try:
        tree = lxml_html.fromstring(repair_faulty_html(html, beginning), parser=_html_parser())
    except Exception:  # noqa: BLE001 - e.g. an encoding declaration in a str: trafilatura's loader decides
        return None
    if tree is None or len(tree) < 1:
        return None
    if is_dubious_html(beginning) and len(tree) < 2:
        return _REJECTED
    return tree


def _metadata(tree: etree._Element, url: str | None, notes: list[str]) -> Any:
    """Title, author, date, site name and URL of the page, read once by trafilatura's metadata readers.

    The fields newsprism uses, as ``trafilatura.extract_metadata`` finds them, without the categories,
    tags and licence it would also look for (a third of its time). Never raises: a failure is a note.
    """
    from trafilatura import metadata as tm

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            meta = tm.examine_meta(tree)
            if meta.author and " " not in meta.author:
                meta.author = None  # a bare handle, not a name
            with contextlib.suppress(Exception):  # malformed JSON-LD: the <meta> fields stand
                meta = tm.extract_meta_json(tree, meta)
            meta.title = meta.title or tm.extract_title(tree)
            meta.author = meta.author or tm.extract_author(tree)
            meta.url = meta.url or tm.extract_url(tree, url)
            meta.date = tm.find_date(tree, url=meta.url, original_date=True, extensive_search=True)
            meta.sitename = meta.sitename or tm.extract_sitename(tree)
    except Exception as exc:  # noqa: BLE001 - metadata of a garbage page: go on without it
        from trafilatura.settings import Document

        notes.append(f"page metadata could not be read ({type(exc).__name__})")
        return Document()
    if meta.sitename:
        name = meta.sitename.lstrip("@")
        meta.sitename = name.title() if name and "." not in name and not name[0].isupper() else name
    elif meta.url:
        host = tm.META_URL.match(meta.url)
        meta.sitename = host[1] if host else None
    meta.clean_and_trim()  # entities, spaces and control characters, as extract_metadata leaves them
    return meta


def _run(tree: etree._Element, url: str | None, *, precision: bool, notes: list[str]) -> Any:
    """One trafilatura run on the parsed page (trafilatura works on its own copy), as a Document, or None."""
    import trafilatura

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = trafilatura.bare_extraction(
                tree,
                url=url,
                favor_precision=precision,
                include_comments=not precision,
                include_links=True,  # changes trafilatura's choices for the better on dev
                include_tables=True,
                with_metadata=False,  # read once by _metadata
                # the precision run without readability/justext: dev F1 0.9776 -> 0.9774 (aeb), 0.9347 ->
                # 0.9333 (trafilatura-eval, 10 of 490 pages change), extraction 10-13 % faster
                fast=precision,
            )
    except RecursionError:
        notes.append("the page is nested too deeply to parse")
        return None
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura errors on garbage pages become a note
        notes.append(f"trafilatura failed ({type(exc).__name__}: {exc})"[:300])
        return None
    body = getattr(doc, "body", None)
    if body is None or not len(body):
        return None
    return doc


def _safe_body_text(
    doc: Any, title: str | None, links: dict[str, float], headings: frozenset[str], notes: list[str]
) -> tuple[str, list[str]]:
    try:
        return _body_text(doc, title, links, headings)
    except _POSTPROCESS_ERRORS as exc:
        from trafilatura.xml import xmltotxt

        notes.append(f"leftover cleaning skipped ({type(exc).__name__}); trafilatura's text kept as is")
        body = _copy(doc.body)
        etree.strip_tags(body, "ref")
        return _paragraphs(xmltotxt(body, include_formatting=False)), []


def _body_text(
    doc: Any, title: str | None, links: dict[str, float], headings: frozenset[str]
) -> tuple[str, list[str]]:
    """The cleaned body of a trafilatura Document as text, with the leftovers dropped from it."""
    from trafilatura.xml import xmltotxt

    body = _copy(doc.body)
    removed = clean_body(body, title, links, headings)
    etree.strip_tags(body, "ref")
    lines, dropped = clean_lines(_paragraphs(xmltotxt(body, include_formatting=False)).split("\n\n"), links)
    return "\n\n".join(line for line in lines if line), removed + dropped


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def _paragraphs(text: str) -> str:
    lines = (_BLANKS.sub(" ", line.replace(_SOFT_HYPHEN, "")).strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _clean_line(value: str | None) -> str | None:
    if not value:
        return None
    value = _BLANKS.sub(" ", value).strip()
    return value or None


def _authors(value: str | None) -> list[str]:
    if not value:
        return []
    seen: list[str] = []
    for part in re.split(r"\s*;\s*", value):
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return seen


def _iso_date(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        return value[:10]
    return None
