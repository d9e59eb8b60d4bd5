from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.records import Article, Comment, Dateline, Skip, Source, Story
from newsprism.store import open_store
from newsprism.store.migrations import SQLITE


def make_article(
    text: str = "The council approved the new budget on Tuesday.", url: str | None = None, **kw
) -> Article:
    return Article(id=Article.make_id(url, text), url=url, text=text, **kw)


def test_store_records_every_named_migration(store):
    assert store.applied_migrations() == [m.name for m in SQLITE]


def test_reopening_a_store_applies_no_migration_twice(tmp_path):
    s = open_store(str(tmp_path / "a.db"))
    s.close()
    s = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    assert s.migrate(SQLITE) == []
    s.close()


def test_reingesting_the_same_url_updates_instead_of_duplicating(store):
    a = make_article(url="https://harbor.example/news/1?utm_source=feed", title="First")
    store.put_article(a)
    b = make_article(
        text="The council approved the budget, revised.", url="https://harbor.example/news/1", title="Second"
    )
    result = store.put_article(b)
    assert not result.created
    assert store.count_articles() == 1
    assert store.get_article(result.id).title == "Second"


def test_reingesting_the_same_text_without_url_updates_the_stored_article(store):
    first = store.put_article(
        make_article(url="https://harbor.example/a", source=Source("Harbor", "harbor.example"))
    )
    again = store.put_article(make_article(text="The council  approved the new budget on Tuesday.\n"))
    assert again.id == first.id and not again.created
    kept = store.get_article(first.id)
    assert kept.url == "https://harbor.example/a" and kept.source.domain == "harbor.example"


def test_same_text_under_two_urls_stays_two_articles(store):
    # wire copy republished by two outlets: two articles, grouped later as syndication
    store.put_article(make_article(url="https://a.example/x"))
    store.put_article(make_article(url="https://b.example/y"))
    assert store.count_articles() == 2


def test_same_text_from_two_outlets_without_urls_stays_two_articles(store):
    # ids carry the outlet; the same-text match must not fold one outlet's copy into the other's
    text = "The council approved the new budget on Tuesday."
    for name in ("Coast Daily", "Island Herald"):
        store.put_article(Article(id=Article.make_id(None, text, name), text=text, source=Source(name)))
    assert store.count_articles() == 2
    # the same outlet read again (another case, an id made before ids carried the outlet) is the same one
    again = store.put_article(
        Article(id=Article.make_id(None, text), text=text, source=Source("coast daily"))
    )
    assert not again.created and store.count_articles() == 2


def test_headline_only_articles_never_match_by_their_empty_text(store):
    first = store.put_article(
        Article(
            id=Article.make_id("https://a.example/1", ""), url="https://a.example/1", title="Dockers strike"
        )
    )
    second = store.put_article(Article(id=Article.make_id(None, "Ferry halted"), title="Ferry halted"))
    assert second.created and second.id != first.id and store.count_articles() == 2
    assert store.get_article(first.id).title == "Dockers strike"
    again = store.put_article(Article(id=Article.make_id(None, "Ferry halted"), title="Ferry halted"))
    assert not again.created and store.count_articles() == 2


def test_full_text_search_finds_title_and_body_words_with_prefixes(store):
    store.put_article(
        make_article(text="Les dockers de Portvale sont en grève depuis lundi.", title="Grève au port")
    )
    store.put_article(make_article(text="Inflation slowed to 3.1 percent in March.", title="Prices"))
    assert [a.title for a in store.search("greve")] == ["Grève au port"]
    assert [a.title for a in store.search("inflat")] == ["Prices"]
    assert store.search('"; DROP TABLE articles; --') == []


def test_raw_page_and_input_marker_are_written_with_the_article(store):
    a = make_article()
    store.put_article(a, raw=b"<html>page</html>", input_key="file:/x:1:2")
    assert store.get_raw(a.id) == b"<html>page</html>"
    assert store.is_done("file:/x:1:2") and not store.is_done("file:/y")
    assert store.integrity_problems() == []


def test_skips_are_recorded_per_run(store):
    run = store.start_run(["a", "b"])
    store.record_skip(Skip("b", "empty input", "read"), run)
    store.finish_run(run, {"articles": 1})
    assert store.skips(run) == [Skip("b", "empty input", "read")]


def test_stories_are_listed_newest_first_and_membership_is_kept(store):
    store.put_story(Story(id="s1", title="Old", article_ids=["a1"], last_published="2026-03-01"))
    store.put_story(Story(id="s2", title="New", article_ids=["a2", "a3"], last_published="2026-03-04"))
    assert [s.id for s in store.stories()] == ["s2", "s1"]
    assert store.story_of("a3") == "s2"
    store.put_story(Story(id="s2", title="New", article_ids=["a2"], last_published="2026-03-04"))
    assert store.story_of("a3") is None
    store.delete_story("s1")
    assert store.get_story("s1") is None and store.story_of("a1") is None


def test_vectors_round_trip_per_model(store):
    v = np.arange(8, dtype=np.float32) / 8
    store.put_vectors("use", {"a": v})
    got = store.get_vectors("use", ["a", "missing"])
    assert list(got) == ["a"] and np.array_equal(got["a"], v)
    assert store.get_vectors("e5", ["a"]) == {}


