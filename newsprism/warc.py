"""WARC archives (CC-NEWS and crawler output): every HTTP response record with an HTML payload.

:func:`iter_warc` streams a whole file; the Dask partitions (:mod:`newsprism.partition`) scan record
headers on the client and read records by offset on the workers. Both go through the record helpers
here, so they keep and skip exactly the same records.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from newsprism.records import RawDocument, Skip

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_RECORD_TYPES = {
    "warcinfo",
    "response",
    "resource",
    "request",
    "metadata",
    "revisit",
    "conversion",
    "continuation",
}


class BrokenRecord(Exception):
    """A record that cannot be read whole (unknown type, cut short, trailing garbage)."""


def check_record_type(record: Any) -> None:
    if record.rec_type not in _RECORD_TYPES:
        raise BrokenRecord(f"record of unknown type {record.rec_type!r}")


def is_html_response(record: Any) -> bool:
    """A ``response`` record with status 200 and an HTML payload (or no declared type)."""
    if record.rec_type != "response":
        return False
    http = record.http_headers
    status = int(http.get_statuscode() or 0) if http is not None else 0
    ctype = (http.get_header("Content-Type") or "") if http is not None else ""
    return status == 200 and (not ctype or ctype.lower().startswith(_HTML_TYPES))


def read_payload(record: Any, max_bytes: int) -> bytes:
    """The payload of a record, at most ``max_bytes`` + 1 bytes; BrokenRecord when it is cut short."""
    content: bytes = record.content_stream().read(max_bytes + 1)
    if getattr(record.raw_stream, "limit", 0) > 0 and len(content) <= max_bytes:
        raise BrokenRecord(f"record for {record.rec_headers.get_header('WARC-Target-URI')} is cut short")
    return content


def response_document(
    record: Any, content: bytes, *, path: str, offset: int, max_bytes: int
) -> RawDocument | Skip:
    """The page of an HTML response record whose payload is ``content`` (see :func:`read_payload`)."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    http = record.http_headers
    ctype = (http.get_header("Content-Type") or "") if http is not None else ""
    origin = f"{path}#{offset}" + (f" ({url})" if url else "")
    if len(content) > max_bytes:
        return Skip(origin, f"response body larger than {max_bytes:,} bytes", "read")
    return RawDocument(
        origin=origin,
        content=content,
        kind="html",
        url=url,
        path=path,
        meta={
            "offset": offset,
            "content_type": ctype or None,
            "fetched": record.rec_headers.get_header("WARC-Date"),
        },
    )


def check_end(iterator: Any, path: str) -> None:
    """Trailing bytes after the last readable record (a member cut in the middle) are a broken record."""
    end = getattr(iterator, "offset", None)
    if isinstance(end, int) and end < os.path.getsize(path):
        raise BrokenRecord(f"{os.path.getsize(path) - end} trailing bytes are not a readable record")


def iter_warc(path: str, *, max_bytes: int) -> Iterator[RawDocument | Skip]:
    """Yield one RawDocument per HTML response record; a broken record ends the file with a Skip.

    Records are streamed, so a multi-gigabyte CC-NEWS file never sits in memory. Non-HTML responses
    (images, robots.txt …), error responses, requests and metadata records are passed over. A record
    that cannot be parsed, is cut short, or trailing bytes that are no record are reported as one skip
    naming the file and how many responses were read before it.
    """
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    with open(path, "rb") as fh:
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
                check_record_type(record)
                if record.rec_type != "response":
                    continue
                content = read_payload(
                    record, max_bytes
                )  # before the offset: asking for it skips the payload
                offset = iterator.get_record_offset()
                n += 1
                if is_html_response(record):
                    yield response_document(record, content, path=path, offset=offset, max_bytes=max_bytes)
            check_end(iterator, path)
        except Exception as exc:  # warcio raises many kinds on a broken record: this is the boundary
            yield Skip(path, f"broken WARC record after {n} responses: {exc}", "read")
