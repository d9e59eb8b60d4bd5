"""Ingest from the network, end to end, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from newsprism.config import Settings
from newsprism.fetch import HttpFetcher
from newsprism.pipeline import ingest
from tests.httpserver import LocalServer, Reply, http_server_fixture  # noqa: F401  (fixture)

BODY = (
    "<p>The harbour authority of Portvale said on Tuesday that {n} container ships were waiting outside the port"
    " while the dockworkers' strike entered its second day.</p><p>Union leaders said talks would resume on"
    " Thursday; the authority said it was ready to meet them at any time.</p>"
)


def page(n: int) -> bytes:
    return (
        f"<html><head><title>Strike day {n}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Strike day {n}</h1>{BODY.format(n=n * 10)}</article></body></html>"
    ).encode()


def feed(server: LocalServer, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>{p}</title><link>{server.url(p)}</link></item>" for p in paths)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor Ledger</title>'
        f"<link>{server.url('/')}</link>{items}</channel></rss>"
    ).encode()


def settings() -> Settings:
    return Settings({"fetch.host_delay": 0.0, "fetch.timeout": 1.0, "fetch.retries": 0, "fetch.backoff": 0.0})


def test_a_feed_is_fetched_then_each_entry_and_a_repoll_fetches_nothing_new(http_server, store, tmp_path):
    paths = ["/news/1", "/news/2", "/news/3"]
    for i, p in enumerate(paths, 1):
        http_server.add(p, Reply(body=page(i)))
    http_server.add(
        "/feed.xml", Reply(body=feed(http_server, paths), content_type="application/rss+xml", etag='"v1"')
    )
    with HttpFetcher(settings(), cache_path=tmp_path / "validators.db") as fetcher:
        report = ingest([http_server.url("/feed.xml")], store, fetcher=fetcher, analyze=False, cluster=False)
        again = ingest([http_server.url("/feed.xml")], store, fetcher=fetcher, analyze=False, cluster=False)
    assert report.exit_code == 0 and report.created == 3, [s.reason for s in report.skips]
    stored = {a.url for a in store.articles()}
    assert stored == {http_server.url(p) for p in paths}
    assert again.created == again.updated == 0 and not again.skips
    assert len(http_server.requests("/news/1")) == 1  # not fetched again
    assert http_server.requests("/feed.xml")[-1].status == 304


def test_unreachable_entries_are_skipped_by_name_and_the_rest_is_stored(http_server, store, tmp_path):
    http_server.add("/ok", Reply(body=page(1)))
    http_server.add("/gone", Reply(status=404, body=b"not here"))
    http_server.add("/broken", Reply(status=500, body=b"oops"))
    http_server.add("/slow", Reply(body=page(2), delay=3.0))
    http_server.add("/feed.xml", Reply(body=feed(http_server, ["/ok", "/gone", "/broken", "/slow"])))
    with HttpFetcher(settings(), cache_path=tmp_path / "validators.db") as fetcher:
        report = ingest([http_server.url("/feed.xml")], store, fetcher=fetcher, analyze=False, cluster=False)
    assert report.exit_code == 1 and report.created == 1
    reasons = {s.input.rsplit("/", 1)[1]: s.reason for s in report.skips}
    assert set(reasons) == {"gone", "broken", "slow"}
    assert "404" in reasons["gone"] and "500" in reasons["broken"]
    assert "time" in reasons["slow"].lower()
    assert [s.input for s in store.skips(report.run_id)] == [s.input for s in report.skips]


def test_a_feed_that_is_not_xml_and_a_plain_url_404(http_server, store, tmp_path):
    http_server.add(
        "/feed.xml", Reply(body=b"\x00\x01\x02binary junk" * 50, content_type="application/rss+xml")
    )
    http_server.add("/article", Reply(status=404))
    with HttpFetcher(settings(), cache_path=tmp_path / "validators.db") as fetcher:
        report = ingest(
            [http_server.url("/feed.xml"), http_server.url("/article")],
            store,
            fetcher=fetcher,
            analyze=False,
            cluster=False,
        )
    assert report.exit_code == 1 and report.created == 0
    assert [s.input for s in report.skips] == [http_server.url("/feed.xml"), http_server.url("/article")]
