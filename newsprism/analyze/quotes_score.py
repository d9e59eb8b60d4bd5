"""A learned filter over English attribution candidates: a logistic regression on sparse parse features.

The rule extractors (:mod:`quotes_parse`, the quotation-mark passes in :mod:`quotes`) propose
attributions generously; each candidate is then described by a few dozen binary features (its cue word
and how the cue relates to the content in the parse, the shape of its speaker and of its content, whether
it is a quotation) and kept when its learned score reaches the threshold. The weights
(``newsprism/data/quotes_en.json``, feature name → weight, no text of the data set) are fitted by
``scripts/train_quotes.py`` on PolNeAR ``train/`` (label: the candidate's content matches a gold content),
and the threshold is chosen on PolNeAR ``dev/``.

Before the filter, a second small logistic regression (``alt_weights``) chooses for each indirect content
that follows its cue between the parsed clause and the rest of the sentence up to the next cue
(:func:`to_sentence_end`; PolNeAR often takes ``…, citing …`` tails and conjoined clauses in): fitted on
the ``train/`` candidates where exactly one reading matches a gold content.

Measured on PolNeAR ``dev/`` (84 texts, not fitted on; the thresholds were chosen there): speaker F1
0.699 → 0.743 with the first filter, content F1 0.667 → 0.701; now speaker 0.756 (P 0.808, R 0.709),
content 0.715 (P 0.764, R 0.672). 4-fold cross-validation over ``train/`` + ``dev/`` (22,024 gold quotes;
filter and chooser refitted per fold): speaker 0.712, content 0.690 before the chooser, the first-person
and object readings; 0.715 / 0.699 with them (the chooser alone: content +0.004, speaker -0.001); 0.720 /
0.697 with the speakers reached through prepositions, adjectives and light verbs; 0.722 / 0.701 when a
kept content lying for the most part inside a likelier kept one is dropped (:func:`select`).
Tried and dropped: more learned cue verbs (rate 0.1 or 0.05 instead of 0.2: no gain), feature
conjunctions and cue/speaker head words (mean F1 -0.001 to -0.002), alternative content readings per cue
chosen by the same model (mean F1 -0.003 to -0.005), features for quoted words inside an indirect content
and for the headline (cross-validated: +0.000), cutting a content before a comma-led tail (dev/ -0.004),
any verb or noun with a "that" clause as a cue, the chooser's reading from the sentence start for a
content before its cue, and the head noun as the speaker of a participle (``voters saying``) (all
cross-validated within ±0.003, or a loss).

Then (a second 4-fold CV harness: texts dealt to folds in name order, every model refitted per fold and
every threshold chosen on the training folds; its baseline is speaker 0.7189, content 0.6975, not the
figures above): an unclaimed quotation continues a direct quote up to three attributions back and 300
characters away (was: the one right before, 120): content 0.6998, speaker 0.7187; the speaker span chosen
among the readings of the parse by :mod:`quotes_speakers`: speaker 0.7202; a kept candidate's unsure
speaker dropped (:func:`keep`, :mod:`quotes_speakers`): speaker 0.7278 (P 0.846, R 0.639), content
0.6998. PolNeAR ``dev/`` now: speaker F1 0.764 (P 0.869, R 0.682), content 0.720 (P 0.780, R 0.668).
Tried and dropped there: the reading chooser fitted only on candidates whose content matches a gold
content (speaker 0.7204 against 0.7207 for any gold speaker span of the text), a gap of 300 characters
with one attribution back or 120 with three (content 0.6984, 0.6988).

Then, aiming at content F1 (same harness, re-run first: 0.7278 / 0.6998), all tried and dropped. Where
the content ends, chosen by a logistic model among the cuts the parse offers (every punctuation mark or
right-hand dependent inside the content or after it in its sentence, up to 12 readings): with a perfect
choice content F1 would go 0.722 -> 0.760 (train/ + dev/, in-sample), but the learned choice loses
(argmax of a pointwise model: content 0.6831, speaker 0.7241), and a model of "switch from the current
end" fitted on one half of the texts gains at most 20 net gold matches on the other half (of ~11,000;
+200 in-sample), with or without the cue-word features and for longer or shorter cuts alone. A second
harness that picks the filter threshold on out-of-fold probabilities of the training folds (as
scripts/train_quotes.py picks it on the held-out dev/) gives speaker 0.7322, content 0.7010 (0.7304 /
0.7008 with the shipped 0.35); against it: features of how the content is bounded (the token after and
before it, an odd number of quotation marks, its share of the sentence) 0.7325 / 0.7020; any other verb
with a subject and a finite clause as a candidate, with features for an unlisted cue 0.7289 / 0.6997; a
short unclaimed quotation that ends a sentence continuing the direct quote before it 0.7323 / 0.7011; a
second logistic stage over the first one's probability and that of the likeliest overlapping candidate
0.7316 / 0.7014; L2 3e-4 or 3e-5 instead of 1e-4 0.7313 / 0.7012, 0.7329 / 0.6991; the threshold
chosen after the unsure speakers are dropped 0.7343 / 0.6996; ``As Politico reported, …`` (a speech verb
in an ``as`` clause: the clause it hangs on, around it, is the content; 253 in train/ + dev/, 99 match
a gold content, 41 not matched otherwise) 0.7333 / 0.7020, with the bounding features 0.7337 / 0.7028
(content up in all four folds, but by less than 0.002). None gains content F1 by 0.002.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from newsprism.analyze.quotemarks import Attribution, overlaps, trim_span
from newsprism.analyze.sentences import sentence_index
from newsprism.records import Sentence

_PRONOUNS = frozenset("he she they it i we you who which that this these those his her their its".split())  # noqa: SIM905
_OPENERS = frozenset("that to for about on of whether if how what why when with against in".split())  # noqa: SIM905


def _bucket(n: int) -> str:
    for limit in (1, 2, 4, 7, 12, 20, 35):
        if n <= limit:
            return str(limit)
    return "more"


class DocIndex:
    """Character offset → spaCy token of one parsed text (built once per text)."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def token_at(self, pos: int) -> Any:
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.doc[i] if i >= 0 else None

    def tokens(self, span: tuple[int, int]) -> list[Any]:
        lo = bisect.bisect_left(self.starts, span[0])
        hi = bisect.bisect_left(self.starts, span[1])
        return [self.doc[i] for i in range(lo, hi)]


