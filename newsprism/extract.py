"""The extract stage: a raw document (HTML page, scraped text, JSON record) → a clean Article.

HTML goes through trafilatura plus our post-processing (:mod:`newsprism.html`), plain text through
our cleaner (:mod:`newsprism.textclean`), JSON records are read as our own Article shape or
news-please's. Every path ends in :func:`finish`: language, outlet, dates and the stable id.
"""

from __future__ import annotations

import json
import re
from typing import Any

from newsprism.config import Settings
from newsprism.dates import now_iso, to_iso
from newsprism.encoding import decode_bytes
from newsprism.errors import DecodeError, InputError, NoArticleError, UnsupportedInput
from newsprism.language import detect_language, language_code
from newsprism.records import Article, RawDocument, Source
from newsprism.urls import domain_of


def extract(raw: RawDocument, settings: Settings | None = None) -> Article:
    """Turn one raw document into an Article; raises an InputError subclass when it cannot."""
    settings = settings or Settings()
    if raw.kind == "json":
        article = from_json(raw)
    elif raw.kind in ("html", "text"):
        decoded = decode_bytes(raw.content, origin=raw.origin, content_type=raw.meta.get("content_type"))
        article = from_html(decoded.text, raw) if raw.kind == "html" else from_text(decoded.text, raw)
        article.warnings[:0] = decoded.warnings
    else:
        raise UnsupportedInput(f"{raw.origin}: cannot extract an article from {raw.kind} input")
    article.warnings.extend(raw.meta.get("warnings") or [])
    return finish(article, raw, settings)


def from_html(html: str, raw: RawDocument) -> Article:
    from newsprism.datelines import parse_dateline
    from newsprism.html import extract_html

    res = extract_html(html, url=raw.url)
    head = page_head(html)
    url = raw.url or head.get("url")
    published = res.published or raw.meta.get("published")
    exact = head.get("published")
    if exact and (not published or exact.startswith(published[:10])):
        published = exact  # the page's own time stamp, when it agrees with the date found
    text = res.text
    dateline = None
    if text:
        dateline, _ = parse_dateline(text.split("\n", 1)[0])
    return Article(
        id="",
        url=url,
        path=raw.path,
        source=Source(name=res.sitename or raw.meta.get("source_name"), domain=domain_of(url)),
        title=res.title or raw.meta.get("title"),
        published=published,
        dateline=dateline,
        text=text,
        comments=res.comments,
        removed=res.removed,
        warnings=list(res.warnings),
        authors=res.authors,
        kind="html",
    )


def read_date(value: object, warnings: list[str]) -> str | None:
    """``value`` as ISO-8601; a value given but not readable as a date is named in ``warnings``."""
    iso = to_iso(value) if isinstance(value, str | int | float) or value is None else None
    if iso is None and value not in (None, ""):
        warnings.append(f"publication date {str(value)[:80]!r} could not be read as a date")
    return iso


def from_text(text: str, raw: RawDocument) -> Article:
    from newsprism.textclean import clean_text

    notes: list[str] = []
    published = read_date(raw.meta.get("published"), notes)
    # relative comment times ("2 hours ago") count back from when the page was fetched or read
    scraped = to_iso(raw.meta.get("fetched")) or now_iso()
    res = clean_text(text, url=raw.url, published=published, scraped=scraped)
    return Article(
        id="",
        url=raw.url,
        path=raw.path,
        source=Source(name=raw.meta.get("source_name") or res.source_name, domain=domain_of(raw.url)),
        title=res.title or raw.meta.get("title"),
        published=published,
        language=res.language,
        dateline=res.dateline,
        text=res.text,
        comments=res.comments,
        removed=res.removed,
        warnings=notes + list(res.warnings),
        authors=list(res.authors),
        kind="text",
    )


