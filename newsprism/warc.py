"""WARC archives (CC-NEWS and crawler output): every HTTP response record with an HTML payload."""

from __future__ import annotations

import os
from collections.abc import Iterator

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


class _BrokenRecord(Exception):
    pass


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
                if record.rec_type not in _RECORD_TYPES:
                    raise _BrokenRecord(f"record of unknown type {record.rec_type!r}")
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                http = record.http_headers
                status = int(http.get_statuscode() or 0) if http is not None else 0
                ctype = (http.get_header("Content-Type") or "") if http is not None else ""
                content = record.content_stream().read(max_bytes + 1)
                if getattr(record.raw_stream, "limit", 0) > 0 and len(content) <= max_bytes:
                    raise _BrokenRecord(f"record for {url} is cut short")
                offset = iterator.get_record_offset()
                n += 1
                origin = f"{path}#{offset}" + (f" ({url})" if url else "")
                if status != 200 or (ctype and not ctype.lower().startswith(_HTML_TYPES)):
                    continue
                if len(content) > max_bytes:
                    yield Skip(origin, f"response body larger than {max_bytes:,} bytes", "read")
                    continue
                yield RawDocument(
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
            end = getattr(iterator, "offset", None)
            if isinstance(end, int) and end < os.path.getsize(path):
                raise _BrokenRecord(f"{os.path.getsize(path) - end} trailing bytes are not a readable record")
        except Exception as exc:  # warcio raises many kinds on a broken record: this is the boundary
            yield Skip(path, f"broken WARC record after {n} responses: {exc}", "read")
