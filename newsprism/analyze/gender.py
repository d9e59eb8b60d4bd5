"""Grammatical gender of a speaker pronoun and of a named person, so "she added" does not go to a man.

* a pronoun: he / she, il / elle, er, él / ella, он / она, on / ona, lui / lei …;
* a verb that carries its subject's gender (Russian, Czech, Polish, Slovak and Ukrainian past tense:
  "сказала", "řekla", "powiedziała" are said by a woman; "сказал", "řekl", "powiedział" by a man);
* a person: the word before the name (Mr / Mrs / Ms, Herr / Frau, Monsieur / Madame, señor / señora,
  a gendered role noun: "spokeswoman", "Ministerin", "la ministra", "la portavoz"), else the first name
  (short lists of common first names), else a Slavic surname ending ("-ová", "-ova", "-eva", "-ina",
  "-aya", "-ska" for a woman; "-ov", "-ev", "-in", "-sky", "-ski" for a man).

Each answer is "f", "m" or None (unknown); an unknown gender is compatible with either.
"""

from __future__ import annotations

import re

from newsprism.names import fold

_PRONOUNS = {
    "f": frozenset("she her ella elle sie lei ela она ее её ona ní jí ją nią".split()),  # noqa: SIM905
    "m": frozenset("he him his él il lui er ele он его on jeho něj niego jego".split()),  # noqa: SIM905
}
_SLAVIC_ON = frozenset(["cs", "sk", "pl", "sl", "hr", "sr", "bs"])  # where "on" is "he"
# German "sie" is also "they": only counted as "she" with a verb in the singular after it
_AMBIGUOUS = frozenset(["sie"])
# the past tense of Slavic verbs agrees with its subject: (feminine ending, masculine ending)
_SLAVIC_PAST = {
    "ru": (re.compile(r"(?:ла|лась)$"), re.compile(r"(?:л|лся)$")),
    "uk": (re.compile(r"(?:ла|лася)$"), re.compile(r"(?:в|вся|л)$")),
    "cs": (re.compile(r"(?:la|ala|ela|ila)$"), re.compile(r"(?:l)$")),
    "sk": (re.compile(r"(?:la)$"), re.compile(r"(?:l)$")),
    "pl": (re.compile(r"(?:ła|łam)$"), re.compile(r"(?:ł|łem)$")),
}
_TITLES_F = frozenset(
    """
    mrs ms miss madam madame mme mlle lady dame frau fräulein señora sra señorita srta doña signora sig.ra
    senhora sra. dona pani paní gospođa госпожа
    spokeswoman chairwoman congresswoman businesswoman councilwoman policewoman sportswoman
    ministra presidenta diputada senadora alcaldesa directora secretaria jueza concejala
    présidente députée sénatrice directrice
    """.split()  # noqa: SIM905
)
_TITLES_M = frozenset(
    """
    mr sir lord herr monsieur señor sr don signor sig senhor pan gospodin господин
    spokesman chairman congressman businessman councilman policeman sportsman
    ministro presidente diputado senador alcalde director secretario juez concejal
    député sénateur directeur
    """.split()  # noqa: SIM905
)
# German female role nouns end in -in ("Ministerin", "Sprecherin"); a few masculine words do too
_GERMAN_FEMALE_ROLE = re.compile(r"^[A-ZÄÖÜ]\w{3,}(?:in|innen)$")
_NOT_FEMALE_IN = frozenset(["berlin", "termin", "benzin", "medizin", "kamin", "rubin", "cousin", "vitamin"])
_FIRST_F = frozenset(
    """
    anna angela barbara christina claudia eva gabriele helga ingrid jana julia katharina lena maria monika
    nina petra sabine sandra susanne ursula lisa laura sophie hannah leonie marie birgit doris heike karin
    katrin martina maren renate ulrike ana beatriz carmen cristina elena isabel lucía lucia marta pilar rosa
    teresa sofía sofia valentina adriana mercedes inés ines lorena patricia victoria amalia chiara elisa
    federica francesca giulia alessandra paola silvia valeria claire sophie camille julie marion nathalie
    isabelle sylvie catherine christine anne hélène helene céline celine émilie emilie manon chloé chloe
    léa lea marine aurélie aurelie élodie elodie mary jennifer linda elizabeth susan jessica sarah karen
    nancy lisa betty margaret sandra ashley emily donna michelle carol amanda melissa deborah stephanie
    rebecca sharon kathleen amy shirley angela helen emma olivia ava charlotte amelia grace kate jane
    rachel hannah natalia natalya olga irina tatiana tatyana svetlana elena yelena ekaterina yekaterina
    anastasia maria marina galina lyudmila ludmila daria alina katarzyna agnieszka małgorzata malgorzata
    ewa joanna magdalena monika zofia hana jana lenka lucie petra tereza veronika zuzana ayşe ayse fatma
    emine zeynep elif helena ines paula
    """.split()  # noqa: SIM905
)
_FIRST_M = frozenset(
    """
    andreas alexander bernd christian daniel david dieter frank hans heinz helmut jan jens johannes jonas
    josef jürgen jurgen jakob karl klaus lukas manfred markus martin matthias michael olaf paul peter ralf
    sebastian stefan thomas tobias ulrich uwe werner wolfgang felix maximilian florian simon moritz dirk
    holger jörg jorg kai nils oliver rolf alejandro andrés andres antonio carlos diego fernando francisco
    gabriel javier jorge josé jose juan luis manuel miguel pablo pedro rafael raúl raul ramón ramon sergio
    tomás tomas alberto gonzalo ignacio enrique eduardo emilio esteban jaime joaquín joaquin julio
    alessandro andrea angelo davide enrico giorgio giovanni marco luca matteo lorenzo francesco pierre
    jean jacques michel philippe alain nicolas françois francois laurent éric eric olivier julien bertrand
    luc marc james john robert william richard joseph charles christopher matthew anthony mark donald
    steven kevin brian george edward ronald timothy jason jeffrey ryan gary nicholas eric stephen jacob
    larry frank scott justin brandon benjamin samuel gregory patrick jack dennis jerry tyler aaron henry
    douglas harry colin ray tom dmitry dmitri sergei sergey vladimir alexei aleksei alexey ivan nikolai
    mikhail andrei andrey yuri oleg igor boris viktor victor pavel petr piotr krzysztof tomasz marcin
    jakub mateusz adam łukasz lukasz jiří jiri josef karel václav vaclav milan zdeněk zdenek mehmet mustafa
    ahmet ali hüseyin huseyin hasan ibrahim daniel germán german
    """.split()  # noqa: SIM905
)
_FIRST = _FIRST_F | _FIRST_M
_SLAVIC_SURNAME_F = re.compile(r"(?:ová|ova|eva|ina|yna|aya|ая|ова|ева|ина|ская|ská|ska|cka|cká)$")
_SLAVIC_SURNAME_M = re.compile(r"(?:ov|ev|in|yn|sky|ský|ski|cki|ов|ев|ин|ский|ой)$")
# an article before a role noun that has one form for both ("la portavoz", "el portavoz", "la ministre")
_ARTICLE_F = frozenset(["la", "una", "une", "die", "eine", "della", "dalla", "a", "uma"])
_ARTICLE_M = frozenset(["el", "un", "le", "del", "al", "der", "ein", "il", "lo", "o", "um"])
_WORDS_BEFORE = re.compile(r"(?:([\w.’'-]+)\s+)?([\w.’'-]+)\s*,?\s*$")


