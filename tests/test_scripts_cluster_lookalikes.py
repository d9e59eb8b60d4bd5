"""The look-alike proxy's scoring (scripts/cluster_lookalikes.py): pairs, not a full gold clustering."""

from __future__ import annotations

from scriptload import load_script


def _module():
    return load_script("scripts/cluster_lookalikes.py")


def test_only_rated_pairs_count_and_a_look_alike_put_together_costs_precision():
    script = _module()
    story_of = {"a": "s1", "b": "s1", "c": "s1", "d": "s2", "e": None}
    pairs = [("a", "b", 1.0), ("c", "a", 3.25), ("d", "e", 1.25), ("a", "d", 2.0)]
    result = script.score(story_of, pairs)
    assert result["pair_precision"] == 0.5  # a-b right, a-c a look-alike (3.25) merged
    assert result["pair_recall"] == 0.5  # d and e (alone: no story) are not together
    assert result["merged_share"]["3-3.5"] == 1.0 and result["merged_share"]["1.5-2.5"] == 0.0
    assert (result["n_same"], result["n_different"]) == (2, 1)
