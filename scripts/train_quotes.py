"""Fit the learned filter of English quote candidates (``newsprism/data/quotes_en.json``).

    .venv/bin/python scripts/train_quotes.py --data ../shared/data/polnear --cache /tmp/quotes-parses

Parses PolNeAR ``train/`` and ``dev/`` once (spaCy ``DocBin`` files under ``--cache``), generates every
candidate attribution of the rule extractors (:func:`extract_attributions` with ``learned=False``),
labels a candidate 1 when its content matches a gold content (the scorer's one-to-one 50% token overlap),
fits an L2-regularised logistic regression on ``train/`` in numpy, and picks the threshold that maximises
the mean of speaker and content F1 on ``dev/``. Before that it fits the chooser between a content and its
reading to the end of the sentence (``alt_weights``, :func:`fit_chooser`), so that the filter learns on
the contents the chooser leaves, and the chooser between readings of a speaker span (``reading_weights``,
:func:`fit_reading_chooser`); after it, the model that drops a kept candidate's unsure speaker
(``speaker_weights``, threshold on dev/: :func:`fit_speaker_keeper`). Only feature names and weights are
written.
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.analyze import spacy_model
from newsprism.analyze.cues import SPEECH_NOUNS
from newsprism.analyze.quotes import extract_attributions
from newsprism.analyze.quotes_parse import _learned_cues, cue_lemma
from newsprism.analyze.quotes_score import (
    DocIndex,
    alt_features,
    clear_cache,
    features,
    select,
    to_sentence_end,
)
from newsprism.analyze.quotes_speakers import (
    char_span,
    choose_speakers,
    keep_features,
    speaker_options,
    speaker_probability,
)
from newsprism.analyze.sentences import split_sentences
from newsprism.evaluate.quotes import (
    Counts,
    Doc,
    _tokens,
    match_contents,
    polnear_docs,
    score_doc,
    trim_speaker,
)


def parsed(data: Path, cache: Path) -> list[tuple[str, Doc, list[Any], Any]]:
    """(folder, doc, sentences, parse) of every annotated text of train/ and dev/, parsed once."""
    from spacy.tokens import DocBin

    nlp = spacy_model("en")
    docs = list(polnear_docs(data, "dev"))
    cache.mkdir(parents=True, exist_ok=True)
    bin_path, meta_path = cache / "dev.spacy", cache / "dev.sentences.pkl"
    if not bin_path.exists():
        db = DocBin(store_user_data=False)
        for parse in nlp.pipe([d.text for d in docs], batch_size=16):
            db.add(parse)
        db.to_disk(bin_path)
    if not meta_path.exists():
        with meta_path.open("wb") as fh:
            pickle.dump([split_sentences(d.text, "en") for d in docs], fh)
    with meta_path.open("rb") as fh:
        sents = pickle.load(fh)
    parses = list(DocBin().from_disk(bin_path).get_docs(nlp.vocab))
    folder = {p.stem: "train" for p in (data / "train" / "text").glob("*.txt")}
    return [(folder.get(d.name, "dev"), d, s, p) for d, s, p in zip(docs, sents, parses, strict=True)]


_NOT_CUES = frozenset(
    """
    be is are was were been being am has have had having do does did done according going get gets got
    """.split()  # noqa: SIM905
)


def learn_cue_forms(
    texts: list[tuple[Doc, Any]], min_hits: int = 3, min_rate: float = 0.2, tags: tuple[str, ...] = ()
) -> list[str]:
    """Verb forms (outside the lexicons) that the gold marks as part of a cue at least ``min_rate`` of
    the times they occur as a main verb, and at least ``min_hits`` times; with ``tags``, words of those
    tags instead (nouns)."""
    seen: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for doc, parse in texts:
        cue_chars = {i for g in doc.gold for a, b in g.cue for i in range(a, b)}
        for tok in parse:
            if tags and tok.tag_ not in tags:
                continue
            if not tags and (not tok.tag_.startswith("VB") or tok.dep_ in ("aux", "auxpass")):
                continue
            if tok.lower_ in _NOT_CUES:
                continue
            seen[tok.lower_] += 1
            hits[tok.lower_] += tok.idx in cue_chars
    return sorted(
        w
        for w, n in seen.items()
        if hits[w] >= min_hits
        and hits[w] / n >= min_rate
        and (w not in SPEECH_NOUNS if tags else cue_lemma(w) is None)
    )


def fit(rows: list[list[int]], y: np.ndarray, n_feat: int, l2: float, epochs: int = 300) -> np.ndarray:
    """Logistic regression by full-batch Adam on sparse binary rows (feature indices)."""
    idx = np.concatenate([np.array(r, dtype=np.int64) for r in rows])
    row_of = np.repeat(np.arange(len(rows)), [len(r) for r in rows])
    w = np.zeros(n_feat)
    m = np.zeros(n_feat)
    v = np.zeros(n_feat)
    for step in range(1, epochs + 1):
        z = np.bincount(row_of, weights=w[idx], minlength=len(rows))
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = np.bincount(idx, weights=(p - y)[row_of], minlength=n_feat) / len(rows) + l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w


def _matches(gold: frozenset[int], pred: frozenset[int]) -> bool:
    inter = len(gold & pred)
    return inter > 0 and inter >= 0.5 * max(len(gold), len(pred))


def fit_chooser(texts: list[tuple[str, Doc, list[Any], Any]], l2: float) -> tuple[dict[str, float], float]:
    """The chooser between a candidate's content and its reading to the end of the sentence: fitted on
    the train/ candidates where exactly one of the two matches a gold content (label: the longer one
    does); the threshold is the one of 0.5 … 0.8 that gains most gold matches on dev/."""
    rows: list[tuple[str, list[str], int]] = []
    for folder, doc, sents, parse in texts:
        index = DocIndex(parse)
        gold = [_tokens(doc.text, g.content) for g in doc.gold]
        cands = extract_attributions(doc.text, sents, "en", parse, learned=False, choose=False)
        for att in cands:
            alt = to_sentence_end(doc.text, att, index, sents, cands)
            if alt is None:
                continue
            now = any(_matches(g, _tokens(doc.text, att.pieces)) for g in gold)
            then = any(_matches(g, _tokens(doc.text, [alt])) for g in gold)
            if now != then:
                rows.append((folder, alt_features(att, alt, index), int(then)))
    counts = Counter(f for folder, fs, _ in rows if folder == "train" for f in set(fs))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= 3))}
    train = [(fs, y) for folder, fs, y in rows if folder == "train"]
    w = fit(
        [[vocab[f] for f in set(fs) if f in vocab] for fs, _ in train],
        np.array([y for _, y in train], float),
        len(vocab),
        l2,
    )
    best = (0, 1.0)
    for threshold in (0.5, 0.6, 0.7, 0.8):
        gain = 0
        for folder, fs, y in rows:
            if folder == "dev":
                z = sum(w[vocab[f]] for f in set(fs) if f in vocab)
                gain += (1 if y else -1) if 1.0 / (1.0 + np.exp(-z)) >= threshold else 0
        print(f"chooser threshold {threshold}: dev net gold matches {gain:+d}")
        if gain > best[0]:
            best = (gain, threshold)
    print(f"chooser: {len(train)} train pairs, threshold {best[1]}")
    return {f: round(float(w[i]), 4) for f, i in vocab.items() if abs(w[i]) >= 1e-4}, best[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/polnear"))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/quotes-parses"))
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--cue-rate", type=float, default=0.2)
    ap.add_argument("--noun-rate", type=float, default=0.15)
    ap.add_argument("--out", type=Path, default=Path("newsprism/data/quotes_en.json"))
    args = ap.parse_args()

    texts = parsed(args.data, args.cache)
    forms = learn_cue_forms(
        [(doc, parse) for folder, doc, _, parse in texts if folder == "train"], 3, args.cue_rate
    )
    cues_path = args.out.with_name("quotes_cues_en.json")
    nouns = learn_cue_forms(
        [(doc, parse) for folder, doc, _, parse in texts if folder == "train"],
        3,
        args.noun_rate,
        ("NN", "NNS"),
    )
    cues_path.write_text(json.dumps({"forms": forms, "nouns": nouns}, indent=0) + "\n")
    _learned_cues.cache_clear()
    print(f"{len(forms)} learned cue verb forms, {len(nouns)} nouns -> {cues_path}")
    alt_weights, alt_threshold = fit_chooser(texts, args.l2)
    model: dict[str, Any] = {
        "threshold": 0.5,
        "weights": {},
        "alt_weights": alt_weights,
        "alt_threshold": alt_threshold,
    }
    _write(args.out, model)  # no reading chooser yet: the candidates keep the rules' speaker spans
    cands_of = [
        extract_attributions(doc.text, sents, "en", parse, learned=False) for _, doc, sents, parse in texts
    ]
    model["reading_weights"] = fit_reading_chooser(texts, cands_of, args.l2)
    _write(args.out, model)
    for (_, _, _, parse), cands in zip(texts, cands_of, strict=True):
        choose_speakers(cands, parse)
    items = []  # (folder, doc, candidates, feature lists, labels)
    for (folder, doc, _, parse), cands in zip(texts, cands_of, strict=True):
        index = DocIndex(parse)
        feats = [features(doc.text, a, index, cands) for a in cands]
        matched = match_contents(doc.text, doc.gold, cands, strict=True)
        items.append((folder, doc, cands, feats, [int(i in matched) for i in range(len(cands))]))
    counts = Counter(f for it in items if it[0] == "train" for fs in it[3] for f in set(fs))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= args.min_count))}
    rows = [[vocab[f] for f in set(fs) if f in vocab] for it in items if it[0] == "train" for fs in it[3]]
    y = np.array([lab for it in items if it[0] == "train" for lab in it[4]], dtype=float)
    print(f"train candidates {len(rows)}, positive {y.mean():.3f}, features {len(vocab)}")
    w = fit(rows, y, len(vocab), args.l2)

    def probs(fs: list[list[str]]) -> list[float]:
        z = np.array([sum(w[vocab[f]] for f in set(x) if f in vocab) for x in fs])
        return [float(p) for p in 1.0 / (1.0 + np.exp(-z))]

    scored = [(folder, doc, cands, probs(feats)) for folder, doc, cands, feats, _ in items]
    best = (-1.0, 0.0)
    for threshold in np.arange(0.0, 0.8, 0.025):
        total = Counts()
        for folder, doc, cands, p in scored:
            if folder == "dev":
                total.add(score_doc(doc.text, doc.gold, select(doc.text, cands, p, float(threshold))))
        s = total.scores()
        mean = (s["speaker_f1"] + s["content_f1"]) / 2
        print(f"threshold {threshold:.3f}: speaker {s['speaker_f1']:.4f} content {s['content_f1']:.4f}")
        if mean > best[0]:
            best = (mean, float(threshold))
    model["threshold"] = round(best[1], 3)
    model["weights"] = {f: round(float(w[i]), 4) for f, i in vocab.items() if abs(w[i]) >= 1e-4}
    print(f"threshold {best[1]:.3f} (dev mean F1 {best[0]:.4f}); {len(model['weights'])} weights")
    kept = [
        (folder, doc, parse, *_kept_with_probs(doc.text, cands, p, best[1]))
        for (folder, doc, cands, p), (_, _, _, parse) in zip(scored, texts, strict=True)
    ]
    model["speaker_weights"], model["speaker_threshold"] = fit_speaker_keeper(kept, args.l2)
    _write(args.out, model)
    print(f"-> {args.out}")


def _write(path: Path, model: dict[str, Any]) -> None:
    path.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n")
    clear_cache()


def _kept_with_probs(
    text: str, cands: list[Any], probs: list[float], threshold: float
) -> tuple[list[Any], list[float]]:
    kept = select(text, cands, probs, threshold)
    prob_of = {id(a): p for a, p in zip(cands, probs, strict=True)}
    return kept, [prob_of[id(a)] for a in kept]


def _gold_speakers(doc: Doc) -> set[tuple[int, int]]:
    spans = {trim_speaker(doc.text, g.source) for g in doc.gold if g.source}
    spans.discard((0, 0))
    return spans


def fit_reading_chooser(
    texts: list[tuple[str, Doc, list[Any], Any]], cands_of: list[list[Any]], l2: float
) -> dict[str, float]:
    """The chooser between the readings of a speaker span (:mod:`quotes_speakers`): each reading of a
    train/ candidate that has one reading among the text's gold speaker spans is a row (label: it is)."""
    rows: list[list[str]] = []
    labels: list[int] = []
    for (folder, doc, _, parse), cands in zip(texts, cands_of, strict=True):
        if folder != "train":
            continue
        index = DocIndex(parse)
        gold = _gold_speakers(doc)
        for att in cands:
            options = speaker_options(att, index)
            if options is None:
                continue
            spans, feats = options
            labs = [int(trim_speaker(doc.text, char_span(parse, r)) in gold) for r in spans]
            if any(labs):
                rows += feats
                labels += labs
    counts = Counter(f for fs in rows for f in set(fs))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= 3))}
    w = fit(
        [[vocab[f] for f in set(fs) if f in vocab] for fs in rows], np.array(labels, float), len(vocab), l2
    )
    print(f"reading chooser: {len(rows)} readings, {sum(labels)} right")
    return {f: round(float(w[i]), 4) for f, i in vocab.items() if abs(w[i]) >= 1e-4}


