from newsprism.benchmark.embed import pool_rate, run, sentences


def test_sentences_are_deterministic_and_include_other_languages() -> None:
    texts = sentences(40)
    assert texts == sentences(40)
    assert len(texts) == 40
    assert any(
        "Правительство" in t or "Regierung" in t or "conseil" in t or "ayuntamiento" in t for t in texts
    )


def test_run_reports_each_embedder_on_one_thread_and_no_pool_below_two_workers() -> None:
    result = run(n=12, workers=1)
    assert set(result["embedders"]) == {"use-m3", "e5-small"}
    for figures in result["embedders"].values():
        assert figures["sentences"] == 12
        assert figures["sentences_per_second"] > 0
        assert figures["pool"] == {"processes": 1, "sentences": None, "sentences_per_second": None}


def test_pool_rate_embeds_on_two_worker_processes() -> None:
    assert pool_rate("use-m3", sentences(64), 2, batch=16) > 0
