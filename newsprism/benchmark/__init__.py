"""Speed, measured: ``newsprism bench NAME``.

One module per benchmark, each exposing ``run(**options) -> dict``; every benchmark runs newsprism
and the tool a user would pick instead side by side in one process run, and reports throughput and
ratios. Nothing here asserts a time.
"""

from __future__ import annotations

import importlib
from typing import Any

from newsprism.errors import UsageError

BENCHES = ("extract", "analyze", "throughput", "scaling", "compare", "embed")


def bench(name: str, **options: Any) -> dict[str, Any]:
    if name not in BENCHES:
        raise UsageError(f"unknown benchmark {name!r}; choose one of {', '.join(BENCHES)}")
    try:
        module = importlib.import_module(f"newsprism.benchmark.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"newsprism.benchmark.{name}":
            raise UsageError(f"benchmark {name!r} is not available in this version") from None
        raise
    result: dict[str, Any] = module.run(**options)
    return result
