"""Voices: quotes merged by speaker across outlets and scripts; anonymous sources kept by description."""

from __future__ import annotations

import pytest

from newsprism.compare.voices import display_name, find_voices, is_document, latin, merge_key, resolve_speaker
from newsprism.records import Article, Entity, Quote, Sentence


def quoted(
    article_id: str, text: str, speaker: str, key: str, entities: list[Entity] | None = None
) -> Article:
    return Article(
        id=article_id,
        text=text,
        entities=entities or [],
        quotes=[Quote("quoted words", speaker, "said", True, 0, speaker_key=key)],
    )


def test_one_person_spelled_three_ways_is_one_voice():
    articles = [
        quoted("en", "x", "Trade Minister Aleksei Voronin", "person:aleksei voronin"),
        quoted("fr", "x", "Alexeï Voronine", "person:alexei voronine"),
        quoted("ru", "x", "Алексей Воронин", "person:алексей воронин"),
    ]
    [voice] = find_voices(articles)
    assert voice.speaker == "Aleksei Voronin"
    assert voice.article_ids == ["en", "fr", "ru"]
    assert len(voice.quotes) == 3


def test_surname_alone_joins_the_full_name_but_a_different_first_name_does_not():
    canon = merge_key(["person:paula ostria", "person:ostria", "person:marta ostria"])
    assert canon["person:ostria"] in ("person:paula ostria", "person:marta ostria")
    assert canon["person:marta ostria"] != canon["person:paula ostria"]


def test_a_title_or_description_before_a_full_name_is_that_person():
    """German titles are capitalised and tagged with the name; a speaker phrase the tagger missed keeps
    its title. Both are the person whose full name they end with, and a different first name is not."""
    canon = merge_key(
        [
            "person:tomas ledvik",
            "person:finanzminister tomas ledvik",
            "name:commission chair nadia orlic",
            "person:nadia orlic",
            "person:ines varga",
            "person:emil varga",
            "desc:ministra de trabajo",
        ]
    )
    assert canon["person:finanzminister tomas ledvik"] == canon["person:tomas ledvik"]
    assert canon["name:commission chair nadia orlic"] == canon["person:nadia orlic"]
    assert canon["person:ines varga"] != canon["person:emil varga"]
    assert canon["desc:ministra de trabajo"] == "desc:ministra de trabajo"


def test_a_titled_speaker_is_shown_by_name_even_when_another_script_gave_the_key():
    articles = [
        quoted("en", "x", "Commission chair Nadia Orlic", "name:commission chair nadia orlic"),
        quoted("ru", "x", "председателя комиссии Надии Орлич", "person:nadii orlich"),
        quoted("es", "x", "Nadia Orlic", "person:nadia orlic"),
    ]
    [voice] = find_voices(articles)
    assert voice.speaker == "Nadia Orlic"
    assert voice.article_ids == ["en", "ru", "es"]
    assert display_name("Commission chair Nadia Orlic", "person:nadii orlich") == "Nadia Orlic"


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for i, piece in enumerate(text.split(". ")):
        end = start + len(piece) + (1 if start + len(piece) < len(text) else 0)
        out.append(Sentence(i, text[start:end], start, end))
        start = end + 1
    return out


def test_a_lone_word_tagged_as_a_person_does_not_become_the_speaker():
    """ "…", he said: the last person named before, but not a capitalised word the tagger took for one."""
    text = 'Voters came early. Turnout was high. "We are pleased," he said.'
    start = text.index("Turnout")
    article = Article(
        id="a",
        text=text,
        entities=[Entity("Turnout", "PERSON", start, start + 7, key="person:turnout")],
        quotes=[Quote("We are pleased", "he", "said", True, 2, speaker_key=None)],
        sentences=_sentences(text),
    )
    assert resolve_speaker(article, article.quotes[0])[0] == "he"
    named = text.replace("Voters came early.", "Mayor Ines Holm voted.")
    start_name = named.index("Ines Holm")
    article.text = named
    article.entities = [Entity("Ines Holm", "PERSON", start_name, start_name + 9, key="person:ines holm")]
    article.sentences = _sentences(named)
    assert resolve_speaker(article, article.quotes[0]) == ("Ines Holm", "person:ines holm")


