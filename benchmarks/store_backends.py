"""Store speed, SQLite against PostgreSQL, on synthetic articles: one writer, then several at once.

    .venv/bin/python benchmarks/store_backends.py [--n 2000] [--writers 3]

Starts a throwaway PostgreSQL server (tests/pgserver.py: Debian's `postgresql` must be installed) and
prints articles stored per second, vector batch times, a full scan and searches for each backend, then
the PostgreSQL rate with several processes writing different articles at once.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import pgserver  # noqa: E402

from newsprism.records import Article, Source  # noqa: E402
from newsprism.store import open_store  # noqa: E402

_WRITER = """
import sys
sys.path.insert(0, sys.argv[4])
from store_backends import corpus
from newsprism.store import open_store
url, start, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
store = open_store(url)
articles = corpus(start, n)
print("ready", flush=True)
sys.stdin.readline()
for a in articles:
    store.put_article(a, raw=b"x" * 2000, input_key=a.id)
store.close()
"""


def corpus(start: int, n: int) -> list[Article]:
    out = []
    for i in range(start, start + n):
        text = f"Article {i}: the harbour authority counted {i * 7} containers on the quay. " * 20
        url = f"https://wire.example/{i}"
        out.append(
            Article(
                id=Article.make_id(url, text),
                url=url,
                text=text,
                title=f"T {i}",
                source=Source("W", "wire.example"),
            )
        )
    return out


def one_writer(url: str, n: int) -> str:
    articles = corpus(0, n)
    store = open_store(url)
    t = time.perf_counter()
    for a in articles:
        store.put_article(a, raw=b"x" * 2000, input_key=a.id)
    put = n / (time.perf_counter() - t)
    rng = np.random.default_rng(0)
    vectors = {a.id: rng.standard_normal(512).astype(np.float32) for a in articles}
    t = time.perf_counter()
    store.put_vectors("use", vectors)
    put_v = time.perf_counter() - t
    t = time.perf_counter()
    store.get_vectors("use", list(vectors))
    get_v = time.perf_counter() - t
    t = time.perf_counter()
    scanned = sum(1 for _ in store.articles())
    scan = time.perf_counter() - t
    t = time.perf_counter()
    for q in ["harbour", "contain", "quay 140"] * 10:
        store.search(q, limit=20)
    search = time.perf_counter() - t
    store.close()
    return (
        f"put_article {put:.0f}/s; put_vectors {n}x512 {put_v * 1000:.0f} ms; get_vectors {get_v * 1000:.0f} ms;"
        f" articles() {scanned} in {scan * 1000:.0f} ms; 30 searches {search * 1000:.0f} ms"
    )


def many_writers(url: str, n: int, writers: int) -> float:
    open_store(url).close()
    here = str(Path(__file__).resolve().parent)
    each = n // writers
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, url, str(k * each), str(each), here],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for k in range(writers)
    ]
    for p in procs:
        p.stdout.readline()  # type: ignore[union-attr]
    t = time.perf_counter()
    for p in procs:
        p.stdin.write("go\n")  # type: ignore[union-attr]
        p.stdin.flush()  # type: ignore[union-attr]
    for p in procs:
        p.wait()
    elapsed = time.perf_counter() - t
    with open_store(url) as store:
        return store.count_articles() / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--writers", type=int, default=3)
    args = parser.parse_args()
    server = pgserver.start_server()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            print("sqlite:     ", one_writer(f"sqlite:///{tmp}/bench.db", args.n))
        print("postgresql: ", one_writer(server.new_database(), args.n))
        for writers in (1, args.writers):
            rate = many_writers(server.new_database(), args.n, writers)
            print(f"postgresql, {writers} writer process(es): {rate:.0f} articles/s")
    finally:
        pgserver.stop_server(server)


if __name__ == "__main__":
    main()
