"""The clustering state kept row by row in a store: the same stories as the state saved whole, a run cut
short leaves the state of the run before, and a store saved whole by an earlier version carries on."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.benchmark.scaling import _body, _stream
from newsprism.cluster import StoryClusterer
from newsprism.dedup import SyndicationIndex
from newsprism.records import Article, Source
from newsprism.store.state import load_clusterer, load_syndication, save_state, stored_model, survivor_of
from newsprism.stories import cluster_articles, update_stories
from tests.fake_embedder import HashingEmbedder

BATCH = 250


def _articles(n: int = 2400) -> tuple[list[Article], dict[str, np.ndarray]]:
    """A planted stream (many small stories, so the window index passes its exact-scan size and fits its
    axes; 12 days, so stories fade) in which every ninth article republishes an earlier one's text."""
    articles, vectors = [], {}
    for i, (article, vector, _) in enumerate(_stream(n, 48, 200.0, 2.5, 3)):
        article.text = _body(i, 40)
        if i % 9 == 8:
            article.text = articles[i - 1 - (i * 7) % min(i, 300)].text + " Updated."
        article.source = Source(name=f"outlet{i % 13}")
        articles.append(article)
        vectors[article.id] = vector
    return articles, vectors


def _whole(articles: list[Article], vectors: dict[str, np.ndarray]) -> tuple[dict[str, str], dict, int]:
    """Cluster batch by batch, the state saved and read whole between batches (as before rows)."""
    state, index_state = b"", b""
    for start in range(0, len(articles), BATCH):
        clusterer = StoryClusterer().load(state)
        if not clusterer.fitted:
            clusterer = StoryClusterer(model="synthetic")
        index = SyndicationIndex().load(index_state)
        cluster_articles(articles[start : start + BATCH], vectors, clusterer, syndication=index)
        state, index_state = clusterer.save(), index.save()
    final = StoryClusterer().load(state)
    labels = {a.id: final.story_of(a.id) for a in articles}
    return labels, SyndicationIndex().load(index_state).groups(), final.merges_  # type: ignore[return-value]


def _rows(store, articles: list[Article], vectors: dict[str, np.ndarray]) -> tuple[dict[str, str], int]:
    for start in range(0, len(articles), BATCH):
        batch = articles[start : start + BATCH]
        clusterer = load_clusterer(store)
        if not clusterer.fitted:
            clusterer = StoryClusterer(model="synthetic")
        index = load_syndication(store)
        clusterer.know(a.id for a in batch)
        index.prepare(batch)
        cluster_articles(batch, vectors, clusterer, syndication=index)
        save_state(store, clusterer, index)
    final = load_clusterer(store)
    final.know(a.id for a in articles)
    return {a.id: final.story_of(a.id) for a in articles}, final.merges_  # type: ignore[misc]


def test_state_in_rows_gives_the_stories_of_the_state_saved_whole(store):
    articles, vectors = _articles()
    labels, groups, merges = _whole(articles, vectors)
    whole_copies = {a.id: a.syndication for a in articles}
    for a in articles:
        a.syndication = None
    rows_labels, rows_merges = _rows(store, articles, vectors)
    assert rows_labels == labels
    assert rows_merges == merges
    assert {a.id: a.syndication for a in articles} == whole_copies
    assert sum(1 for v in whole_copies.values() if v) >= 100  # the copies were found
    assert set(groups) == {aid for aid, origin in whole_copies.items() if origin}
    live = load_clusterer(store)
    assert len(live.index_) > 512 and live.index_.state()[0] is not None  # the approximate stage ran
    assert len(live.stories_) > len(live.index_)  # faded stories too (not read)
    assert dict.__len__(live.stories_) == 0  # no story read whole before clustering needs it


