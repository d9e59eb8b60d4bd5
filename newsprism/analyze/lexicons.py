"""Word lists the analysis rules use: place and organisation aliases, titles, currencies.

Kept as plain Python data (no files to locate at run time). Each alias table maps a casefolded,
accent-stripped surface form to the canonical English name that keys are built from, so that ``U.S.``,
``États-Unis`` and ``США`` all become ``gpe:united states``.
"""

from __future__ import annotations

# canonical name: surface forms in the languages we ingest (casefolded; accents are stripped at lookup)
_PLACES: dict[str, tuple[str, ...]] = {
    "united states": (
        "us",
        "u.s",
        "u.s.",
        "usa",
        "u.s.a.",
        "united states",
        "united states of america",
        "america",
        "the united states",
        "etats-unis",
        "etats unis",
        "eeuu",
        "ee.uu.",
        "estados unidos",
        "usa",
        "сша",
        "соединенные штаты",
        "америка",
        "vereinigte staaten",
        "stati uniti",
        "spojene staty",
        "americe",
    ),
    "united kingdom": (
        "uk",
        "u.k.",
        "britain",
        "great britain",
        "united kingdom",
        "royaume-uni",
        "grande-bretagne",
        "reino unido",
        "großbritannien",
        "grossbritannien",
        "vereinigtes konigreich",
        "великобритания",
        "британия",
        "regno unito",
        "velka britanie",
    ),
    "russia": (
        "russia",
        "russian federation",
        "russie",
        "rusia",
        "russland",
        "россия",
        "рф",
        "russia",
        "rusko",
    ),
    "china": ("china", "prc", "chine", "китай", "кнр", "cina", "cina", "cína"),
    "france": ("france", "francia", "frankreich", "франция", "francie"),
    "germany": ("germany", "allemagne", "alemania", "deutschland", "германия", "germania", "nemecko"),
    "ukraine": ("ukraine", "ucrania", "украина", "ucraina", "ukrajina"),
    "spain": ("spain", "espagne", "espana", "spanien", "испания", "spagna", "spanelsko"),
    "italy": ("italy", "italie", "italia", "italien", "италия", "italie"),
    "japan": ("japan", "japon", "japón", "япония", "giappone", "japonsko"),
    "india": ("india", "inde", "indien", "индия", "indie"),
    "iran": ("iran", "irán", "иран"),
    "israel": ("israel", "israël", "израиль", "izrael"),
    "turkey": ("turkey", "turkiye", "turquie", "turquia", "turkei", "турция", "turecko"),
    "poland": ("poland", "pologne", "polonia", "polen", "польша", "polsko"),
    "brazil": ("brazil", "bresil", "brasil", "brasilien", "бразилия"),
    "mexico": ("mexico", "mexique", "mexiko", "мексика"),
    "canada": ("canada", "canadá", "kanada", "канада"),
    "north korea": (
        "north korea",
        "dprk",
        "coree du nord",
        "corea del norte",
        "nordkorea",
        "кндр",
        "северная корея",
    ),
    "south korea": ("south korea", "coree du sud", "corea del sur", "sudkorea", "южная корея"),
    "syria": ("syria", "syrie", "siria", "syrien", "сирия"),
    "european union": (
        "eu",
        "e.u.",
        "european union",
        "ue",
        "union europeenne",
        "union europea",
        "europaische union",
        "ес",
        "евросоюз",
        "европейский союз",
    ),
    "czech republic": (
        "czech republic",
        "czechia",
        "cesko",
        "ceska republika",
        "чехия",
        "tchequie",
        "republique tcheque",
    ),
    "moscow": ("moscow", "moscou", "moscu", "moskau", "москва", "mosca", "moskva"),
    "washington": ("washington", "washington, d.c.", "washington d.c.", "вашингтон"),
    "paris": ("paris", "париж", "parigi", "paříž"),
    "london": ("london", "londres", "лондон", "londra", "londyn"),
    "berlin": ("berlin", "берлин", "berlino"),
    "beijing": ("beijing", "pekin", "peking", "pékin", "пекин", "pechino"),
    "kyiv": ("kyiv", "kiev", "kiew", "киев", "kijev", "kyjev"),
    "brussels": ("brussels", "bruxelles", "bruselas", "brussel", "brussel", "брюссель"),
    "madrid": ("madrid", "мадрид"),
    "rome": ("rome", "roma", "rom", "рим"),
    "new york": ("new york", "new york city", "nyc", "нью-йорк", "nueva york"),
    "prague": ("prague", "praha", "prag", "прага", "praga"),
    "tokyo": ("tokyo", "tokio", "токио"),
    "gaza": ("gaza", "gaza strip", "газа", "сектор газа", "franja de gaza", "bande de gaza"),
    "europe": ("europe", "europa", "европа", "evropa"),
    "africa": ("africa", "afrique", "afrika", "африка"),
}

