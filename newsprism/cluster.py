"""Online story clustering: each article, in publication order, joins the best live story or starts one.

Candidates are the ``candidates`` stories whose centroid is nearest the article's vector among the stories
alive within ``window_days`` of its time (``WindowIndex``: the cost per article is bounded by the window,
not the corpus). Each candidate is scored by a logistic model over:

    dense     cosine to the story centroid, and the best cosine to its recent members (cross-lingual)
    tfidf     cosine of stemmed words, IDF learned online per language (only within a language)
    entities  overlap of normalised entity keys          numbers  shared numbers
    specific  the same weighted by entity IDF (rarest shared entity, the story's core entities)
    title     best TF-IDF cosine of the title to the titles of the story's recent members
    time      log(1 + days between the article and the story's span)         size  log(1 + articles)

The article joins the most probable candidate when its probability reaches ``join_threshold``; else it
starts a story. Each time the story it joined doubles in size, it is compared with its nearest live
stories, member to member: the same model at ``merge_threshold``, its cosines taken between the two
stories' recent members (mean and best pair) and its entity and number features between their core
entities and numbers (those carried by a ``merge_core`` share of their articles, not everything a story
has gathered, which let large stories absorb every look-alike event). Stories whose core entities are
disjoint, or whose members' mean cosine is below ``merge_linkage``, never merge. Merged ids keep
resolving to the survivor. With ``entity_veto`` = k > 0 an article naming k or more entities cannot join
a story naming k or more when they share none (off by default: it costs dev recall). A story fades
when nothing joined it for ``window_days + min(max_extra_days, window_days × growth × log2(articles))``
(a story that keeps drawing articles lives longer, within a bound that keeps the index small): it leaves the index and keeps only its metadata.

The model's weights were fitted on the dev splits (``newsprism.evaluate.clustering.fit_weights``); a
second set without the word features serves pairs in different languages, and each has a twin for
articles whose entities were read from capitalised words rather than found by the analyzer (``KINDS``).
Copies found by dedup (``Article.syndication``) join their origin's story directly.
"""

from __future__ import annotations

import io
import json
import math
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsprism.ann import WindowIndex
from newsprism.blas import single_blas_thread
from newsprism.errors import StageError
from newsprism.records import Article, sha1
from newsprism.signals import Signals, extract_signals

FEATURES = (
    "dense",
    "dense_max",
    "tfidf",
    "entities",
    "entities_n",
    "numbers",
    "gap",
    "size",
    "entities_idf",
    "entities_top",
    "entities_miss",
    "entities_core",
    "title_max",
)
#: the model's weight sets: "full" for an article and a story in one language, "cross" for two (no word
#: features); each with entities from the analyzer, and "_words" with entities read from capitalised words
KINDS = ("full", "cross", "full_words", "cross_words")

# Fitted for each embedding model on dev data only by newsprism.evaluate.clustering.fit_weights over
# dev_sets() (basil dev and giveme5w1h as given, and their events packed into dense days, titles and leads
# only; window_days=5, growth=1): "full" and "cross" on the articles as the analyzer leaves them (what
# ingest and compare cluster), "full_words" and "cross_words" on the raw articles (entities read from
# capitalised words: ingest --no-analyze); join_threshold and merge_threshold then chosen on the analysed
# sets (mean BCubed F1 over the six streams, USE: 0.9076 at 0.35 / 0.6; the analysed articles under the
# "_words" weights, as ingest clustered them before, 0.8977; the raw path 0.9023). Weights a model lacks
# (features added after its fit) count as 0.
DEFAULT_WEIGHTS: dict[str, dict[str, dict[str, float]]] = {
    "use-m3": {
        "full": {
            "bias": -5.148,
            "dense": 3.3,
            "dense_max": 3.627,
            "tfidf": 9.71,
            "entities": 0.695,
            "entities_n": 0.031,
            "numbers": 1.132,
            "gap": -2.139,
            "size": -0.962,
            "entities_idf": -0.634,
            "entities_top": -0.097,
            "entities_miss": -0.957,
            "entities_core": -0.585,
            "title_max": 8.282,
        },
        "cross": {
            "bias": -9.153,
            "dense": 9.487,
            "dense_max": 5.435,
            "tfidf": 0.0,
            "entities": 0.781,
            "entities_n": -1.165,
            "numbers": 1.856,
            "gap": -2.35,
            "size": -0.718,
            "entities_idf": 1.702,
            "entities_top": 0.008,
            "entities_miss": 1.324,
            "entities_core": 0.628,
            "title_max": 0.0,
        },
        "full_words": {
            "bias": -5.933,
            "dense": 3.593,
            "dense_max": 4.179,
            "tfidf": 9.302,
            "entities": 0.734,
            "entities_n": -1.674,
            "numbers": 0.909,
            "gap": -2.146,
            "size": -1.021,
            "entities_idf": -0.71,
            "entities_top": 1.092,
            "entities_miss": -0.399,
            "entities_core": 0.819,
            "title_max": 7.867,
        },
        "cross_words": {
            "bias": -8.75,
            "dense": 8.452,
            "dense_max": 5.607,
            "tfidf": 0.0,
            "entities": 0.962,
            "entities_n": -2.472,
            "numbers": 1.662,
            "gap": -2.297,
            "size": -0.902,
            "entities_idf": 1.903,
            "entities_top": 1.647,
            "entities_miss": 1.059,
            "entities_core": 1.883,
            "title_max": 0.0,
        },
    },
    "e5-small": {
        "full": {
            "bias": -12.502,
            "dense": 6.169,
            "dense_max": 6.771,
            "tfidf": 11.718,
            "entities": 0.641,
            "entities_n": 0.566,
            "numbers": 0.873,
            "gap": -1.979,
            "size": -1.301,
            "entities_idf": -0.689,
            "entities_top": 0.073,
            "entities_miss": -1.417,
            "entities_core": -0.697,
            "title_max": 8.749,
        },
        "cross": {
            "bias": -32.897,
            "dense": 18.2,
            "dense_max": 18.447,
            "tfidf": 0.0,
            "entities": 0.166,
            "entities_n": 0.124,
            "numbers": 1.253,
            "gap": -2.04,
            "size": -1.242,
            "entities_idf": 2.287,
            "entities_top": 0.558,
            "entities_miss": 0.877,
            "entities_core": 0.977,
            "title_max": 0.0,
        },
        "full_words": {
            "bias": -12.784,
            "dense": 6.196,
            "dense_max": 6.881,
            "tfidf": 10.861,
            "entities": 0.754,
            "entities_n": -0.82,
            "numbers": 1.217,
            "gap": -1.999,
            "size": -1.454,
            "entities_idf": -0.43,
            "entities_top": 0.839,
            "entities_miss": -1.065,
            "entities_core": 0.966,
            "title_max": 8.333,
        },
        "cross_words": {
            "bias": -27.651,
            "dense": 15.193,
            "dense_max": 15.774,
            "tfidf": 0.0,
            "entities": 0.417,
            "entities_n": -0.379,
            "numbers": 2.022,
            "gap": -2.012,
            "size": -1.512,
            "entities_idf": 2.585,
            "entities_top": 0.971,
            "entities_miss": 0.237,
            "entities_core": 2.447,
            "title_max": 0.0,
        },
    },
}
# Same-story pairs in two languages have lower cosines than in one: SemEval-2022 Task 8 dev pairs rated
# Overall <= 1.5 average 0.528 (de-en) vs 0.617 (one language) under USE, 0.871 vs 0.919 under e5. This is
# added to the cosines of an article and a story that has no article in the article's language.
CROSS_LINGUAL_BOOST = {"use-m3": 0.06, "e5-small": 0.04}

