from pathlib import Path

import pytest

from newsprism.analyze.numbers import extract_numbers, parse_number
from newsprism.evaluate.numbers import evaluate

FIXTURE = Path(__file__).parent / "fixtures" / "analyze" / "numbers.jsonl"
PUBLISHED = "2024-03-06T09:00:00"  # a Wednesday


def _one(text: str, language: str = "en"):
    numbers = extract_numbers(text, [], language, PUBLISHED)
    assert len(numbers) == 1, numbers
    n = numbers[0]
    return n.text, n.value, n.unit, n.kind


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "It paid $48bn.", ("$48bn", 48e9, "USD", "money")),
        ("en", "It paid 48 billion dollars.", ("48 billion dollars", 48e9, "USD", "money")),
        ("ru", "Сделка на 48 млрд долларов.", ("48 млрд долларов", 48e9, "USD", "money")),
        ("fr", "Un plan de 4,8 milliards d'euros.", ("4,8 milliards d'euros", 4.8e9, "EUR", "money")),
        ("de", "Ein Paket von 200 Mrd. Euro.", ("200 Mrd. Euro", 200e9, "EUR", "money")),
        ("en", "The fund lost £3.5m.", ("£3.5m", 3.5e6, "GBP", "money")),
        ("en", "Sales were USD 2.3 billion.", ("USD 2.3 billion", 2.3e9, "USD", "money")),
    ],
)
def test_money_has_value_and_iso_currency(language: str, text: str, expected: tuple) -> None:
    assert _one(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "mention"),
    [
        ("en", "Prices rose 2.2%.", "2.2%"),
        ("fr", "Les prix ont monté de 2,2 %.", "2,2 %"),
        ("en", "Prices rose 2.2 per cent.", "2.2 per cent"),
        ("de", "Die Preise stiegen um 2,2 Prozent.", "2,2 Prozent"),
    ],
)
def test_percentages_in_every_notation(language: str, text: str, mention: str) -> None:
    assert _one(text, language) == (mention, 2.2, "%", "percent")


def test_counts_keep_their_noun_and_number_words_are_read() -> None:
    numbers = extract_numbers("Two soldiers and a dozen protesters met 1,200 workers.", [], "en", None)
    assert [(n.value, n.unit, n.kind) for n in numbers] == [
        (2, "soldiers", "count"),
        (12, "protesters", "count"),
        (1200, "workers", "count"),
    ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "The board voted 5-2 in favour of the move.", [("5", 5), ("2", 2)]),
        ("en", "The board voted five to two for the increase.", [("five", 5), ("two", 2)]),
        ("en", "The jury voted seven to one to convict.", [("seven", 7), ("one", 1)]),
        ("en", "The Senate passed it by 52 votes to 47.", [("52", 52), ("47", 47)]),
        ("en", "It passed on a 9-3 vote.", [("9", 9), ("3", 3)]),
        ("es", "La junta aprobó la medida por cinco votos contra dos.", [("cinco", 5), ("dos", 2)]),
        ("es", "Se aprobó con cinco votos a favor y dos en contra.", [("cinco", 5), ("dos", 2)]),
        ("de", "Der Rat entschied mit fünf zu zwei Stimmen.", [("fünf", 5), ("zwei", 2)]),
        ("de", "Der Rat entschied mit 5:2 Stimmen.", [("5", 5), ("2", 2)]),
        ("fr", "Le texte a été adopté par 312 voix contre 208.", [("312", 312), ("208", 208)]),
    ],
)
def test_the_two_sides_of_a_vote_tally_are_counts_of_votes(language: str, text: str, expected: list) -> None:
    numbers = extract_numbers(text, [], language, None)
    assert [(n.text, n.value) for n in numbers] == expected
    assert {(n.unit, n.kind) for n in numbers} == {("votes", "count")}


