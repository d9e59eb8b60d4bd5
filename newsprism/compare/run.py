"""The library functions behind ``newsprism compare`` and ``newsprism story``.

compare_inputs(inputs)       extract → analyze → syndication → group → compare → tone, no store
stored_story(store, id)      a stored story with its articles, compared now if it was not yet
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypedDict

from newsprism.records import Article, Skip, Story


class CompareResult(TypedDict):
    """What ``compare_inputs`` returns: the DESIGN.md contract's two lists, plus the inputs skipped."""

    articles: list[Article]
    stories: list[Story]
    skipped: list[Skip]


def to_contract(result: CompareResult) -> dict[str, Any]:
    """The JSON contract: ``{"articles": [Article…], "stories": [Story…]}`` as plain dicts."""
    return {
        "articles": [a.to_dict() for a in result["articles"]],
        "stories": [s.to_dict() for s in result["stories"]],
    }


def ensure_compared(story: Story, articles: list[Article], *, embedder: Any = None) -> Story:
    """Compare ``story`` unless it already carries a comparison; never raises for one bad story."""
    from newsprism.compare import compare_story
    from newsprism.compare.tone import apply_tone

    try:
        if not (story.claims or story.tone or story.comments):
            compare_story(story, articles, embedder=embedder)
        if articles and not story.tone:
            apply_tone(story, articles)
    except Exception as exc:  # one story that cannot be compared does not sink the run
        _failed(story, exc)
    return story


def _failed(story: Story, exc: Exception) -> None:
    note = f"comparison failed: {type(exc).__name__}: {exc}"
    if note not in story.warnings:
        story.warnings.append(note)


def compare_task(item: tuple[Story, list[Article]]) -> Story:
    """``compare_story`` for an engine: one ``(story, its articles)`` in, the compared story out.

    Runs on the engine's workers (a module-level function, so it pickles); a story that cannot be
    compared comes back with a warning instead of failing the map.
    """
    from newsprism.compare import compare_story

    story, articles = item
    try:
        compare_story(story, articles)
    except Exception as exc:  # one story that cannot be compared does not sink the run
        _failed(story, exc)
    return story


def compare_inputs(
    inputs: Iterable[str],
    *,
    settings: Any = None,
    engine: Any = None,
    progress: Any = None,
    embedder: Any = None,
    one_story: bool = False,
) -> CompareResult:
    """Read ``inputs`` (files, directories, URLs… as ``extract``), group the articles into stories
    (wire copies marked as syndicated) and compare each story. Two files are enough; no store is used.

    With ``one_story`` the articles are not grouped: all of them are compared as one story.
    """
    from newsprism.embed import get_embedder
    from newsprism.pipeline import extract_inputs
    from newsprism.stories import chosen_model, cluster_params, group_articles

    params = cluster_params(settings)  # a bad value fails before any page is read
    model = chosen_model(settings)  # the embed.model setting groups the articles; comparing keeps its own
    grouper = get_embedder(model) if model else embedder
    run = extract_inputs(list(inputs), analyze=True, settings=settings, engine=engine, progress=progress)
    result = CompareResult(articles=run.articles, stories=[], skipped=run.skips)
    if not run.articles:
        return result
    if progress is not None:
        progress.stage("comparing outlets")
    by_id = {a.id: a for a in run.articles}
    stories = (
        [single_story(run.articles)]
        if one_story
        else group_articles(run.articles, embedder=grouper, params=params)
    )
    for story in stories:
        members = [by_id[i] for i in story.article_ids if i in by_id]
        result["stories"].append(ensure_compared(story, members, embedder=embedder))
    return result


def single_story(articles: list[Article]) -> Story:
    """All ``articles`` as one story, wire copies marked (what ``group_articles`` does, minus grouping)."""
    from newsprism.dedup import SyndicationIndex
    from newsprism.records import sha1
    from newsprism.stories import make_story, publication_order

    index = SyndicationIndex()
    for article in publication_order(articles):
        index.add(article)
    for article in articles:  # after all are in: a copy read later may be its group's origin
        article.syndication = index.origin_of(article.id)
    story_id = "st-" + sha1(" ".join(sorted(a.id for a in articles)))[:16]
    return make_story(story_id, articles)


def stored_story(store: Any, story_id: str) -> tuple[Story, list[Article]] | None:
    """A stored story (a merged id resolves to its survivor) and its articles, compared if not yet."""
    from newsprism.stories import get_story

    found = get_story(store, story_id)
    if found is None:
        return None
    story, articles = found
    return ensure_compared(story, articles), articles


__all__ = [
    "CompareResult",
    "compare_inputs",
    "single_story",
    "stored_story",
    "ensure_compared",
    "compare_task",
    "to_contract",
]
