from pathlib import Path

import pytest

from newsprism.analyze import Analyzer
from newsprism.analyze.quotemarks import find_quote_marks
from newsprism.analyze.quotes import extract_attributions
from newsprism.analyze.sentences import split_sentences
from newsprism.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "analyze"


@pytest.fixture(scope="module")
def english() -> Article:
    text = (FIXTURES / "article_en.txt").read_text("utf-8")
    return Analyzer()(Article(id="en", text=text, language="en", published="2024-03-06T10:00:00"))


def _parse(text: str):
    from newsprism.analyze import spacy_model

    return spacy_model("en")(text)


def _quote(article: Article, fragment: str):
    matches = [q for q in article.quotes if fragment in q.text]
    assert matches, f"no quote containing {fragment!r} in {[q.text for q in article.quotes]}"
    return matches[0]


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("He said “we go now” and left.", "we go now"),
        ("Il a dit « nous partons » hier.", " nous partons "),
        ("Er sagte „wir gehen“ gestern.", "wir gehen"),
        ("Она сказала «мы уходим» вчера.", "мы уходим"),
        ('She said "we go now" and left.', "we go now"),
        ("He said ‘we go now’ and didn’t stop.", "we go now"),
        ("彼は「行きます」と言った。", "行きます"),
        ("He said ''we go now'' and left.", "we go now''"),
    ],
)
def test_quote_marks_of_every_common_style_are_found(text: str, inner: str) -> None:
    marks = find_quote_marks(text)
    assert len(marks) == 1
    assert inner.rstrip("'") in text[marks[0].start : marks[0].end]


def test_unbalanced_quote_runs_to_the_end_of_its_paragraph() -> None:
    text = "The minister said: “we will never sign this deal\n\nThe next paragraph."
    (mark,) = find_quote_marks(text)
    assert not mark.balanced
    assert text[mark.start : mark.end].endswith("deal")


def test_quote_reopened_in_next_paragraph_is_one_quotation() -> None:
    text = "“First part of it.\n\n“Second part,” he said."
    (mark,) = find_quote_marks(text)
    assert "Second part" in text[mark.start : mark.end]


def test_indirect_speech_has_named_speaker_and_cue(english: Article) -> None:
    quote = _quote(english, "would not reopen the port contract")
    assert not quote.direct
    assert quote.speaker == "Prime Minister Elena Varga"
    assert quote.cue == "said"


def test_direct_quote_with_cue_after_it_has_speaker_and_cue(english: Article) -> None:
    quote = _quote(english, "fair offer")
    assert quote.direct
    assert quote.speaker == "Prime Minister Elena Varga"
    assert quote.cue == "told"


def test_quote_reopened_in_next_paragraph_is_one_quote(english: Article) -> None:
    quote = _quote(english, "The ports must reopen")
    assert quote.direct
    assert "Every day of this strike" in quote.text
    assert quote.cue == "added"


def test_pronoun_speaker_resolves_to_fullest_mention(english: Article) -> None:
    quote = _quote(english, "Every day of this strike")
    assert quote.cue == "added"
    assert quote.speaker == "Prime Minister Elena Varga"
    assert quote.speaker_key == "person:elena varga"


def test_according_to_names_a_described_speaker(english: Article) -> None:
    quote = _quote(english, "talks broke down")
    assert quote.speaker == "a senior Transport Ministry official"
    assert quote.cue == "According to"
    assert quote.speaker_key and quote.speaker_key.startswith("desc:")


def test_possessive_description_is_a_speaker(english: Article) -> None:
    quote = _quote(english, "walked out")
    assert quote.speaker == "The ministry's spokesman"


def test_quoted_as_saying_finds_the_passive_subject(english: Article) -> None:
    quote = _quote(english, "his members would stay out")
    assert quote.speaker == "Union leader Tomas Brandt"


def test_surname_speaker_shares_key_with_full_name(english: Article) -> None:
    quote = _quote(english, "We are not going anywhere")
    assert quote.speaker_key == "person:tomas brandt"
    assert quote.speaker == "Union leader Tomas Brandt"


