"""The clusterer's and the syndication index's state in a store, row by row (tables of migration 0007).

An ingest run reads only what clustering its articles needs and writes only what it changed:

    read   the meta row; every document frequency (bounded by the vocabulary, not by the articles); the
           vector sum of every live story (the window index is rebuilt from them); the rest of a story
           (recent members, words, entities, titles) the first time the run needs it; which stories the
           run's articles (and any wire origin) went to; the stored MinHashes that share an LSH band with
           the run's articles, and their groups
    write  the meta rows; every story the run created, joined, merged or faded; its articles; the
           document frequencies it moved; its MinHashes, their bands and the groups they changed

so the cost of a run is bounded by its own articles and the live window, not by the size of the store.
``save_state`` writes everything in one transaction (with whatever else the caller writes inside
``store.transaction()``): a run killed at any moment leaves the state of the run before.

The clustering is the same as with the state saved and read whole (``StoryClusterer.save``/``load``):
the window index is rebuilt from the same rows in the same order with the same axes, a story read late
is the story the whole state held, and the syndication index proposes the same candidates (a stored
MinHash that shares no band with an article could never be proposed for it). Stores saved whole by
earlier versions are read whole once and written as rows by their next run (the old rows are dropped).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from newsprism.cluster import StoryClusterer
from newsprism.dedup import StoredHash, SyndicationIndex
from newsprism.errors import StageError
from newsprism.store import Store

META = "clusterer.rows"  # the clusterer's meta (JSON), in the key/value ``state`` table
BASIS = "clusterer.rows:basis"  # the window index's fitted axes (float32, dim × reduced)
SYNDICATION = "clusterer.rows:syndication"  # the syndication index's meta (JSON)
WHOLE = ("clusterer", "clusterer:syndication")  # the states saved whole by earlier versions
_CHUNK = 500  # ids per IN (…) list


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _marks(n: int) -> str:
    return ",".join("?" * n)


# ---------------------------------------------------------------------------------------------- reading


def _lookup(store: Store):  # type: ignore[no-untyped-def]
    def lookup(ids: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            sql = f"SELECT article_id, story_key FROM cluster_articles WHERE article_id IN ({_marks(len(chunk))})"
            out.update((aid, int(key)) for aid, key in store.state_rows(sql, chunk))
        return out

    return lookup


def _story_loader(store: Store):  # type: ignore[no-untyped-def]
    def load_story(key: int) -> Sequence[Any]:
        rows = store.state_rows(
            "SELECT key, id, first, last, n, merged_into, vec_sum, recent, profile FROM cluster_stories"
            " WHERE key = ?",
            (key,),
        )
        if not rows:
            raise StageError(f"the clustering state of {store.url} has no story {key}: re-cluster the store")
        return rows[0]

    return load_story


def _stories_loader(store: Store):  # type: ignore[no-untyped-def]
    def load_many(keys: list[int], faded: bool) -> list[Sequence[Any]]:
        heavy = "NULL, NULL, NULL" if faded else "vec_sum, recent, profile"
        out: list[Sequence[Any]] = []
        for chunk in _chunks(keys):
            sql = (
                f"SELECT key, id, first, last, n, merged_into, {heavy} FROM cluster_stories"
                f" WHERE key IN ({_marks(len(chunk))})"
            )
            out += store.state_rows(sql, chunk)
        if len(out) < len(set(keys)):
            raise StageError(f"the clustering state of {store.url} lacks stories: re-cluster the store")
        return out

    return load_many


def load_clusterer(store: Store) -> StoryClusterer:
    """The store's clusterer, holding only its live window (an empty one for a new store; a state saved
    whole by an earlier version is read whole, and written as rows by ``save_state``)."""
    meta = store.get_state(META)
    if meta is None:
        whole = store.get_state(WHOLE[0])
        clusterer = StoryClusterer().load(whole or b"")
        if clusterer.fitted:
            clusterer.keep_rows(_lookup(store))
        return clusterer
    try:
        info = json.loads(meta.decode("utf-8"))
    except ValueError as exc:
        raise StageError(f"the clustering state of {store.url} cannot be read: {exc}") from exc
    basis_bytes = store.get_state(BASIS)
    basis = None
    if basis_bytes:
        basis = np.frombuffer(basis_bytes, dtype=np.float32).reshape(int(info["dim"]), -1)
    live = store.state_rows(
        "SELECT key, first, last, n, vec_sum FROM cluster_stories WHERE vec_sum IS NOT NULL ORDER BY key"
    )
    terms = store.state_rows("SELECT space, term, n FROM cluster_terms")
    return StoryClusterer().restore_rows(
        info, basis, live, terms, _story_loader(store), _lookup(store), _stories_loader(store)
    )


def _fetcher(store: Store):  # type: ignore[no-untyped-def]
    """``fetch(article ids, band keys)`` for ``SyndicationIndex.keep_rows``: the stored MinHashes of those
    articles and of every article sharing a band key, with their groups."""

    def fetch(ids: list[str], keys: list[int]) -> tuple[list[StoredHash], dict[int, tuple[str, str]]]:
        seqs: set[int] = set()
        for chunk in _chunks(keys):
            sql = f"SELECT DISTINCT seq FROM dedup_bands WHERE band_key IN ({_marks(len(chunk))})"
            seqs.update(int(r[0]) for r in store.state_rows(sql, chunk))
        cols = "SELECT seq, article_id, sort_when, scheme, hashvalues, grp FROM dedup_hashes"
        found: dict[int, StoredHash] = {}
        wanted: list[tuple[str, Sequence[Any]]] = [
            (f"{cols} WHERE seq IN ({_marks(len(c))})", c) for c in _chunks(sorted(seqs))
        ]
        wanted += [(f"{cols} WHERE article_id IN ({_marks(len(c))})", c) for c in _chunks(ids)]
        for sql, params in wanted:
            for seq, aid, when, scheme, values, grp in store.state_rows(sql, params):
                found[int(seq)] = StoredHash(
                    int(seq), aid, when, scheme, bytes(values), None if grp is None else int(grp)
                )
        group_ids = sorted({h.group for h in found.values() if h.group is not None})
        groups: dict[int, tuple[str, str]] = {}
        for chunk in _chunks(group_ids):
            sql = f"SELECT id, origin, origin_when FROM dedup_groups WHERE id IN ({_marks(len(chunk))})"
            groups.update((int(gid), (origin, when)) for gid, origin, when in store.state_rows(sql, chunk))
        return [found[s] for s in sorted(found)], groups

    return fetch


def load_syndication(store: Store) -> SyndicationIndex:
    """The store's syndication index: empty, reading from the store what each batch can match
    (``SyndicationIndex.prepare``); a state saved whole by an earlier version is read whole."""

    meta = store.get_state(SYNDICATION)
    if meta is None:
        index = SyndicationIndex().load(store.get_state(WHOLE[1]) or b"")
        return index.keep_rows(_fetcher(store))
    try:
        info = json.loads(meta.decode("utf-8"))
    except ValueError as exc:
        raise StageError(f"the syndication index of {store.url} cannot be read: {exc}") from exc
    return SyndicationIndex().keep_rows(_fetcher(store), info)


# ---------------------------------------------------------------------------------------------- writing

_UPSERT_STORY = (
    "INSERT INTO cluster_stories(key, id, first, last, n, merged_into, vec_sum, recent, profile)"
    " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (key) DO UPDATE SET id = excluded.id, first = excluded.first,"
    " last = excluded.last, n = excluded.n, merged_into = excluded.merged_into, vec_sum = excluded.vec_sum,"
    " recent = excluded.recent, profile = excluded.profile"
)
_UPSERT_STATE = (
    "INSERT INTO state(key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


def save_state(store: Store, clusterer: StoryClusterer, syndication: SyndicationIndex) -> None:
    """Write what the run changed, in one transaction (a caller's ``store.transaction()`` included)."""
    statements: list[tuple[str, Sequence[Sequence[Any]]]] = []
    if clusterer.fitted:
        if not clusterer.in_rows:  # a clusterer new to the store: all it holds is new
            clusterer.keep_rows(_lookup(store))
        change = clusterer.changes()
        basis = b"" if change.basis is None else np.ascontiguousarray(change.basis, np.float32).tobytes()
        statements += [
            (_UPSERT_STORY, change.stories),
            (
                "INSERT INTO cluster_articles(article_id, story_key) VALUES (?, ?)"
                " ON CONFLICT (article_id) DO UPDATE SET story_key = excluded.story_key",
                change.articles,
            ),
            (
                "INSERT INTO cluster_terms(space, term, n) VALUES (?, ?, ?)"
                " ON CONFLICT (space, term) DO UPDATE SET n = excluded.n",
                change.terms,
            ),
            (_UPSERT_STATE, [(META, json.dumps(change.meta).encode("utf-8")), (BASIS, basis)]),
        ]
    if not syndication.in_rows:  # an index new to the store
        syndication.keep_rows(_fetcher(store))
    found = syndication.changes()
    statements += [
        (
            "INSERT INTO dedup_hashes(seq, article_id, sort_when, scheme, hashvalues, grp) VALUES (?,?,?,?,?,?)",
            [(h.seq, h.article_id, h.when, h.scheme, h.values, h.group) for h in found.hashes],
        ),
        ("INSERT INTO dedup_bands(band_key, seq) VALUES (?, ?) ON CONFLICT DO NOTHING", found.bands),
        ("UPDATE dedup_hashes SET grp = ? WHERE grp = ?", [(into, gone) for gone, into in found.folds]),
        ("DELETE FROM dedup_groups WHERE id = ?", [(gone,) for gone, _ in found.folds]),
        ("UPDATE dedup_hashes SET grp = ? WHERE article_id = ?", found.members),
        (
            "INSERT INTO dedup_groups(id, origin, origin_when) VALUES (?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, origin_when = excluded.origin_when",
            found.groups,
        ),
        (_UPSERT_STATE, [(SYNDICATION, json.dumps(found.meta).encode("utf-8"))]),
        ("DELETE FROM state WHERE key = ?", [(k,) for k in WHOLE]),
    ]
    store.state_write(statements)


# ---------------------------------------------------------------------------------------------- questions


def stored_model(store: Store) -> str | None:
    """The embedding model the store's stories were built with (``None`` before its first clustering)."""
    meta = store.get_state(META)
    if meta is not None:
        model = json.loads(meta.decode("utf-8")).get("model")
        return str(model) if model else None
    whole = store.get_state(WHOLE[0])
    model = StoryClusterer().load(whole).model_ if whole else None
    return str(model) if model else None


def has_clusterer(store: Store) -> bool:
    """Whether the store has clustered anything yet."""
    return store.get_state(META) is not None or bool(store.get_state(WHOLE[0]))


def survivor_of(store: Store, story_id: str) -> str | None:
    """The story ``story_id`` was merged into (through any later merges), ``None`` when it was not."""
    if store.get_state(META) is None:
        whole = store.get_state(WHOLE[0])
        return StoryClusterer().load(whole).merged_ids().get(story_id) if whole else None
    rows = store.state_rows("SELECT merged_into FROM cluster_stories WHERE id = ?", (story_id,))
    if not rows or int(rows[0][0]) < 0:
        return None
    key, seen = int(rows[0][0]), set()
    while key not in seen:
        seen.add(key)
        found = store.state_rows("SELECT id, merged_into FROM cluster_stories WHERE key = ?", (key,))
        if not found:
            return None
        if int(found[0][1]) < 0:
            return str(found[0][0])
        key = int(found[0][1])
    return None


__all__ = ["load_clusterer", "load_syndication", "save_state", "stored_model", "has_clusterer", "survivor_of"]