def fit_speaker_keeper(
    kept: list[tuple[str, Doc, Any, list[Any], list[float]]], l2: float
) -> tuple[dict[str, float], float]:
    """The model of whether a kept candidate's speaker span is one PolNeAR marks (label: it is one of the
    text's gold speaker spans), fitted on train/; the threshold below which the speaker is dropped is
    the one of 0 … 0.55 that maximises speaker F1 on dev/."""
    rows: list[tuple[str, Doc, Any, list[str]]] = []
    for folder, doc, parse, atts, probs in kept:
        index = DocIndex(parse)
        for att, prob in zip(atts, probs, strict=True):
            if att.speaker is not None:
                rows.append((folder, doc, att, keep_features(doc.text, att, index, atts, prob)))
    counts = Counter(f for folder, _, _, fs in rows if folder == "train" for f in set(fs))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= 3))}
    train = [(doc, att, fs) for folder, doc, att, fs in rows if folder == "train"]
    y = np.array(
        [int(trim_speaker(doc.text, att.speaker) in _gold_speakers(doc)) for doc, att, _ in train], float
    )
    w = fit([[vocab[f] for f in set(fs) if f in vocab] for _, _, fs in train], y, len(vocab), l2)
    weights = {f: round(float(w[i]), 4) for f, i in vocab.items() if abs(w[i]) >= 1e-4}
    dev = [(doc, att, speaker_probability(weights, fs)) for folder, doc, att, fs in rows if folder == "dev"]
    dev_docs = {id(doc): doc for folder, doc, _, _, _ in kept if folder == "dev"}
    best = (-1.0, 0.0)
    for threshold in np.arange(0.0, 0.6, 0.05):
        predicted: dict[int, set[tuple[int, int]]] = {k: set() for k in dev_docs}
        for doc, att, p in dev:
            if p >= threshold:
                predicted[id(doc)].add(trim_speaker(doc.text, att.speaker))
        tp = sum(len(predicted[k] & _gold_speakers(d)) for k, d in dev_docs.items())
        n_pred = sum(len(v) for v in predicted.values())
        n_gold = sum(len(_gold_speakers(d)) for d in dev_docs.values())
        f1 = 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0
        print(f"speaker threshold {threshold:.2f}: dev speaker F1 {f1:.4f}")
        if f1 > best[0]:
            best = (f1, float(threshold))
    print(f"speaker keeper: {len(train)} train speakers, threshold {best[1]:.2f}")
    return weights, round(best[1], 3)


if __name__ == "__main__":
    main()
