"""Contradictions: same quantity, different values, after unit conversion and rounding."""

from __future__ import annotations

import numpy as np

from newsprism.compare.contradictions import dimension, find_contradictions, quantities, same_value
from newsprism.compare.units import Unit
from newsprism.records import Number


def unit(article: str, text: str, *numbers: tuple[str, float, str | None, str], language: str = "en") -> Unit:
    return Unit(
        article_id=article,
        sentence=0,
        text=text,
        sentence_text=text,
        language=language,
        numbers=[Number(t, v, u, k, 0) for t, v, u, k in numbers],
    )


def aligned(units: list[Unit]) -> tuple[np.ndarray, list[list[int]]]:
    """Every unit aligned with every other one of another article (one claim)."""
    n = len(units)
    sim = np.full((n, n), 0.8, dtype=np.float32)
    for i in range(n):
        for j in range(n):
            if units[i].article_id == units[j].article_id:
                sim[i, j] = -np.inf
    return sim, [list(range(n))]


def contradictions(units: list[Unit]):
    sim, groups = aligned(units)
    return find_contradictions(units, sim, groups)


def test_48bn_dollars_written_two_ways_is_not_a_contradiction():
    units = [
        unit("a", "The deal is worth $48bn.", ("$48bn", 48e9, "USD", "money")),
        unit("b", "The deal is worth 48 billion dollars.", ("48 billion dollars", 48e9, "USD", "money")),
    ]
    assert contradictions(units) == []


def test_12_and_14_dead_is_a_contradiction_listing_both_values_with_their_articles():
    units = [
        unit("a", "At least 12 people died in the fire.", ("12", 12, "people", "count")),
        unit("b", "Au moins 14 personnes sont mortes.", ("14", 14, "personnes", "count"), language="fr"),
    ]
    [found] = contradictions(units)
    assert sorted((v.article_id, v.value) for v in found.values) == [("a", 12.0), ("b", 14.0)]


def test_every_article_of_a_side_is_listed():
    units = [
        unit("a", "Six batteries will be delivered.", ("six", 6, "batteries", "count")),
        unit("b", "Sechs Batterien werden geliefert.", ("sechs", 6, "Batterien", "count"), language="de"),
        unit("c", "Se entregarán ocho baterías.", ("ocho", 8, "baterías", "count"), language="es"),
    ]
    [found] = contradictions(units)
    assert {v.article_id for v in found.values} == {"a", "b", "c"}


def test_hectares_and_square_kilometres_of_the_same_area_agree_but_a_larger_area_disagrees():
    same = [
        unit("a", "The fire burned 12,000 hectares.", ("12,000 hectares", 12000, "ha", "quantity")),
        unit(
            "b", "The fire burned 120 square kilometres.", ("120 square kilometres", 120, "km2", "quantity")
        ),
    ]
    assert contradictions(same) == []
    different = [
        *same,
        unit("c", "The fire burned 14,500 hectares.", ("14,500 hectares", 14500, "ha", "quantity")),
    ]
    [found] = contradictions(different)
    assert {v.article_id for v in found.values} == {"a", "b", "c"}


def test_feet_convert_to_metres_with_rounding():
    units = [
        unit("a", "They are trapped 1,378 feet below ground.", ("1,378 feet", 1378, "feet", "count")),
        unit("b", "Están atrapados a 420 metros.", ("420 metros", 420, "m", "quantity"), language="es"),
    ]
    assert contradictions(units) == []


def test_rounded_figure_agrees_with_the_precise_one():
    assert same_value(3500, "about 3,500", 3480, "3,480")
    assert same_value(2.4e9, "€2.4bn", 2.43e9, "2.43 billion euros")
    assert not same_value(12, "12", 14, "14")


def test_times_of_day_that_differ_are_a_contradiction():
    units = [
        unit("a", "It overturned at about 4:50 a.m. in rough seas."),
        unit("b", "El barco volcó hacia las 4:30 de la madrugada.", language="es"),
    ]
    [found] = contradictions(units)
    assert {v.text for v in found.values} == {"4:50 a.m.", "4:30"}