_SHARED = FEATURES.index("entities_n")
_MAX_TERMS = 256  # words kept per story profile
_MAX_ENTITIES = 128
_EMPTY: dict[int, int] = {}  # shared by faded stories (never written to)
_EMPTY_TERMS: dict[str, dict[int, float]] = {}


@dataclass(slots=True)
class _Story:
    """A live story's running summary (dropped to its metadata when it fades)."""

    key: int
    id: str
    first: float
    last: float
    n: int = 0
    vec_sum: np.ndarray | None = None
    recent: np.ndarray | None = None  # the last ``recent_members`` vectors, one per row
    recent_titles: list[dict[int, int]] = field(default_factory=list)  # and their titles' stems
    terms: dict[str, dict[int, float]] = field(default_factory=dict)  # language → stem → count
    entities: dict[int, int] = field(default_factory=dict)
    numbers: dict[int, int] = field(default_factory=dict)
    merged_into: int = -1

    @property
    def live(self) -> bool:
        return self.vec_sum is not None

    def centroid(self) -> np.ndarray:
        assert self.vec_sum is not None
        norm = float(np.linalg.norm(self.vec_sum))
        return self.vec_sum / norm if norm > 0 else self.vec_sum


def _at(sig: Signals, t: float) -> Signals:
    """``sig`` placed at time ``t`` (for undated articles)."""
    return Signals(
        sig.time if sig.time is not None else t,
        sig.language,
        sig.terms,
        sig.entities,
        sig.numbers,
        title_terms=sig.title_terms,
        analyzed=sig.analyzed,
    )


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))


def _prune(counts: dict[int, Any], cap: int) -> None:
    if len(counts) > cap * 3 // 2:
        keep = sorted(counts.items(), key=lambda kv: -kv[1])[:cap]
        counts.clear()
        counts.update(keep)


class _StoryMap(dict[int, _Story]):
    """The stories of a store-backed clusterer by key: only those read this session are held, and a story
    not yet read comes from the store the first time it is asked for (``load_story``). Iterating yields the
    stories held, by key; ``len`` counts every story, held or not (the next story's key)."""

    def __init__(
        self,
        load_story: Callable[[int], _Story],
        count: int,
        load_many: Callable[[list[int], bool], list[_Story]] | None = None,
    ) -> None:
        super().__init__()
        self.load_story = load_story
        self.load_many = load_many
        self.count = count

    def prefetch(self, keys: Iterable[int], *, faded: bool = False) -> None:
        """Read the stories of ``keys`` not held yet in one go (``faded``: only their metadata, for
        stories about to fade, whose words and vectors are dropped anyway)."""
        missing = [k for k in keys if k not in self and 0 <= k < self.count]
        if missing and self.load_many is not None:
            for story in self.load_many(missing, faded):
                self[story.key] = story

    def __missing__(self, key: int) -> _Story:
        if not 0 <= key < self.count:
            raise KeyError(key)
        story = self[key] = self.load_story(key)
        return story

    def append(self, story: _Story) -> None:
        self[story.key] = story
        self.count = max(self.count, story.key + 1)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[_Story]:  # type: ignore[override]
        return iter([self[k] for k in sorted(self.keys())])


@dataclass
class _Journal:
    """What changed since the state was last read or written (a store-backed clusterer writes only this)."""

    stories: set[int] = field(default_factory=set)
    terms: dict[str, set[int]] = field(default_factory=dict)
    entities: set[int] = field(default_factory=set)
    merged: list[int] = field(default_factory=list)  # stories merged into others this session (kept)
    articles_from: int = 0  # article_ids_[articles_from:] are new


