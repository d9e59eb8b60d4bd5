"""``newsprism bench compare``: time ``compare_story`` on a 20-article story, sentence embeddings included.

The story is made of the articles of our comparison gold set (``tests/fixtures/compare``; en, fr, es, de,
ru), taken story by story until ``n`` articles, each under its own id; ``length=3`` joins three gold-set
bodies per article (about 20 sentences, closer to a real article). They are analysed first, outside
the timing: analysis belongs to the analyze stage. The embedding model is loaded (and warmed on one
sentence) before the clock starts and its load times (sentence embedder, tone model) are reported on their
own. ``seconds`` is the whole ``compare_story`` call; ``embed_seconds`` the part of it spent embedding
sentences and number contexts; ``tone_seconds`` (``tone_cpu_seconds``) the part spent in the tone stage
(``apply_tone``: its own embeddings and the tone model); ``cpu_seconds`` the CPU time of this process
during the call (wall time on a busy machine overstates the cost). Goal: 3 s or less for 20 articles on 2
cores.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.errors import EvalDataError
from newsprism.records import Article, Story, sha1

_LANGUAGE = {
    "capital-wire": "en",
    "bayline-herald": "en",
    "evening-lamp": "en",
    "northern-dispatch": "en",
    "civic-report": "en",
    "le-phare": "fr",
    "la-tribune-des-hauts": "fr",
    "quotidien-du-sud": "fr",
    "el-farol": "es",
    "diario-del-istmo": "es",
    "la-voz-de-tierra-alta": "es",
    "morgenkurier": "de",
    "bergpost": "de",
    "pribrezhny-vestnik": "ru",
}  # outlet → language, as the gold set's README lists them
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
        self.calls = 0

    def embed(self, texts: list[str], languages: list[str] | None = None) -> np.ndarray:
        t0 = time.perf_counter()
        try:
            return np.asarray(self.model.embed(texts, languages))
        finally:
            self.seconds += time.perf_counter() - t0
            self.texts += len(texts)
            self.calls += 1


@contextmanager
def _timing_tone(clock: list[float]) -> Iterator[None]:
    """While active, ``apply_tone`` (the tone stage, which ``compare_story`` looks up when it runs) adds its
    wall and CPU seconds to ``clock``."""
    from newsprism.compare import tone

    original = tone.apply_tone

    def timed(*args: Any, **kwargs: Any) -> Story:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            clock[0] += time.perf_counter() - t0
            clock[1] += time.process_time() - c0

    tone.apply_tone = timed  # type: ignore[assignment]
    try:
        yield
    finally:
        tone.apply_tone = original  # type: ignore[assignment]


def story_articles(n: int, data: Path = GOLD, length: int = 1) -> list[Article]:
    """``n`` analysed articles of the gold set, each with its own id; with ``length`` > 1 each article's
    body is ``length`` gold-set bodies joined (a longer article, as most real ones are)."""
    from newsprism.analyze import Analyzer

    paths = [p for story in sorted(data.glob("*/gold.json")) for p in sorted(story.parent.glob("*.txt"))]
    if not paths:
        raise EvalDataError(f"no gold-set articles under {data}")
    bodies = [(p, p.read_text("utf-8").split("\n", 2)) for p in paths]
    articles = []
    for k in range(n):
        parts = [bodies[(k * length + j) % len(bodies)] for j in range(length)]
        path, (title, _, _) = parts[0]
        text = "\n\n".join(body.strip() for _, (_, _, body) in parts)
        language = _LANGUAGE.get(path.stem, "und")
        articles.append(Article(id=sha1(f"bench-compare-{k}"), title=title, text=text, language=language))
    return list(Analyzer().pipe(articles))


def run(n: int = 20, embedder: str = "use", length: int = 1, **_: Any) -> dict[str, Any]:
    from newsprism.compare import compare_story
    from newsprism.compare.units import article_units
    from newsprism.embed import get_embedder

    articles = story_articles(n, length=length)
    model = get_embedder(embedder)
    t0 = time.perf_counter()
    model.embed(["warm-up sentence"], ["en"])
    load = time.perf_counter() - t0
    from newsprism.compare.tone import get_tone_model

    t0 = time.perf_counter()  # the tone model (weights, and e5 for its mention views) loads once per process
    tone_model = get_tone_model()
    tone_model.proba_targets([("Warm-up sentence about the port.", 22, 26)])
    tone_model.proba_texts(["Warm-up comment."])
    tone_load = time.perf_counter() - t0
    timed = _TimedEmbedder(model)
    story = Story(id="bench", title="bench", article_ids=[a.id for a in articles])
    tone_clock = [0.0, 0.0]
    t0, c0 = time.perf_counter(), time.process_time()
    with _timing_tone(tone_clock):
        compare_story(story, articles, embedder=timed)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "articles": len(articles),
        "sentences": sum(len(a.sentences) for a in articles),
        "units": sum(len(article_units(a)) for a in articles),
        "embedded_texts": timed.texts,
        "claims": len(story.claims),
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "embed_seconds": round(timed.seconds, 3),
        "tone_seconds": round(tone_clock[0], 3),
        "tone_cpu_seconds": round(tone_clock[1], 3),
        "model_load_seconds": round(load, 3),
        "tone_model_load_seconds": round(tone_load, 3),
        "embedder": model.name,
        "goal_seconds": 3.0,
    }
