"""Latency of the web UI under a bounded local load.

Builds a store of N synthetic articles grouped into stories (records written directly: no models
needed), serves it with ``newsprism serve`` in its own process on 127.0.0.1, and runs C concurrent
clients for S seconds against the story list and story pages. Prints p50/p95/p99 latency, errors and
requests/s per page as JSON.

    .venv/bin/python benchmarks/web_load.py --articles 10000 --clients 20 --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from newsprism.records import (
    Article,
    Claim,
    Comment,
    Contradiction,
    ContradictionValue,
    Evidence,
    Sentence,
    Source,
    Story,
    Voice,
    VoiceQuote,
)
from newsprism.store import open_store

OUTLETS = [
    ("Harbor Ledger", "harborledger.example", "en"),
    ("La Brújula", "labrujula.example", "es"),
    ("Daily Clarion", "dailyclarion.example", "en"),
    ("Le Courrier", "courrier.example", "fr"),
    ("Hanseblick", "hanseblick.example", "de"),
    ("Civic Observer", "civicobserver.example", "en"),
]
WORDS = [
    "council",
    "port",
    "strike",
    "dam",
    "river",
    "bank",
    "rate",
    "minister",
    "union",
    "vote",
    "court",
    "fire",
    "ferry",
    "mine",
    "storm",
    "budget",
    "school",
    "rail",
    "bridge",
    "harbour",
    "water",
    "power",
    "price",
    "farm",
    "police",
    "clinic",
]


def sentence(rng: random.Random, i: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(10, 22))
    return f"{' '.join(words).capitalize()} number {i} was reported on day {rng.randint(1, 28)}."


def build_store(path: Path, n_articles: int, per_story: int = 5, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    store = open_store(str(path))
    story_ids = []
    for start in range(0, n_articles, per_story):
        members = []
        for j in range(start, min(start + per_story, n_articles)):
            name, domain, lang = OUTLETS[j % len(OUTLETS)]
            sents = [sentence(rng, k) for k in range(12)]
            text = "\n\n".join(sents)
            spans, pos = [], 0
            for k, s in enumerate(sents):
                b = text.index(s, pos)
                spans.append(Sentence(k, s, b, b + len(s)))
                pos = b + len(s)
            day = 1 + (start // per_story) % 28
            a = Article(
                id=f"{j:040x}",
                url=f"https://{domain}/a/{j}",
                source=Source(name, domain),
                title=f"Story {start // per_story}: {sents[0][:60]}",
                published=f"2026-03-{day:02d}T10:00:00",
                language=lang,
                text=text,
                sentences=spans,
                comments=[Comment(f"reader{c}", None, sentence(rng, c)) for c in range(3)],
            )
            store.put_article(a)
            members.append(a)
        sid = f"st-{start // per_story:06d}"
        claims = [
            Claim(
                f"c{k}",
                members[0].sentences[k].text,
                "consensus" if k < 4 else "partial",
                [m.id for m in members[: 2 + k % 3]],
                [Evidence(m.id, k, m.sentences[k].text) for m in members[: 2 + k % 3]],
            )
            for k in range(10)
        ]
        story = Story(
            id=sid,
            title=members[0].title or sid,
            article_ids=[m.id for m in members],
            claims=claims,
            contradictions=[
                Contradiction(
                    "workers",
                    [ContradictionValue(m.id, str(100 + i), 100.0 + i) for i, m in enumerate(members[:2])],
                )
            ],
            voices=[Voice("A spokesperson", [members[0].id], [VoiceQuote(members[0].id, "We are working.")])],
            omissions={m.id: [] for m in members},
            tone={m.id: rng.uniform(-1, 1) for m in members},
            first_published=members[0].published,
            last_published=members[-1].published,
            outlets=sorted({m.source.name or "" for m in members}),
            languages=sorted({m.language for m in members}),
        )
        store.put_story(story)
        story_ids.append(sid)
    store.close()
    return story_ids


async def run_load(base: str, story_ids: list[str], clients: int, seconds: float) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {"list": [], "story": [], "errors": []}
    deadline = time.monotonic() + seconds
    rng = random.Random(1)

    async def client(n: int) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            i = n
            while time.monotonic() < deadline:
                kind = "list" if i % 2 == 0 else "story"
                path = (
                    f"/?page={1 + rng.randint(0, 20)}"
                    if kind == "list"
                    else f"/stories/{rng.choice(story_ids)}"
                )
                t0 = time.perf_counter()
                try:
                    resp = await http.get(path)
                    ok = resp.status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = (time.perf_counter() - t0) * 1000
                results[kind].append(elapsed) if ok else results["errors"].append(elapsed)
                i += 1

    await asyncio.gather(*(client(n) for n in range(clients)))
    return results


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--port", type=int, default=8799)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.db"
        t0 = time.perf_counter()
        story_ids = build_store(db, args.articles)
        build_s = time.perf_counter() - t0
        server = subprocess.Popen(
            [sys.executable, "-m", "newsprism", "serve", "--db", str(db), "--port", str(args.port), "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{args.port}"
        try:
            for _ in range(200):
                try:
                    if httpx.get(base + "/", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            started = time.perf_counter()
            res = asyncio.run(run_load(base, story_ids, args.clients, args.seconds))
            wall = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=10)
    out = {
        "articles": args.articles,
        "stories": len(story_ids),
        "clients": args.clients,
        "seconds": round(wall, 1),
        "store_build_seconds": round(build_s, 1),
        "errors": len(res["errors"]),
        "requests_per_s": round((len(res["list"]) + len(res["story"]) + len(res["errors"])) / wall, 1),
    }
    for kind in ("list", "story"):
        lat = res[kind]
        out[kind] = {
            "requests": len(lat),
            "p50_ms": round(percentile(lat, 50) or 0, 1),
            "p95_ms": round(percentile(lat, 95) or 0, 1),
            "p99_ms": round(percentile(lat, 99) or 0, 1),
        }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
