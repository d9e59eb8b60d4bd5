"""Claim comparison on our own gold set (``tests/fixtures/compare``): alignment, status, contradictions, voices.

Data: one folder per story holding ``<outlet>.txt`` articles and ``gold.json`` (see the README there).
Split: a story is dev or test by ``newsprism.evaluate.split_of(story folder name)`` (16 dev, 4 test).

Each story's articles go through the real pipeline (``extract_inputs(..., analyze=True)``), syndicated
copies are marked by ``dedup.syndication_groups``, and ``compare_story`` compares them. gold.json is read
only to score. Scores are micro-averaged over the stories of the split:

* **Evidence mapping.** A gold evidence sentence (outlet, text) maps to the predicted sentences of that
  outlet's article whose normalised text contains it or is contained in it (lower-cased, quotes and
  spaces unified; a contained sentence must have at least 3 words). Usually one sentence; two when our
  splitter cut the gold sentence. A gold item is *in* a claim when one of its sentences is in the
  claim's evidence.
* **Alignment pairwise precision / recall / F1.** Items are the distinct gold evidence sentences of a
  story. A gold pair is two items of different outlets that evidence the same fact; a predicted pair is
  two items of different outlets that are in the same claim. Only gold-evidence sentences take part,
  so claims built on sentences gold did not annotate are neither rewarded nor punished.
* **Status accuracy.** For each gold fact, the claim holding most of its items (ties: fewer other
  articles) gives the predicted status; no such claim counts as wrong. The gold status is DESIGN.md's
  rule over independent voices (gold ``syndicated`` groups count once): consensus when every voice
  carries it (two thirds from 4 voices up), partial when two or more, unique when one.
* **Contradictions.** A predicted value matches a gold value string of the same outlet when one
  normalised text contains the other on word boundaries. A gold contradiction is found when one
  predicted contradiction holds matching values from at least two of its outlets that sit on different
  sides (different gold values). Recall = found / gold; precision = predicted contradictions that find a
  gold one / predicted; ``equal_false_positives`` = gold ``equal`` entries (values that only look different) for
  which a predicted contradiction is made only of their values, in at least two outlets. A contradiction
  that lists equal values on one side against a really different value (420 m = 1,378 ft vs 450 m) is
  not a false positive for them.
* **Omissions ("left out").** A gold omission is (outlet, fact) for a gold fact that most voices carry
  (consensus, or more than half of the independent voices) and the outlet does not; a predicted one is
  (outlet, the gold fact its claim holds most items of). Precision counts only predicted omissions whose
  claim holds gold items; recall is over all gold omissions.
* **Voice F1.** Pairs (speaker, outlet). A predicted voice is credited to the gold voice whose surname
  (or an outlet's spelling of it from ``names``; the description words for ``anonymous …``) appears in
  its speaker name, choosing the gold voice sharing most outlets; when several predicted voices are
  credited to one gold voice, only the one with most of its outlets counts (unmerged spellings cost).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

from newsprism.errors import EvalDataError
from newsprism.evaluate import split_of
from newsprism.records import Article, Story

_QUOTES = str.maketrans({c: '"' for c in "«»“”„‟❝❞‹›"} | {c: "'" for c in "’‘‚‛"})
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)
_STATUSES = ("consensus", "partial", "unique")


def norm(text: str) -> str:
    """Lower-cased, quotes unified, spaces collapsed."""
    return (
        _SPACE.sub(" ", text.translate(_QUOTES).replace("\u00a0", " ").replace("\u202f", " ")).strip().lower()
    )


def gold_status(support: int, n_voices: int) -> str:
    if n_voices >= 2 and (support == n_voices or (n_voices >= 4 and support * 3 >= n_voices * 2)):
        return "consensus"
    return "partial" if support >= 2 else "unique"


def stories(data: Path, split: str) -> list[Path]:
    root = data
    if not any(root.glob("*/gold.json")) and (root / "compare").is_dir():
        root = root / "compare"
    found = sorted(p.parent for p in root.glob("*/gold.json"))
    if not found:
        raise EvalDataError(f"{data} holds no <story>/gold.json: point --data at tests/fixtures/compare")
    return [p for p in found if split == "all" or split_of(p.name) == split]


_CACHE: dict[str, list[Article]] = {}


def load_articles(story: Path) -> list[Article]:
    """The story's articles, extracted and analysed (cached per process: scoring loops reuse them)."""
    key = str(story.resolve())
    if key not in _CACHE:
        from newsprism.pipeline import extract_inputs

        report = extract_inputs([str(p) for p in sorted(story.glob("*.txt"))], analyze=True)
        _CACHE[key] = report.articles
    return [Article.from_dict(a.to_dict()) for a in _CACHE[key]]


