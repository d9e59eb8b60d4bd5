"""RSS / Atom feeds and OPML subscription lists → the URLs of the articles to fetch.

Dangerous XML is refused before any parser sees it: defusedxml rejects entity declarations (the
"billion laughs" expansion bomb, external entities that read local files or remote DTDs); a plain
``<!DOCTYPE …>`` without entities is allowed, since RSS 0.91 feeds carry one. Feeds are then read by
feedparser (RSS 0.9x, 1.0, 2.0, Atom 0.3/1.0); a feed that is not well-formed but still readable gives
a warning, not an error. Content is sniffed, never judged by its file name.

    feed = read_feed(data, origin="https://example.org/rss", base_url=response.final_url)
    for entry in feed.entries:
        entry.url, entry.title, entry.published, entry.source_name
    feed_urls = parse_opml(data, origin="subscriptions.opml")
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
import feedparser
from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden

from newsprism.errors import FeedError

_HEAD_BYTES = 4096
_ROOT = re.compile(r"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


class FeedWarning(UserWarning):
    """A feed that was read despite a problem (not well-formed XML, entries without links…)."""


@dataclass
class FeedEntry:
    """One item of a feed. ``published`` is ISO-8601 in UTC; ``summary`` is plain text.

    ``source_name`` is the outlet: the item's own ``<source>`` when an aggregator feed names one,
    else the feed's title.
    """

    url: str
    title: str | None = None
    published: str | None = None
    summary: str | None = None
    source_name: str | None = None
    author: str | None = None
    language: str | None = None  # the feed's declared language ("en-gb"), if any

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Feed:
    """A parsed feed: its own title, link and language, its entries, and what was odd about it."""

    origin: str
    title: str | None = None
    link: str | None = None
    language: str | None = None
    version: str = ""  # feedparser's name of the format: rss20, rss10, rss091u, atom10 …
    entries: list[FeedEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------------------ sniffing


def _head_text(content: bytes, limit: int = _HEAD_BYTES) -> str:
    head = content[: limit * 4]
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, "replace")[:limit]
    if head[:2] in (b"<\x00", b"\x00<"):  # UTF-16 without a BOM
        return head.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", "replace")[:limit]
    return head[:limit].decode("latin-1")


def _root_element(content: bytes) -> tuple[str, str] | None:
    """``(prefix, local name)`` of the first element, skipping the XML declaration, comments,
    processing instructions and the DOCTYPE; None if the content does not start like XML."""
    text = _head_text(content).lstrip()
    pos = 0
    while pos < len(text):
        if text.startswith("<?", pos):
            end = text.find("?>", pos)
            after = end + 2
        elif text.startswith("<!--", pos):
            end = text.find("-->", pos)
            after = end + 3
        elif text.startswith("<!", pos):  # DOCTYPE, possibly with an internal subset [ … ]
            bracket, end = text.find("[", pos), text.find(">", pos)
            if bracket != -1 and (end == -1 or bracket < end):
                end = text.find("]", bracket)
                end = text.find(">", end) if end != -1 else -1
            after = end + 1
        else:
            match = _ROOT.match(text, pos)
            if not match:
                return None
            return (match.group(1) or "").rstrip(":").lower(), match.group(2).lower()
        if end == -1:
            return None
        pos = after
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return None


def looks_like_feed(content: bytes) -> bool:
    """True if the content starts like an RSS (0.9x, 1.0, 2.0) or Atom document."""
    root = _root_element(content)
    if root is None:
        return False
    prefix, name = root
    if name in ("rss", "feed"):
        return True
    if name == "rdf" and prefix == "rdf":
        head = _head_text(content).lower()
        return "purl.org/rss" in head or "netscape.com/rdf" in head or "<channel" in head
    return False


def looks_like_opml(content: bytes) -> bool:
    """True if the content starts like an OPML document."""
    root = _root_element(content)
    return root is not None and root[1] == "opml"


def _describe(content: bytes) -> str:
    """What a document that is not a feed seems to be, for the error message."""
    head = content[:_HEAD_BYTES]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        return "it is binary data"
    root = _root_element(content)
    if root is None:
        text = _head_text(content).lower()
        if "<html" in text or "<body" in text:
            return "it is an HTML page"
        if sum(ch.isprintable() or ch.isspace() for ch in text) < 0.9 * max(1, len(text)):
            return "it is binary data"
        return "it is not XML"
    if root[1] in ("html", "head", "body"):
        return "it is an HTML page"
    if root[1] == "opml":
        return "it is an OPML subscription list"
    return f"its root element is <{root[1]}>"


# ------------------------------------------------------------------------------------------ safety


def _parse_safely(content: bytes, origin: str, what: str) -> Element | None:
    """Parse with defusedxml; dangerous XML raises FeedError, ill-formed XML returns None."""
    try:
        return SafeET.fromstring(content, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden as exc:
        kind = "an external entity" if exc.sysid or exc.pubid else "an entity"
        raise FeedError(
            f"{origin}: {what} declares {kind} ({exc.name!r}); refused as unsafe XML "
            "(entity expansion bomb or external entity)"
        ) from None
    except ExternalReferenceForbidden as exc:
        raise FeedError(
            f"{origin}: {what} refers to an external resource ({exc.sysid!r}); refused as unsafe XML"
        ) from None
    except DefusedXmlException as exc:
        raise FeedError(f"{origin}: {what} refused as unsafe XML ({type(exc).__name__})") from None
    except (ParseError, ValueError, SyntaxError):
        return None


def _refuse_entities_in_broken_xml(content: bytes, origin: str, what: str) -> None:
    """A document expat cannot parse may still carry entity declarations for a lenient parser."""
    text = content
    if content[:2] in (b"\xff\xfe", b"\xfe\xff") or content[:2] in (b"<\x00", b"\x00<"):
        text = _head_text(content, len(content)).encode("utf-8", "replace")
    if _ENTITY_DECL.search(text):
        raise FeedError(
            f"{origin}: {what} declares XML entities; refused as unsafe XML (entity expansion bomb)"
        )


# ------------------------------------------------------------------------------------------ feeds


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        year, month, day, hour, minute, second = parsed[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc).isoformat()
    except (TypeError, ValueError):
        return None


def _plain(html: str | None) -> str | None:
    if not html:
        return None
    text = html
    if "<" in html:
        try:
            import lxml.html

            text = lxml.html.fragment_fromstring(html, create_parent="div").text_content()
        except Exception:  # lxml refuses odd fragments; a tag strip is good enough for a summary
            text = _TAG.sub(" ", html)
    text = _SPACE.sub(" ", text).strip()
    return text or None


def _http_url(value: str | None, base: str | None) -> str | None:
    if not value:
        return None
    url = urljoin(base, value.strip()) if base else value.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.hostname:
        return url
    return None


def read_feed(
    content: bytes,
    *,
    origin: str,
    base_url: str | None = None,
    max_entries: int = 500,
    content_type: str | None = None,
) -> Feed:
    """Parse an RSS/Atom feed; raise FeedError (naming ``origin``) for unsafe XML or a non-feed.

    Relative links are resolved against ``base_url`` (the URL the feed was fetched from), else
    ``origin`` when it is a URL, else the feed's own link. Entries without an http(s) link are left out;
    the same link is kept once; at most ``max_entries`` entries are returned. ``content_type`` is the
    HTTP Content-Type header, if any: a charset named there wins over the XML declaration.
    """
    if not content.strip():
        raise FeedError(f"{origin}: not an RSS/Atom feed: it is empty")
    well_formed = _parse_safely(content, origin, "feed") is not None
    if not looks_like_feed(content):
        raise FeedError(f"{origin}: not an RSS/Atom feed: {_describe(content)}")
    if not well_formed:
        _refuse_entities_in_broken_xml(content, origin, "feed")

    base = base_url or (origin if _http_url(origin, None) else None)
    charset = _CHARSET.search(content_type or "")
    headers = {"content-type": "application/xml" + (f"; charset={charset.group(1)}" if charset else "")}
    if base:
        headers["content-location"] = base
    try:
        parsed = feedparser.parse(  # a file object: feedparser opens paths and URLs given as strings
            io.BytesIO(content), response_headers=headers, resolve_relative_uris=True, sanitize_html=True
        )
    except Exception as exc:  # feedparser rarely raises, but it must not leak
        raise FeedError(f"{origin}: not an RSS/Atom feed: {type(exc).__name__}: {exc}") from None
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "feedparser found no feed in it"
        raise FeedError(f"{origin}: not an RSS/Atom feed: {reason}")

    channel = parsed.feed
    feed = Feed(
        origin=origin,
        title=_plain(channel.get("title")),
        link=_http_url(channel.get("link"), base),
        language=channel.get("language") or None,
        version=parsed.get("version") or "",
    )
    if parsed.get("bozo"):
        feed.warnings.append(
            f"{origin}: feed is not well-formed ({parsed.get('bozo_exception')}); read leniently"
        )

    link_base = base or feed.link
    seen: set[str] = set()
    no_link = 0
    for item in parsed.entries:
        if len(feed.entries) >= max_entries:
            break
        url = _http_url(item.get("link"), link_base)
        if url is None:
            no_link += 1
            continue
        if url in seen:
            continue
        seen.add(url)
        source = item.get("source") or {}
        feed.entries.append(
            FeedEntry(
                url=url,
                title=_plain(item.get("title")),
                published=_iso(
                    item.get("published_parsed") or item.get("updated_parsed") or item.get("created_parsed")
                ),
                summary=_plain(item.get("summary")),
                source_name=_plain(source.get("title")) or feed.title,
                author=_plain(item.get("author")),
                language=feed.language,
            )
        )
    if no_link:
        feed.warnings.append(
            f"{origin}: {no_link} feed entr{'y' if no_link == 1 else 'ies'} without an http(s) link left out"
        )
    return feed


def parse_feed(
    content: bytes,
    *,
    origin: str,
    base_url: str | None = None,
    max_entries: int = 500,
    content_type: str | None = None,
) -> list[FeedEntry]:
    """The entries of an RSS/Atom feed (see :func:`read_feed`); problems that did not stop the
    reading are issued as :class:`FeedWarning` (use :func:`read_feed` to collect them instead)."""
    feed = read_feed(
        content, origin=origin, base_url=base_url, max_entries=max_entries, content_type=content_type
    )
    for message in feed.warnings:
        warnings.warn(message, FeedWarning, stacklevel=2)
    return feed.entries


# ------------------------------------------------------------------------------------------ OPML


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_opml(content: bytes, *, origin: str) -> list[str]:
    """The feed URLs (``xmlUrl``) of every outline, nested ones included, in document order, once each.

    Only http(s) URLs are kept; relative ones are resolved against ``origin`` when it is a URL.
    Unsafe or ill-formed XML, or a document that is not OPML, raises FeedError naming ``origin``.
    """
    if not content.strip():
        raise FeedError(f"{origin}: not an OPML file: it is empty")
    root = _parse_safely(content, origin, "OPML file")
    if root is None:
        if not looks_like_opml(content):
            raise FeedError(f"{origin}: not an OPML file: {_describe(content)}")
        _refuse_entities_in_broken_xml(content, origin, "OPML file")
        raise FeedError(f"{origin}: OPML file is not well-formed XML")
    if _local(root.tag) != "opml":
        raise FeedError(f"{origin}: not an OPML file: its root element is <{_local(root.tag)}>")
    base = origin if _http_url(origin, None) else None
    urls: dict[str, None] = {}
    for outline in root.iter():
        if _local(outline.tag) != "outline":
            continue
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        url = _http_url(attrs.get("xmlurl"), base)
        if url:
            urls.setdefault(url, None)
    return list(urls)


__all__ = [
    "Feed",
    "FeedEntry",
    "FeedWarning",
    "looks_like_feed",
    "looks_like_opml",
    "read_feed",
    "parse_feed",
    "parse_opml",
]
