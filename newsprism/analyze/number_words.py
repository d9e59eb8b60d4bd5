"""Word lists of the number rules: scales, percent words, units, number words, and the words that tell a
count's noun or a year apart. Plain data; :mod:`numbers` builds its patterns from them."""

from __future__ import annotations

DECIMAL_COMMA = frozenset(
    ["fr", "de", "es", "ru", "cs", "it", "pt", "pl", "uk", "nl", "sv", "da", "no", "fi", "tr"]
)

# scale words: folded form -> (multiplier in English, multiplier elsewhere)
SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "mille": 1e3,
    "tausend": 1e3,
    "mil": 1e3,
    "тыс": 1e3,
    "тысяча": 1e3,
    "тысячи": 1e3,
    "тысяч": 1e3,
    "tis": 1e3,
    "tisíc": 1e3,
    "tisíce": 1e3,
    "mila": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mio": 1e6,
    "millionen": 1e6,
    "millón": 1e6,
    "millones": 1e6,
    "млн": 1e6,
    "миллион": 1e6,
    "миллиона": 1e6,
    "миллионов": 1e6,
    "milion": 1e6,
    "milionů": 1e6,
    "miliony": 1e6,
    "milioni": 1e6,
    "milione": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "bln": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "mrd": 1e9,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "mil millones": 1e9,
    "млрд": 1e9,
    "миллиард": 1e9,
    "миллиарда": 1e9,
    "миллиардов": 1e9,
    "mld": 1e9,
    "miliarda": 1e9,
    "miliardy": 1e9,
    "miliard": 1e9,
    "miliardi": 1e9,
    "miliardo": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "трлн": 1e12,
    "триллион": 1e12,
    "триллиона": 1e12,
    "триллионов": 1e12,
    "billionen": 1e12,
    "billón": 1e12,
    "billones": 1e12,
}

LONG_SCALE = {"billion": 1e12, "billions": 1e12}  # French "billion", German "Billion"

PERCENT_RE = (
    r"%|per\s?cent\b|pour\s?cent\b|prozent\b|por\s?ciento\b|por\s?cien\b|per\s?cento\b|procent\w*|"
    r"процент\w*|percentage points?\b|points? de pourcentage|prozentpunkte\w*|puntos porcentuales"
)

# quantities: pattern -> normalised unit
UNITS: tuple[tuple[str, str], ...] = (
    (r"km²|km2|square kilomet(?:er|re)s?|кв\.?\s?км|quadratkilometer", "km2"),
    (r"km|км|kilomet(?:er|re)s?|kilometern|kilomètres?|kilómetros?|километр\w*|kilometr\w*|chilometri", "km"),
    (r"miles?", "mi"),
    (r"kg|kilos?|kilograms?|kilogrammes?|килограмм\w*|kilogramm\w*", "kg"),
    (r"tonnes?|tons?|tonnen|toneladas?|тонн\w*|tun\w*", "t"),
    (r"litres?|liters?|litros?|литр\w*", "l"),
    (r"barrels?|barils?|barriles|баррел\w*|barel\w*", "bbl"),
    (r"°\s?C|degrees? celsius|degrés|grados|градус\w*|grad", "°C"),
    (r"°\s?F|degrees? fahrenheit", "°F"),
    (r"hectares?|hect[aá]reas?|hektar\w*|гектар\w*|ettari", "ha"),
    (r"MW|megawatts?", "MW"),
    (r"GW|gigawatts?", "GW"),
    (r"cm|centimet(?:er|re)s?|centimètres?|centímetros?|сантиметр\w*|zentimeter", "cm"),
    (r"mm|millimet(?:er|re)s?|millimètres?|milímetros?|миллиметр\w*", "mm"),
    (r"metres?|meters?|mètres?|metros?|метр\w*|metr\w*", "m"),
    (r"hours?|heures?|stunden?|horas?|час\w*|hodin\w*", "hour"),
    (r"minutes?|minuten?|minutos?|минут\w*|minut\w*", "minute"),
    (r"days?|jours?|tage?n?|días?|дн\w*|день|dn\w*|den", "day"),
    (r"weeks?|semaines?|wochen?|semanas?|недел\w*|týd\w*", "week"),
    (r"months?|mois|monate?n?|meses|mes|месяц\w*|měsíc\w*", "month"),
    (r"years?|ans|années?|jahren?|años?|лет|года?|годы|rok\w*|let", "year"),
)