def test_a_value_the_other_article_reports_elsewhere_is_a_different_quantity():
    winner = unit("a", "Deshayes won with 52.4% of the vote.", ("52.4%", 52.4, "%", "percent"))
    loser = unit("a", "Olivennes got 47.6%.", ("47.6%", 47.6, "%", "percent"))
    other = unit("b", "Olivennes obtient 47,6 % des voix.", ("47,6 %", 47.6, "%", "percent"), language="fr")
    sim = np.array([[-np.inf, -np.inf, 0.7], [-np.inf, -np.inf, 0.6], [0.7, 0.6, -np.inf]], dtype=np.float32)
    assert find_contradictions([winner, loser, other], sim, [[0, 2], [1]]) == []


def test_years_and_unrelated_units_are_not_compared():
    units = [
        unit("a", "The first battery arrives in 2028.", ("2028", 2028, None, "count")),
        unit("b", "La primera batería llegará en 2029.", ("2029", 2029, None, "count"), language="es"),
    ]
    assert contradictions(units) == []
    assert dimension("count", "passengers") != dimension("percent", "%")


def test_plain_counts_of_different_things_in_one_language_are_not_compared():
    units = [
        unit("a", "The ship carried 312 passengers.", ("312", 312, "passengers", "count")),
        unit("b", "The ship carried 18 crew.", ("18", 18, "crew", "count")),
    ]
    assert contradictions(units) == []


def test_values_ten_times_apart_are_never_a_contradiction():
    units = [
        unit("a", "The contract is worth €2.4bn.", ("€2", 2.0, "EUR", "money")),
        unit("b", "Le contrat vaut 2,4 milliards d'euros.", ("2,4 milliards d'euros", 2.4e9, "EUR", "money")),
    ]
    assert contradictions(units) == []


def test_number_contexts_that_differ_keep_different_values_apart():
    units = [
        unit("a", "Tariffs go over five years.", ("five years", 5, "year", "quantity")),
        unit("b", "Trade could double in ten years.", ("ten years", 10, "year", "quantity")),
    ]
    sim, groups = aligned(units)

    def embed(texts: list[str]) -> np.ndarray:
        return np.eye(len(texts), dtype=np.float32)  # every context unlike every other

    assert find_contradictions(units, sim, groups, embed) == []
    assert len(find_contradictions(units, sim, groups)) == 1


def test_quantities_keep_dates_with_a_day_and_clock_times_but_not_weekdays():
    u = unit(
        "a",
        "On Tuesday, March 3 at 11 p.m. the roof fell.",
        ("Tuesday", 20260303, None, "date"),
        ("March 3", 20260303, None, "date"),
    )
    assert [(q.dim, q.base) for q in quantities([u])] == [("date", 20260303), ("time", 23 * 60.0)]


def test_speeds_in_kilometres_per_hour_and_miles_per_hour_agree():
    units = [
        unit("a", "Winds reached 60 km/h in the strait.", ("60 km", 60, "km", "quantity")),
        unit("b", "Gusts of 37 mph battered the ferry.", ("37", 37, "mph", "count")),
        unit(
            "c",
            "Der Wind erreichte 60 Kilometer pro Stunde.",
            ("60", 60, "Kilometer", "count"),
            language="de",
        ),
    ]
    assert {q.dim for q in quantities(units)} == {"speed"}
    assert contradictions(units) == []


def test_clock_times_in_other_spellings_and_rounded_to_the_hour_agree():
    units = [
        unit("a", "The span gave way at about 7:15 a.m. on Wednesday."),
        unit("b", "La travée a cédé vers 7h15, à l'heure de pointe.", language="fr"),
        unit("c", "Die Brücke brach gegen 7.15 Uhr ein.", ("7.15", 7.15, "uhr", "count"), language="de"),
        unit("d", "The span fell shortly after 7 a.m."),
    ]
    assert {(q.dim, q.base) for q in quantities(units)} == {("time", 435.0), ("time", 420.0)}
    assert contradictions(units) == []
    units.append(unit("e", "The span fell at 7:40 a.m."))
    [found] = contradictions(units)
    assert "7:40 a.m." in {v.text for v in found.values}


