"""Align claim units across the articles of a story and give each aligned group its status.

Similarity of two units = cosine of their cross-lingual sentence embeddings, plus bonuses (computed as
sparse-matrix Jaccard overlaps, no Python pair loop) for shared anchors (entity names, capitalised
words and numerals; names keyed by ``name_key``, so "Маранек" is "Maranek" and "Valdera" is "Валдеры"),
shared number values (values that agree once converted and rounded count as shared), and, within one
language, shared content words. Bonuses apply only to pairs whose cosine is already within
``bonus_floor`` of the threshold: agreement on names alone never aligns two unrelated sentences. Names
that 30% or more of a story's units hold (its own: "Ruskel", "Dravena" in a tariff story) are no anchors:
they say nothing about which fact two sentences tell (``specific_anchors``).

Groups grow greedily from the most similar pairs, average-linkage, never holding two units of one
article. A sentence often carries several facts ("a ferry capsized, killing 23"), which other outlets
report in separate sentences; so once groups are built, a unit also joins any other group whose
members it matches on average at ``secondary`` or more when that group has no unit of its article (at
``secondary_same`` when it has one from another sentence: a fact the article tells twice).
Two units whose values one sentence of the story gives side by side as two quantities ("87% voted in
favour, on a turnout of 91%") are told apart: they never share a group, and a unit left alone for that
reason may still pair, as above, with the sentence that holds both. So are two units that each measure
something (money, a share, a length, an area, a speed, a mass) with nothing measured in common
("1.2 million tonnes" / "$640 million"). A figure only some of a group's articles report is also a
claim of its own (``figure_groups``: "Haman won 50.1%" in two of four accounts of a recount), and so is a
figure only one article of the story gives ("… out of more than 2.4 million cast").
A group's support counts independent voices: syndicated copies of one wire story are one.

Measured on the 16 dev stories of ``tests/fixtures/compare`` (``newsprism eval claims --split dev``):
status accuracy 0.9194, alignment F1 0.9050, contradiction recall 1.0 (25/25, precision 1.0).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from newsprism.compare.contradictions import Quantity, context, quantities
from newsprism.compare.contradictions import _agree as agree
from newsprism.compare.sets import DisjointSets
from newsprism.compare.units import Unit
from newsprism.names import fold, name_key
from newsprism.records import Article, Claim, Evidence, sha1


@dataclass(frozen=True)
class AlignParams:
    """Alignment settings (tuned on the dev stories of the gold set, see ``evaluate/claims.py``)."""

    threshold: float = 0.45  # least average similarity inside a group
    secondary: float = 0.45  # least average similarity for a unit to join a second group (= threshold)
    secondary_same: float = 0.60  # … a group already holding another sentence of its article
    carried: float = 0.45  # least average similarity of an article's sentence to a claim's for it not to
    # leave that claim out (``compare.told_nearly``)
    bonus_floor: float = 0.25  # bonuses only for pairs with cosine >= threshold - bonus_floor
    anchor_weight: float = 0.20
    common_anchor: float = 0.30  # names held by this share of a story's units or more are no anchors
    number_weight: float = 0.15
    lexical_weight: float = 0.20


_WORD = re.compile(r"\w+", re.UNICODE)
_CAPITALISED = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-ZÀ-ÖØ-ÞА-ЯЁ][\w-]{2,}", re.UNICODE)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
_STOP_CAPS = frozenset(  # capitalised at a sentence start or as pronouns: not names
    _WORD.findall(
        "the this that these those les des une der die das ein eine los las una uno con por para "
        "he she it they il elle ils elles er sie es el la le"
    )
)


def anchors(unit: Unit) -> set[str]:
    """Names and numerals of a unit, in a form that survives translation (``name_key``)."""
    names = {w for key in unit.entity_keys for w in key.split(":", 1)[-1].split() if len(w) > 2}
    names |= set(_CAPITALISED.findall(unit.text))
    out = {name_key(w) for w in names if fold(w) not in _STOP_CAPS}
    out |= {d.replace(",", ".") for d in _DIGITS.findall(unit.text)}
    return out


def specific_anchors(units: list[Unit], common: float) -> list[set[str]]:
    """Per unit, its anchors less those that a share ``common`` or more of the story's units hold: the
    story's own names ("Ruskel", "Dravena" in every other sentence of a tariff story) say nothing about
    which fact two sentences tell."""
    sets = [anchors(u) for u in units]
    counts: dict[str, int] = {}
    for held in sets:
        for a in held:
            counts[a] = counts.get(a, 0) + 1
    limit = common * len(units)
    if len(units) < 8:
        return sets
    return [{a for a in held if counts[a] < limit} for held in sets]


def _jaccard(sets: list[set[str]]) -> np.ndarray:
    """Pairwise Jaccard similarity of ``sets`` (0 when either is empty) by one sparse product."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, items in enumerate(sets):
        for item in items:
            rows.append(i)
            cols.append(vocab.setdefault(item, len(vocab)))
    n = len(sets)
    if not rows:
        return np.zeros((n, n), dtype=np.float32)
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, len(vocab)))
    inter = (m @ m.T).toarray()
    sizes = np.asarray(m.sum(axis=1), dtype=np.float32).ravel()
    union = sizes[:, None] + sizes[None, :] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0).astype(np.float32)


