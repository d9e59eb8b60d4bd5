"""How often the story clusterer puts look-alike but different events together, on SemEval-2022 dev pairs.

NeuS-AllSides (issue 4's hardest clustering set) is test-only (its dev stand-in, the probe roundups that
share no article with a test story, is ``eval clustering --split dev``), and its trouble is look-alike
stories: the dev streams we fit on (BASIL, giveme5w1h, packed into dense days) keep precision near 0.95
and cannot show it. SemEval-2022 Task 8's dev file (``texts_sample_hfl/training_set.csv``, minus the pair ids its test
file shares) holds exactly such pairs: title + lead samples in seven languages that human raters scored
1 (same story) … 4 (unrelated), many of them about one topic but a different event (3 … 3.5).

Every distinct text of the dev pairs becomes an article (title = the text before its first double space;
no dates: all at one moment, so time cannot help), goes through the analyzer as ingest would, is embedded
and streamed through :class:`~newsprism.cluster.StoryClusterer`. Scored on the labelled pairs only:
a pair rated ``<= 1.5`` is the same story, ``>= 2.5`` different; ``pair_precision`` / ``pair_recall`` are
over those pairs, ``merged_share`` gives, per band of ratings, the share of pairs put in one story.
Nothing of the test file is read but its pair ids. Dev data only: a tool for maintainers.

Usage: ``.venv/bin/python scripts/cluster_lookalikes.py --data ../shared/data/semeval2022-task8
[--join-threshold 0.35] [--merge-threshold 0.6] [--embedder auto|use|e5] [--cache DIR]``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

BANDS = ((1.0, 1.5), (1.5, 2.5), (2.5, 3.0), (3.0, 3.5), (3.5, 4.01))


def load(data: Path) -> tuple[list[Any], list[tuple[str, str, float]]]:
    """The dev pairs' distinct texts as Articles, and the pairs ``(id, id, Overall)``."""
    from newsprism.evaluate.similarity import _fix, _read
    from newsprism.records import Article, Source

    folder = data / "texts_sample_hfl"
    shared = {r["pair_id"] for r in _read(folder / "testing_set.csv")}  # ids only, never scores
    articles: dict[str, Any] = {}
    pairs = []
    for row in _read(folder / "training_set.csv"):
        if row["pair_id"] in shared:
            continue
        ids = row["pair_id"].split("_")
        for aid, text, lang in ((ids[0], row["text1"], row["lang1"]), (ids[1], row["text2"], row["lang2"])):
            if aid not in articles:
                title, _, body = _fix(text).partition("  ")
                articles[aid] = Article(
                    id=aid,
                    source=Source(name=None, domain=None),
                    title=title.strip(),
                    ingested="2021-01-01",
                    language=lang,
                    text=body.strip() or title.strip(),
                )
        pairs.append((ids[0], ids[1], float(row["Overall"])))
    return list(articles.values()), pairs


def score(story_of: dict[str, str | None], pairs: list[tuple[str, str, float]]) -> dict[str, Any]:
    def same(a: str, b: str) -> bool:
        return story_of.get(a) is not None and story_of.get(a) == story_of.get(b)

    positive = [(a, b) for a, b, o in pairs if o <= 1.5]
    negative = [(a, b) for a, b, o in pairs if o >= 2.5]
    tp = sum(same(a, b) for a, b in positive)
    fp = sum(same(a, b) for a, b in negative)
    bands = {}
    for lo, hi in BANDS:
        band = [(a, b) for a, b, o in pairs if lo <= o < hi]
        bands[f"{lo:g}-{min(hi, 4):g}"] = (
            round(sum(same(a, b) for a, b in band) / len(band), 4) if band else None
        )
    return {
        "pair_precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "pair_recall": round(tp / len(positive), 4) if positive else 0.0,
        "n_same": len(positive),
        "n_different": len(negative),
        "merged_share": bands,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/semeval2022-task8"))
    parser.add_argument("--join-threshold", type=float, default=None)
    parser.add_argument("--merge-threshold", type=float, default=None)
    parser.add_argument("--embedder", default="auto")
    parser.add_argument("--cache", default=None, help="folder for the article vectors (kept across runs)")
    args = parser.parse_args(argv)

    from newsprism.cluster import StoryClusterer
    from newsprism.embed import get_embedder, resolve
    from newsprism.evaluate.clustering import analyzed, embed_cached
    from newsprism.stories import cluster_articles

    if not (args.data / "texts_sample_hfl" / "training_set.csv").exists():
        print(f"{args.data}: no texts_sample_hfl/training_set.csv (SemEval-2022 Task 8)", file=sys.stderr)
        return 2
    articles, pairs = load(args.data)
    articles = analyzed(articles)
    model = resolve(get_embedder(args.embedder), articles)
    vectors = embed_cached(articles, model, args.cache)
    params: dict[str, Any] = {"model": model.name}
    if args.join_threshold is not None:
        params["join_threshold"] = args.join_threshold
    if args.merge_threshold is not None:
        params["merge_threshold"] = args.merge_threshold
    clusterer = cluster_articles(articles, vectors, StoryClusterer(**params))
    result = score({a.id: clusterer.story_of(a.id) for a in articles}, pairs)
    print(json.dumps({**result, "n_articles": len(articles), "embedder": model.name, **params}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
