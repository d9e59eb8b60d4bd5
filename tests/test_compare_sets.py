from __future__ import annotations

from newsprism.compare.sets import DisjointSets


def test_union_joins_sets_and_keeps_the_target_representative():
    sets = DisjointSets(5)
    sets.union(0, 1)
    sets.union(3, 4)
    assert sets.find(0) == sets.find(1) == 1
    assert sets.find(3) == 4 and sets.find(2) == 2
    sets.union(1, 4)
    assert {sets.find(i) for i in (0, 1, 3, 4)} == {4}
    assert sets.find(2) == 2
    sets.union(0, 3)  # already together: nothing changes
    assert sets.find(0) == 4