def outlet_of(article: Article) -> str:
    return Path(article.path or article.id).stem


def compare_gold_story(story: Path, **options: Any) -> tuple[Story, list[Article]]:
    """Run the comparison of one gold story the way a user's run would."""
    from newsprism.compare import compare_story
    from newsprism.dedup import syndication_groups

    articles = load_articles(story)
    syndication_groups(articles)
    record = Story(id=story.name, title=story.name, article_ids=[a.id for a in articles])
    return compare_story(record, articles, **options), articles


# ------------------------------------------------------------------------------------------------ scoring


def map_evidence(article: Article, sentence: str) -> set[int]:
    """Indices of ``article``'s sentences that contain the gold sentence or are contained in it."""
    g = norm(sentence)
    out = set()
    for s in article.sentences:
        p = norm(s.text)
        if g in p or (len(_WORD.findall(p)) >= 3 and p in g):
            out.add(s.i)
    return out


def score_story(story: Story, articles: list[Article], gold: dict[str, Any]) -> dict[str, Any]:
    """Raw counts of one story (``evaluate`` sums them)."""
    by_outlet = {outlet_of(a): a for a in articles}
    outlet = {a.id: outlet_of(a) for a in articles}
    items: dict[tuple[str, str], set[int]] = {}
    for fact in gold["facts"]:
        for o, sentence in fact["evidence"].items():
            if (o, sentence) not in items and o in by_outlet:
                items[(o, sentence)] = map_evidence(by_outlet[o], sentence)
    claim_members: list[set[tuple[str, str]]] = []
    for claim in story.claims:
        keys = {(outlet[e.article_id], e.sentence) for e in claim.evidence if e.article_id in outlet}
        claim_members.append({it for it, sents in items.items() if any((it[0], s) in keys for s in sents)})

    gold_pairs: set[frozenset[tuple[str, str]]] = set()
    for fact in gold["facts"]:
        its = [(o, s) for o, s in fact["evidence"].items() if (o, s) in items]
        gold_pairs |= {frozenset(p) for p in combinations(its, 2) if p[0][0] != p[1][0]}
    pred_pairs: set[frozenset[tuple[str, str]]] = set()
    for members in claim_members:
        pred_pairs |= {frozenset(p) for p in combinations(sorted(members), 2) if p[0][0] != p[1][0]}

    origin = {o: o for o in by_outlet}
    for group in gold.get("syndicated", []):
        for o in group:
            origin[o] = group[0]
    n_voices = len(set(origin.values()))
    status_hits, status_rows = 0, []
    for fact in gold["facts"]:
        evidence = set(fact["evidence"].items())
        support = len({origin.get(o, o) for o in fact["evidence"]})
        expected = gold_status(support, n_voices)
        best, best_key = None, (0, 0)
        for claim, members in zip(story.claims, claim_members, strict=True):
            covered = len(evidence & members)
            key = (covered, -len(set(claim.article_ids)))
            if covered and key > best_key:
                best, best_key = claim, key
        got = best.status if best else None
        status_hits += got == expected
        status_rows.append((fact["id"], expected, got))

    omission = _score_omissions(story, outlet, gold, claim_members, origin, n_voices)
    found, correct_pred, equal_fp = _score_contradictions(story, outlet, gold)
    voice = _score_voices(story, outlet, gold)
    return {
        "pairs_tp": len(gold_pairs & pred_pairs),
        "pairs_gold": len(gold_pairs),
        "pairs_pred": len(pred_pairs),
        "status_hits": status_hits,
        "facts": len(gold["facts"]),
        "status_rows": status_rows,
        "contra_found": found,
        "contra_gold": len(gold.get("contradictions", [])),
        "contra_pred": len(story.contradictions),
        "contra_pred_correct": correct_pred,
        "equal_fp": equal_fp,
        **omission,
        **voice,
    }