def test_quote_sentence_points_at_its_sentence(english: Article) -> None:
    for quote in english.quotes:
        sentence = english.sentences[quote.sentence].text
        assert quote.text.split()[0].strip('“"') in sentence or sentence in quote.text


@pytest.mark.parametrize(
    ("language", "text", "speaker", "content"),
    [
        (
            "fr",
            "Le ministre Paul Arnaud a déclaré que la réforme serait votée en juin.",
            "Le ministre Paul Arnaud",
            "la réforme serait votée en juin",
        ),
        (
            "fr",
            "« Nous ne céderons pas », a affirmé la porte-parole du syndicat.",
            "la porte-parole du syndicat",
            "Nous ne céderons pas",
        ),
        (
            "de",
            "Die Ministerin sagte, die Verhandlungen seien gescheitert.",
            "Die Ministerin",
            "die Verhandlungen seien gescheitert",
        ),
        (
            "de",
            "Laut Innenminister Karl Weber ist die Lage unter Kontrolle.",
            "Innenminister Karl Weber",
            "ist die Lage unter Kontrolle",
        ),
        (
            "es",
            "El portavoz del Gobierno dijo que el acuerdo está cerca.",
            "El portavoz del Gobierno",
            "el acuerdo está cerca",
        ),
        (
            "es",
            "Según la ministra Ana Ruiz, la economía crecerá este año.",
            "la ministra Ana Ruiz",
            "la economía crecerá este año",
        ),
        (
            "ru",
            "Министр Иван Петров заявил, что переговоры продолжатся.",
            "Министр Иван Петров",
            "переговоры продолжатся",
        ),
        ("ru", "«Мы не отступим», — сказал глава профсоюза.", "глава профсоюза", "Мы не отступим"),
        (
            "ru",
            "Министр Иван Петров заявил в понедельник, что бюджет будет принят.",
            "Министр Иван Петров",
            "бюджет будет принят",
        ),
        ("ru", "«Мы не будем повышать налоги», — сказал он журналистам в Москве.", "он", "повышать налоги"),
        (
            "fr",
            "Le ministre Paul Arnaud a déclaré lundi que le budget serait voté.",
            "Le ministre Paul Arnaud",
            "le budget serait voté",
        ),
        (
            "fr",
            "« Nous ne céderons pas », a affirmé la porte-parole du syndicat à Paris.",
            "la porte-parole du syndicat",
            "Nous ne céderons pas",
        ),
        (
            "de",
            "Die Ministerin Anna Keller sagte am Montag, die Verhandlungen seien gescheitert.",
            "Die Ministerin Anna Keller",
            "die Verhandlungen seien gescheitert",
        ),
        (
            "ru",
            "По словам пресс-секретаря Анны Орловой, встреча состоится в пятницу.",
            "пресс-секретаря Анны Орловой",
            "встреча состоится в пятницу",
        ),
        # a description and a name set off by commas before the cue speak what follows it
        (
            "es",
            "El director de Navieras Tamarit, Hugo Salvat, afirmó que el buque superó su inspección.",
            "El director de Navieras Tamarit, Hugo Salvat",
            "el buque superó su inspección",
        ),
        (
            "fr",
            "La ministre des Transports, Ilse Maranek, a annoncé l'ouverture d'une enquête indépendante.",
            "La ministre des Transports, Ilse Maranek",
            "l'ouverture d'une enquête indépendante",
        ),
        (
            "de",
            "Die Vorsitzende der Kommission, Nadia Orlic, kündigte an, das Ergebnis bis Freitag zu bestätigen.",
            "Die Vorsitzende der Kommission, Nadia Orlic",
            "das Ergebnis bis Freitag zu bestätigen",
        ),
        # a weekday between the cue and a speaker after it is not part of the speaker
        (
            "fr",
            "Les pilotes seront en grève pendant 48 heures dès jeudi, a annoncé lundi leur syndicat.",
            "leur syndicat",
            "Les pilotes seront en grève",
        ),
    ],
)
def test_rules_find_speaker_and_content_in_other_languages(
    language: str, text: str, speaker: str, content: str
) -> None:
    atts = extract_attributions(text, split_sentences(text, language), language)
    assert atts, text
    att = atts[0]
    assert att.speaker is not None
    assert text[att.speaker[0] : att.speaker[1]] == speaker
    assert content in text[att.content[0] : att.content[1]]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Un train a déraillé mardi en fin d'après-midi au sud de Valdera, faisant 24 morts."),
        ("de", "Seit der Unabhängigkeit 1991 war keine Wahl so knapp ausgegangen."),
    ],
)
def test_words_that_only_look_like_according_to_are_not_cues(language: str, text: str) -> None:
    """ "d'après-midi" is not "d'après", and German "so" means "according to" only after a comma."""
    assert extract_attributions(text, split_sentences(text, language), language) == []