_ORGS: dict[str, tuple[str, ...]] = {
    "united nations": (
        "un",
        "u.n.",
        "united nations",
        "onu",
        "nations unies",
        "naciones unidas",
        "vereinte nationen",
        "оон",
        "osn",
    ),
    "nato": ("nato", "otan", "нато", "north atlantic treaty organization"),
    "world health organization": (
        "who",
        "w.h.o.",
        "world health organization",
        "oms",
        "воз",
        "weltgesundheitsorganisation",
        "organisation mondiale de la sante",
        "organizacion mundial de la salud",
    ),
    "international monetary fund": (
        "imf",
        "international monetary fund",
        "fmi",
        "мвф",
        "iwf",
        "fonds monetaire international",
    ),
    "european commission": (
        "european commission",
        "commission europeenne",
        "comision europea",
        "europaische kommission",
        "еврокомиссия",
        "европейская комиссия",
    ),
    "world bank": ("world bank", "banque mondiale", "banco mundial", "weltbank", "всемирный банк"),
    "federal bureau of investigation": ("fbi", "f.b.i.", "federal bureau of investigation", "фбр"),
    "central intelligence agency": ("cia", "c.i.a.", "central intelligence agency", "цру"),
    "state department": ("state department", "department of state", "госдеп", "госдепартамент"),
    "kremlin": ("kremlin", "кремль"),
    "white house": (
        "white house",
        "maison blanche",
        "casa blanca",
        "weißes haus",
        "weisses haus",
        "белый дом",
    ),
    "european central bank": ("ecb", "european central bank", "bce", "ецб", "ezb", "europaische zentralbank"),
    "federal reserve": ("fed", "federal reserve", "the fed", "фрс", "us federal reserve"),
    "republican party": ("gop", "republican party", "republicans"),
    "democratic party": ("democratic party", "democrats"),
    "reuters": ("reuters", "рейтер", "рейтерс"),
    "associated press": ("ap", "associated press", "the associated press"),
    "agence france-presse": ("afp", "agence france-presse", "agence france presse", "франс пресс"),
    "tass": ("tass", "тасс"),
    "ria novosti": ("ria novosti", "риа новости"),
}

# titles and roles dropped from person names before keying ("Prime Minister Shinzo Abe" -> "shinzo abe")
TITLES: frozenset[str] = frozenset(
    ["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "sir", "dame", "lord", "lady", "sen", "sen.", "senator", "rep", "rep.", "representative", "gov", "gov.", "governor", "president", "vice", "prime", "minister", "secretary", "chancellor", "premier", "king", "queen", "prince", "princess", "pope", "rev", "rev.", "reverend", "gen", "gen.", "general", "col", "col.", "colonel", "lt", "lt.", "lieutenant", "sgt", "sgt.", "sergeant", "capt", "capt.", "captain", "adm", "adm.", "admiral", "judge", "justice", "chief", "officer", "mayor", "ambassador", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "ceo", "director", "commissioner", "deputy", "foreign", "defense", "defence", "interior", "finance", "former", "late", "acting", "candidate", "nominee", "leader", "speaker", "house", "majority", "minority", "whip", "attorney", "state", "m.", "mme", "mme.", "mlle", "monsieur", "madame", "président", "présidente", "ministre", "premier", "général", "herr", "frau", "bundeskanzler", "bundeskanzlerin", "kanzler", "kanzlerin", "präsident", "präsidentin", "minister", "ministerin", "sr.", "sra.", "señor", "señora", "presidente", "presidenta", "ministro", "ministra", "господин", "госпожа", "президент", "премьер", "премьер-министр", "министр", "глава", "председатель", "губернатор", "мэр", "генерал"]
)

# currency words and symbols -> ISO 4217
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₴": "UAH",
    "₹": "INR",
    "₩": "KRW",
    "₺": "TRY",
    "kč": "CZK",
    "zł": "PLN",
    "chf": "CHF",
    "c$": "CAD",
    "a$": "AUD",
    "r$": "BRL",
    "hk$": "HKD",
}
CURRENCY_CODES: frozenset[str] = frozenset(
    ["USD", "EUR", "GBP", "JPY", "RUB", "UAH", "INR", "CNY", "RMB", "KRW", "TRY", "CZK", "PLN", "CHF", "CAD", "AUD", "BRL", "HKD", "SEK", "NOK", "DKK", "MXN", "ZAR"]
)
# word stems (prefix match on the casefolded word) -> code
CURRENCY_WORDS: tuple[tuple[str, str], ...] = (
    ("dollar", "USD"),
    ("долл", "USD"),
    ("dólar", "USD"),
    ("dolar", "USD"),
    ("доллар", "USD"),
    ("euro", "EUR"),
    ("евро", "EUR"),
    ("pound", "GBP"),
    ("sterling", "GBP"),
    ("livre", "GBP"),
    ("libra", "GBP"),
    ("фунт", "GBP"),
    ("yen", "JPY"),
    ("иен", "JPY"),
    ("йен", "JPY"),
    ("ruble", "RUB"),
    ("rouble", "RUB"),
    ("руб", "RUB"),
    ("rublo", "RUB"),
    ("rubel", "RUB"),
    ("yuan", "CNY"),
    ("юан", "CNY"),
    ("renminbi", "CNY"),
    ("hryvnia", "UAH"),
    ("гривн", "UAH"),
    ("hryvn", "UAH"),
    ("rupee", "INR"),
    ("рупи", "INR"),
    ("koruna", "CZK"),
    ("korun", "CZK"),
    ("крон", "CZK"),
    ("franc", "CHF"),
    ("франк", "CHF"),
    ("złot", "PLN"),
    ("zloty", "PLN"),
    ("злот", "PLN"),
)


def _strip_accents(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Casefold, strip accents (keeping й/ё as their base letters) and squeeze spaces."""
    return " ".join(_strip_accents(text).casefold().replace("’", "'").split())


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, forms in table.items():
        for form in (canonical, *forms):
            out[fold(form)] = canonical
            out[fold(form).rstrip(".")] = canonical
    return out


PLACE_ALIASES: dict[str, str] = _index(_PLACES)
ORG_ALIASES: dict[str, str] = _index(_ORGS)