def _score_omissions(
    story: Story,
    outlet: dict[str, str],
    gold: dict[str, Any],
    claim_members: list[set[tuple[str, str]]],
    origin: dict[str, str],
    n_voices: int,
) -> dict[str, int]:
    """Counts for "left out": a gold omission is an outlet missing from a gold fact that most voices carry
    (the rule of ``compare.omissions``, on gold statuses); a predicted one counts when its claim holds
    gold items (the fact holding most of them is the claim's) and is right when the outlet does not
    carry that fact. Claims on sentences gold did not annotate are left out, as for alignment."""
    outlets = set(outlet.values())
    missing: set[tuple[str, str]] = set()
    for fact in gold["facts"]:
        support = len({origin.get(o, o) for o in fact["evidence"]})
        if gold_status(support, n_voices) == "consensus" or support * 2 > n_voices:
            missing |= {(o, fact["id"]) for o in outlets - set(fact["evidence"])}
    by_claim: dict[str, str] = {}
    for claim, members in zip(story.claims, claim_members, strict=True):
        best, best_n = None, 0
        for fact in gold["facts"]:
            n = len(set(fact["evidence"].items()) & members)
            if n > best_n:
                best, best_n = fact["id"], n
        if best is not None:
            by_claim[claim.id] = best
    predicted = {
        (outlet[a], by_claim[c])
        for a, ids in story.omissions.items()
        if a in outlet
        for c in ids
        if c in by_claim
    }
    return {"omit_tp": len(predicted & missing), "omit_gold": len(missing), "omit_pred": len(predicted)}


def _matches(pred: str, gold: str) -> bool:
    p, g = norm(pred), norm(gold)
    if not p or not g:
        return False
    short, long_ = (p, g) if len(p) <= len(g) else (g, p)
    return re.search(r"(?<!\w)" + re.escape(short) + r"(?!\w)", long_) is not None


def _sides(values: list[tuple[str, str]], gold_values: dict[str, str]) -> tuple[set[str], set[str]]:
    """(outlets with a matching value, distinct gold values among them)."""
    outlets, sides = set(), set()
    for o, text in values:
        if o in gold_values and _matches(text, gold_values[o]):
            outlets.add(o)
            sides.add(norm(gold_values[o]))
    return outlets, sides


def _score_contradictions(story: Story, outlet: dict[str, str], gold: dict[str, Any]) -> tuple[int, int, int]:
    predicted = [
        [(outlet.get(v.article_id, v.article_id), v.text) for v in c.values] for c in story.contradictions
    ]
    found = 0
    correct = [False] * len(predicted)
    for item in gold.get("contradictions", []):
        hit = False
        for k, values in enumerate(predicted):
            outlets, sides = _sides(values, item["values"])
            if len(outlets) >= 2 and len(sides) >= 2:
                hit = correct[k] = True
        found += hit
    equal_fp = 0
    for item in gold.get("equal", []):
        for values in predicted:
            outlets = _sides(values, item["values"])[0]
            if len(outlets) >= 2 and all(o in outlets for o, _ in values):
                equal_fp += 1
                break
    return found, sum(correct), equal_fp