#: model name → (cosine of unrelated sentences, scale): maps a model's cosines onto USE's range, so one
#: set of thresholds serves both (e5's cosines of unrelated sentences sit around 0.75; fitted on dev)
CALIBRATION: dict[str, tuple[float, float]] = {"e5-small": (0.75, 4.0)}


def calibrate(cosine: np.ndarray, model: str | None) -> np.ndarray:
    """Cosines of ``model`` mapped onto the scale the thresholds were tuned on (USE's)."""
    low, scale = CALIBRATION.get(model or "", (0.0, 1.0))
    if (low, scale) == (0.0, 1.0):
        return cosine
    return ((cosine - low) * scale).astype(np.float32)


def similarity(
    units: list[Unit], vectors: np.ndarray, params: AlignParams, model: str | None = None
) -> np.ndarray:
    """Pairwise unit similarity; pairs from the same article are -inf (never aligned)."""
    n = len(units)
    if n == 0:
        return np.zeros((0, 0), dtype=np.float32)
    sim = calibrate((vectors @ vectors.T).astype(np.float32), model)
    values = value_classes(units)
    words = [{w for w in u.words if len(w) > 3} for u in units]
    languages = np.array([u.language for u in units])
    bonus = params.anchor_weight * _jaccard(specific_anchors(units, params.common_anchor))
    bonus += params.number_weight * _jaccard(values)
    bonus += params.lexical_weight * _jaccard(words) * (languages[:, None] == languages[None, :])
    sim = np.where(sim >= params.threshold - params.bonus_floor, sim + bonus, sim)
    articles = np.array([u.article_id for u in units])
    sim[articles[:, None] == articles[None, :]] = -np.inf
    return sim


def value_classes(units: list[Unit], skip: Iterable[str] = ()) -> list[set[str]]:
    """Per unit, the classes of the values it reports: values that agree once converted and rounded
    ("€12m" / "12 millones de euros", "420 m" / "1,378 feet", "two thirds" / "67 %") share a class.
    Dimensions in ``skip`` are left out."""
    skipped = set(skip)
    qs = [q for q in quantities(units) if q.dim not in skipped]
    sets = DisjointSets(len(qs))
    find = sets.find
    by_dim: dict[str, list[int]] = {}
    for k, q in enumerate(qs):
        by_dim.setdefault(q.dim, []).append(k)
    for members in by_dim.values():
        for x, k in enumerate(members):
            for c in members[x + 1 :]:
                if find(k) != find(c) and agree(qs[k], qs[c]):
                    sets.union(k, c)
    out: list[set[str]] = [set() for _ in units]
    for k, q in enumerate(qs):
        out[q.unit].add(f"v{find(k)}")
    return out