def features(text: str, att: Attribution, index: DocIndex, others: Sequence[Attribution] = ()) -> list[str]:
    """The binary features of one candidate (names only; present means 1); ``others`` are the other
    candidates of the same text (one whose content overlaps competes for the same gold quote)."""
    out = ["bias", "direct" if att.direct else "indirect"]
    for other in others:
        if other is not att and overlaps(other.content, att.content):
            longer = other.content[1] - other.content[0] > att.content[1] - att.content[0]
            out.append(f"overlapped|{longer}|{other.direct}")
    if len(att.pieces) > 1:
        out.append("pieces")
    cue_word = "none"
    lemma = "none"
    if att.cue is not None:
        cue_text = " ".join(text[att.cue[0] : att.cue[1]].lower().split())
        cue_tok = index.token_at(att.cue[0])
        if cue_text in (":", "—", "–", "-", "―"):
            cue_word = "punct"
        else:
            cue_word = cue_text
        if cue_tok is not None:
            lemma = cue_tok.lemma_.lower() or cue_tok.lower_
            from newsprism.analyze.quotes_parse import cue_lemma

            lemma = cue_lemma(cue_tok.lower_) or lemma
            out += [
                f"tag={cue_tok.tag_}",
                f"dep={cue_tok.dep_}",
                f"lemma={lemma}",
                f"lemma_tag={lemma}|{cue_tok.tag_[:2]}",
                f"cuehead={cue_tok.head.tag_[:2]}",
            ]
            if any(c.dep_ == "neg" for c in cue_tok.children):
                out.append("neg")
            if any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "might", "may")
                for c in cue_tok.children
            ):
                out.append("modal")
            if any(c.dep_ == "auxpass" for c in cue_tok.children):
                out.append("passive")
    out.append(f"cue={cue_word}")
    # the content
    toks = [t for t in index.tokens(att.content) if not t.is_space]
    n_words = sum(1 for t in toks if not t.is_punct)
    out.append(f"clen={_bucket(n_words)}")
    out.append(f"clen_direct={_bucket(n_words)}|{att.direct}")
    if toks:
        first = toks[0]
        out.append(f"cfirst={first.lower_ if first.lower_ in _OPENERS else first.tag_}")
        inside = {t.i for t in toks}
        roots = [t for t in toks if t.head.i not in inside or t.head is t]
        root = roots[0] if roots else first
        out.append(f"croot={root.dep_}")
        out.append(f"croot_tag={root.tag_}")
        out.append(f"lemma_croot={lemma}|{root.dep_}")
        if any(t.dep_ in ("nsubj", "nsubjpass") for t in toks):
            out.append("csubj")
        if any(t.tag_.startswith(("VB", "MD")) for t in toks):
            out.append("cverb")
        if text[att.content[1] - 1 : att.content[1]] in "?":
            out.append("question")
    # the speaker
    if att.speaker is None:
        out.append("spk=none")
    else:
        words = text[att.speaker[0] : att.speaker[1]].split()
        low = " ".join(words).lower()
        stoks = index.tokens(att.speaker)
        if low in _PRONOUNS:
            out.append(f"spk=pron:{low}")
        elif any(t.tag_.startswith("NNP") for t in stoks):
            out.append("spk=propn")
        else:
            out.append("spk=noun")
        out.append(f"slen={_bucket(len(words))}")
        ents = {t.ent_type_ for t in stoks if t.ent_type_}
        out += [f"sent={e}" for e in sorted(ents)]
        out.append("spk_before" if att.speaker[0] < att.content[0] else "spk_after")
        if stoks and stoks[-1].i + 1 < len(index.doc) and index.doc[stoks[-1].i + 1].is_punct:
            out.append("spk_punct_after")
    out.append(f"lemma_direct={lemma}|{att.direct}")
    return out