def test_description_followed_by_a_name_resolves_to_that_person():
    text = '"We must redouble our efforts", said the labour minister, Paula Ostria.'
    start = text.index("Paula")
    article = quoted(
        "es",
        text,
        "the labour minister",
        "desc:the labour minister",
        [Entity("Paula Ostria", "PERSON", start, start + 12, key="person:paula ostria")],
    )
    assert resolve_speaker(article, article.quotes[0]) == ("Paula Ostria", "person:paula ostria")


def test_anonymous_official_is_kept_under_its_description():
    article = quoted("a", '"It was overloaded", said one official.', "one official", "desc:one official")
    [voice] = find_voices([article])
    assert voice.speaker == "One official"  # shown as a label


def test_display_name_drops_titles_and_latin_folds_cyrillic():
    assert display_name("Labour Minister Sofía Arrieta", "person:sofia arrieta") == "Sofía Arrieta"
    assert latin("Воронин") == "voronin"


def test_quote_with_only_a_pronoun_goes_to_the_person_named_just_before():
    from newsprism.records import Sentence

    first = "Marc Olivennes conceded defeat in the evening."
    second = '"I wish her luck," he said.'
    text = f"{first} {second}"
    article = Article(
        id="a",
        text=text,
        sentences=[Sentence(0, first, 0, len(first)), Sentence(1, second, len(first) + 1, len(text))],
        entities=[Entity("Marc Olivennes", "PERSON", 0, 14, key="person:marc olivennes")],
        quotes=[Quote("I wish her luck,", "he", "said", True, 1)],
    )
    assert resolve_speaker(article, article.quotes[0]) == ("Marc Olivennes", "person:marc olivennes")
    article.quotes[0].speaker = None
    [voice] = find_voices([article])
    assert voice.speaker == "Marc Olivennes"


def test_one_name_under_two_entity_labels_is_one_voice():
    canon = merge_key(["gpe:minera andesur", "person:minera andesur", "org:coast guard"])
    assert canon["gpe:minera andesur"] == canon["person:minera andesur"]
    assert canon["org:coast guard"] == "org:coast guard"


def test_organisations_merge_across_languages_when_their_phrases_are_similar():
    articles = [
        quoted("en", "x", "the statistics institute", "org:statistics institute"),
        quoted("fr", "x", "l'institut national de la statistique", "org:institut national de la statistique"),
        quoted("es", "x", "uno de ellos", "desc:uno de ellos"),
    ]

    def pairwise(texts: list[str]):
        import numpy as np

        institute = [("statisti" in t) for t in texts]
        return np.array([[1.0 if a == b or (a and b) else 0.1 for b in institute] for a in institute])

    voices = find_voices(articles, pairwise)
    assert sorted(sorted(v.article_ids) for v in voices) == [["en", "fr"], ["es"]]
    assert len(find_voices(articles)) == 3


def test_a_description_whose_name_is_after_de_is_the_person_it_describes_elsewhere():
    """ "el ministro de Hacienda" holds a capitalised word after "de", which is no person's name: the voice
    is the person the same description names elsewhere in the article."""
    text = (
        "El Ministerio de Hacienda publicó las cifras. El ministro de Hacienda, Tomás Beltri, firmó. "
        '"Es un buen día", declaró el ministro de Hacienda.'
    )
    hacienda = text.rindex("Hacienda")
    name = text.index("Tomás Beltri")
    ministry = text.index("Ministerio de Hacienda")
    article = quoted(
        "es",
        text,
        "el ministro de Hacienda",
        "desc:ministro de hacienda",
        [
            Entity("Hacienda", "PERSON", hacienda, hacienda + 8, key="person:ministerio de hacienda"),
            Entity(
                "Ministerio de Hacienda",
                "PERSON",
                ministry,
                ministry + 22,
                key="person:ministerio de hacienda",
            ),
            Entity("Tomás Beltri", "PERSON", name, name + 12, key="person:tomas beltri"),
        ],
    )
    assert resolve_speaker(article, article.quotes[0]) == ("Tomás Beltri", "person:tomas beltri")


def test_a_place_inside_a_speaker_phrase_is_not_the_speaker():
    text = '"Prices will rise", said farmers\' groups in Valtra Nord.'
    start = text.index("Valtra Nord")
    article = quoted(
        "en",
        text,
        "farmers' groups in Valtra Nord",
        "desc:farmers' groups in valtra nord",
        [Entity("Valtra Nord", "PERSON", start, start + 11, key="person:valtra nord")],
    )
    assert resolve_speaker(article, article.quotes[0]) == (
        "farmers' groups in Valtra Nord",
        "desc:farmers' groups in valtra nord",
    )


