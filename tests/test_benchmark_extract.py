from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.benchmark import extract


def test_bench_extract_falls_back_to_local_pages_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract, "DEFAULT_DATA", tmp_path / "missing")
    result = extract.run(data=str(tmp_path / "nowhere"))
    assert result["n"] >= 1
    assert "scrapinghub-aeb not found" in result["note"]
    assert result["articles_per_s"] > 0 and result["trafilatura_articles_per_s"] > 0
    assert result["ratio_vs_trafilatura"] == pytest.approx(
        result["articles_per_s"] / result["trafilatura_articles_per_s"], rel=0.05
    )
