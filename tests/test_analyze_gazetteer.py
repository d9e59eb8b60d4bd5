import json

import pytest

from newsprism.analyze.gazetteer import from_gazetteer


def test_gazetteer_tagger_finds_person_place_and_organisation() -> None:
    text = "Am Montag traf Bundeskanzlerin Anna Keller in Paris die NATO. Keller sprach lange."
    entities = from_gazetteer(text, [0])
    labels = {e.text: e.label for e in entities}
    assert labels["Paris"] == "GPE"
    assert labels["NATO"] == "ORG"
    assert labels.get("Keller") == "PERSON"
    assert any(e.label == "PERSON" and "Anna Keller" in e.text for e in entities)


def _labels(text: str, language: str | None = None) -> dict[str, str]:
    from newsprism.analyze.sentences import split_sentences

    starts = [s.start for s in split_sentences(text, language or "en")]
    return {e.text: e.label for e in from_gazetteer(text, starts, language)}


def test_fallback_spans_never_cross_a_line_break_or_a_sentence_end() -> None:
    text = "Die Exporte nach Lateinamerika\n\nDie Zentralbank hob den Zins. Tag für Tag. Ein Teil der Ladung verdirbt."
    for ent in from_gazetteer(text, [0], "de"):
        assert "\n" not in ent.text and ". " not in ent.text, ent
        assert text[ent.start : ent.end] == ent.text


@pytest.mark.parametrize(
    "text",
    [
        "Wenn der Streik länger dauert, fehlen dem Hafen Milliarden Euro.",
        "Der Chef der Hafenbehörde warnte am Dienstag vor Engpässen.",
        "Die Regierung will die Steuer um drei Prozent senken.",
    ],
)
def test_german_nouns_are_no_names(text: str) -> None:
    assert _labels(text, "de") == {}


def test_german_title_and_first_name_make_a_person_without_the_title() -> None:
    labels = _labels(
        "Ministerin Petra Vollmer sprach mit Thomas Albrecht über den Hafen von Marendias.", "de"
    )
    assert labels == {"Petra Vollmer": "PERSON", "Thomas Albrecht": "PERSON", "Marendias": "GPE"}


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("es", "Según el Banco Central de Costanera, la inflación bajó.", "Banco Central de Costanera"),
        ("es", "El informe del Ministerio de Hacienda llegó tarde.", "Ministerio de Hacienda"),
        ("de", "Nach Angaben der Deutschen Bundesbank stiegen die Preise.", "Deutschen Bundesbank"),
        ("it", "Secondo la Banca d'Italia il debito cresce.", "Banca d'Italia"),
        ("pt", "O relatório da Universidade de Coimbra saiu ontem.", "Universidade de Coimbra"),
        ("nl", "Het rapport van de Universiteit van Utrecht kwam gisteren.", "Universiteit van Utrecht"),
        ("pl", "Według Narodowego Banku Polskiego inflacja spadła.", "Narodowego Banku Polskiego"),
    ],
)
def test_an_organisation_head_makes_an_organisation(language: str, text: str, name: str) -> None:
    assert _labels(text, language).get(name) == "ORG"


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("es", "Los barcos esperan en Puerto Albar desde el lunes.", "Puerto Albar"),
        ("es", "Los estibadores de Kestrel Bay siguen en huelga.", "Kestrel Bay"),
        ("es", "La huelga sigue en Portvale.", "Portvale"),
        ("de", "Die Schiffe fahren nach Hamburg und aus Bremen.", "Hamburg"),
        ("de", "Die Schiffe fahren nach Hamburg und aus Bremen.", "Bremen"),
        ("de", "In Sankt Augustin eröffnete ein Büro.", "Sankt Augustin"),
        ("pl", "Minister spotkał się w Warszawie z rolnikami.", "Warszawie"),
        ("tr", "Gemi dün İzmir'den ayrıldı.", "İzmir"),
    ],
)
def test_place_heads_and_place_prepositions_make_a_place(language: str, text: str, name: str) -> None:
    assert _labels(text, language).get(name) == "GPE"


def test_a_german_noun_after_a_preposition_is_no_place() -> None:
    assert _labels("Aus Sicht der Regierung bleibt die Lage in Lateinamerika angespannt.", "de") == {
        "Lateinamerika": "GPE"
    }


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Un portavoz dijo que no."),
        ("es", "Fue un error, dijo el ministro."),
        ("de", "Die Lage bleibt ernst."),
    ],
)
def test_sentence_initial_function_words_are_no_names(language: str, text: str) -> None:
    assert _labels(text, language) == {}


def test_a_lone_word_is_a_person_only_as_the_surname_of_a_named_person() -> None:
    labels = _labels("Ortega llegó tarde. Javier Ortega habló después con Molina.", "es")
    assert labels["Ortega"] == "PERSON" and labels["Javier Ortega"] == "PERSON"
    assert labels.get("Molina") != "PERSON"


def test_the_language_is_guessed_from_function_words_when_not_given() -> None:
    from newsprism.analyze.gazetteer import guess_language

    assert guess_language("Die Regierung und der Streik in dem Hafen, wenn es nicht geht.") == "de"
    assert guess_language("El gobierno de la ciudad y los sindicatos en el puerto.") == "es"
    assert guess_language("12345") == ""


def test_fallback_gold_dev_split_stays_above_its_measured_level() -> None:
    """The dev half of tests/fixtures/analyze/entities_gold.jsonl (exact span + label F1 0.975 when the
    rules were last tuned; 0.254 before): a regression gate, not a clean measure."""
    from scriptload import ROOT, load_script

    module = load_script("scripts/eval_entities.py")
    lines = (ROOT / "tests/fixtures/analyze/entities_gold.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    items = [i for i in items if module.split_of(i["id"]) == "dev"]
    gold = [(i["id"], e["start"], e["end"], e["label"]) for i in items for e in i["entities"]]
    assert module.score(gold, module.predict(items))["f1"] >= 0.9


def test_a_german_noun_with_a_plural_in_the_dictionary_is_no_place_after_a_preposition() -> None:
    assert _labels("Er kam gestern aus Urlaub zurück und fuhr dann nach Bremen.", "de") == {"Bremen": "GPE"}


def test_german_nouns_before_a_dash_and_hyphenated_compounds_are_no_names() -> None:
    labels = _labels(
        "Die Eisenbahn- und Verkehrsgewerkschaft lehnte die US-Studie ab, sagte Katrin Heß.", "de"
    )
    assert labels == {"Katrin Heß": "PERSON"}


def test_several_spaces_break_a_run_like_a_paragraph() -> None:
    labels = _labels("El Concierto de Año Nuevo  Será en Viena.", "es")
    assert labels and all("  " not in name for name in labels), labels


def test_a_german_title_before_two_names_and_an_adjective_before_a_head() -> None:
    text = "Verkehrsministerin Helena Vasquez sprach mit der Deutsch-Marendischen Handelskammer."
    assert _labels(text, "de") == {"Helena Vasquez": "PERSON", "Deutsch-Marendischen Handelskammer": "ORG"}