def test_a_store_saved_whole_carries_on_in_rows(store):
    articles, vectors = _articles(1200)
    labels, _, _ = _whole(articles, vectors)
    for a in articles:
        a.syndication = None
    half = 500
    clusterer = StoryClusterer(model="synthetic")
    index = SyndicationIndex()
    for start in range(0, half, BATCH):
        cluster_articles(articles[start : start + BATCH], vectors, clusterer, syndication=index)
        clusterer, index = StoryClusterer().load(clusterer.save()), SyndicationIndex().load(index.save())
    store.put_state("clusterer", clusterer.save())
    store.put_state("clusterer:syndication", index.save())
    assert stored_model(store) == "synthetic"
    rows_labels, _ = _rows(store, articles[half:], vectors)
    final = load_clusterer(store)
    final.know(a.id for a in articles)
    assert {a.id: final.story_of(a.id) for a in articles} == labels
    assert len(rows_labels) == len(articles) - half
    assert store.get_state("clusterer") is None and store.get_state("clusterer:syndication") is None


def _flood(i: int, day: int) -> Article:
    words = " ".join(f"w{(i * 31 + k) % 97}" for k in range(30))
    return Article(
        id=f"f{i}",
        title=f"Marrowvale flood update {i % 3}",
        text=f"Floodwater from the Arlen river covered Marrowvale. {words}",
        published=f"2026-03-{day:02d}T{8 + i % 10:02d}:00:00+00:00",
        language="en",
        source=Source(name=f"Outlet {i % 4}"),
    )


def _snapshot(store) -> tuple:
    return (
        store.state_rows("SELECT key, id, n, merged_into FROM cluster_stories ORDER BY key"),
        store.state_rows("SELECT article_id, story_key FROM cluster_articles ORDER BY article_id"),
        store.state_rows("SELECT space, term, n FROM cluster_terms ORDER BY space, term"),
        store.state_rows("SELECT seq, article_id, grp FROM dedup_hashes ORDER BY seq"),
        store.get_state("clusterer.rows"),
        sorted((s.id, tuple(s.article_ids)) for s in store.stories()),
    )


def test_a_run_cut_short_leaves_the_run_before_and_the_next_run_finishes(store, monkeypatch):
    embedder = HashingEmbedder()
    first = [_flood(i, 2) for i in range(6)]
    second = [_flood(i, 3) for i in range(6, 12)]
    for a in first + second:
        store.put_article(a)
    update_stories(store, first, embedder=embedder)
    before = _snapshot(store)
    real = store.state_write

    def killed(statements):  # the run's stories are written by now, in the same transaction
        assert any(s.id for s in store.stories() if "f6" in s.article_ids)
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(store, "state_write", killed)
    with pytest.raises(KeyboardInterrupt):
        update_stories(store, second, embedder=embedder)
    monkeypatch.setattr(store, "state_write", real)
    assert _snapshot(store) == before
    assert {a.id for a in store.unclustered_articles()} == {a.id for a in second}
    update_stories(store, store.unclustered_articles(), embedder=embedder)
    assert store.unclustered_articles() == []
    members = [aid for s in store.stories() for aid in s.article_ids]
    assert sorted(members) == sorted(a.id for a in first + second)


def test_a_merged_story_id_resolves_to_its_survivor(store):
    clusterer = StoryClusterer(model="synthetic", merge_threshold=0.0, merge_linkage=-1.0)
    index = SyndicationIndex()
    clusterer.start(8)
    a = clusterer.assign("a1", np.eye(8, dtype=np.float32)[0], _sig(0.0), None)
    clusterer.assign("a2", np.eye(8, dtype=np.float32)[0], _sig(0.1), None)
    clusterer._merge(a, 1)
    save_state(store, clusterer, index)
    merged_id, survivor = clusterer.stories_[1].id, clusterer.stories_[0].id
    assert survivor_of(store, merged_id) == survivor
    assert survivor_of(store, survivor) is None and survivor_of(store, "st-nothing") is None


def _sig(t: float):
    from newsprism.signals import Signals

    return Signals(time=t, language="en", terms={1: 1}, entities=frozenset(), numbers=frozenset())
