"""Syndication: wire copy republished by several outlets becomes one group whose origin is the earliest copy.

Each article's clean text is cut into word shingles (``shingle`` words each, lower-cased) and hashed
into a MinHash; a MinHash LSH index (datasketch) proposes earlier articles whose estimated Jaccard
similarity is at least ``threshold``. A copy points at the group's origin through ``Article.syndication``;
the comparison then counts a group as one voice carried by many outlets.

The LSH bands are chosen to weigh a missed copy four times a false candidate (every candidate is
checked against the MinHash estimate anyway), with 128 permutations: with datasketch's default
balance and 64 permutations about a third of copies whose Jaccard similarity lay between 0.6 and 0.85
were never proposed.

Texts with fewer than ``min_shingles`` shingles (a title alone, a two-line brief) are never grouped:
too little text to tell a copy from two outlets writing the same headline.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from newsprism.errors import StageError
from newsprism.records import Article

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = 5) -> set[str]:
    """Lower-cased word ``size``-grams of ``text``."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _sort_key(article: Article) -> tuple[str, str]:
    """Publication time first (undated articles last, then by ingest time), id to break ties."""
    return (article.published or article.ingested or "9999", article.id)


@dataclass
class _Group:
    origin: str
    origin_key: tuple[str, str]
    members: list[str] = field(default_factory=list)


# (false positive, false negative) weights of the LSH band choice: recall first, the estimate verifies
LSH_WEIGHTS = (0.2, 0.8)


class SyndicationIndex:
    """Incremental near-duplicate index: ``add`` returns the origin id of a copy, ``None`` otherwise."""

    def __init__(self, threshold: float = 0.6, num_perm: int = 128, shingle: int = 5, min_shingles: int = 20):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.min_shingles = min_shingles
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS)
        self._hashes: dict[str, object] = {}
        self._group_of: dict[str, int] = {}
        self._groups: list[_Group] = []
        self._keys: dict[str, tuple[str, str]] = {}

    def _minhash(self, text: str) -> object | None:
        from datasketch import MinHash

        grams = shingles(text, self.shingle)
        if len(grams) < self.min_shingles:
            return None
        mh = MinHash(num_perm=self.num_perm, seed=7)
        mh.update_batch([g.encode("utf-8") for g in grams])
        return mh

    def add(self, article: Article) -> str | None:
        """Index ``article``; when it copies an indexed article, the id of its group's origin."""
        if article.id in self._hashes:
            return self.origin_of(article.id)
        mh = self._minhash(article.text)
        if mh is None:
            return None
        matches = [m for m in self._lsh.query(mh) if mh.jaccard(self._hashes[m]) >= self.threshold]  # type: ignore[attr-defined]
        self._lsh.insert(article.id, mh)
        self._hashes[article.id] = mh
        self._keys[article.id] = _sort_key(article)
        if not matches:
            return None
        key = _sort_key(article)
        group_ids = sorted({self._group_or_new(m) for m in matches})
        target = self._groups[group_ids[0]]
        for gid in group_ids[1:]:  # the new copy bridges two groups: fold them into one
            other = self._groups[gid]
            for member in other.members:
                self._group_of[member] = group_ids[0]
            target.members.extend(other.members)
            if other.origin_key < target.origin_key:
                target.origin, target.origin_key = other.origin, other.origin_key
            other.members = []
        target.members.append(article.id)
        self._group_of[article.id] = group_ids[0]
        if key < target.origin_key:  # arrived late but was published first
            target.origin, target.origin_key = article.id, key
        return None if target.origin == article.id else target.origin

    def _group_or_new(self, article_id: str) -> int:
        if article_id in self._group_of:
            return self._group_of[article_id]
        self._groups.append(
            _Group(origin=article_id, origin_key=self._keys[article_id], members=[article_id])
        )
        self._group_of[article_id] = len(self._groups) - 1
        return len(self._groups) - 1

    def origin_of(self, article_id: str) -> str | None:
        """The origin of ``article_id``'s group, ``None`` when it is in no group or is the origin."""
        gid = self._group_of.get(article_id)
        if gid is None:
            return None
        origin = self._groups[gid].origin
        return None if origin == article_id else origin

    def groups(self) -> dict[str, str]:
        """``{copy id: origin id}`` for every copy indexed so far."""
        return {aid: g.origin for g in self._groups for aid in g.members if aid != g.origin}

    def save(self) -> bytes:
        """The index as bytes (``.npz``: MinHash values and a JSON header; no pickle)."""
        ids = list(self._hashes)
        meta = {
            "params": [self.threshold, self.num_perm, self.shingle, self.min_shingles],
            "ids": ids,
            "keys": [list(self._keys[i]) for i in ids],
            "schemes": [self._hashes[i].scheme for i in ids],  # type: ignore[attr-defined]
            "groups": [[g.origin, list(g.origin_key), g.members] for g in self._groups if g.members],
        }
        values = np.array([self._hashes[i].hashvalues for i in ids], dtype=np.uint64)  # type: ignore[attr-defined]
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer, meta=np.frombuffer(json.dumps(meta).encode("utf-8"), np.uint8), values=values
        )
        return buffer.getvalue()

    def load(self, data: bytes) -> SyndicationIndex:
        """Restore what ``save`` wrote (into a fresh index); returns ``self``."""
        if not data:
            return self
        from datasketch import MinHash, MinHashLSH

        try:
            arrays = np.load(io.BytesIO(data), allow_pickle=False)
            meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
            values = arrays["values"]
        except (OSError, ValueError, KeyError) as exc:
            raise StageError(f"the saved syndication index cannot be read: {exc}") from exc
        self.threshold, self.num_perm, self.shingle, self.min_shingles = meta["params"]
        schemes = meta.get("schemes") or ["affine32"] * len(meta["ids"])
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm, weights=LSH_WEIGHTS)
        self._hashes, self._keys, self._group_of, self._groups = {}, {}, {}, []
        for i, (aid, key) in enumerate(zip(meta["ids"], meta["keys"], strict=True)):
            mh = MinHash(num_perm=self.num_perm, seed=7, hashvalues=values[i], scheme=schemes[i])
            self._lsh.insert(aid, mh)
            self._hashes[aid] = mh
            self._keys[aid] = (key[0], key[1])
        for origin, key, members in meta["groups"]:
            self._groups.append(_Group(origin=origin, origin_key=(key[0], key[1]), members=list(members)))
            for member in members:
                self._group_of[member] = len(self._groups) - 1
        return self


def syndication_groups(articles: Iterable[Article], index: SyndicationIndex | None = None) -> dict[str, str]:
    """``{copy id: origin id}`` over ``articles`` (in publication order); sets ``Article.syndication``."""
    index = index or SyndicationIndex()
    ordered = sorted(articles, key=_sort_key)
    for article in ordered:
        index.add(article)
    groups = index.groups()
    for article in ordered:
        article.syndication = groups.get(article.id)
    return groups


def jaccard(a: set[str], b: set[str]) -> float:
    """Exact Jaccard similarity of two shingle sets (for checks and tests)."""
    return len(a & b) / len(a | b) if a or b else 0.0


__all__ = ["SyndicationIndex", "syndication_groups", "shingles", "jaccard"]
