"""``newsprism bench extract``: pages per second of :func:`newsprism.html.extract_html` next to plain
``trafilatura.extract``, on the same pages, one after the other in one process.

Pages: every page of ``scrapinghub-aeb`` (``../shared/data``); without it, the HTML pages of ``examples/``
or of ``tests/fixtures/html`` (the result says which). Pages are read and decoded before the clocks start.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsprism.errors import InputError

_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = _ROOT.parent / "shared" / "data" / "scrapinghub-aeb"


def _pages(data: str | None) -> tuple[list[str], str, str | None]:
    """The decoded pages, where they came from, and a note when it is not the benchmark set."""
    from newsprism.evaluate.extraction import read_html

    candidates = [Path(data)] if data else []
    candidates.append(DEFAULT_DATA)
    for folder in candidates:
        for html_dir in (folder / "html", folder / "scrapinghub-aeb" / "html"):
            files = sorted(html_dir.glob("*.html.gz")) if html_dir.is_dir() else []
            if files:
                return [read_html(f) for f in files], str(html_dir.parent), None
    for folder in (_ROOT / "examples", _ROOT / "tests" / "fixtures" / "html"):
        files = sorted(
            p for p in folder.rglob("*") if p.suffix in (".html", ".htm") or p.name.endswith(".html.gz")
        )
        if files:
            note = f"scrapinghub-aeb not found; measured on the {len(files)} HTML pages of {folder}"
            return [read_html(f) for f in files], str(folder), note
    raise InputError(
        "no HTML pages to benchmark: neither scrapinghub-aeb nor examples/ nor tests/fixtures/html"
    )


def _rate(extract: Callable[[str], object], pages: list[str]) -> float:
    extract(pages[0])  # warm up: imports, lazily built tables
    start = time.perf_counter()
    for html in pages:
        extract(html)
    elapsed = time.perf_counter() - start
    return len(pages) / elapsed if elapsed > 0 else float("inf")


def _ours(html: str) -> object:
    from newsprism.html import extract_html

    try:
        return extract_html(html)
    except InputError:
        return None


def _trafilatura(html: str) -> object:
    import trafilatura

    try:
        return trafilatura.extract(html)
    except Exception:  # noqa: BLE001 - a page trafilatura fails on still counts as handled
        return None


def run(data: str | None = None, **_: Any) -> dict[str, Any]:
    """Articles per second, ours and trafilatura's, and their ratio (> 1: ours is faster)."""
    pages, source, note = _pages(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = _rate(_ours, pages)
        theirs = _rate(_trafilatura, pages)
    result: dict[str, Any] = {
        "n": len(pages),
        "articles_per_s": round(ours, 2),
        "trafilatura_articles_per_s": round(theirs, 2),
        "ratio_vs_trafilatura": round(ours / theirs, 3) if theirs else None,
        "data": source,
    }
    if note:
        result["note"] = note
    return result