@dataclass
class StateChanges:
    """A store-backed clusterer's changes as rows (``StoryClusterer.changes``; written by
    newsprism/store/state.py). A story row is ``(key, id, first, last, n, merged_into, vec_sum, recent,
    profile)``, the last three ``None`` once it faded; a term row ``(space, term, count)``."""

    meta: dict[str, Any]
    basis: np.ndarray | None
    stories: list[tuple[Any, ...]]
    articles: list[tuple[str, int]]
    terms: list[tuple[str, int, int]]


ENTITY_SPACE = "#entities"  # the document frequencies of entities, beside those of each language's words


def story_row(story: _Story) -> tuple[Any, ...]:
    """The row of ``story`` in the store's ``cluster_stories``."""
    if story.vec_sum is None:
        return (story.key, story.id, story.first, story.last, story.n, story.merged_into, None, None, None)
    profile = [
        {lang: {str(k): v for k, v in p.items()} for lang, p in story.terms.items()},
        {str(k): v for k, v in story.entities.items()},
        {str(k): v for k, v in story.numbers.items()},
        [{str(k): v for k, v in m.items()} for m in story.recent_titles],
    ]
    recent = None if story.recent is None else np.ascontiguousarray(story.recent, np.float32).tobytes()
    return (
        story.key,
        story.id,
        story.first,
        story.last,
        story.n,
        story.merged_into,
        np.ascontiguousarray(story.vec_sum, np.float32).tobytes(),
        recent,
        json.dumps(profile),
    )


def story_from_row(row: Sequence[Any], dim: int) -> _Story:
    """The story of a ``cluster_stories`` row (as ``story_row`` wrote it)."""
    key, sid, first, last, n, merged, vec_sum, recent, profile = row
    story = _Story(
        key=int(key), id=sid, first=float(first), last=float(last), n=int(n), merged_into=int(merged)
    )
    if vec_sum is None:
        StoryClusterer._fade(story)
        return story
    story.vec_sum = np.frombuffer(bytes(vec_sum), dtype=np.float32).copy()
    story.recent = np.frombuffer(bytes(recent), dtype=np.float32).reshape(-1, dim).copy() if recent else None
    terms, entities, numbers, titles = json.loads(profile)
    story.terms = {lang: {int(k): v for k, v in p.items()} for lang, p in terms.items()}
    story.entities = {int(k): v for k, v in entities.items()}
    story.numbers = {int(k): v for k, v in numbers.items()}
    story.recent_titles = [{int(k): v for k, v in m.items()} for m in titles]
    return story


