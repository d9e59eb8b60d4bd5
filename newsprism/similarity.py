"""How alike two news texts are, as features: whole-text, opening and sentence-level cosines, shared words.

Built for pairs of title+lead samples (SemEval-2022 Task 8; see ``newsprism.evaluate.similarity``), in one
language or two. Every text is cut into at most ``MAX_SENTENCES`` sentences; a model embeds the whole
text, its opening (the title, or the first ``OPENING_CHARS`` characters when the title is not set apart),
its lead (the first ``LEAD_CHARS`` characters) and each sentence, once: ``VectorCache`` keeps the vectors
on disk, keyed by the text's SHA-1, so a second run embeds nothing. From those vectors ``dense_features`` derives, per model:

* ``full``: cosine of the two whole texts;
* ``opening``: cosine of the two openings (titles);
* ``lead``: cosine of the two leads;
* ``centroid``: cosine of the means of the sentence vectors;
* ``align``: soft alignment, the mean over both sides of each sentence's best cosine on the other side;
* ``best``: the best sentence-to-sentence cosine; ``top3``: the mean of the three best.

``vector_features`` gives the vectors themselves (per view, the element-wise product and absolute
difference of the two sides, optionally after ``TopicDirections`` took the mean and the main directions
of a file's texts out of them) to a learned metric (``MetricRidge``, stacked under ``PairScorer`` by
``StackedScorer``).

``lexical_features`` adds what needs no model: overlap of capitalised names (accents folded, so "Müller"
meets "Muller" across languages), of numbers, of character 4-grams of the names, and the texts' lengths;
``language_counts`` says which languages the pair is in. ``word_alignment`` matches each word to its
nearest word on the other side under a multilingual model (as BERTScore does with tokens), a word overlap
that crosses languages.

``link_features`` reads the pair's two URLs: most news URLs spell the headline in their path
(``url_headline``), which stays readable when the scraped text is a cookie wall or a captcha page.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

import numpy as np

from newsprism.embed import Embedder
from newsprism.names import fold as _fold_accents

MAX_SENTENCES = 8  # sentences per text that are embedded one by one (bounds the e5 cost)
OPENING_CHARS = 160  # the opening when no newline sets the title apart
LEAD_CHARS = 320  # the lead: the start of the text (title and first sentences), cut at a word
MIN_SENTENCE_CHARS = 12  # shorter pieces are merged into the next sentence

_SPACES = re.compile(r"[ \t\r\f\v]+")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？؟])\s+|\n+")


def normalise(text: str) -> str:
    """Collapse runs of spaces, keep newlines (they set a title apart), strip."""
    return "\n".join(_SPACES.sub(" ", line).strip() for line in (text or "").splitlines()).strip()


def sentences(text: str, limit: int = MAX_SENTENCES) -> list[str]:
    """The first ``limit`` sentences of ``text`` (newlines end a sentence too; tiny pieces are merged)."""
    out: list[str] = []
    carry = ""
    for piece in _SENTENCE_END.split(normalise(text)):
        piece = f"{carry} {piece}".strip() if carry else piece.strip()
        if len(piece) < MIN_SENTENCE_CHARS:
            carry = piece
            continue
        carry = ""
        out.append(piece)
        if len(out) == limit:
            return out
    if carry and out:
        out[-1] = f"{out[-1]} {carry}"
    elif carry:
        out.append(carry)
    return out


def opening(text: str, max_chars: int = OPENING_CHARS) -> str:
    """The title when a newline sets it apart, else the first sentence, at most about ``max_chars``."""
    text = normalise(text)
    first = text.split("\n", 1)[0]
    if len(first) > max_chars or "\n" not in text:
        first = (sentences(text, 1) or [text])[0]
    if len(first) > max_chars:
        cut = first[:max_chars]
        space = cut.rfind(" ")
        first = cut[:space] if space > max_chars // 2 else cut
    return first


def lead(text: str, max_chars: int = LEAD_CHARS) -> str:
    """The first ``max_chars`` characters of ``text`` on one line, cut at a word (title and first sentences)."""
    flat = normalise(text).replace("\n", " ")
    if len(flat) <= max_chars:
        return flat
    cut = flat[:max_chars]
    space = cut.rfind(" ")
    return cut[:space] if space > max_chars // 2 else cut


class VectorCache:
    """Vectors of texts under one model, kept in ``<dir>/<model>.npz`` (SHA-1 of text → row) across runs."""

    def __init__(self, model: Embedder, cache_dir: str | Path | None = None, batch_size: int = 32) -> None:
        self.model = model
        self.batch_size = batch_size
        self.path = Path(cache_dir) / f"{model.name}-texts.npz" if cache_dir else None
        self.vectors_: dict[str, np.ndarray] = {}
        if self.path is not None and self.path.exists():
            with np.load(self.path, allow_pickle=False) as stored:
                self.vectors_ = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def embed(self, texts: Sequence[str], languages: Sequence[str] | None = None) -> np.ndarray:
        """One row per text; only texts not in the cache are embedded (and saved, batch by batch)."""
        langs = list(languages) if languages is not None else ["und"] * len(texts)
        todo: dict[str, tuple[str, str]] = {}
        for text, lang in zip(texts, langs, strict=True):
            k = self.key(text)
            if k not in self.vectors_:
                todo.setdefault(k, (text, lang))
        items = sorted(todo.items())
        saved_at = 0
        for start in range(0, len(items), self.batch_size):
            batch = items[start : start + self.batch_size]
            matrix = self.model.embed([t for _, (t, _) in batch], [lang for _, (_, lang) in batch])
            self.vectors_.update(zip((k for k, _ in batch), matrix, strict=True))
            if start + len(batch) - saved_at >= 20 * self.batch_size:  # a killed run keeps its work
                self.save()
                saved_at = start + len(batch)
        if items:
            self.save()
        if not texts:
            return np.zeros((0, self.model.dim), dtype=np.float32)
        return np.stack([self.vectors_[self.key(t)] for t in texts])

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(self.vectors_)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(keys), vectors=np.stack([self.vectors_[k] for k in keys]))
        tmp.replace(self.path)


# ------------------------------------------------------------------------------------------ dense


DENSE = ("full", "opening", "lead", "centroid", "align", "best", "top3")


class TextParts:
    """The pieces of one text that are embedded: the whole (normalised), the opening, the sentences."""

    __slots__ = ("full", "opening", "lead", "sentences", "language")

    def __init__(self, text: str, language: str = "und") -> None:
        self.full = normalise(text)
        self.opening = opening(self.full)
        self.lead = lead(self.full)
        self.sentences = sentences(self.full) or [self.full or " "]
        self.language = language or "und"


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v


def dense_features(
    left: Sequence[TextParts], right: Sequence[TextParts], cache: VectorCache, views: Sequence[str] = DENSE
) -> np.ndarray:
    """One column per name in ``views`` (a subset of ``DENSE``), one row per pair ``(left[i], right[i])``,
    under ``cache``'s model. Only what ``views`` needs is embedded (sentences cost six times a text)."""
    unknown = set(views) - set(DENSE)
    if unknown:
        raise ValueError(f"unknown views {sorted(unknown)}; choose from {DENSE}")
    by_sentence = bool(set(views) - {"full", "opening", "lead"})
    texts: list[str] = []
    langs: list[str] = []
    for p in (*left, *right):
        wanted = [p.full] if "full" in views else []
        wanted += [p.opening] if "opening" in views else []
        wanted += [p.lead] if "lead" in views else []
        wanted += p.sentences if by_sentence else []
        texts += wanted
        langs += [p.language] * len(wanted)
    cache.embed(texts, langs)
    vec = cache.vectors_
    out = np.zeros((len(left), len(views)))
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        row: dict[str, float] = {}
        if "full" in views:
            row["full"] = float(vec[cache.key(a.full)] @ vec[cache.key(b.full)])
        if "opening" in views:
            row["opening"] = float(vec[cache.key(a.opening)] @ vec[cache.key(b.opening)])
        if "lead" in views:
            row["lead"] = float(vec[cache.key(a.lead)] @ vec[cache.key(b.lead)])
        if by_sentence:
            sa = np.stack([vec[cache.key(s)] for s in a.sentences])
            sb = np.stack([vec[cache.key(s)] for s in b.sentences])
            sim = sa @ sb.T
            flat = np.sort(sim, axis=None)[::-1]
            row["centroid"] = float(_unit(sa.mean(axis=0)) @ _unit(sb.mean(axis=0)))
            row["align"] = 0.5 * (float(sim.max(axis=1).mean()) + float(sim.max(axis=0).mean()))
            row["best"] = float(flat[0])
            row["top3"] = float(flat[:3].mean())
        out[i] = [row[v] for v in views]
    return out


