"""HTML → article body, scored on the two public extraction sets in ``../shared/data``.

``scrapinghub-aeb`` (``html/<id>.html.gz`` + ``ground-truth.json``): ``\\w+`` tokens, multisets of 4-token
shingles, per-page tp/fp/fn normalised to sum to 1, precision and recall each averaged over the pages
(precision over pages with a prediction, recall over pages with a gold body, as the benchmark's own
script does), F1 the harmonic mean of the two averages.

``trafilatura-eval`` (``evaldata.json`` + ``eval/`` or ``cache/``): a "with" snippet found in the output
(whitespace-normalised substring) is a true positive, a "without" snippet found is a false positive;
counts are summed over the corpus and F1 = 2tp / (2tp + fp + fn).

Both report newsprism's :func:`newsprism.html.extract_html` next to plain ``trafilatura.extract(html)``
with its defaults, run on the same pages in the same run.
"""

from __future__ import annotations

import gzip
import json
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.errors import EvalDataError, InputError
from newsprism.evaluate import in_split

AEB = "scrapinghub-aeb"
TRAFILATURA_EVAL = "trafilatura-eval"

_TOKEN = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    """One evaluation page: where its HTML is, its URL when known, and its gold annotation."""

    id: str
    path: Path
    url: str | None
    gold: Any  # aeb: the gold body (str); trafilatura-eval: {"with": [...], "without": [...]}


# ------------------------------------------------------------------------------------------- data sets


def detect_dataset(data: Path) -> str:
    """Which extraction set ``data`` holds, from the files in it."""
    if (data / "ground-truth.json").exists() and (data / "html").is_dir():
        return AEB
    if (data / "evaldata.json").exists():
        return TRAFILATURA_EVAL
    raise EvalDataError(
        f"{data} is not an extraction data set: expected ground-truth.json + html/ (scrapinghub-aeb) "
        "or evaldata.json (trafilatura-eval)"
    )


def load_pages(data: Path, split: str) -> list[Page]:
    """The pages of ``split`` in data set folder ``data``, sorted by id."""
    kind = detect_dataset(data)
    pages: list[Page] = []
    if kind == AEB:
        truth = _read_json(data / "ground-truth.json")
        for page_id, item in truth.items():
            if not in_split(data, page_id, split):
                continue
            path = data / "html" / f"{page_id}.html.gz"
            if not path.exists():
                raise EvalDataError(f"{path} is missing (listed in ground-truth.json)")
            pages.append(Page(page_id, path, item.get("url"), item.get("articleBody") or ""))
    else:
        evaldata = _read_json(data / "evaldata.json")
        for key, item in evaldata.items():
            if not in_split(data, key, split):
                continue
            path = _resolve_trafilatura_file(data, item["file"])
            url = key if key.startswith(("http://", "https://")) else None
            pages.append(Page(key, path, url, {"with": item["with"], "without": item["without"]}))
    if not pages:
        raise EvalDataError(f"no pages of split {split!r} in {data}")
    return sorted(pages, key=lambda p: p.id)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalDataError(f"cannot read {path}: {exc}") from None


def _resolve_trafilatura_file(data: Path, name: str) -> Path:
    # cache/ before eval/, as trafilatura's own evaluation resolves them
    for folder in ("cache", "eval"):
        for candidate in (data / folder / f"{name}.gz", data / folder / name):
            if candidate.exists():
                return candidate
    raise EvalDataError(f"page {name} of evaldata.json is in neither cache/ nor eval/ of {data}")


