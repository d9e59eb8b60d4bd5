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
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "dr",
        "dr.",
        "prof",
        "prof.",
        "sir",
        "dame",
        "lord",
        "lady",
        "sen",
        "sen.",
        "senator",
        "rep",
        "rep.",
        "representative",
        "gov",
        "gov.",
        "governor",
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "chancellor",
        "premier",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "rev",
        "rev.",
        "reverend",
        "gen",
        "gen.",
        "general",
        "col",
        "col.",
        "colonel",
        "lt",
        "lt.",
        "lieutenant",
        "sgt",
        "sgt.",
        "sergeant",
        "capt",
        "capt.",
        "captain",
        "adm",
        "adm.",
        "admiral",
        "judge",
        "justice",
        "chief",
        "officer",
        "mayor",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "director",
        "commissioner",
        "deputy",
        "foreign",
        "defense",
        "defence",
        "interior",
        "finance",
        "former",
        "late",
        "acting",
        "candidate",
        "nominee",
        "leader",
        "speaker",
        "house",
        "majority",
        "minority",
        "whip",
        "attorney",
        "state",
        "m.",
        "mme",
        "mme.",
        "mlle",
        "monsieur",
        "madame",
        "président",
        "présidente",
        "ministre",
        "premier",
        "général",
        "herr",
        "frau",
        "bundeskanzler",
        "bundeskanzlerin",
        "kanzler",
        "kanzlerin",
        "präsident",
        "präsidentin",
        "minister",
        "ministerin",
        "sr.",
        "sra.",
        "señor",
        "señora",
        "presidente",
        "presidenta",
        "ministro",
        "ministra",
        "господин",
        "госпожа",
        "президент",
        "премьер",
        "премьер-министр",
        "министр",
        "глава",
        "председатель",
        "губернатор",
        "мэр",
        "генерал",
    ]
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
    [
        "USD",
        "EUR",
        "GBP",
        "JPY",
        "RUB",
        "UAH",
        "INR",
        "CNY",
        "RMB",
        "KRW",
        "TRY",
        "CZK",
        "PLN",
        "CHF",
        "CAD",
        "AUD",
        "BRL",
        "HKD",
        "SEK",
        "NOK",
        "DKK",
        "MXN",
        "ZAR",
    ]
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


# ---------------------------------------------------------------------------------------------------
# Word lists of the fallback entity tagger (``gazetteer.from_gazetteer``), for languages without an NER
# model. All entries casefolded with accents kept; lookups fold the word the same way.

# function words per language: never the start of a name, and the clues the tagger guesses the language from
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "de": """der die das den dem des ein eine einen einem einer eines und oder aber wenn weil dass als wie
            wo was wer nicht auch noch schon nur sehr mit für auf aus bei nach von vor zu zum zur im am ins ist
            sind war waren wird werden hat haben hatte es er sie wir ihr ich man sich dies diese dieser dieses
            jeder jede alle kein keine so da dann doch ob seit laut gegen ohne um über unter zwischen während
            trotz wegen durch bis damit denn sondern nun heute gestern morgen bereits inzwischen zudem""",
        "es": """el la los las un una unos unas y o pero si que de del al en con por para sin sobre entre es
            son fue fueron ha han había era se su sus lo le les este esta estos estas ese esa eso aquí allí
            cuando donde como también ya no muy más según desde hasta hacia tras durante ante bajo hace ayer
            hoy mañana aunque mientras pues así otro otra todos todas cada""",
        "it": """il lo la i gli le un uno una e ed o ma se che di del dello della dei degli delle a al allo alla
            ai agli alle da dal dalla in nel nello nella nei con su sul sulla per tra fra è sono era erano ha
            hanno si non anche già più come quando dove questo questa questi queste quello quella ieri oggi
            domani secondo verso durante mentre però""",
        "pt": """o a os as um uma uns umas e ou mas se que de do da dos das em no na nos nas por pelo pela com
            para sem sobre entre é são foi foram há era ser não também já mais como quando onde este esta
            estes estas esse essa isso aqui ontem hoje amanhã segundo durante após até seu sua seus suas ao
            aos""",
        "nl": """de het een en of maar als dat die dit deze wie wat waar wanneer niet ook nog al zeer met voor
            op uit bij naar van tot om over onder tussen is zijn was waren wordt worden heeft hebben had er
            hij zij we wij ik men zich volgens gisteren vandaag morgen toen dan door tegen zonder na""",
        "pl": """i a o w we z ze na do od po za przez przy dla bez pod nad przed między się nie jest są był była
            było były będzie to ten ta te tego tej tym że który która które jak gdy gdzie także też już
            jeszcze oraz ale lub czy według wczoraj dziś jutro jednak""",
        "cs": """a i o v ve z ze na do od po za přes při pro bez pod nad před mezi se si není je jsou byl byla
            bylo byly bude to ten ta tento tato že který která které jak když kde také už ještě ale nebo
            podle včera dnes zítra však""",
        "tr": """ve ile bir bu şu o da de için gibi kadar ama fakat veya ya çok daha en her değil mi ne olan
            olarak sonra önce göre dün bugün yarın ancak ise""",
    }.items()
}

