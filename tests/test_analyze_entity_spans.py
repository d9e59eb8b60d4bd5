"""Spans a tagger took for names that are none, and one label per name within an article."""

from __future__ import annotations

from newsprism.analyze import analyze
from newsprism.analyze.entities import resolve_keys
from newsprism.records import Article, Entity


def entities(text: str) -> list[tuple[str, str]]:
    article = analyze(Article(id="x", language="en", text=text, title=None))
    return [(e.text, e.key or "") for e in article.entities]


def test_a_tabloid_drop_cap_and_a_lower_case_word_are_no_names_but_an_acronym_is():
    found = entities(
        "BRITTLE nerves gripped Portvale last night as ships waited off the coast.\n\n"
        "Grocers said stocks of bananas and citrus could run out. NATO allies said they were watching."
    )
    texts = [t for t, _ in found]
    assert "BRITTLE" not in texts and "bananas" not in texts
    assert ("NATO", "org:nato") in found


def test_a_name_tagged_as_a_place_and_an_organisation_takes_one_key_in_an_article():
    ents = [
        Entity(text="Portvale", label="ORG", start=0, end=8),
        Entity(text="Portvale", label="GPE", start=20, end=28),
        Entity(text="Portvale", label="GPE", start=40, end=48),
        Entity(text="Kessling", label="PERSON", start=60, end=68),
    ]
    resolve_keys(ents, "en")
    assert [e.key for e in ents[:3]] == ["gpe:portvale"] * 3
    assert ents[3].label == "PERSON"
    tie = [
        Entity(text="Harlow", label="ORG", start=0, end=6),
        Entity(text="Harlow", label="GPE", start=9, end=15),
    ]
    resolve_keys(tie, "en")
    assert {e.key for e in tie} == {"gpe:harlow"}
