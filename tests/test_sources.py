from __future__ import annotations

import gzip
import io
import json
import os

import pytest

from newsprism.config import Settings
from newsprism.records import RawDocument, Skip
from newsprism.sources import DocumentSource, sniff

PAGE = b"<!DOCTYPE html><html><head><title>Strike</title></head><body><article><p>Dockers walked out.</p></article></body></html>"
TEXT = b"Dockers walk out in Portvale\n\nPORTVALE, March 3 (Meridian Wire) - Dockers walked out on Tuesday.\n"


def read(inputs, **kw):
    items = list(DocumentSource(Settings(kw.pop("settings", {})), **kw).iter_documents(inputs))
    docs = [i for i in items if isinstance(i, RawDocument)]
    skips = [i for i in items if isinstance(i, Skip)]
    return docs, skips


@pytest.mark.parametrize(
    "data, kind",
    [
        (PAGE, "html"),
        (b"\xef\xbb\xbf  <html><body>x</body></html>", "html"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', "feed"),
        (b'<?xml version="1.0"?><!-- a comment --><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        (b'<?xml version="1.0"?><opml version="2.0"><body/></opml>', "opml"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'{"title": "a", "text": "b"}', "json"),
        (b'{"title": "a"}\n{"title": "b"}\n', "jsonl"),
        (TEXT, "text"),
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)), "binary"),
    ],
)
def test_kind_is_sniffed_from_the_content(data, kind):
    assert sniff(data) == kind


def test_a_text_file_named_html_is_read_as_text(tmp_path):
    (tmp_path / "story.html").write_bytes(TEXT)
    (doc,), skips = read([str(tmp_path / "story.html")])
    assert doc.kind == "text" and not skips


def test_directories_are_walked_in_order_skipping_hidden_files_and_readmes(tmp_path):
    (tmp_path / "b.txt").write_bytes(TEXT)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.html").write_bytes(PAGE)
    (tmp_path / ".hidden.txt").write_bytes(TEXT)
    (tmp_path / "README.md").write_bytes(b"# corpus")
    docs, skips = read([str(tmp_path)])
    assert [os.path.basename(d.path) for d in docs] == ["b.txt", "a.html"] and not skips


def test_globs_and_gzipped_pages(tmp_path):
    (tmp_path / "one.html.gz").write_bytes(gzip.compress(PAGE))
    (tmp_path / "two.htm").write_bytes(PAGE)
    docs, _ = read([str(tmp_path / "*.htm*")])
    assert [d.content for d in docs] == [PAGE, PAGE]


def test_bad_inputs_each_get_one_skip_naming_them_and_the_run_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    (tmp_path / "cut.html.gz").write_bytes(gzip.compress(PAGE * 50)[:60])
    (tmp_path / "good.txt").write_bytes(TEXT)
    inputs = [str(tmp_path / n) for n in ("empty.txt", "image.jpg", "cut.html.gz", "missing.txt", "good.txt")]
    inputs += [str(tmp_path / "*.nothing"), "ftp://example.org/x"]
    docs, skips = read(inputs)
    assert [d.path for d in docs] == [str(tmp_path / "good.txt")]
    reasons = {os.path.basename(s.input): s.reason for s in skips}
    assert reasons["empty.txt"] == "empty input"
    assert "binary" in reasons["image.jpg"]
    assert "truncated gzip" in reasons["cut.html.gz"]
    assert reasons["missing.txt"] == "no such file or directory"
    assert reasons["*.nothing"] == "no file matches this pattern"
    assert "only http" in reasons["x"]


def test_a_file_over_the_size_limit_is_skipped_without_reading_it(tmp_path):
    big = tmp_path / "huge.html"
    with open(big, "wb") as fh:
        fh.write(b"<html><body>")
        fh.seek(2_000_000)
        fh.write(b"</body></html>")
    _, (skip,) = read([str(big)], settings={"input.max_bytes": 1_000_000})
    assert "larger than" in skip.reason


def test_jsonl_records_become_documents_and_a_broken_line_one_skip(tmp_path):
    lines = [
        json.dumps(
            {"title": "A", "maintext": "Body A", "url": "https://a.example/1", "source_domain": "a.example"}
        ),
        "{not json",
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "x", "title": "B", "text": "Body B", "language": "en"}),
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n")
    docs, skips = read([str(path)])
    assert [d.url for d in docs] == ["https://a.example/1", None]
    assert [s.input.rsplit("#", 1)[1] for s in skips] == ["2", "3"]
    assert "not valid JSON" in skips[0].reason


def test_stdin_is_read_when_the_input_is_a_dash():
    docs, _ = read(["-"], stdin=io.BytesIO(TEXT))
    assert docs[0].origin == "stdin" and docs[0].kind == "text"


def test_inputs_already_done_are_not_read_again(tmp_path):
    (tmp_path / "a.txt").write_bytes(TEXT)
    (doc,), _ = read([str(tmp_path / "a.txt")])
    key = doc.meta["input_key"]
    source = DocumentSource(Settings(), is_done=lambda k: k == key)
    assert list(source.iter_documents([str(tmp_path / "a.txt")])) == [] and source.already_done == 1


def _warc(path, records):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, status, ctype, body in records:
            headers = StatusAndHeaders(f"{status} OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers, length=len(body)
            )
            writer.write_record(rec)


def test_warc_yields_every_html_response_and_nothing_else(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(
        path,
        [
            ("https://a.example/1", 200, "text/html; charset=utf-8", PAGE),
            ("https://a.example/logo.png", 200, "image/png", b"\x89PNG"),
            ("https://a.example/gone", 404, "text/html", b"<html>not found</html>"),
            ("https://b.example/2", 200, "text/html", PAGE),
        ],
    )
    docs, skips = read([str(path)])
    assert [d.url for d in docs] == ["https://a.example/1", "https://b.example/2"] and not skips
    assert all(d.kind == "html" and d.content == PAGE for d in docs)
    assert len({d.meta["input_key"] for d in docs}) == 2


def test_a_broken_warc_record_keeps_the_records_before_it_and_is_reported(tmp_path):
    path = tmp_path / "broken.warc.gz"
    _warc(path, [("https://a.example/1", 200, "text/html", PAGE)] * 3)
    data = path.read_bytes()
    path.write_bytes(data + gzip.compress(b"WARC/1.0\r\nContent-Length: 999999\r\n\r\ntruncated"))
    docs, skips = read([str(path)])
    assert len(docs) == 3
    assert len(skips) == 1 and "broken WARC record" in skips[0].reason


def test_a_warc_cut_in_the_middle_of_a_compressed_record_is_reported(tmp_path):
    path = tmp_path / "cut.warc.gz"
    _warc(path, [("https://a.example/1", 200, "text/html", PAGE)] * 2)
    data = path.read_bytes()
    path.write_bytes(data + data[: len(data) // 3])
    docs, skips = read([str(path)])
    assert len(docs) == 2 and "broken WARC record after 2 responses" in skips[0].reason


def test_a_200_mb_file_is_skipped_by_default_without_reading_it(tmp_path):
    big = tmp_path / "dump.html"
    with open(big, "wb") as fh:  # sparse: costs no disk
        fh.write(b"<html><body><p>")
        fh.seek(200 * 1024 * 1024)
        fh.write(b"</p></body></html>")
    docs, (skip,) = read([str(big)])
    assert not docs and skip.input == str(big) and "larger than the 50,000,000-byte limit" in skip.reason
