"""Attributions found by quotation marks and per-language cue lexicons: every language, no parse.

Covers ``“…”, X said`` / ``X said: “…”`` / ``X said that …`` / ``CONTENT, said X`` / ``according to X, …``
/ ``DESCRIPTION, Name, announced …`` and their French, German, Spanish, Italian, Russian and Czech
equivalents (:mod:`cues`; Russian and Czech verbs by stem, as they inflect). Speakers found this way are
trimmed of conjunctions, adverbs, weekdays and addressees (``Хотя украинские чиновники`` → ``украинские
чиновники``). A description and a name set off by commas before a cue ("El director de Navieras
Tamarit, Hugo Salvat, afirmó que …") speak what follows the cue; before this, the sentence was read as
``CONTENT, said X`` with the clause after the cue as the speaker. On the dev stories of
``tests/fixtures/compare`` this took voice F1 from 0.496 to 0.570 (test 0.622, unchanged; ADAQ test
unchanged: speaker 0.5924, content 0.8244; English goes through the parse, not these rules).

The grammar of reporting, beyond the cue next to its speaker:

* a second speech verb joined by "y"/"et"/"und"/"и"/"a" shares the subject of the first ("La ministra…,
  Ilse Maranek, prometió una investigación y dijo que …"), and a named subject right before a cue
  speaks its object ("Arbeitsministerin Paula Ostria sprach von …", "Министр … назвал решение …"; for
  Russian and Czech only when the cue ends like a verb, as stems also match nouns);
* French inverted pronouns are the speaker ("« … », a-t-elle lancé", "poursuit-il");
* a description after its cue takes the name that follows it ("aseguró el director de la agencia, Emil
  Varga"), and where and to whom it was said is not the speaker ("řekl pro ČTK mluvčí …", "заявил на
  брифинге глава …", "a déclaré à l'AFP le ministre");
* "according to" also with a pronoun ("по его словам", "podle něj"), as "jak uvedl X" / "как рассказал
  X", "Pour/Para Name, …", past a description after the name ("Selon Daria Voss, la dirigeante du
  syndicat, …"), and without a comma ("Podle mluvčí policie Jany Malé nehoda …", where the speaker ends
  with its capitalised words);
* a sentence that only names who said the one before attributes that one ("Das sagte X", "Об этом
  сообщил X", "Uvedl to X", "Ministr to oznámil", "Во вторник об этом заявил X"), and after a fronted
  phrase the German subject follows the verb;
* "as X said" also with an adverb or any speech verb at a sentence's start ("Jak dále uvedla mluvčí",
  "Как ранее сообщал X"), and by one's own words the subject speaks ("Ministr podle svých slov …").

* not reported speech: a French inverted verb outside an incise (a question: "pourquoi l'État n'a-t-il
  rien fait ?"), a sentence ending in its own question mark, the verb of a relative clause ("La portavoz,
  que pidió no ser citada, dijo …" is said by "La portavoz");
* the speaker after a cue stops before a relative clause ("se quejó un naviero que pidió …" → "un
  naviero") and a German dative after a name ("sagte Verbandschefin Irma Kolbe der Morgenpost"), is
  looked for after an object pronoun ("« … », nous a déclaré X"), and is unwritten when only a place
  follows ("dijo ante la entrada del Muelle 4"). These came from the demo corpus; claims dev voice F1
  was unchanged by them (0.833 with the voice rules of the same change).

With these (and the voice rules of :mod:`newsprism.compare.voices`) voice F1 on the dev stories went from
0.570 to 0.720 (recall 69 -> 94 of 97 gold pairs, precision 69/145 -> 94/164); with the later voice
rules (one common noun is no voice, one of a group speaks for it) 0.826 (recall 95/97, precision 95/133).
Scored once on test with the final code: voice F1 on the 4 test stories 0.622 -> 0.773; ADAQ (all test)
content F1 0.824 -> 0.847 (ru 0.813 -> 0.840, cs 0.836 -> 0.854) but speaker F1 0.592 -> 0.563 (ru
0.663 -> 0.611, cs 0.510 -> 0.506): the Russian and Czech speaker spans got worse, not better.
"""

from __future__ import annotations

import re

from newsprism.analyze.cues import (
    ACCORDING,
    COORDINATORS,
    CUE_STEMS,
    CUE_WORDS,
    FR_INVERTED_VERBS,
    OBJECT_PRONOUNS,
    PRONOUNS,
    SPEAKER_EDGE_WORDS,
    THAT_WORDS,
)
from newsprism.analyze.lexicons import TITLES, fold
from newsprism.analyze.quotemarks import (
    Attribution,
    QuoteMark,
    adjacent_mark,
    inside_mark,
    mark_before,
    trim_span,
)
from newsprism.datelines import parse_dateline
from newsprism.records import Sentence


