"""newsprism: see how different news outlets tell the same story.

The public surface is what ``__all__`` lists; heavy parts (extraction, models, stores) are imported
on first use, so ``import newsprism`` stays fast and has no side effects.
"""

from __future__ import annotations

import importlib
from typing import Any

from newsprism.errors import *  # noqa: F403
from newsprism.errors import __all__ as _errors_all
from newsprism.records import (
    Article,
    Claim,
    Comment,
    Contradiction,
    Dateline,
    Entity,
    Evidence,
    Number,
    Quote,
    RawDocument,
    Sentence,
    Skip,
    Source,
    Story,
    Voice,
)

__version__ = "0.1.0"

_LAZY = {
    "Settings": "newsprism.config",
    "load_settings": "newsprism.config",
    "open_store": "newsprism.store",
    "Store": "newsprism.store",
    "extract": "newsprism.extract",
    "extract_inputs": "newsprism.pipeline",
    "ingest": "newsprism.pipeline",
    "RunReport": "newsprism.pipeline",
    "iter_documents": "newsprism.sources",
    "detect_language": "newsprism.language",
    "Analyzer": "newsprism.analyze",
    "evaluate": "newsprism.evaluate",
    "bench": "newsprism.benchmark",
}

__all__ = [
    "__version__",
    "Article",
    "Claim",
    "Comment",
    "Contradiction",
    "Dateline",
    "Entity",
    "Evidence",
    "Number",
    "Quote",
    "RawDocument",
    "Sentence",
    "Skip",
    "Source",
    "Story",
    "Voice",
    *sorted(_LAZY),
    *_errors_all,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newsprism' has no attribute {name!r}")
