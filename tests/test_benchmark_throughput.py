from pathlib import Path

from newsprism.benchmark.throughput import find_pages, run


def test_find_pages_reads_gzipped_pages_of_a_folder(tmp_path: Path) -> None:
    import gzip

    html = tmp_path / "html"
    html.mkdir()
    for i in range(3):
        (html / f"p{i}.html.gz").write_bytes(gzip.compress(f"<html><p>page {i}</p></html>".encode()))
    pages, source, note = find_pages(str(tmp_path), n=2)
    assert [name for name, _ in pages] == ["p0.html", "p1.html"]
    assert pages[0][1].startswith(b"<html>")
    assert source == str(html)
    assert note is None


def test_run_times_ingest_then_compare_and_analysis_on_the_same_pages() -> None:
    result = run(n=6, engine="inline", workers=1)
    assert result["n"] == 6
    assert result["articles"] + result["skipped"] == 6
    assert result["articles_per_s"] > 0 and result["trafilatura_articles_per_s"] > 0
    # ingest alone is timed inside the run that also compares the stories, so it cannot be slower
    assert result["with_compare_articles_per_s"] <= result["articles_per_s"]
    ratio = result["articles_per_s"] / result["trafilatura_articles_per_s"]
    assert abs(result["ratio_vs_trafilatura"] - ratio) < 0.01  # from the unrounded rates
    assert {"extract", "store", "cluster", "compare", "analyze", "trafilatura"} <= set(
        result["stage_seconds"]
    )
    assert result["analyze_articles_per_s"] > 0
