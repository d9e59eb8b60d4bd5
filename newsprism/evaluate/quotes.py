"""Quote attribution scored on PolNeAR (English, brat) and ADAQ (Czech and Russian, token tags).

``newsprism eval quotes --data ../shared/data/polnear --split test``

Scoring (the same for both sets):

* **content** (as issue 3 defines it): a predicted content matches a gold content when their ``\\w+``
  tokens overlap by at least half of the gold's tokens; matching is one-to-one, greedy by overlap
  (tightest first), so one sprawling span is credited with one gold content at most; precision over
  predicted contents, recall over gold ones;
* **content, strict** (``"strict"`` in the output): the overlap must also be at least half of the
  *predicted* span's tokens, so a span more than twice the gold's length never matches. Sessions 1-8
  reported only this stricter figure as ``content_*`` (PolNeAR test 0.722); both are now printed;
* **speaker**: the speaker *mention* as written (``he``, ``the influential US daily``), matched on the exact
  character span after trimming determiners and punctuation at both ends; each distinct gold source
  span counts once (PolNeAR ties one source to several contents);
* **direct**: the same again restricted to direct quotes (gold: the content opens or closes with a
  quotation mark; predicted: ``direct`` is true).

PolNeAR's splits are its own folders (``splits.json``): dev = ``train/`` + ``dev/``, test = ``test/``.
A text annotated by several annotators is scored against the first annotation file in name order.
ADAQ has no dev part: every sentence is test.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.errors import EvalDataError

_TOKEN = re.compile(r"\w+")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_QUOTE_CHARS = "\"“”„«»‘’'「」"


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: tuple[int, int] | None = None
    direct: bool = False
    cue: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Doc:
    name: str
    text: str
    gold: list[GoldAttribution] = field(default_factory=list)
    language: str = "en"


# --------------------------------------------------------------------------------------------- reading


def _parse_spans(spec: str) -> list[tuple[int, int]]:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_brat(text: str, ann: str) -> list[GoldAttribution]:
    """Attributions of one brat ``.ann`` file (``T`` spans tied by ``E`` lines)."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, spec = parts[1].partition(" ")
            try:
                spans[parts[0]] = (kind, _parse_spans(spec))
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(r.split(":", 1) for r in parts[1].split() if ":" in r)
            events.append(roles)
    out = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""))
        src = (source[1][0][0], source[1][-1][1]) if source else None
        body = " ".join(text[a:b] for a, b in content[1]).strip()
        direct = bool(body) and (body[0] in _QUOTE_CHARS or body.rstrip(".,")[-1:] in _QUOTE_CHARS)
        cue = spans.get(roles.get("Cue", ""))
        out.append(GoldAttribution(content=content[1], source=src, direct=direct, cue=cue[1] if cue else []))
    return out


def polnear_docs(data: Path, split: str) -> Iterator[Doc]:
    folders = {"dev": ("train", "dev"), "test": ("test",), "all": ("train", "dev", "test")}[split]
    if not (data / "test" / "text").is_dir():
        raise EvalDataError(f"{data} is not the PolNeAR folder (no test/text/ inside)")
    for folder in folders:
        ann_dir = data / folder / "attributions"
        anns = sorted(ann_dir.glob("*.ann"))
        for path in sorted((data / folder / "text").glob("*.txt")):
            matches = [a for a in anns if a.name.startswith(path.stem + "_")]
            if not matches:
                continue
            text = path.read_text("utf-8")
            yield Doc(path.stem, text, read_brat(text, matches[0].read_text("utf-8")))


def adaq_docs(data: Path, language: str) -> Iterator[Doc]:
    """ADAQ sentences rebuilt with token offsets; gold from the ``source``/``content`` tags."""
    sentences_path, tokens_path = data / f"{language}_sentences.tsv", data / f"{language}_tokens.tsv"
    if not sentences_path.exists() or not tokens_path.exists():
        raise EvalDataError(f"{data} has no {language}_sentences.tsv / {language}_tokens.tsv")
    with sentences_path.open(encoding="utf-8", newline="") as fh:
        sentences = {row["sentence_id"]: row["sentences"] for row in csv.DictReader(fh, delimiter="\t")}
    tokens: dict[str, list[tuple[str, str]]] = {}
    with tokens_path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            tokens.setdefault(row["sentence_num"], []).append((row["text"], row["tags"]))
    for sid, text in sentences.items():
        cursor = 0
        content: list[tuple[int, int]] = []
        source: list[tuple[int, int]] = []
        for tok, tag in tokens.get(sid, []):
            pos = text.find(tok, cursor)
            if pos < 0:
                continue
            cursor = pos + len(tok)
            if tag == "content":
                content.append((pos, cursor))
            elif tag == "source":
                source.append((pos, cursor))
        gold = []
        if content:
            src = (source[0][0], source[-1][1]) if source else None
            # the marks themselves are tagged None: look just outside the content
            around = (
                text[max(0, content[0][0] - 3) : content[0][0] + 1]
                + text[content[-1][1] - 1 : content[-1][1] + 3]
            )
            direct = any(c in around for c in _QUOTE_CHARS)
            gold.append(GoldAttribution(content=content, source=src, direct=direct))
        yield Doc(sid, text, gold, language)


# --------------------------------------------------------------------------------------------- scoring