def group_units(units: list[Unit], sim: np.ndarray, params: AlignParams) -> list[list[int]]:
    """Greedy average-linkage grouping under the constraint: one unit per article per group.

    Then each unit joins the other groups it matches at ``params.secondary`` (see the module docstring).
    """
    n = len(units)
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    articles: dict[int, set[str]] = {i: {units[i].article_id} for i in range(n)}
    iu, ju = np.triu_indices(n, k=1)
    scores = sim[iu, ju] if n else np.zeros(0)
    keep = scores >= params.threshold
    order = np.argsort(-scores[keep], kind="stable")
    apart = told_apart(units)
    for i, j in zip(iu[keep][order], ju[keep][order], strict=True):
        gi, gj = group_of[i], group_of[j]
        if gi == gj or articles[gi] & articles[gj]:
            continue
        a, b = members[gi], members[gj]
        if float(sim[np.ix_(a, b)].mean()) < params.threshold or apart[np.ix_(a, b)].any():
            continue
        for m in b:
            group_of[m] = gi
        members[gi] = a + b
        articles[gi] |= articles.pop(gj)
        del members[gj]
    groups = sorted(members.values(), key=min)
    unique: dict[frozenset[int], list[int]] = {}
    groups = _fold_retellings(groups, _add_secondary(units, groups, sim, params, apart))
    for group in groups + figure_groups(units, groups, sim, params.threshold):
        unique.setdefault(frozenset(group), group)  # two groups that took each other's units are one
    return list(unique.values())


def figure_groups(
    units: list[Unit], groups: list[list[int]], sim: np.ndarray, threshold: float
) -> list[list[int]]:
    """A figure that only some of a group's articles report ("Haman won 50.1%" in two of the four
    accounts of a recount) is a claim of its own: per group of three articles or more, the units of
    the articles reporting one value (agreeing once converted and rounded), when two or more of its
    articles but not all do, joined by the units of other articles that report the value in a sentence
    similar to theirs (on average at ``threshold``). A figure that one article alone gives in the whole
    story ("Haman finished 1,204 votes ahead out of more than 2.4 million cast") is a claim of that
    article alone. Dates and clock times are left out (they mostly place the fact in time)."""
    classes = value_classes(units, skip=("date", "time"))
    by_class: dict[str, list[int]] = {}
    for i, held in enumerate(classes):
        for c in held:
            by_class.setdefault(c, []).append(i)
    finite = np.where(np.isfinite(sim), sim, -1.0)
    out = []
    for group in groups:
        articles = {units[i].article_id for i in group}
        if len(articles) < 3:
            continue
        holders: dict[str, list[int]] = {}
        for i in group:
            for c in classes[i]:
                holders.setdefault(c, []).append(i)
        for c, members in holders.items():
            own = {units[i].article_id for i in members}
            if len(own) == 1 and len({units[j].article_id for j in by_class[c]}) == 1:
                out.append(sorted(members))  # a figure no other article of the story gives
                continue
            if len(own) < 2 or len(own) == len(articles):
                continue
            for j in by_class[c]:
                if units[j].article_id not in own and float(finite[j, members].mean()) >= threshold:
                    members = [*members, j]
                    own.add(units[j].article_id)
            out.append(sorted(members))
    return out


#: dimensions that name what a figure measures: two units that each report some of them, none in common,
#: tell different facts (counts, durations, dates and clock times are too often incidental to say so)
MEASURES = frozenset({"money", "percent", "length", "area", "speed", "mass", "power"})


def told_apart(units: list[Unit]) -> np.ndarray:
    """``[i, j]`` true when units i and j report values that one sentence of the story gives side by side
    as two quantities ("87% voted in favour, on a turnout of 91%") while neither of them holds the
    other's value nor a value of the other's (inflation of 3.1% "above the 3% target" and 3.1% "up from
    2.6%" both tell the 3.1%): the two units tell different facts, whatever their wording shares, and
    never sit in one claim."""
    n = len(units)
    apart = np.zeros((n, n), dtype=bool)
    every = quantities(units)
    measured = sorted({q.dim for q in every if q.dim.split(":")[0] in MEASURES})
    if measured:  # "1.2 million tonnes" and "$640 million": two facts, whatever their wording shares
        column = {d: c for c, d in enumerate(measured)}
        has = np.zeros((n, len(measured)), dtype=np.float32)
        for q in every:
            if q.dim in column:
                has[q.unit, column[q.dim]] = 1.0
        some: np.ndarray = has.sum(axis=1) > 0
        apart |= some[:, None] & some[None, :] & ((has @ has.T) == 0)
    qs = [q for q in every if q.dim != "count"]
    if len(qs) < 2:
        return apart
    by_unit: dict[int, list[Quantity]] = {}
    for q in qs:
        by_unit.setdefault(q.unit, []).append(q)
    pairs = [
        (x, y) for own in by_unit.values() for x in own for y in own if x.dim == y.dim and not agree(x, y)
    ]

    def holds(unit: int, value: Quantity) -> bool:
        return any(agree(x, value) for x in by_unit[unit] if x.dim == value.dim)

    def share(a: int, b: int) -> bool:  # both report some one value: "3.1% … 3% target" / "3.1% … 2.6%"
        return any(holds(b, x) for x in by_unit[a])

    for x, y in pairs:
        with_x = [p for p in qs if p.dim == x.dim and agree(p, x)]
        with_y = [q for q in qs if q.dim == y.dim and agree(q, y)]
        for p in with_x:
            for q in with_y:
                if (
                    p.article_id != q.article_id
                    and not holds(p.unit, q)
                    and not holds(q.unit, p)
                    and not share(p.unit, q.unit)
                ):
                    apart[p.unit, q.unit] = apart[q.unit, p.unit] = True
    return apart


