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

import functools
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

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

# datasketch's (bands, rows) for the default settings (threshold 0.6, 128 permutations, LSH_WEIGHTS), as
# its search finds them (tests/test_dedup.py checks): that search integrates the error curve of every
# split, 0.4 s on a quiet machine, which every index built in a process would otherwise spend first
KNOWN_BANDS = {(0.6, 128): (23, 5)}


@functools.lru_cache(maxsize=8)
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's (bands, rows) for these settings, searched once per process."""
    if (threshold, num_perm) in KNOWN_BANDS:
        return KNOWN_BANDS[(threshold, num_perm)]
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS)
    return lsh.b, lsh.r


def _new_lsh(threshold: float, num_perm: int) -> Any:
    from datasketch import MinHashLSH

    return MinHashLSH(
        threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS, params=_bands(threshold, num_perm)
    )


_DTYPES = {"affine32": np.uint32}
_BAND_SEED, _BAND_MULT = (
    np.uint64(0x9E3779B97F4A7C15),
    np.uint64(0xBF58476D1CE4E5B9),
)  # the other schemes (legacy, affine64) keep 64-bit values


def hash_dtype(scheme: str) -> type[np.unsignedinteger]:
    """The dtype datasketch keeps MinHash values of ``scheme`` in (their stored bytes are in it)."""
    return _DTYPES.get(scheme, np.uint64)


@dataclass
class StoredHash:
    """One indexed article as the store keeps it (newsprism/store/state.py)."""

    seq: int
    article_id: str
    when: str  # the first part of its sort key: publication (else ingest) time, or "9999"
    scheme: str
    values: bytes
    group: int | None


@dataclass
class _Rows:
    """A store-backed index: what it read, and what changed since it was read or last written."""

    fetch: Callable[[list[str], list[int]], tuple[list[StoredHash], dict[int, tuple[str, str]]]]
    next_seq: int = 0
    seq: dict[str, int] = field(default_factory=dict)  # article id → seq, of the articles held
    new: list[str] = field(default_factory=list)  # articles indexed since the last write
    members: set[str] = field(default_factory=set)  # articles whose group changed
    groups: set[int] = field(default_factory=set)  # groups whose origin changed or that are new
    folds: list[tuple[int, int]] = field(default_factory=list)  # (group folded, into group), in order
    batch: dict[str, object | None] = field(default_factory=dict)  # MinHashes computed by ``prepare``
    bands: dict[str, list[int]] = field(default_factory=dict)  # and their band keys


@dataclass
class SyndicationChanges:
    """The rows a store-backed index changed (``SyndicationIndex.changes``)."""

    meta: dict[str, Any]
    hashes: list[StoredHash]
    bands: list[tuple[int, int]]  # (band key, seq)
    folds: list[tuple[int, int]]
    members: list[tuple[int | None, str]]  # (group, article id)
    groups: list[tuple[int, str, str]]  # (group, origin, origin's sort time)