@lru_cache(maxsize=1)
def _model() -> dict[str, Any]:
    raw = resources.files("newsprism").joinpath("data/quotes_en.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@lru_cache(maxsize=1)
def _weights() -> tuple[dict[str, float], float]:
    data = _model()
    return {str(k): float(v) for k, v in data["weights"].items()}, float(data["threshold"])


@lru_cache(maxsize=1)
def _alt_weights() -> tuple[dict[str, float], float]:
    data = _model()
    return {str(k): float(v) for k, v in data.get("alt_weights", {}).items()}, float(
        data.get("alt_threshold", 1.0)
    )


_TAIL_WORD_TAGS = ("IN", "CC", "TO", "WDT", "WRB", "VBG")
_QUOTES = frozenset(['"', "“", "”"])


def clear_cache() -> None:
    """Forget the loaded weights (after scripts/train_quotes.py rewrote them)."""
    from newsprism.analyze import quotes_speakers

    _model.cache_clear()
    _weights.cache_clear()
    _alt_weights.cache_clear()
    quotes_speakers.clear_cache()


def to_sentence_end(
    text: str,
    att: Attribution,
    index: DocIndex,
    sentences: list[Sentence],
    others: Sequence[Attribution] = (),
) -> tuple[int, int] | None:
    """The other reading of an indirect content that follows its cue: everything from the cue to the end
    of the sentence (``said the plan would pass, citing …`` → the plan would pass, citing …), or up to
    the next candidate's cue (``…, adding that …``); None when it is the same span or there is none."""
    if att.direct or att.cue is None or len(att.pieces) > 1 or att.content[0] < att.cue[1] or not sentences:
        return None
    if index.token_at(att.cue[0]) is None:
        return None
    sent = sentences[sentence_index(sentences, att.cue[0])]
    end = sent.end - 1 if text[sent.end - 1 : sent.end] in ".!?" else sent.end
    for other in others:
        if other is not att and other.cue is not None and att.cue[1] <= other.cue[0] < end:
            end = min(end, other.cue[0], other.speaker[0] if other.speaker else end)
    alt = trim_span(text, att.cue[1], end)
    if alt[1] - alt[0] < 3 or alt == att.content or alt[1] <= att.content[1]:
        return None
    return alt


def alt_features(att: Attribution, alt: tuple[int, int], index: DocIndex) -> list[str]:
    """Features of the choice between a content and its reading to the end of the sentence: the cue, and
    the words the longer reading adds (how many, and how the added tail opens)."""
    from newsprism.analyze.quotes_parse import cue_lemma

    assert att.cue is not None
    tok = index.token_at(att.cue[0])
    lemma = cue_lemma(tok.lower_) or tok.lower_
    cur = [t for t in index.tokens(att.content) if not t.is_space]
    new = [t for t in index.tokens(alt) if not t.is_space]
    inside = {t.i for t in cur}
    extra = [t for t in new if t.i not in inside]
    pre = [t for t in extra if cur and t.i < cur[0].i]
    post = [t for t in extra if cur and t.i > cur[-1].i]
    out = [
        "bias",
        f"lemma={lemma}",
        f"tag={tok.tag_}",
        f"ncur={_bucket(len(cur))}",
        f"nextra={_bucket(len(extra))}",
        f"npre={_bucket(len(pre))}",
        f"npost={_bucket(len(post))}",
        f"lemma_npost={lemma}|{_bucket(len(post))}",
    ]
    if post:
        first = post[0]
        out += [
            f"post0={first.lower_ if first.is_punct or first.tag_ in _TAIL_WORD_TAGS else first.tag_}",
            f"post0dep={first.dep_}",
            f"postverb={any(t.tag_.startswith('VB') for t in post)}",
            f"postquote={any(t.text in _QUOTES for t in post)}",
            f"posthead={first.head.i in inside or first.head.i == tok.i}",
            f"postcomma={first.text == ','}",
            f"postsubj={any(t.dep_ in ('nsubj', 'nsubjpass') for t in post)}",
        ]
        if len(post) > 1:
            second = post[1]
            out.append(f"post1={second.lower_ if second.tag_ in ('IN', 'CC', 'TO', 'VBG') else second.tag_}")
    if pre:
        out.append(f"pre0={pre[0].lower_ if pre[0].tag_ in ('IN', 'TO', 'DT') else pre[0].tag_}")
    if cur:
        out += [f"cur0={cur[0].dep_}", f"curroot={cur[0].head.dep_}"]
    return out


def choose_contents(text: str, atts: list[Attribution], doc: Any, sentences: list[Sentence]) -> None:
    """Replace a content by its reading to the end of the sentence where the learned chooser prefers it
    (weights ``alt_weights`` in ``newsprism/data/quotes_en.json``, fitted by scripts/train_quotes.py)."""
    weights, threshold = _alt_weights()
    if not weights:
        return
    index = DocIndex(doc)
    for att in atts:
        alt = to_sentence_end(text, att, index, sentences, atts)
        if alt is None:
            continue
        z = sum(weights.get(f, 0.0) for f in alt_features(att, alt, index))
        if sigmoid(z) >= threshold:
            att.content = alt
            att.pieces = [alt]


def score(text: str, att: Attribution, index: DocIndex, others: list[Attribution]) -> float:
    """Probability that the candidate is an attribution as PolNeAR annotates them."""
    weights, _ = _weights()
    z = sum(weights.get(f, 0.0) for f in set(features(text, att, index, others)))
    return sigmoid(z)


def sigmoid(z: float) -> float:
    """The logistic function, clipped so that no weight sum overflows ``math.exp``."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def keep(text: str, atts: list[Attribution], doc: Any) -> list[Attribution]:
    """The candidates whose score reaches the shipped threshold (see :func:`select`); a kept one whose
    speaker the model of :mod:`quotes_speakers` doubts loses its speaker."""
    from newsprism.analyze.quotes_speakers import drop_unsure_speakers

    _, threshold = _weights()
    index = DocIndex(doc)
    probs = [score(text, a, index, atts) for a in atts]
    kept = select(text, atts, probs, threshold)
    prob_of = {id(a): p for a, p in zip(atts, probs, strict=True)}
    drop_unsure_speakers(text, kept, [prob_of[id(a)] for a in kept], index)
    return kept


NESTED = 0.8  # share of a content's words inside a likelier kept content that makes it a duplicate


def _words(text: str, att: Attribution) -> set[int]:
    return {m.start() for a, b in att.pieces for m in _WORD.finditer(text, a, b)}


_WORD = re.compile(r"\w+")


def select(text: str, atts: list[Attribution], probs: Sequence[float], threshold: float) -> list[Attribution]:
    """The candidates whose probability reaches ``threshold``, less those whose content lies for the most
    part (:data:`NESTED`) inside the content of a likelier kept one: a second reading of the same quote
    (4-fold CV over PolNeAR train/+dev/: speaker F1 +0.002, content F1 +0.003)."""
    kept = [(a, p) for a, p in zip(atts, probs, strict=True) if p >= threshold]
    if len(kept) < 2:
        return [a for a, _ in kept]
    words = [_words(text, a) for a, _ in kept]
    out = []
    for i, (att, p) in enumerate(kept):
        mine = words[i]
        if mine and any(
            k != i
            and q > p
            and overlaps(other.content, att.content)
            and len(mine & words[k]) >= NESTED * len(mine)
            for k, (other, q) in enumerate(kept)
        ):
            continue
        out.append(att)
    return out