VECTOR_VIEWS = ("full", "opening", "lead", "centroid")


def side_vectors(
    left: Sequence[TextParts], right: Sequence[TextParts], cache: VectorCache, views: Sequence[str]
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per view in ``views`` (a subset of ``VECTOR_VIEWS``; ``centroid`` is the unit mean of the sentence
    vectors) the two sides' vectors, ``(left rows, right rows)``, under ``cache``'s model."""
    unknown = set(views) - set(VECTOR_VIEWS)
    if unknown:
        raise ValueError(f"unknown views {sorted(unknown)}; choose from {VECTOR_VIEWS}")
    texts: list[str] = []
    langs: list[str] = []
    for p in (*left, *right):
        wanted = [getattr(p, v) for v in views if v != "centroid"]
        wanted += p.sentences if "centroid" in views else []
        texts += wanted
        langs += [p.language] * len(wanted)
    cache.embed(texts, langs)
    vec = cache.vectors_

    def side(p: TextParts, view: str) -> np.ndarray:
        if view == "centroid":
            return _unit(np.mean([vec[cache.key(s)] for s in p.sentences], axis=0))
        return np.asarray(vec[cache.key(getattr(p, view))])

    def stack(parts: Sequence[TextParts], view: str) -> np.ndarray:
        return np.stack([side(p, view) for p in parts]) if parts else np.zeros((0, cache.model.dim))

    return {view: (stack(left, view), stack(right, view)) for view in views}


class TopicDirections:
    """The mean and the ``k`` main directions (principal components) of a set of text vectors, to be taken
    out of them: in a file of one period's news those directions are mostly its big topics, which say
    that two texts share a subject, not a story. ``transform`` centres the vectors, removes their parts
    along the ``k`` directions and scales them back to unit length."""

    def __init__(self, k: int = 5) -> None:
        self.k = k

    def fit(self, vectors: np.ndarray) -> TopicDirections:
        v = np.asarray(vectors, dtype=float)
        self.mean_ = v.mean(axis=0) if len(v) else np.zeros(v.shape[1])
        k = min(self.k, max(len(v) - 1, 0), v.shape[1])
        if k > 0:
            _, _, basis = np.linalg.svd(v - self.mean_, full_matrices=False)
            self.components_ = basis[:k]
        else:
            self.components_ = np.zeros((0, v.shape[1]))
        return self

    def transform(self, vectors: np.ndarray) -> np.ndarray:
        v = np.asarray(vectors, dtype=float) - self.mean_
        v = v - (v @ self.components_.T) @ self.components_
        norms = np.linalg.norm(v, axis=1, keepdims=True)
        return np.asarray(v / np.where(norms == 0, 1.0, norms))


def fit_topic_directions(
    sides: dict[str, tuple[np.ndarray, np.ndarray]], k: int = 5
) -> dict[str, TopicDirections]:
    """One ``TopicDirections`` per view of ``side_vectors``, fitted on both sides' vectors (no labels)."""
    return {view: TopicDirections(k).fit(np.vstack([a, b])) for view, (a, b) in sides.items()}


def metric_features(
    sides: dict[str, tuple[np.ndarray, np.ndarray]], directions: dict[str, TopicDirections] | None = None
) -> np.ndarray:
    """Per view of ``sides`` (``side_vectors``), in its order, the element-wise product and the absolute
    difference of the two sides' vectors (after ``directions[view].transform`` when given)."""
    blocks: list[np.ndarray] = []
    rows = 0
    for view, (a, b) in sides.items():
        rows = len(a)
        if directions is not None and view in directions:
            a, b = directions[view].transform(a), directions[view].transform(b)
        blocks += [a * b, np.abs(a - b)]
    return np.hstack(blocks) if blocks else np.zeros((rows, 0))


def vector_features(
    left: Sequence[TextParts],
    right: Sequence[TextParts],
    cache: VectorCache,
    views: Sequence[str],
    directions: dict[str, TopicDirections] | None = None,
) -> np.ndarray:
    """The two texts' vectors side by side, for a learned metric: per view in ``views`` (a subset of
    ``VECTOR_VIEWS``; ``centroid`` is the unit mean of the sentence vectors) the element-wise product and
    the absolute difference, ``2 × dim`` columns per view, one row per pair. Both are symmetric in the
    two sides; their sum over the product columns is the cosine, so a model fitted on them can learn
    which directions of the space matter for "same story" and which only for "same topic".
    ``directions`` (per view, see ``TopicDirections``) are taken out of the vectors first."""
    return metric_features(side_vectors(left, right, cache, views), directions)


# ---------------------------------------------------------------------------------------- lexical


LEXICAL = (
    "names_containment",
    "names_jaccard",
    "numbers_containment",
    "years_shared",
    "words_tfidf",
    "lemmas_tfidf",
    "grams_tfidf",
    "names_tfidf",
    "opening_tfidf",
    "log_length_min",
    "length_ratio",
    "same_language",
)

_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_NAME = re.compile(r"(?<![\w'’])([^\W\d_a-zà-öø-ÿа-я][^\W\d_]{2,})", re.UNICODE)
_STARTS = re.compile(r"(?:^|[.!?:;]\s+|\n|[\"“”«»„]\s*)([^\W\d_][\w'’-]*)", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w])\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NAME_STEM = 5  # folded names are cut to this many characters: "Merkels" meets "Merkel", "Trumpa" "Trump"


