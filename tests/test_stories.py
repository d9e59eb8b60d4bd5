"""Stories from articles: ad hoc (compare) and incrementally in a store (ingest)."""

from __future__ import annotations

import pytest

from newsprism.cluster import StoryClusterer
from newsprism.records import Article, Source
from newsprism.store import open_store
from newsprism.stories import get_story, group_articles, publication_order, update_stories
from tests.fake_embedder import HashingEmbedder

FLOOD = (
    "Floodwater from the Arlen river covered the lower town of Marrowvale on Monday after the levee gave way, "
    "and mayor Ida Brennholt ordered 1,200 residents to leave their homes."
)
TRAM = (
    "The Kestrel council approved the northern tram line on Monday after a year of debate, and councillor "
    "Omar Tessaly said building could start in spring."
)


def art(aid: str, title: str, text: str, published: str | None, outlet: str, language: str = "en") -> Article:
    return Article(
        id=aid, title=title, text=text, published=published, language=language, source=Source(name=outlet)
    )


def flood_articles() -> list[Article]:
    return [
        art(
            "f2",
            "Marrowvale flooded as Arlen levee fails",
            FLOOD + " Rescue boats arrived.",
            "2026-03-02T10:00:00+00:00",
            "Tribune",
        ),
        art("f1", "Arlen levee fails, Marrowvale flooded", FLOOD, "2026-03-02T08:00:00+00:00", "Courier"),
        art("t1", "Kestrel approves northern tram line", TRAM, "2026-03-02T09:00:00+00:00", "Gazette"),
    ]


def test_group_articles_makes_stories_with_outlets_languages_and_dates():
    stories = group_articles(flood_articles(), embedder=HashingEmbedder())
    assert [len(s.article_ids) for s in stories] == [2, 1]
    flood = stories[0]
    assert flood.article_ids == ["f1", "f2"]
    assert flood.title == "Arlen levee fails, Marrowvale flooded"  # the earliest article's
    assert flood.outlets == ["Courier", "Tribune"]
    assert flood.languages == ["en"]
    assert flood.first_published == "2026-03-02T08:00:00+00:00"
    assert flood.last_published == "2026-03-02T10:00:00+00:00"
    assert flood.events == [["f1", "f2"]]  # one happening, told twice
    assert stories[1].events == [["t1"]]


def test_group_articles_keeps_odd_articles_alone_without_stopping():
    odd = [
        art("u1", "", "", None, "X", language="und"),
        art("u2", "Only a title", "", None, "Y"),
    ]
    stories = group_articles(flood_articles() + odd, embedder=HashingEmbedder())
    assert sorted(i for s in stories for i in s.article_ids) == ["f1", "f2", "t1", "u1", "u2"]


def test_a_wire_copy_read_first_is_marked_a_copy_of_the_origin_read_after_it():
    # one time for both, so the id breaks the tie: "w-a" is the origin though "w-b" comes first in the input
    text = FLOOD + " " + TRAM
    copies = [
        art(aid, "Levee fails", text, "2026-03-02T08:00:00+00:00", outlet)
        for aid, outlet in (("w-b", "B"), ("w-a", "A"))
    ]
    group_articles(copies, embedder=HashingEmbedder())
    assert [(a.id, a.syndication) for a in copies] == [("w-b", "w-a"), ("w-a", None)]


def test_a_stored_copy_is_marked_again_when_an_earlier_copy_arrives_in_a_later_run(store):
    text = FLOOD + " " + TRAM
    later = art("w-late", "Levee fails", text, "2026-03-02T10:00:00+00:00", "Late Post")
    store.put_article(later)
    update_stories(store, [later], embedder=HashingEmbedder())
    assert store.get_article("w-late").syndication is None  # alone so far: no copy of anything
    early = art("w-early", "Levee fails", text, "2026-03-02T08:00:00+00:00", "Early Wire")
    store.put_article(early)
    update_stories(store, [early], embedder=HashingEmbedder())
    assert early.syndication is None and store.get_article("w-late").syndication == "w-early"
    assert store.story_of("w-late") == store.story_of("w-early")


def test_publication_order_puts_undated_articles_last_by_ingest_time():
    a = art("a", "A", "", None, "X")
    a.ingested = "2026-03-01T00:00:00+00:00"
    b = art("b", "B", "", "2026-03-03", "X")
    c = art("c", "C", "", None, "X")
    assert [x.id for x in publication_order([c, b, a])] == ["a", "b", "c"]