def test_rounding_goes_half_away_from_zero():
    assert not same_value(60000, "some 60,000", 65000, "65.000")  # 65,000 rounds to 70,000
    assert same_value(50, "nearly 50", 48, "48")


def _vote(article: str, text: str, *values: float, language: str = "en") -> Unit:
    return unit(article, text, *((f"{v:g}%", v, "%", "percent") for v in values), language=language)


def test_values_a_third_article_reports_side_by_side_are_different_quantities():
    units = [
        _vote("a", "87% of pilots voted in favour, on a turnout of 91%.", 87, 91),
        _vote("b", "El 87 % de los pilotos votó a favor.", 87, language="es"),
        _vote("c", "Quelque 91 % des pilotes ont pris part au vote.", 91, language="fr"),
    ]
    assert contradictions(units) == []


def test_a_third_articles_same_value_about_something_else_does_not_hide_a_contradiction():
    units = [
        unit("a", "At least 14 people died, the city said.", ("14", 14, "people", "count")),
        unit("b", "Hospital sources said 17 people had died.", ("17", 17, "people", "count")),
        unit("c", "Al menos 14 personas murieron.", ("14", 14, "personas", "count"), language="es"),
        unit(
            "c",
            "Unos 17 ambulancias trabajaban en la zona.",
            ("17", 17, "ambulancias", "count"),
            language="es",
        ),
    ]
    units[3].sentence = 1
    sim = np.full((4, 4), 0.8, dtype=np.float32)
    sim[:, 3] = sim[3, :] = 0.25  # the ambulances sentence is about something else
    sim[2, 3] = sim[3, 2] = sim[0, 0] = sim[1, 1] = sim[2, 2] = sim[3, 3] = -np.inf
    [found] = find_contradictions(units, sim, [[0, 1, 2], [3]])
    assert sorted((v.article_id, v.value) for v in found.values) == [("a", 14.0), ("b", 17.0), ("c", 14.0)]


def test_a_share_in_words_agrees_with_nearby_percentages_only():
    two_thirds = unit("a", "Two thirds of trains were late.", ("Two thirds", 66.67, "%", "percent"))
    knapp = unit("b", "64 % der Züge kamen zu spät.", ("64 %", 64.0, "%", "percent"), language="de")
    assert contradictions([two_thirds, knapp]) == []
    half = unit("c", "La mitad de los trenes llegó tarde.", ("La mitad", 50.0, "%", "percent"), language="es")
    assert len(contradictions([two_thirds, half])) == 1
    assert [q.step for q in quantities([two_thirds, knapp])] == [10.0, 0.0]


def test_percentages_more_than_three_times_apart_are_not_one_share():
    units = [
        unit("a", "50% of delays came from signals.", ("50%", 50.0, "%", "percent")),
        unit("b", "Shares fell 5%.", ("5%", 5.0, "%", "percent")),
    ]
    assert contradictions(units) == []
    units[1] = unit("b", "40% of delays came from signals.", ("40%", 40.0, "%", "percent"))
    assert len(contradictions(units)) == 1


def test_a_plain_round_figure_is_exact_unless_a_cue_or_a_unit_conversion_rounds_it():
    assert not same_value(30, "30 %", 25, "25%")  # "30 %" is thirty, not 25-35
    assert not same_value(200, "200 km", 150, "150 km")
    assert same_value(30, "more than 30", 31, "31")
    assert same_value(400, "plus de 400", 420, "420")
    assert not same_value(350, "about 350", 400, "rund 400")  # half a step away: neither rounds to the other
    units = [
        unit("a", "The span was 380 m long.", ("380 m", 380, "m", "quantity")),
        unit("b", "The span was 1,250 ft long.", ("1,250 ft", 1250, "ft", "quantity")),
        unit("c", "Un tarif de 30 %.", ("30 %", 30, "%", "percent"), language="fr"),
        unit("d", "A tariff of 25%.", ("25%", 25, "%", "percent")),
    ]
    found = contradictions(units)
    assert [sorted(v.text for v in c.values) for c in found] == [["25%", "30 %"]]


