"""Clustering evaluation: scores, loaders (on small made-up copies of each layout), and a dev quality gate."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from newsprism.errors import EvalDataError, UsageError
from newsprism.evaluate import clustering
from newsprism.evaluate.clustering import (
    adjusted_rand,
    bcubed,
    burst_proxy,
    dense_proxy,
    embed_cached,
    fit_weights,
    leads_only,
    load,
    score,
    topical_runs,
)
from newsprism.records import Article
from tests.fake_embedder import HashingEmbedder

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def test_bcubed_of_a_perfect_clustering_is_one_and_of_one_lump_is_lower():
    gold = ["a", "a", "b"]
    assert bcubed(gold, ["x", "x", "y"]) == (1.0, 1.0, 1.0)
    precision, recall, f1 = bcubed(gold, ["x", "x", "x"])
    assert precision == pytest.approx(5 / 9)
    assert recall == 1.0
    assert f1 == pytest.approx(2 * (5 / 9) / (1 + 5 / 9))


def test_adjusted_rand_is_one_for_equal_partitions_and_near_zero_for_unrelated_ones():
    assert adjusted_rand(["a", "a", "b", "b"], ["y", "y", "x", "x"]) == 1.0
    assert adjusted_rand(["a", "a", "b", "b"], ["x", "y", "x", "y"]) < 0


def write_basil(root: Path) -> None:
    data = root / "basil" / "v1_combined" / "data"
    data.mkdir(parents=True)
    events = {
        "1": (
            "2019-05-02",
            "Harbour tunnel in Velmont opens after six years of works",
            "The Velmont harbour tunnel opened to traffic on Thursday. Mayor Ines Calder cut the ribbon.",
        ),
        "2": (
            "2019-05-02",
            "Strike closes every school in the Aldern region",
            "Teachers in Aldern walked out on Thursday over pay. Union leader Piet Vos said talks failed.",
        ),
    }
    for event, (date, title, body) in events.items():
        for outlet in ("fox", "nyt", "hpo"):
            record = {
                "date": date,
                "title": f"{title} ({outlet})",
                "source": outlet.upper(),
                "url": f"https://{outlet}.example/{event}",
                "body": [{"sentence": s + "."} for s in body.split(". ")],
            }
            (data / f"{event}_{outlet}.json").write_text(json.dumps(record), "utf-8")
    (root / "splits.json").write_text(json.dumps({"basil": {"dev": ["1", "2"], "test": []}}), "utf-8")


def test_basil_layout_loads_the_split_and_scores_with_any_embedder(tmp_path):
    write_basil(tmp_path)
    name, articles, gold = load(tmp_path / "basil", "dev")
    assert name == "basil" and len(articles) == 6 and sorted(set(gold)) == ["1", "2"]
    assert {a.source.name for a in articles} == {"FOX", "NYT", "HPO"}
    vectors = embed_cached(articles, HashingEmbedder(), tmp_path / "cache")
    assert (tmp_path / "cache" / "test-hashing.npz").exists()
    result = score(articles, gold, vectors)
    assert result["n_articles"] == 6 and result["n_gold"] == 2
    assert result["bcubed_f1"] == 1.0


def test_neus_articles_take_the_url_date_and_the_roundup_day_as_ingest_time(tmp_path):
    raw = tmp_path / "neus-allsides" / "raw_crawled"
    raw.mkdir(parents=True)
    record = {
        "id": 77,
        "date": "2021-06-01T10:00:00-07:00",
        "news": {
            "left": {
                "newsSource": "Left Daily",
                "newsTitle": "Dam vote passes",
                "newsLink": "https://left.example/2021/05/31/dam-vote",
                "newBody": ["Lawmakers passed it."],
            },
            "right": {
                "newsSource": "Right Post",
                "newsTitle": "Dam vote passes narrowly",
                "newsLink": "https://right.example/politics/dam",
                "newBody": ["It passed by two votes."],
            },
        },
    }
    (raw / "x.jsonl").write_text(json.dumps(record) + "\n", "utf-8")
    (tmp_path / "splits.json").write_text(json.dumps({"neus-allsides": {"dev": [], "test": "all"}}), "utf-8")
    _, articles, gold = load(tmp_path / "neus-allsides", "test")
    by_side = {a.id: a for a in articles}
    assert gold == ["77", "77"]
    assert by_side["77-left"].published == "2021-05-31"
    assert by_side["77-right"].published is None
    assert by_side["77-right"].ingested == "2021-06-01"


def _write_neus_test_story(root: Path) -> None:
    raw = root / "raw_crawled"
    raw.mkdir(parents=True)
    news = {
        "left": {
            "newsTitle": "Harbour tunnel vote passes",
            "newsLink": "",
            "newBody": ["The council backed it."],
        },
        "right": {
            "newsTitle": "Council approves the harbour tunnel after a long night",
            "newsLink": "",
            "newBody": ["After a long night the council approved the tunnel."],
        },
    }
    (raw / "x.jsonl").write_text(json.dumps({"id": 9, "date": "2021-06-01", "news": news}) + "\n", "utf-8")


def test_neus_dev_split_reads_the_probe_without_the_roundups_a_test_story_shares(tmp_path):
    root = tmp_path / "neus-allsides"
    _write_neus_test_story(root)
    probe = root / clustering.PROBE_DIR
    probe.mkdir()
    lines = [
        # two new roundups: kept, in file order
        "TITLE=> Senate delays farm bill vote. ARTICLE=> The vote moved to May. [SEP] "
        "TITLE=> Farm bill vote put off again. ARTICLE=> Senators put it off. [SEP] "
        "TITLE=> Farm bill stalls. ARTICLE=> Another delay.",
        "TITLE=> Storm closes ports. ARTICLE=> Ports shut on Monday. [SEP] "
        "TITLE=> Ports shut by storm. ARTICLE=> A storm shut the ports.",
        # shares a test title (case and punctuation aside): dropped
        "TITLE=> Harbour Tunnel Vote Passes!. ARTICLE=> Something else. [SEP] "
        "TITLE=> Other title. ARTICLE=> Other lead.",
        # shares a test lead's opening: dropped
        "TITLE=> A different headline. ARTICLE=> After a long night, the council approved the tunnel. [SEP] "
        "TITLE=> Yet another one. ARTICLE=> More.",
        # a title with nearly all the words of a test title: dropped
        "TITLE=> Council approves harbour tunnel after a long night. ARTICLE=> Text. [SEP] "
        "TITLE=> Tunnel approved. ARTICLE=> Text two.",
        # one article only: no story to group
        "TITLE=> Alone here. ARTICLE=> Nothing to group.",
    ]
    (probe / "train.source").write_text("\n".join(lines[:4]) + "\n", "utf-8")
    (probe / "val.source").write_text("\n".join(lines[4:]) + "\n", "utf-8")
    (tmp_path / "splits.json").write_text(json.dumps({"neus-allsides": {"dev": [], "test": "all"}}), "utf-8")

    name, articles, gold = load(root, "dev")
    assert name == "neus-allsides"
    assert gold == ["probe-train-0"] * 3 + ["probe-train-1"] * 2
    assert [a.title for a in articles[:2]] == ["Senate delays farm bill vote", "Farm bill vote put off again"]
    assert articles[0].text == "The vote moved to May." and articles[0].language == "en"
    days = {a.id: dt.date.fromisoformat(a.published) for a in articles}
    # each article on its roundup's day or the day before; the two roundups within one day (3 a day)
    assert all((dt.date(2019, 4, 14) - d).days in (0, 1) for d in days.values())
    _, test_articles, _ = load(root, "test")
    assert len(test_articles) == 2  # the test split is still raw_crawled


def test_neus_dev_split_without_the_probe_says_what_is_missing(tmp_path):
    root = tmp_path / "neus-allsides"
    _write_neus_test_story(root)
    with pytest.raises(EvalDataError, match=clustering.PROBE_DIR):
        load(root, "dev")


def test_dense_proxy_packs_events_into_consecutive_days(tmp_path):
    write_basil(tmp_path)
    _, articles, gold = load(tmp_path / "basil", "dev")
    packed = dense_proxy(articles, gold, per_day=1.0)
    days = {g: a.published[:10] for a, g in zip(packed, gold, strict=True)}
    assert days["1"] != days["2"]
    assert all(a.id.endswith("-dense") for a in packed)


def test_dense_proxy_puts_undated_articles_at_their_events_first_time_and_cuts_the_text(tmp_path):
    write_basil(tmp_path)
    _, articles, gold = load(tmp_path / "basil", "dev")
    articles[1].published = None  # event 1, second outlet
    packed = dense_proxy(articles, gold, per_day=2.0, lead_sentences=1)
    assert packed[1].published == packed[0].published
    assert all(a.text.count(".") == 1 for a in packed)
    assert leads_only(articles, 1)[0].text == "The Velmont harbour tunnel opened to traffic on Thursday."


def two_topics(events_per_topic: int = 6) -> tuple[list[str], list[np.ndarray]]:
    """Gold events of two unrelated topics (vectors along two axes, a little noise), interleaved."""
    rng = np.random.default_rng(3)
    gold, vectors = [], []
    for i in range(events_per_topic):
        for axis, topic in enumerate("ab"):
            for _ in range(3):  # three articles an event
                v = np.zeros(8)
                v[axis] = 1.0
                gold.append(f"{topic}{i}")
                vectors.append(v + rng.normal(0, 0.05, 8))
    return gold, vectors


def test_topical_runs_stream_a_topic_whole_at_stickiness_one_and_every_event_once():
    gold, vectors = two_topics()
    order = topical_runs(gold, vectors, stickiness=1.0, topics=2)
    assert sorted(order.values()) == list(range(12)) and set(order) == set(gold)
    streamed = sorted(order, key=order.get)
    assert len({e[0] for e in streamed[:6]}) == 1 and len({e[0] for e in streamed[6:]}) == 1
    assert topical_runs(gold, vectors, stickiness=1.0, topics=2) == order  # seeded
    switches = [
        sum(a[0] != b[0] for a, b in zip(s, s[1:], strict=False))
        for s in (
            sorted(o, key=o.get)
            for o in (topical_runs(gold, vectors, stickiness=0.0, topics=2, seed=k) for k in range(5))
        )
    ]
    assert max(switches) > 1  # at 0 the topics are mixed


def test_burst_proxy_keeps_texts_and_vectors_and_dates_an_event_on_one_day(tmp_path):
    write_basil(tmp_path)
    _, articles, gold = load(tmp_path / "basil", "dev")
    vectors = embed_cached(articles, HashingEmbedder())
    copies, moved = burst_proxy(articles, gold, vectors, per_day=1.0)
    assert [c.text for c in copies] == [a.text for a in articles]
    assert all(np.array_equal(moved[c.id], vectors[a.id]) for c, a in zip(copies, articles, strict=True))
    days = {g: {c.published[:10] for c, h in zip(copies, gold, strict=True) if h == g} for g in set(gold)}
    assert all(len(d) == 1 for d in days.values()) and days["1"] != days["2"]


def test_clustering_modes_feed_leads_or_dense_days_and_reject_unknown_ones(tmp_path, monkeypatch):
    write_basil(tmp_path)
    monkeypatch.setattr(clustering, "get_embedder", lambda _name: HashingEmbedder())
    given = clustering.evaluate(tmp_path / "basil", "dev", mode="as-given")
    dense = clustering.evaluate(tmp_path / "basil", "dev", mode="dense")
    bursts = clustering.evaluate(tmp_path / "basil", "dev", mode="bursts")
    assert given["mode"] == "as-given" and dense["mode"] == "dense" and bursts["mode"] == "bursts"
    assert bursts["n_articles"] == dense["n_articles"] == given["n_articles"] == 6
    with pytest.raises(UsageError):
        clustering.evaluate(tmp_path / "basil", "dev", mode="titles")


def test_clustering_reports_both_levels_and_scores_the_data_sets_own_by_default(tmp_path, monkeypatch):
    write_basil(tmp_path)
    monkeypatch.setattr(clustering, "get_embedder", lambda _name: HashingEmbedder())
    monkeypatch.setattr(clustering, "split_events", lambda members, *_: [[a.id] for a in members])
    default = clustering.evaluate(tmp_path / "basil", "dev")
    assert default["level"] == clustering.DATASET_LEVELS["basil"] == "event"
    assert default["bcubed_f1"] == default["levels"]["event"]["bcubed_f1"]
    # every article its own event: precise, and each gold event of three is cut in three
    assert default["bcubed_precision"] == 1.0 and default["bcubed_recall"] == pytest.approx(1 / 3, abs=1e-4)
    story = clustering.evaluate(tmp_path / "basil", "dev", level="story")
    assert story["level"] == "story" and story["bcubed_f1"] == story["levels"]["story"]["bcubed_f1"] == 1.0
    assert story["levels"]["event"] == default["levels"]["event"]
    with pytest.raises(UsageError):
        clustering.evaluate(tmp_path / "basil", "dev", level="topic")


def test_clustering_is_scored_on_analysed_articles_unless_asked_for_the_raw_ones(tmp_path, monkeypatch):
    """ingest clusters analysed articles, so the evaluation does too; --no-analyze scores the raw path."""
    write_basil(tmp_path)
    monkeypatch.setattr(clustering, "get_embedder", lambda _name: HashingEmbedder())
    seen: list[list[Article]] = []

    def analyse(articles):
        seen.append(list(articles))
        return [Article.from_dict({**a.to_dict(), "entities": []}) for a in articles]

    monkeypatch.setattr(clustering, "analyzed", analyse)
    result = clustering.evaluate(tmp_path / "basil", "dev")
    assert result["analyzed"] is True and len(seen) == 1 and len(seen[0]) == result["n_articles"] == 6
    raw = clustering.evaluate(tmp_path / "basil", "dev", analyze=False)
    assert raw["analyzed"] is False and len(seen) == 1


def test_analysed_articles_carry_the_analyzers_entities():
    articles = [
        Article(
            id="x", title="Port", text="Mayor Elena Marsh opened the Velmont tunnel on Monday.", language="en"
        )
    ]
    out = clustering.analyzed(articles)
    assert out[0].id == "x" and any(e.label == "PERSON" for e in out[0].entities)
    assert not articles[0].entities  # the articles given are left as they were


def test_fit_weights_leaves_word_features_out_of_the_cross_language_model(tmp_path):
    write_basil(tmp_path)
    _, articles, gold = load(tmp_path / "basil", "dev")
    packed = dense_proxy(articles, gold, per_day=4.0)
    sets = [(a, gold, embed_cached(a, HashingEmbedder())) for a in (articles, packed)]
    weights = fit_weights(sets)
    assert weights["cross"]["tfidf"] == weights["cross"]["title_max"] == 0.0
    assert weights["full"]["title_max"] > 0  # the same story's titles share words, the other's do not


def test_giveme_split_without_test_items_reports_zero_articles(tmp_path):
    (tmp_path / "giveme5w1h-newscluster" / "data_raw").mkdir(parents=True)
    (tmp_path / "splits.json").write_text(
        json.dumps({"giveme5w1h-newscluster": {"dev": "all", "test": []}}), "utf-8"
    )
    result = clustering.evaluate(tmp_path / "giveme5w1h-newscluster", "test")
    assert result["n_articles"] == 0 and "no test items" in result["note"]


@pytest.mark.slow
@pytest.mark.evaldata
def test_quality_gate_basil_dev_bcubed_f1():
    result = clustering.evaluate(DATA / "basil", "dev", embedder="use")
    assert result["n_articles"] == 141
    assert result["bcubed_f1"] >= 0.97


def test_the_cli_takes_no_analyze_for_clustering_only(tmp_path, capsys, monkeypatch):
    from newsprism.cli import main

    write_basil(tmp_path)
    monkeypatch.setattr(clustering, "get_embedder", lambda _name: HashingEmbedder())
    assert (
        main(
            [
                "eval",
                "clustering",
                "--data",
                str(tmp_path / "basil"),
                "--split",
                "dev",
                "--no-analyze",
                "--format",
                "json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["analyzed"] is False
    assert main(["eval", "numbers", "--data", str(tmp_path), "--no-analyze"]) == 2
    assert "--no-analyze" in capsys.readouterr().err


def test_the_cli_takes_a_level_for_clustering_only(tmp_path, capsys, monkeypatch):
    from newsprism.cli import main

    write_basil(tmp_path)
    monkeypatch.setattr(clustering, "get_embedder", lambda _name: HashingEmbedder())
    args = ["eval", "clustering", "--data", str(tmp_path / "basil"), "--split", "dev", "--format", "json"]
    assert main([*args, "--level", "story"]) == 0
    assert json.loads(capsys.readouterr().out)["level"] == "story"
    assert main(["eval", "similarity", "--data", str(tmp_path), "--level", "event"]) == 2
    assert "--level" in capsys.readouterr().err
