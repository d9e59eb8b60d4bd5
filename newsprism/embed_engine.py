"""Embedding on the engine's workers, before clustering: batches of (title + lead) texts mapped in parallel.

Clustering runs in the client, and would otherwise embed every new article there, on one core. When the
engine has workers (the local pool or Dask), :func:`embed_on_engine` first picks the model exactly as
:func:`newsprism.stories.update_stories` will (the store's model once it has one, else the automatic
choice over the articles waiting for a story), embeds the articles whose vector is not cached yet on the
workers, and puts the vectors in the store's cache, where clustering finds them. A batch that fails on
a worker is left out; clustering then embeds those articles itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from newsprism.embed import Embedder, article_text_for_embedding, get_embedder, resolve, use_covers
from newsprism.errors import NewsprismError
from newsprism.records import Article

if TYPE_CHECKING:
    from newsprism.engine import Engine
    from newsprism.store import Store

BATCH = 32


@dataclass
class EmbedTask:
    model: str  # an embedder name get_embedder knows: use-m3, e5-small
    texts: list[str]
    languages: list[str]


def embed_batch(task: EmbedTask) -> np.ndarray | None:
    """One batch on a worker; None when the model fails on it (the client embeds those articles)."""
    try:
        return get_embedder(task.model).embed(task.texts, task.languages)
    except NewsprismError:
        return None


def clustering_model(store: Store, articles: Sequence[Article], chosen: str | None = None) -> Embedder:
    """The embedder ``update_stories`` will use for ``articles`` in ``store``: the store's, else the one
    ``chosen`` (the ``embed.model`` setting), else the automatic choice over the articles."""
    from newsprism.store.state import stored_model

    model = stored_model(store) or chosen
    if model:
        return get_embedder(model)
    return resolve(get_embedder("auto"), list(articles))  # a new store: every article is fresh


def embed_on_engine(
    engine: Engine,
    store: Store,
    articles: Sequence[Article],
    *,
    batch: int = BATCH,
    model: str | None = None,
) -> int:
    """Embed the articles of ``articles`` not yet cached in ``store`` on ``engine``; returns how many.
    ``model``: the embedder the ``embed.model`` setting names, if any."""
    if not articles:
        return 0
    embedder = clustering_model(store, articles, model)
    unique = list({a.id: a for a in articles}.values())
    cached = store.get_vectors(embedder.name, [a.id for a in unique])
    todo = [a for a in unique if a.id not in cached]
    covered = getattr(embedder, "languages", None)
    for article in todo:  # the note embed_articles would add
        if covered is not None and not use_covers([article.language]):
            article.warnings.append(
                f"language {article.language!r} is not covered by {embedder.name}: its vector is approximate"
            )
    batches = [todo[i : i + batch] for i in range(0, len(todo), batch)]

    def tasks() -> Iterator[EmbedTask]:
        for chunk in batches:
            yield EmbedTask(
                embedder.name, [article_text_for_embedding(a) for a in chunk], [a.language for a in chunk]
            )

    done = 0
    for chunk, matrix in zip(batches, engine.map(embed_batch, tasks()), strict=True):
        if matrix is None or len(matrix) != len(chunk):
            continue
        store.put_vectors(embedder.name, {a.id: row for a, row in zip(chunk, matrix, strict=True)})
        done += len(chunk)
    return done


__all__ = ["embed_on_engine", "embed_batch", "clustering_model", "EmbedTask"]
