"""The online story clusterer, on planted vectors (no embedding model)."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.ann import WindowIndex
from newsprism.cluster import StoryClusterer
from newsprism.errors import StageError
from newsprism.records import Article, Entity, Source

DIM = 32


def unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=DIM).astype(np.float32)
    return v / np.linalg.norm(v)


def near(center: np.ndarray, seed: int, noise: float = 0.15) -> np.ndarray:
    v = center + noise * np.random.default_rng(seed).normal(size=DIM).astype(np.float32) / np.sqrt(DIM)
    return (v / np.linalg.norm(v)).astype(np.float32)


def article(
    aid: str, day: int, title: str, people: tuple[str, ...] = (), outlet: str = "a.example"
) -> Article:
    text = f"{title}. " + " ".join(f"{p} spoke on the matter." for p in people)
    ents = []
    for p in people:
        start = text.index(p)
        ents.append(Entity(text=p, label="PERSON", start=start, end=start + len(p), key=p.lower()))
    return Article(
        id=aid,
        title=title,
        text=text,
        published=f"2026-03-{day:02d}T09:00:00+00:00",
        language="en",
        source=Source(name=outlet, domain=outlet),
        entities=ents,
    )


def test_articles_of_one_planted_story_share_a_story_and_others_do_not():
    flood, vote = unit(1), unit(2)
    c = StoryClusterer()
    s1 = c.add(article("a1", 3, "Floods hit Marrowvale", ("Ida Brennholt",)), near(flood, 10))
    s2 = c.add(article("a2", 3, "Vote in Kestrel council", ("Omar Tessaly",)), near(vote, 11))
    s3 = c.add(article("a3", 4, "Marrowvale floods worsen", ("Ida Brennholt",), "b.example"), near(flood, 12))
    assert s1 == s3
    assert s2 != s1
    assert c.labels_ == [s1, s2, s1]


def test_a_story_fades_after_weeks_without_articles():
    center = unit(3)
    c = StoryClusterer(window_days=3)
    first = c.add(article("b1", 1, "Harbour strike begins", ("Lena Korr",)), near(center, 1))
    late = Article(
        id="b2",
        title="Harbour strike begins",
        text="Harbour strike begins. Lena Korr spoke.",
        published="2026-05-20T09:00:00+00:00",
        language="en",
    )
    assert c.add(late, near(center, 2)) != first


def test_undated_article_is_clustered_at_ingest_time_and_says_so():
    center = unit(4)
    c = StoryClusterer()
    first = c.add(article("c1", 5, "Bridge closes in Tarnby", ("Mia Holt",)), near(center, 1))
    undated = article("c2", 5, "Bridge closes in Tarnby", ("Mia Holt",))
    undated.published = None
    undated.ingested = "2026-03-05T12:00:00+00:00"
    assert c.add(undated, near(center, 2)) == first
    assert any("ingest time" in w for w in undated.warnings)


def test_title_only_unknown_language_and_missing_vector_never_stop_the_stream():
    c = StoryClusterer()
    c.add(article("d1", 2, "Rail fares rise", ("Ana Pilt",)), unit(5))
    odd = Article(id="d2", title="Zx qv", language="und")  # no text, no date, no entities
    sid = c.add(odd, None)
    assert sid and len(c.labels_) == 2
    assert any("no vector" in w for w in odd.warnings)


def test_syndicated_copy_joins_its_origin_story():
    c = StoryClusterer()
    origin = c.add(article("e1", 6, "Wire: dam report", ("Rolf Dane",)), unit(6))
    copy = article("e2", 6, "Totally different headline", ())
    copy.syndication = "e1"
    assert c.add(copy, unit(7)) == origin


def test_vector_of_another_size_is_a_stage_error():
    c = StoryClusterer()
    c.add(article("f1", 1, "One", ()), unit(1))
    with pytest.raises(StageError, match="dimensions"):
        c.add(article("f2", 1, "Two", ()), np.ones(DIM + 1, dtype=np.float32))


def test_saved_state_reloads_and_continues_like_the_original():
    rng_centers = [unit(100 + i) for i in range(4)]
    stream = [
        (
            article(f"g{i}", 1 + i // 3, f"Story {i % 4} update", (f"Person{i % 4}",)),
            near(rng_centers[i % 4], i),
        )
        for i in range(12)
    ]
    whole = StoryClusterer().fit(stream)
    half = StoryClusterer().fit(stream[:6])
    restored = StoryClusterer().load(half.save())
    assert restored.labels_ == half.labels_
    restored.fit(stream[6:])
    assert restored.labels_ == whole.labels_


def test_stories_merge_when_a_bridging_article_makes_them_alike():
    a = unit(20)
    b = a + 0.9 * unit(21)
    b /= np.linalg.norm(b)
    weights = {
        kind: {
            "bias": -10.0,
            "dense": 12.0,
            "dense_max": 0.0,
            "tfidf": 0.0,
            "entities": 0.0,
            "entities_n": 0.0,
            "numbers": 0.0,
            "gap": 0.0,
            "size": 0.0,
        }
        for kind in ("full", "cross")
    }
    c = StoryClusterer(join_threshold=0.6, merge_threshold=0.3, weights=weights)
    s_a = c.add(article("h1", 1, "A", ()), a)
    s_b = c.add(article("h2", 1, "B", ()), b)
    assert s_a != s_b
    bridge = (a + b) / np.linalg.norm(a + b)
    c.add(article("h3", 1, "AB", ()), bridge.astype(np.float32))
    assert len(set(c.labels_)) == 1
    assert c.merged_ids()


def test_window_index_returns_nearest_live_rows_only():
    index = WindowIndex(DIM, capacity=4)
    for key in range(10):
        index.put(key, unit(key), first=float(key), last=float(key))
    hits = index.query(unit(7), t=7.0, window=1.0, k=3)
    assert hits[0][0] == 7
    assert {k for k, _ in hits} <= {6, 7, 8}
    assert index.expire(before=5.0) == [0, 1, 2, 3, 4]
    assert len(index) == 5
    assert index.query(unit(2), t=2.0, window=1.0, k=3) == []


def test_an_article_without_a_vector_may_come_first_once_the_size_is_known():
    c = StoryClusterer().start(DIM)
    first = c.add(article("n1", 2, "Dam opens", ("Ada Wren",)), None)
    second = c.add(article("n2", 2, "Bridge shut", ("Bo Lund",)), unit(9))
    assert first != second and len(c.labels_) == 2


def _planted(n_centres: int, per_centre: int, seed: int, dim: int = DIM) -> tuple[np.ndarray, np.ndarray]:
    """Centres and noisy members around them (unit rows), as stories and their articles."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n_centres, dim)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    members = np.repeat(centres, per_centre, axis=0) + 0.3 * rng.normal(
        size=(n_centres * per_centre, dim)
    ).astype(np.float32) / np.sqrt(dim)
    members /= np.linalg.norm(members, axis=1, keepdims=True)
    return centres, members.astype(np.float32)


