"""Learned choices about English speaker spans: which reading of the speaker phrase, and whether to keep one.

PolNeAR marks a speaker as one exact span, and the parse often offers several plausible ones around the
same head word: with or without a relative clause (``Ross, who spent …``), an appositive (``Ross, a
former aide``), a trailing date or place (``the campaign on Monday``), a leading adverb (``even Mr.
Slinker``), or the antecedent instead of a relative pronoun (``who`` → ``the boy``). :func:`readings`
lists them (the span the rules chose first) and a logistic regression over a few dozen binary features
of each reading (``reading_weights`` in ``newsprism/data/quotes_en.json``) picks the likeliest
(:func:`choose_speakers`). After the learned filter of :mod:`quotes_score` has kept a candidate, a second
logistic regression (``speaker_weights``) estimates whether its speaker span is one PolNeAR marks; below
``speaker_threshold`` the quote is kept without a speaker rather than with a likely wrong one
(:func:`drop_unsure_speakers`). Both are fitted by ``scripts/train_quotes.py`` on PolNeAR ``train/``
(labels: the reading is one of the text's gold speaker spans after the scorer's trimming); the threshold
is chosen on ``dev/``.

Measured by 4-fold cross-validation over PolNeAR ``train/`` + ``dev/`` (every model refitted per fold,
thresholds chosen on the training folds; see :mod:`quotes_score`): speaker F1 0.7187 → 0.7202 with the
reading chooser, → 0.7278 (P 0.784 → 0.846, R 0.665 → 0.639) with the unsure speakers dropped; content
F1 0.6998 either way. The right span is among the readings for 336 of the 1,570 wrong speakers of
matched contents (train/ + dev/, the filter of the time), so the chooser's ceiling is about +0.018
speaker F1; it moves about 4 % of the speakers.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from newsprism.analyze.quotemarks import Attribution
from newsprism.analyze.quotes_score import DocIndex, _bucket, _model, features, sigmoid

_RELATIVE = frozenset(["who", "which", "that", "whom"])
_LEFT_OPTIONAL = frozenset(["advmod", "cc", "preconj", "punct", "quantmod"])
_MAX_RIGHT = 6  # right-hand children of the head a reading may stop after
_MAX_SUBTREE = 60  # tokens: a runaway parse gives the head word alone

TokenSpan = tuple[int, int]  # first and last token index, both included


@lru_cache(maxsize=1)
def _reading_weights() -> dict[str, float]:
    return {str(k): float(v) for k, v in _model().get("reading_weights", {}).items()}


@lru_cache(maxsize=1)
def _speaker_weights() -> tuple[dict[str, float], float]:
    data = _model()
    weights = {str(k): float(v) for k, v in data.get("speaker_weights", {}).items()}
    return weights, float(data.get("speaker_threshold", 0.0))


def clear_cache() -> None:
    """Forget the loaded weights (after scripts/train_quotes.py rewrote them)."""
    _reading_weights.cache_clear()
    _speaker_weights.cache_clear()


def head_of(index: DocIndex, span: tuple[int, int]) -> tuple[Any, list[Any]]:
    """The head token of a character span (the first whose head lies outside it) and its tokens."""
    toks = [t for t in index.tokens(span) if not t.is_space]
    if not toks:
        return None, toks
    inside = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in inside or t.head is t]
    return (roots[0] if roots else toks[0]), toks


def _trimmed(doc: Any, lo: int, hi: int) -> TokenSpan:
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return lo, hi


def _around(head: Any) -> list[TokenSpan]:
    """Readings of a noun phrase around ``head``: from its left edge or after a leading adverb or
    conjunction, to the head or to the end of one of its first right-hand children."""
    doc = head.doc
    if head.right_edge.i - head.left_edge.i > _MAX_SUBTREE:
        return [(head.i, head.i)]
    starts = [head.left_edge.i]
    for child in head.lefts:
        if child.dep_ not in _LEFT_OPTIONAL and not child.is_punct:
            break
        if child.right_edge.i + 1 <= head.i:
            starts.append(child.right_edge.i + 1)
    ends = [head.i]
    for child in head.rights:
        ends.append(child.right_edge.i)
        if len(ends) > _MAX_RIGHT:
            break
    return [_trimmed(doc, lo, hi) for lo in starts for hi in ends]


def readings(index: DocIndex, span: tuple[int, int]) -> list[TokenSpan]:
    """Token spans of the readings of a speaker span, the given span first: around its head, around the
    word an appositive, conjunct or compound head hangs on, and around the antecedent of a relative
    pronoun."""
    head, toks = head_of(index, span)
    if head is None:
        return []
    heads = [head]
    if head.dep_ in ("appos", "conj", "compound", "nmod") and head.head.i < head.i:
        heads.append(head.head)
    if head.lower_ in _RELATIVE and head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "relcl":
        heads.append(head.head.head)
    out = [(toks[0].i, toks[-1].i)]
    for h in heads:
        out += [r for r in _around(h) if r not in out]
    return out


def char_span(doc: Any, reading: TokenSpan) -> tuple[int, int]:
    lo, hi = reading
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _word(tok: Any, tags: tuple[str, ...]) -> str:
    return str(tok.lower_) if tok.is_punct or tok.tag_ in tags else str(tok.tag_)


def reading_features(
    att: Attribution, index: DocIndex, base: TokenSpan, reading: TokenSpan, head: Any
) -> list[str]:
    """Binary features of one reading: how it differs from the rules' span, what stands right before and
    after it, its length and last word, and the dependencies of what it adds or leaves out."""
    doc = index.doc
    lo, hi = reading
    b0, b1 = base
    side_l = "same_l" if lo == b0 else "more_l" if lo < b0 else "less_l"
    side_r = "same_r" if hi == b1 else "more_r" if hi > b1 else "less_r"
    rel = f"{side_l}|{side_r}"
    toks = doc[lo : hi + 1]
    out = ["bias", f"rel={rel}", f"len={_bucket(hi - lo + 1)}", f"first={toks[0].tag_}"]
    if reading == base:
        out.append("base")
    after = doc[hi + 1] if hi + 1 < len(doc) else None
    out.append(f"after={_word(after, ('IN', 'WP', 'WDT', 'CC', 'TO')) if after is not None else 'END'}")
    if after is not None and after.text == "," and hi + 2 < len(doc):
        nxt = doc[hi + 2]
        out += [f"after2={_word(nxt, ('WP', 'WDT', 'IN', 'DT', 'CC'))}", f"after2ent={nxt.ent_type_}"]
    before = doc[lo - 1] if lo > 0 else None
    out.append(f"before={_word(before, ('IN', 'CC', 'DT', 'RB')) if before is not None else 'START'}")
    last = toks[-1]
    out += [
        f"last={last.tag_}|{last.ent_type_}",
        f"lastdep={last.dep_}",
        f"commas={min(3, sum(1 for t in toks if t.text == ','))}",
        f"verb={any(t.tag_.startswith('VB') for t in toks)}",
        f"rel_ent={rel}|{last.ent_type_}",
    ]
    out += [f"rdep={d}" for d in sorted({t.dep_ for t in toks if t.head.i == head.i and t.i > head.i})]
    if hi < b1:
        dropped = doc[hi + 1 : b1 + 1]
        out.append(f"drop_len={_bucket(len(dropped))}")
        out += [f"drop_dep={t.dep_}" for t in dropped if t.head.i == head.i][:2]
        out += [f"drop_ent={e}" for e in sorted({t.ent_type_ for t in dropped if t.ent_type_})]
    if hi > b1:
        added = doc[b1 + 1 : hi + 1]
        out.append(f"add_len={_bucket(len(added))}")
        out += [f"add_dep={t.dep_}" for t in added if t.head.i == head.i][:2]
    if lo > b0:
        out += [f"ldrop={t.dep_}" for t in doc[b0:lo] if not t.is_punct][:2]
    if lo < b0:
        out += [f"ladd={t.dep_}" for t in doc[lo:b0] if not t.is_punct][:2]
    if att.cue is not None and att.speaker is not None:
        side = "spk_after" if att.speaker[0] > att.cue[0] else "spk_before"
        out += [side, f"{side}|{rel}"]
    out += [f"hdep={head.dep_}", f"direct={att.direct}"]
    return out


def speaker_options(att: Attribution, index: DocIndex) -> tuple[list[TokenSpan], list[list[str]]] | None:
    """The readings of a candidate's speaker with their features, or None when there is no choice."""
    if att.speaker is None:
        return None
    spans = readings(index, att.speaker)
    if len(spans) < 2:
        return None
    head, _ = head_of(index, att.speaker)
    return spans, [reading_features(att, index, spans[0], r, head) for r in spans]