def test_source_metadata_is_merged_and_counted(store):
    store.put_article(
        make_article(
            url="https://harbor.example/1", source=Source("Harbor Ledger", "harbor.example"), language="en"
        )
    )
    store.update_source("harbor.example", {"country": "Freedonia"})
    store.update_source("harbor.example", {"notes": "city daily"})
    (src,) = store.sources()
    assert src.name == "Harbor Ledger" and src.articles == 1 and src.languages == ["en"]
    assert src.meta == {"country": "Freedonia", "notes": "city daily"}


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200)
_article = st.builds(
    Article,
    id=st.text("0123456789abcdef", min_size=40, max_size=40),
    url=st.none() | st.just("https://x.example/a"),
    source=st.builds(Source, name=st.none() | _text, domain=st.none() | st.just("x.example")),
    title=st.none() | _text,
    published=st.none() | st.just("2026-03-03T10:00:00+00:00"),
    language=st.sampled_from(["en", "fr", "und"]),
    dateline=st.none()
    | st.builds(Dateline, place=st.none() | _text, date=st.none(), agency=st.none() | _text),
    text=_text,
    comments=st.lists(st.builds(Comment, author=st.none() | _text, posted=st.none(), text=_text), max_size=3),
    removed=st.lists(_text, max_size=3),
    warnings=st.lists(_text, max_size=2),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=_article)
def test_what_the_store_writes_it_reads_back_the_same(store, article):
    article.ingested = "2026-03-03T10:00:00+00:00"
    stored_id = store.put_article(article).id
    assert store.get_article(stored_id).to_dict() == article.to_dict()


def test_unclustered_articles_come_in_publication_order_with_ties_in_arrival_order(store):
    # three articles published and ingested in the same second: a resumed run must see them in the
    # order they arrived, on every backend, whatever their ids
    stamp = "2026-03-06T10:00:00+00:00"
    texts = ["Zeta report on the harbour.", "Alpha report on the harbour.", "Mu report on the harbour."]
    ids = []
    for text in texts:
        ids.append(store.put_article(make_article(text=text, published=stamp, ingested=stamp)).id)
    early = store.put_article(make_article(text="Earlier news.", published="2026-03-05T09:00:00+00:00")).id
    assert [a.id for a in store.unclustered_articles()] == [early, *ids]
    store.put_story(Story(id="st-1", title="Harbour", article_ids=[ids[1]]))
    assert [a.id for a in store.unclustered_articles()] == [early, ids[0], ids[2]]


def test_story_summaries_count_outlets_and_languages_and_filter(store):
    a = store.put_article(
        make_article(
            text="Strike in Portvale.", language="en", source=Source("Harbor Ledger", "harbor.example")
        )
    ).id
    b = store.put_article(
        make_article(text="Huelga en Portvale.", language="es", source=Source(None, "brujula.example"))
    ).id
    c = store.put_article(make_article(text="Rate rise in Costanera.", language="en"))
    store.put_story(Story(id="st-a", title="Strike", article_ids=[a, b], last_published="2026-03-07"))
    store.put_story(Story(id="st-b", title="Rates", article_ids=[c.id], last_published="2026-03-01"))
    summaries = store.story_summaries()
    assert [s.id for s in summaries] == ["st-a", "st-b"]
    assert summaries[0].n_articles == 2
    assert summaries[0].outlets == ["Harbor Ledger", "brujula.example"]
    assert summaries[0].languages == ["en", "es"]
    assert summaries[1].outlets == [] and summaries[1].languages == ["en"]
    assert [s.id for s in store.story_summaries(language="es")] == ["st-a"]
    assert [s.id for s in store.story_summaries(outlet="brujula.example")] == ["st-a"]
    assert [s.id for s in store.story_summaries(since="2026-03-05")] == ["st-a"]
    assert [s.id for s in store.story_summaries(ids=["st-b"])] == ["st-b"]
    assert store.story_summaries(ids=[]) == []
    assert [s.id for s in store.story_summaries(limit=1, offset=1)] == ["st-b"]


def test_source_names_gives_the_name_a_domains_articles_gave(store):
    store.put_article(
        make_article(
            url="https://ledger.example/a", source=Source(name="The Harbor Ledger", domain="ledger.example")
        )
    )
    store.put_article(
        make_article(
            text="Only a domain here.", url="https://bare.example/b", source=Source(domain="bare.example")
        )
    )
    assert store.source_names(["ledger.example", "bare.example", "missing.example"]) == {
        "ledger.example": "The Harbor Ledger"
    }
    assert store.source_names([]) == {}


def test_a_stored_story_shows_a_domain_only_article_by_its_outlets_name(store):
    from newsprism.stories import get_story

    named = make_article(
        url="https://ledger.example/a", source=Source(name="The Harbor Ledger", domain="ledger.example")
    )
    bare = make_article(
        text="The council approved the budget again.",
        url="https://ledger.example/b",
        source=Source(domain="ledger.example"),
    )
    for a in (named, bare):
        store.put_article(a)
    store.put_story(Story(id="st-1", title="Budget", article_ids=[bare.id]))
    story, articles = get_story(store, "st-1")
    assert [a.source.name for a in articles] == ["The Harbor Ledger"]