@pytest.mark.parametrize(
    "text",
    [
        "United won 3-1 on Sunday after a vote of confidence in the manager.",
        "Some 40 to 50 lawmakers voted against it.",
        "Shops open from 9 to 5 on weekdays.",
        "Voting closed at 21:15 on Sunday.",
        "Polls close at 20:00 and the vote count begins.",
    ],
)
def test_a_score_or_a_range_is_no_vote_tally(text: str) -> None:
    assert all(n.unit != "votes" for n in extract_numbers(text, [], "en", None))


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "Quatorze morts, vingt-sept disparus et soixante-douze blessés.", [14, 27, 72]),
        ("fr", "Quatre-vingt-dix bateaux et vingt et un navires.", [90, 21]),
        ("es", "Veintisiete personas murieron y treinta y dos resultaron heridas.", [27, 32]),
        ("de", "Siebenundzwanzig Menschen werden vermisst, vierzehn sind tot.", [27, 14]),
        ("en", "Twenty-seven people are missing and fourteen died.", [27, 14]),
    ],
)
def test_compound_number_words_are_one_number(language: str, text: str, expected: list[int]) -> None:
    assert [n.value for n in extract_numbers(text, [], language, None)] == expected


def test_relative_dates_resolve_against_publication_date() -> None:
    numbers = extract_numbers("Police said yesterday that on Monday the march began.", [], "en", PUBLISHED)
    assert [(n.text, n.value, n.kind) for n in numbers] == [
        ("yesterday", 20240305, "date"),
        ("on Monday", 20240304, "date"),
    ]


@pytest.mark.parametrize(
    ("language", "text", "span", "value"),
    [
        ("en", "The union called the strike three days ago.", "three days ago", 20240303),
        ("en", "It opened 10 years ago.", "10 years ago", 20140306),
        ("fr", "Il y a deux semaines, le maire avait promis une enquête.", "Il y a deux semaines", 20240221),
        ("es", "El sindicato la anunció hace un mes.", "hace un mes", 20240206),
        ("es", "Ocurrió hace treinta y dos días.", "hace treinta y dos días", 20240203),
        ("de", "Vor drei Tagen hatte sie gewarnt.", "Vor drei Tagen", 20240303),
        ("ru", "Мост открыли два года назад.", "два года назад", 20220306),
        ("it", "Il ponte è crollato tre giorni fa.", "tre giorni fa", 20240303),
    ],
)
def test_spans_counted_back_are_dates(language: str, text: str, span: str, value: int) -> None:
    assert _one(text, language) == (span, value, None, "date")


def test_a_span_counted_back_without_publication_date_is_no_date() -> None:
    assert [n.kind for n in extract_numbers("It opened three days ago.", [], "en", None)] != ["date"]


def test_relative_date_without_publication_date_is_left_out() -> None:
    assert extract_numbers("It happened yesterday.", [], "en", None) == []


def test_absolute_dates_in_several_languages() -> None:
    assert _one("Signé le 3 mars 2024.", "fr")[1:] == (20240303, None, "date")
    assert _one("Подписано 3 марта 2024 года.", "ru")[1:] == (20240303, None, "date")
    assert _one("Firmado el 3 de marzo de 2024.", "es")[1:] == (20240303, None, "date")


def test_years_are_told_from_counts() -> None:
    assert _one("The law passed in 2019.")[2:] == (None, "year")
    assert _one("Im Jahr 2022 lag sie höher.", "de")[2:] == (None, "year")


def test_decimal_separator_follows_the_language() -> None:
    assert parse_number("4,8", "fr") == 4.8
    assert parse_number("48,000", "en") == 48000
    assert parse_number("1.200", "de") == 1200
    assert parse_number("1 234,5", "ru") == 1234.5


def test_codes_and_identifiers_are_not_numbers() -> None:
    assert extract_numbers("The A320 and COVID-19 at 10:30.", [], "en", None) == []


def test_number_extraction_is_bounded_on_a_wall_of_digits() -> None:
    numbers = extract_numbers(" ".join(["7"] * 50_000), [], "en", None)
    assert len(numbers) <= 2_100


def test_numbers_fixture_accuracy_stays_at_or_above_095() -> None:
    result = evaluate(FIXTURE, "all")
    assert result["n"] >= 150
    assert len(result["by_language"]) >= 5
    assert result["accuracy"] >= 0.95, result["errors"]


