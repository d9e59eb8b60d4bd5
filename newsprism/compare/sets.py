"""Disjoint sets (union-find) over integer indices, for the grouping steps of the comparison."""

from __future__ import annotations


class DisjointSets:
    """``n`` singletons; ``union`` joins two sets, ``find`` names a set by one of its members."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]  # path halving
            i = parent[i]
        return i

    def union(self, i: int, into: int) -> None:
        """Join ``i``'s set to ``into``'s (whose representative stays the representative)."""
        ri, rj = self.find(i), self.find(into)
        if ri != rj:
            self.parent[ri] = rj


__all__ = ["DisjointSets"]