def test_two_stage_window_search_finds_what_brute_force_finds():
    fast = WindowIndex(DIM, reduced=12, pool=24, exact_below=40)
    brute = WindowIndex(DIM, exact_below=10**9)
    # two periods of stories in different directions: the principal axes must follow the turnover
    for period in range(2):
        centres, members = _planted(150, 3, seed=period)
        for i, row in enumerate(members):
            key = 10_000 * period + i
            for index in (fast, brute):
                index.put(key, row, first=10.0 * period, last=10.0 * period + 1)
        for index in (fast, brute):
            index.expire(before=10.0 * period - 2)
        assert len(fast) > fast.exact_below  # the two-stage path is the one tested
        agree = found = wanted = 0
        for centre in centres:
            exact = brute.query(centre, t=10.0 * period, window=3.0, k=3)
            approx = fast.query(centre, t=10.0 * period, window=3.0, k=3)
            assert exact and all(10_000 * period <= k < 10_000 * (period + 1) for k, _ in exact)
            agree += approx[0] == exact[0]
            found += len({k for k, _ in approx} & {k for k, _ in exact})
            wanted += len(exact)
        assert agree >= 0.97 * len(centres)
        assert found >= 0.9 * wanted


def test_window_index_memory_follows_the_window_not_the_stream():
    index = WindowIndex(DIM, capacity=8, exact_below=10**9)
    _, members = _planted(40, 1, seed=3)
    sizes = []
    for day in range(200):
        for j in range(20):  # 20 new stories a day, each alive for 3 days
            index.put(20 * day + j, members[(day + j) % 40], first=float(day), last=float(day) + 3)
        index.expire(before=float(day) - 1)
        assert len(index) <= 20 * 5
        sizes.append(index.nbytes())
    assert max(sizes[100:]) == max(sizes[:100])  # 4,000 stories put, the matrices sized for ~100
    # dead rows are compacted away, so a scan reads few more rows than are alive
    assert index._n <= len(index) + len(index) // 8 + 20


