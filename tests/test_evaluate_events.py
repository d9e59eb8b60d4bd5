"""Fitting the event stage on dev data: pairs inside stories, weights on raw features, labels per event."""

from __future__ import annotations

import numpy as np

from newsprism.evaluate.events import event_labels, event_rows, fit_event_weights, topic_halves
from newsprism.events import EVENT_FEATURES, WORD_FEATURES, expand
from newsprism.records import Article


def test_event_rows_take_only_pairs_inside_a_story_labelled_by_gold():
    articles = [Article(id=f"a{k}", title=f"Title {k}", text="Text.", language="en") for k in range(5)]
    vectors = {a.id: np.eye(5)[k] for k, a in enumerate(articles)}
    gold = ["x", "x", "y", "z", "z"]
    stories = ["s", "s", "s", "t", "u"]  # three members (3 pairs), and two stories of one
    rows, labels = event_rows(articles, gold, vectors, stories)
    assert rows.shape == (3, len(EVENT_FEATURES))
    assert sorted(labels.tolist()) == [0.0, 0.0, 1.0]


def test_fitted_weights_work_on_raw_features_and_the_cross_set_has_no_word_weights():
    rng = np.random.default_rng(0)
    x = expand(rng.normal(size=(600, 7)) * 3 + 5)  # far from standardised
    dense = EVENT_FEATURES.index("dense")
    y = (x[:, dense] > 5).astype(float)
    weights = fit_event_weights([(x[:300], y[:300]), (x[300:], y[300:])])
    for kind in ("full", "cross"):
        w = weights[kind]
        logit = expand(x[:, :7], w["floor"]) @ np.array([w[f] for f in EVENT_FEATURES]) + w["bias"]
        assert ((logit > 0) == (y > 0)).mean() > 0.95
        assert w["dense"] > 0
    assert all(weights["cross"][f] == 0.0 for f in WORD_FEATURES)


def test_event_labels_cut_each_story_apart_from_the_others():
    articles = [Article(id=f"a{k}", title="Same", text="Same.", language="en") for k in range(4)]
    vectors = {a.id: np.array([1.0, 0.0]) for a in articles}
    plain = {f: 0.0 for f in EVENT_FEATURES}
    together = {kind: {**plain, "bias": 10.0} for kind in ("full", "cross")}
    labels = event_labels(articles, vectors, ["s", "s", "t", "t"], None, weights=together)
    assert labels[0] == labels[1] != labels[2] == labels[3]


def test_topic_halves_keep_each_topic_whole():
    gold = [f"e{k}" for k in range(40) for _ in range(2)]
    vectors = [np.eye(4)[k % 4] + 0.001 * (k // 4) for k in range(40) for _ in range(2)]
    half = topic_halves(gold, vectors, topics=4)
    assert set(half.values()) <= {0, 1} and len(half) == 40
    by_topic: dict[int, set[int]] = {}
    for k in range(40):
        by_topic.setdefault(k % 4, set()).add(half[f"e{k}"])
    assert all(len(sides) == 1 for sides in by_topic.values())