@pytest.mark.parametrize(
    ("speaker", "language", "document"),
    [
        ("les résultats définitifs publiés par la préfecture", "fr", True),
        ("les premières données de l'enregistreur", "fr", True),
        ("los datos oficiales", "es", True),
        ("the regulator's report", "en", True),
        ("preliminary data from the recorder", "en", True),
        ("die Zahlen des Ministeriums", "de", True),
        ("данные полиции", "ru", True),
        ("the statistics institute", "en", False),
        ("l'institut national de la statistique", "fr", False),
        ("la portavoz del gobierno", "es", False),
        ("Ines Holm", "en", False),
    ],
)
def test_a_document_or_figures_are_a_source_not_a_voice(speaker: str, language: str, document: bool):
    assert is_document(speaker, language) is document


def test_figures_quoted_by_their_source_make_no_voice():
    article = quoted("es", "x", "los resultados oficiales", "desc:resultados oficiales")
    article.language = "es"
    assert find_voices([article]) == []


@pytest.mark.parametrize(
    ("speaker", "bare"),
    [
        ("officials", True),
        ("Economists", True),
        ("les pêcheurs", True),
        ("El Gobierno", True),
        ("the commission", True),
        ("their union", True),
        ("их профсоюз", True),
        ("city officials", False),
        ("Three former drivers", False),
        ("FCO", False),
        ("Ines Holm", False),
    ],
)
def test_one_common_noun_is_a_kind_of_source_not_a_voice(speaker: str, bare: bool):
    article = quoted("a", "x", speaker, f"desc:{speaker.lower()}")
    assert (find_voices([article]) == []) is bare


def test_an_organisation_given_with_its_acronym_is_the_acronym_s_voice():
    articles = [
        quoted("a", "x", "the Financial Conduct Office (FCO)", "desc:financial conduct office (fco)"),
        quoted("b", "x", "The FCO", "org:fco"),
    ]
    [voice] = find_voices(articles)
    assert voice.article_ids == ["a", "b"]


def test_a_german_genitive_of_one_noun_is_a_kind_of_source():
    assert find_voices([quoted("a", "x", "des Unternehmens", "desc:des unternehmens")]) == []


def _one_quote(
    text: str, quote: Quote, entities: list[Entity] | None = None, language: str = "en"
) -> Article:
    return Article(
        id="a",
        text=text,
        language=language,
        sentences=_sentences(text),
        entities=entities or [],
        quotes=[quote],
    )


def test_a_speakerless_quote_never_falls_back_to_a_place_the_tagger_took_for_a_person():
    text = 'Ferries were sent on to Port Sorrel. "We cannot take them all," came the reply'
    start = text.index("Port Sorrel")
    place = Entity("Port Sorrel", "PERSON", start, start + 11, key="person:port sorrel")
    article = _one_quote(text, Quote("We cannot take them all,", None, None, True, 1), [place])
    assert resolve_speaker(article, article.quotes[0]) == (None, None)
    named = text.replace("on to Port Sorrel", "by Mira Lund")
    at = named.index("Mira Lund")
    person = Entity("Mira Lund", "PERSON", at, at + 9, key="person:mira lund")
    article = _one_quote(named, Quote("We cannot take them all,", None, None, True, 1), [person])
    assert resolve_speaker(article, article.quotes[0]) == ("Mira Lund", "person:mira lund")


def test_reported_speech_without_a_subject_is_not_given_the_last_person_named():
    """ "…, which analysts say …": the parse found no subject; the person named before did not say it."""
    text = "Governor Ana Pell spoke on Monday. The peso rose, which analysts say helps exporters"
    person = Entity("Ana Pell", "PERSON", 9, 17, key="person:ana pell")
    article = _one_quote(text, Quote("which analysts say helps exporters", None, "say", False, 1), [person])
    assert resolve_speaker(article, article.quotes[0]) == (None, None)


