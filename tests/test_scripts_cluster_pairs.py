"""The pair-model study (scripts/cluster_pairs.py): linkage, pair features, the pair model and the split."""

from __future__ import annotations

import numpy as np
from scriptload import load_script

from newsprism.records import Article, Source


def _module():
    return load_script("scripts/cluster_pairs.py")


def _chain() -> np.ndarray:
    """Four items in a chain: each near the next (0.2), the ends far apart (0.9), the middle gap 0.45."""
    d = np.array(
        [
            [0.0, 0.2, 0.5, 0.9],
            [0.2, 0.0, 0.45, 0.5],
            [0.5, 0.45, 0.0, 0.2],
            [0.9, 0.5, 0.2, 0.0],
        ]
    )
    return d


def test_complete_linkage_keeps_a_chain_apart_that_average_linkage_joins():
    script = _module()
    complete = script.agglomerate(_chain(), 0.6, "complete")
    average = script.agglomerate(_chain(), 0.6, "average")
    assert complete[0] == complete[1] and complete[2] == complete[3] and complete[0] != complete[2]
    assert len(set(average)) == 1  # the groups' mean distance (0.5, 0.9, 0.45, 0.5: 0.5875) is within 0.6


def test_nothing_merges_beyond_the_threshold_and_unlinked_parts_stay_apart():
    script = _module()
    assert script.agglomerate(_chain(), 0.1, "complete") == [0, 1, 2, 3]
    d = np.ones((4, 4))
    np.fill_diagonal(d, 0.0)
    d[0, 1] = d[1, 0] = 0.3
    labels = script.agglomerate(d, 0.5, "average")
    assert labels[0] == labels[1] and len({labels[0], labels[2], labels[3]}) == 3
    assert script.agglomerate(np.zeros((1, 1)), 0.5) == [0]


def _article(aid: str, title: str, text: str, day: str) -> Article:
    return Article(
        id=aid,
        source=Source(name="Outlet", domain=None),
        title=title,
        text=text,
        language="en",
        published=day,
    )


def _stream(script):
    articles = [
        _article(
            "a1",
            "Senate passes harbour bill",
            "The Senate passed the Harbour Bill by 61 votes.",
            "2025-03-01",
        ),
        _article(
            "a2",
            "Harbour bill clears the Senate",
            "Senators approved the Harbour Bill, 61 to 39.",
            "2025-03-01",
        ),
        _article(
            "b1",
            "Court blocks harbour rules",
            "A federal court blocked the Harbour Rules on Friday.",
            "2025-03-02",
        ),
        _article(
            "c1",
            "Senate passes harbour bill",
            "The Senate passed the Harbour Bill by 61 votes.",
            "2025-03-20",
        ),
    ]
    rng = np.random.default_rng(0)
    base = rng.normal(size=16)
    vectors = {
        "a1": base + 0.1 * rng.normal(size=16),
        "a2": base + 0.1 * rng.normal(size=16),
        "b1": base + 0.9 * rng.normal(size=16),
        "c1": base + 0.1 * rng.normal(size=16),
    }
    return script.Stream(articles, ["a", "a", "b", "c"], vectors)


def test_pair_features_read_titles_names_numbers_and_days():
    script = _module()
    stream = _stream(script)
    rows = stream.features(np.array([0, 0]), np.array([1, 2]))
    assert rows.shape == (2, len(script.PAIR_FEATURES))
    names = {n: k for k, n in enumerate(script.PAIR_FEATURES)}
    assert rows[0, names["numbers_tfidf"]] > 0.0 == rows[1, names["numbers_tfidf"]]  # 61 in both
    assert rows[0, names["lead_tfidf"]] > rows[1, names["lead_tfidf"]]
    assert rows[0, names["log_days"]] == 0.0 and rows[1, names["log_days"]] == np.log1p(1.0)
    i, j = stream.candidates()
    assert (0, 3) not in set(zip(i.tolist(), j.tolist(), strict=True))  # 19 days apart: never a candidate


def test_the_pair_model_learns_that_alike_pairs_go_together_and_the_split_cuts_a_mixed_story():
    script = _module()
    stream = _stream(script)
    predict = script.fit_pair_model([stream, stream])
    i, j = np.array([0, 0]), np.array([1, 2])
    p_same, p_other = predict(stream.features(i, j))
    assert p_same > 0.5 > p_other
    labels = script.split(stream, ["s", "s", "s", "t"], predict, 0.5)
    assert labels[0] == labels[1] != labels[2] and labels[3] == "t"


def test_units_decided_earlier_never_merge_with_each_other_but_take_new_ones():
    script = _module()
    d = np.array([[0.0, 0.1, 0.2], [0.1, 0.0, 0.2], [0.2, 0.2, 0.0]])
    assert script._agglomerate_part(d, 0.5, "average") == [0, 0, 0]
    owner = script._agglomerate_part(d, 0.5, "average", [2, 1, 1], [True, True, False])
    assert owner[0] != owner[1] and owner[2] in (owner[0], owner[1])


def test_deciding_day_by_day_keeps_the_events_of_the_whole_stream():
    script = _module()
    stream = _stream(script)
    predict = script.fit_pair_model([stream])
    labels = script.windowed(stream, predict, 0.5, "complete")
    assert labels[0] == labels[1] and len({labels[0], labels[2], labels[3]}) == 3
    whole = script.cluster(stream, predict, 0.5, "complete")

    def groups(labels):
        return {frozenset(k for k, x in enumerate(labels) if x == label) for label in labels}

    assert groups(labels) == groups(whole)
