"""WARC archives (CC-NEWS and crawler output): every HTTP response record with an HTML payload."""

from __future__ import annotations

from collections.abc import Iterator

from newsprism.records import RawDocument, Skip

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_warc(path: str, *, max_bytes: int) -> Iterator[RawDocument | Skip]:
    """Yield one RawDocument per HTML response record; a broken record ends the file with a Skip.

    Records are streamed, so a multi-gigabyte CC-NEWS file never sits in memory. Non-HTML responses
    (images, robots.txt …), requests and metadata records are passed over silently.
    """
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    with open(path, "rb") as fh:
        iterator = ArchiveIterator(fh, arc2warc=True)
        try:
            for record in iterator:
                if record.rec_type != "response":
                    continue
                n += 1
                offset = iterator.get_record_offset()
                url = record.rec_headers.get_header("WARC-Target-URI")
                origin = f"{path}#{offset}" + (f" ({url})" if url else "")
                http = record.http_headers
                status = int(http.get_statuscode() or 0) if http is not None else 0
                ctype = (http.get_header("Content-Type") or "") if http is not None else ""
                if status and status != 200:
                    continue
                if ctype and not ctype.lower().startswith(_HTML_TYPES):
                    continue
                stream = record.content_stream()
                content = stream.read(max_bytes + 1)
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
        except Exception as exc:  # warcio raises many kinds on a broken record: the boundary
            yield Skip(f"{path}", f"broken WARC record after {n} responses: {exc}", "read")