def test_questions_and_negated_cues_are_not_quotes():
    text = "The Daily Wren asked the ministry why it had waited so long. The ministry had not replied by noon"
    asked = _one_quote(text, Quote("why it had waited so long", "The Daily Wren", "asked", False, 0))
    assert find_voices([asked]) == []
    replied = _one_quote(text, Quote("by noon", "The ministry", "replied", False, 1))
    assert find_voices([replied]) == []
    spanish = "La alcaldesa no dijo cuánto costará la obra"
    no_dijo = _one_quote(
        spanish, Quote("cuánto costará la obra", "La alcaldesa", "dijo", False, 0), language="es"
    )
    assert find_voices([no_dijo]) == []
    said_it = _one_quote(
        "Two engineers said the bridge would reopen",
        Quote("the bridge would reopen", "Two engineers", "said", False, 0),
    )
    assert [v.speaker for v in find_voices([said_it])] == ["Two engineers"]


@pytest.mark.parametrize(
    ("speaker", "cue", "content", "voice"),
    [
        ("Port managers", "offered", "just 3 per cent", False),
        ("The council", "voted", "for the new levy on Tuesday", False),
        ("the toll operators", "want", "to raise fares in May", False),
        ("Senator Ila Brook", "appointed", "One of the new judges, Omar Fell", False),
        ("Mayor Ines Holm", "condemned", "the attack on the depot", True),
        ("Two rescuers", "fear", "the number of missing will rise", True),
        ("Mayor Ines Holm", "called", "on both sides to talk", True),
        ("Mayor Ines Holm", "criticised", "the delay", True),
        ("Mayor Ines Holm", "interview", "the delay was avoidable", True),
        ("Mayor Ines Holm", ":", "We will rebuild the bridge", True),
    ],
)
def test_in_english_an_act_or_a_wish_is_not_speech(speaker: str, cue: str, content: str, voice: bool) -> None:
    text = f"{speaker} {cue} {content}"
    article = _one_quote(text, Quote(content, speaker, cue, False, 0, speaker_key=f"name:{speaker.lower()}"))
    assert bool(find_voices([article])) is voice


def test_footage_and_lists_are_documents_not_voices():
    assert is_document("Grainy footage posted online")
    assert is_document("the coastguard's nightly list")
    assert is_document("figures published on Monday")
    assert is_document("the council's statement")
    assert not is_document("the embattled governor")
    assert not is_document("the statistics institute")


def test_one_anonymous_person_is_a_voice_but_a_request_for_anonymity_is_not_a_quote():
    text = '"Nos enteramos tarde", se quejó un armador.'
    article = _one_quote(
        text, Quote('"Nos enteramos tarde"', "un armador", "se quejó", True, 0, speaker_key="desc:un armador")
    )
    assert [v.speaker for v in find_voices([article])] == ["Un armador"]
    crowd = _one_quote(
        text, Quote("x", "los armadores", "dijeron", True, 0, speaker_key="desc:los armadores")
    )
    assert find_voices([crowd]) == []
    request = "One nurse, who asked not to be named, spoke"
    asked = _one_quote(request, Quote("not to be named", "One nurse", "asked", False, 0))
    assert find_voices([asked]) == []


def test_an_affiliation_set_off_by_commas_is_shown_without_them():
    shown = display_name("the geologist Anne Roux,of the University of Brenne", "desc:geologist")
    assert shown == "the geologist Anne Roux of the University of Brenne"
    assert display_name("the Water Office (WO", "org:wo") == "the Water Office (WO)"


def test_two_sources_quoted_in_one_article_are_never_merged_by_similar_phrases():
    import numpy as np

    article = Article(
        id="a",
        text="x",
        quotes=[
            Quote(
                "we stop work", "the Harbour Workers' Union", "said", True, 0, speaker_key="org:harbour union"
            ),
            Quote(
                "the offer is fair",
                "the Harbour Authority",
                "said",
                True,
                0,
                speaker_key="org:harbour authority",
            ),
        ],
    )
    other = quoted("b", "x", "l'autorité portuaire", "desc:autorite portuaire")

    def alike(texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), len(texts)))

    voices = find_voices([article, other], alike)
    assert len(voices) == 2
    assert sorted(len(v.article_ids) for v in voices) == [1, 2]


def test_a_name_inside_a_relative_clause_of_the_speaker_phrase_is_not_the_speaker():
    speaker = "Ola Brandt, who covers shipping at the consultancy Merrow Partners"
    text = f'"Rates will rise," said {speaker}.'
    people = [
        Entity(name, "PERSON", text.index(name), text.index(name) + len(name), key=f"person:{name.lower()}")
        for name in ("Ola Brandt", "Merrow Partners")
    ]
    article = quoted("a", text, speaker, "desc:x", people)
    assert resolve_speaker(article, article.quotes[0]) == ("Ola Brandt", "person:ola brandt")


