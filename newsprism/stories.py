"""Glue: embed → dedup → cluster → ``Story`` records, for a store (incremental) or an ad-hoc set of articles.

``update_stories(store, new_articles)`` is what ingest calls after storing articles: it reuses the
cached vectors, marks syndicated copies, feeds the articles in publication order to the clusterer saved
in the store, and writes the stories they touched (deleting stories that merged into others).
``group_articles(articles)`` does the same in memory for ``compare``. Each story written is cut into
the single happenings it holds (``Story.events``, ``newsprism.events``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from newsprism.cluster import StoryClusterer
from newsprism.dedup import SyndicationIndex
from newsprism.embed import Embedder, embed_articles, get_embedder, resolve
from newsprism.errors import ConfigError, StageError, UsageError
from newsprism.events import split_events
from newsprism.records import Article, Story, sha1
from newsprism.signals import parse_time
from newsprism.store import Store

log = logging.getLogger(__name__)


def publication_order(articles: Iterable[Article]) -> list[Article]:
    """Articles by publication time; undated ones by ingest time, then those with neither, input order kept."""

    def key(pair: tuple[int, Article]) -> tuple[float, int]:
        i, a = pair
        t = parse_time(a.published)
        if t is None:
            t = parse_time(a.ingested)
        return (t if t is not None else float("inf"), i)

    return [a for _, a in sorted(enumerate(articles), key=key)]


#: the clusterer parameters a user may set (settings ``cluster.*``), with the range each must lie in
CLUSTER_SETTINGS = {
    "join_threshold": (0.0, 1.0),
    "merge_threshold": (0.0, 1.0),
    "window_days": (0.01, 3650.0),
}


#: the values of the ``embed.model`` setting and the embedder each names (``None``: the automatic choice)
EMBEDDERS = {"auto": None, "use": "use-m3", "e5": "e5-small"}


def chosen_model(settings: Mapping[str, Any] | None) -> str | None:
    """The embedding model the ``embed.model`` setting names (``use-m3``, ``e5-small``), ``None`` for auto."""
    if settings is None:
        return None
    value = str(settings["embed.model"]).strip().lower()
    names = {**EMBEDDERS, **{m: m for m in EMBEDDERS.values() if m}}
    if value not in names:
        raise ConfigError(f"setting embed.model must be one of {', '.join(EMBEDDERS)}, got {value!r}")
    return names[value]


def check_store_model(store: Store, model: str | None) -> None:
    """Fail (``UsageError``) when ``model`` is not the one ``store``'s stories were built with."""
    from newsprism.store.state import stored_model

    built = stored_model(store)
    if model and built and model != built:
        raise _other_model(store, built, model)


def _other_model(store: Store, built: str, model: str) -> UsageError:
    return UsageError(
        f"the stories of {store.url} were built with the {built} embedder, not {model}: vectors of two"
        f" models cannot be compared; keep {built} or use a new store"
    )


def cluster_params(settings: Mapping[str, Any] | None) -> dict[str, float]:
    """The ``cluster.*`` settings as ``StoryClusterer`` parameters (none without settings), range-checked."""
    if settings is None:
        return {}
    params = {}
    for name, (low, high) in CLUSTER_SETTINGS.items():
        value = float(settings[f"cluster.{name}"])
        if not low <= value <= high:
            raise ConfigError(f"setting cluster.{name} must lie between {low:g} and {high:g}, got {value:g}")
        params[name] = value
    return params