def test_update_stories_grows_stories_across_batches_and_never_embeds_twice(tmp_path):
    embedder = HashingEmbedder()
    with open_store(str(tmp_path / "x.db")) as store:
        first = flood_articles()
        for a in first:
            store.put_article(a)
        written = update_stories(store, first, embedder=embedder)
        assert sorted(len(s.article_ids) for s in written) == [1, 2]
        embedded = len(embedder.texts)
        assert embedded == 3

        later = art(
            "f3",
            "Marrowvale counts flood damage",
            "Insurers visit. " + FLOOD,
            "2026-03-03T07:00:00+00:00",
            "Herald",
        )
        store.put_article(later)
        again = update_stories(store, first + [later], embedder=embedder)
        assert len(embedder.texts) == embedded + 1  # only the new article was embedded
        assert len(again) == 1
        flood_id = store.story_of("f1")
        assert store.story_of("f3") == flood_id
        story = store.get_story(flood_id)
        assert story is not None and sorted(story.article_ids) == ["f1", "f2", "f3"]
        assert story.outlets == ["Courier", "Herald", "Tribune"]
        assert story.last_published == "2026-03-03T07:00:00+00:00"
        # the stored story's events were found again over all its members, old and new
        assert sorted(i for e in story.events for i in e) == ["f1", "f2", "f3"]
        found = get_story(store, flood_id)
        assert found is not None and sorted(a.id for a in found[1]) == ["f1", "f2", "f3"]
        from newsprism.store.state import stored_model

        assert stored_model(store) == "test-hashing"
        assert store.get_vectors("test-hashing", ["f1", "f3"]).keys() == {"f1", "f3"}


@pytest.mark.slow
def test_one_story_in_three_languages_groups_together_with_the_real_embedder():
    articles = [
        art(
            "en",
            "Floods force 2,000 from homes in Marrowvale",
            "Heavy rain caused the Arlen river to burst its banks on Monday, forcing 2,000 residents of "
            "Marrowvale to leave their homes, mayor Ida Brennholt said.",
            "2026-03-02T08:00:00Z",
            "Courier",
        ),
        art(
            "fr",
            "Inondations : 2 000 habitants évacués à Marrowvale",
            "La crue de la rivière Arlen a forcé lundi 2 000 habitants de Marrowvale à quitter leurs maisons, "
            "a annoncé la maire Ida Brennholt.",
            "2026-03-02T10:00:00Z",
            "Le Quotidien",
            language="fr",
        ),
        art(
            "de",
            "Hochwasser in Marrowvale: 2000 Menschen evakuiert",
            "Nach starkem Regen trat der Fluss Arlen am Montag über die Ufer; 2000 Bewohner von Marrowvale "
            "mussten ihre Häuser verlassen, sagte Bürgermeisterin Ida Brennholt.",
            "2026-03-02T11:00:00Z",
            "Tagesblatt",
            language="de",
        ),
        art("tram", "Kestrel council approves tram line", TRAM, "2026-03-02T09:00:00Z", "Gazette"),
    ]
    stories = group_articles(articles)
    assert [sorted(s.article_ids) for s in stories] == [["de", "en", "fr"], ["tram"]]
    assert stories[0].languages == ["de", "en", "fr"]


def test_the_saved_clusterer_keeps_entity_counts_and_member_titles():
    articles = flood_articles()
    vectors = {
        a.id: v for a, v in zip(articles, HashingEmbedder().embed([a.title for a in articles]), strict=True)
    }
    whole = StoryClusterer(model="test-hashing")
    for a in articles:
        whole.add(a, vectors[a.id])
    restored = StoryClusterer().load(whole.save())
    assert restored.edf_ == whole.edf_ and restored.edocs_ == 3
    live = [s for s in whole.stories_ if s.live]
    assert [s.recent_titles for s in live] == [restored.stories_[s.key].recent_titles for s in live]
    assert any(s.recent_titles for s in live)


def test_cluster_settings_match_the_clusterer_defaults_and_are_range_checked():
    from newsprism.config import SETTINGS, Settings
    from newsprism.errors import ConfigError
    from newsprism.stories import CLUSTER_SETTINGS, cluster_params

    defaults = StoryClusterer().get_params()
    assert {name: SETTINGS[f"cluster.{name}"].default for name in CLUSTER_SETTINGS} == {
        name: defaults[name] for name in CLUSTER_SETTINGS
    }
    assert cluster_params(None) == {}
    assert cluster_params(Settings({"cluster.join_threshold": "0.7"}))["join_threshold"] == 0.7
    with pytest.raises(ConfigError, match=r"cluster\.join_threshold must lie between 0 and 1, got 1\.5"):
        cluster_params(Settings({"cluster.join_threshold": 1.5}))
    with pytest.raises(ConfigError, match=r"cluster\.window_days"):
        cluster_params(Settings({"cluster.window_days": 0}))