def from_json(raw: RawDocument) -> Article:
    """Our Article shape, news-please's record shape, or a generic ``{"title", "text"}`` object."""
    try:
        rec: dict[str, Any] = json.loads(raw.content.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DecodeError(f"{raw.origin}: not valid JSON ({exc})") from None
    if "maintext" in rec or "source_domain" in rec:  # news-please
        text = rec.get("maintext") or ""
        notes = []
        description = rec.get("description")
        if not text.strip() and isinstance(description, str) and description.strip():
            text = description  # its crawler got no body: the page's own summary stands for it
            notes.append("no maintext in the news-please record: its description stands for the text")
        url = rec.get("url")
        return Article(
            id="",
            url=url,
            path=raw.path,
            source=Source(
                name=rec.get("source_name"),  # news-please knows the domain only: no invented name
                domain=_domain(rec.get("source_domain")) or domain_of(url),
            ),
            title=rec.get("title"),
            published=read_date(rec.get("date_publish"), notes),
            language=rec.get("language") or "und",
            text=_paragraphs(text),
            authors=[a for a in rec.get("authors") or [] if isinstance(a, str)],
            warnings=notes,
            kind="json",
        )
    if isinstance(rec.get("text"), str) and "id" in rec:  # ours
        try:
            article = Article.from_dict(rec)
        except (TypeError, ValueError, AttributeError) as exc:
            raise DecodeError(f"{raw.origin}: not a newsprism Article record ({exc})") from None
        article.path = article.path or raw.path
        article.kind = article.kind or "json"
        article.text = _paragraphs(article.text)
        return article
    text = next((rec[k] for k in ("text", "body", "content", "article") if isinstance(rec.get(k), str)), None)
    if text is None and not _headline(rec.get("title")):
        raise InputError(
            f"{raw.origin}: JSON record has no article text (no 'text', 'maintext' or 'body' field)"
            " and no headline"
        )
    source = rec.get("source")
    meta = {
        **rec,
        "source_name": rec.get("source_name")
        or (source.get("name") if isinstance(source, dict) else source if isinstance(source, str) else None),
        "published": rec.get("published") or rec.get("date") or rec.get("date_publish"),
    }
    raw_text = RawDocument(origin=raw.origin, kind="text", url=rec.get("url"), path=raw.path, meta=meta)
    title = rec.get("title")
    if isinstance(title, str) and title.strip() and text and not text.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n\n{text}"  # the record's headline heads the page, as on a scraped one
    article = from_text(text or "", raw_text)
    if text is None:  # a headline-only record (``finish`` decides): its missing text is not news
        article.warnings = [w for w in article.warnings if not w.startswith("empty input")]
    if isinstance(rec.get("language"), str) and rec["language"].strip():
        article.language = rec["language"].strip()
    return article


def finish(article: Article, raw: RawDocument, settings: Settings) -> Article:
    """Checks and fills what every path shares: text present, language, outlet, id, dates."""
    article.text = article.text.strip()
    _drop_repeated_title(article)
    too_short = len(article.text) < int(settings["extract.min_text_chars"])
    headline_only = (
        too_short
        and raw.kind == "json"
        and bool(settings["extract.headline_only"])
        and _headline(article.title)
    )
    if headline_only:
        if article.text:  # a teaser too short to compare: kept, apart from the text
            article.removed.append(article.text)
            article.text = ""
        article.warnings.append(
            "headline only: the record has a title and no article text; it joins a story as coverage"
            " and carries no claim"
        )
    elif too_short:
        what = (
            "no article text" if not article.text else f"only {len(article.text)} characters of article text"
        )
        raise NoArticleError(f"{raw.origin}: {what} found")
    if not settings["extract.comments"]:
        article.comments = []
    code = language_code(article.language)
    if code is None:
        article.warnings.append(
            f"language {str(article.language)[:40]!r} is not an ISO 639-1 code: read from the text instead"
        )
    article.language = code or "und"
    if article.language == "und":
        confidence = float(settings["language.min_confidence"])
        if headline_only:  # a headline is short: py3langid is as sure of it, and as right, at a lower bar
            confidence = min(confidence, HEADLINE_LANGUAGE_CONFIDENCE)
        article.language = detect_language(article.text or article.title or "", min_confidence=confidence)
    article.url = article.url or raw.url
    article.source.domain = _domain(article.source.domain) or domain_of(article.url)
    if not article.source.name and article.dateline and article.dateline.agency:
        article.source.name = article.dateline.agency
    article.published = read_date(article.published, article.warnings)
    if article.published and (ahead := _days_ahead(article.published)) > FUTURE_DAYS:
        article.warnings.append(f"publication date {article.published} is {ahead:.0f} days after it was read")
    if not article.published:
        article.published, how = infer_published(article)
        article.warnings.append(f"no publication date on the page; {how}" if article.published else UNDATED)
    if not article.id:
        outlet = article.source.domain or article.source.name
        article.id = Article.make_id(article.url, article.text or article.title or "", outlet)
    return article


#: a publication date more days than this after the time of reading is named in the warnings
FUTURE_DAYS = 2


def _days_ahead(iso: str) -> float:
    """Days from now to ``iso`` (a date without a zone is taken as UTC); 0 when unreadable."""
    from datetime import datetime, timezone

    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return (when - datetime.now(timezone.utc)).total_seconds() / 86400


#: the warning of an article whose date nothing gave: stories place it at the time it was read
UNDATED = "no publication date found: stories place it at its ingest time"

_HEADLINE_CHARS = 12
# On the first 6 / 10 words of the 1,448 SemEval-2022 dev texts (scripts/headline_language.py), py3langid's
# guess at a probability of 0.6 or more was right 99.5 % / 99.7 % of the time and covered 66 % / 83 % of
# them; at 0.8 (the language.min_confidence default) 100 % / 99.9 %, covering only 46 % / 67 %.
HEADLINE_LANGUAGE_CONFIDENCE = 0.6


def _headline(title: Any) -> bool:
    """Whether ``title`` can stand for an article on its own: a string with some words in it."""
    return (
        isinstance(title, str) and len(re.findall(r"\w", title)) >= _HEADLINE_CHARS and " " in title.strip()
    )


def _drop_repeated_title(article: Article) -> None:
    """A paragraph of the text that only repeats the title (a page's headline kept inside its body) goes to
    ``removed``."""
    if not article.title:
        return
    title = _comparable(article.title)
    paragraphs = article.text.split("\n\n")
    kept = [p for p in paragraphs if _comparable(p) != title]
    if len(kept) < len(paragraphs) and kept:
        article.removed.extend(p.strip() for p in paragraphs if _comparable(p) == title)
        article.text = "\n\n".join(kept).strip()


def _comparable(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .:;!?")


_META = re.compile(r"<(?:meta|link)\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_HEAD_WORDS = re.compile(r"canonical|og:url|published_time|datepublished", re.I)


def page_head(html: str) -> dict[str, str]:
    """The canonical URL and the exact publication time a page declares in its <head>."""
    found: dict[str, str] = {}
    for tag in _META.findall(html[:200_000]):
        if not _HEAD_WORDS.search(tag):  # no key looked for below: skip parsing its attributes
            continue
        attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(tag)}
        key = (attrs.get("rel") or attrs.get("property") or attrs.get("name") or "").lower()
        value = attrs.get("href") or attrs.get("content") or ""
        if key in ("canonical", "og:url") and value.startswith(("http://", "https://")):
            found.setdefault("url", value)
        elif key in ("article:published_time", "og:published_time", "datepublished") and value:
            iso = to_iso(value)
            if iso:
                found.setdefault("published", iso)
    return found


def infer_published(article: Article) -> tuple[str | None, str]:
    """A publication date for a page that gives none: the dateline's day, with the year (and a bound)
    taken from the earliest reader comment; else the earliest comment's day."""
    from datetime import datetime

    import dateparser

    posted = sorted(p for c in article.comments if (p := to_iso(c.posted)))
    first_comment = datetime.fromisoformat(posted[0]) if posted else None
    written = article.dateline.date if article.dateline else None
    if written:
        try:
            return datetime.fromisoformat(written).date().isoformat(), "took the dateline's date"
        except ValueError:
            pass
        settings: dict[str, object] = {"REQUIRE_PARTS": ["day", "month"]}  # the year of RELATIVE_BASE
        if first_comment is not None:
            settings["RELATIVE_BASE"] = first_comment.replace(tzinfo=None)
        langs = [article.language] if article.language not in ("und", "") else None
        try:
            parsed = dateparser.parse(written, languages=langs, settings=settings)  # type: ignore[arg-type]
        except Exception:  # dateparser rejects some language codes
            parsed = None
        if parsed is not None:
            source = "the first comment" if first_comment is not None else "the current date"
            return (
                parsed.date().isoformat(),
                f"took the dateline's date ({written}) with its year from {source}",
            )
    if first_comment is not None:
        return first_comment.date().isoformat(), "took the day of the earliest reader comment"
    return None, ""


def _domain(domain: str | None) -> str | None:
    """``www.Harbor.example`` → ``harbor.example``: one spelling per outlet."""
    return domain_of(f"http://{domain.strip()}") if domain and domain.strip() else None


def _paragraphs(text: str) -> str:
    """Paragraphs separated by exactly one blank line."""
    paras = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n")]
    return "\n\n".join(p for p in paras if p)


__all__ = ["extract", "from_html", "from_text", "from_json", "finish"]