def fold(word: str) -> str:
    """Lower case without accents ("Müller" → "muller", "Erdoğan" → "erdogan"): a cross-lingual key."""
    return _fold_accents(word).replace("ı", "i").replace("ß", "ss")


def names(text: str) -> set[str]:
    """Folded keys of capitalised words that are not only capitalised because they start a sentence."""
    starts = {m.group(1) for m in _STARTS.finditer(text)}
    found = [m.group(1) for m in _NAME.finditer(text)]
    inside = {w for w in found if w not in starts or w.isupper() or found.count(w) > 1}
    return {fold(w)[:_NAME_STEM] for w in inside if len(w) >= 3}


def numbers(text: str) -> set[str]:
    """Numbers as written without separators ("15.000" and "15,000" both → "15000"), single digits out."""
    return {re.sub(r"[.,]", "", m.group(0)) for m in _NUMBER.finditer(text) if len(m.group(0)) >= 2}


def lemmatise(words: list[str], language: str) -> list[str]:
    """Dictionary lemmas (simplemma) in the languages it knows, the words themselves in the others."""
    import simplemma
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    lang = language.split("-")[0]
    if lang not in SUPPORTED_LANGUAGES:
        return words
    return [simplemma.lemmatize(w, lang=lang) for w in words]


def _containment(a: set[str], b: set[str]) -> float:
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def _jaccard(a: set[str], b: set[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _tfidf_cosines(docs_left: list[list[str]], docs_right: list[list[str]]) -> np.ndarray:
    """Cosine of TF-IDF vectors per pair; the IDF comes from all the documents given (no labels)."""
    from collections import Counter

    bags = [Counter(d) for d in (*docs_left, *docs_right)]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    weighted = []
    for bag in bags:
        w = {t: (1 + np.log(c)) * np.log((n + 1) / (df[t] + 1)) for t, c in bag.items()}
        norm = float(np.sqrt(sum(x * x for x in w.values()))) or 1.0
        weighted.append({t: x / norm for t, x in w.items()})
    half = len(docs_left)
    out = np.zeros(half)
    for i in range(half):
        a, b = weighted[i], weighted[half + i]
        if len(a) > len(b):
            a, b = b, a
        out[i] = sum(x * b[t] for t, x in a.items() if t in b)
    return out


def lexical_features(left: Sequence[TextParts], right: Sequence[TextParts]) -> np.ndarray:
    """One row of ``LEXICAL`` per pair: shared names, numbers and years, TF-IDF cosines, lengths."""
    words = [[fold(w)[:7] for w in _WORD.findall(p.full)] for p in (*left, *right)]
    lemmas = [[fold(w)[:7] for w in lemmatise(_WORD.findall(p.full), p.language)] for p in (*left, *right)]
    keys = [sorted(names(p.full)) for p in (*left, *right)]
    grams = [[k[j : j + 4] for k in ks for j in range(max(1, len(k) - 3))] for ks in keys]
    heads = [[fold(w)[:7] for w in _WORD.findall(p.opening)] for p in (*left, *right)]
    half = len(left)
    word_cos = _tfidf_cosines(words[:half], words[half:])
    lemma_cos = _tfidf_cosines(lemmas[:half], lemmas[half:])
    gram_cos = _tfidf_cosines(grams[:half], grams[half:])
    name_cos = _tfidf_cosines(keys[:half], keys[half:])
    head_cos = _tfidf_cosines(heads[:half], heads[half:])
    rows = []
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        na, nb = names(a.full), names(b.full)
        ua, ub = numbers(a.full), numbers(b.full)
        ya, yb = {x for x in ua if _YEAR.match(x)}, {x for x in ub if _YEAR.match(x)}
        la, lb = len(a.full) + 1, len(b.full) + 1
        rows.append(
            [
                _containment(na, nb),
                _jaccard(na, nb),
                _containment(ua - ya, ub - yb),
                1.0 if ya & yb else (-1.0 if ya and yb else 0.0),
                float(word_cos[i]),
                float(lemma_cos[i]),
                float(gram_cos[i]),
                float(name_cos[i]),
                float(head_cos[i]),
                float(np.log(min(la, lb))),
                min(la, lb) / max(la, lb),
                1.0 if a.language.split("-")[0] == b.language.split("-")[0] else 0.0,
            ]
        )
    return np.array(rows)


def language_counts(
    left: Sequence[TextParts], right: Sequence[TextParts], languages: Sequence[str]
) -> np.ndarray:
    """One column per code in ``languages``: how many sides of the pair (0, 1 or 2) are in that language.

    Lets a fitted model learn each language pair's base rate (SemEval's German-English pairs are mostly
    less related than its German-German ones); a language not listed adds nothing.
    """
    out = np.zeros((len(left), len(languages)))
    column = {code: j for j, code in enumerate(languages)}
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        for side in (a, b):
            j = column.get(side.language.split("-")[0])
            if j is not None:
                out[i, j] += 1.0
    return out


# ------------------------------------------------------------------------------------------ words

WORD_ALIGNMENT = ("words_soft_precision", "words_soft_recall", "words_soft_f1", "words_soft_matched")
ALIGN_WORDS = 180  # words per text aligned (a ~1,000-character sample holds about 150)
WORD_MATCH = 0.8  # a word's best cosine on the other side from which it counts as matched
_ALIGN_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def word_alignment(
    left: Sequence[TextParts], right: Sequence[TextParts], model: Embedder, batch_size: int = 1024
) -> np.ndarray:
    """One row of ``WORD_ALIGNMENT`` per pair: each word of a text (its first ``ALIGN_WORDS`` words of 3
    letters or more) is embedded alone by ``model`` (multilingual, so "Regierung" meets "government") and
    matched to its nearest word on the other side, as BERTScore matches tokens. Precision is the IDF-weighted
    mean of the left side's best cosines, recall the right side's, then their harmonic mean and the
    IDF-weighted share of words whose best cosine reaches ``WORD_MATCH`` (both sides averaged).

    The IDF comes from the texts given, per language (no labels), so rare words weigh most. Each distinct
    word is embedded once per call and not kept: a file's ~50,000 words take USE about 20 seconds.
    """
    from collections import Counter

    docs = [_ALIGN_WORD.findall(p.full)[:ALIGN_WORDS] for p in (*left, *right)]
    langs = [p.language.split("-")[0] for p in (*left, *right)]
    df: dict[str, Counter[str]] = {}
    for words, lang in zip(docs, langs, strict=True):
        df.setdefault(lang, Counter()).update({w.lower() for w in words})
    n_docs = Counter(langs)
    vocab = sorted({w for words in docs for w in words})
    index = {w: i for i, w in enumerate(vocab)}
    vectors = np.zeros((len(vocab), model.dim), dtype=np.float32)
    for start in range(0, len(vocab), batch_size):
        vectors[start : start + batch_size] = model.embed(vocab[start : start + batch_size])
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors /= np.where(norms > 0, norms, 1.0)

    def weights(words: list[str], lang: str) -> np.ndarray:
        return np.array([np.log((n_docs[lang] + 1) / (df[lang][w.lower()] + 1)) + 1e-6 for w in words])

    half = len(left)
    out = np.zeros((half, len(WORD_ALIGNMENT)))
    for i in range(half):
        a, b = docs[i], docs[half + i]
        if not a or not b:
            continue
        sim = vectors[[index[w] for w in a]] @ vectors[[index[w] for w in b]].T
        wa, wb = weights(a, langs[i]), weights(b, langs[half + i])
        best_a, best_b = sim.max(axis=1), sim.max(axis=0)
        precision = float(best_a @ wa / wa.sum())
        recall = float(best_b @ wb / wb.sum())
        f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
        matched = 0.5 * (
            float(wa @ (best_a >= WORD_MATCH)) / wa.sum() + float(wb @ (best_b >= WORD_MATCH)) / wb.sum()
        )
        out[i] = [precision, recall, f1, matched]
    return out


# ------------------------------------------------------------------------------------------ links


LINKS = ("link_cosine", "link_words", "link_both", "link_same_site")

_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|cms|jsp)$", re.IGNORECASE)
_SLUG_SPLIT = re.compile(r"[-_+~\s]+")
#: path words that are codes, not headline words: numbers, ids with a digit ("id228033745", "a1b2c3")
_CODE = re.compile(r"^(?:\d+|[a-z]{0,3}\d[a-z\d]*|(?=[a-f\d]*\d)[a-f\d]{6,})$", re.IGNORECASE)


def url_headline(url: str, min_words: int = 3) -> str:
    """The headline a news URL spells in its path, as words: the longest path segment of at least
    ``min_words`` words once numbers and ids are dropped (``/world/2020/01/02/storm-closes-velmont-port-
    id4711.html`` → ``storm closes velmont port``); percent-escapes are decoded, so Arabic or Polish slugs
    come back in their script. ``""`` when no segment qualifies (``/?p=5139830``, ``/stories/3040154/``)."""
    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:
        return ""
    best: list[str] = []
    for segment in path.split("/"):
        words = [w for w in _SLUG_SPLIT.split(_PAGE_SUFFIX.sub("", segment)) if w and not _CODE.match(w)]
        if len(words) >= min_words and len(" ".join(words)) > len(" ".join(best)):
            best = words
    return " ".join(best)


def url_site(url: str) -> str:
    """The URL's host in lower case without a leading ``www.``."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


def link_features(
    left: Sequence[str], right: Sequence[str], languages: Sequence[tuple[str, str]], cache: VectorCache
) -> np.ndarray:
    """One row of ``LINKS`` per pair of URLs (``""`` when a side's URL is unknown): the cosine of the two
    ``url_headline``s under ``cache``'s model (multilingual, so it crosses languages), the Jaccard overlap
    of their words, whether both URLs spell a headline (cosine and overlap are 0 when not), and whether the
    two pages are on one site. ``languages`` gives each pair's two language codes, for the model."""
    heads = [(url_headline(a), url_headline(b)) for a, b in zip(left, right, strict=True)]
    both = [i for i, (a, b) in enumerate(heads) if a and b]
    out = np.zeros((len(heads), len(LINKS)))
    if both:
        va = cache.embed([heads[i][0] for i in both], [languages[i][0] for i in both])
        vb = cache.embed([heads[i][1] for i in both], [languages[i][1] for i in both])
        for k, i in enumerate(both):
            out[i, 0] = float(_unit(va[k]) @ _unit(vb[k]))
            out[i, 1] = _jaccard(set(heads[i][0].lower().split()), set(heads[i][1].lower().split()))
            out[i, 2] = 1.0
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        site = url_site(a)
        out[i, 3] = 1.0 if site and site == url_site(b) else 0.0
    return out


# ------------------------------------------------------------------------------------------ model


class BoostedTrees:
    """Least-squares gradient boosting of small regression trees over binned features (numpy only).

    Follows scikit-learn's conventions: hyper-parameters in ``__init__``, ``fit`` returns ``self``,
    learned state ends in ``_``. Each feature is cut into at most ``bins`` quantile bins; each tree grows
    to ``depth`` levels, splitting where the squared error drops most, leaves of ``min_leaf`` rows or more;
    each round fits the residuals on a ``subsample`` of the rows (seeded, so results are reproducible).
    """

    def __init__(
        self,
        rounds: int = 300,
        learning_rate: float = 0.03,
        depth: int = 3,
        min_leaf: int = 12,
        subsample: float = 0.8,
        bins: int = 32,
        seed: int = 0,
    ) -> None:
        self.rounds = rounds
        self.learning_rate = learning_rate
        self.depth = depth
        self.min_leaf = min_leaf
        self.subsample = subsample
        self.bins = bins
        self.seed = seed

    def _bin(self, x: np.ndarray) -> np.ndarray:
        return np.stack(
            [np.searchsorted(edges, x[:, j], side="right") for j, edges in enumerate(self.edges_)], axis=1
        )

    def fit(self, x: np.ndarray, y: np.ndarray) -> BoostedTrees:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        qs = np.linspace(0, 1, self.bins + 1)[1:-1]
        self.edges_ = [np.unique(np.quantile(x[:, j], qs)) for j in range(x.shape[1])]
        xb = self._bin(x)
        rng = np.random.default_rng(self.seed)
        self.base_ = float(y.mean())
        pred = np.full(len(y), self.base_)
        self.trees_: list[list[tuple[int, int, float]]] = []
        for _ in range(self.rounds):
            rows = np.flatnonzero(rng.random(len(y)) < self.subsample)
            tree = self._grow(xb, y - pred, rows)
            self.trees_.append(tree)
            pred += self.learning_rate * self._apply(tree, xb)
        return self

    def _grow(self, xb: np.ndarray, residual: np.ndarray, rows: np.ndarray) -> list[tuple[int, int, float]]:
        """A complete tree as a list of nodes ``(feature, bin threshold, leaf value)`` in heap order."""
        nodes: list[tuple[int, int, float]] = []
        level = [rows]
        for _ in range(self.depth):
            nxt = []
            for idx in level:
                feature, threshold = self._split(xb, residual, idx)
                nodes.append((feature, threshold, 0.0))
                if feature < 0:
                    nxt += [idx, idx[:0]]
                else:
                    goes_left = xb[idx, feature] <= threshold
                    nxt += [idx[goes_left], idx[~goes_left]]
            level = nxt
        for idx in level:
            nodes.append((-1, 0, float(residual[idx].mean()) if len(idx) else 0.0))
        return nodes  # rows of a node that did not split all go left: its empty right leaf is never hit

    def _split(self, xb: np.ndarray, residual: np.ndarray, idx: np.ndarray) -> tuple[int, int]:
        if len(idx) < 2 * self.min_leaf:
            return -1, 0
        r = residual[idx]
        total, count = float(r.sum()), len(idx)
        best, best_gain = (-1, 0), 1e-12
        for j in range(xb.shape[1]):
            width = len(self.edges_[j]) + 1
            sums = np.cumsum(np.bincount(xb[idx, j], weights=r, minlength=width))[:-1]
            counts = np.cumsum(np.bincount(xb[idx, j], minlength=width))[:-1]
            ok = (counts >= self.min_leaf) & (count - counts >= self.min_leaf)
            if not ok.any():
                continue
            c = counts[ok]
            s = sums[ok]
            gain = s * s / c + (total - s) ** 2 / (count - c) - total * total / count
            k = int(np.argmax(gain))
            if gain[k] > best_gain:
                best_gain = float(gain[k])
                best = (j, int(np.flatnonzero(ok)[k]))
        return best

    def _apply(self, tree: list[tuple[int, int, float]], xb: np.ndarray) -> np.ndarray:
        features = np.array([f for f, _, _ in tree])
        thresholds = np.array([t for _, t, _ in tree])
        rows = np.arange(len(xb))
        node = np.zeros(len(xb), dtype=int)
        for _ in range(self.depth):
            feature = features[node]
            right = (feature >= 0) & (xb[rows, np.maximum(feature, 0)] > thresholds[node])
            node = 2 * node + 1 + right
        return np.array([leaf for _, _, leaf in tree])[node]

    def predict(self, x: np.ndarray) -> np.ndarray:
        xb = self._bin(np.asarray(x, dtype=float))
        out = np.full(len(xb), self.base_)
        for tree in self.trees_:
            out += self.learning_rate * self._apply(tree, xb)
        return out


class PairScorer:
    """Features of a pair → score: a blend of ridge regression and ``BoostedTrees``.

    The ridge part sees the standardised features plus the squares of ``curved`` (column indices: the
    map from a cosine to a score bends); the trees see the features as they are. The prediction is
    ``trees_weight`` × trees + (1 − ``trees_weight``) × ridge. Defaults chosen by cross-validation on
    SemEval-2022 Task 8's dev file.
    """

    def __init__(
        self,
        curved: Sequence[int] = (),
        l2: float = 1.0,
        trees_weight: float = 0.4,
        rounds: int = 400,
        depth: int = 2,
        learning_rate: float = 0.03,
        seed: int = 0,
    ) -> None:
        self.curved = curved
        self.l2 = l2
        self.trees_weight = trees_weight
        self.rounds = rounds
        self.depth = depth
        self.learning_rate = learning_rate
        self.seed = seed

    def _curve(self, x: np.ndarray) -> np.ndarray:
        return np.hstack([x, x[:, list(self.curved)] ** 2])

    def _design(self, x: np.ndarray) -> np.ndarray:
        z = self._curve(x)
        return np.hstack([(z - self.mean_) / self.scale_, np.ones((len(z), 1))])

    def fit(self, x: np.ndarray, y: np.ndarray) -> PairScorer:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        z = self._curve(x)
        self.mean_ = z.mean(axis=0)
        self.scale_ = z.std(axis=0)
        self.scale_[self.scale_ == 0] = 1.0
        design = self._design(x)
        penalty = np.eye(design.shape[1]) * self.l2
        penalty[-1, -1] = 0.0  # the intercept is not shrunk
        self.coef_ = np.linalg.solve(design.T @ design + penalty, design.T @ y)
        self.trees_ = BoostedTrees(
            rounds=self.rounds, depth=self.depth, learning_rate=self.learning_rate, seed=self.seed
        ).fit(x, y)
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        linear = self._design(x) @ self.coef_
        return self.trees_weight * self.trees_.predict(x) + (1 - self.trees_weight) * linear


class MetricRidge:
    """Ridge regression over ``vector_features`` (standardised, thousands of columns, few hundred rows:
    strongly shrunk, ``l2`` chosen by cross-validation on SemEval's dev file)."""

    def __init__(self, l2: float = 2000.0) -> None:
        self.l2 = l2

    def fit(self, z: np.ndarray, y: np.ndarray) -> MetricRidge:
        z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
        self.mean_ = z.mean(axis=0)
        self.scale_ = z.std(axis=0) + 1e-9
        self.intercept_ = float(y.mean())
        zz = (z - self.mean_) / self.scale_
        # solve in the row space (n × n) when there are more columns than rows: same solution, cheaper
        if zz.shape[1] > zz.shape[0]:
            alpha = np.linalg.solve(zz @ zz.T + self.l2 * np.eye(len(zz)), y - self.intercept_)
            self.coef_ = zz.T @ alpha
        else:
            self.coef_ = np.linalg.solve(
                zz.T @ zz + self.l2 * np.eye(zz.shape[1]), zz.T @ (y - self.intercept_)
            )
        return self

    def predict(self, z: np.ndarray) -> np.ndarray:
        return ((np.asarray(z, dtype=float) - self.mean_) / self.scale_) @ self.coef_ + self.intercept_


class StackedScorer:
    """``PairScorer`` over the pair features plus one more column: the ``MetricRidge`` score of the
    pair's vectors. On the rows it is fitted on, that column is out-of-fold (``folds``-fold, seeded), so
    the scorer learns how far to trust the metric on pairs the metric has not seen; at prediction time
    the metric is the one fitted on every row."""

    def __init__(
        self, curved: Sequence[int] = (), l2: float = 2000.0, folds: int = 5, seed: int = 10
    ) -> None:
        self.curved = curved
        self.l2 = l2
        self.folds = folds
        self.seed = seed

    def fit(self, x: np.ndarray, z: np.ndarray, y: np.ndarray) -> StackedScorer:
        x, z, y = np.asarray(x, dtype=float), np.asarray(z, dtype=float), np.asarray(y, dtype=float)
        inner = np.zeros(len(y))
        order = np.random.default_rng(self.seed).permutation(len(y))
        for k in range(self.folds):
            held = order[k :: self.folds]
            keep = np.setdiff1d(order, held)
            inner[held] = MetricRidge(self.l2).fit(z[keep], y[keep]).predict(z[held])
        self.metric_ = MetricRidge(self.l2).fit(z, y)
        self.scorer_ = PairScorer(curved=self.curved).fit(np.hstack([x, inner[:, None]]), y)
        return self

    def predict(self, x: np.ndarray, z: np.ndarray) -> np.ndarray:
        metric = self.metric_.predict(z)
        return self.scorer_.predict(np.hstack([np.asarray(x, dtype=float), metric[:, None]]))
