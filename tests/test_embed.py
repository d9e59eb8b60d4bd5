"""Embedders load offline, give unit vectors, and the store's cache means nothing is embedded twice."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.embed import (
    AutoEmbedder,
    E5Embedder,
    USEEmbedder,
    article_text_for_embedding,
    embed_articles,
    get_embedder,
    lead,
    use_covers,
)
from newsprism.errors import StageError, UsageError
from newsprism.records import Article
from newsprism.store import open_store
from tests.fake_embedder import HashingEmbedder

BRIDGE_EN = "The mayor of Velmont opened the new bridge over the river on Sunday."
BRIDGE_FR = "Le maire de Velmont a inauguré dimanche le nouveau pont sur la rivière."
FOOTBALL = "The home side won the cup final after a penalty shoot-out in the rain."


def test_article_text_is_title_and_lead_without_repeating_the_title():
    body = "Velmont gets a bridge. " + "The works took six years and cost more than planned. " * 40
    article = Article(id="a", title="Velmont gets a bridge", text=body)
    text = article_text_for_embedding(article)
    assert text.startswith("Velmont gets a bridge. The works took six years")
    assert text.count("Velmont gets a bridge") == 1
    assert len(text) < 700 and text.endswith(".")


def test_lead_of_short_text_is_the_text_and_title_only_article_embeds_its_title():
    assert lead("One line.") == "One line."
    assert article_text_for_embedding(Article(id="t", title="Only a title")) == "Only a title"


def test_get_embedder_names_and_unknown_name():
    assert isinstance(get_embedder("use"), USEEmbedder)
    assert isinstance(get_embedder("e5"), E5Embedder)
    assert isinstance(get_embedder(), AutoEmbedder)
    with pytest.raises(UsageError, match="unknown embedder"):
        get_embedder("word2vec")


def test_auto_embedder_uses_one_model_per_corpus():
    assert use_covers(["en", "fr", "und", "zh"])
    assert not use_covers(["en", "sw"])
    auto = AutoEmbedder()
    assert auto.choose(["en", "de"]).name == "use-m3"
    assert auto.choose(["sw"]).name == "use-m3"  # once chosen, the corpus keeps its model
    assert AutoEmbedder().choose(["en", "sw"]).name == "e5-small"


def test_embed_articles_reuses_the_store_cache(tmp_path):
    embedder = HashingEmbedder()
    articles = [Article(id=f"a{i}", title=f"Story number {i}", text="Some text.") for i in range(3)]
    with open_store(str(tmp_path / "x.db")) as store:
        first = embed_articles(articles, embedder, store)
        again = embed_articles(articles + [Article(id="new", title="Another")], embedder, store)
    assert len(embedder.texts) == 4
    assert np.allclose(first["a1"], again["a1"])
    assert set(again) == {"a0", "a1", "a2", "new"}


class FailsOnBoom(HashingEmbedder):
    def embed(self, texts: list[str], languages: list[str] | None = None) -> np.ndarray:
        if any("BOOM" in t for t in texts):
            raise StageError("cannot embed")
        return super().embed(texts, languages)


def test_an_article_that_cannot_be_embedded_gets_a_warning_and_the_rest_are_embedded():
    articles = [
        Article(id="ok", title="Fine"),
        Article(id="bad", title="BOOM"),
        Article(id="ok2", title="Also"),
    ]
    vectors = embed_articles(articles, FailsOnBoom())
    assert set(vectors) == {"ok", "ok2"}
    assert any("embedding" in w for w in articles[1].warnings)


@pytest.mark.slow
@pytest.mark.parametrize("embedder", [USEEmbedder(), E5Embedder()], ids=["use", "e5"])
def test_real_embedders_give_unit_vectors_and_match_a_translation(embedder):
    vectors = embedder.embed([BRIDGE_EN, BRIDGE_FR, FOOTBALL], ["en", "fr", "en"])
    assert vectors.shape == (3, embedder.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_one_stray_uncovered_language_does_not_switch_a_corpus_to_e5():
    from newsprism.embed import mostly_covered

    assert mostly_covered(["en"] * 180 + ["id"])
    assert not mostly_covered(["en", "en", "vi"]) and not mostly_covered(["en"] * 10 + ["vi"] * 3)
    assert mostly_covered([]) and mostly_covered(["und", "fr"])
