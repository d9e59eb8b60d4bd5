import pytest

from newsprism.analyze.gender import compatible, person_gender, pronoun_gender, verb_gender


def _gender_of(text: str, name: str) -> str | None:
    at = text.index(name)
    return person_gender(text, at, at + len(name))


@pytest.mark.parametrize(
    ("text", "name", "gender"),
    [
        ("la ministra Paula Ostria dijo", "Paula Ostria", "f"),
        ("el portavoz Juan Pérez", "Juan Pérez", "m"),
        ("la portavoz Ana Ruiz", "Ana Ruiz", "f"),  # one noun for both: the article decides
        ("Verkehrsministerin Helena Vasquez sagte", "Helena Vasquez", "f"),
        ("Mr. Holt said", "Holt", "m"),
        ("Mrs Holt said", "Holt", "f"),
        ("spokeswoman Dana Liu", "Dana Liu", "f"),
        ("Anna Keller met", "Anna Keller", "f"),
        ("said Tomas Brandt", "Tomas Brandt", "m"),
        ("Kotova said", "Kotova", "f"),
        ("Jana Dvořáková nesouhlasí", "Jana Dvořáková", "f"),
        ("Holt said", "Holt", None),
    ],
)
def test_a_persons_gender_from_title_first_name_or_surname(text: str, name: str, gender: str | None) -> None:
    assert _gender_of(text, name) == gender


def test_pronouns_and_slavic_past_tenses_carry_a_gender() -> None:
    assert [pronoun_gender(w) for w in ("she", "Il", "она", "elle", "they")] == ["f", "m", "f", "f", None]
    # "on" is "he" in Czech and Polish, nobody in particular in French
    assert pronoun_gender("on", language="cs") == "m" and pronoun_gender("on", language="pl") == "m"
    assert pronoun_gender("on", language="fr") is None
    assert pronoun_gender("sie", "sagte") == "f" and pronoun_gender("sie", "sagten") is None
    assert [verb_gender(v, lang) for v, lang in (("сказала", "ru"), ("заявил", "ru"), ("řekla", "cs"))] == [
        "f",
        "m",
        "f",
    ]
    assert verb_gender("powiedział", "pl") == "m" and verb_gender("dijo", "es") is None


def test_an_unknown_gender_fits_either() -> None:
    assert compatible(None, "f") and compatible("m", None) and compatible("f", "f")
    assert not compatible("f", "m")