EN_WORDS: dict[str, float] = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "a thousand": 1000,
    "a million": 1e6,
    "a billion": 1e9,
    "half a dozen": 6,
    "a couple of": 2,
    "one hundred": 100,
    "one thousand": 1000,
}

OTHER_WORDS: dict[str, dict[str, float]] = {
    "fr": {
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
        "douze": 12,
        "vingt": 20,
        "cent": 100,
        "une douzaine de": 12,
        "une dizaine de": 10,
        "une quinzaine de": 15,
        "une vingtaine de": 20,
        "une trentaine de": 30,
        "une quarantaine de": 40,
        "une cinquantaine de": 50,
        "une soixantaine de": 60,
        "une centaine de": 100,
    },
    "de": {
        "zwei": 2,
        "drei": 3,
        "vier": 4,
        "fünf": 5,
        "sechs": 6,
        "sieben": 7,
        "acht": 8,
        "neun": 9,
        "zehn": 10,
        "zwölf": 12,
        "zwanzig": 20,
        "hundert": 100,
        "ein dutzend": 12,
    },
    "es": {
        "dos": 2,
        "tres": 3,
        "cuatro": 4,
        "cinco": 5,
        "seis": 6,
        "siete": 7,
        "ocho": 8,
        "nueve": 9,
        "diez": 10,
        "doce": 12,
        "veinte": 20,
        "cien": 100,
        "una docena de": 12,
        "una decena de": 10,
        "una veintena de": 20,
        "una treintena de": 30,
        "una cincuentena de": 50,
        "un centenar de": 100,
    },
    "ru": {
        "два": 2,
        "две": 2,
        "три": 3,
        "четыре": 4,
        "пять": 5,
        "шесть": 6,
        "семь": 7,
        "восемь": 8,
        "девять": 9,
        "десять": 10,
        "двенадцать": 12,
        "двадцать": 20,
        "сто": 100,
        "десятки": 10,
        "двух": 2,
        "двум": 2,
        "двумя": 2,
        "трёх": 3,
        "трех": 3,
        "тремя": 3,
        "четырёх": 4,
        "четырьмя": 4,
        "пяти": 5,
        "пятью": 5,
        "шести": 6,
        "семи": 7,
        "восьми": 8,
        "десяти": 10,
    },
    "it": {
        "due": 2,
        "tre": 3,
        "quattro": 4,
        "cinque": 5,
        "sei": 6,
        "sette": 7,
        "otto": 8,
        "nove": 9,
        "dieci": 10,
        "dodici": 12,
        "venti": 20,
        "cento": 100,
    },
    "cs": {
        "dva": 2,
        "dvě": 2,
        "tři": 3,
        "čtyři": 4,
        "pět": 5,
        "šest": 6,
        "sedm": 7,
        "osm": 8,
        "devět": 9,
        "deset": 10,
    },
}

# words after a number that multiply it ("two dozen", "zwei Dutzend", "deux cents", "два десятка")


def _words(text: str) -> list[str]:
    return text.split()