def cluster_articles(
    articles: Sequence[Article],
    vectors: dict[str, np.ndarray],
    clusterer: StoryClusterer | None = None,
    *,
    dedup: bool = True,
    syndication: SyndicationIndex | None = None,
) -> StoryClusterer:
    """Feed ``articles`` (sorted here into publication order) to ``clusterer``; returns it.

    With ``dedup``, copies of wire stories get ``Article.syndication`` and join their origin's story.
    An article the clusterer cannot take gets a warning and no story; the stream goes on.
    """
    clusterer = clusterer if clusterer is not None else StoryClusterer()
    index = syndication if syndication is not None else (SyndicationIndex() if dedup else None)
    if vectors:
        clusterer.start(len(next(iter(vectors.values()))))
    for article in publication_order(articles):
        if index is not None:
            article.syndication = index.add(article)
        try:
            clusterer.add(article, vectors.get(article.id))
        except StageError as exc:
            article.warnings.append(f"not clustered: {exc}")
            log.warning("article %s not clustered: %s", article.id, exc)
    if index is not None:  # a copy read later but published first became its group's origin: say so
        for article in articles:
            article.syndication = index.origin_of(article.id)
    return clusterer


def _time_key(article: Article) -> float:
    t = parse_time(article.published) or parse_time(article.ingested)
    return t if t is not None else float("inf")


def _when(article: Article) -> str | None:
    return article.published or article.ingested


def make_story(
    story_id: str,
    members: Sequence[Article],
    base: Story | None = None,
    *,
    vectors: Mapping[str, np.ndarray] | None = None,
    model: str | None = None,
) -> Story:
    """A ``Story`` over ``members`` (its title is the earliest article's); keeps ``base``'s comparison.

    With ``vectors`` (of the members, by ``model``) its ``events`` are found; else it is one event.
    """
    ordered = sorted(members, key=_time_key)
    dated = [a for a in ordered if _when(a)]
    story = base if base is not None else Story(id=story_id, title="")
    story.id = story_id
    story.article_ids = [a.id for a in ordered]
    story.title = next((a.title for a in ordered if a.title), None) or (
        ordered[0].text[:80] if ordered else ""
    )
    story.first_published = _when(dated[0]) if dated else None
    story.last_published = _when(dated[-1]) if dated else None
    story.outlets = sorted({o for a in ordered if (o := a.source.name or a.source.domain)})
    story.languages = sorted({a.language for a in ordered})
    story.events = (
        split_events(ordered, vectors, model)
        if vectors is not None
        else ([list(story.article_ids)] if ordered else [])
    )
    return story


def group_articles(
    articles: list[Article],
    *,
    embedder: Embedder | None = None,
    clusterer: StoryClusterer | None = None,
    params: Mapping[str, Any] | None = None,
) -> list[Story]:
    """Stories over an ad-hoc set of articles (no store), largest first; ``params`` (``cluster_params``)
    set the new clusterer's thresholds."""
    if not articles:
        return []
    model = resolve(embedder or get_embedder("auto"), articles)
    vectors = embed_articles(articles, model)
    fitted = cluster_articles(
        articles, vectors, clusterer or StoryClusterer(model=model.name, **(params or {}))
    )
    by_id = {a.id: a for a in articles}
    stories = [
        make_story(sid, [by_id[i] for i in ids if i in by_id], vectors=vectors, model=model.name)
        for sid, ids in fitted.members().items()
    ]
    placed = {i for s in stories for i in s.article_ids}
    stories += [make_story("st-" + sha1(a.id)[:16], [a]) for a in by_id.values() if a.id not in placed]
    return sorted(stories, key=lambda s: (-len(s.article_ids), s.first_published or "", s.id))