class StoryClusterer:
    """Online clusterer of articles into stories (scikit-learn conventions: learned state ends in ``_``)."""

    def __init__(
        self,
        *,
        join_threshold: float = 0.35,
        merge_threshold: float = 0.6,
        window_days: float = 5.0,
        growth: float = 1.0,
        max_extra_days: float = 10.0,
        candidates: int = 8,
        min_dense: float = 0.2,
        recent_members: int = 8,
        merge_core: float = 0.5,
        merge_linkage: float = 0.5,
        entity_veto: int = 0,
        model: str = "use-m3",
        weights: dict[str, dict[str, float]] | None = None,
    ):
        self.join_threshold = join_threshold
        self.merge_threshold = merge_threshold
        self.window_days = window_days
        self.growth = growth
        self.max_extra_days = max_extra_days
        self.candidates = candidates
        self.min_dense = min_dense
        self.recent_members = recent_members
        self.merge_core = merge_core
        self.merge_linkage = merge_linkage
        self.entity_veto = entity_veto
        self.model = model
        self.weights = weights
        self._journal: _Journal | None = None
        self._lookup: Callable[[list[str]], dict[str, int]] | None = None

    # ------------------------------------------------------------------ state
    def _init_state(self, dim: int) -> None:
        self.dim_ = dim
        self.index_ = WindowIndex(dim)
        self.stories_: list[_Story] | _StoryMap = []
        self.article_ids_: list[str] = []
        self.story_of_: dict[str, int] = {}
        self.assign_: array[int] = array("i")
        self.df_: dict[str, dict[int, int]] = {}
        self.ndocs_: dict[str, int] = {}
        self.edf_: dict[int, int] = {}  # entity → articles naming it (all languages)
        self.edocs_ = 0
        self.clock_ = -math.inf
        self.model_: str | None = self.model
        self.merges_ = 0
        self._journal = None  # set when the state is kept in a store, row by row
        self._lookup = None  # article ids → story keys, read from the store
        self._boost = CROSS_LINGUAL_BOOST.get(self.model, 0.0)
        w = self.weights or DEFAULT_WEIGHTS.get(self.model, DEFAULT_WEIGHTS["use-m3"])
        # weights without a "_words" set (given by a caller, or saved before there was one) serve both
        sets = {name: w.get(name) or w[name.removesuffix("_words")] for name in KINDS}
        self._w = {name: np.array([sets[name].get(f, 0.0) for f in FEATURES]) for name in KINDS}
        self._b = {name: sets[name]["bias"] for name in KINDS}

    def start(self, dim: int) -> StoryClusterer:
        """Fix the vector size before the first article (so an article without a vector can come first)."""
        if not self.fitted:
            self._init_state(dim)
        return self

    @property
    def fitted(self) -> bool:
        return hasattr(self, "stories_")

    def _root(self, key: int) -> int:
        stories = self.stories_
        while stories[key].merged_into >= 0:
            parent = stories[key].merged_into
            if stories[parent].merged_into >= 0:
                stories[key].merged_into = stories[parent].merged_into
            key = parent
        return key

    # ------------------------------------------------------------------ scoring
    def _tfidf_cos(
        self, language: str, a: dict[int, int] | dict[int, float], b: dict[int, int] | dict[int, float]
    ) -> float:
        if not a or not b:
            return 0.0
        shared = [t for t in a if t in b]
        if not shared:
            return 0.0
        # idf(t) = log(n + 1) - log(df + 1) + 1, inlined: this is the clusterer's innermost loop
        df = self.df_.get(language, _EMPTY)
        top = math.log(self.ndocs_.get(language, 0) + 1) + 1.0
        log = math.log
        dot = sum(a[t] * b[t] * (top - log(df.get(t, 0) + 1)) ** 2 for t in shared)
        na = math.sqrt(sum((w * (top - log(df.get(t, 0) + 1))) ** 2 for t, w in a.items()))
        nb = math.sqrt(sum((w * (top - log(df.get(t, 0) + 1))) ** 2 for t, w in b.items()))
        return dot / (na * nb) if na and nb else 0.0

    def _features(
        self, vector: np.ndarray, sig: Signals, story: _Story, dense: float
    ) -> tuple[np.ndarray, str]:
        dense_max = float((story.recent @ vector).max()) if story.recent is not None else dense
        profile = story.terms.get(sig.language)
        if profile is None and story.terms and sig.language != "und" and "und" not in story.terms:
            dense, dense_max = dense + self._boost, dense_max + self._boost  # another language
        # TF-IDF only means something when both sides have words of one language; else the "cross" model
        same_language = bool(profile) and bool(sig.terms) and sig.language != "und"
        tfidf = self._tfidf_cos(sig.language, sig.terms, profile) if same_language and profile else 0.0
        shared = sum(1 for e in sig.entities if e in story.entities)
        smaller = min(len(sig.entities), len(story.entities))
        specific = self._entity_specificity(sig.entities, story)
        title = (
            max((self._tfidf_cos(sig.language, sig.title_terms, m) for m in story.recent_titles), default=0.0)
            if same_language and sig.title_terms
            else 0.0
        )
        numbers = sum(1 for x in sig.numbers if x in story.numbers)
        t = sig.time if sig.time is not None else self.clock_
        gap = max(0.0, t - story.last, story.first - t)
        row = np.array(
            [
                dense,
                dense_max,
                tfidf,
                shared / smaller if smaller else 0.0,
                min(shared, 4) / 4.0,
                min(numbers, 3) / 3.0,
                math.log1p(gap),
                math.log1p(story.n),
                *specific,
                title,
            ]
        )
        kind = "full" if same_language else "cross"
        return row, (kind if sig.analyzed else kind + "_words")

    def _entity_specificity(self, entities: frozenset[int], story: _Story) -> tuple[float, ...]:
        """How much of what is specific (rare: high IDF) in the article's entities the story shares.

        ``(IDF mass of the article's entities the story names / all of it, rarest shared entity,
        rarest entity of the article the story lacks, IDF mass of the story's core entities, those named
        by half its articles, that the article names / all of it)``; IDFs divided by the largest possible.
        """
        if not entities or not story.entities:
            return (0.0, 0.0, 0.0, 0.0)
        top = math.log(self.edocs_ + 1) + 1.0
        edf = self.edf_
        mine = {e: math.log((self.edocs_ + 1) / (edf.get(e, 0) + 1)) + 1.0 for e in entities}
        theirs = story.entities
        shared = [v for e, v in mine.items() if e in theirs]
        missing = [v for e, v in mine.items() if e not in theirs]
        half = story.n / 2.0
        core = {
            e: math.log((self.edocs_ + 1) / (edf.get(e, 0) + 1)) + 1.0
            for e, count in theirs.items()
            if count >= half
        }
        core_total = sum(core.values())
        return (
            sum(shared) / sum(mine.values()),
            max(shared, default=0.0) / top,
            max(missing, default=0.0) / top,
            sum(v for e, v in core.items() if e in entities) / core_total if core_total else 0.0,
        )

    def _probability(self, row: np.ndarray, kind: str) -> float:
        return _sigmoid(float(self._w[kind] @ row) + self._b[kind])

    # ------------------------------------------------------------------ the stream
    def add(self, article: Article, vector: np.ndarray | None) -> str:
        """Assign ``article`` (with its title+lead vector) to a story; returns the story id."""
        known = self.story_of(article.id)
        if known is not None:
            return known
        try:
            sig = extract_signals(article)
        except Exception as exc:  # a malformed article must not stop the stream
            raise StageError(f"clustering article {article.id}: cannot read its signals: {exc}") from exc
        if vector is not None and not (article.title or "").strip() and not (article.text or "").strip():
            vector = None  # the vector of an empty text is the same for every empty article: not evidence
        if vector is None:
            dim = self.dim_ if self.fitted else 1
            vector = np.zeros(dim, dtype=np.float32)
            article.warnings.append("no vector: clustered on its words, entities and dates only")
        if sig.time_source != "published" and not any(
            w.startswith("no publication date") for w in article.warnings
        ):
            article.warnings.append(
                "no publication date: clustered at its ingest time"
                if sig.time_source == "ingested"
                else "no publication or ingest date: clustered at the time of the stream"
            )
        with single_blas_thread():  # BLAS threads only slow a matrix-vector product down
            return self.add_signals(
                article.id, np.asarray(vector, dtype=np.float32), sig, origin=article.syndication
            )

    def add_signals(
        self, article_id: str, vector: np.ndarray, sig: Signals, origin: str | None = None
    ) -> str:
        """``add`` for callers that already hold the article's signals (benchmarks, re-clustering)."""
        if not self.fitted:
            self._init_state(len(vector))
        if len(vector) != self.dim_:
            raise StageError(
                f"article {article_id}: vector has {len(vector)} dimensions, the stories {self.dim_}"
            )
        t = sig.time if sig.time is not None else (self.clock_ if self.clock_ > -math.inf else 0.0)
        if t > self.clock_:
            self._advance(t)
        origin_key = self._article_key(origin) if origin is not None else None
        if origin_key is not None:
            key = self._root(origin_key)
            if not self.stories_[key].live:
                key = self._new_story(article_id, t)
        else:
            key = self._best(vector, sig, t)
            if key < 0:
                key = self._new_story(article_id, t)
        self._absorb(key, article_id, vector, sig, t)
        self._maybe_merge(key, t, sig.analyzed)
        return self.stories_[self._root(key)].id

    def candidate_features(self, vector: np.ndarray, sig: Signals) -> list[tuple[int, np.ndarray, str]]:
        """``(story key, feature row, "full"|"cross")`` for the live stories nearest the article."""
        if not self.fitted:
            return []
        t = sig.time if sig.time is not None else self.clock_
        hits = self.index_.query(vector, t, self.window_days, self.candidates)
        if isinstance(self.stories_, _StoryMap):
            self.stories_.prefetch(key for key, _ in hits)
        floor = self.min_dense
        return [
            (key, *self._features(vector, sig, self.stories_[key], dense))
            for key, dense in hits
            if dense >= floor
        ]

    def _best(self, vector: np.ndarray, sig: Signals, t: float) -> int:
        best_key, best_p = -1, -1.0
        veto = self.entity_veto > 0 and len(sig.entities) >= self.entity_veto
        for key, row, kind in self.candidate_features(vector, sig if sig.time is not None else _at(sig, t)):
            if veto and row[_SHARED] == 0.0 and len(self.stories_[key].entities) >= self.entity_veto:
                continue  # both name several entities and none in common: a look-alike event
            p = self._probability(row, kind)
            if p > best_p:
                best_key, best_p = key, p
        return best_key if best_p >= self.join_threshold else -1

    def assign(self, article_id: str, vector: np.ndarray, sig: Signals, key: int | None) -> int:
        """Put the article in story ``key`` (a new story when ``None``): for teachers and tests."""
        if not self.fitted:
            self._init_state(len(vector))
        t = sig.time if sig.time is not None else max(self.clock_, 0.0)
        if t > self.clock_:
            self._advance(t)
        if key is None or not self.stories_[key].live:
            key = self._new_story(article_id, t)
        self._absorb(key, article_id, vector, sig, t)
        return key

    def _new_story(self, article_id: str, t: float) -> int:
        key = len(self.stories_)
        story = _Story(key=key, id="st-" + sha1(article_id)[:16], first=t, last=t)
        story.vec_sum = np.zeros(self.dim_, dtype=np.float32)
        self.stories_.append(story)
        if self._journal is not None:
            self._journal.stories.add(key)
        return key

    def _absorb(self, key: int, article_id: str, vector: np.ndarray, sig: Signals, t: float) -> None:
        story = self.stories_[key]
        assert story.vec_sum is not None
        story.vec_sum += vector
        row = vector[None, :].copy()
        story.recent = row if story.recent is None else np.vstack([story.recent, row])[-self.recent_members :]
        story.recent_titles = [*story.recent_titles, dict(sig.title_terms)][-self.recent_members :]
        story.n += 1
        story.first = min(story.first, t)
        story.last = max(story.last, t)
        profile = story.terms.setdefault(sig.language, {})
        for term, count in sig.terms.items():
            profile[term] = profile.get(term, 0.0) + count
        _prune(profile, _MAX_TERMS)
        for e in sig.entities:
            story.entities[e] = story.entities.get(e, 0) + 1
        _prune(story.entities, _MAX_ENTITIES)
        for x in sig.numbers:
            story.numbers[x] = story.numbers.get(x, 0) + 1
        _prune(story.numbers, _MAX_ENTITIES)
        df = self.df_.setdefault(sig.language, {})
        for term in sig.terms:
            df[term] = df.get(term, 0) + 1
        self.ndocs_[sig.language] = self.ndocs_.get(sig.language, 0) + 1
        edf = self.edf_
        for e in sig.entities:
            edf[e] = edf.get(e, 0) + 1
        self.edocs_ += 1
        if self._journal is not None:
            self._journal.stories.add(key)
            self._journal.terms.setdefault(sig.language, set()).update(sig.terms)
            self._journal.entities.update(sig.entities)
        self.story_of_[article_id] = key
        self.article_ids_.append(article_id)
        self.assign_.append(key)
        self.index_.put(key, story.centroid(), story.first, self._horizon(story))

    def _story_signals(self, story: _Story, analyzed: bool) -> Signals:
        language, profile = max(story.terms.items(), key=lambda kv: len(kv[1]), default=("und", {}))
        return Signals(
            time=story.last,
            language=language,
            terms={k: int(v) for k, v in profile.items()},
            entities=frozenset(story.entities),
            numbers=frozenset(story.numbers),
            title_terms=dict(sum((Counter(m) for m in story.recent_titles), Counter())),
            analyzed=analyzed,
        )

    def _core(self, story: _Story) -> _Story:
        """A view of ``story`` for story-to-story scoring: only the entities and numbers that at least a
        ``merge_core`` share of its articles carry (the union a large story accumulates matches anything)."""
        floor = self.merge_core * story.n
        return _Story(
            key=story.key,
            id=story.id,
            first=story.first,
            last=story.last,
            n=story.n,
            vec_sum=story.vec_sum,
            recent=story.recent,
            recent_titles=story.recent_titles,
            terms=story.terms,
            entities={e: c for e, c in story.entities.items() if c >= floor},
            numbers={x: c for x, c in story.numbers.items() if c >= floor},
        )

    @staticmethod
    def _linkage(a: _Story, b: _Story) -> tuple[float, float]:
        """Mean and best cosine between the recent members of two stories (a bounded sample of each)."""
        if a.recent is None or b.recent is None:
            return 0.0, 0.0
        cosines = a.recent @ b.recent.T
        return float(cosines.mean()), float(cosines.max())

    def _maybe_merge(self, key: int, t: float, analyzed: bool = True) -> None:
        """Merge the story with a live look-alike, judged member to member, each time its size doubles.

        The two stories are compared by the mean cosine of their recent members and by their core
        entities and numbers (``_core``), never by a centroid against everything a story has gathered,
        which lets a large story absorb every look-alike event. Stories whose core entities are all
        different do not merge.
        """
        if self.merge_threshold >= 1.0:
            return
        story = self.stories_[key]
        if story.n < 2 or story.n & (story.n - 1):  # look again each time the story doubles
            return
        mine = self._core(story)
        sig = self._story_signals(mine, analyzed)
        for other_key, _ in self.index_.query(story.centroid(), t, self.window_days, 3):
            if other_key == key:
                continue
            other = self.stories_[other_key]
            theirs = self._core(other)
            if (story.entities or other.entities) and mine.entities.keys().isdisjoint(theirs.entities):
                continue  # no entity carried by both stories' articles: look-alike events, or a mixture
            mean, best = self._linkage(story, other)
            if mean < self.merge_linkage:
                continue  # their articles are not alike on the whole, whatever a few pairs say
            row, kind = self._features(story.centroid(), sig, theirs, mean)
            row[1] = best + row[0] - mean  # story to story: member pairs (plus any cross-lingual boost)
            if self._probability(row, kind) >= self.merge_threshold:
                self._merge(
                    other_key if other.n >= story.n else key, key if other.n >= story.n else other_key
                )
                return

    def _merge(self, into: int, source: int) -> None:
        a, b = self.stories_[into], self.stories_[source]
        assert a.vec_sum is not None and b.vec_sum is not None
        a.vec_sum += b.vec_sum
        a.n += b.n
        a.first, a.last = min(a.first, b.first), max(a.last, b.last)
        if b.recent is not None:
            a.recent = (
                b.recent if a.recent is None else np.vstack([a.recent, b.recent])[-self.recent_members :]
            )
        a.recent_titles = [*a.recent_titles, *b.recent_titles][-self.recent_members :]
        for language, profile in b.terms.items():
            mine = a.terms.setdefault(language, {})
            for term, count in profile.items():
                mine[term] = mine.get(term, 0.0) + count
            _prune(mine, _MAX_TERMS)
        for src, dst in ((b.entities, a.entities), (b.numbers, a.numbers)):
            for k, v in src.items():
                dst[k] = dst.get(k, 0) + v
        b.merged_into = into
        self._fade(b)
        if self._journal is not None:
            self._journal.stories.update((into, source))
            self._journal.merged.append(source)
        self.index_.remove(source)
        self.index_.put(into, a.centroid(), a.first, self._horizon(a))
        self.merges_ += 1

    def _horizon(self, story: _Story) -> float:
        """When the story stops taking articles, less ``window_days``: later for a story with more articles."""
        extra = self.window_days * self.growth * math.log2(max(story.n, 1))
        return story.last + min(extra, self.max_extra_days)

    def _advance(self, t: float) -> None:
        previous = self.clock_
        self.clock_ = t
        if previous == -math.inf or math.floor(t * 4) != math.floor(previous * 4):  # every 6 hours at most
            expired = self.index_.expire(t - self.window_days - 1.0)  # a day of slack for late articles
            if isinstance(self.stories_, _StoryMap):
                self.stories_.prefetch(expired, faded=True)
            for key in expired:
                self._fade(self.stories_[key])
                if self._journal is not None:
                    self._journal.stories.add(key)

    @staticmethod
    def _fade(story: _Story) -> None:
        story.vec_sum = None
        story.recent = None
        story.recent_titles = []
        story.terms = _EMPTY_TERMS
        story.entities = _EMPTY
        story.numbers = _EMPTY

    def fit(self, stream: Iterable[tuple[Article, np.ndarray | None]]) -> StoryClusterer:
        """Add every ``(article, vector)`` of ``stream`` in order; returns ``self``."""
        for article, vector in stream:
            self.add(article, vector)
        return self

    # ------------------------------------------------------------------ results
    @property
    def labels_(self) -> list[str]:
        """The story id of every article added, in the order added (merges resolved)."""
        if isinstance(self.stories_, _StoryMap):  # store-backed: the articles added this session
            return [self.stories_[self._root(k)].id for k in self.assign_]
        ids = [s.id for s in self.stories_]
        return [ids[self._root(k)] for k in self.assign_]

    def story_of(self, article_id: str) -> str | None:
        key = self._article_key(article_id) if self.fitted else None
        return None if key is None else self.stories_[self._root(key)].id

    def _article_key(self, article_id: str) -> int | None:
        """The key of the story ``article_id`` was added to (read from the store when it is not held)."""
        key = self.story_of_.get(article_id)
        if key is None and self._lookup is not None:
            key = self._lookup([article_id]).get(article_id)
            if key is not None:
                self.story_of_[article_id] = key
        return key

    def know(self, article_ids: Iterable[str]) -> None:
        """Read from the store, at once, which stories ``article_ids`` went to (a store-backed clusterer
        otherwise asks for each article it is not holding)."""
        if self._lookup is not None:
            self.story_of_.update(self._lookup([a for a in article_ids if a not in self.story_of_]))

    def merged_ids(self) -> dict[str, str]:
        """``{merged story id: surviving story id}``."""
        return {s.id: self.stories_[self._root(s.key)].id for s in self.stories_ if s.merged_into >= 0}

    def members(self) -> dict[str, list[str]]:
        """``{story id: article ids in the order added}``."""
        out: dict[str, list[str]] = {}
        for aid, sid in zip(self.article_ids_, self.labels_, strict=True):
            out.setdefault(sid, []).append(aid)
        return out

    # ------------------------------------------------------------------ persistence
    def save(self) -> bytes:
        """The learned state as bytes (numpy ``.npz`` with a JSON header; no pickle)."""
        if not self.fitted:
            return b""
        if isinstance(self.stories_, _StoryMap):
            raise StageError("a clusterer read row by row holds only its window: save it with save_state")
        live = [s for s in self.stories_ if s.live]
        meta = {
            "params": self.get_params(),
            "dim": self.dim_,
            "clock": self.clock_ if self.clock_ > -math.inf else None,
            "model": self.model_,
            "merges": self.merges_,
            "stories": [[s.id, s.first, s.last, s.n, s.merged_into] for s in self.stories_],
            "live": [
                [
                    s.key,
                    0 if s.recent is None else len(s.recent),
                    {lang: {str(k): v for k, v in p.items()} for lang, p in s.terms.items()},
                    {str(k): v for k, v in s.entities.items()},
                    {str(k): v for k, v in s.numbers.items()},
                    [{str(k): v for k, v in m.items()} for m in s.recent_titles],
                ]
                for s in live
            ],
            "articles": self.article_ids_,
            "df": {lang: {str(k): v for k, v in d.items()} for lang, d in self.df_.items()},
            "ndocs": self.ndocs_,
            "edf": {str(k): v for k, v in self.edf_.items()},
            "edocs": self.edocs_,
            "index": list(self.index_.state()[1:]),
        }
        sums = (
            np.stack([s.vec_sum for s in live if s.vec_sum is not None]) if live else np.zeros((0, self.dim_))
        )
        recent = [s.recent for s in live if s.recent is not None]
        basis = self.index_.state()[0]
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            assign=np.asarray(self.assign_, dtype=np.int32),
            sums=sums.astype(np.float32),
            recent=np.vstack(recent).astype(np.float32) if recent else np.zeros((0, self.dim_), np.float32),
            basis=basis if basis is not None else np.zeros((0, 0), np.float32),
        )
        return buffer.getvalue()

    def load(self, data: bytes) -> StoryClusterer:
        """Restore the state written by ``save``; returns ``self``."""
        if not data:
            return self
        try:
            arrays = np.load(io.BytesIO(data), allow_pickle=False)
            meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
        except (OSError, ValueError, KeyError) as exc:
            raise StageError(
                f"the saved clusterer state cannot be read: {exc}; re-cluster the store"
            ) from exc
        self.set_params(**meta["params"])
        self._init_state(int(meta["dim"]))
        self.clock_ = meta["clock"] if meta["clock"] is not None else -math.inf
        self.model_ = meta["model"]
        self.merges_ = meta["merges"]
        for key, (sid, first, last, n, merged) in enumerate(meta["stories"]):
            self.stories_.append(_Story(key=key, id=sid, first=first, last=last, n=n, merged_into=merged))
        recent = arrays["recent"]
        sums = arrays["sums"]  # each arrays[...] read decompresses the whole array: read it once
        offset = 0
        for i, (key, n_recent, terms, entities, numbers, *more) in enumerate(meta["live"]):
            story = self.stories_[key]
            story.vec_sum = sums[i].copy()
            story.recent = recent[offset : offset + n_recent].copy() if n_recent else None
            offset += n_recent
            story.terms = {lang: {int(k): v for k, v in p.items()} for lang, p in terms.items()}
            story.entities = {int(k): v for k, v in entities.items()}
            story.numbers = {int(k): v for k, v in numbers.items()}
            story.recent_titles = [{int(k): v for k, v in m.items()} for m in (more[0] if more else [])]
            if story.merged_into < 0:
                self.index_.put(key, story.centroid(), story.first, self._horizon(story))
        self.article_ids_ = list(meta["articles"])
        self.assign_ = array("i", arrays["assign"].tolist())
        self.story_of_ = dict(zip(self.article_ids_, self.assign_, strict=True))
        self.df_ = {lang: {int(k): v for k, v in d.items()} for lang, d in meta["df"].items()}
        self.ndocs_ = dict(meta["ndocs"])
        self.edf_ = {int(k): v for k, v in meta.get("edf", {}).items()}  # absent from states saved before
        self.edocs_ = int(meta.get("edocs", 0))
        if "index" in meta:  # the window index's fitted axes (absent from states saved before)
            basis = arrays["basis"]
            self.index_.restore(basis if basis.size else None, *meta["index"])
        return self

    # ------------------------------------------------------------------ persistence, row by row
    def _meta(self) -> dict[str, Any]:
        _, inserted, fitted_on = self.index_.state()
        return {
            "params": self.get_params(),
            "dim": self.dim_,
            "clock": self.clock_ if self.clock_ > -math.inf else None,
            "model": self.model_,
            "merges": self.merges_,
            "stories": len(self.stories_),
            "ndocs": self.ndocs_,
            "edocs": self.edocs_,
            "index": [inserted, fitted_on],
        }

    def restore_rows(
        self,
        meta: dict[str, Any],
        basis: np.ndarray | None,
        live: Iterable[tuple[int, float, float, int, bytes]],
        terms: Iterable[tuple[str, int, int]],
        load_story: Callable[[int], Sequence[Any]],
        lookup: Callable[[list[str]], dict[str, int]],
        load_many: Callable[[list[int], bool], list[Sequence[Any]]] | None = None,
    ) -> StoryClusterer:
        """Restore a state kept row by row (newsprism/store/state.py), reading only the live window.

        ``meta`` and ``basis`` are what ``changes`` gave; ``live`` the ``(key, first, last, n, vec_sum)``
        of every live story by key, ``terms`` every document frequency; a story's other rows come from
        ``load_story(key)`` (or ``load_many(keys, faded)`` for several at once) the first time it is
        needed, and the story of a stored article from
        ``lookup(ids)``. The window index is rebuilt as ``load`` rebuilds it (same rows, same order, same
        axes), so clustering goes on exactly as after a whole-state ``load``.
        """
        self.set_params(**meta["params"])
        self._init_state(int(meta["dim"]))
        self.clock_ = meta["clock"] if meta["clock"] is not None else -math.inf
        self.model_ = meta["model"]
        self.merges_ = meta["merges"]
        self.ndocs_ = dict(meta["ndocs"])
        self.edocs_ = int(meta["edocs"])
        for space, term, n in terms:
            (self.edf_ if space == ENTITY_SPACE else self.df_.setdefault(space, {}))[int(term)] = int(n)
        dim = self.dim_
        many = None
        if load_many is not None:
            many = lambda keys, faded: [story_from_row(r, dim) for r in load_many(keys, faded)]  # noqa: E731
        self.stories_ = _StoryMap(
            lambda key: story_from_row(load_story(key), dim), int(meta["stories"]), many
        )
        for key, first, last, n, vec_sum in live:
            stub = _Story(key=int(key), id="", first=float(first), last=float(last), n=int(n))
            stub.vec_sum = np.frombuffer(bytes(vec_sum), dtype=np.float32)
            self.index_.put(stub.key, stub.centroid(), stub.first, self._horizon(stub))
        self.index_.restore(basis, *meta["index"])
        self._lookup = lookup
        self._journal = _Journal()
        return self

    def keep_rows(self, lookup: Callable[[list[str]], dict[str, int]] | None = None) -> StoryClusterer:
        """From now on record changes for ``changes`` (a state read whole, or a new one, about to be kept
        in a store row by row): the first ``changes`` then holds every story, article and frequency."""
        if not self.fitted:
            raise StageError("a clusterer that has not started cannot keep its state in rows")
        self._lookup = lookup
        journal = self._journal = _Journal()
        journal.stories.update(range(len(self.stories_)))
        for lang, df in self.df_.items():
            journal.terms[lang] = set(df)
        journal.entities.update(self.edf_)
        return self

    def changes(self) -> StateChanges:
        """The rows that changed since the state was read (or last changed): the meta, every story touched
        (new, joined, merged or faded), every article added and every document frequency that moved.
        Marks them written (call it when they are about to be written in the same transaction)."""
        journal = self._journal
        if journal is None or not self.fitted:
            raise StageError("only a clusterer kept in rows (restore_rows / keep_rows) has changes")
        stories = [story_row(self.stories_[k]) for k in sorted(journal.stories)]
        articles = list(
            zip(
                self.article_ids_[journal.articles_from :], self.assign_[journal.articles_from :], strict=True
            )
        )
        terms = [(lang, t, self.df_[lang][t]) for lang, ts in journal.terms.items() for t in ts]
        terms += [(ENTITY_SPACE, e, self.edf_[e]) for e in journal.entities]
        out = StateChanges(self._meta(), self.index_.state()[0], stories, articles, terms)
        self._journal = _Journal(merged=journal.merged, articles_from=len(self.article_ids_))
        return out

    @property
    def in_rows(self) -> bool:
        """Whether the state is kept in a store row by row (``changes`` gives what to write)."""
        return self._journal is not None

    def merged_this_session(self) -> dict[str, str]:
        """``{merged story id: surviving story id}`` for the merges made since the state was read."""
        if self._journal is None:
            return {}
        return {self.stories_[k].id: self.stories_[self._root(k)].id for k in self._journal.merged}

    def get_params(self) -> dict[str, Any]:
        return {
            "join_threshold": self.join_threshold,
            "merge_threshold": self.merge_threshold,
            "window_days": self.window_days,
            "growth": self.growth,
            "max_extra_days": self.max_extra_days,
            "candidates": self.candidates,
            "min_dense": self.min_dense,
            "recent_members": self.recent_members,
            "merge_core": self.merge_core,
            "merge_linkage": self.merge_linkage,
            "entity_veto": self.entity_veto,
            "model": self.model,
            "weights": self.weights,
        }

    def set_params(self, **params: Any) -> StoryClusterer:
        for name, value in params.items():
            setattr(self, name, value)
        return self

    def memory_bytes(self) -> int:
        """Approximate bytes held by the state (index matrix included)."""
        total = self.index_.nbytes() if self.fitted else 0
        for s in self.stories_ if self.fitted else []:
            total += 120
            if s.vec_sum is not None:
                total += s.vec_sum.nbytes + (s.recent.nbytes if s.recent is not None else 0)
                total += 60 * (sum(len(p) for p in s.terms.values()) + len(s.entities) + len(s.numbers))
        return total


__all__ = ["StoryClusterer", "StateChanges", "FEATURES", "DEFAULT_WEIGHTS", "story_row", "story_from_row"]
