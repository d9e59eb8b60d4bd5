"""``newsprism bench compare``: time ``compare_story`` on a 20-article story, sentence embeddings included.

The story is made of the articles of our comparison gold set (``tests/fixtures/compare``; en, fr, es, de,
ru), taken story by story until ``n`` articles, each under its own id (repeated with a new id when ``n``
exceeds the set). They are extracted and analysed first, outside the timing: analysis belongs to the
analyze stage. The embedding model is loaded (and warmed on one sentence) before the clock starts and its
load time is reported on its own. ``seconds`` is the whole ``compare_story`` call; ``embed_seconds`` the
part of it spent embedding sentences and number contexts. Goal: 3 s or less for 20 articles on 2 cores.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.errors import EvalDataError
from newsprism.records import Article, Story, sha1

GOLD = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "compare"


class _TimedEmbedder:
    """Wraps an embedder and adds up the time spent in ``embed``."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.name = model.name
        self.dim = model.dim
        self.languages = getattr(model, "languages", None)
        self.seconds = 0.0
        self.texts = 0

    def embed(self, texts: list[str], languages: list[str] | None = None) -> np.ndarray:
        t0 = time.perf_counter()
        try:
            return np.asarray(self.model.embed(texts, languages))
        finally:
            self.seconds += time.perf_counter() - t0
            self.texts += len(texts)


def story_articles(n: int, data: Path = GOLD) -> list[Article]:
    """``n`` analysed articles of the gold set, each with its own id."""
    from newsprism.pipeline import extract_inputs

    paths = [p for story in sorted(data.glob("*/gold.json")) for p in sorted(story.parent.glob("*.txt"))]
    if not paths:
        raise EvalDataError(f"no gold-set articles under {data}")
    base = extract_inputs([str(p) for p in paths[:n]], analyze=True).articles
    out = []
    for k in range(n):
        article = base[k % len(base)]
        out.append(replace(article, id=sha1(f"bench-compare-{k}"), syndication=None))
    return out


def run(n: int = 20, embedder: str = "use", **_: Any) -> dict[str, Any]:
    from newsprism.compare import compare_story
    from newsprism.embed import get_embedder

    articles = story_articles(n)
    model = get_embedder(embedder)
    t0 = time.perf_counter()
    model.embed(["warm-up sentence"], ["en"])
    load = time.perf_counter() - t0
    timed = _TimedEmbedder(model)
    story = Story(id="bench", title="bench", article_ids=[a.id for a in articles])
    t0 = time.perf_counter()
    compare_story(story, articles, embedder=timed)
    seconds = time.perf_counter() - t0
    return {
        "articles": len(articles),
        "units": timed.texts,
        "claims": len(story.claims),
        "seconds": round(seconds, 3),
        "embed_seconds": round(timed.seconds, 3),
        "model_load_seconds": round(load, 3),
        "embedder": model.name,
        "goal_seconds": 3.0,
    }