def choose_speakers(atts: Sequence[Attribution], doc: Any, index: DocIndex | None = None) -> None:
    """Replace each speaker span by the reading the learned chooser scores highest."""
    weights = _reading_weights()
    if not weights:
        return
    index = index or DocIndex(doc)
    for att in atts:
        options = speaker_options(att, index)
        if options is None:
            continue
        spans, feats = options
        scores = [sum(weights.get(f, 0.0) for f in set(fs)) for fs in feats]
        best = max(range(len(spans)), key=lambda i: scores[i])
        if best:
            att.speaker = char_span(doc, spans[best])


def keep_features(
    text: str, att: Attribution, index: DocIndex, kept: list[Attribution], prob: float
) -> list[str]:
    """Features of a kept candidate's speaker: the filter's features, its probability (in tenths) and
    the features of the speaker span as a reading of itself (``r:`` prefix)."""
    out = features(text, att, index, kept)
    out.append(f"prob={min(9, int(prob * 10))}")
    if att.speaker is not None:
        head, toks = head_of(index, att.speaker)
        if head is not None:
            base = (toks[0].i, toks[-1].i)
            out += ["r:" + f for f in reading_features(att, index, base, base, head)]
    return out


def speaker_probability(weights: dict[str, float], feats: list[str]) -> float:
    return sigmoid(sum(weights.get(f, 0.0) for f in set(feats)))


def drop_unsure_speakers(text: str, kept: list[Attribution], probs: Sequence[float], index: DocIndex) -> None:
    """Forget the speaker of each kept candidate (``probs``: the filter's) whose speaker the learned model
    finds less likely than ``speaker_threshold`` to be one PolNeAR marks."""
    from newsprism.analyze.quotes_parse import quoted_as_saying

    weights, threshold = _speaker_weights()
    if not weights or threshold <= 0.0:
        return
    for att, prob in zip(kept, probs, strict=True):
        if att.speaker is None:
            continue
        cue = index.token_at(att.cue[0]) if att.cue is not None else None
        if cue is not None and quoted_as_saying(cue) is not None:
            continue  # "reported X as saying": X as an object, which the model (6 in PolNeAR) doubts
        if speaker_probability(weights, keep_features(text, att, index, kept, prob)) < threshold:
            att.speaker = None