def _cue_regex(language: str) -> re.Pattern[str]:
    words = sorted(CUE_WORDS.get(language, ()) + CUE_WORDS["en"], key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    stems = "|".join(re.escape(w) for w in sorted(CUE_STEMS.get(language, ()), key=len, reverse=True))
    if stems:
        alternatives = rf"(?:{stems})\w*|{alternatives}"
    if language == "fr":  # "a-t-elle lancé", "ajoute-t-il", "poursuit-elle": the pronoun is the speaker
        verbs = "|".join(re.escape(w) for w in sorted(FR_INVERTED_VERBS, key=len, reverse=True))
        inverted = rf"(?:a-t|ont|avait|avaient)-{_FR_SUBJECT}\s+\w+|(?:{verbs})(?:-t)?-{_FR_SUBJECT}"
        alternatives = rf"{inverted}|{alternatives}"
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


_FR_SUBJECT = r"(?:il|elle|ils|elles|on)"
_INVERTED_PRONOUN = re.compile(rf"-({_FR_SUBJECT})(?![\w-])", re.IGNORECASE)


def _inverted_pronoun(text: str, cue: tuple[int, int]) -> tuple[int, int] | None:
    """The subject pronoun written inside a French inverted cue ("a-t-elle lancé" → "elle")."""
    match = _INVERTED_PRONOUN.search(text, cue[0], cue[1])
    return match.span(1) if match else None


_CUE_RES: dict[str, re.Pattern[str]] = {}
_NAME = r"(?:[A-ZÀ-ÖØ-ÞА-ЯЁČŘŠŽĚ][\w'’.\-]*)"


def _cue_re(language: str) -> re.Pattern[str]:
    if language not in _CUE_RES:
        _CUE_RES[language] = _cue_regex(language)
    return _CUE_RES[language]


_WORD_SPAN = re.compile(r"[\w'’.\-]+")
_TITLE_WORDS = frozenset(fold(t).rstrip(".") for t in TITLES)
# a capitalised word with these endings is an adjective that opens the speaker ("Британские журналисты")
_ADJECTIVE_ENDINGS = ("ие", "ые", "ий", "ый", "ая", "ое", "ой", "яя", "ее", "ý", "á", "é", "í")


def _clean_speaker(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Trim a rule-found speaker: edge words (conjunctions, adverbs, weekdays, object pronouns) go, with
    the article or preposition of a weekday (``el lunes su sindicato`` → ``su sindicato``, ``mluvčí
    policie v pondělí`` → ``mluvčí policie``) and a Russian ``в`` before an organisation; an adverbial tail
    after the last capitalised word goes (``Президент Путин осенью`` → ``Президент Путин``) unless only the
    sentence's first word is capitalised (``Пресс-секретарь компании`` stays whole); a party in
    parentheses is kept to its ``)`` (``premiér Petr Fiala (ODS)``)."""
    if span is None:
        return None
    words = [(m.start(), m.end()) for m in _WORD_SPAN.finditer(text, span[0], span[1])]
    folded = [fold(text[a:b]) for a, b in words]
    while words:
        if folded[0] in SPEAKER_EDGE_WORDS:
            words, folded = words[1:], folded[1:]
        elif len(words) > 2 and folded[0] in _TIME_OPENERS and folded[1] in SPEAKER_EDGE_WORDS:
            words, folded = words[2:], folded[2:]  # "el lunes su sindicato", "в понедельник их профсоюз"
        elif len(words) > 1 and folded[0] in ("в", "во"):
            words, folded = words[1:], folded[1:]  # "В Velmar Rail заявили", "сообщили в пресс-службе МВД"
        else:
            break
    while words and (folded[-1] in SPEAKER_EDGE_WORDS or (len(words) > 1 and folded[-1] in _DANGLING)):
        words, folded = words[:-1], folded[:-1]  # "mluvčí policie v [pondělí]" → "mluvčí policie"
    party = _PARENTHESIS_END.search(text, words[0][0], words[-1][1] + 1) if words else None
    if party is not None:  # "premiér Petr Fiala (ODS)", "Vlastimil Válek (TOP 09)": kept to the ")"
        inside = [w for w in words if w[0] >= party.start()]
        words, folded = words[: len(words) - len(inside)], folded[: len(words) - len(inside)]
    caps = [i for i, (a, _) in enumerate(words) if text[a].isupper()]
    # only the first word capitalised: sentence case, not a name ("Les ingénieurs", "Пресс-секретарь
    # компании", "Mluvčí policie" stay whole)
    sentence_case = caps == [0]
    if caps and caps[-1] < len(words) - 1 and not sentence_case:
        last = text[words[caps[-1]][0] : words[caps[-1]][1]].casefold()
        # an opening capitalised adjective starts the speaker ("Британские журналисты"); a later word with
        # that ending is a surname ("mluvčí Jana Malá ve středu" → "mluvčí Jana Malá")
        after = folded[caps[-1] + 1].rstrip(".")
        # "Le Premier ministre": a title after the capitals is the head of the speaker, not a tail
        if (caps[-1] > 0 or not last.endswith(_ADJECTIVE_ENDINGS)) and after not in _TITLE_WORDS:
            words = words[: caps[-1] + 1]
    if not words:
        return None
    if party is not None:
        return words[0][0], party.end()
    end = words[-1][1]
    if text[end : end + 1] == ")" and "(" in text[words[0][0] : end]:
        end += 1  # "premiéra Petra Fialy (ODS) vláda …" cut after the capitals keeps the ")"
    return words[0][0], end


# a party or an affiliation in parentheses closing a speaker ("Petr Fiala (ODS)")
_PARENTHESIS_END = re.compile(r"\s\([^()\n,;.!?]{1,30}\)?$")


# prepositions left hanging at the end of a speaker once a weekday went ("mluvčí policie v")
_DANGLING = frozenset(["v", "ve", "na", "в", "во", "на", "am", "im", "le", "el", "on", "à", "a"])
# words that open a time phrase before a weekday ("el lunes", "am Montag", "в понедельник", "ve středu")
_TIME_OPENERS = frozenset(["el", "le", "am", "on", "this", "в", "во", "v", "ve"])


def _speaker_before(text: str, lo: int, cue_start: int, max_words: int = 8) -> tuple[int, int] | None:
    """The noun phrase ending right before a cue (``the ministry's spokesman said``), or a description
    and a name set off by commas (``El director de Navieras Tamarit, Hugo Salvat, afirmó``)."""
    appositive = _appositive_before(text, lo, cue_start)
    if appositive is not None:
        return appositive
    relative = _RELATIVE_BEFORE.search(text, lo, cue_start)
    if relative is not None and relative.start() > lo:
        cue_start = relative.start()  # "Un haut fonctionnaire, qui a requis l'anonymat, confirme …"
    chunk = text[lo:cue_start]
    # a full stop inside a word ("Novinky.cz") does not end what comes before
    stops = [chunk.rfind(c) for c in ',;:!?”»"“«—\n'] + [m.start() for m in re.finditer(r"\.(?!\w)", chunk)]
    cut = max(stops)
    s = lo + cut + 1 if cut >= 0 else lo
    s, e = trim_span(text, s, cue_start)
    audience = _AUDIENCE_BEFORE.search(text, s, e)
    if audience is not None and audience.start() > s:  # "Krátoška serveru Novinky.cz sdělil" → "Krátoška"
        e = audience.start()
    words = text[s:e].split()
    if not words or len(words) > max_words:
        return None
    return _clean_speaker(text, (s, e))


# a relative clause set off by commas between a subject and its cue ("Un haut fonctionnaire, qui a requis
# l'anonymat, confirme", "la portavoz, que llegó tarde, dijo", "the official, who asked not to be named, said")
_RELATIVE_BEFORE = re.compile(
    r",\s*(?:qui|que|quien|quienes|who|which|der|die|das|který|která|které|kteří|который|которая|которые)\s"
    r"[^,;:.!?«»“”\"\n]{1,80},\s*$",
    re.IGNORECASE,
)


# a relative pronoun after a comma, right before a cue: the cue is the verb of a relative clause
_RELATIVE_OPENER = re.compile(
    r",\s*(?:qui|que|quien|quienes|who|který|která|které|kteří|который|которая|которые)"
    r"(?:\s+(?:ne|n['’]|no|not|не))?\s*$",
    re.IGNORECASE,
)


# an outlet or audience between a speaker and its cue ("Jan Novák serveru iDNES.cz řekl", "Петров журналистам
# сказал")
_AUDIENCE_BEFORE = re.compile(
    r"\s(?:serveru|deníku|agentuře|televizi|rozhlasu|webu|listu|týdeníku|časopisu|ČTK|novinářům|médiím|"
    r"журналистам|агентству|изданию|газете|телеканалу|радиостанции|корреспонденту|reporters|journalists)\b"
)


def _appositive_before(text: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """``DESCRIPTION, Name Surname,`` right before a cue: the span of both (None when the text before the
    cue does not end that way)."""
    end = len(text[lo:cue_start].rstrip()) + lo
    if end <= lo or text[end - 1] != ",":
        return None
    chunk = text[lo : end - 1]
    cut = max(chunk.rfind(c) for c in ';:.!?”»"“«—\n')
    s, e = trim_span(text, lo + cut + 1 if cut >= 0 else lo, end - 1)
    parts = text[s:e].split(",")
    if len(parts) == 3 and parts[2].strip()[:1].islower() and len(parts[2].split()) <= 10:
        # "Le ministre, Bertrand Alaix, arrivé jeudi à Montclair, a promis": a description after the name
        e = trim_span(text, s, s + len(parts[0]) + 1 + len(parts[1]))[1]
        parts = parts[:2]
    if len(parts) != 2 or not 1 <= len(parts[0].split()) <= 8:
        return None
    name = parts[1].split()
    if not 2 <= len(name) <= 4 or not all(w[:1].isupper() for w in name):
        return None
    return s, e


def _speaker_after(
    text: str, cue_end: int, hi: int, max_words: int = 8, language: str = ""
) -> tuple[int, int] | None:
    """The noun phrase right after a cue (``said the minister.``, ``заявил Путин``), past where and to whom
    it was said (``řekl pro ČTK mluvčí policie``, ``заявил на брифинге глава МИД``)."""
    s = _past_setting(text, cue_end, hi, language)
    match = re.match(r"(?:[^,;:.!?\n«»“”\"]|\.(?=\w)){1,120}", text[s:hi])
    if not match:
        return None
    s, e = trim_span(text, s, s + match.end())
    prep = re.match(r"(?:в|во|на|по)\s+(?:интервью|эфире|беседе|заявлении|обращении)\s+\S+\s+", text[s:e])
    if prep:
        s += prep.end()
    for stop in _SPEAKER_STOP.finditer(text, s, e):
        place_in_description = (
            stop.group(1).casefold() in _PLACE_WORDS
            and _NAME_PAIR.search(text, stop.end(), e) is not None
            and not any(w[:1].isupper() for w in text[s : stop.start()].split())
        )
        if place_in_description:
            continue  # "ředitel nemocnice v Motole Jan Novák": a place inside a description, then the name
        e = stop.start()
        break
    if language == "de":
        e = _before_addressee(text, s, e)
    for joined in _JOINED.finditer(text, s, e):  # "řekl premiér a dodal, že …" → "premiér"
        if language and _cue_re(language).match(text, joined.end()):
            e = joined.start()
            break
    first = _WORD_SPAN.match(text, s)
    if first and _subject_pronoun(first.group(0), language):
        e = first.end()  # "сказал он журналистам" → "он"
    words = text[s:e].split()
    if not words or len(words) > max_words or not any(ch.isalpha() for ch in words[0]):
        return None  # "dijo ante la puerta de la Terminal 3": what is left after the setting names nobody
    if fold(words[0]) in _NO_SUBJECT_OPENERS.get(language, ()):
        return None  # "dijo ante la entrada del Muelle 4": a place, and the speaker unwritten
    span = _clean_speaker(text, (s, e))
    return _with_name_after(text, span, hi) if span is not None else None


_DATIVE_DER = re.compile(r"\s(?:der|dem)\s+(?=[A-ZÄÖÜ])")


def _before_addressee(text: str, s: int, e: int) -> int:
    """Where a German speaker after its cue ends before the one it spoke to: "sagte Verbandschefin Irma
    Kolbe der Morgenpost" → "Verbandschefin Irma Kolbe". After a name (two capitalised words or more and
    no lower-case word) "der" + a capitalised word is a dative (a genitive would follow a common noun:
    "eine Sprecherin der Stadt" stays whole)."""
    found = _DATIVE_DER.search(text, s, e)
    if found is None:
        return e
    words = text[s : found.start()].split()
    return found.start() if len(words) >= 2 and all(w[:1].isupper() for w in words) else e


# where and to whom something was said, between a cue and its speaker: a preposition, a determiner, a
# word and maybe an outlet's name ("pro server iDNES.cz", "на брифинге", "à l'AFP", "en rueda de prensa")
_SETTING_PREPOSITIONS = {
    "ru": "в|во|на|с|со|по",
    "cs": "pro|v|ve|na|při|po|s|se",
    "fr": "à|au|aux|dans|devant|lors",
    "es": "a|al|ante|en|durante",
}
_OUTLET_WORD = r"(?:\S*[A-ZА-ЯЁČŘŠŽ]\S*|[«„“\"][^»“”\"]{1,40}[»“”\"])"
# an outlet or agency in the dative with no preposition ("řekl ČTK", "сказал ТАСС", "рассказал «Известиям»")
_DATIVE_OUTLET = re.compile(
    r"(?:[A-ZА-ЯЁČŘŠŽ]{2,6}|РИА Новости|[«„“\"][^»“”\"]{1,40}[»“”\"]|Novinkám|Právu|Интерфаксу)\s+"
    r"(?=[a-zа-яёěščřžýáíéůúó]|[A-ZА-ЯЁČŘŠŽ][a-zа-яёěščřžýáíéůú])"
)


_SETTING_RES: dict[str, re.Pattern[str]] = {}


def _setting_re(language: str) -> re.Pattern[str] | None:
    preps = _SETTING_PREPOSITIONS.get(language)
    if preps is None:
        return None
    if language not in _SETTING_RES:
        _SETTING_RES[language] = re.compile(
            rf"\s*(?:(?i:{preps})\s+(?:(?:la|le|les|el|los|las|l['’]|un|une|una|d['’]une?|de\s+la|du|своем|своём|своей|svém|své|jeho|её|его)\s*)?"
            rf"[\w.\-'’]+(?:\s+de\s+[\w\-]+)?(?:\s+(?:de\s+)?{_OUTLET_WORD})?|{_DATIVE_OUTLET.pattern})\s*"
        )
    return _SETTING_RES[language]


def _past_setting(text: str, start: int, hi: int, language: str) -> int:
    """Where the speaker starts after a cue: past up to three phrases of setting or audience
    ("řekl v pondělí pro ČTK mluvčí …" → "mluvčí …"), when a word is left after them."""
    setting = _setting_re(language)
    if setting is None:
        return start
    pos = start
    for _ in range(3):
        match = setting.match(text, pos, hi)
        if match is None or not re.match(r"\s*\w", text[match.end() : hi]):
            break
        pos = match.end()
    return pos


# prepositions that cannot open the subject written after a cue
_NO_SUBJECT_OPENERS = {
    "es": frozenset("del al de a en con por para ante desde sobre tras".split()),  # noqa: SIM905
    "fr": frozenset("du au aux à dans avec pour par sur devant".split()),  # noqa: SIM905
    "it": frozenset("del della al alla nel nella con per su".split()),  # noqa: SIM905
}
_JOINED = re.compile(r"\s(?:a|i|и|y|e|et|und|and)\s+", re.IGNORECASE)
# ", Emil Varga." / ", Marek Lind, quien …": a name of two to four capitalised words closing an apposition
_NAME_AFTER = re.compile(rf"\s*,\s*({_NAME}(?:\s+{_NAME}){{1,3}})(?=\s*(?:[,.;!?]|$))")


def _with_name_after(text: str, span: tuple[int, int], hi: int) -> tuple[int, int]:
    """A description found after its cue takes the name that follows it between commas
    ("aseguró el director de la agencia, Emil Varga" → "el director de la agencia, Emil Varga")."""
    if not any(w[:1].islower() for w in text[span[0] : span[1]].split()):
        return span  # already a name: "dijo Ana Ruiz, la portavoz" keeps "Ana Ruiz"
    match = _NAME_AFTER.match(text[:hi], span[1])
    if match is None:
        return span
    end = match.end(1)
    while text[end - 1] == "." and not re.search(r"(?:^|\s)\w\.$", text[match.start(1) : end]):
        end -= 1  # the full stop that ends the sentence, not an initial's
    return span[0], end


def _subject(text: str, lo: int, hi: int, max_words: int = 8) -> tuple[int, int] | None:
    """The subject that opens ``text[lo:hi]``: a description and a name set off by commas ("La ministra de
    Transportes, Ilse Maranek,"), or the words up to the end of the first run of capitalised words after
    the first word ("Le syndicaliste Bruno Carrizo", "Министр торговли Дравены Петар Ослич"), or a lone
    capitalised first word followed by a lower-case one ("Haman pidió …"). None when no such subject."""
    comma = text.find(",", lo, hi)
    if comma >= 0:
        second = text.find(",", comma + 1, hi)
        if second >= 0:
            appositive = _appositive_before(text, lo, second + 1)
            if appositive is not None:
                return appositive
    words = [(m.start(), m.end()) for m in _WORD_SPAN.finditer(text, lo, hi)]
    if not words:
        return None
    upper = [text[a].isupper() for a, _ in words]
    first = next((i for i in range(1, len(words)) if upper[i]), None)
    if first is None:
        if not upper[0] or fold(text[words[0][0] : words[0][1]]) in _DETERMINERS:
            return None
        end = 0
    else:
        end = first
        while end + 1 < len(words) and upper[end + 1]:
            end += 1
    if end + 1 > max_words or re.search(r"[.;:!?«»“”\"]", text[words[0][0] : words[end][1]]):
        return None
    start = words[0][0]
    comma = text.rfind(",", start, words[end][0])
    if comma >= 0:  # "Ayer, el ministro Pedro Ruiz …": the subject starts after the comma
        start = comma + 1
    return _clean_speaker(text, trim_span(text, start, words[end][1]))


# determiners and demonstratives that cannot be a subject alone ("Das sagte …", "Esto dijo …")
_DETERMINERS = frozenset(
    """
    le la les l un une des ce cela ceci el los las lo una unos unas esto eso ello der die das ein eine
    dies dieser diese dieses the a an this that it il gli это то эти этот все to toto tím
    """.split()  # noqa: SIM905
)


def _coordinated_subject(text: str, lo: int, cue: tuple[int, int], language: str) -> tuple[int, int] | None:
    """For a cue joined to an earlier verb ("Ilse Maranek prometió una investigación y dijo que …",
    "a promis une enquête et a déclaré que …"): the subject of the sentence, which speaks."""
    cue_start = cue[0]
    if not _verb_like(text[cue[0] : cue[1]].split()[-1], language):
        return None
    words = COORDINATORS.get(language, ()) + COORDINATORS["en"]
    joined = re.search(
        r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")\s+$", text[lo:cue_start], re.IGNORECASE
    )
    if joined is None:
        return None
    before = lo + joined.start()
    subject = _subject(text, lo, before)
    if subject is None or subject[1] >= before - 1:
        return None  # "Ana y Pedro dijeron": the coordinator joins the subjects, not two verbs
    return subject


# "admitió a La Brújula, a condición de no ser identificado, que …", "a confié à l'AFP, sous couvert
# d'anonymat, que …": an addressee and an aside between commas before the clause
_INCISE_THAT = re.compile(
    r"(?:\s+(?:a|al|à|au|ante|auprès\s+de|a\s+la|alla|ao|à\s+la)\s+[^,.;:!?«»“”\"]{1,40})?"
    r"\s*,\s*[^,.;:!?«»“”\"]{3,60},\s*(?:que|qu['’]|che)\s*",
    re.IGNORECASE,
)
_ROMANCE = frozenset(["es", "fr", "it", "pt", "ca", "ro"])
# an object noun phrase (article first) between a cue and ", que|qui|che": the "que" is a relative pronoun
_RELATIVE_AFTER_OBJECT = re.compile(
    r"\s+(?:un|una|unos|unas|el|la|los|las|le|les|une|des|il|lo|gli|uno|um|uma|o|os|as)\s+\w+", re.IGNORECASE
)
_TIME_NOUN = re.compile(
    r"\b(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|día|dia|jour|giorno|semana|semaine|"
    r"settimana|mes|mois|mese|año|an|année|anno|mañana|matin|mattina|tarde|soir|sera|noche|nuit|notte|"
    r"pasado|dernier|dernière|scorso)\b",
    re.IGNORECASE,
)
_COLON_AFTER_CUE = re.compile(r"(?:\s+[^\s.,;:!?«»“”\"]+){0,3}?\s*[:,]\s+")
# words that end a speaker found after its cue: prepositions that start a place or an addressee
_SPEAKER_STOP = re.compile(
    r"\s(in|at|on|to|from|à|au|aux|en|dans|devant|bei|im|am|vor|gegenüber|ante|в|во|на|перед|"
    r"v|ve|při|během|po|lors|pendant|après|durante|tras|während|nach|после|"
    r"novinářům|reportérům|médiím|изданию|агентству|корреспонденту|"
    r"журналистам|репортерам|reporters|journalists|journalistes|periodistas|dem|"
    r"der\s+(?:Zeitung|Nachrichtenagentur|Agentur|Deutschen\s+Presse-Agentur|dpa|Presse)|"
    # a relative clause about the speaker is not part of its name ("un naviero que pidió …", "who asked")
    r"que|quien|quienes|qui|who|whom|which|che|который|которая|которое|которые|který|která|které|kteří)"
    r"(?:\s|$)",
    re.IGNORECASE,
)
# prepositions of place: a description may hold one before the name it ends with
_PLACE_WORDS = frozenset(["in", "at", "à", "en", "dans", "bei", "im", "am", "в", "во", "на", "v", "ve"])
_NAME_PAIR = re.compile(rf"{_NAME}\s+{_NAME}")


def from_rules(
    text: str, sentences: list[Sentence], marks: list[QuoteMark], language: str
) -> list[Attribution]:
    """Attributions from quotation marks and cue lexicons (any language): per sentence, an "according to"
    source first, else the first cue that reads as one (see the module docstring)."""
    grammar = _Grammar(text, sentences, marks, language)
    out: list[Attribution] = []
    for index in range(len(sentences)):
        found = grammar.according(index) or grammar.cued(index)
        if found is not None:
            out.append(found)
    return out


# "podle svých slov", "по своим словам": by the subject's own words
_OWN = frozenset(["svých", "своим", "seinen", "sus"])


def _own_words(text: str, acc: re.Match[str], following: re.Match[str] | None) -> int:
    """Where the words after "by one's own words" start ("podle svých [slov]", "по своим словам"), or 0."""
    if any(w.casefold() in _OWN for w in text[acc.start() : acc.end()].split()):
        return acc.end()
    if following is not None and following.group(0).casefold() in _OWN:
        return following.end()
    return 0


# "jak dále uvedla", "как ранее сообщал": an adverb may come between "as" and its verb
_AS_ADVERBS = r"(?:dále|také|již|už|rovněž|ještě|dříve|ранее|уже|также|еще|ещё|позже)"


_AS_WORDS = {"ru": "как", "cs": "jak"}


def _as_said(pattern: str) -> str:
    """An escaped "jak uvedl" / "как сообщил" that also matches with an adverb after "jak"/"как"."""
    for word in ("jak", "как"):
        if pattern.startswith(word + r"\ "):
            return rf"{word}(?:\s+{_AS_ADVERBS})?\s+{pattern[len(word) + 2 :]}"
    return pattern


class _Grammar:
    """The per-language patterns of one text, and the readings of its sentences."""

    def __init__(self, text: str, sentences: list[Sentence], marks: list[QuoteMark], language: str) -> None:
        self.text, self.sentences, self.marks, self.language = text, sentences, marks, language
        self.cue_re = _cue_re(language)
        that_words = THAT_WORDS.get(language, ()) + THAT_WORDS["en"]
        according = sorted(ACCORDING.get(language, ()) + ACCORDING["en"], key=len, reverse=True)
        # "d'après-midi" is not "d'après"; German "so" means "according to" only after a comma (", so Weber")
        alternatives = [_as_said(re.escape(a)) for a in according if a != "so"]
        stems = CUE_STEMS.get(language, ())
        self.as_said_re: re.Pattern[str] | None = None
        if (
            language in _AS_WORDS and stems
        ):  # "Как ранее сообщал X, …", "Jak dále upozornil X, …" open a sentence
            verbs = "|".join(re.escape(w) for w in sorted(stems, key=len, reverse=True))
            self.as_said_re = re.compile(
                rf"{_AS_WORDS[language]}(?:\s+{_AS_ADVERBS})?\s+(?:{verbs})\w*(?![\w-])", re.IGNORECASE
            )
        self.according_re = re.compile(
            r"(?<![\w-])(?:"
            + "|".join(alternatives)
            + r")(?![\w-])"
            + (r"|(?<=,\s)so(?=\s)" if "so" in according else ""),
            re.IGNORECASE,
        )
        # a short adverbial may sit between the cue and its clause ("заявил в понедельник, что …",
        # "a déclaré lundi que …", "sagte am Montag, die …")
        self.that_re = re.compile(
            r"(?:\s+[^\s.,;:!?«»“”\"]+){0,3}?\s*,?\s*(?:"
            + "|".join(re.escape(w) for w in that_words)
            + r")\b\s*",
            re.IGNORECASE,
        )

    def in_mark(self, pos: int) -> bool:
        return inside_mark(self.marks, pos)

    def _relative_after_object(self, after_cue: str) -> bool:
        """Whether the "that" after a cue is a relative pronoun after the cue's object ("anunció un plan,
        que incluye recortes": the plan includes them), not the opening of what was said ("a déclaré
        lundi que", "dijo el martes, que")."""
        found = self.that_re.match(after_cue) if self.language in _ROMANCE else None
        if found is None:
            return False
        gap = after_cue[: found.end()].split(",")
        return len(gap) > 1 and bool(_RELATIVE_AFTER_OBJECT.match(gap[0])) and not _TIME_NOUN.search(gap[0])

    # ----------------------------------------------------------------------------------- according to

    def according(self, index: int) -> Attribution | None:
        """ "according to X, …" / "…, selon X" / "Pour Name, …" / "по его словам, …" in sentence ``index``."""
        text, language = self.text, self.language
        s0, s1 = self.sentences[index].start, self.sentences[index].end
        accs = list(self.according_re.finditer(text, s0, s1))
        leading = _FOR_SPEAKER.match(text, s0) if language in ("fr", "es") else None
        as_said = self.as_said_re.match(text, s0) if self.as_said_re is not None else None
        if as_said is not None and not any(a.start() == s0 for a in accs):
            accs.insert(0, as_said)
        for acc in [leading, *accs] if leading else accs:
            if self.in_mark(acc.start()):
                continue
            inner = [
                w for w in _WORD_SPAN.finditer(text, acc.start(), acc.end()) if _object_pronoun(w, language)
            ]
            following = _WORD_SPAN.match(text, acc.end() + 1)
            speaker: tuple[int, int] | None
            if inner:  # "по его словам, …": the pronoun inside the phrase is the source
                speaker = inner[0].span()
            elif following and _object_pronoun(following, language):  # "podle něj", "selon lui"
                speaker = following.span()
            elif own := _own_words(text, acc, following):  # "Ministr podle svých slov …", "по своим словам"
                speaker = _subject(text, s0, acc.start())
                noun = re.match(r"\s*\w+", text[own:s1]) if own != acc.end() else None  # "slov"
                rest = _clause(text, own + (noun.end() if noun else 0), s1)
                if speaker is not None and rest is not None:
                    return Attribution(rest, speaker, (acc.start(), acc.end()), False)
                continue
            else:
                speaker = _speaker_after(text, acc.end(), s1, language=language)
            if speaker is None:
                continue
            named = text[speaker[0] : speaker[1]].split()
            if acc is leading and (len(named) < 2 or not all(w[:1].isupper() for w in named)):
                continue  # "Pour la première fois, …" names nobody, "Pour Dravena, …" is a country's lot
            closed = speaker[1] < s1 - 1 and text[speaker[1] : speaker[1] + 1] in ","
            set_off = text[s0 : acc.start()].rstrip().endswith((",", "(", "—", "–"))
            if not set_off and (not closed or acc.start() - s0 >= 3):
                # no comma closes the speaker ("Laut Minister Karl Weber ist die Lage …"), or no comma sets
                # it off and the sentence goes on ("…waren nach Angaben des Auswärtigen Amts auch vier …"):
                # keep the name
                speaker = _name_phrase(text, speaker)
            tail = None
            if acc.start() - s0 < 3:
                start = _past_description(text, speaker, s1) if not inner else acc.end()
                content = _clause(text, start, s1) or (s1, s1)
            else:
                content = trim_span(text, _past_dateline(text, s0, acc.start()), acc.start())
                # "Nehoda podle policie nikoho nezranila": the words after the source are said too
                tail = _clause(text, max(speaker[1], acc.end()), s1)
            if tail is not None and tail[1] - tail[0] + content[1] - content[0] > 8:
                att = Attribution(content, speaker, (acc.start(), acc.end()), False)
                att.extend(tail)
                return att
            if content[1] - content[0] > 8:
                return Attribution(content, speaker, (acc.start(), acc.end()), False)
        return None

    # ------------------------------------------------------------------------------------------- cues

    def cued(self, index: int) -> Attribution | None:
        """The first cue of sentence ``index`` that reads as an attribution, and what it attributes."""
        s0, s1 = self.sentences[index].start, self.sentences[index].end
        for cue in self.cue_re.finditer(self.text, s0, s1):
            if self.in_mark(cue.start()):
                continue
            found, stop = self._reading(index, cue.span())
            if found is not None or stop:
                return found
        return None

    def _reading(self, index: int, cue: tuple[int, int]) -> tuple[Attribution | None, bool]:
        """(the attribution a cue makes, whether to stop looking at the sentence's later cues)."""
        text, language = self.text, self.language
        s0, s1 = self.sentences[index].start, self.sentences[index].end
        cs, ce = cue
        back = _anaphoric(text, s0, cue, s1, language)
        if back is not None:  # "Das sagte X." / "Об этом сообщил X." / "Uvedl to X.": the sentence before
            return self._pointing_back(index, cue, _speaker_after(text, back, s1, language=language)), True
        pointer = _BACK_AFTER_SUBJECT.get(language)
        said_it = pointer.search(text, s0, cs) if pointer is not None else None
        if said_it is not None and said_it.end() == len(text[:cs].rstrip()):  # "Ministr to oznámil …"
            subject = _subject(text, s0, said_it.start())
            if subject is not None and not text[subject[1] : said_it.start()].strip():
                return self._pointing_back(index, cue, subject), True
        if language == "de" and _V2_OPENER.match(text, s0, cs):
            # "Am Montag sagte Weber, die Lage sei ernst": after a fronted phrase the subject follows
            speaker = _speaker_after(text, ce, s1, language=language)
            if speaker is not None and text[speaker[1] : speaker[1] + 1] == ",":
                lead = self.that_re.match(text, speaker[1], s1)
                clause = _clause(text, lead.end() if lead else speaker[1], s1)
                if clause is not None:
                    return Attribution(clause, speaker, cue, False), True
        relative = _RELATIVE_OPENER.search(text, s0, cs)
        if relative is not None:  # the verb of a relative clause: "X, qui a déclaré …", "X, que pidió …"
            return self._relative_reading(index, cue, relative.start())
        pronoun = _inverted_pronoun(text, cue) if language == "fr" else None
        if pronoun is not None and not _incise(text, s0, cs):
            # "pourquoi l'État n'a-t-il rien fait ?": an inverted verb outside an incise is a question
            return None, False
        # "… prometió una investigación y dijo que …": the subject of the first verb speaks
        coordinated = _coordinated_subject(text, s0, cue, language)
        mark = adjacent_mark(text, self.marks, cs, ce) or _mark_closing_before(text, self.marks, s0, cs)
        if mark is not None:
            if mark.end <= cs:  # “…”, X said / “…”, said X / « … », a-t-elle lancé
                between = _speaker_between(text, mark.end, cs)
                if between is not None and _clitic_object(text[between[0] : between[1]], language):
                    between = None  # "« … », nous a déclaré Sophie Randal": to us, said Sophie Randal
                speaker = pronoun or between or _speaker_after(text, ce, s1, language=language)
            else:  # X said: “…”
                speaker = coordinated or _speaker_before(text, s0, cs)
            return Attribution((mark.start, mark.end), speaker, cue, True), True
        if self._question(index):  # "¿Dijo el ministro que …?": a question reports nothing said
            return None, True
        speaker = coordinated or _speaker_before(text, s0, cs)
        lead = (
            None
            if self._relative_after_object(text[ce:s1])
            else self.that_re.match(text[ce:s1])
            or _INCISE_THAT.match(text[ce:s1])  # before the colon rule: it would stop at the first comma
            or _COLON_AFTER_CUE.match(text[ce:s1])
        )
        if speaker and lead:
            clause = _clause(text, ce + lead.end(), s1)
            if clause is not None:
                return Attribution(clause, speaker, cue, False), True
        # "La ministre, Ilse Maranek, a annoncé …" / "… et a promis …" / "Le syndicaliste Bruno
        # Carrizo dénonce un « échec »": a subject right before the cue speaks what follows it
        subject = _appositive_before(text, s0, cs) or coordinated or _subject_of(text, s0, cue, language)
        if subject is not None:
            clause = _clause(text, ce, s1)
            return (Attribution(clause, subject, cue, False), True) if clause is not None else (None, False)
        # inverted: "CONTENT, said X." / "CONTENT, заявил Путин." / "CONTENT, ajoute-t-il."
        before = text[s0:cs].rstrip()
        if before.endswith((",", "—", "–", "-")) and len(before.split()) >= 4:
            after = pronoun or _speaker_after(text, ce, s1, language=language)
            if after is not None:
                content = trim_span(text, _past_dateline(text, s0, cs), s0 + len(before))
                return Attribution(content, after, cue, False), True
        return None, False

    def _relative_reading(
        self, index: int, cue: tuple[int, int], comma: int
    ) -> tuple[Attribution | None, bool]:
        """A cue that is the verb of a relative clause: when the sentence has a later cue, that one is the
        main verb ("La portavoz, que pidió no ser citada, dijo que …"); else the noun the clause hangs on
        speaks ("Выступил Петров, который заявил, что …")."""
        text = self.text
        s0, s1 = self.sentences[index].start, self.sentences[index].end
        cs, ce = cue
        later = self.cue_re.search(text, ce, s1)
        if later is not None and not self.in_mark(later.start()):
            return None, False
        speaker = _antecedent(text, _speaker_before(text, s0, comma))
        if speaker is None:
            return None, False
        mark = adjacent_mark(text, self.marks, cs, ce)
        if mark is not None and mark.start >= ce:
            return Attribution((mark.start, mark.end), speaker, cue, True), True
        lead = (
            None
            if self._relative_after_object(text[ce:s1])
            else self.that_re.match(text[ce:s1]) or _COLON_AFTER_CUE.match(text[ce:s1])
        )
        clause = _clause(text, ce + lead.end(), s1) if lead else None
        return (Attribution(clause, speaker, cue, False), True) if clause is not None else (None, False)

    def _question(self, index: int) -> bool:
        """Whether sentence ``index`` ends with a question mark of its own (not inside a quotation)."""
        s0, s1 = self.sentences[index].start, self.sentences[index].end
        body = self.text[s0:s1].rstrip()
        return body.endswith("?") and not self.in_mark(s0 + len(body) - 1)

    def _pointing_back(
        self, index: int, cue: tuple[int, int], speaker: tuple[int, int] | None
    ) -> Attribution | None:
        """The sentence before, said by ``speaker`` (None for a text's first sentence)."""
        if index == 0:
            return None
        text = self.text
        p0, p1 = self.sentences[index - 1].start, self.sentences[index - 1].end
        previous = _clause(text, _past_dateline(text, p0, p1), p1)
        if previous is None or speaker is None or self.in_mark(previous[0]):
            return None
        return Attribution(previous, speaker, cue, False)


_ARTICLES = frozenset("the a an le la les l un une el los las unos unas der die das den dem ein eine".split())  # noqa: SIM905


def _antecedent(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """The noun phrase a relative clause hangs on, at the end of ``span`` ("Le préfet a reçu les maires"
    → "les maires", "выступил министр Петров" → "министр Петров"): from its last article, else from the
    word before its last run of capitalised words; a span of two words is kept."""
    if span is None:
        return None
    words = [(m.start(), m.end()) for m in _WORD_SPAN.finditer(text, span[0], span[1])]
    if len(words) <= 2:
        return span
    articles = [i for i, (a, b) in enumerate(words) if fold(text[a:b]) in _ARTICLES]
    if articles and articles[-1] < len(words) - 1:
        return words[articles[-1]][0], span[1]
    caps = [i for i, (a, _) in enumerate(words) if i and text[a].isupper()]
    if caps:
        first = caps[-1]
        while first - 1 in caps:
            first -= 1
        return words[max(0, first - 1)][0], span[1]
    return words[-2][0], span[1]


def _name_phrase(text: str, speaker: tuple[int, int]) -> tuple[int, int]:
    """An "according to" speaker that no comma closes, cut after the capitalised words it opens with
    (a description may come first): "mluvčí policie Jany Malé nehoda …" → "mluvčí policie Jany Malé",
    "Minister Karl Weber ist …" → "Minister Karl Weber"; with no capitalised word, its first word
    ("policie")."""
    words = list(_WORD_SPAN.finditer(text, speaker[0], speaker[1]))
    first = next((i for i, w in enumerate(words) if w.group(0)[:1].isupper()), None)
    if first is None:
        return (speaker[0], words[0].end()) if len(words) > 2 else speaker
    end = first
    for i in range(first + 1, len(words)):
        word = words[i].group(0)
        if word[:1].isupper():
            end = i
        elif fold(word) not in _LINKS:
            break
    if end == len(words) - 1:
        return speaker
    stop = words[end].end()
    return speaker[0], stop + 1 if text[stop : stop + 1] == ")" else stop  # "Petra Fialy (ODS)"


# lower-case words inside a name phrase ("einer Sprecherin der Stadt", "le ministre de l'Intérieur")
_LINKS = frozenset(["der", "des", "von", "vom", "de", "du", "del", "la", "l", "le", "d", "della", "di"])
# "Pour Lena Sorvik, …" / "Para Julia Montes, …" at the start of a sentence: the view of the person named
_FOR_SPEAKER = re.compile(r"(?:Pour|Para)(?=\s+[A-ZÀ-ÖØ-Þ])")
# ", la dirigeante du syndicat, " after a name: a description of the speaker, not what was said
_DESCRIPTION_AFTER = re.compile(r"\s*,\s*([^,;:.!?«»“”\"]{3,80}?)\s*,\s*")


def _past_description(text: str, speaker: tuple[int, int], hi: int) -> int:
    """Where the content starts after an "according to" speaker that is a name: past a description set
    off by commas ("Selon Daria Voss, la dirigeante du syndicat, les pilotes …" → "les pilotes …")."""
    if not all(w[:1].isupper() for w in text[speaker[0] : speaker[1]].split()):
        return speaker[1]
    match = _DESCRIPTION_AFTER.match(text[:hi], speaker[1])
    if match is None or not match.group(1)[:1].islower() or len(match.group(1).split()) > 8:
        return speaker[1]
    return match.end() if len(text[match.end() : hi].split()) >= 3 else speaker[1]


# Russian and Czech cues are matched by stem, which also catches nouns ("сообщения", "prohlášení",
# "mluvčí"): a subject takes a cue only when it ends like a verb
_VERB_ENDINGS = {
    "ru": ("л", "ла", "ли", "ло", "ет", "ёт", "ит", "ют", "ят", "ут", "ат", "лся", "лась", "лись", "ся"),
    "cs": ("l", "la", "li", "lo", "í", "á", "je", "jí", "ají", "í"),
}
_NOUN_ENDINGS = {"cs": ("ní", "čí")}


def _verb_like(word: str, language: str) -> bool:
    word = word.casefold()
    if word.endswith(_NOUN_ENDINGS.get(language, ())):
        return False
    endings = _VERB_ENDINGS.get(language)
    return endings is None or word.endswith(endings)


# what points back at the sentence before, said by a speaker after the cue: "Das sagte …",
# "Об этом сообщил …", "C'est ce qu'a déclaré …", "Así lo afirmó …" (before the cue), "Uvedl to …",
# "Informoval o tom …" (after it)
# a time or place phrase may open the sentence first ("V pondělí to oznámil …", "Во вторник об этом …")
_RU_OPENER = r"(?:(?:В|Во|На|По|После|Ранее|Позже|Сегодня|Вчера|Также)\s[^,.;:!?]{0,40}?\s)?"
_CS_OPENER = r"(?:(?:V|Ve|Na|Po|Při|Během|Dnes|Včera|Později|Následně|Rovněž|Také)\s[^,.;:!?]{0,40}?\s)?"
_BACK_BEFORE = {
    "de": re.compile(r"(?:Das|Dies|Dazu|Darüber)\s*$"),
    "ru": re.compile(rf"{_RU_OPENER}(?:[Оо]б этом)(?:\s+(?:также|же|уже|ранее|тоже))?\s*$"),
    "fr": re.compile(r"C['’]est ce qu['’]\s*$"),
    "es": re.compile(r"Así lo\s*$"),
    "cs": re.compile(rf"{_CS_OPENER}(?:[Tt]o|o tom)\s*$"),
}
_BACK_AFTER = {"cs": re.compile(r"\s+(?:to|o tom)\b")}
# a subject, then what points back, then the cue: "Ministr to oznámil …", "Министр об этом заявил …"
_BACK_AFTER_SUBJECT = {"cs": re.compile(r"\s(?:to|o tom)(?=\s*$)"), "ru": re.compile(r"\s[Оо]б этом(?=\s*$)")}
# a fronted phrase that is not the subject: a preposition and its object, or an adverb ("Am Montag sagte …")
_V2_OPENER = re.compile(
    r"(?:(?:Am|Im|In|Nach|Bei|Auf|Vor|Seit|Mit|Zum|Zur|Für|Gegenüber|Bereits|Zudem|Außerdem|Dann|Heute|"
    r"Gestern|Später|Dabei|Danach|Allerdings|Jedoch|Auch|Zuvor|Zuletzt|Zugleich|Anschließend|Weiter)\b"
    r"[^,;:.!?]{0,40})\s*$"
)


def _anaphoric(text: str, lo: int, cue: tuple[int, int], hi: int, language: str) -> int | None:
    """Where the speaker starts when the sentence only says who said the sentence before it, else None."""
    before = _BACK_BEFORE.get(language)
    if before is not None and before.fullmatch(text, lo, cue[0]) and cue[0] > lo:
        return cue[1]
    after = _BACK_AFTER.get(language)
    if after is not None and not text[lo : cue[0]].strip():
        match = after.match(text, cue[1], hi)
        if match:
            return match.end()
    return None


# what stands before a French incise: the end of a quotation, a comma or a dash ("« … », ajoute-t-il",
# "Il faut agir, poursuit-elle")
_INCISE_BEFORE = re.compile(r"[,«»“”\"—–-]\s*$")


def _incise(text: str, lo: int, cue_start: int) -> bool:
    """Whether a French inverted cue stands as an incise after what was said, the only place where the
    subject follows a speech verb; elsewhere inversion makes a question ("pourquoi l'État n'a-t-il …")."""
    return _INCISE_BEFORE.search(text, lo, cue_start) is not None and cue_start > lo


def _mark_closing_before(text: str, marks: list[QuoteMark], lo: int, cue_start: int) -> QuoteMark | None:
    """A quotation of any length that only a comma or a dash parts from the cue ("«Это провокация», —
    написал …"), or nothing when it closes on its own stop ("„Skandál!“ napsal …"), within the sentence."""
    i = mark_before(marks, cue_start)
    while i >= 0 and marks[i].end > cue_start:
        i -= 1
    if i < 0 or marks[i].start < lo:
        return None
    m = marks[i]
    closed = text[m.start : m.end].rstrip("\"”»“'’ ")[-1:] in ("!", "?", ",", ".", "…")  # „Skandál!“ napsal
    if _CLOSING_GAP.fullmatch(text, m.end, cue_start) or (closed and not text[m.end : cue_start].strip()):
        return m
    return None


_CLOSING_GAP = re.compile(r"\s*[,.!?]?\s*[—–-]{1,2}\s*|\s*,\s*")


def _subject_of(text: str, lo: int, cue: tuple[int, int], language: str) -> tuple[int, int] | None:
    """The sentence's subject when the cue follows it directly ("Arbeitsministerin Paula Ostria sprach
    von …", "Путин заявил о …"); None when other words come between or the cue is not a verb."""
    cue_start = cue[0]
    if not _verb_like(text[cue[0] : cue[1]].split()[-1], language):
        return None
    subject = _subject(text, lo, cue_start)
    if subject is None or text[subject[1] : cue_start].strip():
        return None
    return subject


def _past_dateline(text: str, start: int, end: int) -> int:
    """Where a content opening a dispatch starts after its dateline ("VALDERA, 12 may.- Al menos …")."""
    if not text[start : start + 1].isupper():
        return start
    dateline, rest = parse_dateline(text[start:end])
    return end - len(rest) if dateline is not None and rest.strip() else start


def _clause(text: str, start: int, end: int) -> tuple[int, int] | None:
    """What a cue introduces, from ``start`` to the sentence end without its final stop (two words or more)."""
    content = trim_span(text, start, end)
    if text[content[1] - 1 : content[1]] in ".!?":
        content = (content[0], content[1] - 1)
    return content if len(text[content[0] : content[1]].split()) >= 2 else None


def _speaker_between(text: str, start: int, end: int) -> tuple[int, int] | None:
    s, e = trim_span(text, start, end)
    if s >= e or len(text[s:e].split()) > 8:
        return None
    return s, e


# object pronouns written before the verb in French, Spanish and Italian ("nous a déclaré", "me dijo")
_CLITIC_OBJECTS = {
    "fr": frozenset(["nous", "vous", "me", "m'", "m’", "lui", "leur", "te", "t'", "t’"]),
    "es": frozenset(["me", "nos", "le", "les", "te", "os"]),
    "it": frozenset(["mi", "ci", "gli", "le", "ti", "vi"]),
}


def _clitic_object(mention: str, language: str) -> bool:
    """Whether the words between a quotation and its cue are only the addressee written as a pronoun
    before the verb ("nous", "m'", "me"): the speaker then follows the cue."""
    return mention.casefold() in _CLITIC_OBJECTS.get(language, frozenset())


def is_pronoun(mention: str, language: str) -> bool:
    """Whether ``mention`` is a personal pronoun of ``language`` or English, as a subject or after
    "according to" ("он", "něj"; compared with accents, so Spanish "él" is one and "el" is not)."""
    word = mention.casefold()
    tables = (PRONOUNS, OBJECT_PRONOUNS)
    return any(word in table.get(language, frozenset()) or word in table["en"] for table in tables)


def _object_pronoun(word: re.Match[str], language: str) -> bool:
    return word.group(0).casefold() in OBJECT_PRONOUNS.get(language, frozenset())


def _subject_pronoun(mention: str, language: str) -> bool:
    """A subject pronoun of ``language`` (of Russian or English when no language is given; Czech "i" is
    "also", not "I")."""
    word = mention.casefold()
    return any(
        word in PRONOUNS.get(lang, frozenset()) for lang in ((language,) if language else ("ru", "en"))
    )
