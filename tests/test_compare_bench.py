"""``newsprism bench compare`` builds its story from the gold set and reports what it timed."""

from __future__ import annotations

from newsprism.benchmark.compare import run, story_articles


def test_bench_story_has_distinct_analysed_articles_of_several_languages():
    articles = story_articles(6, length=2)
    assert len({a.id for a in articles}) == 6
    assert all(a.sentences for a in articles)
    assert len({a.language for a in articles}) >= 2


def test_bench_reports_articles_units_and_the_time_split():
    result = run(n=3)
    assert result["articles"] == 3
    assert result["units"] > 0 and result["embedded_texts"] >= result["units"]
    assert {"seconds", "embed_seconds", "model_load_seconds", "cpu_seconds"} <= set(result)
    assert result["embed_seconds"] <= result["seconds"]


def test_bench_reports_the_tone_stage_inside_the_whole_call():
    result = run(n=2)
    assert 0 < result["tone_seconds"] <= result["seconds"]
    assert 0 <= result["tone_cpu_seconds"] <= result["cpu_seconds"]
