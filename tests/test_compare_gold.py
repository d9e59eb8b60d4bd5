"""Quality gate: the comparison scored on our gold set (tests/fixtures/compare, see evaluate/claims.py).

The issue's goals are status accuracy >= 0.90, alignment pairwise F1 >= 0.85 and contradiction recall
>= 0.90. The dev stories (used for tuning) must reach them. The test stories did not reach all of them
when this gate was written (status 0.875, F1 0.898, contradiction recall 0.80: 4 of 5), nor after six
dev stories were added and the rules reworked on them (the same figures), so they are held to those
measured values instead; raise PINNED_TEST when they improve. After the second round (a seventh new dev
story, bare scaled money amounts, shares in words, more clause splits, converted number agreement) test
scored status 0.833, F1 0.910, contradiction recall 0.80. Those rules stay: they were made on dev
(which rose from 0.912 on 12 stories to 0.925 on 13) and reverting them because of a test score would be
tuning on test. So the status pin is lowered to what test measured (40 of 48 facts), an honest miss of
the 0.90 goal. A third round added three harder dev stories (valdera-derailment, ruskel-grain-tariff,
marsenne-acid-spill: number words, round figures, dates, durations, bare amounts, a syndicated copy) and
rules made on them (round figures are exact, dates compared, sentences measuring different things kept
apart, figures some outlets report as claims of their own); dev 16 stories 0.9032 / 0.8947 / 1.0, and
test, scored once at the end: status 0.875 (42 of 48), F1 0.888, contradiction recall 1.0 (5 of 5).
A fourth round (no new story) made rules on dev only: names most of a story's units hold are no anchors,
the German bare-comma split needs a real capitalised noun, a figure one article alone gives is its own
claim; dev 0.9194 / 0.9018 / 1.0, and test, scored once at the end: status 0.9375 (45 of 48), F1 0.906,
contradiction recall 1.0 (5 of 5, precision 0.83). The test pins are raised to those figures (F1 to 0.90).
"Left out" was first measured in session 10 (omission precision / recall on dev 0.644 / 0.813 before an
article telling a fact in another sentence stopped counting as leaving it out, 0.753 / 0.763 after);
dev is held to 0.75 on both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.evaluate.claims import evaluate

GOLD = Path(__file__).resolve().parent / "fixtures" / "compare"
GOALS = {"status_accuracy": 0.90, "alignment_f1": 0.85, "contradiction_recall": 0.90}
PINNED_TEST = {"status_accuracy": 0.9375, "alignment_f1": 0.90, "contradiction_recall": 1.0}
OMISSIONS_DEV = {"omission_precision": 0.75, "omission_recall": 0.75}


@pytest.fixture(scope="module")
def embedder():
    from newsprism.embed import get_embedder

    return get_embedder("auto")


@pytest.mark.parametrize(("split", "floor"), [("dev", GOALS | OMISSIONS_DEV), ("test", PINNED_TEST)])
def test_comparison_scores_do_not_drop_below_the_gate(split, floor, embedder):
    scores = evaluate(GOLD, split, embedder=embedder)
    assert scores["n_stories"] == {"dev": 16, "test": 4}[split]
    low = {k: (scores[k], v) for k, v in floor.items() if scores[k] < v}
    assert not low, f"{split} scores below the gate (got, floor): {low}"
    assert scores["equal_false_positives"] == 0
