"""Evaluation on the public data sets in ``../shared/data`` (see its README for how each is scored).

One module per task, each exposing ``evaluate(data: Path, split: str = "test") -> dict``; the CLI
(``newsprism eval TASK --data DIR``) looks the module up by name, so adding a task is adding a module.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from pathlib import Path
from typing import Any

from newsprism.errors import EvalDataError, UsageError

TASKS = ("extraction", "cleaner", "quotes", "numbers", "clustering", "similarity", "tone", "claims")
SPLITS = ("dev", "test", "all")


def evaluate(task: str, data: str | Path, split: str = "test", **options: Any) -> dict[str, Any]:
    """Run evaluation ``task`` on data set folder ``data``; returns the scores as a dict."""
    if task not in TASKS:
        raise UsageError(f"unknown evaluation {task!r}; choose one of {', '.join(TASKS)}")
    if split not in SPLITS:
        raise UsageError(f"unknown split {split!r}; choose dev, test or all")
    path = Path(data)
    if not path.exists():
        raise EvalDataError(f"evaluation data {path} does not exist")
    try:
        module = importlib.import_module(f"newsprism.evaluate.{task}")
    except ModuleNotFoundError as exc:
        if exc.name == f"newsprism.evaluate.{task}":
            raise UsageError(f"evaluation {task!r} is not available in this version") from None
        raise
    result: dict[str, Any] = module.evaluate(path, split, **options)
    return result


def split_of(item_id: str) -> str:
    """The default rule of ``splits.json``: dev when the first hex digit of sha1(id) is 0-7."""
    return "dev" if hashlib.sha1(item_id.encode("utf-8")).hexdigest()[0] in "01234567" else "test"


def load_splits(data: Path) -> dict[str, Any]:
    """``splits.json`` beside the data set folder (``../shared/data/splits.json``)."""
    for candidate in (data / "splits.json", data.parent / "splits.json"):
        if candidate.exists():
            return json.loads(candidate.read_text("utf-8"))  # type: ignore[no-any-return]
    raise EvalDataError(f"no splits.json next to {data}")


def in_split(data: Path, item_id: str, split: str) -> bool:
    """Whether ``item_id`` of data set ``data`` belongs to ``split`` (``all`` takes everything).

    Uses the explicit lists of ``splits.json`` for the data set when it has them, else the default rule.
    """
    if split == "all":
        return True
    try:
        lists = load_splits(data).get(data.name)
    except EvalDataError:
        lists = None
    if isinstance(lists, dict) and split in lists and isinstance(lists[split], list):
        return item_id in set(lists[split])
    return split_of(item_id) == split