def _tokens(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    out: set[int] = set()
    for a, b in spans:
        out.update(m.start() + a for m in _TOKEN.finditer(text[a:b]))
    return frozenset(out)


def trim_speaker(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Drop leading determiners and surrounding punctuation/space from a speaker span."""
    a, b = span
    while True:
        while a < b and (text[a].isspace() or not text[a].isalnum()):
            a += 1
        while b > a and (text[b - 1].isspace() or not text[b - 1].isalnum()):
            b -= 1
        match = re.match(r"(\w+)\s+", text[a:b])
        if match and match.group(1).lower() in _DETERMINERS:
            a += match.end()
            continue
        return a, b


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Counts:
    content_tp: int = 0
    content_tp_strict: int = 0
    content_pred: int = 0
    content_gold: int = 0
    speaker_tp: int = 0
    speaker_pred: int = 0
    speaker_gold: int = 0

    def add(self, other: Counts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, Any]:
        sp, sr, sf = _prf(self.speaker_tp, self.speaker_pred, self.speaker_tp, self.speaker_gold)
        cp, cr, cf = _prf(self.content_tp, self.content_pred, self.content_tp, self.content_gold)
        xp, xr, xf = _prf(
            self.content_tp_strict, self.content_pred, self.content_tp_strict, self.content_gold
        )
        r3 = lambda x: round(x, 4)  # noqa: E731
        return {
            "speaker_precision": r3(sp),
            "speaker_recall": r3(sr),
            "speaker_f1": r3(sf),
            "content_precision": r3(cp),
            "content_recall": r3(cr),
            "content_f1": r3(cf),
            "strict": {"content_precision": r3(xp), "content_recall": r3(xr), "content_f1": r3(xf)},
            "n": self.content_gold,
        }


def match_contents(
    text: str, gold: list[GoldAttribution], predicted: list[Any], strict: bool = False
) -> dict[int, int]:
    """Predicted index → gold index of the one-to-one content matches (greedy by overlap): the overlap
    is at least half of the gold's tokens, and with ``strict`` also at least half of the prediction's."""
    gold_tokens = [_tokens(text, g.content) for g in gold]
    pred_tokens = [_tokens(text, p.pieces) for p in predicted]
    pairs = []
    for i, pt in enumerate(pred_tokens):
        for j, gt in enumerate(gold_tokens):
            inter = len(pt & gt)
            if inter and inter >= 0.5 * (max(len(pt), len(gt)) if strict else len(gt)):
                pairs.append((inter / max(len(pt), len(gt)), i, j))
    matched: dict[int, int] = {}
    used_g: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in matched and j not in used_g:
            matched[i] = j
            used_g.add(j)
    return matched


def score_doc(text: str, gold: list[GoldAttribution], predicted: list[Any]) -> Counts:
    """Counts for one document; ``predicted`` are :class:`~newsprism.analyze.quotes.Attribution`."""
    counts = Counts(content_pred=len(predicted), content_gold=len(gold))
    counts.content_tp = len(match_contents(text, gold, predicted))
    counts.content_tp_strict = len(match_contents(text, gold, predicted, strict=True))
    gold_speakers = {trim_speaker(text, g.source) for g in gold if g.source}
    pred_speakers = {trim_speaker(text, p.speaker) for p in predicted if p.speaker}
    gold_speakers.discard((0, 0))
    counts.speaker_gold, counts.speaker_pred = len(gold_speakers), len(pred_speakers)
    counts.speaker_tp = len(gold_speakers & pred_speakers)
    return counts


def _run(docs: list[Doc], language: str) -> tuple[Counts, Counts]:
    from newsprism.analyze import spacy_model
    from newsprism.analyze.quotes import extract_attributions
    from newsprism.analyze.sentences import split_sentences

    total, direct = Counts(), Counts()
    nlp = spacy_model(language)
    texts = [d.text for d in docs]
    parsed: Iterable[Any] = nlp.pipe(texts, batch_size=16) if nlp is not None else [None] * len(texts)
    for doc, parse in zip(docs, parsed, strict=False):
        sentences = split_sentences(doc.text, language)
        predicted = extract_attributions(doc.text, sentences, language, parse)
        total.add(score_doc(doc.text, doc.gold, predicted))
        direct.add(score_doc(doc.text, [g for g in doc.gold if g.direct], [p for p in predicted if p.direct]))
    return total, direct


def evaluate(data: Path, split: str = "test", limit: int = 0, **_: Any) -> dict[str, Any]:
    """Scores of the quote extractor on PolNeAR or ADAQ (chosen by what ``data`` holds)."""
    data = Path(data)
    if (data / "ru_tokens.tsv").exists() or (data / "cs_tokens.tsv").exists():
        return _evaluate_adaq(data, split)
    docs = list(polnear_docs(data, split))
    if limit:
        docs = docs[:limit]
    if not docs:
        raise EvalDataError(f"no annotated texts in {data} for split {split!r}")
    total, direct = _run(docs, "en")
    result = total.scores()
    result["direct"] = direct.scores()
    result.update(dataset="polnear", split=split, documents=len(docs))
    return result


def _evaluate_adaq(data: Path, split: str) -> dict[str, Any]:
    if split == "dev":  # ADAQ has no dev part (splits.json)
        raise EvalDataError("adaq-quotes-cs-ru has no dev split; use --split test")
    total, direct = Counts(), Counts()
    by_language: dict[str, Any] = {}
    for language in ("ru", "cs"):
        if not (data / f"{language}_tokens.tsv").exists():
            continue
        t, d = _run(list(adaq_docs(data, language)), language)
        by_language[language] = {**t.scores(), "direct": d.scores()}
        total.add(t)
        direct.add(d)
    result = total.scores()
    result["direct"] = direct.scores()
    result["by_language"] = by_language
    result.update(dataset="adaq", split=split)
    return result