class SyndicationIndex:
    """Incremental near-duplicate index: ``add`` returns the origin id of a copy, ``None`` otherwise."""

    def __init__(self, threshold: float = 0.6, num_perm: int = 128, shingle: int = 5, min_shingles: int = 20):
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.min_shingles = min_shingles
        self._lsh = _new_lsh(threshold, num_perm)
        self._hashes: dict[str, object] = {}
        self._group_of: dict[str, int] = {}
        self._groups: dict[int, _Group] = {}
        self._next_group = 0
        self._keys: dict[str, tuple[str, str]] = {}
        self._rows: _Rows | None = None  # set when the index is kept in a store, row by row
        self._restamped: set[str] = set()  # indexed earlier, their group's origin changed since

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
        rows = self._rows
        mh = rows.batch.pop(article.id) if rows is not None and article.id in rows.batch else None
        if mh is None:
            mh = self._minhash(article.text)
        if mh is None:
            return None
        matches = [m for m in self._lsh.query(mh) if mh.jaccard(self._hashes[m]) >= self.threshold]  # type: ignore[attr-defined]
        self._lsh.insert(article.id, mh)
        self._hashes[article.id] = mh
        self._keys[article.id] = _sort_key(article)
        if rows is not None:
            rows.seq[article.id] = rows.next_seq
            rows.next_seq += 1
            rows.new.append(article.id)
        if not matches:
            return None
        key = _sort_key(article)
        group_ids = sorted({self._group_or_new(m) for m in matches})
        target = self._groups[group_ids[0]]
        was_origin = target.origin
        for gid in group_ids[1:]:  # the new copy bridges two groups: fold them into one
            other = self._groups.pop(gid)
            self._restamped.update(other.members)  # checked against the final origin below
            for member in other.members:
                self._group_of[member] = group_ids[0]
            target.members.extend(other.members)
            if other.origin_key < target.origin_key:
                target.origin, target.origin_key = other.origin, other.origin_key
            if rows is not None:
                rows.folds.append((gid, group_ids[0]))
                rows.members.update(other.members)
        target.members.append(article.id)
        self._group_of[article.id] = group_ids[0]
        if key < target.origin_key:  # arrived late but was published first
            target.origin, target.origin_key = article.id, key
        if target.origin != was_origin:
            self._restamped.update(target.members)
        self._restamped.discard(article.id)
        if rows is not None:
            rows.members.add(article.id)
            rows.groups.add(group_ids[0])
        return None if target.origin == article.id else target.origin

    def _group_or_new(self, article_id: str) -> int:
        if article_id in self._group_of:
            return self._group_of[article_id]
        gid = self._next_group
        self._next_group += 1
        self._groups[gid] = _Group(origin=article_id, origin_key=self._keys[article_id], members=[article_id])
        self._group_of[article_id] = gid
        if self._rows is not None:
            self._rows.members.add(article_id)
            self._rows.groups.add(gid)
        return gid

    def origin_of(self, article_id: str) -> str | None:
        """The origin of ``article_id``'s group, ``None`` when it is in no group or is the origin."""
        gid = self._group_of.get(article_id)
        if gid is None:
            return None
        origin = self._groups[gid].origin
        return None if origin == article_id else origin

    def restamped(self) -> dict[str, str | None]:
        """``{article id: its origin now}`` for articles indexed before the last ``add`` calls whose group
        got another origin since (a copy published earlier arrived later, or two groups were folded),
        then forgotten: what an article marked as a copy, or as none, must be marked again."""
        out = {aid: self.origin_of(aid) for aid in sorted(self._restamped)}
        self._restamped = set()
        return out

    def groups(self) -> dict[str, str]:
        """``{copy id: origin id}`` for every copy indexed so far."""
        return {aid: g.origin for g in self._groups.values() for aid in g.members if aid != g.origin}

    def save(self) -> bytes:
        """The index as bytes (``.npz``: MinHash values and a JSON header; no pickle)."""
        ids = list(self._hashes)
        meta = {
            "params": [self.threshold, self.num_perm, self.shingle, self.min_shingles],
            "ids": ids,
            "keys": [list(self._keys[i]) for i in ids],
            "schemes": [self._hashes[i].scheme for i in ids],  # type: ignore[attr-defined]
            "groups": [[g.origin, list(g.origin_key), g.members] for g in self._groups.values() if g.members],
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
        from datasketch import MinHash

        try:
            arrays = np.load(io.BytesIO(data), allow_pickle=False)
            meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
            values = arrays["values"]
        except (OSError, ValueError, KeyError) as exc:
            raise StageError(f"the saved syndication index cannot be read: {exc}") from exc
        self.threshold, self.num_perm, self.shingle, self.min_shingles = meta["params"]
        schemes = meta.get("schemes") or ["affine32"] * len(meta["ids"])
        self._lsh = _new_lsh(self.threshold, self.num_perm)
        self._hashes, self._keys, self._group_of, self._groups = {}, {}, {}, {}
        for i, (aid, key) in enumerate(zip(meta["ids"], meta["keys"], strict=True)):
            mh = MinHash(num_perm=self.num_perm, seed=7, hashvalues=values[i], scheme=schemes[i])
            self._lsh.insert(aid, mh)
            self._hashes[aid] = mh
            self._keys[aid] = (key[0], key[1])
        for gid, (origin, key, members) in enumerate(meta["groups"]):
            self._groups[gid] = _Group(origin=origin, origin_key=(key[0], key[1]), members=list(members))
            for member in members:
                self._group_of[member] = gid
        self._next_group = len(self._groups)
        return self

    # ------------------------------------------------------------------ kept in a store, row by row
    def band_keys(self, *mhs: object) -> list[list[int]]:
        """The LSH bands of each MinHash as signed 64-bit keys: two MinHashes share a key when the index's
        LSH would put them in one bucket of that band (a key is a multiply-xorshift hash of the band's
        values and its number; a false share, odds about 2^-64, is checked against the Jaccard estimate
        like any). Computed for all of ``mhs`` at once."""
        if not mhs:
            return []
        b, r = self._lsh.b, self._lsh.r
        values = np.stack([np.asarray(m.hashvalues[: b * r], dtype=np.uint64) for m in mhs])  # type: ignore[attr-defined]
        values = values.reshape(len(mhs), b, r)
        with np.errstate(over="ignore"):
            key = np.broadcast_to(np.arange(1, b + 1, dtype=np.uint64) * _BAND_SEED, (len(mhs), b)).copy()
            for j in range(r):
                key = (key ^ values[:, :, j]) * _BAND_MULT
                key ^= key >> np.uint64(29)
        return key.view(np.int64).tolist()  # type: ignore[no-any-return]

    def keep_rows(
        self,
        fetch: Callable[[list[str], list[int]], tuple[list[StoredHash], dict[int, tuple[str, str]]]],
        meta: dict[str, Any] | None = None,
    ) -> SyndicationIndex:
        """Keep this index in a store row by row: ``prepare`` then reads, through ``fetch(article ids, band
        keys)``, the stored articles that share a band with a batch (and any of the batch already
        indexed) and their groups; ``changes`` gives the rows to write. ``meta`` is what ``changes`` last
        gave (``None`` for an index new to the store, or read whole: all it holds is then new rows)."""
        rows = self._rows = _Rows(fetch)
        if meta is not None:
            self.threshold, self.num_perm, self.shingle, self.min_shingles = meta["params"]
            self._lsh = _new_lsh(self.threshold, self.num_perm)
            rows.next_seq, self._next_group = int(meta["next_seq"]), int(meta["next_group"])
        else:
            rows.new = list(self._hashes)
            rows.seq = {aid: i for i, aid in enumerate(rows.new)}
            rows.next_seq = len(rows.new)
            rows.members = set(self._group_of)
            rows.groups = set(self._groups)
        return self

    @property
    def in_rows(self) -> bool:
        """Whether the index is kept in a store row by row (``changes`` gives what to write)."""
        return self._rows is not None

    def prepare(self, articles: Iterable[Article]) -> None:
        """Read what adding ``articles`` can touch from the store (one batch of reads, not one per article):
        the stored articles sharing an LSH band with any of them, those of them already indexed, and their
        groups. Then ``add`` finds what it would find with every stored MinHash in memory."""
        rows = self._rows
        if rows is None:
            return
        from datasketch import MinHash

        ids, hashed = [], []
        for article in articles:
            if article.id in self._hashes or article.id in rows.batch:
                continue
            ids.append(article.id)
            mh = rows.batch[article.id] = self._minhash(article.text)
            if mh is not None:
                hashed.append(article.id)
        keys: set[int] = set()
        for aid, bands in zip(hashed, self.band_keys(*(rows.batch[a] for a in hashed)), strict=True):
            rows.bands[aid] = bands
            keys.update(bands)
        stored, groups = rows.fetch(ids, sorted(keys))
        for row in stored:
            if row.article_id in self._hashes:
                continue
            values = np.frombuffer(row.values, dtype=hash_dtype(row.scheme))
            mh = MinHash(num_perm=self.num_perm, seed=7, hashvalues=values, scheme=row.scheme)  # type: ignore[arg-type]
            self._lsh.insert(row.article_id, mh)
            self._hashes[row.article_id] = mh
            self._keys[row.article_id] = (row.when, row.article_id)
            rows.seq[row.article_id] = row.seq
            if row.group is None:
                continue
            self._group_of[row.article_id] = row.group
            group = self._groups.get(row.group)
            if group is None:
                origin, when = groups[row.group]
                group = self._groups[row.group] = _Group(origin=origin, origin_key=(when, origin))
            group.members.append(row.article_id)

    def changes(self) -> SyndicationChanges:
        """The rows written since the index was read (or last changed), marked written."""
        rows = self._rows
        if rows is None:
            raise StageError("only an index kept in rows (keep_rows) has changes")
        hashes: list[StoredHash] = []
        bands: list[tuple[int, int]] = []
        missing = [aid for aid in rows.new if aid not in rows.bands]  # indexed whole, or without prepare
        rows.bands.update(zip(missing, self.band_keys(*(self._hashes[a] for a in missing)), strict=True))
        for aid in rows.new:
            mh = self._hashes[aid]
            seq = rows.seq[aid]
            values = mh.hashvalues  # type: ignore[attr-defined]
            scheme = mh.scheme  # type: ignore[attr-defined]
            data = np.ascontiguousarray(values, dtype=hash_dtype(scheme)).tobytes()
            hashes.append(StoredHash(seq, aid, self._keys[aid][0], scheme, data, self._group_of.get(aid)))
            bands.extend((key, seq) for key in set(rows.bands.pop(aid)))
        out = SyndicationChanges(
            meta={
                "params": [self.threshold, self.num_perm, self.shingle, self.min_shingles],
                "next_seq": rows.next_seq,
                "next_group": self._next_group,
            },
            hashes=hashes,
            bands=bands,
            folds=list(rows.folds),
            members=[(self._group_of.get(aid), aid) for aid in sorted(rows.members)],
            groups=[
                (gid, self._groups[gid].origin, self._groups[gid].origin_key[0])
                for gid in sorted(rows.groups)
                if gid in self._groups
            ],
        )
        rows.new, rows.members, rows.groups, rows.folds = [], set(), set(), []
        return out


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


__all__ = [
    "SyndicationIndex",
    "SyndicationChanges",
    "StoredHash",
    "syndication_groups",
    "shingles",
    "jaccard",
    "hash_dtype",
]