def _add_secondary(
    units: list[Unit], groups: list[list[int]], sim: np.ndarray, params: AlignParams, apart: np.ndarray
) -> list[list[int]]:
    """Each multi-unit group also takes, per article, the unit matching its members best on average
    (over members of other articles): at ``secondary`` when the group holds nothing of that article,
    at ``secondary_same`` when it holds another sentence of it (a fact the article tells twice)."""
    finite = np.where(np.isfinite(sim), sim, 0.0)
    article_of = np.array([u.article_id for u in units])
    sentence_key = np.array([f"{u.article_id}\x00{u.sentence}" for u in units])
    out = []
    for group in groups:
        if len(group) < 2 and not apart[group[0]].any():
            out.append(group)
            continue
        members = np.array(group)
        other = article_of[:, None] != article_of[members][None, :]  # unit × member of another article
        count = other.sum(axis=1)
        mean = np.divide(
            (finite[:, members] * other).sum(axis=1), count, out=np.zeros(len(units)), where=count > 0
        )
        held = np.isin(article_of, article_of[members])
        level = np.where(held, params.secondary_same, params.secondary)
        ok = (mean >= level) & (count > 0) & ~np.isin(sentence_key, sentence_key[members])
        ok &= ~apart[:, members].any(axis=1)
        best: dict[str, tuple[float, int]] = {}
        for i in np.flatnonzero(ok):
            aid = units[i].article_id
            if mean[i] > best.get(aid, (-1.0, -1))[0]:
                best[aid] = (float(mean[i]), int(i))
        out.append(group + [i for _, i in best.values()])
    return out


def _fold_retellings(primaries: list[list[int]], groups: list[list[int]]) -> list[list[int]]:
    """A group that borrowed more units from one other group than it holds of its own, all of them that
    group's own members, is some articles telling that group's fact again ("Kessling insisted the
    dockers do not reject automation" beside her quote): its units join that group as more evidence
    instead of making a second claim that reads like the first."""
    owner = {i: g for g, members in enumerate(primaries) for i in members}
    into: dict[int, int] = {}
    for g, (own, group) in enumerate(zip(primaries, groups, strict=True)):
        borrowed = group[len(own) :]
        homes = {owner.get(i) for i in borrowed}
        home = homes.pop() if len(homes) == 1 else None
        if home is None or home == g or len(primaries[home]) <= len(own):
            continue
        if len(own) >= 2 and len(borrowed) > len(own):
            into[g] = home
    out: dict[int, list[int]] = {}
    for g, group in enumerate(groups):
        if g in into:
            continue
        out[g] = list(group)
    for g, home in into.items():
        while home in into:
            home = into[home]
        out[home].extend(i for i in primaries[g] if i not in out[home])
    return list(out.values())


NEAR_COPY = 0.75  # share of a group's sentences another group holds too, for the two to be one claim


