"""What the clusterer reads from an article besides its vector."""

from __future__ import annotations

from newsprism.names import match_form
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
    assert stable_hash(match_form("Vostrikova", 7)) in sig.entities
    assert stable_hash(match_form("Elena", 7)) in sig.entities
    assert stable_hash(match_form("Officials", 7)) not in sig.entities  # only capitalised at a sentence start
    assert stable_hash(match_form("Harbour", 7)) not in sig.entities  # the headline capitalises every word


def test_analyzer_entities_and_numbers_win_over_the_fallbacks():
    article = Article(
        id="b",
        text="Someone spoke about 12 things.",
        entities=[Entity(text="Ministry of Ports", label="ORG", start=0, end=5, key="ministry of ports")],
        numbers=[Number(text="forty", value=40.0, unit=None, kind="count", sentence=0)],
    )
    sig = extract_signals(article)
    assert sig.entities == frozenset(
        {stable_hash(" ".join(match_form(w, 7) for w in ("ministry", "of", "ports")))}
    )
    assert sig.numbers == frozenset({stable_hash("40")})
    assert sig.analyzed  # the clusterer weighs analysed entities with their own weights
    assert not extract_signals(Article(id="c", text="Elena Marsh met Tomas Ruud.")).analyzed


def test_undated_article_falls_back_to_ingest_time_then_to_none():
    assert extract_signals(Article(id="c", ingested="1970-01-03")).time_source == "ingested"
    assert extract_signals(Article(id="d")).time is None


def test_title_terms_are_the_stems_of_the_title_alone():
    sig = extract_signals(Article(id="e", title="Harbour strike ends", text="Dockers returned to work."))
    assert sig.title_terms == {stable_hash("harbour"): 1, stable_hash("strike"): 1, stable_hash("ends"): 1}
    assert stable_hash("dockers") in sig.terms and stable_hash("dockers") not in sig.title_terms


def test_a_russian_and_an_english_article_share_their_people_across_scripts_and_cases():
    ru = Article(
        id="ru",
        language="ru",
        text="Глава МИД встретился с Путиным в Кремле. Позже Обаме передали письмо Путина.",
        entities=[
            Entity(text="Путиным", label="PERSON", start=23, end=30, key="person:путин"),
            Entity(text="Обаме", label="PERSON", start=47, end=52, key="person:обам"),
        ],
    )
    en = Article(
        id="en",
        language="en",
        text="The foreign minister met Putin at the Kremlin. A letter was later handed to Obama.",
        entities=[
            Entity(text="Putin", label="PERSON", start=25, end=30, key="person:putin"),
            Entity(text="Obama", label="PERSON", start=76, end=81, key="person:obama"),
        ],
    )
    assert extract_signals(ru).entities == extract_signals(en).entities
    unanalysed_ru = Article(id="r2", text="Вчера в Москве Путину вручили доклад. Путин его прочёл.")
    unanalysed_en = Article(id="e2", text="In Moscow yesterday a report reached Putin. Putin read it.")
    shared = extract_signals(unanalysed_ru).entities & extract_signals(unanalysed_en).entities
    assert stable_hash(match_form("Putin", 7)) in shared
