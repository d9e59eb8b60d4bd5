"""HttpFetcher against a real local server; MockFetcher; no internet."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsprism.config import Settings
from newsprism.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    RobotsDisallowed,
    TooLargeError,
)
from newsprism.fetch import Fetcher, HttpFetcher, MockFetcher, Response, retry_after_seconds
from tests.httpserver import LocalServer, Reply, http_server_fixture  # noqa: F401  (fixture)

PAGE = b"<html><head><title>Harbour council votes</title></head><body><p>Text.</p></body></html>"


def fast_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "fetch.timeout": 2.0,
        "fetch.retries": 2,
        "fetch.backoff": 0.01,
        "fetch.host_delay": 0.0,
        "fetch.max_redirects": 3,
    }
    values.update({k.replace("__", "."): v for k, v in overrides.items()})
    return Settings(values)


@pytest.fixture
def fetcher() -> Iterator[HttpFetcher]:
    with HttpFetcher(fast_settings()) as f:
        yield f


def test_fetch_returns_body_status_and_lowercase_headers(
    http_server: LocalServer, fetcher: HttpFetcher
) -> None:
    http_server.add("/a", Reply(body=PAGE, headers={"X-Outlet": "Harbour Ledger"}))
    resp = fetcher.fetch(http_server.url("/a"))
    assert resp.status == 200
    assert resp.content == PAGE
    assert resp.final_url == resp.url == http_server.url("/a")
    assert resp.headers["x-outlet"] == "Harbour Ledger"
    assert resp.not_modified is False


def test_fetch_sends_the_configured_user_agent(http_server: LocalServer) -> None:
    http_server.add("/a", Reply(body=PAGE))
    with HttpFetcher(fast_settings(fetch__user_agent="prism-test/9 (+mailto:desk@example.org)")) as f:
        f.fetch(http_server.url("/a"))
    assert http_server.requests("/a")[0].headers["user-agent"] == "prism-test/9 (+mailto:desk@example.org)"


def test_slow_server_raises_fetch_timeout_naming_the_url(http_server: LocalServer) -> None:
    http_server.add("/slow", Reply(body=PAGE, delay=5.0))
    url = http_server.url("/slow")
    with (
        HttpFetcher(fast_settings(fetch__timeout=0.2, fetch__retries=0)) as f,
        pytest.raises(FetchTimeout) as info,
    ):
        f.fetch(url)
    assert str(info.value).startswith(url + ": timed out")


def test_timeout_is_retried_then_reported(http_server: LocalServer) -> None:
    http_server.add("/slow", Reply(body=PAGE, delay=5.0))
    with HttpFetcher(fast_settings(fetch__timeout=0.2, fetch__retries=1)) as f, pytest.raises(FetchTimeout):
        f.fetch(http_server.url("/slow"))
    assert len(http_server.requests("/slow")) == 2


def test_404_raises_http_status_error_without_retrying(
    http_server: LocalServer, fetcher: HttpFetcher
) -> None:
    url = http_server.url("/missing")
    with pytest.raises(HTTPStatusError) as info:
        fetcher.fetch(url)
    assert info.value.status == 404
    assert str(info.value) == f"{url}: HTTP 404 Not Found"
    assert len(http_server.requests("/missing")) == 1


def test_500_is_retried_then_raises_with_the_attempt_count(
    http_server: LocalServer, fetcher: HttpFetcher
) -> None:
    http_server.add("/broken", Reply(status=500, body=b"oops"))
    url = http_server.url("/broken")
    with pytest.raises(HTTPStatusError) as info:
        fetcher.fetch(url)
    assert info.value.status == 500
    assert str(info.value) == f"{url}: HTTP 500 Internal Server Error (after 3 attempts)"
    assert len(http_server.requests("/broken")) == 3  # 1 + fetch.retries


def test_retries_back_off_exponentially(http_server: LocalServer) -> None:
    http_server.add("/broken", Reply(status=503))
    with (
        HttpFetcher(fast_settings(fetch__backoff=0.1, fetch__retries=2)) as f,
        pytest.raises(HTTPStatusError),
    ):
        f.fetch(http_server.url("/broken"))
    times = [r.time for r in http_server.requests("/broken")]
    assert times[1] - times[0] >= 0.1
    assert times[2] - times[1] >= 0.2


def test_503_then_200_succeeds_after_a_retry(http_server: LocalServer, fetcher: HttpFetcher) -> None:
    http_server.add("/flaky", [Reply(status=503), Reply(body=PAGE)])
    assert fetcher.fetch(http_server.url("/flaky")).content == PAGE
    assert [r.status for r in http_server.requests("/flaky")] == [503, 200]


def test_429_retry_after_is_honoured(http_server: LocalServer, fetcher: HttpFetcher) -> None:
    http_server.add("/busy", [Reply(status=429, headers={"Retry-After": "1"}), Reply(body=PAGE)])
    assert fetcher.fetch(http_server.url("/busy")).content == PAGE
    first, second = http_server.requests("/busy")
    assert second.time - first.time >= 0.95  # Retry-After (1 s) wins over the 0.01 s backoff


def test_retry_after_far_in_the_future_is_not_waited_for(
    http_server: LocalServer, fetcher: HttpFetcher
) -> None:
    http_server.add("/busy", Reply(status=429, headers={"Retry-After": "86400"}))
    with pytest.raises(HTTPStatusError, match="Retry-After 86400 s"):
        fetcher.fetch(http_server.url("/busy"))
    assert len(http_server.requests("/busy")) == 1


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def test_redirects_are_followed_and_final_url_reported(
    http_server: LocalServer, fetcher: HttpFetcher
) -> None:
    http_server.redirect("/old", "/middle", status=301)
    http_server.redirect("/middle", http_server.url("/new"))
    http_server.add("/new", Reply(body=PAGE))
    resp = fetcher.fetch(http_server.url("/old"))
    assert resp.url == http_server.url("/old")
    assert resp.final_url == http_server.url("/new")
    assert resp.content == PAGE


def test_redirect_chain_longer_than_the_cap_raises_fetch_error(
    http_server: LocalServer, fetcher: HttpFetcher
) -> None:
    for i in range(6):
        http_server.redirect(f"/r{i}", f"/r{i + 1}")
    http_server.add("/r6", Reply(body=PAGE))
    url = http_server.url("/r0")
    with pytest.raises(FetchError, match="too many redirects") as info:
        fetcher.fetch(url)
    assert str(info.value).startswith(url)
    assert len(http_server.requests("/r3")) == 1
    assert http_server.requests("/r4") == []  # max_redirects = 3: r0→r1→r2→r3, then stop


def test_redirect_loop_is_stopped(http_server: LocalServer, fetcher: HttpFetcher) -> None:
    http_server.redirect("/ping", "/pong")
    http_server.redirect("/pong", "/ping")
    with pytest.raises(FetchError, match="too many redirects"):
        fetcher.fetch(http_server.url("/ping"))


@pytest.mark.parametrize("target", ["ftp://files.example.org/secret.txt", "file:///etc/passwd"])
def test_redirect_to_a_non_http_scheme_is_refused(
    http_server: LocalServer, fetcher: HttpFetcher, target: str
) -> None:
    http_server.redirect("/sneaky", target)
    url = http_server.url("/sneaky")
    with pytest.raises(FetchError, match="only http and https") as info:
        fetcher.fetch(url)
    assert str(info.value).startswith(f"{url}: redirect to {target} refused")


@pytest.mark.parametrize(
    "url", ["ftp://files.example.org/a.xml", "file:///etc/passwd", "javascript:alert(1)"]
)
def test_non_http_urls_are_refused_without_a_request(url: str, fetcher: HttpFetcher) -> None:
    with pytest.raises(FetchError, match="only http and https") as info:
        fetcher.fetch(url)
    assert str(info.value).startswith(url)


def test_declared_body_over_the_cap_raises_too_large_before_reading(http_server: LocalServer) -> None:
    http_server.add("/big", Reply(size=50_000_000))
    with (
        HttpFetcher(fast_settings(fetch__max_bytes=10_000)) as f,
        pytest.raises(TooLargeError, match="over the cap"),
    ):
        f.fetch(http_server.url("/big"))
    request = http_server.requests("/big")[0]
    assert http_server.wait_for(lambda: request.done)
    assert request.aborted and request.bytes_sent < 50_000_000


def test_streamed_body_over_the_cap_is_cut_off_mid_stream(http_server: LocalServer) -> None:
    total = 200_000_000
    http_server.add("/endless", Reply(size=total, declare_length=False))
    with HttpFetcher(fast_settings(fetch__max_bytes=100_000)) as f, pytest.raises(TooLargeError):
        f.fetch(http_server.url("/endless"))
    request = http_server.requests("/endless")[0]
    assert http_server.wait_for(lambda: request.done)
    assert request.aborted  # the client hung up: the server could not send the whole body
    assert request.bytes_sent < total


def test_trickling_server_times_out_on_the_whole_body(http_server: LocalServer) -> None:
    http_server.add("/trickle", Reply(size=1000, chunk_size=10, pause=0.03, declare_length=False))
    settings = fast_settings(fetch__timeout=0.15, fetch__retries=0)  # whole body: 6 x 0.15 s
    with HttpFetcher(settings) as f, pytest.raises(FetchTimeout, match="body not received within 0.9 s"):
        f.fetch(http_server.url("/trickle"))


def test_error_answer_with_a_large_declared_body_reports_the_status(http_server: LocalServer) -> None:
    http_server.add("/gone", Reply(status=410, size=50_000_000))
    with HttpFetcher(fast_settings(fetch__max_bytes=10_000)) as f, pytest.raises(HTTPStatusError) as info:
        f.fetch(http_server.url("/gone"))
    assert info.value.status == 410


def test_body_at_the_cap_is_accepted(http_server: LocalServer) -> None:
    http_server.add("/exact", Reply(size=10_000, declare_length=False))
    with HttpFetcher(fast_settings(fetch__max_bytes=10_000)) as f:
        assert len(f.fetch(http_server.url("/exact")).content) == 10_000


def test_robots_disallow_raises_robots_disallowed(http_server: LocalServer, fetcher: HttpFetcher) -> None:
    http_server.robots("User-agent: *\nDisallow: /private/\n")
    http_server.add("/private/memo", Reply(body=PAGE))
    url = http_server.url("/private/memo")
    with pytest.raises(RobotsDisallowed) as info:
        fetcher.fetch(url)
    assert str(info.value).startswith(f"{url}: robots.txt")
    assert http_server.requests("/private/memo") == []


def test_robots_rules_for_our_user_agent_apply(http_server: LocalServer, fetcher: HttpFetcher) -> None:
    http_server.robots("User-agent: newsprism\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    with pytest.raises(RobotsDisallowed):
        fetcher.fetch(http_server.url("/a"))


def test_respect_robots_false_fetches_disallowed_pages(http_server: LocalServer) -> None:
    http_server.robots("User-agent: *\nDisallow: /\n")
    http_server.add("/a", Reply(body=PAGE))
    with HttpFetcher(fast_settings(fetch__respect_robots=False)) as f:
        assert f.fetch(http_server.url("/a")).content == PAGE
    assert http_server.requests("/robots.txt") == []


def test_robots_txt_is_fetched_once_per_host(http_server: LocalServer, fetcher: HttpFetcher) -> None:
    http_server.robots("User-agent: *\nDisallow: /private/\n")
    for path in ("/a", "/b", "/c"):
        http_server.add(path, Reply(body=PAGE))
        fetcher.fetch(http_server.url(path))
    assert len(http_server.requests("/robots.txt")) == 1
    assert [r.path for r in http_server.log] == ["/robots.txt", "/a", "/b", "/c"]


def test_robots_txt_missing_allows_everything(http_server: LocalServer, fetcher: HttpFetcher) -> None:
    http_server.add("/a", Reply(body=PAGE))  # /robots.txt answers 404
    assert fetcher.fetch(http_server.url("/a")).status == 200


def test_robots_txt_that_cannot_be_reached_allows_everything(http_server: LocalServer) -> None:
    http_server.add("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /\n", delay=5.0))
    http_server.add("/a", Reply(body=PAGE))
    with HttpFetcher(fast_settings(fetch__timeout=0.2, fetch__retries=0)) as f:
        assert f.fetch(http_server.url("/a")).content == PAGE


def test_robots_txt_server_error_disallows_everything(http_server: LocalServer) -> None:
    http_server.robots("down", status=503)
    http_server.add("/a", Reply(body=PAGE))
    with HttpFetcher(fast_settings(fetch__retries=0)) as f, pytest.raises(RobotsDisallowed):
        f.fetch(http_server.url("/a"))
    assert http_server.requests("/a") == []


def test_robots_is_checked_on_each_redirect_hop(http_server: LocalServer, fetcher: HttpFetcher) -> None:
    http_server.robots("User-agent: *\nDisallow: /private/\n")
    http_server.redirect("/open", "/private/x")
    http_server.add("/private/x", Reply(body=PAGE))
    with pytest.raises(RobotsDisallowed, match="redirected to"):
        fetcher.fetch(http_server.url("/open"))
    assert http_server.requests("/private/x") == []


def test_unreachable_host_raises_fetch_error_after_retries() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/a"
    with (
        HttpFetcher(fast_settings(fetch__retries=1)) as f,
        pytest.raises(FetchError, match="connection failed") as info,
    ):
        f.fetch(url)
    assert str(info.value).startswith(url)


def test_per_host_delay_spaces_request_starts(http_server: LocalServer) -> None:
    delay = 0.15
    paths = [f"/p{i}" for i in range(4)]
    for path in paths:
        http_server.add(path, Reply(body=PAGE))
    settings = fast_settings(fetch__host_delay=delay, fetch__host_concurrency=4, fetch__concurrency=4)
    with HttpFetcher(settings) as f:
        results = dict(f.fetch_many(http_server.url(p) for p in paths))
    assert all(isinstance(r, Response) for r in results.values())
    starts = sorted(r.time for r in http_server.log)  # robots.txt counts too: it is a request to the host
    assert len(starts) == 5
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= delay - 0.05  # slack for the hop from the client's gate to the server's log


def test_per_host_concurrency_limits_requests_in_flight(http_server: LocalServer) -> None:
    in_flight = 0
    peak = 0
    changed = threading.Condition()

    def slow(_request: object) -> Reply:
        nonlocal in_flight, peak
        with changed:
            in_flight += 1
            peak = max(peak, in_flight)
            changed.notify_all()
            changed.wait_for(lambda: in_flight >= 2, timeout=2.0)  # hold until a second one is in flight
            changed.wait_for(
                lambda: in_flight >= 3, timeout=0.05
            )  # a third would be here now, if let through
            in_flight -= 1
            changed.notify_all()
        return Reply(body=PAGE)

    for i in range(6):
        http_server.add(f"/s{i}", slow)
    settings = fast_settings(fetch__host_concurrency=2, fetch__concurrency=6, fetch__respect_robots=False)
    with HttpFetcher(settings) as f:
        results = list(f.fetch_many(http_server.url(f"/s{i}") for i in range(6)))
    assert len(results) == 6
    assert peak == 2


def test_fetch_many_yields_errors_as_values(http_server: LocalServer, fetcher: HttpFetcher) -> None:
    http_server.add("/ok", Reply(body=PAGE))
    urls = [http_server.url("/ok"), http_server.url("/missing"), "ftp://x.example/a", http_server.url("/ok")]
    results = dict(fetcher.fetch_many(urls))
    assert set(results) == set(urls)  # each distinct URL once
    assert isinstance(results[http_server.url("/ok")], Response)
    missing = results[http_server.url("/missing")]
    assert isinstance(missing, HTTPStatusError) and missing.status == 404
    assert isinstance(results["ftp://x.example/a"], FetchError)
    assert len(http_server.requests("/ok")) == 1


def test_conditional_get_returns_not_modified_on_the_second_fetch(
    http_server: LocalServer, tmp_path: Path
) -> None:
    http_server.add("/feed.xml", Reply(body=b"<rss/>", etag='"v1"', content_type="application/rss+xml"))
    url = http_server.url("/feed.xml")
    with HttpFetcher(fast_settings(), cache_path=tmp_path / "validators.sqlite3") as f:
        first = f.fetch(url)
        second = f.fetch(url)
    assert first.content == b"<rss/>" and not first.not_modified
    assert second.not_modified and second.status == 304 and second.content == b""
    requests = http_server.requests("/feed.xml")
    assert "if-none-match" not in requests[0].headers
    assert requests[1].headers["if-none-match"] == '"v1"'


def test_conditional_get_validators_survive_a_new_fetcher(http_server: LocalServer, tmp_path: Path) -> None:
    stamp = "Mon, 23 Nov 2026 06:00:00 GMT"
    http_server.add("/feed.xml", Reply(body=b"<rss/>", last_modified=stamp))
    url = http_server.url("/feed.xml")
    cache = tmp_path / "validators.sqlite3"
    with HttpFetcher(fast_settings(), cache_path=cache) as f:
        f.fetch(url)
    with HttpFetcher(fast_settings(), cache_path=cache) as f:
        assert f.fetch(url).not_modified
    assert http_server.requests("/feed.xml")[1].headers["if-modified-since"] == stamp


def test_changed_resource_is_fetched_again_with_new_validators(
    http_server: LocalServer, tmp_path: Path
) -> None:
    http_server.add("/feed.xml", [Reply(body=b"one", etag='"v1"'), Reply(body=b"two", etag='"v2"')])
    url = http_server.url("/feed.xml")
    with HttpFetcher(fast_settings(), cache_path=tmp_path / "v.sqlite3") as f:
        assert f.fetch(url).content == b"one"
        assert f.fetch(url).content == b"two"
        assert f.validators.get(url) == ('"v2"', None)


def test_cache_dir_setting_places_the_validator_file(tmp_path: Path) -> None:
    with HttpFetcher(fast_settings(fetch__cache_dir=str(tmp_path / "cache"))) as f:
        assert f.validators.path is not None
        assert f.validators.path.parent == tmp_path / "cache"
        assert f.validators.path.exists()


def test_transport_can_be_injected() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, content=b"mocked", headers={"ETag": '"m"'})

    with HttpFetcher(fast_settings(), transport=httpx.MockTransport(answer)) as f:
        assert f.fetch("https://ledger.example/a").content == b"mocked"


def test_mock_fetcher_answers_from_its_pages() -> None:
    err = FetchTimeout("https://slow.example/: timed out")
    mock = MockFetcher(
        {
            "https://a.example/": b"<p>a</p>",
            "https://b.example/": Response("https://b.example/", "https://b.example/x", 200, {}, b"b"),
            "https://slow.example/": err,
        }
    )
    fetcher: Fetcher = mock
    assert fetcher.fetch("https://a.example/").content == b"<p>a</p>"
    assert fetcher.fetch("https://b.example/").final_url == "https://b.example/x"
    with pytest.raises(HTTPStatusError):
        fetcher.fetch("https://nowhere.example/")
    results = dict(fetcher.fetch_many(["https://slow.example/", "https://a.example/"]))
    assert results["https://slow.example/"] is err
    assert isinstance(results["https://a.example/"], Response)
    assert mock.requested[-2:] == ["https://slow.example/", "https://a.example/"]


def test_unconditional_fetch_sends_no_validators(http_server: LocalServer, fetcher: HttpFetcher) -> None:
    http_server.add("/page", Reply(body=PAGE, etag='"p1"'))
    url = http_server.url("/page")
    fetcher.fetch(url)
    again = fetcher.fetch(url, conditional=False)
    assert again.content == PAGE and not again.not_modified
    assert "if-none-match" not in http_server.requests("/page")[1].headers


def test_forget_drops_the_validators_of_a_url(http_server: LocalServer, fetcher: HttpFetcher) -> None:
    http_server.add("/page", Reply(body=PAGE, etag='"p1"'))
    url = http_server.url("/page")
    first = fetcher.fetch(url)
    fetcher.forget(first.url, first.final_url)
    assert fetcher.fetch(url).content == PAGE


def test_validators_are_kept_for_the_final_url_of_a_redirect(
    http_server: LocalServer, fetcher: HttpFetcher
) -> None:
    http_server.redirect("/feed", "/feeds/all.xml", status=301)
    http_server.add("/feeds/all.xml", Reply(body=b"<rss/>", etag='"f1"'))
    first = fetcher.fetch(http_server.url("/feed"))
    second = fetcher.fetch(http_server.url("/feed"))
    assert first.final_url == http_server.url("/feeds/all.xml")
    assert second.not_modified and second.final_url == first.final_url
    assert fetcher.validators.get(http_server.url("/feed")) == (None, None)