def test_an_uncredited_quotation_goes_to_the_speaker_of_the_quote_before_it():
    """Not to the last name written, which here is the speaker's employer in a relative clause."""
    first = "Growth is slowing, said Ola Brandt, who covers shipping at Merrow Partners."
    second = '"Nobody expected this."'
    text = f"{first} {second}"
    people = [
        Entity(name, "PERSON", text.index(name), text.index(name) + len(name), key=f"person:{name.lower()}")
        for name in ("Ola Brandt", "Merrow Partners")
    ]
    article = Article(
        id="a",
        text=text,
        sentences=[Sentence(0, first, 0, len(first)), Sentence(1, second, len(first) + 1, len(text))],
        entities=people,
        quotes=[
            Quote(
                "Growth is slowing", "Ola Brandt, who covers shipping at Merrow Partners", "said", False, 0
            ),
            Quote("Nobody expected this.", None, None, True, 1),
        ],
    )
    assert resolve_speaker(article, article.quotes[1]) == ("Ola Brandt", "person:ola brandt")


@pytest.mark.parametrize(
    ("speaker", "voice"),
    [
        ("city officials", False),
        ("Hospital sources in Brenna", False),
        ("rail and port officials", False),
        ("Three former pilots", True),
        ("Port Sorrel Dockers", True),
    ],
)
def test_an_english_plural_description_is_a_kind_of_source(speaker: str, voice: bool) -> None:
    article = _one_quote(
        "x", Quote("we will strike", speaker, "said", True, 0, speaker_key=f"desc:{speaker}")
    )
    assert bool(find_voices([article])) is voice


def test_an_organisation_named_after_a_word_of_description_is_that_organisation():
    canon = merge_key(
        [
            "person:gewerkschaft harbour workers union",
            "name:harbour workers union",
            "name:the harbour workers union local branch",
            "desc:finance minister",
            "desc:deputy finance minister",
        ]
    )
    assert canon["person:gewerkschaft harbour workers union"] == canon["name:harbour workers union"]
    assert canon["desc:deputy finance minister"] != canon["desc:finance minister"]
    assert canon["name:the harbour workers union local branch"] != canon["name:harbour workers union"]
    voices = find_voices(
        [
            quoted(
                "de", "x", "Gewerkschaft Harbour Workers Union", "person:gewerkschaft harbour workers union"
            ),
            quoted("en", "x", "The Harbour Workers Union", "name:harbour workers union"),
        ]
    )
    assert [(v.speaker, v.article_ids) for v in voices] == [("The Harbour Workers Union", ["de", "en"])]


@pytest.mark.parametrize(
    ("speaker", "language", "voice"),
    [
        ("le syndicat agricole", "fr", False),
        ("la agencia del agua", "es", False),
        ("the regional transport office", "en", False),
        ("the country's health ministry", "en", False),
        ("A senior official at the health ministry", "en", True),
        ("le syndicat Force Rurale", "fr", True),
        ("el consulado de Brenna", "es", True),
        ("a local newspaper", "en", False),
        ("la prensa regional", "es", False),
        ("nos informations", "fr", False),
        ("die regionale Wasserbehörde", "de", False),
        ("das Statistische Landesamt", "de", True),
        ("eine Sprecherin der Behörde", "de", True),
    ],
)
def test_a_body_described_by_its_kind_without_a_name_is_a_kind_of_source(
    speaker: str, language: str, voice: bool
) -> None:
    article = _one_quote(
        "x", Quote("we will act", speaker, "said", True, 0, speaker_key=f"desc:{speaker}"), language=language
    )
    assert bool(find_voices([article])) is voice


def test_a_word_describing_the_person_before_a_tagged_name_is_not_shown_as_the_name():
    text = 'Farmer Luc Varenne, 61, said: "It sounded like a jet engine."'
    article = quoted(
        "en",
        text,
        "Farmer Luc Varenne, 61",
        "person:luc varenne",
        [Entity("Farmer Luc Varenne", "PERSON", 0, 18, key="person:luc varenne")],
    )
    assert resolve_speaker(article, article.quotes[0]) == ("Farmer Luc Varenne", "person:luc varenne")
    [voice] = find_voices([article])
    assert voice.speaker == "Luc Varenne"
