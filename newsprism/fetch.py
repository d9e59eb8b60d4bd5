"""Fetching pages and feeds over HTTP, politely.

:class:`HttpFetcher` is the real thing (httpx underneath): timeouts, a capped and checked redirect
chain, a body size cap enforced while streaming, retries with exponential backoff, a per-host
delay and concurrency limit, robots.txt, and conditional GET (ETag / Last-Modified kept in a small
SQLite file, so that re-polling a feed only downloads what changed). :class:`MockFetcher` answers from
a dict, for tests. Both follow the :class:`Fetcher` protocol; errors are :class:`~newsprism.errors.FetchError`
subclasses whose message starts with the URL.

    with HttpFetcher(settings, cache_path=Path("validators.sqlite3")) as fetcher:
        page = fetcher.fetch("https://example.org/feed.xml")
        for url, result in fetcher.fetch_many(urls):
            ...  # result is a Response or a FetchError
"""

from __future__ import annotations

import email.utils
import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Protocol
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsprism.config import Settings
from newsprism.errors import FetchError, FetchTimeout, HTTPStatusError, RobotsDisallowed, TooLargeError

ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
MAX_RETRY_AFTER = 120.0  # seconds: a longer Retry-After is not waited for
BODY_TIME_FACTOR = 6  # a whole answer must arrive within this many fetch.timeout (stops trickling servers)
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB
ROBOTS_MAX_REDIRECTS = 5  # RFC 9309 §2.3.1.2
CACHE_FILENAME = "fetch-validators.sqlite3"


@dataclass
class Response:
    """One answer: ``headers`` have lower-case names; ``content`` is the decoded (decompressed) body.

    ``not_modified`` is true when the server answered 304 to a conditional GET: ``content`` is then
    empty and the caller keeps what it fetched before.
    """

    url: str
    final_url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""
    not_modified: bool = False


class Fetcher(Protocol):
    """What ingest needs from the network."""

    def fetch(self, url: str, *, conditional: bool = True) -> Response:
        """Fetch one URL or raise a :class:`FetchError` naming it.

        ``conditional``: send the validators kept from the last fetch of ``url`` (ETag /
        Last-Modified); an unchanged resource then comes back with ``not_modified=True``.
        """
        ...

    def fetch_many(
        self, urls: Iterable[str], *, conditional: bool = True
    ) -> Iterator[tuple[str, Response | FetchError]]:
        """Fetch URLs, yielding ``(url, response or error)`` as each completes; never raises for one URL."""
        ...


class MockFetcher:
    """A :class:`Fetcher` that answers from a dict, for tests.

    Values may be a :class:`Response`, bytes (a 200 answer with that body) or an exception (raised; a
    :class:`FetchError` is yielded as a value by :meth:`fetch_many`). Unknown URLs answer 404.
    ``requested`` lists every URL asked for, in order.
    """

    def __init__(self, pages: dict[str, Response | bytes | Exception]) -> None:
        self.pages = dict(pages)
        self.requested: list[str] = []

    def fetch(self, url: str, *, conditional: bool = True) -> Response:
        self.requested.append(url)
        if url not in self.pages:
            raise HTTPStatusError(f"{url}: HTTP 404 Not Found", 404)
        page = self.pages[url]
        if isinstance(page, Exception):
            raise page
        if isinstance(page, bytes):
            return Response(url=url, final_url=url, status=200, content=page)
        return page

    def fetch_many(
        self, urls: Iterable[str], *, conditional: bool = True
    ) -> Iterator[tuple[str, Response | FetchError]]:
        for url in dict.fromkeys(urls):
            try:
                yield url, self.fetch(url)
            except FetchError as exc:
                yield url, exc


