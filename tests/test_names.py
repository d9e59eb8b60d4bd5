"""Names across scripts: transliteration, Russian endings, and the forms stages compare names in."""

from __future__ import annotations

import pytest

from newsprism.names import latin, match_form, name_key, stem_ru


def test_latin_transliterates_cyrillic_and_drops_accents_and_hyphens():
    assert latin("Воронин") == "voronin"
    assert latin("Алексей") == "aleksei"
    assert latin("Alexeï") == "alexei"
    assert latin("Jean-Luc") == "jeanluc"
    assert latin("Щукин") == "shchukin"
    assert latin("Київ") == "kiiv"  # Ukrainian letters too


def test_stem_ru_strips_case_endings_but_keeps_three_letters():
    assert stem_ru("путина") == stem_ru("путиным") == stem_ru("путину") == "путин"
    assert stem_ru("анны") == "анн"
    assert stem_ru("оля") == "оля"


def test_name_key_spells_one_sound_one_way_and_keeps_hyphens():
    assert name_key("Маранек") == name_key("Maranek") == "maran"
    assert name_key("Valdera") == name_key("Валдеры") == "valde"
    assert name_key("Oslitch") == name_key("Ослич")
    assert name_key("Jean-Luc", 20) == "iean-luc"  # j → i, as in "Jurij" / "Юрий"


@pytest.mark.parametrize(
    ("russian", "english"),
    [
        ("Путина", "Putin"),
        ("Путиным", "Putin"),
        ("Обаме", "Obama"),
        ("Зеленского", "Zelensky"),
        ("Шойгу", "Shoigu"),
    ],
)
def test_match_form_lets_inflected_russian_names_meet_their_english_spelling(russian, english):
    assert match_form(russian, 7) == match_form(english, 7)


def test_match_form_keeps_different_names_apart_and_short_names_whole():
    assert match_form("Clinton", 7) != match_form("Clayton", 7)
    assert match_form("Abe", 7) == "abe"
    assert match_form("Müller", 7) == match_form("Muller", 7)
