"""A learned filter over English attribution candidates: a logistic regression on sparse parse features.

The rule extractors (:mod:`quotes_parse`, the quotation-mark passes in :mod:`quotes`) propose
attributions generously; each candidate is then described by a few dozen binary features (its cue word
and how the cue relates to the content in the parse, the shape of its speaker and of its content, whether
it is a quotation) and kept when its learned score reaches the threshold. The weights
(``newsprism/data/quotes_en.json``, feature name → weight, no text of the data set) are fitted by
``scripts/train_quotes.py`` on PolNeAR ``train/`` (label: the candidate's content matches a gold content),
and the threshold is chosen on PolNeAR ``dev/``.

Measured on PolNeAR ``dev/`` (84 texts, not fitted on; the threshold was chosen there): speaker F1
0.699 → 0.743 (P 0.824, R 0.676), content F1 0.667 → 0.701 (P 0.762, R 0.649), together with the verb and
noun cues learned from ``train/``. Tried on the same texts and dropped: more learned cue verbs (rate 0.1 or
0.05 instead of 0.2: no gain), feature conjunctions and cue/speaker head words (mean F1 -0.001 to -0.002),
alternative content readings per cue chosen by the same model (mean F1 -0.003 to -0.005).
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from newsprism.analyze.quotemarks import Attribution, overlaps

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
def _weights() -> tuple[dict[str, float], float]:
    raw = resources.files("newsprism").joinpath("data/quotes_en.json").read_text("utf-8")
    data = json.loads(raw)
    return {str(k): float(v) for k, v in data["weights"].items()}, float(data["threshold"])


def score(text: str, att: Attribution, index: DocIndex, others: list[Attribution]) -> float:
    """Probability that the candidate is an attribution as PolNeAR annotates them."""
    weights, _ = _weights()
    z = sum(weights.get(f, 0.0) for f in set(features(text, att, index, others)))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def keep(text: str, atts: list[Attribution], doc: Any) -> list[Attribution]:
    """The candidates whose score reaches the shipped threshold."""
    _, threshold = _weights()
    index = DocIndex(doc)
    return [a for a in atts if score(text, a, index, atts) >= threshold]