def test_quote_extraction_is_bounded_on_a_wall_of_quote_marks() -> None:
    text = "“" * 3000 + " said he " + "«" * 3000 + '"' * 3000
    atts = extract_attributions(text, split_sentences(text, "en"), "en")
    assert len(atts) < 10


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "The Valmont Herald reported Mayor Ines Holt as saying that the bridge would reopen.",
            "Mayor Ines Holt",
            "saying",
        ),
        ("Ines Holt told reporters the bridge would reopen next spring.", "Ines Holt", "told"),
        ("The bridge will reopen in May, the mayor said.", "the mayor", "said"),
        # a stance adjective ("confident" is nearly always nested in a "said" clause in PolNeAR, 1 of 7
        # candidates in train/+dev/ is a quote of its own, so the learned filter doubts it; "worried": 9 of 10)
        ("The mayor is worried that the bridge will reopen in May.", "The mayor", "worried"),
    ],
)
def test_english_indirect_speech_patterns(text: str, speaker: str, cue: str) -> None:
    article = Analyzer()(Article(id="x", text=text, language="en"))
    assert [(q.speaker, q.cue) for q in article.quotes][:1] == [(speaker, cue)]
    assert "bridge would reopen" in article.quotes[0].text or "bridge will reopen" in article.quotes[0].text


def test_first_person_statements_outside_quotes_stay_with_the_first_person() -> None:
    # PolNeAR annotates an op-ed's or an interview's "I think …" as an attribution to its writer; the
    # speaker stays "I" rather than being resolved to a person named earlier
    text = "Mayor Ines Holt visited the site. I think the bridge should reopen soon."
    article = Analyzer()(Article(id="x", text=text, language="en"))
    assert [(q.speaker, q.cue, q.speaker_key) for q in article.quotes] == [("I", "think", None)]


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("The mayor spoke to the council.\n\nHolt: “We will rebuild the bridge by May.”", "Holt", ":"),
        ("“We will rebuild the bridge by May.” — Ines Holt, mayor of Valmont", "Ines Holt", "—"),
        ("“We will rebuild the bridge by May.” ― Ines Holt", "Ines Holt", "―"),
    ],
)
def test_speaker_named_by_punctuation_alone(text: str, speaker: str, cue: str) -> None:
    (att,) = extract_attributions(text, split_sentences(text, "en"), "en")
    assert att.speaker and text[att.speaker[0] : att.speaker[1]] == speaker
    assert att.cue and text[att.cue[0] : att.cue[1]] == cue


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Valmont Herald: Bridge Closure Will Cost the City Millions.", "Valmont Herald", "Bridge Closure"),
        ("HOLT: Honestly, the bridge has to reopen before winter.", "HOLT", "Honestly, the bridge"),
    ],
)
def test_a_name_opening_a_line_with_a_colon_speaks_the_line(text: str, speaker: str, content: str) -> None:
    (att,) = extract_attributions(text, split_sentences(text, "en"), "en")
    assert att.speaker and text[att.speaker[0] : att.speaker[1]] == speaker
    assert text[att.content[0] : att.content[1]].startswith(content)
    assert not text[att.content[0] : att.content[1]].endswith(".")


