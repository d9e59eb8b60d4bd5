"""Embedding on the engine's workers before clustering: the model clustering will use, cached in the store."""

from __future__ import annotations

import numpy as np

from newsprism.embed_engine import clustering_model, embed_on_engine
from newsprism.engine import InlineEngine
from newsprism.records import Article


def _article(i: int, language: str = "en") -> Article:
    text = f"The river Ostvale rose by {i} metres overnight and {i * 100} residents left their homes. " * 3
    return Article(id=f"{i:040x}", title=f"Flood warning number {i}", text=text, language=language)


def test_a_new_store_with_languages_use_covers_is_embedded_with_use(store):
    assert clustering_model(store, [_article(1, "en"), _article(2, "fr")]).name == "use-m3"


def test_a_language_use_does_not_cover_makes_a_new_store_use_e5(store):
    assert clustering_model(store, [_article(1, "en"), _article(2, "id")]).name == "e5-small"


def test_vectors_embedded_on_the_engine_are_cached_once(store):
    articles = [_article(i) for i in range(3)]
    assert embed_on_engine(InlineEngine(), store, articles) == 3
    vectors = store.get_vectors("use-m3", [a.id for a in articles])
    assert sorted(vectors) == sorted(a.id for a in articles)
    assert all(abs(float(np.linalg.norm(v)) - 1.0) < 1e-4 for v in vectors.values())
    assert embed_on_engine(InlineEngine(), store, articles) == 0  # all cached: nothing embedded twice


def test_the_embed_model_setting_chooses_a_new_stores_model_but_not_a_grouped_ones(store):
    from newsprism.partition import likely_model
    from newsprism.stories import update_stories
    from tests.fake_embedder import HashingEmbedder

    english = [_article(1, "en"), _article(2, "en")]
    assert clustering_model(store, english, "e5-small").name == "e5-small"
    assert likely_model(store, "e5-small") == "e5-small" and likely_model(store) == "use-m3"
    for a in english:
        store.put_article(a)
    update_stories(store, english, embedder=HashingEmbedder())
    assert likely_model(store, "e5-small") == "test-hashing"  # the store's model wins