def _numbers(text: str, language: str) -> list[tuple[str, float, str | None, str]]:
    from newsprism.analyze.sentences import split_sentences

    found = extract_numbers(text, split_sentences(text, language), language, PUBLISHED)
    return [(n.text, n.value, n.unit, n.kind) for n in found if n.kind != "date"]


def test_a_bare_scaled_amount_in_a_sentence_about_money_takes_the_articles_currency() -> None:
    text = "La multa es de 12 millones de euros. Además pagará 3 millones en compensaciones."
    assert _numbers(text, "es")[1] == ("3 millones", 3e6, "EUR", "money")
    text = "Die Strafe beträgt 1,2 Milliarden Euro. Dazu kommen 4 Millionen als Entschädigung."
    assert _numbers(text, "de")[1] == ("4 Millionen", 4e6, "EUR", "money")
    # beside an amount with a currency in the same sentence, no money word needed
    assert _numbers("Штраф 5 млн рублей и ещё 2 млн.", "ru")[1] == ("2 млн", 2e6, "RUB", "money")


def test_a_bare_scaled_count_stays_a_count_without_money_or_with_its_noun() -> None:
    # no money word in the sentence: a count, whatever else the article says
    text = "The fine was €12m. About 2 million commuters use the line."
    assert _numbers(text, "en")[1] == ("2 million", 2e6, "commuters", "count")
    text = "La multa es de 12 millones de euros. Viven allí 15 millones."
    assert _numbers(text, "es")[1][3] == "count"
    # "de personas" says what the scaled number counts, even in a money sentence
    text = "Pagó 12 millones de euros a 2 millones de personas."
    assert _numbers(text, "es")[1][3] == "count"
    # no currency anywhere in the article: nothing to give it
    assert _numbers("La multa es de 15 millones.", "es")[0][3] == "count"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "Two thirds of the trains were late.", 66.67),
        ("en", "Half of the delays were caused by signals.", 50.0),
        ("fr", "La moitié des retards sont dus aux signaux.", 50.0),
        ("fr", "Les deux tiers des trains.", 66.67),
        ("es", "La mitad de los votos.", 50.0),
        ("de", "Knapp zwei Dritteln der Stimmen.", 66.67),
        ("de", "Die Hälfte der Züge.", 50.0),
        ("ru", "Две трети поездов опоздали.", 66.67),
        ("ru", "Половина задержек.", 50.0),
    ],
)
def test_shares_written_as_words_are_percentages(language: str, text: str, value: float) -> None:
    [(_, got, unit, kind)] = _numbers(text, language)
    assert (got, unit, kind) == (value, "%", "percent")


def test_half_a_dozen_and_a_quarter_of_an_hour_are_not_shares() -> None:
    assert _numbers("Half a dozen drones were shot down.", "en") == [("Half a dozen", 6, "drones", "count")]
    assert _numbers("Il a attendu un quart d'heure.", "fr") == []


def test_multipliers_partitives_and_approximate_words_are_read() -> None:
    from newsprism.analyze.numbers import extract_numbers

    def read(text: str, language: str) -> list[tuple[str, float, str | None]]:
        return [(n.text, n.value, n.unit) for n in extract_numbers(text, [], language)]

    assert read("Two dozen people were killed.", "en") == [("Two dozen", 24.0, "people")]
    assert read("Mehr als zwei Dutzend Menschen starben.", "de") == [("zwei Dutzend", 24.0, "menschen")]
    assert read("Eight of its ten carriages left the tracks.", "en") == [
        ("Eight", 8.0, "carriages"),
        ("ten", 10.0, "carriages"),
    ]
    assert read("Seis de sus diez vagones se salieron.", "es")[0] == ("Seis", 6.0, "vagones")
    assert read("Une vingtaine de personnes ont été tuées.", "fr") == [
        ("Une vingtaine de", 20.0, "personnes")
    ]
    assert read("Three of them were arrested.", "en") == []
