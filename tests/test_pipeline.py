"""The ingest pipeline's last stage: stories grouped in the client, their comparisons run on the engine."""

from __future__ import annotations

from pathlib import Path

from newsprism.engine import InlineEngine
from newsprism.pipeline import ingest
from newsprism.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class RecordingEngine(InlineEngine):
    """Runs inline and remembers which functions it was asked to map."""

    def __init__(self) -> None:
        self.mapped: list[str] = []

    def map(self, fn, items):
        self.mapped.append(fn.__name__)
        return super().map(fn, items)


def test_stories_of_several_articles_are_compared_on_the_engine_and_stored(tmp_path):
    engine = RecordingEngine()
    inputs = [
        str(EXAMPLES / "text" / n) for n in ("labrujula-huelga-portvale.txt", "hanseblick-hafenstreik.txt")
    ]
    inputs.append(str(EXAMPLES / "text" / "gazettelibre-barrage-fr.txt"))
    with open_store(str(tmp_path / "p.db")) as store:
        report = ingest(inputs, store, engine=engine)
        assert report.skips == []
        assert "compare_task" in engine.mapped
        stored = {s.id: s for s in store.stories()}
        pair = [s for s in stored.values() if len(s.article_ids) == 2]
        assert len(pair) == 1 and pair[0].claims  # the two strike reports, compared and stored
        assert any(c.status in ("consensus", "partial") for c in pair[0].claims)
        alone = [s for s in stored.values() if len(s.article_ids) == 1]
        assert len(alone) == 1 and not alone[0].claims  # one article: nothing to compare at ingest
        assert {s.id for s in report.stories} == set(stored)


class SubmittingEngine(InlineEngine):
    """Two 'workers' that run each submitted task at once, remembering the batch sizes."""

    workers = 2

    def __init__(self) -> None:
        self.batches: list[int] = []

    def submit(self, fn, item):
        from concurrent.futures import Future

        self.batches.append(len(item.texts))
        future: Future = Future()
        future.set_result(fn(item))
        return future


def _article(i: int, language: str = "en"):
    from newsprism.records import Article

    text = f"The river Ostvale rose by {i} metres overnight and {i * 100} residents left their homes. " * 3
    return Article(id=f"{i:040x}", title=f"Flood warning number {i}", text=text, language=language)


def test_stored_articles_are_embedded_in_batches_while_ingest_goes_on(tmp_path):
    from newsprism.pipeline import StreamEmbedding

    engine = SubmittingEngine()
    with open_store(str(tmp_path / "s.db")) as store:
        streamed = StreamEmbedding(engine, store, "use-m3", batch=2)
        articles = [_article(i) for i in range(5)]
        for article in articles:
            streamed.add(article)
        assert engine.batches == [2, 2]  # full batches go out as they fill
        streamed.finish()
        assert engine.batches == [2, 2, 1]  # the rest, split over the idle workers
        assert sorted(store.get_vectors("use-m3", [a.id for a in articles])) == sorted(a.id for a in articles)


def test_streaming_stops_when_use_no_longer_covers_most_languages(tmp_path):
    from newsprism.pipeline import StreamEmbedding

    engine = SubmittingEngine()
    with open_store(str(tmp_path / "s.db")) as store:
        streamed = StreamEmbedding(engine, store, "use-m3", batch=4)
        for i in range(8):  # three Indonesian articles in eight: the automatic choice may be e5
            streamed.add(_article(i, "id" if i in (1, 2, 5) else "en"))
        streamed.finish()
        assert engine.batches == []
        assert store.get_vectors("use-m3", [_article(i).id for i in range(8)]) == {}


def test_a_local_ingest_streams_its_embedding_and_clusters_as_before(tmp_path):
    from newsprism.engine import LocalEngine

    inputs = [str(p) for p in sorted((EXAMPLES / "text").glob("*.txt"))[:6]]
    engine = LocalEngine(2)
    try:
        with open_store(str(tmp_path / "l.db")) as store:
            report = ingest(inputs, store, engine=engine, compare=False)
            streamed = {s.id: sorted(s.article_ids) for s in store.stories()}
    finally:
        engine.close()
    with open_store(str(tmp_path / "i.db")) as store:
        ingest(inputs, store, engine=InlineEngine(), compare=False)
        inline = {s.id: sorted(s.article_ids) for s in store.stories()}
    assert report.skips == [] and streamed == inline


def test_an_article_with_only_a_domain_takes_the_outlet_name_another_article_gives():
    from newsprism.pipeline import name_outlets
    from newsprism.records import Article, Source

    named = Article(id="a", source=Source(name="The Harbor Ledger", domain="harborledger.example"))
    bare = Article(id="b", source=Source(domain="HarborLedger.example"))
    other = Article(id="c", source=Source(domain="elsewhere.example"))
    twice = [
        Article(id="d", source=Source(name="Post", domain="post.example")),
        Article(id="e", source=Source(name="Evening Post", domain="post.example")),
        Article(id="f", source=Source(domain="post.example")),
    ]
    name_outlets([named, bare, other, *twice])
    assert bare.source.name == "The Harbor Ledger"
    assert other.source.name is None and twice[2].source.name is None  # unknown, or two names: left alone


def test_the_ingest_summary_names_an_outlet_without_name_or_domain_by_its_file():
    from newsprism.records import Article, Source
    from newsprism.render import run_summary

    articles = [
        Article(id="a", path="/in/gazette-barrage.txt", language="fr"),
        Article(id="b", source=Source(name="The Harbor Ledger"), language="en"),
    ]
    text = run_summary({"articles": 2}, articles, [])
    assert "gazette-barrage.txt 1" in text and "The Harbor Ledger 1" in text and "unknown" not in text


def test_the_ingest_summary_counts_undated_and_headline_only_articles():
    from newsprism.records import Article
    from newsprism.render import run_summary

    articles = [
        Article(id="a", text="Body.", published="2026-03-02", language="en"),
        Article(id="b", text="Body.", language="en"),
        Article(id="c", title="Dockers strike", language="en"),
    ]
    text = run_summary({"articles": 3}, articles, [])
    assert "undated:   2, placed in stories at their ingest time" in text
    assert "headline only: 1, counted as coverage without claims" in text
    assert "undated" not in run_summary({"articles": 1}, articles[:1], [])