def _fold_near_copies(units: list[Unit], groups: list[list[int]]) -> list[list[int]]:
    """A group holding ``NEAR_COPY`` of its sentences in common with a larger group, whose other
    sentences all come from articles that group already covers, tells that group's fact again (another
    clause of a sentence, a paraphrase): it becomes more evidence of it, not a second row reading like
    the first. A group whose sentences all lie inside another (a figure only some report) stays."""

    def sentences(group: list[int]) -> set[tuple[str, int]]:
        return {(units[i].article_id, units[i].sentence) for i in group}

    order = sorted(range(len(groups)), key=lambda g: -len(sentences(groups[g])))
    kept: list[int] = []
    for g in order:
        mine = sentences(groups[g])
        for k in kept:
            theirs = sentences(groups[k])
            extra = mine - theirs
            covered = {a for a, _ in theirs}
            if extra and len(mine & theirs) >= NEAR_COPY * len(mine) and all(a in covered for a, _ in extra):
                groups[k] = groups[k] + [i for i in groups[g] if i not in groups[k]]
                break
        else:
            kept.append(g)
    return [groups[g] for g in sorted(kept)]


FIGURE_WORDS = 6  # words on each side of a figure that name a claim about it (``figure_text``)


def claims_from_groups(
    story_id: str,
    units: list[Unit],
    groups: list[list[int]],
    sim: np.ndarray,
    origin: dict[str, str],
) -> list[Claim]:
    """One Claim per group: status from independent voices, text = its most representative unit.

    Groups resting on the same sentences become one claim, and so does a group that tells a larger
    one's fact again (``_fold_near_copies``). A unit can join several groups (a sentence
    that tells several facts); each claim after the first that would be shown by the same text is shown
    by the likeliest other unit of its group, so that no two rows of a comparison read alike."""
    n_voices = len(set(origin.values()))
    claims = []
    merged: dict[tuple[str, ...], list[int]] = {}
    groups_out: list[list[int]] = []
    for group in groups:
        sentences = tuple(sorted({f"{units[i].article_id}:{units[i].sentence}" for i in group}))
        into = merged.get(sentences)
        if into is None:
            into = merged[sentences] = []
            groups_out.append(into)
        into.extend(i for i in group if i not in into)
    groups_out = _fold_near_copies(units, groups_out)
    made = []
    for group in groups_out:
        article_ids = sorted({units[i].article_id for i in group})
        support = len({origin[a] for a in article_ids})
        evidence, seen = [], set()
        for i in sorted(group, key=lambda k: (units[k].article_id, units[k].sentence)):
            key = (units[i].article_id, units[i].sentence)
            if key not in seen:
                seen.add(key)
                evidence.append(Evidence(units[i].article_id, units[i].sentence, units[i].sentence_text))
        keys = sorted(f"{units[i].article_id}:{units[i].sentence}:{units[i].text}" for i in group)
        claim_id = "c" + sha1(story_id + "|" + "|".join(keys))[:10]
        claim = Claim(
            id=claim_id, text="", status=status(support, n_voices), article_ids=article_ids, evidence=evidence
        )
        made.append((claim, group))
    rank = {"consensus": 0, "partial": 1, "unique": 2}
    made.sort(key=lambda m: (rank[m[0].status], -len(m[0].article_ids)))
    shown: set[str] = set()
    told: set[tuple[str, int]] = set()  # the sentences of the claims listed so far
    spread = figure_spread(units)
    for claim, group in made:
        claim.text = representative(units, group, sim, shown, told)
        if claim.text in shown:  # every unit of the group is shown already: name the figure it is about
            claim.text = figure_text(units, group, shown, spread) or claim.text
        shown.add(claim.text)
        told.update((e.article_id, e.sentence) for e in claim.evidence)
        claims.append(claim)
    return claims


def figure_spread(units: list[Unit]) -> dict[float, set[str]]:
    """Each figure value of the story (rounded) → the articles that report it."""
    spread: dict[float, set[str]] = {}
    for unit in units:
        for n in unit.numbers:
            spread.setdefault(round(n.value, 6), set()).add(unit.article_id)
    return spread