def test_calendar_dates_disagree_when_different_and_a_datelines_date_is_left_out():
    units = [
        unit("a", "The line is due to reopen on June 20.", ("June 20", 20260620, None, "date")),
        unit(
            "b",
            "Die Strecke soll ab dem 20. Juni wieder befahrbar sein.",
            ("20. Juni", 20260620, None, "date"),
            language="de",
        ),
        unit(
            "c",
            "La línea no volverá a abrir hasta el 27 de junio.",
            ("27 de junio", 20260627, None, "date"),
            language="es",
        ),
    ]
    [found] = contradictions(units)
    assert {v.text for v in found.values} == {"June 20", "20. Juni", "27 de junio"}
    datelines = [
        unit("a", "KORVIK, March 12 (AHX) - The line reopened.", ("March 12", 20260312, None, "date")),
        unit(
            "b",
            "KORVIK, 13 mars (AHX) - La ligne a rouvert.",
            ("13 mars", 20260313, None, "date"),
            language="fr",
        ),
    ]
    assert quantities(datelines) == []


def test_an_approximate_number_word_agrees_with_nearby_values():
    units = [
        unit(
            "a",
            "Le village est à une trentaine de kilomètres.",
            ("une trentaine de kilomètres", 30, "km", "quantity"),
            language="fr",
        ),
        unit("b", "The village is 34 km away.", ("34 km", 34, "km", "quantity")),
    ]
    assert contradictions(units) == []


def test_shares_a_fifth_of_a_point_apart_are_different_values_but_conversions_keep_their_tolerance():
    assert not same_value(50.1, "50.1%", 49.9, "49,9%")
    assert same_value(420, "420 m", 420.01, "1,378 feet", converted=True)


def test_a_bare_amount_in_a_sentence_about_cost_takes_the_storys_currency():
    units = [
        unit("a", "Repairs will cost €45m.", ("€45m", 45e6, "EUR", "money")),
        unit("b", "Las obras costarán 45 millones.", ("45 millones", 45e6, None, "count"), language="es"),
        unit(
            "c",
            "Les travaux coûteront 52 millions d'euros.",
            ("52 millions d'euros", 52e6, "EUR", "money"),
            language="fr",
        ),
    ]
    assert [q.dim for q in quantities(units)] == ["money:EUR"] * 3


def test_weeks_and_days_are_one_dimension():
    units = [
        unit("a", "The supply will be cut for two weeks.", ("two weeks", 2, "week", "quantity")),
        unit("b", "L'eau sera coupée pendant 14 jours.", ("14 jours", 14, "day", "quantity"), language="fr"),
        unit(
            "c",
            "El suministro quedará interrumpido durante diez días.",
            ("diez días", 10, "day", "quantity"),
            language="es",
        ),
    ]
    [found] = contradictions(units)
    assert {v.text for v in found.values} == {"two weeks", "14 jours", "diez días"}


def test_a_number_word_in_one_unit_agrees_with_its_conversion():
    units = [
        unit("a", "The wave ran five miles down the valley.", ("five miles", 5, "mi", "quantity")),
        unit(
            "b",
            "La vague a parcouru huit kilomètres.",
            ("huit kilomètres", 8, "km", "quantity"),
            language="fr",
        ),
    ]
    assert contradictions(units) == []
    units[1] = unit(
        "b", "La vague a parcouru dix kilomètres.", ("dix kilomètres", 10, "km", "quantity"), language="fr"
    )
    assert len(contradictions(units)) == 1


def test_millimetres_are_a_length_not_a_count_of_anything():
    assert dimension("quantity", "mm")[:2] == ("length", 0.001)
    units = [
        unit("a", "The dam gave way after 180 mm of rain.", ("180 mm", 180, "mm", "quantity")),
        unit("b", "The 60-year-old dam gave way after heavy rain.", ("60", 60, None, "count")),
    ]
    assert contradictions(units) == []