def _compounds() -> dict[str, dict[str, float]]:
    """Number words 11-99 that the lists above leave out, per language: "twenty-seven", "quatorze",
    "vingt-sept", "soixante-douze", "veintisiete", "treinta y dos", "siebenundzwanzig" (a run of such
    words is one number: "vingt-sept disparus" is 27, not 7)."""
    out: dict[str, dict[str, float]] = {"en": {}, "fr": {}, "es": {}, "de": {}}
    en_units = _words("one two three four five six seven eight nine")
    for t, tens in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety"), 2):
        for u, unit in enumerate(en_units, 1):
            out["en"][f"{tens}-{unit}"] = out["en"][f"{tens} {unit}"] = 10 * t + u
    fr_units = _words("un deux trois quatre cinq six sept huit neuf")
    fr_teens = _words("onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf")
    out["fr"].update({w: v for v, w in enumerate(fr_teens, 11)})
    for t, tens in ((2, "vingt"), (3, "trente"), (4, "quarante"), (5, "cinquante"), (6, "soixante")):
        out["fr"][tens] = 10 * t
        for u, unit in enumerate(fr_units, 1):
            joined = ["-et-", " et "] if u == 1 else ["-"]
            for j in joined:
                out["fr"][tens + j + unit] = 10 * t + u
    out["fr"]["soixante-dix"] = 70
    out["fr"]["quatre-vingts"] = out["fr"]["quatre-vingt"] = 80
    out["fr"]["quatre-vingt-dix"] = 90
    for v, teen in enumerate(["onze", *fr_teens[1:]], 11):
        out["fr"]["soixante-" + teen] = 60 + v
        out["fr"]["quatre-vingt-" + teen] = 80 + v
    out["fr"]["soixante-et-onze"] = out["fr"]["soixante et onze"] = 71
    for u, unit in enumerate(fr_units, 1):
        out["fr"]["quatre-vingt-" + unit] = 80 + u
    es_units = _words("uno dos tres cuatro cinco seis siete ocho nueve")
    es_teens = _words("once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve")
    out["es"].update({w: v for v, w in enumerate(es_teens, 11)})
    veinti = "veintiuno veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve"
    out["es"].update({w: v for v, w in enumerate(_words(veinti), 21)})
    for t, tens in enumerate(_words("treinta cuarenta cincuenta sesenta setenta ochenta noventa"), 3):
        out["es"][tens] = 10 * t
        for u, unit in enumerate(es_units, 1):
            out["es"][f"{tens} y {unit}"] = 10 * t + u
    de_units = _words("ein zwei drei vier fünf sechs sieben acht neun")
    de_teens = _words("elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn")
    out["de"].update({w: v for v, w in enumerate(de_teens, 11)})
    de_tens = _words("zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig")
    for t, tens in enumerate(de_tens, 2):
        out["de"][tens] = 10 * t
        for u, unit in enumerate(de_units, 1):
            out["de"][f"{unit}und{tens}"] = 10 * t + u
    return out


for _language, _made in _compounds().items():
    _table = EN_WORDS if _language == "en" else OTHER_WORDS[_language]
    for _word, _value in _made.items():
        _table.setdefault(_word, _value)


MULTIPLIERS: dict[str, float] = {
    "dozen": 12,
    "dozens": 12,
    "douzaines": 12,
    "docenas": 12,
    "dutzend": 12,
    "hundred": 100,
    "hundreds": 100,
    "cents": 100,
    "десятка": 10,
    "десятков": 10,
    "сотни": 100,
    "сотен": 100,
}

# words after a number that are not the counted noun
NOT_NOUNS: frozenset[str] = frozenset(
    """
    of to in on at by for from with and or but the a an as than per that which who is are was were
    has have had will would be been more less most least about over under up down out percent times
    each year-old de du des la le les et ou à au aux en sur par pour que qui dans avec plus moins
    der die das und oder im in am an auf mit von zu bei für als mehr weniger el los las y o en con
    por para que del al más menos de и в на с по за из от до к о а но что как более менее около a v
    na s z do za že jako více méně
    """.split()  # noqa: SIM905
)

# letters glued to a number that still leave it a number: scales and units ("$48bn", "£3.5m", "15km")
SUFFIXES: frozenset[str] = frozenset(
    """
    k m mn bn b tn trn bln mln km kg cm mm mi t l h mw gw
    """.split()  # noqa: SIM905
)

YEAR_BEFORE: frozenset[str] = frozenset(
    """
    in since by until till from of year before after during around circa en depuis jusqu'en année
    an im seit bis jahr jahres vor nach von en desde hasta año del de в с до к году года год nel
    dal anno v roce roku od do
    """.split()  # noqa: SIM905
)