# words that head an organisation's name ("Ministerio de Hacienda", "Universität Leipzig")
ORG_HEADS: frozenset[str] = frozenset(
    """
    ministerio secretaría banco universidad asociación autoridad oficina instituto agencia partido
    comisión consejo tribunal corte fundación sindicato confederación federación empresa compañía grupo
    cámara junta dirección servicio fondo organización
    ministero banca università associazione autorità ufficio istituto agenzia partito commissione
    consiglio tribunale corte fondazione sindacato confederazione federazione comune camera regione
    provincia società gruppo
    ministério universidade associação autoridade instituto agência comissão conselho tribunal
    fundação sindicato confederação federação câmara prefeitura companhia
    ministerie universiteit vereniging autoriteit bureau instituut agentschap partij commissie raad
    rechtbank stichting vakbond federatie kamer gemeente bank
    ministerium bank zentralbank bundesbank universität gewerkschaft verband institut kammer partei
    agentur kommission behörde amt bundesamt landesamt rat gericht stiftung bund union
    ministry bank university association authority office institute agency party commission council
    court foundation union federation chamber department bureau air airlines airways rail railways
    group holdings corporation corp inc ltd gmbh ag
    gobierno governo superintendencia capitanía naviera navieras minera ferrovia ferrovie ferrocarril
    ferrocarriles aerolíneas aerolinee transportes fiscalía procura procuradoria prokuratura
    policía polizia polícia policja policie
    """.split()  # noqa: SIM905
)
# German writes heads into compounds ("Hafenbehörde", "Bundesamtes", "Handelskammer")
ORG_HEAD_ENDINGS_DE: tuple[str, ...] = (
    "ministerium",
    "ministeriums",
    "behörde",
    "amt",
    "amtes",
    "amts",
    "bank",
    "kammer",
    "verband",
    "verbandes",
    "gewerkschaft",
    "institut",
    "instituts",
    "partei",
    "agentur",
    "kommission",
    "gericht",
    "gerichts",
    "stiftung",
    "universität",
)
# heads of inflected languages, matched as a word's beginning ("Banku", "Uniwersytetu", "Univerzity")
ORG_HEAD_STEMS: tuple[str, ...] = (
    "ministerstw",
    "ministerstv",
    "bank",
    "uniwersytet",
    "univerzit",
    "instytut",
    "institut",
    "urząd",
    "urzęd",
    "úřad",
    "agencj",
    "agentur",
    "komisj",
    "komis",
    "partii",
    "parti",
    "związ",
    "svaz",
    "izb",
    "komor",
    "fundacj",
    "nadac",
    "sąd",
    "soud",
    "bakanlı",
    "üniversite",
    "banka",
    "kurum",
    "başkanlı",
    "belediye",
    "federasyon",
    "derneğ",
    "dernek",
    "birliğ",
    "sendika",
    "vakf",
    "hastane",
)
# names of bodies that stand alone ("że Sejm zajmie się ustawą", "der Bundestag")
ORG_NAMES: frozenset[str] = frozenset(
    """
    sejm senat senado senato bundestag bundesrat congreso parlamento parlament parlement kongres
    kongre meclis europol interpol
    """.split()  # noqa: SIM905
)
# nouns that announce an organisation's name after them ("la empresa Tecnomar", "der Konzern Valtor")
ORG_CUES: frozenset[str] = frozenset(
    """
    empresa compañía firma grupo aerolínea azienda società gruppo compagnia empresa companhia firma
    bedrijf concern firma spółka koncern společnost firma unternehmen konzern firma gesellschaft
    company firm group airline carrier şirket şirketi
    """.split()  # noqa: SIM905
)
# words that start (or, marked below, end) a place's name ("Puerto Albar", "Sankt Augustin", "Kestrel Bay")
PLACE_HEADS: frozenset[str] = frozenset(
    """
    puerto san santa santo são sankt st. bad nueva nuevo río rio cabo ciudad porto port saint sainte
    monte isla ilha isola lago vila den bahía bahia punta cerro wyspa jezioro ostrov jezero
    """.split()  # noqa: SIM905
)
PLACE_TAILS: frozenset[str] = frozenset(
    "bay island islands city harbour harbor river valley lake mountains beach".split()  # noqa: SIM905
)
# nouns that announce a place's name after them ("la ciudad de Lima", "de gemeente Utrecht")
PLACE_CUES: frozenset[str] = frozenset(
    """
    ciudad pueblo provincia región città provincia regione paese cidade município estado região stad
    gemeente provincie stadt gemeinde region miasto miasta gmina město obec kraj şehir
    """.split()  # noqa: SIM905
)
# prepositions after which a capitalised word is a place ("en Portvale", "nach Hamburg", "w Warszawie")
PLACE_PREPOSITIONS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "de": "in nach aus ab",
        "es": "en desde hasta hacia a",
        "it": "a in da verso",
        "pt": "em para desde até",
        "nl": "in naar uit",
        "pl": "w we do z ze",
        "cs": "v ve do z ze",
        "tr": "",
    }.items()
}
# prepositions that often but not always introduce a place ("el puerto de Trieste", "Hafen von Marendias"):
# a word after them is a place only when no dictionary knows it as a common word
WEAK_PLACE_PREPOSITIONS: frozenset[str] = frozenset("de di da do von van".split())  # noqa: SIM905
# German nouns that follow a place preposition in set phrases ("aus Sicht", "in Kraft", "nach Angaben")
DE_PREPOSITION_NOUNS: frozenset[str] = frozenset(
    """
    sicht angaben ansicht kraft zukunft gefahr folge höhe zeit frage form summe grund bezug hinblick
    rahmen verlauf auftrag anfang ende mitte kosten fall zweifel betrieb haft kürze not eile ruhe
    übrigen erwartung absprache abstimmung richtung nacht
    montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni juli
    august september oktober november dezember ostern weihnachten pfingsten
    """.split()  # noqa: SIM905
)
# titles and roles in the fallback languages (not in TITLES, which also keys English and French names)
FALLBACK_TITLES: frozenset[str] = frozenset(
    """
    herr frau dr dr. prof prof. chef chefin leiter leiterin direktor direktorin sprecher sprecherin
    vorsitzende vorsitzender bürgermeister bürgermeisterin professor professorin abgeordnete
    abgeordneter schriftsteller schriftstellerin
    don doña sr sr. sra sra. señor señora ministro ministra presidente presidenta alcalde alcaldesa
    portavoz director directora secretario secretaria diputado diputada senador senadora
    signor signora sig. dott. dott dottor dottoressa onorevole sindaco ministro ministra presidente
    senhor senhora dona prefeito prefeita deputado deputada
    heer mevrouw minister premier burgemeester woordvoerder staatssecretaris
    pan pani prezydent prezes minister rzecznik premier poseł posłanka marszałek
    ministr ministryně prezident prezidentka mluvčí starosta premiér poslanec
    bakan başkan sayın cumhurbaşkanı başbakan vali
    """.split()  # noqa: SIM905
)
# common first names across the languages we ingest: a run that starts with one is a person
FIRST_NAMES: frozenset[str] = frozenset(
    """
    anna andreas alexander angela barbara bernd christian christina claudia daniel david dieter eva frank
    gabriele hans heinz helga helmut ingrid jan jana jens johannes jonas josef jürgen jakob julia karl
    katharina klaus lena lukas manfred maria markus martin matthias michael monika nina olaf paul peter
    petra ralf sabine sandra sebastian stefan susanne thomas tobias ulrich ursula uwe werner wolfgang
    felix lisa laura sophie hannah maximilian florian simon moritz leonie marie
    birgit dirk doris heike holger jörg kai karin katrin martina maren nils oliver renate rolf ulrike
    alejandro andrés antonio ana beatriz carlos carmen cristina diego elena fernando francisco gabriel
    isabel javier jorge josé juan laura lucía luis manuel marta miguel pablo pedro pilar rafael raúl
    ramón rosa sergio teresa tomás sofía valentina alberto adriana mercedes gonzalo ignacio
    enrique inés eduardo emilio esteban jaime joaquín julio lorena beatriz patricia victoria amalia
    alessandro andrea angelo chiara davide elisa enrico federica francesca giorgio giovanni giulia
    giuseppe luca lucia marco matteo paola paolo roberto salvatore sara silvia stefano valentina
    vincenzo alessandra lorenzo riccardo
    afonso beatriz bruno catarina diogo duarte fernanda gonçalo inês joão joana leonor luísa mariana
    miguel nuno pedro rita rui sofia tiago vasco francisca
    bram daan emma eva fleur joost koen lotte lieke maarten pieter ruud sanne sem thijs willem wouter
    anouk femke jeroen sven mark
    adam agnieszka aleksandra andrzej barbara ewa grzegorz jacek jakub jan joanna józef katarzyna
    krzysztof magdalena małgorzata marek michał monika paweł piotr tomasz wojciech zofia
    jiří josef jaroslav karel lucie markéta martina milan miroslav pavel petr tereza tomáš václav
    zdeněk kateřina eliška
    ahmet ali ayşe can elif emine emre fatma hakan hasan hüseyin mehmet murat mustafa zeynep
    john james robert william richard george sarah emily mary elizabeth michael david thomas charles
    pierre jean marc marie claire sophie nicolas philippe françois isabelle nathalie camille julien
    viktor victor nadia ivan igor olga irina natalia sergei dmitri vladimir boris elena tatiana oleg
    andrei mikhail yuri milan nikola dragan goran ana ivana marko luka stefan teodora mihai ion ioana
    andrei adrian alexandru cristian gheorghe lars erik anders nils ingrid astrid johan magnus sven
    omar ahmed mohammed mohamed hassan fatima leila karim youssef amir yusuf ali daniel samuel hannah
        """.split()  # noqa: SIM905
)