def test_a_line_labelled_as_a_headline_kind_is_not_speech() -> None:
    text = "Exclusive: Bridge Closure Will Cost the City Millions."
    assert extract_attributions(text, split_sentences(text, "en"), "en") == []


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Mayor Ines Holt called for the council to reopen the bridge.",
            "Mayor Ines Holt",
            "the council to reopen",
        ),
        ("The mayor had said the same thing a week earlier.", "The mayor", "the same thing"),
        ("The union wants a new contract for the dock workers.", "The union", "a new contract"),
        ("The bridge plan was criticized by the Valmont Herald.", "the Valmont Herald", "The bridge plan"),
    ],
)
def test_stance_and_speech_verbs_take_their_object(text: str, speaker: str, content: str) -> None:
    article = Analyzer()(Article(id="x", text=text, language="en"))
    assert article.quotes, "no quote found"
    assert article.quotes[0].speaker == speaker
    assert content in article.quotes[0].text


def test_a_quotation_in_the_paragraph_after_a_colon_is_the_cue_s() -> None:
    text = "Mayor Ines Holt said on Monday:\n\n“We will rebuild the bridge before the winter comes.”"
    (att,) = extract_attributions(text, split_sentences(text, "en"), "en", _parse(text))
    assert att.speaker and text[att.speaker[0] : att.speaker[1]] == "Mayor Ines Holt"
    assert att.direct and text[att.content[0] : att.content[1]].startswith("“We will rebuild")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Voters who crossed the bridge daily said the closure hurt them.",
            "Voters who crossed the bridge daily",
        ),
        ("Ines Holt, who chairs the council, said the bridge would reopen.", "Ines Holt"),
    ],
)
def test_a_restrictive_clause_belongs_to_the_speaker_a_parenthetical_one_does_not(
    text: str, speaker: str
) -> None:
    att = extract_attributions(text, split_sentences(text, "en"), "en", _parse(text))[0]
    assert att.speaker and text[att.speaker[0] : att.speaker[1]] == speaker


@pytest.mark.parametrize(
    "text",
    [
        "VALMONT — Mayor Ines Holt said the bridge would reopen in May.",
        "VALMONT, Ore. - Mayor Ines Holt said the bridge would reopen in May.",
        "Valmont (Reuters) – Mayor Ines Holt said the bridge would reopen in May.",
    ],
)
def test_a_dateline_is_not_part_of_the_speaker(text: str) -> None:
    att = extract_attributions(text, split_sentences(text, "en"), "en", _parse(text))[0]
    assert att.speaker and text[att.speaker[0] : att.speaker[1]] == "Mayor Ines Holt"


def test_the_learned_cue_lists_and_weights_ship_with_the_package() -> None:
    from newsprism.analyze.quotes_parse import learned_cue_forms, learned_cue_nouns
    from newsprism.analyze.quotes_score import _weights

    weights, threshold = _weights()
    assert 0.0 < threshold < 1.0 and len(weights) > 100
    assert "thanked" in learned_cue_forms() and "criticism" in learned_cue_nouns()


def test_according_to_takes_the_whole_sentence_and_a_bare_source() -> None:
    text = "The bridge will reopen in May and the tolls will fall, according to the city's transport office on Monday."
    article = Analyzer()(Article(id="x", text=text, language="en"))
    quote = next(q for q in article.quotes if q.cue == "according to")
    assert quote.speaker == "the city's transport office"
    assert "bridge will reopen" in quote.text and "tolls will fall" in quote.text


def test_a_second_speech_verb_ends_the_clause_of_the_first() -> None:
    from newsprism.analyze import spacy_model
    from newsprism.analyze.quotemarks import find_quote_marks
    from newsprism.analyze.quotes_parse import from_parse
    from newsprism.analyze.sentences import split_sentences

    text = "Holt said it was too early to congratulate the winners but added that she was pleased."
    doc = spacy_model("en")(text)
    atts = from_parse(doc, find_quote_marks(text), split_sentences(text, "en"))
    said = next(a for a in atts if text[a.cue[0] : a.cue[1]] == "said")
    assert text[said.content[0] : said.content[1]] == "it was too early to congratulate the winners"


def test_a_poll_speaks_through_in() -> None:
    from newsprism.analyze import spacy_model
    from newsprism.analyze.quotemarks import find_quote_marks
    from newsprism.analyze.quotes_parse import from_parse
    from newsprism.analyze.sentences import split_sentences

    text = "Holt leads Brandt by nine points in a new Valmont Herald poll released on Sunday."
    doc = spacy_model("en")(text)
    atts = from_parse(doc, find_quote_marks(text), split_sentences(text, "en"))
    poll = next(a for a in atts if text[a.cue[0] : a.cue[1]] == "in")
    assert text[poll.speaker[0] : poll.speaker[1]].endswith("poll released on Sunday")
    assert text[poll.content[0] : poll.content[1]] == "Holt leads Brandt by nine points"


