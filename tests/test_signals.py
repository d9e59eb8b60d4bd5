"""What the clusterer reads from an article besides its vector."""

from __future__ import annotations

from newsprism.records import Article, Entity, Number
from newsprism.signals import extract_signals, parse_time, stable_hash


def test_parse_time_reads_dates_datetimes_and_zones_and_rejects_junk():
    assert parse_time("1970-01-02") == 1.0
    assert parse_time("1970-01-02T12:00:00Z") == 1.5
    assert parse_time("1970-01-02T12:00:00+12:00") == 1.0
    assert parse_time("yesterday") is None and parse_time(None) is None


def test_fallback_entities_skip_sentence_initial_capitals_and_headline_case():
    article = Article(
        id="a",
        title="Mayor Opens The New Harbour Bridge",
        text="Officials said the bridge cost more than planned. Residents met Elena Vostrikova on Tuesday.",
    )
    sig = extract_signals(article)
    assert stable_hash("vostrik") in sig.entities and stable_hash("elena") in sig.entities
    assert stable_hash("officia") not in sig.entities  # only ever capitalised at a sentence start
    assert stable_hash("harbour") not in sig.entities  # the headline capitalises every word


def test_analyzer_entities_and_numbers_win_over_the_fallbacks():
    article = Article(
        id="b",
        text="Someone spoke about 12 things.",
        entities=[Entity(text="Ministry of Ports", label="ORG", start=0, end=5, key="ministry of ports")],
        numbers=[Number(text="forty", value=40.0, unit=None, kind="count", sentence=0)],
    )
    sig = extract_signals(article)
    assert sig.entities == frozenset({stable_hash("ministry of ports")})
    assert sig.numbers == frozenset({stable_hash("40")})


def test_undated_article_falls_back_to_ingest_time_then_to_none():
    assert extract_signals(Article(id="c", ingested="1970-01-03")).time_source == "ingested"
    assert extract_signals(Article(id="d")).time is None


def test_title_terms_are_the_stems_of_the_title_alone():
    sig = extract_signals(Article(id="e", title="Harbour strike ends", text="Dockers returned to work."))
    assert sig.title_terms == {stable_hash("harbour"): 1, stable_hash("strike"): 1, stable_hash("ends"): 1}
    assert stable_hash("dockers") in sig.terms and stable_hash("dockers") not in sig.title_terms