def figure_text(
    units: list[Unit],
    group: Sequence[int],
    shown: Collection[str],
    spread: dict[float, set[str]] | None = None,
) -> str | None:
    """The words around a figure of the group's units ("… accounts for roughly a third of the imports"),
    for a claim whose sentences another claim already shows: a figure all of them report first, and of
    those the one fewest articles of the story report (what sets this claim apart from the row that
    shows its sentence: "a third", not the "$48 billion" every outlet gives)."""
    held = [{round(n.value, 6) for n in units[i].numbers} for i in group]
    common = set.intersection(*held) if held else set()
    spread = spread if spread is not None else figure_spread(units)
    for i in group:
        unit = units[i]
        for number in sorted(
            unit.numbers,
            key=lambda n: (round(n.value, 6) not in common, len(spread.get(round(n.value, 6), ()))),
        ):
            window = context(unit.text, number.text, FIGURE_WORDS)
            if number.text not in unit.text or not window.strip():
                continue
            text = strip_dateline(window if unit.text.startswith(window) else f"… {window}")
            text = text if unit.text.rstrip().endswith(window.rstrip()) else f"{text} …"
            if text not in shown:
                return text
    return None


def representative(
    units: list[Unit],
    group: Iterable[int],
    sim: np.ndarray,
    shown: Collection[str] = (),
    told: Collection[tuple[str, int]] = (),
) -> str:
    """The unit closest on average to the others; among near-ties (within 0.05) a whole sentence over a
    clause fragment, English over other languages, then the shortest. A leading dateline is dropped.
    A unit whose text another claim already shows (``shown``) comes last; before it, among near-ties, a
    unit whose sentence is evidence of a claim listed before (``told``: (article id, sentence))."""
    group = list(group)
    if len(group) == 1:
        return strip_dateline(units[group[0]].text)
    sub = sim[np.ix_(group, group)]
    centrality = np.where(np.isfinite(sub), sub, 0.0).sum(axis=1) / (len(group) - 1)
    best = float(centrality.max())

    def rank(k: int) -> tuple[bool, bool, bool, bool, bool, int]:
        u = units[group[k]]
        fragment = u.text != u.sentence_text and not u.text[:1].isupper()
        taken = strip_dateline(u.text) in shown
        near = bool(centrality[k] < best - 0.05)
        return (taken, near, (u.article_id, u.sentence) in told, fragment, u.language != "en", len(u.text))

    return strip_dateline(units[group[min(range(len(group)), key=rank)]].text)


_DATELINE = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][A-ZÀ-ÖØ-ÞА-ЯЁ .'-]{2,}(?:,[^-–—]{1,40}?)?\s*(?:[-–—]+|\.-)\s+")


def strip_dateline(text: str) -> str:
    """ "KORVIK, March 12 (AHX) - Velmora signed…" → "Velmora signed…"; a clause cut from the middle of
    its sentence ("although the port…") is marked with a leading "… "."""
    stripped = _DATELINE.sub("", text, count=1)
    text = stripped if len(stripped) >= 20 else text
    return text if text[:1].isupper() or not text[:1].isalpha() else f"… {text}"


def status(support: int, n_voices: int) -> str:
    """DESIGN.md: consensus = every voice (two thirds when 4 or more), partial = two or more, else unique."""
    if n_voices >= 2 and (support == n_voices or (n_voices >= 4 and support * 3 >= n_voices * 2)):
        return "consensus"
    if support >= 2:
        return "partial"
    return "unique"


def independent_voices(
    articles: Sequence[Article], threshold: float = 0.6, min_shingles: int = 10
) -> dict[str, str]:
    """``{article id: id of its voice}``: syndicated copies (``Article.syndication``, or texts whose exact
    5-word-shingle Jaccard similarity reaches ``threshold``) share one voice, the earliest copy's."""
    from newsprism.dedup import jaccard, shingles

    ids = [a.id for a in articles]
    parent = {i: i for i in ids}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: str, j: str) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj, key=order.get)] = min(ri, rj, key=order.get)  # type: ignore[arg-type]

    ranked = sorted(articles, key=lambda a: (a.published or a.ingested or "9999", a.id))
    order = {a.id: k for k, a in enumerate(ranked)}
    for a in articles:
        if a.syndication in parent:
            union(a.id, a.syndication)
    grams = [shingles(" ".join(a.text.split()).lower()) for a in articles]
    for x in range(len(articles)):
        for y in range(x + 1, len(articles)):
            same = articles[x].text.strip() == articles[y].text.strip() and bool(articles[x].text.strip())
            big = min(len(grams[x]), len(grams[y])) >= min_shingles
            if same or (big and jaccard(grams[x], grams[y]) >= threshold):
                union(articles[x].id, articles[y].id)
    return {i: find(i) for i in ids}
