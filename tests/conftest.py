"""Shared fixtures: paths to the repository, the evaluation data and small stores."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def store(tmp_path):
    from newsprism.store import open_store

    s = open_store(str(tmp_path / "store.db"))
    yield s
    s.close()