def test_money_per_day_is_a_rate_apart_from_an_amount():
    [rate] = quantities([unit("a", "Each day costs $130m a day.", ("$130m", 130e6, "USD", "money"))])
    assert rate.dim == "money:USD/day"
    units = [
        unit("a", "Damage runs at $130m a day.", ("$130m", 130e6, "USD", "money")),
        unit(
            "b",
            "Los daños suman 140 millones de dólares.",
            ("140 millones de dólares", 140e6, "USD", "money"),
        ),
        unit(
            "c",
            "Der Schaden liegt bei 120 Millionen Dollar pro Tag.",
            ("120 Millionen Dollar", 120e6, "USD", "money"),
        ),
    ]
    [found] = contradictions(units)
    assert sorted(v.article_id for v in found.values) == ["a", "c"]


def test_a_span_counted_back_and_a_figure_in_an_if_clause_are_not_reported_figures():
    units = [
        unit("a", "The 2011 strike lasted nine days.", ("nine days", 9, "day", "quantity")),
        unit(
            "b", "El sindicato anunció la huelga hace dos semanas.", ("dos semanas", 2, "semana", "quantity")
        ),
        unit(
            "c", "Losses could reach $14m if the strike lasts ten days.", ("ten days", 10, "day", "quantity")
        ),
        unit("d", "Der Streik begann vor zwei Wochen.", ("zwei Wochen", 2, "Wochen", "quantity")),
    ]
    assert [q.article_id for q in quantities(units)] == ["a"]
    assert contradictions(units) == []


def test_a_count_inside_a_clock_time_is_no_count():
    [when] = quantities(
        [
            unit(
                "a",
                "Le barrage a cédé vers 23 h 40 après la pluie.",
                ("40", 40, "après", "count"),
                language="fr",
            )
        ]
    )
    assert when.dim == "time" and when.base == 23 * 60 + 40


def test_another_figure_ends_a_numbers_context():
    from newsprism.compare.contradictions import context

    text = "The toll is of 14 dead and 25 disappeared persons, against 12 dead announced on Thursday."
    assert context(text, "25") == "dead and 25 disappeared persons, against"


def test_a_forecast_is_a_reported_figure():
    forecast = unit("a", "The plant should bring 4,000 jobs.", ("4,000", 4000, "jobs", "count"))
    assert [q.base for q in quantities([forecast])] == [4000]


def test_a_short_value_its_own_article_tells_apart_from_a_precise_one_is_exact():
    # "3%" is the target, beside February's 3.1%: another outlet's 3.4% disputes the 3.1%, not the target
    units = [
        unit("a", "Inflation reached 3.4% in February.", ("3.4%", 3.4, "%", "percent")),
        unit(
            "b",
            "Inflation reached 3.1% in February, just above the bank's 3% target.",
            ("3.1%", 3.1, "%", "percent"),
            ("3%", 3.0, "%", "percent"),
        ),
        unit(
            "c",
            "Die Inflation lag bei 3,1 Prozent, über dem Zielwert von 3 Prozent.",
            ("3,1 Prozent", 3.1, "Prozent", "percent"),
            ("3 Prozent", 3.0, "Prozent", "percent"),
            language="de",
        ),
    ]
    [found] = contradictions(units)
    assert sorted((v.article_id, v.value) for v in found.values) == [("a", 3.4), ("b", 3.1), ("c", 3.1)]
    [q_target] = [q for q in quantities(units) if q.text == "3%"]
    assert q_target.exact
    # alone, a short value still agrees with the precise one it rounds
    alone = [units[0], unit("d", "Inflation was 3% in February.", ("3%", 3.0, "%", "percent"))]
    assert contradictions(alone) == []


def test_what_a_contradiction_is_about_leaves_the_dateline_out():
    units = [
        unit("a", "KORVIK, March 12 (AHX) - At least 12 people died.", ("12", 12, "people", "count")),
        unit("b", "KORVIK, March 12 - At least 14 people died.", ("14", 14, "people", "count")),
    ]
    [found] = contradictions(units)
    assert "KORVIK" not in found.about and "died" in found.about