class ValidatorCache:
    """ETag / Last-Modified per URL, in a SQLite file (or in memory when ``path`` is None)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        target = ":memory:"
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise FetchError(f"{path}: cannot create the fetch cache directory: {exc}") from None
            target = str(path)
        try:
            self._db = sqlite3.connect(target, check_same_thread=False)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS validators "
                "(url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, updated REAL)"
            )
            self._db.commit()
        except sqlite3.Error as exc:
            raise FetchError(f"{target}: cannot open the fetch cache: {exc}") from None

    def get(self, url: str) -> tuple[str | None, str | None]:
        with self._lock:
            row = self._db.execute(
                "SELECT etag, last_modified FROM validators WHERE url = ?", (url,)
            ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self._lock:
            if etag or last_modified:
                self._db.execute(
                    "INSERT OR REPLACE INTO validators VALUES (?, ?, ?, ?)",
                    (url, etag, last_modified, time.time()),
                )
            else:
                self._db.execute("DELETE FROM validators WHERE url = ?", (url,))
            self._db.commit()

    def close(self) -> None:
        with self._lock:
            self._db.close()


class HostGate:
    """Per-host politeness: at most ``concurrency`` requests in flight, starts ``delay`` seconds apart.

    The delay is measured from the moment the previous request to the host actually left the gate,
    so a thread that wakes late never lets the next one start early.
    """

    def __init__(self, delay: float, concurrency: int) -> None:
        self.delay = max(0.0, delay)
        self._lock = threading.Lock()
        self._last_start: dict[str, float] = {}
        self._pacing: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self._slots: defaultdict[str, threading.BoundedSemaphore] = defaultdict(
            lambda: threading.BoundedSemaphore(max(1, concurrency))
        )

    def enter(self, host: str) -> None:
        with self._lock:
            slots, pacing = self._slots[host], self._pacing[host]
        slots.acquire()
        with pacing:  # one thread per host waits out the delay at a time; other hosts are not held
            last = self._last_start.get(host)
            if last is not None:
                wait_s = last + self.delay - time.monotonic()
                if wait_s > 0:
                    time.sleep(wait_s)
            self._last_start[host] = time.monotonic()

    def leave(self, host: str) -> None:
        with self._lock:
            slots = self._slots[host]
        slots.release()


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc or "").lower()


def _check_scheme(url: str, what: str) -> None:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or "none"
        raise FetchError(f"{what}: only http and https URLs can be fetched, not {scheme!r}")
    if not parts.hostname:
        raise FetchError(f"{what}: the URL has no host")


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date); None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _reason(status: int, phrase: str) -> str:
    return f"HTTP {status} {phrase}".rstrip()


def _interleave_by_host(urls: Iterable[str]) -> list[str]:
    """Round-robin over hosts so that one slow, rate-limited host does not hold every worker."""
    queues: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        queues.setdefault(_host_key(url), []).append(url)
    out: list[str] = []
    lists = list(queues.values())
    for i in range(max((len(q) for q in lists), default=0)):
        out.extend(q[i] for q in lists if i < len(q))
    return out


@dataclass
class _Answer:
    status: int
    phrase: str
    headers: dict[str, str]
    content: bytes


class HttpFetcher:
    """The network :class:`Fetcher`; settings are read from ``[fetch.*]`` (see ``defaults.toml``).

    ``cache_path`` is the SQLite file of conditional-GET validators; without it, ``fetch.cache_dir``
    is used when set, else validators live only as long as the fetcher. ``transport`` is handed to
    httpx (``httpx.MockTransport`` in tests). Thread-safe; close it (or use ``with``) when done.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        cache_path: Path | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        s = settings or Settings()
        self.timeout = float(s["fetch.timeout"])
        self.max_redirects = int(s["fetch.max_redirects"])
        self.max_bytes = int(s["fetch.max_bytes"])
        self.retries = max(0, int(s["fetch.retries"]))
        self.backoff = max(0.0, float(s["fetch.backoff"]))
        self.concurrency = max(1, int(s["fetch.concurrency"]))
        self.user_agent = str(s["fetch.user_agent"])
        self.respect_robots = bool(s["fetch.respect_robots"])
        if cache_path is None and s["fetch.cache_dir"]:
            cache_path = Path(s["fetch.cache_dir"]).expanduser() / CACHE_FILENAME
        self.validators = ValidatorCache(cache_path)
        self._gate = HostGate(float(s["fetch.host_delay"]), int(s["fetch.host_concurrency"]))
        self._global = threading.BoundedSemaphore(self.concurrency)
        self._robots: dict[str, RobotFileParser] = {}
        self._robots_locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self._robots_guard = threading.Lock()
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
            headers={"User-Agent": self.user_agent, "Accept": ACCEPT},
            limits=httpx.Limits(
                max_connections=self.concurrency * 2, max_keepalive_connections=self.concurrency
            ),
        )

    # -- public API -------------------------------------------------------------------------------

    def fetch(self, url: str, *, conditional: bool = True) -> Response:
        """Fetch ``url``; raise a :class:`FetchError` (or subclass) whose message names it and the reason.

        With ``conditional`` (the default) the ETag / Last-Modified kept from the last 2xx answer for
        this URL are sent, and an unchanged resource comes back as ``not_modified=True`` with no body.
        """
        _check_scheme(url, url)
        return self._follow(
            url, check_robots=self.respect_robots, max_redirects=self.max_redirects, conditional=conditional
        )

    def fetch_many(
        self, urls: Iterable[str], *, conditional: bool = True
    ) -> Iterator[tuple[str, Response | FetchError]]:
        """Fetch each distinct URL once, ``fetch.concurrency`` at a time, yielding results as they complete."""
        order = _interleave_by_host(urls)
        if not order:
            return
        pool = ThreadPoolExecutor(max_workers=min(self.concurrency, len(order)), thread_name_prefix="fetch")
        try:
            pending: dict[Future[Response], str] = {
                pool.submit(self.fetch, url, conditional=conditional): url for url in order
            }
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    url = pending.pop(future)
                    yield url, self._result(url, future)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def forget(self, *urls: str) -> None:
        """Drop the validators kept for ``urls``, so that their next fetch is a full one.

        Validators are kept under the URL that answered 2xx: pass ``response.final_url`` (and
        ``response.url``). Call it when a fetched page could not be used, so that a later run does not
        get a 304 for a page it never stored.
        """
        for url in urls:
            self.validators.put(url, None, None)

    def close(self) -> None:
        self._client.close()
        self.validators.close()

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- redirects, robots, retries -----------------------------------------------------------------

    @staticmethod
    def _result(url: str, future: Future[Response]) -> Response | FetchError:
        try:
            return future.result()
        except FetchError as exc:
            return exc
        except Exception as exc:  # a bug or an odd library error must not sink the batch
            return FetchError(f"{url}: unexpected error: {type(exc).__name__}: {exc}")

    def _follow(
        self,
        url: str,
        *,
        check_robots: bool,
        max_redirects: int,
        robots: bool = False,
        conditional: bool = True,
    ) -> Response:
        hop = url
        for _ in range(max_redirects + 1):
            if check_robots and not self._allowed(hop):
                where = "" if hop == url else f" (redirected to {hop})"
                raise RobotsDisallowed(f"{url}: robots.txt of {_host_key(hop)} disallows it{where}")
            etag, modified = self.validators.get(hop) if conditional and not robots else (None, None)
            headers: dict[str, str] = {}
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
            limit = ROBOTS_MAX_BYTES if robots else self.max_bytes
            answer = self._with_retries(url, hop, headers, limit)
            status = answer.status
            if status in (301, 302, 303, 307, 308):
                location = answer.headers.get("location")
                if not location:
                    raise HTTPStatusError(
                        f"{url}: {_reason(status, answer.phrase)} without a Location", status
                    )
                target = urljoin(hop, location.strip())
                _check_scheme(target, f"{url}: redirect to {target} refused")
                hop = target
                continue
            if status == 304:
                return Response(url, hop, status, answer.headers, b"", not_modified=True)
            if 200 <= status < 300:
                if not robots:
                    self.validators.put(hop, answer.headers.get("etag"), answer.headers.get("last-modified"))
                return Response(url, hop, status, answer.headers, answer.content)
            raise HTTPStatusError(f"{url}: {_reason(status, answer.phrase)}", status)
        raise FetchError(f"{url}: too many redirects (more than {max_redirects}, last to {hop})")

    def _with_retries(self, url: str, hop: str, headers: dict[str, str], limit: int) -> _Answer:
        attempts = self.retries + 1
        for attempt in range(attempts):
            wait_s = self.backoff * (2**attempt)
            try:
                answer = self._request(url, hop, headers, limit)
            except (FetchTimeout, _ConnectError) as exc:
                if attempt + 1 >= attempts:
                    if isinstance(exc, _ConnectError):
                        raise FetchError(str(exc)) from None
                    raise
            else:
                if answer.status != 429 and answer.status < 500:
                    return answer
                if attempt + 1 >= attempts:
                    tries = f" (after {attempts} attempts)" if attempts > 1 else ""
                    raise HTTPStatusError(
                        f"{url}: {_reason(answer.status, answer.phrase)}{tries}", answer.status
                    )
                later = retry_after_seconds(answer.headers.get("retry-after"))
                if later is not None:
                    if later > MAX_RETRY_AFTER:
                        raise HTTPStatusError(
                            f"{url}: {_reason(answer.status, answer.phrase)}, "
                            f"Retry-After {later:.0f} s is longer than {MAX_RETRY_AFTER:.0f} s",
                            answer.status,
                        )
                    wait_s = max(wait_s, later)
            time.sleep(wait_s)
        raise AssertionError("unreachable")  # pragma: no cover

    def _request(self, url: str, hop: str, headers: dict[str, str], limit: int) -> _Answer:
        host = _host_key(hop)
        self._gate.enter(host)
        try:
            with self._global:
                return self._stream(url, hop, headers, limit)
        finally:
            self._gate.leave(host)

    def _stream(self, url: str, hop: str, headers: dict[str, str], limit: int) -> _Answer:
        via = "" if hop == url else f" (at {hop})"
        try:
            with self._client.stream("GET", hop, headers=headers) as resp:
                head = dict(resp.headers.items())
                declared = head.get("content-length", "")
                if resp.status_code < 300 and declared.isdigit() and int(declared) > limit:
                    raise TooLargeError(
                        f"{url}: body of {declared} bytes is over the cap of {limit} bytes{via}"
                    )
                chunks: list[bytes] = []
                size = 0
                deadline = time.monotonic() + self.timeout * BODY_TIME_FACTOR
                if resp.status_code < 300:
                    for chunk in resp.iter_bytes():
                        if time.monotonic() > deadline:
                            raise FetchTimeout(
                                f"{url}: body not received within {self.timeout * BODY_TIME_FACTOR:g} s{via}"
                            )
                        size += len(chunk)
                        if size > limit:
                            raise TooLargeError(f"{url}: body is over the cap of {limit} bytes{via}")
                        chunks.append(chunk)
                return _Answer(resp.status_code, resp.reason_phrase, head, b"".join(chunks))
        except httpx.TimeoutException as exc:
            raise FetchTimeout(
                f"{url}: timed out after {self.timeout:g} s{via} ({type(exc).__name__})"
            ) from None
        except httpx.DecodingError as exc:
            raise FetchError(f"{url}: the body cannot be decoded{via}: {exc}") from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise FetchError(f"{url}: not a URL that can be fetched{via}: {exc}") from None
        except httpx.TransportError as exc:
            raise _ConnectError(f"{url}: connection failed{via}: {exc or type(exc).__name__}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {exc or type(exc).__name__}{via}") from None

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        key = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._robots_guard:
            lock = self._robots_locks[key]
        with lock:  # one robots.txt fetch per host, even with many threads asking at once
            parser = self._robots.get(key)
            if parser is None:
                parser = self._load_robots(key)
                self._robots[key] = parser
        return parser.can_fetch(self.user_agent, url)

    def _load_robots(self, root: str) -> RobotFileParser:
        """robots.txt per RFC 9309: 2xx parsed; 4xx allows all; 5xx disallows all; unreachable allows all."""
        parser = RobotFileParser(root + "/robots.txt")
        try:
            answer = self._follow(
                root + "/robots.txt", check_robots=False, max_redirects=ROBOTS_MAX_REDIRECTS, robots=True
            )
        except HTTPStatusError as exc:
            if exc.status >= 500:
                parser.parse(["User-agent: *", "Disallow: /"])
            else:
                parser.parse([])
            return parser
        except FetchError:  # unreachable, too large, redirect loop: treat as no robots.txt
            parser.parse([])
            return parser
        parser.parse(answer.content.decode("utf-8", "replace").splitlines())
        return parser


class _ConnectError(FetchError):
    """A connection failure that may be retried (internal: surfaced as a plain FetchError)."""


__all__ = [
    "Response",
    "Fetcher",
    "HttpFetcher",
    "MockFetcher",
    "ValidatorCache",
    "HostGate",
    "retry_after_seconds",
]