def update_stories(
    store: Store,
    articles: list[Article],
    *,
    embedder: Embedder | None = None,
    params: Mapping[str, Any] | None = None,
) -> list[Story]:
    """Cluster new ``articles`` into the store's stories; returns the stories written (touched or merged into).

    ``params`` (``cluster_params`` of the settings) apply to this run whatever the store's clusterer was
    saved with, and are saved with it.

    The clusterer and the syndication index are read from the store row by row, only what these
    articles need (newsprism/store/state.py); vectors come from the store's cache. The stories, the
    deletion of those merged away and the state the run changed are written in one transaction. The
    first call fixes the embedding model of the store (``auto``: USE when it covers the languages of
    that first batch, else e5); later calls reuse it, so that vectors stay comparable (an ``embedder``
    naming another model is a ``UsageError``).
    """
    from newsprism.store.state import load_clusterer, load_syndication, save_state

    if not articles:
        return []
    clusterer = load_clusterer(store)
    syndication = load_syndication(store)
    clusterer.know(a.id for a in articles)
    fresh = [a for a in articles if clusterer.story_of(a.id) is None]
    if clusterer.fitted and clusterer.model_:
        model = resolve(embedder, fresh) if embedder is not None else get_embedder(clusterer.model_)
        if model.name != clusterer.model_:
            raise _other_model(store, clusterer.model_, model.name)
    else:
        model = resolve(embedder or get_embedder("auto"), fresh)
    if not clusterer.fitted:
        clusterer = StoryClusterer(model=model.name)
    clusterer.set_params(**(params or {}))
    vectors: dict[str, np.ndarray] = {}
    if fresh:
        vectors = embed_articles(fresh, model, store)
        syndication.prepare(fresh)
        cluster_articles(fresh, vectors, clusterer, syndication=syndication)
    if not clusterer.fitted:  # nothing could be clustered
        return []

    merged_now = clusterer.merged_this_session()
    # articles the clusterer already knew (a run killed before their story was written) are rewritten too
    fresh_ids = {a.id for a in fresh}
    new_members: dict[str, list[Article]] = {}
    for article in articles:
        sid = clusterer.story_of(article.id)
        if sid and (article.id in fresh_ids or store.story_of(article.id) is None):
            new_members.setdefault(sid, []).append(article)
    touched = set(new_members) | set(merged_now.values())
    written: list[Story] = []
    for sid in sorted(touched):
        base = store.get_story(sid)
        member_ids: set[str] = set(base.article_ids) if base else set()
        for old_id, survivor in merged_now.items():
            if survivor == sid and (old := store.get_story(old_id)) is not None:
                member_ids.update(old.article_ids)
        fresh_here = {a.id: a for a in new_members.get(sid, [])}
        stored = {a.id: a for a in store.articles(ids=sorted(member_ids - set(fresh_here)))}
        members = list(stored.values()) + list(fresh_here.values())
        known = dict(store.get_vectors(model.name, sorted(set(stored) - set(vectors))))
        known.update(vectors)
        written.append(make_story(sid, members, base, vectors=known, model=model.name))
    # stored copies whose group got an earlier origin from this batch are marked again
    restamped = syndication.restamped()
    stale = [
        a
        for a in store.articles(ids=sorted(set(restamped) - fresh_ids))
        if a.syndication != restamped.get(a.id)
    ]
    with store.transaction():  # all of the run or none of it: a killed run is done again whole
        for article in stale:
            article.syndication = restamped[article.id]
            store.put_article(article)
        for story in written:
            store.put_story(story)
        for old_id in merged_now:
            store.delete_story(old_id)
        save_state(store, clusterer, syndication)
    return written


def list_stories(store: Store, *, since: str | None = None, limit: int | None = None) -> list[Story]:
    """Stories of the store, newest first (for ``newsprism stories``)."""
    return list(store.stories(since=since, limit=limit))


def get_story(store: Store, story_id: str) -> tuple[Story, list[Article]] | None:
    """One story and its articles (for ``newsprism story ID``); a merged id resolves to its survivor."""
    story = store.get_story(story_id)
    if story is None:
        from newsprism.store.state import survivor_of

        survivor = survivor_of(store, story_id)
        story = store.get_story(survivor) if survivor else None
    if story is None:
        return None
    articles = list(store.articles(ids=story.article_ids))
    # an article that knows only its outlet's domain is shown by the name the store has for that domain
    names = store.source_names(a.source.domain for a in articles if a.source.domain and not a.source.name)
    for a in articles:
        if a.source.domain and not a.source.name:
            a.source.name = names.get(a.source.domain)
    return story, articles


__all__ = [
    "update_stories",
    "chosen_model",
    "check_store_model",
    "group_articles",
    "cluster_articles",
    "make_story",
    "publication_order",
    "list_stories",
    "get_story",
]
