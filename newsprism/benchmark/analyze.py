"""How fast the analyze stage reads articles: ``newsprism bench analyze``.

Articles of about 600 words are generated from our own sentence templates (fictional people, outlets and
places; quotes, numbers and dates in every paragraph), analysed once in one process, with the time of
each stage, and once over a pool of worker processes (each loads its models once). Reported:
``articles_per_s`` (the pool), ``single_process`` and ``pool`` with their rates, and ``stage_seconds``
(one process, summed over the articles; ``parse`` is the spaCy pipeline that entities and quotes share).
``single_process.articles_per_cpu_s`` divides by the CPU time of the process, which on a machine shared
with other jobs is the fairer figure. Nothing here asserts a time.
"""

from __future__ import annotations

import os
import random
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from newsprism.records import Article

_PEOPLE = [
    ("Prime Minister", "Elena Varga"),
    ("Finance Minister", "Tomas Brandt"),
    ("Senator", "Ruth Okafor"),
    ("Mayor", "Ines Holt"),
    ("Governor", "Paul Lindqvist"),
    ("union leader", "Marta Kowal"),
    ("economist", "David Amari"),
    ("spokeswoman", "Lena Fischer"),
]
_ORGS = [
    "Harbourline Freight",
    "the Transport Ministry",
    "the Valmont Central Bank",
    "Kestrel Motors",
    "the National Statistics Office",
    "the Dockworkers Union",
]
_PLACES = ["Valmont", "Port Ardent", "Norland", "Westmarch", "Brussels", "the capital"]
_TEMPLATES = [
    "{title} {name} said on {day} that {org} would cut {count} jobs by {year}.",
    '"We will not accept a deal that hurts {place}," {surname} told reporters in {place}.',
    "According to {org}, output fell {pct}% in the third quarter, the steepest drop since {year}.",
    "The plan, worth ${money}bn, was approved by {org} after {count} hours of talks.",
    '"This is a fair offer," {surname} added. "Every day of delay costs us money."',
    "Officials in {place} said about {count} people joined the protest {when}.",
    "{org} reported a profit of {money} million euros, up {pct} per cent from a year earlier.",
    "{surname} accused {org} of bad faith and called for new elections in {place}.",
    "Analysts expect inflation to ease to {pct}% next year, the bank said in a statement.",
    "Two ministers and a dozen advisers travelled {count} km to meet {title} {name} on {day}.",
    "The strike has closed {count} ports and stranded {count} ships along the coast of {place}.",
    "Critics argued that the measures came too late for the {count} families affected.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_WHEN = ["yesterday", "on Monday", "last week", "on March 3, 2024"]


def make_article(i: int, words: int = 600, seed: int = 7) -> Article:
    """A ~``words``-word fictional news article, deterministic for ``i`` and ``seed``."""
    rng = random.Random(seed * 100_003 + i)
    paragraphs: list[str] = []
    total = 0
    while total < words:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            title, name = rng.choice(_PEOPLE)
            sentence = rng.choice(_TEMPLATES).format(
                title=title.capitalize() if title[0].islower() else title,
                name=name,
                surname=name.split()[-1],
                org=rng.choice(_ORGS),
                place=rng.choice(_PLACES),
                day=rng.choice(_DAYS),
                when=rng.choice(_WHEN),
                count=rng.randint(2, 5000),
                year=rng.randint(1990, 2030),
                pct=round(rng.uniform(0.1, 12.0), 1),
                money=rng.randint(2, 900),
            )
            sentence = sentence[0].upper() + sentence[1:]
            sentences.append(sentence)
            total += len(sentence.split())
        paragraphs.append(" ".join(sentences))
    text = "\n\n".join(paragraphs)
    return Article(id=f"bench-{i}", text=text, language="en", published="2024-03-06T09:00:00")


_WORKER: Any = None


def _init_worker() -> None:
    global _WORKER
    from newsprism.analyze import Analyzer

    _WORKER = Analyzer()
    _WORKER(make_article(-1, 50))  # load the models before the clock starts


def _work(ids: list[int]) -> int:
    articles = [make_article(i) for i in ids]
    return sum(1 for _ in _WORKER.pipe(articles, batch_size=16))


def run(n: int = 200, processes: int = 2, batch_size: int = 16, **_: Any) -> dict[str, Any]:
    """Analyse ``n`` generated articles in one process and then over ``processes`` worker processes."""
    from newsprism.analyze import Analyzer

    analyzer = Analyzer()
    analyzer(make_article(-1, 50))  # model loading is not part of the rate
    analyzer.stage_seconds = dict.fromkeys(analyzer.stage_seconds, 0.0)
    articles = [make_article(i) for i in range(n)]
    words = sum(len(a.text.split()) for a in articles) / max(1, n)
    start, cpu_start = time.perf_counter(), time.process_time()
    done = sum(1 for _ in analyzer.pipe(articles, batch_size=batch_size))
    single = time.perf_counter() - start
    single_cpu = time.process_time() - cpu_start
    stage_seconds = {k: round(v, 3) for k, v in analyzer.stage_seconds.items()}

    pool_rate = None
    if processes > 1:
        chunks = [list(range(k, n, processes * 4)) for k in range(processes * 4)]
        with ProcessPoolExecutor(max_workers=processes, initializer=_init_worker) as pool:
            list(pool.map(_work, [[0]] * processes))  # wait until every worker has its models
            start = time.perf_counter()
            pooled = sum(pool.map(_work, chunks))
            pool_seconds = time.perf_counter() - start
        pool_rate = round(pooled / pool_seconds, 2)

    single_rate = round(done / single, 2)
    return {
        "articles_per_s": pool_rate if pool_rate is not None else single_rate,
        "n": done,
        "words_per_article": round(words),
        "cpu_count": os.cpu_count(),
        "single_process": {
            "articles_per_s": single_rate,
            "seconds": round(single, 2),
            # on a shared machine wall time overstates the cost: the rate per CPU-second of this process
            "articles_per_cpu_s": round(done / max(single_cpu, 1e-9), 2),
        },
        "pool": {"processes": processes, "articles_per_s": pool_rate},
        "stage_seconds": stage_seconds,
        "stage_share": {k: round(v / max(single, 1e-9), 3) for k, v in analyzer.stage_seconds.items()},
    }