def _surnames(voice: dict[str, Any]) -> set[str]:
    speaker = voice["speaker"]
    if speaker.lower().startswith("anonymous"):
        return {w for w in _WORD.findall(speaker.lower())[1:] if len(w) > 3}
    names = [speaker, *voice.get("names", {}).values()]
    return {_WORD.findall(n.lower())[-1] for n in names if _WORD.findall(n)}


def _score_voices(story: Story, outlet: dict[str, str], gold: dict[str, Any]) -> dict[str, int]:
    gold_pairs = {(v["speaker"], o) for v in gold.get("voices", []) for o in v["articles"]}
    credited: dict[str, list[set[str]]] = {}
    unmatched = 0
    for voice in story.voices:
        outlets = {outlet.get(a, a) for a in voice.article_ids}
        words = set(_WORD.findall(voice.speaker.lower()))
        best, best_overlap = None, -1
        for g in gold.get("voices", []):
            if _surnames(g) & words:
                overlap = len(outlets & set(g["articles"]))
                if overlap > best_overlap:
                    best, best_overlap = g["speaker"], overlap
        if best is None:
            unmatched += len(outlets)
        else:
            credited.setdefault(best, []).append(outlets)
    pred_pairs: set[tuple[str, str]] = set()
    extra = unmatched
    for speaker, groups in credited.items():
        groups.sort(key=lambda g: -len(g & {o for s, o in gold_pairs if s == speaker}))
        pred_pairs |= {(speaker, o) for o in groups[0]}
        extra += sum(len(g) for g in groups[1:])
    tp = len(pred_pairs & gold_pairs)
    return {"voice_tp": tp, "voice_gold": len(gold_pairs), "voice_pred": len(pred_pairs) + extra}


def _ratio(a: float, b: float) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def aggregate(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    rows = list(rows)
    tot = {k: sum(r[k] for r in rows) for k in rows[0] if k != "status_rows"} if rows else {}
    if not rows:
        return {"n_stories": 0, "n_facts": 0}
    ap, ar = _ratio(tot["pairs_tp"], tot["pairs_pred"]), _ratio(tot["pairs_tp"], tot["pairs_gold"])
    vp, vr = _ratio(tot["voice_tp"], tot["voice_pred"]), _ratio(tot["voice_tp"], tot["voice_gold"])
    return {
        "status_accuracy": _ratio(tot["status_hits"], tot["facts"]),
        "alignment_precision": ap,
        "alignment_recall": ar,
        "alignment_f1": _f1(ap, ar),
        "contradiction_recall": _ratio(tot["contra_found"], tot["contra_gold"]),
        "contradiction_precision": _ratio(tot["contra_pred_correct"], tot["contra_pred"]),
        "equal_false_positives": tot["equal_fp"],
        "voice_f1": _f1(vp, vr),
        "omission_precision": _ratio(tot["omit_tp"], tot["omit_pred"]),
        "omission_recall": _ratio(tot["omit_tp"], tot["omit_gold"]),
        "n_stories": len(rows),
        "n_facts": tot["facts"],
    }


def evaluate(data: Path, split: str = "test", *, details: bool = False, **options: Any) -> dict[str, Any]:
    """Scores of ``compare_story`` on the gold stories of ``split`` (keys: see the module docstring).

    ``details=True`` adds ``stories``: the raw counts and per-fact statuses of each story. Other options
    (``embedder``, ``params``) go to ``compare_story``.
    """
    rows = []
    per_story: dict[str, Any] = {}
    for folder in stories(Path(data), split):
        gold = json.loads((folder / "gold.json").read_text("utf-8"))
        story, articles = compare_gold_story(folder, **options)
        row = score_story(story, articles, gold)
        rows.append(row)
        per_story[folder.name] = row
    result = aggregate(rows)
    if details:
        result["stories"] = per_story
    return result
