"""``newsprism bench embed``: sentences per second of each embedder (one thread each), and load time.

Wall-clock rates depend on what else the machine runs; the rate per CPU second does not.

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


def run(n: int = 400, **_: Any) -> dict[str, Any]:
    """Sentences per second for USE and e5 on ``n`` sentences."""
    texts = sentences(n)
    results = {}
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
    return {"benchmark": "embed", "threads": 1, "embedders": results}


__all__ = ["run", "sentences"]