def pronoun_gender(word: str, verb: str | None = None, language: str | None = None) -> str | None:
    """The gender of a personal pronoun ("she", "il", "она"), None when it has none or is ambiguous;
    German "sie" is "she" only with a verb in the singular ("sagte sie", not "sagten sie"); "on" is "he"
    in Czech, Slovak and Polish but nobody in particular in French ("a-t-on appris")."""
    w = word.casefold().strip()
    if w == "on" and language not in _SLAVIC_ON:
        return None
    if w in _AMBIGUOUS:
        last = verb.split()[-1].casefold() if verb and verb.split() else ""
        return "f" if last and not last.endswith(("en", "ten")) else None
    for gender, words in _PRONOUNS.items():
        if w in words:
            return gender
    return None


def verb_gender(verb: str | None, language: str) -> str | None:
    """The subject's gender a past-tense verb shows ("сказала" → "f", "řekl" → "m"), Slavic languages only."""
    if not verb or language not in _SLAVIC_PAST:
        return None
    last = verb.split()[-1].casefold() if verb.split() else ""
    feminine, masculine = _SLAVIC_PAST[language]
    if feminine.search(last):
        return "f"
    if masculine.search(last):
        return "m"
    return None


def person_gender(text: str, start: int, end: int) -> str | None:
    """The gender of the person named at ``text[start:end]``: by the title or role word just before the
    name, else its first name, else a Slavic surname ending."""
    words = text[start:end].split()
    before = _WORDS_BEFORE.search(text[max(0, start - 60) : start])
    near = [w for w in (before.group(2), before.group(1)) if w] if before else []
    for word in near[:1] + words[:-1]:
        gender = _title_gender(word)
        if gender:
            return gender
    if len(near) > 1 and near[0][:1].islower():  # "la portavoz Ana …", "el fiscal …", "le ministre …"
        article = near[1].casefold()
        if article in _ARTICLE_F:
            return "f"
        if article in _ARTICLE_M:
            return "m"
    names = [w for w in words if w[:1].isupper()]
    if len(names) >= 2:
        first = fold(names[0]).strip(".")
        if first in _FIRST_F or names[0].casefold() in _FIRST_F:
            return "f"
        if first in _FIRST_M or names[0].casefold() in _FIRST_M:
            return "m"
    if names:
        last = names[-1].casefold()
        if len(last) > 4 and _SLAVIC_SURNAME_F.search(last):
            return "f"
        if len(last) > 4 and _SLAVIC_SURNAME_M.search(last):
            return "m"
    return None


def is_first_name(word: str) -> bool:
    """Whether ``word`` is on our short lists of common first names ("Luc", "María", "Ekaterina")."""
    folded = fold(word).strip(".")
    return bool(folded) and (folded in _FIRST or word.casefold() in _FIRST)


def _title_gender(word: str) -> str | None:
    w = word.casefold().strip(".,")
    if w in _TITLES_F:
        return "f"
    if w in _TITLES_M:
        return "m"
    if _GERMAN_FEMALE_ROLE.match(word) and w not in _NOT_FEMALE_IN:
        return "f"
    return None


def compatible(a: str | None, b: str | None) -> bool:
    """Whether two genders may be the same person's (an unknown one is compatible with any)."""
    return a is None or b is None or a == b