# English adjectives that sit between a number and its noun ("300 new trains")
ADJECTIVES: frozenset[str] = frozenset(
    """
    new old young more other additional local foreign small large armed civilian senior former
    extra such many unarmed elderly
    """.split()  # noqa: SIM905
)

# shares written as words ("two thirds of", "la moitié des", "zwei Drittel", "две трети"): pattern → percent.
# Read as percentages that are only as precise as words are (the compare stage allows ±5 points).
# "half" and the single fractions need a following "of"/"the" (not "half a dozen", "a quarter past").
SHARE_WORDS: tuple[tuple[str, float], ...] = (
    (r"(?:two|2)[ -]thirds", 200 / 3),
    (r"three[ -]quarters", 75.0),
    (r"(?:a|one)[ -]third(?=\s+of\b)", 100 / 3),
    (r"(?:a|one)[ -]quarter(?=\s+of\b)", 25.0),
    (r"half(?=\s+(?:of|the|its|their|all)\b)", 50.0),
    (r"(?:les\s+)?deux\s+tiers", 200 / 3),
    (r"(?:les\s+)?trois\s+quarts", 75.0),
    (r"un\s+tiers(?=\s+d)", 100 / 3),
    (r"un\s+quart(?=\s+d(?:es|u|e la)\b)", 25.0),
    (r"(?:la\s+)?moitié(?=\s+d)", 50.0),
    (r"(?:los\s+)?dos\s+tercios", 200 / 3),
    (r"(?:las\s+)?tres\s+cuartas\s+partes", 75.0),
    (r"un\s+tercio(?=\s+de)", 100 / 3),
    (r"(?:la|una)\s+cuarta\s+parte", 25.0),
    (r"(?:la\s+)?mitad(?=\s+de)", 50.0),
    (r"zwei\s+dritteln?", 200 / 3),
    (r"drei\s+vierteln?", 75.0),
    (r"(?:ein|einem)\s+drittel", 100 / 3),
    (r"(?:ein|einem)\s+viertel", 25.0),
    (r"(?:die|der)\s+hälfte", 50.0),
    (r"(?:две|двух|двум|двумя)\s+трет(?:и|ей|ям|ями)", 200 / 3),
    (r"(?:три|трёх|трех)\s+четверт(?:и|ей)", 75.0),
    (r"треть(?!\s+века)", 100 / 3),
    (r"четверть(?!\s+(?:века|часа))", 25.0),
    (r"половин[аыуе]", 50.0),
)

# word stems that make a sentence about money: a bare scaled amount there ("una multa de 15 millones",
# "4 Millionen als Entschädigung") is a sum in the currency the article uses (see numbers.py). A stem
# matches the start of a word; one ending in "=" only the whole word.
MONEY_CUES: tuple[str, ...] = tuple(
    """
    fine= fined= fines= loan cost budget paid= pay= pays= paying= repa compensat damages worth price
    funding invest revenue profit loss= losses= debt bail= subsid grant salar wage spend spent= sum=
    sums= refund penalt fee= fees= tax= taxes= bonus ransom
    amende prêt coût budget payé payer= paie= versé verser indemnis dédommag investi financ dette
    bénéfice perte= pertes= somme rembours pénalit subvention montant rançon
    multa préstamo prestamo costo coste costar cuesta= presupuesto pagó pagar= pagará paga= abon indemniz compensac
    inversi invert financ deuda beneficio pérdida suma= reembols sanción subvenci monto importe rescate
    strafe bußgeld bussgeld kredit darlehen kosten kostet haushalt gezahlt zahlen= zahlt= bezahl
    entschädigung schadenersatz investi finanz schulden gewinn verlust umsatz summe erstatt betrag
    lösegeld
    штраф кредит заём займ стоимост стоит бюджет заплат выплат оплат компенсац инвести финанс долг
    прибыл убыт сумм возмещ субсиди выкуп
    """.split()  # noqa: SIM905
)
