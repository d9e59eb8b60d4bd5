"""A nearest-neighbour index over a sliding time window, in numpy.

Rows are unit vectors (story centroids) with the time span they cover. A query scans only rows that are
alive, i.e. whose span comes within ``window`` days of the query time; rows that fell out of the window
are dropped by ``expire`` and the matrix is compacted, so the cost of a query is bounded by how much
happens within a window, not by the size of the corpus. Within the window the scan is exact (one
matrix-vector product): at a few thousand live rows that is faster in numpy than hashing.
"""

from __future__ import annotations

import numpy as np


class WindowIndex:
    """Keyed unit vectors with a time span each; ``query`` returns the best keys within a time window."""

    def __init__(self, dim: int, capacity: int = 1024):
        self.dim = dim
        self._vecs = np.zeros((capacity, dim), dtype=np.float32)
        self._first = np.zeros(capacity, dtype=np.float64)
        self._last = np.zeros(capacity, dtype=np.float64)
        self._keys = np.full(capacity, -1, dtype=np.int64)
        self._alive = np.zeros(capacity, dtype=bool)
        self._n = 0  # rows used (alive or dead)
        self._row_of: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._row_of)

    def __contains__(self, key: int) -> bool:
        return key in self._row_of

    def keys(self) -> list[int]:
        return list(self._row_of)

    def _grow(self) -> None:
        capacity = max(1024, 2 * len(self._keys))
        for name in ("_vecs", "_first", "_last", "_keys", "_alive"):
            old = getattr(self, name)
            new = np.zeros((capacity,) + old.shape[1:], dtype=old.dtype)
            if name == "_keys":
                new.fill(-1)
            new[: self._n] = old[: self._n]
            setattr(self, name, new)

    def put(self, key: int, vector: np.ndarray, first: float, last: float) -> None:
        """Insert or replace the row of ``key``."""
        row = self._row_of.get(key)
        if row is None:
            if self._n == len(self._keys):
                if len(self._row_of) < self._n // 2:
                    self._compact()
                else:
                    self._grow()
            row = self._n
            self._n += 1
            self._row_of[key] = row
            self._keys[row] = key
            self._alive[row] = True
        self._vecs[row] = vector
        self._first[row] = first
        self._last[row] = last

    def remove(self, key: int) -> None:
        row = self._row_of.pop(key, None)
        if row is not None:
            self._alive[row] = False
            self._keys[row] = -1

    def query(self, vector: np.ndarray, t: float, window: float, k: int) -> list[tuple[int, float]]:
        """Up to ``k`` ``(key, cosine)`` pairs, best first, among rows whose span is within ``window`` of ``t``."""
        n = self._n
        if n == 0 or k <= 0:
            return []
        scores = self._vecs[:n] @ vector
        usable = self._alive[:n] & (self._last[:n] >= t - window) & (self._first[:n] <= t + window)
        scores = np.where(usable, scores, -np.inf)
        if k < n:
            top = np.argpartition(-scores, k - 1)[:k]
        else:
            top = np.arange(n)
        top = top[np.argsort(-scores[top])]
        return [(int(self._keys[r]), float(scores[r])) for r in top if scores[r] > -np.inf]

    def expire(self, before: float) -> list[int]:
        """Drop rows whose span ended before ``before``; returns their keys."""
        n = self._n
        old = np.flatnonzero(self._alive[:n] & (self._last[:n] < before))
        keys = [int(k) for k in self._keys[old]]
        for key in keys:
            self.remove(key)
        if len(self._row_of) < self._n // 2:
            self._compact()
        return keys

    def _compact(self) -> None:
        rows = np.flatnonzero(self._alive[: self._n])
        m = len(rows)
        for name in ("_vecs", "_first", "_last", "_keys", "_alive"):
            arr = getattr(self, name)
            arr[:m] = arr[rows]
            arr[m : self._n] = -1 if name == "_keys" else 0
        self._n = m
        self._row_of = {int(k): i for i, k in enumerate(self._keys[:m])}

    def nbytes(self) -> int:
        return sum(getattr(self, n).nbytes for n in ("_vecs", "_first", "_last", "_keys", "_alive"))


__all__ = ["WindowIndex"]
