"""Inputs → raw documents: files, directories, globs, stdin, URLs, feeds, OPML lists, WARC, JSON(L).

``iter_documents`` turns the INPUT arguments of the command line into a stream of
:class:`~newsprism.records.RawDocument` (one page, text or record each) and
:class:`~newsprism.records.Skip` (an input or record that could not be read, with the reason).
The kind of an input is sniffed from its content, not only from its name.
Each document carries ``meta["input_key"]``: what the store marks as done, so a re-run resumes.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from newsprism.config import Settings
from newsprism.encoding import GZIP_MAGIC, gunzip, is_binary
from newsprism.errors import FetchError, InputError, NewsprismError
from newsprism.records import RawDocument, Skip, sha1
from newsprism.urls import canonical_url, is_url

Item = RawDocument | Skip
IsDone = Callable[[str], bool]

_SNIFF_BYTES = 65536


# --------------------------------------------------------------------------------------------- sniffing


def sniff(data: bytes) -> str:
    """The kind of a document from its first bytes.

    One of ``warc``, ``feed``, ``opml``, ``html``, ``json``, ``jsonl``, ``text``, ``binary``, ``empty``.
    ``data`` must already be decompressed (except WARC, which is recognised inside gzip too).
    """
    head = data[:_SNIFF_BYTES]
    if head[:2] == GZIP_MAGIC:
        try:
            import zlib

            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 4096)
        except Exception:
            return "binary"
        return "warc" if head.startswith(b"WARC/") else "binary"
    if head.startswith(b"WARC/"):
        return "warc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        return "empty"
    if is_binary(head):
        return "binary"
    lower = stripped[:4096].lower()
    if lower.startswith(b"<"):
        body = lower
        if body.startswith(b"<?xml"):
            end = body.find(b"?>")
            body = body[end + 2 :].lstrip() if end >= 0 else body
        # skip comments and doctype before the root element
        for _ in range(5):
            if body.startswith(b"<!--"):
                end = body.find(b"-->")
                body = body[end + 3 :].lstrip() if end >= 0 else b""
            elif body.startswith(b"<!doctype") and not body.startswith(b"<!doctype html"):
                body = body[body.find(b">") + 1 :].lstrip()
        if body.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf")):
            return "feed"
        if body.startswith(b"<opml"):
            return "opml"
        return "html"
    if stripped[:1] in (b"{", b"["):
        first_line = stripped.split(b"\n", 1)[0].strip()
        if stripped[:1] == b"{" and first_line.endswith(b"}") and b"\n" in stripped.strip():
            try:
                json.loads(first_line)
                return "jsonl"
            except ValueError:
                pass
        return "json"
    if b"<html" in lower or b"<body" in lower or b"<p>" in lower:
        return "html"
    return "text"


# --------------------------------------------------------------------------------------------- inputs


class DocumentSource:
    """Reads every INPUT into raw documents. Network access goes through ``fetcher`` (made on demand)."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        fetcher: Any = None,
        is_done: IsDone | None = None,
        mark_done: Callable[[list[str]], None] | None = None,
        stdin: Any = None,
        cache_path: Path | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self._fetcher = fetcher
        self._own_fetcher = fetcher is None
        self.is_done = is_done or (lambda key: False)
        self.mark_done = mark_done or (lambda keys: None)
        self.stdin = stdin
        self.cache_path = cache_path  # where the fetcher keeps ETag / Last-Modified validators
        self.max_bytes = int(self.settings["input.max_bytes"])
        self.already_done = 0

    @property
    def fetcher(self) -> Any:
        if self._fetcher is None:
            from newsprism.fetch import HttpFetcher

            self._fetcher = HttpFetcher(self.settings, cache_path=self.cache_path)
        return self._fetcher

    def close(self) -> None:
        """Close the fetcher this source made itself (a fetcher passed in belongs to the caller)."""
        if self._own_fetcher and self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    # ---- top level

    def iter_documents(self, inputs: Iterable[str]) -> Iterator[Item]:
        for spec in inputs:
            try:
                yield from self._one_input(spec)
            except NewsprismError as exc:
                yield Skip(spec, reason_of(exc, spec), "read")
            except OSError as exc:
                yield Skip(spec, f"cannot read: {exc.strerror or exc}", "read")

    def _one_input(self, spec: str) -> Iterator[Item]:
        if spec == "-":
            stream = self.stdin if self.stdin is not None else sys.stdin.buffer
            data = stream.read(self.max_bytes + 1)
            if len(data) > self.max_bytes:
                yield Skip("stdin", f"larger than {self.max_bytes:,} bytes", "read")
                return
            yield from self._from_bytes(data, origin="stdin", key=f"stdin:{sha1(data.hex()[:20000])}")
        elif is_url(spec):
            yield from self._from_url(spec)
        elif os.path.isdir(spec):
            found = False
            for path in _walk(spec):
                found = True
                yield from self._guard(path, self._from_file(path))
            if not found:
                yield Skip(spec, "directory holds no files", "read")
        elif os.path.exists(spec):
            yield from self._from_file(spec)
        elif glob.has_magic(spec):
            paths = sorted(p for p in glob.glob(spec, recursive=True) if os.path.isfile(p))
            if not paths:
                yield Skip(spec, "no file matches this pattern", "read")
            for path in paths:
                yield from self._guard(path, self._from_file(path))
        elif "://" in spec:
            yield Skip(spec, "only http:// and https:// URLs are fetched", "read")
        else:
            yield Skip(spec, "no such file or directory", "read")

    def _guard(self, origin: str, items: Iterator[Item]) -> Iterator[Item]:
        """One input of many: its failure becomes a skip and the others go on."""
        try:
            yield from items
        except NewsprismError as exc:
            yield Skip(origin, reason_of(exc, origin), "read")
        except OSError as exc:
            yield Skip(origin, f"cannot read: {exc.strerror or exc}", "read")

    # ---- files

    def _from_file(self, path: str) -> Iterator[Item]:
        st = os.stat(path)
        key = f"file:{os.path.abspath(path)}:{st.st_size}:{st.st_mtime_ns}"
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
        kind = sniff(head)
        if kind == "warc":
            yield from self._from_warc(path, key)
            return
        if head[:2] != GZIP_MAGIC and kind == "jsonl":
            yield from self._from_jsonl_file(path, key)
            return
        if st.st_size > self.max_bytes:
            yield Skip(
                path, f"file of {st.st_size:,} bytes is larger than the {self.max_bytes:,}-byte limit", "read"
            )
            return
        if self.is_done(key):
            self.already_done += 1
            return
        data = Path(path).read_bytes()
        yield from self._from_bytes(data, origin=path, key=key, path=path)

    def _from_bytes(
        self,
        data: bytes,
        *,
        origin: str,
        key: str,
        path: str | None = None,
        url: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> Iterator[Item]:
        data = gunzip(data, origin=origin, max_bytes=self.max_bytes) if data[:2] == GZIP_MAGIC else data
        kind = sniff(data)
        meta = dict(meta or {})
        if kind == "empty":
            yield Skip(origin, "empty input", "read")
        elif kind == "binary":
            yield Skip(origin, "binary data, not a web page or text", "read")
        elif kind == "warc":
            yield Skip(origin, "a WARC archive must be given as a file", "read")
        elif kind == "feed":
            yield from self._from_feed(
                data, origin=origin, base_url=url, content_type=meta.get("content_type")
            )
            if url:  # every entry was handled: a re-poll answered "304 Not Modified" can skip this feed
                self.mark_done([key])
        elif kind == "opml":
            yield from self._from_opml(data, origin=origin)
        elif kind in ("json", "jsonl"):
            yield from self._from_json_bytes(data, origin=origin, key=key, path=path)
        else:
            meta["input_key"] = key
            yield RawDocument(origin=origin, content=data, kind=kind, url=url, path=path, meta=meta)

    # ---- JSON / JSONL

    def _from_json_bytes(self, data: bytes, *, origin: str, key: str, path: str | None) -> Iterator[Item]:
        text = data.decode("utf-8-sig", errors="replace")
        try:
            obj = json.loads(text)
            records = obj if isinstance(obj, list) else [obj]
        except ValueError:
            records = None
        if records is None:  # JSON lines
            yield from self._json_records(text.splitlines(), origin=origin, key=key, path=path)
            return
        for i, rec in enumerate(records, 1):
            yield from self._json_record(rec, origin=f"{origin}#{i}", key=f"{key}#{i}", path=path)

    def _from_jsonl_file(self, path: str, key: str) -> Iterator[Item]:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            yield from self._json_records(fh, origin=path, key=key, path=path)

    def _json_records(
        self, lines: Iterable[str], *, origin: str, key: str, path: str | None
    ) -> Iterator[Item]:
        for i, line in enumerate(lines, 1):
            if not line.strip():
                continue
            rec_origin, rec_key = f"{origin}#{i}", f"{key}#{i}"
            if len(line) > self.max_bytes:
                yield Skip(rec_origin, "record larger than the size limit", "read")
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Skip(rec_origin, f"not valid JSON ({exc.msg} at column {exc.colno})", "read")
                continue
            yield from self._json_record(rec, origin=rec_origin, key=rec_key, path=path)

    def _json_record(self, rec: Any, *, origin: str, key: str, path: str | None) -> Iterator[Item]:
        if not isinstance(rec, dict):
            yield Skip(origin, "a JSON record must be an object", "read")
            return
        if self.is_done(key):
            self.already_done += 1
            return
        content = json.dumps(rec, ensure_ascii=False).encode("utf-8")
        url = rec.get("url") if isinstance(rec.get("url"), str) else None
        yield RawDocument(
            origin=origin, content=content, kind="json", url=url, path=path, meta={"input_key": key}
        )

    # ---- WARC

    def _from_warc(self, path: str, key: str) -> Iterator[Item]:
        from newsprism.warc import iter_warc

        for item in iter_warc(path, max_bytes=self.max_bytes):
            if isinstance(item, RawDocument):
                item.meta["input_key"] = f"{key}#{item.meta.get('offset')}"
                if self.is_done(item.meta["input_key"]):
                    self.already_done += 1
                    continue
            yield item

    # ---- network

    def _from_url(
        self, url: str, *, meta: dict[str, Any] | None = None, expand: bool = True
    ) -> Iterator[Item]:
        key = f"url:{canonical_url(url)}"
        if not expand and self.is_done(key):
            self.already_done += 1
            return
        try:
            resp = self.fetcher.fetch(url)
        except FetchError as exc:
            yield Skip(url, reason_of(exc, url), "fetch")
            return
        if resp.not_modified:
            if self.is_done(key):  # unchanged, and a finished run handled it (a stored page, a read feed)
                self.already_done += 1
                return
            try:  # fetched before but never finished (it failed, or the run was killed): fetch it whole
                resp = self.fetcher.fetch(url, conditional=False)
            except FetchError as exc:
                yield Skip(url, reason_of(exc, url), "fetch")
                return
        yield from self._response(url, resp, key=key, meta=meta, expand=expand)

    def _response(
        self, url: str, resp: Any, *, key: str, meta: dict[str, Any] | None, expand: bool
    ) -> Iterator[Item]:
        meta = dict(meta or {})
        meta["content_type"] = resp.headers.get("content-type")
        content = resp.content
        kind = sniff(content[:_SNIFF_BYTES] if content[:2] != GZIP_MAGIC else content)
        if kind in ("feed", "opml") and not expand:
            yield Skip(url, f"a feed entry links to another {kind}; not followed", "fetch")
            return
        yield from self._from_bytes(content, origin=url, key=key, url=resp.final_url or url, meta=meta)

    def _from_feed(
        self, data: bytes, *, origin: str, base_url: str | None, content_type: str | None = None
    ) -> Iterator[Item]:
        from newsprism.feeds import read_feed

        feed = read_feed(
            data,
            origin=origin,
            base_url=base_url,
            content_type=content_type,
            max_entries=int(self.settings["input.max_feed_entries"]),
        )
        entries = feed.entries
        if not entries:
            yield Skip(origin, "feed has no entries", "read")
            return
        todo = []
        for entry in entries:
            if not entry.url:
                continue
            if self.is_done(f"url:{canonical_url(entry.url)}"):
                self.already_done += 1
                continue
            todo.append(entry)
        by_url = {e.url: e for e in todo}
        for url, result in self.fetcher.fetch_many([e.url for e in todo]):
            entry = by_url[url]
            meta = {
                "title": entry.title,
                "published": entry.published,
                "source_name": entry.source_name,
                "feed": origin,
            }
            if isinstance(result, Exception):
                yield Skip(url, reason_of(result, url), "fetch")
                continue
            if result.not_modified:
                continue
            yield from self._guard(
                url, self._response(url, result, key=f"url:{canonical_url(url)}", meta=meta, expand=False)
            )

    def _from_opml(self, data: bytes, *, origin: str) -> Iterator[Item]:
        from newsprism.feeds import parse_opml

        feeds = parse_opml(data, origin=origin)
        if not feeds:
            yield Skip(origin, "OPML file lists no feeds", "read")
        for feed_url in feeds:
            yield from self._guard(feed_url, self._from_url(feed_url))


def iter_documents(
    inputs: Iterable[str],
    settings: Settings | None = None,
    *,
    fetcher: Any = None,
    is_done: IsDone | None = None,
) -> Iterator[Item]:
    """Every raw document (and skip) of ``inputs``; see :class:`DocumentSource`."""
    source = DocumentSource(settings, fetcher=fetcher, is_done=is_done)
    try:
        yield from source.iter_documents(inputs)
    finally:
        source.close()


def _walk(root: str) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith((".", "README")):  # hidden files and a corpus's own README
                yield os.path.join(dirpath, name)


def reason_of(exc: BaseException, origin: str) -> str:
    """The message of an error without its ``origin:`` prefix (the skip names the origin already)."""
    msg = str(exc) or type(exc).__name__
    for prefix in (f"{origin}: ", f"{origin} "):
        if msg.startswith(prefix):
            return msg[len(prefix) :]
    return msg


__all__ = ["DocumentSource", "iter_documents", "sniff", "InputError"]
