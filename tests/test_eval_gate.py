"""The quality gate: evaluation scores on the dev splits of ``../shared/data`` must not drop.

Rows live in ``tests/eval_baseline.json`` (task → data set → split, options, pinned scores), so a new
evaluation joins the gate by adding a row there, not code here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsprism.evaluate import evaluate

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text("utf-8"))
TOLERANCE: float = BASELINE["tolerance"]
ROWS = [
    pytest.param(task, dataset, row, id=f"{task}-{dataset}")
    for task, datasets in sorted(BASELINE["tasks"].items())
    for dataset, row in sorted(datasets.items())
]


def test_every_gate_row_pins_at_least_one_score() -> None:
    assert ROWS
    for param in ROWS:
        row = param.values[2]
        assert row["split"] in ("dev", "test", "all") and row["scores"], param.id


@pytest.mark.slow
@pytest.mark.evaldata
@pytest.mark.parametrize(("task", "dataset", "row"), ROWS)
def test_dev_scores_do_not_drop_below_the_pinned_baseline(
    task: str, dataset: str, row: dict[str, Any]
) -> None:
    folder = DATA / dataset
    assert folder.is_dir(), f"evaluation data missing: {folder} (the gate needs ../shared/data)"
    result = evaluate(task, folder, row["split"], **row.get("options", {}))
    drops = {
        metric: (result.get(metric), pinned)
        for metric, pinned in row["scores"].items()
        if result.get(metric) is None or result[metric] < pinned - TOLERANCE
    }
    assert not drops, (
        f"{task} on {dataset} ({row['split']}): score below pinned baseline (got, pinned): {drops}"
    )
