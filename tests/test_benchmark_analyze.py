from newsprism.benchmark.analyze import make_article, run


def test_generated_articles_are_about_600_words_and_deterministic() -> None:
    a, b = make_article(5), make_article(5)
    assert a.text == b.text
    assert 580 <= len(a.text.split()) <= 700
    assert make_article(6).text != a.text


def test_run_reports_rate_and_every_stage() -> None:
    result = run(n=3, processes=1)
    assert result["n"] == 3
    assert result["articles_per_s"] > 0
    assert set(result["stage_seconds"]) == {"parse", "sentences", "entities", "quotes", "numbers"}
    assert result["pool"]["articles_per_s"] is None