def test_the_reading_to_the_end_of_the_sentence() -> None:
    from newsprism.analyze import spacy_model
    from newsprism.analyze.quotemarks import Attribution
    from newsprism.analyze.quotes_score import DocIndex, to_sentence_end

    text = "Holt said the bridge would reopen in May, citing the new budget. Brandt disagreed."
    doc = spacy_model("en")(text)
    sentences = split_sentences(text, "en")
    said = Attribution(content=(10, 40), speaker=(0, 4), cue=(5, 9))  # "the bridge would reopen in May"
    alt = to_sentence_end(text, said, DocIndex(doc), sentences)
    assert (
        alt is not None and text[alt[0] : alt[1]] == "the bridge would reopen in May, citing the new budget"
    )
    citing = Attribution(content=(49, 63), cue=(42, 48))  # the next cue ends the reading: nothing new
    assert to_sentence_end(text, said, DocIndex(doc), sentences, [said, citing]) is None
    quoted = Attribution(content=(10, 40), speaker=(0, 4), cue=(5, 9), direct=True)
    assert to_sentence_end(text, quoted, DocIndex(doc), sentences) is None


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("Holt began her speech by asking whether the council had read the budget.", "asking", "Holt"),
        ("Brandt raised questions about the cost of the bridge.", "questions", "Brandt"),
        ("Holt is quick to say that the bridge will reopen.", "say", "Holt"),
    ],
)
def test_speakers_reached_through_a_preposition_a_light_verb_or_an_adjective(
    text: str, cue: str, speaker: str
) -> None:
    from newsprism.analyze import spacy_model
    from newsprism.analyze.quotes_parse import from_parse

    doc = spacy_model("en")(text)
    atts = from_parse(doc, find_quote_marks(text), split_sentences(text, "en"))
    att = next(a for a in atts if a.cue is not None and text[a.cue[0] : a.cue[1]] == cue)
    assert att.speaker is not None and text[att.speaker[0] : att.speaker[1]] == speaker


def test_select_drops_a_content_inside_a_likelier_one() -> None:
    from newsprism.analyze.quotemarks import Attribution
    from newsprism.analyze.quotes_score import select

    text = "Holt said the bridge would reopen in May after the repairs."
    outer = Attribution(content=(10, 58), cue=(5, 9))
    inner = Attribution(content=(10, 39), cue=(5, 9))
    assert select(text, [outer, inner], [0.9, 0.6], 0.5) == [outer]
    assert select(text, [outer, inner], [0.6, 0.9], 0.5) == [outer, inner]  # 6 of 9 words: not a duplicate
    assert select(text, [outer, inner], [0.9, 0.4], 0.5) == [outer]


def test_an_accented_title_before_a_name_is_part_of_its_fullest_mention() -> None:
    from newsprism.analyze.quotes import _fullest_mentions
    from newsprism.records import Entity

    text = "Präsidentin Ada Lorenz sprach am Morgen."
    start = text.index("Ada")
    ent = Entity("Ada Lorenz", "PERSON", start, start + 10, key="person:ada lorenz")
    assert _fullest_mentions(text, [ent]) == {"person:ada lorenz": "Präsidentin Ada Lorenz"}


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Transport Minister Helena Vasquez urged both sides to accept mediation.",
            "both sides to accept mediation",
        ),
        (
            "The senator called on fellow Republicans to withdraw their support.",
            "fellow Republicans to withdraw their support",
        ),
    ],
)
def test_who_is_urged_or_called_on_belongs_to_what_was_asked(text: str, content: str) -> None:
    # PolNeAR marks the object with the infinitive ("urges supporters to monitor polling places")
    atts = extract_attributions(text, split_sentences(text, "en"), "en", _parse(text))
    assert [text[a.content[0] : a.content[1]] for a in atts] == [content]