def read_html(path: Path) -> str:
    """The page as text: gunzipped, UTF-8 when valid, else the encoding trafilatura guesses."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    from trafilatura.utils import decode_file

    return decode_file(raw)


# ------------------------------------------------------------------------------------------------ scoring


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def shingle_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """Per-page (tp, fp, fn) over multisets of 4-token shingles, normalised to sum to 1."""
    true, pred = _shingles(gold), _shingles(predicted)
    tp = float(sum((true & pred).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def shingle_scores(counts: Iterable[tuple[float, float, float]]) -> dict[str, float]:
    """Precision and recall averaged over pages, F1 their harmonic mean (the benchmark's own rule)."""
    precisions: list[float] = []
    recalls: list[float] = []
    for tp, fp, fn in counts:
        if tp + fp > 0:
            precisions.append(1.0 if fp == fn == 0 else tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(1.0 if fp == fn == 0 else tp / (tp + fn))
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def normalise_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def snippet_counts(gold: dict[str, list[str]], predicted: str) -> tuple[int, int, int]:
    """(tp, fp, fn) of one trafilatura-eval page: "with" snippets found, "without" snippets found."""
    text = normalise_space(predicted or "")
    tp = sum(1 for s in gold["with"] if text and normalise_space(s) in text)
    fp = sum(1 for s in gold["without"] if text and normalise_space(s) in text)
    return tp, fp, len(gold["with"]) - tp


def snippet_scores(counts: Iterable[tuple[float, float, float]]) -> dict[str, float]:
    """Counts summed over the corpus; F1 = 2tp / (2tp + fp + fn)."""
    tp = fp = fn = 0.0
    for t, f, n in counts:
        tp, fp, fn = tp + t, fp + f, fn + n
    return {
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
    }


# -------------------------------------------------------------------------------------------- extraction


def ours(html: str, url: str | None) -> str:
    """newsprism's body text of one page, "" when it finds no article."""
    from newsprism.html import extract_html

    try:
        return extract_html(html, url=url).text
    except InputError:
        return ""


def trafilatura_default(html: str, url: str | None) -> str:
    """The baseline: plain ``trafilatura.extract(html)`` with its defaults."""
    import trafilatura

    try:
        return trafilatura.extract(html) or ""
    except Exception:  # noqa: BLE001 - a crashing baseline page scores as an empty output
        return ""


Extractor = Callable[[str, str | None], str]


def _extract_page(page: Page, extractors: tuple[Extractor, ...]) -> list[str]:
    html = read_html(page.path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [extract(html, page.url) for extract in extractors]


def extract_pages(
    pages: list[Page], extractors: tuple[Extractor, ...], processes: int = 2
) -> list[list[str]]:
    """Every extractor's output on every page, in page order (over ``processes`` worker processes)."""
    if processes <= 1 or len(pages) < 8:
        return [_extract_page(page, extractors) for page in pages]
    with ProcessPoolExecutor(max_workers=processes) as pool:
        return list(pool.map(_extract_page, pages, [extractors] * len(pages), chunksize=4))


def score(kind: str, pages: list[Page], outputs: list[str]) -> dict[str, float]:
    if kind == AEB:
        return shingle_scores(shingle_counts(p.gold, out) for p, out in zip(pages, outputs, strict=True))
    return snippet_scores(snippet_counts(p.gold, out) for p, out in zip(pages, outputs, strict=True))


def evaluate(data: Path, split: str = "test", *, processes: int = 2, baseline: bool = True) -> dict[str, Any]:
    """Score :func:`newsprism.html.extract_html` (and the trafilatura baseline) on ``split`` of ``data``.

    Returns ``{"dataset", "split", "n", "f1", "precision", "recall", "baseline": {"trafilatura": {...}}}``;
    ``baseline=False`` skips the baseline (the quality gate does, to save time).
    """
    data = Path(data)
    kind = detect_dataset(data)
    pages = load_pages(data, split)
    extractors: tuple[Extractor, ...] = (ours, trafilatura_default) if baseline else (ours,)
    outputs = extract_pages(pages, extractors, processes)
    result: dict[str, Any] = {"dataset": kind, "split": split, "n": len(pages)}
    result.update({k: round(v, 4) for k, v in score(kind, pages, [o[0] for o in outputs]).items()})
    if baseline:
        base = score(kind, pages, [o[1] for o in outputs])
        result["baseline"] = {"trafilatura": {k: round(v, 4) for k, v in base.items()}}
    return result
