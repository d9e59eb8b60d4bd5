"""Claim units: sentences, long ones split at clause boundaries, quotes kept whole."""

from __future__ import annotations

from newsprism.compare.units import article_units, split_clauses
from newsprism.records import Article, Entity, Number, Quote, Sentence


def article(*sentences: str, quotes: tuple[int, ...] = ()) -> Article:
    text, spans = "", []
    for i, s in enumerate(sentences):
        start = len(text)
        text += s + " "
        spans.append(Sentence(i, s, start, start + len(s)))
    return Article(
        id="a",
        language="en",
        text=text.strip(),
        sentences=spans,
        quotes=[Quote(sentences[i], "someone", "said", True, i) for i in quotes],
    )


LONG = (
    "The men were working in a gallery of the old copper mine far below the surface of the valley "
    "when part of the roof gave way shortly after eleven at night, the operator said."
)


def test_long_sentence_splits_where_a_second_fact_begins():
    assert split_clauses(LONG) == [
        "The men were working in a gallery of the old copper mine far below the surface of the valley",
        "when part of the roof gave way shortly after eleven at night, the operator said.",
    ]


def test_short_sentence_stays_whole():
    assert split_clauses("The ferry capsized on Tuesday, killing 23 people.") == [
        "The ferry capsized on Tuesday, killing 23 people."
    ]


def test_a_second_pledge_joined_by_and_becomes_its_own_clause():
    parts = split_clauses(
        "She confirmed her promise to make public transport in the city free of charge by 2028 "
        "and to plant ten thousand trees during her term."
    )
    assert len(parts) == 2 and parts[1].startswith("to plant")


def test_sentence_with_a_direct_quote_is_kept_whole():
    units = article(LONG, quotes=(0,))
    [u] = article_units(units)
    assert u.text == LONG and u.quote


def test_clauses_point_back_to_their_sentence_and_carry_their_own_numbers():
    a = article(LONG)
    a.numbers = [Number("eleven", 11, None, "count", 0)]
    a.entities = [Entity("copper", "ORG", 40, 46, key="org:copper")]
    units = article_units(a)
    assert [u.sentence for u in units] == [0, 0]
    assert all(u.sentence_text == LONG for u in units)
    assert [len(u.numbers) for u in units] == [0, 1]


def test_fragments_of_under_three_words_are_not_units():
    assert article_units(article("Updated.", "The cause of the accident is not yet known.")) != []
    assert [u.text for u in article_units(article("Updated."))] == []


def test_a_dateline_cut_off_as_a_sentence_is_not_a_claim():
    a = article("Puerto Albar, 7 de marzo de 2026.", "- El ministro de Hacienda culpó al banco central.")
    assert [u.text for u in article_units(a)] == ["El ministro de Hacienda culpó al banco central."]
    b = article("LIMA, March 3 (Reuters) - The port reopened on Friday after a week.")
    assert [u.sentence for u in article_units(b)] == [0]


def test_credit_line_in_parentheses_is_not_a_claim():
    a = article("The port reopened on Friday after a week.", "(Reporting by Ana Ruiz; Editing by Tom Bell)")
    assert [u.text for u in article_units(a)] == ["The port reopened on Friday after a week."]


def test_a_consequence_participle_and_a_second_verb_open_their_own_clauses():
    assert split_clauses(
        "The central span of the bridge gave way at about 7:15 a.m., sending at least nine vehicles, "
        "including a city bus, into the water."
    ) == [
        "The central span of the bridge gave way at about 7:15 a.m.",
        "sending at least nine vehicles, including a city bus, into the water.",
    ]
    assert split_clauses(
        "Last year the airline carried 9.2 million passengers and reported a profit of 41 million euros."
    ) == [
        "Last year the airline carried 9.2 million passengers",
        "reported a profit of 41 million euros.",
    ]
    assert (
        len(
            split_clauses(
                "La travée a cédé vers 7h15, à l'heure de pointe, précipitant neuf véhicules dans le fleuve."
            )
        )
        == 2
    )


def test_a_participle_that_restates_the_fact_stays_with_it():
    sentence = "Green candidate Claire Deshayes won the race for mayor of the city on Sunday, defeating the mayor who ran it."
    assert split_clauses(sentence) == [sentence]


def test_a_trailing_ranking_apposition_is_its_own_clause():
    assert (
        split_clauses(
            "The regulator fined the bank 1.2 billion euros on Tuesday for charging hidden fees to its "
            "customers between 2019 and 2024, the largest penalty in the country's history."
        )[1]
        == "the largest penalty in the country's history."
    )
    # "the first sign …" restates the fact: no split
    assert len(split_clauses("Rescuers heard tapping on a pipe on Sunday, the first sign of life.")) == 1


def test_german_main_clauses_joined_by_a_bare_comma_split_but_reported_speech_does_not():
    assert split_clauses(
        "Der Betreiber muss die Strafe bis Ende Juni zahlen, das Unternehmen kündigte Berufung an."
    ) == [
        "Der Betreiber muss die Strafe bis Ende Juni zahlen",
        "das Unternehmen kündigte Berufung an.",
    ]
    sentence = "Verkehrsminister Pavel Horak sagte, die Brücke sei im März geprüft worden und ohne Mängel."
    assert split_clauses(sentence) == [sentence]
    # "…, das hat die Kommission entschieden" points back at the first clause (a verb, not a noun, after
    # "das"): one fact, no split
    resumed = "In Marvik werden alle Stimmen der Wahl vom Sonntag neu ausgezählt, das hat die Kommission entschieden."
    assert split_clauses(resumed) == [resumed]


def test_a_quoting_sentence_splits_outside_the_quotation_only():
    said = (
        'Its trade minister, Petar Oslic, called the tariff "an act of economic aggression" and said Dravena '
        "would complain to the World Trade Organization."
    )
    quoted = (
        '"The trend is good, although the figure for young people obliges us to redouble our efforts in '
        'every region of the country," said the labour minister, Paula Ostria, on Friday.'
    )
    units = article_units(article(said, quoted, quotes=(0, 1)))
    assert [u.text for u in units if u.sentence == 0] == [
        'Its trade minister, Petar Oslic, called the tariff "an act of economic aggression"',
        "said Dravena would complain to the World Trade Organization.",
    ]
    assert [u.text for u in units if u.sentence == 1] == [quoted]


def test_a_new_subject_after_comma_and_opens_a_clause():
    assert split_clauses(
        "Repairs to the line are expected to cost €45m, and it is due to reopen on June 20."
    ) == [
        "Repairs to the line are expected to cost €45m",
        "it is due to reopen on June 20.",
    ]


def test_a_relative_clause_inside_its_main_clause_does_not_cut_it():
    sentence = (
        "The town's drinking water supply, which is drawn from the river, will be cut for two weeks while "
        "the water is tested."
    )
    assert split_clauses(sentence) == [sentence]