def test_a_looser_join_threshold_groups_what_the_default_keeps_apart_in_memory_and_in_a_store(tmp_path):
    from newsprism.config import Settings
    from newsprism.stories import cluster_params

    loose = cluster_params(Settings({"cluster.join_threshold": 0.1}))  # the tram article scores ~0.2
    assert [len(s.article_ids) for s in group_articles(flood_articles(), embedder=HashingEmbedder())] == [
        2,
        1,
    ]
    together = group_articles(flood_articles(), embedder=HashingEmbedder(), params=loose)
    assert [len(s.article_ids) for s in together] == [3]
    with open_store(str(tmp_path / "x.db")) as store:
        flood, tram = flood_articles()[1:2], flood_articles()[2:]
        store.put_article(flood[0])
        update_stories(store, flood, embedder=HashingEmbedder())
        store.put_article(tram[0])
        update_stories(store, tram, embedder=HashingEmbedder(), params=loose)  # applies to a saved clusterer
        assert store.story_of("t1") == store.story_of("f1")
        from newsprism.store.state import load_clusterer

        assert load_clusterer(store).join_threshold == 0.1  # saved with the state


def test_chosen_model_reads_the_embed_model_setting():
    from newsprism.config import Settings
    from newsprism.errors import ConfigError
    from newsprism.stories import chosen_model

    assert chosen_model(None) is None
    assert chosen_model(Settings()) is None  # auto
    assert chosen_model(Settings({"embed.model": "use"})) == "use-m3"
    assert chosen_model(Settings({"embed.model": " E5 "})) == "e5-small"
    assert chosen_model(Settings({"embed.model": "e5-small"})) == "e5-small"
    with pytest.raises(ConfigError, match="embed.model must be one of auto, use, e5, got 'bert'"):
        chosen_model(Settings({"embed.model": "bert"}))


def test_check_store_model_refuses_another_model_once_a_store_is_grouped(tmp_path):
    from newsprism.errors import UsageError
    from newsprism.stories import check_store_model

    with open_store(str(tmp_path / "x.db")) as store:
        check_store_model(store, "e5-small")  # a new store takes any model
        articles = flood_articles()
        for a in articles:
            store.put_article(a)
        update_stories(store, articles, embedder=HashingEmbedder())
        check_store_model(store, None)
        check_store_model(store, "test-hashing")
        with pytest.raises(UsageError, match="built with the test-hashing embedder, not e5-small"):
            check_store_model(store, "e5-small")


def test_the_embed_model_setting_groups_ingested_and_compared_articles(tmp_path, monkeypatch):
    from newsprism.compare.run import compare_inputs
    from newsprism.config import Settings
    from newsprism.pipeline import ingest

    asked = []

    def fake(name="auto"):
        asked.append(name)
        return HashingEmbedder()

    monkeypatch.setattr("newsprism.embed.get_embedder", fake)
    settings = Settings({"embed.model": "e5"})
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("Levee fails\n\n" + FLOOD + "\n")
    (pages / "b.txt").write_text("Marrowvale flooded\n\n" + FLOOD + " Rescue boats arrived.\n")
    compare_inputs([str(pages)], settings=settings)
    assert asked[0] == "e5-small"
    asked.clear()
    with open_store(str(tmp_path / "x.db")) as store:
        report = ingest([str(pages)], store, settings=settings, analyze=False, compare=False)
        assert report.stories and asked == ["e5-small"]


def test_stories_written_to_a_store_carry_the_events_the_event_stage_finds(tmp_path, monkeypatch):
    """update_stories hands every member, stored or new, with its vector to the event stage."""
    import newsprism.stories as stories_module

    seen: list[tuple[list[str], list[str]]] = []

    def each_alone(members, vectors, model=None, **_):
        seen.append((sorted(a.id for a in members), sorted(vectors)))
        return [[a.id] for a in members]

    monkeypatch.setattr(stories_module, "split_events", each_alone)
    embedder = HashingEmbedder()
    with open_store(str(tmp_path / "x.db")) as store:
        first = flood_articles()
        for a in first:
            store.put_article(a)
        update_stories(store, first, embedder=embedder)
        later = art(
            "f3", "Marrowvale counts flood damage", "Insurers visit. " + FLOOD, "2026-03-03", "Herald"
        )
        store.put_article(later)
        update_stories(store, [later], embedder=embedder)
        story = store.get_story(store.story_of("f1"))
        assert story is not None and sorted(story.events) == [["f1"], ["f2"], ["f3"]]
    members, vectors = seen[-1]
    assert members == ["f1", "f2", "f3"] and set(members) <= set(vectors)
