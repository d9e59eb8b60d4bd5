"""``newsprism bench embed``: sentences per second of each embedder, and load time.

Each embedder runs with one thread in this process, then on ``workers`` worker processes (2 by default,
the 2 cores of the target machine) as ingest runs it: batches of 32 mapped over the local engine, the
model loaded on every worker before the clock starts (``pool``). Wall-clock rates depend on what else
the machine runs; the rate per CPU second does not.

The sentences are made up here (news-like, 15 to 30 words, English plus a few in other languages), so the
benchmark needs no data set. Each embedder loads once (timed apart), embeds a warm-up batch, then the
timed batch in one call, as ``embed_articles`` does.
"""

from __future__ import annotations

import random
import time
from typing import Any

from newsprism.embed import E5Embedder, USEEmbedder

_SUBJECTS = [
    "The regional council of Northbridge",
    "Health officials in the coastal province",
    "A spokeswoman for the harbour authority",
    "Opposition lawmakers in the capital",
    "The national weather service",
    "Investigators from the transport ministry",
    "Shareholders of the largest steel maker",
    "Teachers' unions across the country",
]
_VERBS = [
    "said on Tuesday that",
    "announced late on Friday that",
    "warned in a statement that",
    "confirmed that",
]
_OBJECTS = [
    "the new budget would cut spending on roads by 12 percent over the next three years",
    "two hundred residents had been moved to shelters after the river burst its banks overnight",
    "the strike at the container terminal would continue until wages were raised for all workers",
    "an inquiry into the derailment near the old mining town would report its findings in spring",
    "talks with the neighbouring state over fishing rights had broken down without an agreement",
    "the vaccine programme would be extended to everyone over the age of sixty by the end of May",
]
_OTHER = [
    "Le conseil municipal a voté mardi un nouveau budget pour les transports publics de la ville.",
    "Die Regierung kündigte am Freitag an, die Steuern für kleine Unternehmen zu senken.",
    "El ayuntamiento aprobó el lunes un plan para renovar el puerto y crear mil empleos.",
    "Правительство объявило в среду о новых мерах поддержки для фермеров на юге страны.",
]


def sentences(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if i % 10 == 9:
            out.append(rng.choice(_OTHER))
        else:
            out.append(f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}.")
    return out


def pool_rate(model: str, texts: list[str], workers: int, batch: int = 32) -> float | None:
    """Sentences per second of ``model`` on ``workers`` processes, or None with fewer than 2 workers."""
    from newsprism.embed_engine import EmbedTask, embed_batch
    from newsprism.engine import LocalEngine

    if workers < 2:
        return None
    tasks = [
        EmbedTask(model, texts[i : i + batch], ["en"] * len(texts[i : i + batch]))
        for i in range(0, len(texts), batch)
    ]
    engine = LocalEngine(workers)
    try:
        list(engine.map(embed_batch, [EmbedTask(model, ["warm up the model"], ["en"])] * (2 * workers)))
        t0 = time.perf_counter()
        done = sum(len(m) for m in engine.map(embed_batch, tasks) if m is not None)
        return done / (time.perf_counter() - t0)
    finally:
        engine.close()


def run(n: int = 400, workers: int = 2, **_: Any) -> dict[str, Any]:
    """Sentences per second for USE and e5 on ``n`` sentences, one thread and on ``workers`` processes."""
    texts = sentences(n)
    results: dict[str, dict[str, Any]] = {}
    for embedder in (USEEmbedder(), E5Embedder()):
        t0 = time.perf_counter()
        embedder.embed(["warm up the model"])
        loaded = time.perf_counter() - t0
        embedder.embed(texts[:16])
        t1, c1 = time.perf_counter(), time.process_time()
        embedder.embed(texts)
        seconds, cpu = time.perf_counter() - t1, time.process_time() - c1
        results[embedder.name] = {
            "sentences": n,
            "seconds": round(seconds, 2),
            "sentences_per_second": round(n / seconds, 1),
            "cpu_seconds": round(cpu, 2),
            "sentences_per_cpu_second": round(n / cpu, 1) if cpu else None,  # steady on a shared machine
            "load_seconds": round(loaded, 2),
            "dim": embedder.dim,
        }
        # the pool's sentences: ``texts`` repeated to about 4 s of one thread's work, so start-up of the
        # batches does not dominate the fast model's short run
        reps = max(1, round(4.0 / seconds)) if seconds > 0 else 1
        rate = pool_rate(embedder.name, texts * reps, workers)
        results[embedder.name]["pool"] = {
            "processes": workers,
            "sentences": n * reps if rate else None,
            "sentences_per_second": round(rate, 1) if rate else None,
        }
    return {"benchmark": "embed", "threads": 1, "embedders": results}


__all__ = ["run", "sentences"]
