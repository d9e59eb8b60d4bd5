"""Load a script or benchmark of the project (not a package) as a module, for the tests that call it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load_script(relative: str, *, register: bool = False) -> ModuleType:
    """The module at ``ROOT / relative`` (``"scripts/headline_language.py"``); ``register`` puts it in
    ``sys.modules`` first (a module whose dataclasses look their module up needs it)."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    if register:
        module = sys.modules.setdefault(path.stem, module)
    spec.loader.exec_module(module)
    return module
