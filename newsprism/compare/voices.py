"""Who is quoted where: quotes merged by speaker across outlets, anonymous sources kept by description.

A quote's speaker is resolved to a person when analysis gave only a description followed by the name
("la ministra de Trabajo, Paula Ostria"), a phrase with a name inside it, or no speaker or a pronoun
("…", she said; dijo; a-t-il déclaré: the last person named in the two sentences before). Person keys
are then merged across articles when their surnames match once transliterated to Latin script and
accent-folded, allowing a French or Russian ending ("Voronin", "Voronine", "Воронин"), and the first
names do not clash ("Ostria" joins "Paula Ostria"); a speaker that is a title or description followed by
a person's full name is that person ("Finanzminister Tomas Ledvik", "Commission chair Nadia Orlic"). A
voice is displayed under its longest Latin-script name without titles ("Aleksei Voronin", not
"Kalvanian Trade Minister Aleksei Voronin"); descriptions ("officials", "uno de ellos") stay as written.
A lone capitalised word the tagger took for a person ("Turnout") is never the speaker unless it is the
surname of someone named in the article. Voice F1 on the dev stories of ``tests/fixtures/compare``
(``newsprism eval claims --split dev``): 0.459 before titled speakers were merged, 0.492 after, 0.496
with lone words left out (test 0.578, then 0.622 and 0.622). A name after "de"/"of"/"in" inside a
speaker phrase is a complement, not the speaker ("el ministro de Finanzas", "groups in Velmora"), and a
phrase headed by a document or figures ("los resultados oficiales", "the regulator's report") is a
source, not a voice: dev 0.699 -> 0.726 (with the rule changes of :mod:`quotes_rules`: 0.570 -> 0.726).
Nor is a speaker that is one common noun and its article or possessive ("officials", "the government",
"la compañía", "their union"): it names a kind of source, which the gold voices never list and which may be a different
body in each article (two governments in a trade story); dev precision 95/163 -> 95/141, voice F1
0.731 -> 0.798, recall unchanged (95 of 97). The quotes themselves stay on their articles. An
organisation given with its acronym ("the Financial Conduct Office (FCO)") is the acronym's voice, and a
German genitive of one noun ("des Unternehmens") a kind of source too: 0.798 -> 0.812; with possessives
("leur syndicat") 0.826. Test (4 stories, scored once with the final code): 0.622 -> 0.773.
A quote without a speaker falls back to the last person named only when it is a direct quotation (not
reported speech whose subject the parse missed), and never to a name after "to"/"in"/"à"… (a place the
tagger took for a person): dev 0.826 -> 0.830 (precision 95/133 -> 95/132). A quote that was not said
(:func:`said`: an indirect question, a negated cue, a request for anonymity, in English an act or a
wish: "offered 4 per cent", "voted for") makes no voice, and footage, lists and statements are documents: dev
0.830 -> 0.833 (95/131). One person not named ("un naviero", "a passenger") is a voice, not a group.
Two sources quoted in one article are never joined by phrase similarity (dev unchanged; the demo's
dockers' union and port authority were one voice before). An English plural description with no name
in it ("city officials", "Hospital sources in Veltra", but not "Three former drivers") is a kind of
source like one common noun: dev 0.833 -> 0.856 (precision 95/131 -> 95/125). An organisation's name of
three words or more after a word of description ("Gewerkschaft Portvale Dockers' Union") is that
organisation, shown by its name (dev unchanged). A public body or firm described by its kind with no
name in it ("le syndicat agricole", "la agencia del agua", "the municipal budget office") is a kind of
source like "the government" (English, French, Spanish, Italian): dev 0.856 -> 0.900 (precision 95/125
-> 95/114, recall 95/97 unchanged); with German ("das nationale Statistikamt") 0.905 (95/113). The
press described by its kind ("a local newspaper", "la prensa regional") and the outlet's own reporting
("selon nos informations") are no voices either (dev unchanged). Test (4 stories, scored once with the
final code of these rules): 0.773 -> 0.781.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy as np

from newsprism.analyze.cues import CLAUSE_LEMMAS, SAY_LEMMAS, SPEECH_NOUNS
from newsprism.analyze.entities import after_preposition, strip_titles
from newsprism.analyze.lexicons import TITLES
from newsprism.analyze.quotes_parse import cue_lemma
from newsprism.compare.sets import DisjointSets
from newsprism.names import fold, latin
from newsprism.records import Article, Entity, Quote, Voice, VoiceQuote

_WORD = re.compile(r"[\w'’-]+", re.UNICODE)


def _tokens(key: str) -> list[str]:
    return [latin(t) for t in key.split(":", 1)[-1].split() if t]


def _same_name(a: str, b: str) -> bool:
    """Spellings of one name: equal, or one a prefix of the other with at most two letters more
    ("voronin"/"voronine"), or equal after common transliteration variants ("aleksei"/"alexei")."""
    a, b = _spell(a), _spell(b)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2


def _spell(name: str) -> str:
    return name.replace("ks", "x").replace("kh", "h").replace("y", "i").replace("j", "i")


def _titled(key: str, people: list[str]) -> str | None:
    """The person key (of two names or more) that ``key`` ends with after a title or description
    ("finanzminister tomas ledvik", "name:commission chair nadia orlic" → "person:nadia orlic"), if any."""
    tokens = _tokens(key)
    for person in people:  # longest first
        name = _tokens(person)
        same_given = 2 <= len(name) < len(tokens) and tokens[-len(name) : -1] == name[:-1]
        if same_given and _same_name(tokens[-1], name[-1]):
            return person
    return None


def _described(key: str, names: list[str]) -> str | None:
    """The name of three words or more (an organisation's) that ``key`` ends with after one or two words
    of description ("person:gewerkschaft portvale dockers' union" → "name:portvale dockers' union")."""
    tokens = _tokens(key)
    for name in names:
        body = _tokens(name)
        if 1 <= len(tokens) - len(body) <= 2 and tokens[-len(body) :] == body:
            return name
    return None


def merge_key(keys: Iterable[str]) -> dict[str, str]:
    """Map each speaker key to a canonical key: a key that is a title or description followed by a
    person's full name is that person; keys naming the same words under different entity labels are
    one; person keys with the same surname (and no clashing first name) join the longest one."""
    every = sorted(set(keys), key=lambda k: (-len(_tokens(k)), -len(k), k))
    people = [k for k in every if k.startswith("person:")]
    titled = {k: person for k in every if (person := _titled(k, people)) is not None}
    named = [k for k in every if not k.startswith(("person:", "desc:")) and len(_tokens(k)) >= 3]
    for k in every:  # "Gewerkschaft Portvale Dockers' Union" is "The Portvale Dockers' Union"
        if k not in titled and (body := _described(k, named)) is not None:
            titled[k] = body
    ordered = [k for k in every if k not in titled]
    canon: dict[str, str] = {}
    for key in ordered:
        if key in canon:
            continue
        canon[key] = key
        tokens = _tokens(key)
        for other in ordered:  # one name under two entity labels ("gpe:minera andesur", "person:…")
            if other not in canon and _tokens(other) == tokens:
                canon[other] = key
        if not key.startswith("person:"):
            continue
        for other in ordered:
            if other in canon or not other.startswith("person:"):
                continue
            o = _tokens(other)
            if o and tokens and _same_name(o[-1], tokens[-1]) and (len(o) == 1 or _given(o, tokens)):
                canon[other] = key
    for key, target in titled.items():
        seen = {key}
        while target in titled and target not in seen:  # a description of a description of a name
            seen.add(target)
            target = titled[target]
        canon[key] = canon.get(target, target)
    return canon


def _given(short: list[str], long_: list[str]) -> bool:
    """No clashing first name: the word before the shorter name's surname starts like one of the longer
    name's words before its surname ("tomas ledvik" / "tomas f. ledvik"; not "emil varga" / "ines varga")."""
    return short[-2][:1] in {t[:1] for t in long_[:-1]}


def resolve_speaker(article: Article, quote: Quote) -> tuple[str | None, str | None]:
    """(speaker, key) of a quote, as a person when the text allows: a person named inside the speaker
    phrase ("Velmora's Economy Minister Karin Holt"), or right after a description ("la ministra de
    Trabajo, Paula Ostria"); otherwise the speaker and key analysis gave."""
    speaker, key = quote.speaker, quote.speaker_key
    people = _credible([e for e in article.entities if e.label == "PERSON"])
    if speaker and speaker.lower() in _PRONOUNS or (not speaker and (quote.direct or quote.cue is None)):
        return _previous_speaker(article, quote) or _previous_person(article, quote, people) or (speaker, key)
    if not speaker:  # reported speech whose subject analysis could not tell ("which analysts say …")
        return speaker, key
    if not people:
        return speaker, key
    # every mention of the phrase, whatever the case of its first letter ("El ministro …" / "el ministro …")
    for found in re.finditer(re.escape(speaker), article.text, re.IGNORECASE):
        at, end = found.span()
        clause = _RELATIVE.search(article.text, at, end)  # "X, who follows banks at Vantor Analytics"
        head_end = clause.start() if clause is not None else end
        inside = [
            e
            for e in people
            if at <= e.start and e.end <= head_end and not after_preposition(article.text, e.start, at)
        ]
        if inside:
            return _person(inside[-1].text)
        if not (key or "").startswith("person:"):
            for ent in people:
                if 0 <= ent.start - end <= 3 and article.text[end : ent.start].strip() in (",", ""):
                    return _person(ent.text)
    return speaker, key


_POSSESSIVE = re.compile(r"['’]s$")
# a relative clause inside a speaker phrase: a name in it is not the speaker
_RELATIVE = re.compile(
    r",\s*(?:who|which|whose|qui|dont|que|quien|quienes|cuyo|cuya|der|die|das|který|která|které|который|которая)\b",
    re.IGNORECASE,
)


def _credible(people: list[Entity]) -> list[Entity]:
    """The person mentions that name someone: a name of two words or more, or the surname of one named
    in the article (a lone capitalised word the tagger took for a person, "Turnout", "Valdera", is not)."""
    surnames = {fold(p.text.split()[-1]) for p in people if len(p.text.split()) >= 2}
    return [
        p for p in people if len(p.text.split()) >= 2 or fold(_POSSESSIVE.sub("", p.text.strip())) in surnames
    ]


_PRONOUNS = frozenset(["he", "she", "il", "elle", "él", "ella", "er", "sie", "он", "она"])


def _previous_speaker(article: Article, quote: Quote) -> tuple[str | None, str | None] | None:
    """For a quotation nobody is credited with: the speaker of the quote right before it in the article,
    when that one is in the same sentence or the two before ("…," said X, of Vantor Analytics. "…")."""
    index = next((i for i, q in enumerate(article.quotes) if q is quote), -1)
    for earlier in reversed(article.quotes[:index] if index > 0 else []):
        if earlier.sentence < quote.sentence - 2:
            return None
        if earlier.speaker and earlier.speaker.lower() not in _PRONOUNS and said(article, earlier):
            return resolve_speaker(article, earlier)
    return None


def _previous_person(article: Article, quote: Quote, people: list[Entity]) -> tuple[str, str] | None:
    """For "…", she said / dijo / a-t-il déclaré: the last person named in the two sentences before."""
    if not 0 <= quote.sentence < len(article.sentences):
        return None
    here = article.sentences[quote.sentence]
    window_start = article.sentences[max(0, quote.sentence - 2)].start
    before = [
        e
        for e in people
        if window_start <= e.start < here.start and not _place_mention(article.text, e.start)
    ]
    return _person(before[-1].text) if before else None


# prepositions of place and direction: a name right after one is where, not who ("diverting vessels to
# Kestrel Bay", "à Montclair", "nach Portvale")
_PLACE_PREPOSITIONS = frozenset(
    "to in at from near into towards toward across à au aux en dans vers près hacia desde nach aus bei im в во".split()  # noqa: SIM905
)
_WORD_BEFORE = re.compile(r"([\w'’-]+)\s+$")
_SOURCE_PREPOSITION = re.compile(r"(?:according|thanks|close|next)\s+to\s+$", re.IGNORECASE)


def _place_mention(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows a preposition of place or direction ("to Kestrel Bay"),
    which makes it a place the tagger took for a person ("according to X" names a source)."""
    before = text[max(0, start - 30) : start]
    word = _WORD_BEFORE.search(before)
    if word is None or word.group(1).casefold() not in _PLACE_PREPOSITIONS:
        return False
    return _SOURCE_PREPOSITION.search(before) is None


def _person(text: str) -> tuple[str, str]:
    name = " ".join(_WORD.findall(text.split("\n")[0])).strip(" .'’-")
    return name, "person:" + " ".join(latin(w) for w in strip_titles(name.split()))


_AFFILIATION_COMMA = re.compile(r"\s*,\s*(of|from|at)\s+")


def display_name(speaker: str, key: str) -> str:
    """The name part of a speaker string for a person key ("Labour Minister Paula Ostria" → "Paula Ostria");
    another speaker as written, an affiliation joined without its commas ("the hydrologist X, of the
    University of Y" → "the hydrologist X of the University of Y")."""
    if not key.startswith("person:"):
        shown = _AFFILIATION_COMMA.sub(r" \1 ", speaker.strip())
        return shown + ")" if shown.count("(") > shown.count(")") else shown  # "the Office (FCO"
    wanted = _tokens(key)
    words = _WORD.findall(speaker)
    if not wanted:
        return speaker.strip()
    for start in range(len(words) - len(wanted) + 1):
        window = words[start : start + len(wanted)]
        if all(_same_name(latin(w), t) for w, t in zip(window, wanted, strict=True)):
            while len(window) > 2 and _role_word(window[0]):  # the tagger kept the title in the name
                window = window[1:]
            return " ".join(window)
    # the key came from another spelling ("nadii orlich", from Russian): the name ending at the surname
    for end in range(len(words) - 1, -1, -1):
        if _same_name(latin(words[end]), wanted[-1]):
            return " ".join(words[max(0, end - len(wanted) + 1) : end + 1])
    return speaker.strip()


_TITLE_WORDS = frozenset(fold(t).rstrip(".") for t in TITLES)
# how German (and Dutch, Scandinavian) compound titles end: "Kammergeschäftsführerin", "Verbandschef"
_ROLE_ENDINGS = tuple(
    fold(w)
    for w in """
    führer führerin chef chefin sprecher sprecherin leiter leiterin direktor direktorin minister
    ministerin präsident präsidentin vorsitzende vorsitzender sekretär sekretärin meister meisterin
    experte expertin ökonom ökonomin analyst analystin berater beraterin kommissar kommissarin
    """.split()  # noqa: SIM905
)


def _role_word(word: str) -> bool:
    """A title or a role written before a name ("Governor", "Kammergeschäftsführerin")."""
    folded = fold(word).rstrip(".")
    return folded in _TITLE_WORDS or folded.endswith(_ROLE_ENDINGS)


# nouns naming a document or a body of figures: a phrase headed by one is a source, not a voice
_DOCUMENT_NOUNS = frozenset(
    fold(w)
    for w in """
    report reports data figures results records estimates statistics count tally survey study findings
    recorder documents rapport données chiffres résultats bilan estimations statistiques registres
    étude sondage décompte enregistreur informe datos cifras resultados registros recuento balance
    estimaciones estadísticas estudio encuesta bericht daten zahlen ergebnis ergebnisse statistik
    studie umfrage schätzungen auswertungen auswertung данные данным данных отчет отчёт отчету
    результаты результатам статистика статистике подсчет подсчёт исследование опрос údaje údajů
    zpráva zprávy výsledky výsledků statistiky odhady odhadů průzkum studie
    list lists footage video videos images pictures photos photographs log logs memo minutes statement
    information informations informaciones informationen
    communiqué comunicado mitteilung erklärung
    liste listes vidéo vidéos images photos lista listas vídeo vídeos imágenes fotos
    liste listen video videos bilder aufnahmen fotos
    """.split()  # noqa: SIM905
)
_STOP_AT = re.compile(r"\s(?:of|by|from|de|du|des|del|par|von|vom|der|des|от|по|z|ze)\s", re.IGNORECASE)


_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "el",
        "los",
        "las",
        "der",
        "die",
        "das",
        "den",
        "des",
    ]
)


_ACRONYM_END = re.compile(r"\(([A-ZА-ЯЁ]{2,6})\)?\s*$")


def _bare_group(speaker: str) -> bool:
    """A speaker that is one common noun and its article ("officials", "Economists", "les pêcheurs",
    "El Gobierno"): a kind of source, not a voice one could name (gold voices are people, organisations
    by name and anonymous individuals)."""
    every = _WORD.findall(speaker)
    if len(every) == 2 and fold(every[0]) in _ONE_INDEFINITE:
        return False  # "un naviero", "a passenger": one anonymous person, a voice
    words = [w for w in every if fold(w) not in _DETERMINERS and fold(w) not in _POSSESSIVES]
    return len(words) == 1 and not words[0].isupper()


_GROUP_STOP = re.compile(r"\s(?:of|in|at|on|from|for|with|near|across)\s", re.IGNORECASE)
_COUNTS = frozenset("two three four five six seven eight nine ten both".split())  # noqa: SIM905


def _plural_group(speaker: str, language: str) -> bool:
    """An English description of a plural group with no name in it ("city officials", "rail and hospital
    officials", "Hospital sources in Veltra"): a kind of source, like one common noun."""
    if language != "en":
        return False
    head_phrase = _GROUP_STOP.split(f" {speaker.strip()} ", maxsplit=1)[0]
    words = _WORD.findall(head_phrase)
    if (
        not words
        or any(w[:1].isupper() for w in words[1:])
        or words[0].lower() in _COUNTS
        or words[0].isdigit()
    ):
        return False  # "Three former drivers": people one could count, who spoke
    head = words[-1].lower()
    return len(words) <= 4 and head.endswith("s") and not head.endswith(("ss", "'s", "’s", "us", "is"))


# nouns of public bodies and firms: one described by its kind, with no name, is a kind of source
_BODY_NOUNS = frozenset(
    fold(w)
    for w in """
    government ministry department agency office authority council commission committee union association
    federation institute board police army guard coastguard company firm operator airline bank court
    embassy consulate hospital regulator press newspaper media outlet broadcaster
    gouvernement ministère agence office autorité conseil commission comité syndicat association
    fédération institut police armée garde compagnie société entreprise opérateur banque tribunal parquet
    préfecture mairie ambassade consulat hôpital presse journal quotidien médias
    gobierno ministerio agencia oficina autoridad consejo comisión comité sindicato asociación federación
    instituto policía ejército guardia compañía empresa operadora banco tribunal fiscalía embajada
    consulado hospital ayuntamiento alcaldía prensa periódico diario medios
    governo ministero agenzia ufficio autorità consiglio commissione comitato sindacato associazione
    federazione istituto polizia esercito guardia compagnia società azienda banca tribunale procura
    """.split()  # noqa: SIM905
)
_BODY_HEAD_FIRST = frozenset(["fr", "es", "it", "pt"])


def _unnamed_body(speaker: str, language: str) -> bool:
    """A public body or firm described by its kind with no name in it ("le syndicat agricole", "la agencia
    del agua", "the municipal budget office", "the country's finance ministry"): like "the government", a
    kind of source that may be a different body in each article. German, which capitalises every noun,
    is left alone."""
    if language == "de":
        return _german_unnamed_body(speaker)
    if language != "en" and language not in _BODY_HEAD_FIRST:
        return False
    raw = _WORD.findall(speaker)
    if not raw or any(w[:1].isupper() for w in raw[1:]) or (len(raw[0]) > 1 and raw[0].isupper()):
        return False  # a name in it ("Le gouvernement du Ruskel", "the FCO")
    words = [fold(_POSSESSIVE.sub("", w)).split("'")[-1].split("’")[-1] for w in raw]
    words = [w for w in words if w and w not in _DETERMINERS and w not in _POSSESSIVES]
    if not words:
        return False
    if language in _BODY_HEAD_FIRST:
        return words[0] in _BODY_NOUNS
    head = _GROUP_STOP.split(f" {' '.join(words)} ", maxsplit=1)[0].split()
    return bool(head) and head[-1] in _BODY_NOUNS


_GERMAN_BODY_ENDINGS = tuple(
    fold(w)
    for w in """
    amt behörde ministerium regierung gewerkschaft verband polizei agentur unternehmen firma konzern bank
    gericht staatsanwaltschaft botschaft konsulat krankenhaus klinik institut kommission ausschuss rat
    """.split()  # noqa: SIM905
)


def _german_unnamed_body(speaker: str) -> bool:
    """German: an article, lower-case adjectives and one noun naming a kind of body ("das nationale
    Statistikamt", "die zuständige Behörde"); a capitalised adjective makes it a name ("Auswärtiges Amt")."""
    words = [w for w in _WORD.findall(speaker) if fold(w) not in _DETERMINERS and fold(w) not in _POSSESSIVES]
    if not words or not words[-1][:1].isupper() or any(w[:1].isupper() for w in words[:-1]):
        return False
    return fold(words[-1]).endswith(_GERMAN_BODY_ENDINGS)


# the singular indefinite article: a speaker it opens is one person not named ("un naviero", "une habitante")
_ONE_INDEFINITE = frozenset(["a", "an", "un", "une", "una", "ein", "eine", "einer"])


# possessive determiners ("their union", "leur syndicat", "su sindicato", "их профсоюз")
_POSSESSIVES = frozenset(
    fold(w)
    for w in """
    its their his her leur leurs son sa ses su sus ihr ihre sein seine их его её ее jejich jeho její
    our nos notre nuestro nuestra nuestros nuestras unser unsere unserer наш наши náš naše
    """.split()  # noqa: SIM905
)


_PARTICIPLE = re.compile(r"[a-z]{3,}(?:ed|ing)|shown|seen|taken|given|written|made")
_HEAD_FIRST = frozenset(["fr", "es", "it", "pt", "de", "ru", "cs", "pl"])  # the noun before its modifiers


def is_document(speaker: str, language: str = "en") -> bool:
    """Whether a speaker phrase names a document or figures rather than someone ("les résultats définitifs
    publiés par la préfecture", "preliminary data from the onboard recorder", "the regulator's report"):
    its head noun, before any "of"/"de"/"by"…, is a document noun. The head is the last word in English
    ("the statistics institute" is an institute) and the first or second after the determiner in the
    languages that put modifiers after the noun."""
    before = _STOP_AT.split(f" {speaker} ", maxsplit=1)[0]
    words = [fold(_POSSESSIVE.sub("", w)) for w in _WORD.findall(before)]
    words = [w.split("'")[-1].split("’")[-1] for w in words if w not in _DETERMINERS]
    if not words:
        return False
    if language not in _HEAD_FIRST:  # "footage shared online", "figures released on Monday": the noun
        cut = next((i for i, w in enumerate(words) if i and _PARTICIPLE.fullmatch(w)), len(words))
        words = words[:cut]
    heads = words[:2] if language in _HEAD_FIRST else words[-1:]  # "les premières données"
    return any(w in _DOCUMENT_NOUNS for w in heads)


# English verbs of public stance that are speech acts, although their object is no clause ("called on
# both parties to accept mediation", "condemned the attack", "welcomed the deal")
_SPEECH_ACTS = frozenset(
    """
    call condemn denounce blame welcome reject decry mock label brand hail portray characterize
    characterise liken applaud rebuke congratulate dispute defend attack
    """.split()  # noqa: SIM905
)
# English nouns of things said or written, beyond SPEECH_NOUNS ("in an interview", "his criticism of")
_SPOKEN_NOUNS = frozenset(
    """
    interview column letter post note complaint complaints criticism critique mention petition description
    assessment call calls demands pledges promises vow word tribute praise
    """.split()  # noqa: SIM905
)
# English cue words that name speech or a view although the parse does not take them as verbs
_SPEECH_WORDS = frozenset(["according", "to", "per"]) | SPEECH_NOUNS
# verbs of asking: what they introduce outside quotation marks is a question, not a claim
_ASKING = re.compile(
    r"(?:^|\s)(?:ask\w*|wonder\w*|inquir\w*|question\w*|a demandé|demande|demandait|s['’]interroge|"
    r"se demande|pregunt\w*|se pregunt\w*|fragt\w*|erkundigt\w*|спрос\w*|спраш\w*|zeptal\w*|ptal\w*|ptá)$",
    re.IGNORECASE,
)
# words that open an indirect question ("asked why it had not …", "se preguntó si …")
_QUESTION_OPENERS = frozenset(
    fold(w)
    for w in """
    why whether if how what when where who which pourquoi si comment quand où qui quel quelle quels
    quelles por porqué qué cómo cuándo dónde quién si warum ob wie wann wo wer was почему ли как когда
    где кто proč zda jestli jak kdy kde kdo
    """.split()  # noqa: SIM905
)
# a negation right before a cue ("had not replied", "did n't say", "no dijo", "n'a jamais dit")
_NEGATED = re.compile(
    r"(?:\b(?:not|never|no|nunca|jamais|pas|nie|nicht|не|ne)|n['’]t)\s+(?:\w+\s+)?$", re.IGNORECASE
)


# a request for anonymity ("asked not to be named", "pidió no ser identificado", "a requis l'anonymat")
_ANONYMITY = re.compile(
    r"(?:not to be (?:named|identified|quoted)|no ser (?:identificad|nombrad|citad)\w*|l['’]anonymat|"
    r"nicht (?:namentlich )?genannt)",
    re.IGNORECASE,
)


def said(article: Article, quote: Quote) -> bool:
    """Whether a quote is something its speaker said, so that it can make them a voice: not an indirect
    question ("asked the ministry why …"), not a negated cue ("had not replied"), and in English not the
    object of an act or a wish ("offered just 4 per cent", "voted for the increase", "want to bring in",
    "was appointed by"): the cue is a speech verb (``SAY_LEMMAS``), a verb of thought before a clause
    ("fear the death toll will climb"), a speech noun or "according to". A direct quotation is always
    said."""
    if quote.direct or not quote.cue:
        return True
    words = quote.cue.split()
    first = quote.text.split(maxsplit=1)[0] if quote.text.split() else ""
    if _ASKING.search(quote.cue) and fold(first.strip("«»“”\"'¿")) in _QUESTION_OPENERS:
        return False
    if _negated_cue(article, quote) or _ANONYMITY.match(quote.text):
        return False  # "had not replied"; "asked not to be named" is a condition, not a statement
    if article.language != "en" or words[0].lower() in _SPEECH_WORDS or words[-1].lower() in _SPEECH_WORDS:
        return True
    if not any(ch.isalpha() for ch in quote.cue) or words[-1].lower() in _SPOKEN_NOUNS:
        return True  # "CLINTON: …" (a colon), "in an interview"
    lemma = cue_lemma(words[-1].lower()) or ""
    if lemma in SAY_LEMMAS | _SPEECH_ACTS or lemma.replace("ise", "ize") in SAY_LEMMAS:  # "criticised"
        return True
    # a verb of thought counts before a clause, not before an infinitive or an object ("wants a pay rise")
    return lemma in CLAUSE_LEMMAS and first.lower() != "to" and _has_verb(quote.text)


_FINITE = re.compile(
    r"\b(?:is|are|was|were|be|been|will|would|could|should|can|may|might|must|had|has|have|did|does|do)\b"
    r"|\b\w{3,}(?:ed|es)\b",
    re.IGNORECASE,
)


def _has_verb(text: str) -> bool:
    """A rough test for a clause: an auxiliary or a word ending like a finite verb ("the toll will climb")."""
    return _FINITE.search(text) is not None


def _negated_cue(article: Article, quote: Quote) -> bool:
    """Whether the cue is negated in the quote's sentence ("it had not replied", "no dijo")."""
    if not quote.cue or not 0 <= quote.sentence < len(article.sentences):
        return False
    sentence = article.sentences[quote.sentence]
    body = article.text[sentence.start : sentence.end]
    at = body.find(quote.cue)
    return at > 0 and _NEGATED.search(body[max(0, at - 30) : at]) is not None


ORG_THRESHOLD = 0.62  # least similarity of two non-person speaker phrases taken as one source


def find_voices(
    articles: list[Article], pairwise: Callable[[list[str]], np.ndarray] | None = None
) -> list[Voice]:
    """Voices of a story: one per speaker across its articles, with every quote and where it appeared.

    With ``pairwise`` (texts → pairwise similarity, e.g. cross-lingual embedding cosines), organisations
    and descriptions are also merged across languages ("the coast guard" / "la guardia costera") when
    their phrases reach ``ORG_THRESHOLD``.
    """
    rows = []
    for article in articles:
        for quote in article.quotes:
            if not said(article, quote):
                continue  # "offered 4 per cent", "asked why …", "had not replied": nobody is quoted
            speaker, key = resolve_speaker(article, quote)
            unnamed = not (key or "").startswith(("person:", "org:", "gpe:"))
            if (
                speaker
                and unnamed
                and (
                    is_document(speaker, article.language)
                    or _bare_group(speaker)
                    or _plural_group(speaker, article.language)
                    or _unnamed_body(speaker, article.language)
                )
            ):
                continue  # "según los resultados oficiales", "officials said": no one in particular
            acronym = _ACRONYM_END.search(speaker or "")
            if acronym and unnamed:  # "the Financial Conduct Office (FCO)" is the FCO
                key = f"org:{acronym.group(1).lower()}"
            if speaker:
                rows.append((article, quote, speaker, key or f"name:{speaker.lower()}"))
    canon = merge_key(key for *_, key in rows)
    if pairwise is not None:
        where: dict[str, set[str]] = {}
        for article, _, _, key in rows:
            where.setdefault(canon[key], set()).add(article.id)
        canon = _merge_phrases(canon, {key: speaker for _, _, speaker, key in rows}, pairwise, where)
    voices: dict[str, Voice] = {}
    names: dict[str, str] = {}
    fallback: dict[str, str] = {}
    for article, quote, speaker, key in rows:
        ck = canon[key]
        # a title or description before a person's name: show the name ("Commission chair Nadia Orlic")
        name = display_name(speaker, ck if ck.startswith("person:") else key)
        if article.language == "de":
            name = german_nominative(name)
        # a description before an organisation's name ("Gewerkschaft …") names it only if nothing else does
        described = ck != key and not ck.startswith("person:") and _described(key, [ck]) == ck
        shown = fallback if described else names
        if _better(name, shown.get(ck)):
            shown[ck] = name
        voice = voices.setdefault(ck, Voice(speaker=""))
        if article.id not in voice.article_ids:
            voice.article_ids.append(article.id)
        voice.quotes.append(VoiceQuote(article.id, quote.text))
    for ck, voice in voices.items():
        label = names.get(ck) or fallback[ck]
        # a label starts with a capital: "la Asociación de Bananeros" → "La Asociación de Bananeros"
        voice.speaker = label[:1].upper() + label[1:] if label[:1].islower() else label
    return sorted(voices.values(), key=lambda v: (-len(v.article_ids), -len(v.quotes), v.speaker))


# German noun endings of neuter bodies ("das Auswärtige Amt"); other singular bodies taken as masculine
_NEUTER_ENDINGS = (
    "amt", "ministerium", "institut", "unternehmen", "büro", "gericht", "zentrum", "werk", "haus", "land",
    "komitee", "parlament", "kabinett", "gremium", "kollegium", "krankenhaus", "präsidium", "sekretariat",
)  # fmt: skip
_GERMAN_ARTICLE = re.compile(r"^(der|des|dem)\s+(.+)$")


def german_nominative(phrase: str) -> str:
    """A German name phrase in the genitive or dative shown in the nominative without its article, as a
    voice is named ("nach Angaben der Nordischen Handelskammer" → "Nordische Handelskammer", "des
    Hafenverbands" → "Hafenverband", "des Statistischen Amts" → "Statistisches Amt"). Only a phrase of
    capitalised words after "der"/"des"/"dem" changes; "der" before an adjective in "-en" is a feminine
    or plural genitive or dative, "des"/"dem" a masculine or neuter one (neuter told by the noun's ending:
    "-amt", "-ministerium", "-institut" …); an unknown noun is taken as masculine."""
    found = _GERMAN_ARTICLE.match(phrase.strip())
    if found is None:
        return phrase
    article, words = found.group(1), found.group(2).split()
    if not all(w[:1].isupper() for w in words):
        return phrase  # "der Sprecher der Stadt": not a name phrase
    noun = words[-1]
    if article == "der":
        ending = "e"
    else:
        if article == "des" and noun.endswith("s") and not noun.endswith("ss"):
            strong = (
                noun.endswith("es") and len(noun) >= 5 and noun[-3] not in "aeiouäöü"
            )  # "Rates", "Komitees"
            noun = noun[:-2] if strong else noun[:-1]
        ending = "es" if noun.lower().endswith(_NEUTER_ENDINGS) else "er"
    adjectives = [w[:-2] + ending if w.endswith("en") else w for w in words[:-1]]
    return " ".join([*adjectives, noun])


def _merge_phrases(
    canon: dict[str, str],
    phrase: dict[str, str],
    pairwise: Callable[[list[str]], np.ndarray],
    where: dict[str, set[str]] | None = None,
) -> dict[str, str]:
    """Join non-person canonical keys whose speaker phrases are similar (single link, most similar pairs
    first), except two sources quoted in one article (``where``: canonical key → article ids): an article
    that quotes "the Portvale Dockers' Union" and "the Port Authority of Portvale" tells them apart."""
    keys = sorted({c for c in canon.values() if not c.startswith("person:")})
    if len(keys) < 2:
        return canon
    try:
        sim = np.asarray(pairwise([phrase.get(k, k.split(":", 1)[-1]) for k in keys]))
    except Exception:  # no model: keep the key-based merge
        return canon
    sets = DisjointSets(len(keys))
    find = sets.find
    members = {i: set((where or {}).get(k, ())) for i, k in enumerate(keys)}
    pairs = [(i, j) for i in range(len(keys)) for j in range(i + 1, len(keys)) if sim[i, j] >= ORG_THRESHOLD]
    for i, j in sorted(pairs, key=lambda p: -float(sim[p[0], p[1]])):
        ri, rj = find(i), find(j)
        if ri == rj or members[ri] & members[rj]:
            continue
        sets.union(j, i)
        members[find(i)] = members[ri] | members[rj]
    root = {k: keys[find(i)] for i, k in enumerate(keys)}
    return {key: root.get(c, c) for key, c in canon.items()}


def _better(name: str, current: str | None) -> bool:
    """Latin script first, then the longer name."""
    if current is None:
        return True
    is_latin, was_latin = (
        name.isascii() or latin(name) == name.lower(),
        current.isascii() or latin(current) == current.lower(),
    )
    if is_latin != was_latin:
        return is_latin
    return len(name) > len(current)