def _letters(n: int) -> str:
    return "".join(chr(97 + (n // 26**j) % 26) for j in range(4))


def test_a_resumed_stream_searches_its_window_as_the_uninterrupted_one():
    dim = 128  # more than the index's reduced axes, so its first stage is an approximation
    centres, members = _planted(700, 2, seed=5, dim=dim)
    stream = [
        (
            Article(
                id=f"r{i}",
                title=" ".join(_letters(3 * (i // 2) + j) for j in range(3)),
                published=f"2026-04-{1 + i // 400:02d}T{(i // 20) % 20:02d}:00:00+00:00",
                language="en",
            ),
            members[i],
        )
        for i in range(len(members))
    ]
    whole = StoryClusterer().fit(stream)
    half = StoryClusterer().fit(stream[:1100])
    assert half.index_.state()[0] is not None  # the two-stage search is on
    restored = StoryClusterer().load(half.save())
    basis, *counts = restored.index_.state()
    assert basis is not None and np.array_equal(basis, half.index_.state()[0])
    assert counts == list(half.index_.state()[1:])
    restored.fit(stream[1100:])
    assert restored.labels_ == whole.labels_


def _entity_weights(**extra: float) -> dict[str, dict[str, float]]:
    weights = {"bias": -10.0, "dense": 8.0, "entities": 4.0, **extra}
    return {kind: dict(weights) for kind in ("full", "cross")}


# names compared in names.match_form, where a final vowel does not count ("PersonA" = "PersonE")
OWN = (
    "Arkwright",
    "Bellamy",
    "Castell",
    "Dunmore",
    "Everett",
    "Fairfax",
    "Garrick",
    "Holloway",
    "Ingram",
    "Jessop",
    "Kendrick",
    "Lockwood",
)
INCIDENTAL = (
    "Lyra Fenn",
    "Ocho Brant",
    "Pim Vass",
    "Ruth Lane",
    "Sol Marek",
    "Tia Noor",
    "Ugo Rask",
    "Vera Holm",
)


def test_look_alike_events_do_not_snowball_into_one_story_by_merges():
    # Twelve small events alike in vector (one shared direction), each naming its own person in every
    # article and one incidental name from a recurring pool. A story's union of names soon overlaps
    # another's; its core (names most of its articles carry) does not, and each event stays one story.
    center = unit(300)
    c = StoryClusterer(join_threshold=0.4, merge_threshold=0.3, weights=_entity_weights())
    gold = []
    for i in range(12):
        event = center + 0.5 * unit(400 + i)
        event /= np.linalg.norm(event)
        for j in range(4):
            names = (f"Own {OWN[i]}", INCIDENTAL[(i + 2 * j) % len(INCIDENTAL)])
            c.add(
                article(f"s{i}-{j}", 1 + i // 6, f"Event {i} report {j}", names, f"o{j}.example"),
                near(event, 50 * i + j),
            )
            gold.append(i)
    labels = c.labels_
    assert len(set(labels)) == 12
    assert all(labels[k] == labels[4 * (k // 4)] for k in range(len(labels)))


def test_two_pieces_of_one_event_still_merge_on_their_shared_core():
    # One event whose first two articles start two stories (their vectors differ); a third article near
    # both, naming the same people, makes them alike and they merge.
    a = unit(500)
    b = a + 0.9 * unit(501)
    b /= np.linalg.norm(b)
    c = StoryClusterer(
        join_threshold=0.6, merge_threshold=0.3, weights=_entity_weights(dense=12.0, entities=0.0)
    )
    names = ("Ada Quarry", "Bo Lindqvist")
    s_a = c.add(article("p1", 1, "Quarry collapse", names), a)
    s_b = c.add(article("p2", 1, "Collapse at quarry", names, "b.example"), b)
    assert s_a != s_b
    bridge = (a + b) / np.linalg.norm(a + b)
    c.add(article("p3", 1, "Quarry collapse toll", names, "c.example"), bridge.astype(np.float32))
    assert len(set(c.labels_)) == 1
    assert c.merged_ids()


def test_stories_naming_the_same_people_but_unlike_in_content_do_not_merge():
    a = unit(600)
    b = a + 2.0 * unit(601)  # cosine about 0.45: two different events with the same protagonists
    b /= np.linalg.norm(b)
    names = ("Ada Quarry", "Bo Lindqvist")

    def stories(merge_linkage: float) -> int:
        weights = _entity_weights(dense=4.0, entities=8.0)
        c = StoryClusterer(
            join_threshold=0.8, merge_threshold=0.1, merge_linkage=merge_linkage, weights=weights
        )
        c.add(article("q1", 1, "Quarry vote", names), near(a, 1))
        c.add(article("q2", 1, "Quarry vote held", names, "b.example"), near(a, 2))
        c.add(article("q3", 2, "Court case opens", names), near(b, 3))
        c.add(article("q4", 2, "Court case opened", names, "b.example"), near(b, 4))
        return len(set(c.labels_))

    assert stories(merge_linkage=0.0) == 1  # the model alone would merge them on the names
    assert stories(merge_linkage=0.5) == 2


def test_entity_veto_keeps_a_look_alike_naming_other_people_out_of_a_story():
    event = unit(40)
    first = article("v1", 3, "Ferry strike halts crossings", ("Ida Brennholt", "Omar Tessaly"))
    look_alike = article(
        "v2", 3, "Ferry strike halts crossings", ("Greta Wollnitz", "Paul Ardenne"), "b.example"
    )
    stories = []
    for veto in (0, 1):
        c = StoryClusterer(entity_veto=veto)
        s1 = c.add(first, near(event, 41))
        s2 = c.add(look_alike, near(event, 42))
        stories.append(s1 == s2)
    assert stories == [True, False]


def test_articles_without_analysed_entities_are_scored_with_the_words_weights():
    """Entities read from capitalised words come in larger, noisier sets than the analyzer's: the two kinds
    of article are scored with weights fitted on each (``KINDS``)."""
    center = unit(40)
    joins = {"bias": 10.0}  # a probability near 1: anything joins
    apart = {"bias": -10.0}  # near 0: nothing joins
    weights = {"full": joins, "cross": joins, "full_words": apart, "cross_words": apart}

    def raw(aid: str) -> Article:
        return Article(
            id=aid,
            title="Harbour strike",
            text="Harbour strike. Dockers walked out.",
            published="2026-03-03T09:00:00+00:00",
            language="en",
            source=Source(name="x"),
        )

    analysed = StoryClusterer(weights=weights)
    first = analysed.add(article("w1", 3, "Harbour strike", ("Lena Korr",)), near(center, 1))
    assert analysed.add(article("w2", 3, "Harbour strike", ("Lena Korr",)), near(center, 2)) == first
    words = StoryClusterer(weights=weights)
    first = words.add(raw("w3"), near(center, 3))
    assert words.add(raw("w4"), near(center, 4)) != first
    # weights without the "_words" sets (a caller's, or a state saved before them) serve both kinds
    both = StoryClusterer(weights={"full": joins, "cross": joins})
    first = both.add(raw("w5"), near(center, 5))
    assert both.add(raw("w6"), near(center, 6)) == first
