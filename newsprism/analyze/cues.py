"""Speech and attribution cues per language: the verbs and phrases that introduce what someone said."""

from __future__ import annotations

# English lemmas of the dependency-based extractor, chosen by how often each verb is an attribution cue
# in PolNeAR train. SAY_LEMMAS take a direct quote or a clause; CLAUSE_LEMMAS count only with a clausal
# complement ("ccomp"), which keeps "shows" and "wants" honest; XCOMP_LEMMAS also with an infinitive
# ("vowed to fight"); OBJECT_LEMMAS are verbs of public stance whose object is what was said
# ("called Cruz a liar", "praised the deal").
SAY_LEMMAS: frozenset[str] = frozenset(
    """
    say tell add write ask note report announce suggest argue explain declare acknowledge claim
    state insist warn reply respond recall admit deny confirm tweet post testify predict conclude
    contend assert maintain allege caution stress emphasize emphasise complain accuse criticize
    describe urge propose agree observe remark mention comment quip joke vow promise pledge
    threaten estimate indicate reveal disclose boast concede charge counter retort question wonder
    lament recount cite quote reiterate repeat proclaim shout scream whisper inform brief assure
    demand tout praise blast slam dismiss continue speculate hint advise instruct order answer
    point express remind echo chant voice signal plead list rail lash interject chide bemoan vouch
    allude rebut assail brag retweet retweete email detail outline clarify yell
    """.split()  # noqa: SIM905
)
CLAUSE_LEMMAS: frozenset[str] = frozenset(
    """
    think believe want hope show find feel fear expect know suspect doubt understand learn realize
    seem appear indicate imply reckon guess assume worry insist consider decide recognize recognise
    hop promise vow refuse decline prefer wonder urge threaten demand
    """.split()  # noqa: SIM905
)
XCOMP_LEMMAS: frozenset[str] = frozenset(
    """
    expect seem appear hope hop promise vow refuse decline prefer urge threaten demand pledge
    want plan seek decide intend aim offer agree
    """.split()  # noqa: SIM905
)
OBJECT_LEMMAS: frozenset[str] = frozenset(
    """
    call describe cite praise endorse accuse criticize criticise condemn attack denounce blame
    defend welcome reject dismiss decry mock label brand hail slam blast discuss refer deem portray
    characterize liken credit applaud rebuke congratulate reference distance disavow dispute
    advocate mention announce propose express support back oppose seek offer see plan want show
    name confirm question know consider reveal acknowledge emphasize stress highlight tout
    recommend favor favour prefer embrace champion talk name issue push
    """.split()  # noqa: SIM905
)
# nouns that head an attribution ("in a statement", "his claim that")
SPEECH_NOUNS: frozenset[str] = frozenset(
    """
    statement statements claim claims remark remarks comment comments assertion assertions announcement
    argument arguments suggestion warning warnings promise pledge insistence belief view allegation
    allegations charge charges accusation accusations admission denial prediction
    """.split()  # noqa: SIM905
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


# surface forms per language for the rule-based extractor (lowercase; matched as whole words or prefixes
# ending in "*")
CUE_WORDS: dict[str, tuple[str, ...]] = {
    "en": _words(
        "said|says|say|told|tells|added|adds|wrote|writes|asked|noted|notes|reported|announced|"
        "argued|argues|explained|declared|stated|insisted|warned|replied|responded|claimed|"
        "claims|admitted|denied|confirmed|tweeted|stressed|saying|adding|telling|noting|arguing|"
        "explaining|warning|insisting|claiming|recalled|suggested|acknowledged|conceded|"
        "complained|vowed|predicted|posted"
    ),
    "fr": _words(
        "a dit|a déclaré|a affirmé|a ajouté|a expliqué|a indiqué|a précisé|a souligné|a estimé|"
        "a assuré|a annoncé|a confié|a lancé|a répondu|a averti|a rappelé|a écrit|a reconnu|"
        "a insisté|a dénoncé|a jugé|a martelé|a raconté|a commenté|dit|déclare|affirme|ajoute|"
        "explique|indique|précise|souligne|estime|assure|annonce|confie|lance|répond|rappelle|"
        "écrit|reconnaît|juge|déclarait|disait|affirmait|expliquait|avait déclaré|avait dit|"
        "selon|a-t-il dit|a-t-elle dit|a-t-il déclaré|a-t-elle déclaré|a-t-il ajouté|"
        "a-t-elle ajouté|a-t-il expliqué|a-t-elle expliqué|a-t-il affirmé|a-t-elle affirmé|"
        "a-t-il précisé|a-t-elle précisé|a-t-il souligné|a-t-elle souligné|a-t-il assuré|"
        "a-t-elle assuré|a confirmé|confirme|a promis|promet|a qualifié|qualifie|a réclamé|réclame|"
        "dénonce|a demandé|a plaidé|plaide|a regretté|regrette|a salué|a prévenu|prévient|a démenti|dément|"
        "a nié|a admis|a fait savoir|fait savoir|a critiqué|a mis en garde|met en garde|a reproché|"
        "ont déclaré|ont affirmé|ont annoncé|ont indiqué|ont expliqué|ont dénoncé|ont réclamé|ont raconté|"
        "déclarent|affirment|dénoncent|réclament|estiment|expliquent|indiquent|assurent|martèle|déplore|"
        "insiste|avertit|fustige|salue|ironise|rétorque|conclut|a conclu|a poursuivi|"
        "a rétorqué|a fustigé|a déploré|a averti|a tranché|a ironisé"
    ),
    "de": _words(
        "sagte|sagt|sagten|erklärte|erklärt|betonte|betont|fügte|meinte|meint|"
        "berichtete|berichtet|teilte|kündigte|warnte|warnt|forderte|fordert|schrieb|schreibt|"
        "räumte|bestätigte|bestätigt|wies|zitiert|zitierte|hieß|so|laut|zufolge|behauptete|"
        "behauptet|versicherte|unterstrich|ergänzte|hat gesagt|hat erklärt|sprach|spricht|nannte|nennt|"
        "kritisierte|kritisiert|begründete|begründet|versprach|verspricht|rief|lobte|warf|mahnte|"
        "bekräftigte|verwies|verteidigte|beklagte|bezeichnete|bezeichnet|sagten|erklärten|betonten|"
        "warnten|forderten|kritisierten|sprachen|teilten|berichteten|räumten|erzählte|erzählten"
    ),
    "es": _words(
        "dijo|dice|afirmó|afirma|declaró|declara|aseguró|asegura|señaló|señala|explicó|explica|"
        "añadió|añade|indicó|indica|agregó|agrega|manifestó|sostuvo|sostiene|advirtió|advierte|"
        "subrayó|destacó|anunció|anuncia|reconoció|insistió|respondió|escribió|según|ha dicho|"
        "ha afirmado|ha declarado|ha asegurado|ha señalado|ha explicado|pidió|pide|calificó|califica|"
        "reclamó|reclama|prometió|promete|denunció|criticó|recordó|admitió|negó|"
        "comentó|precisó|apuntó|opinó|consideró|considera|estimó|informó|advirtieron|reconocieron|"
        "dijeron|afirmaron|declararon|aseguraron|señalaron|explicaron|anunciaron|denunciaron|"
        "reclamaron|pidieron|informaron|criticaron|calificaron|insisten|aseguran|afirman|denuncian|"
        "contó|contaron|relató|relataron|narró|se quejó|se quejaron|se queja|se quejan|lamentó|lamenta|"
        "se lamentó|protestó|replicó|ironizó|bromeó|concluyó|resumió|matizó|zanjó"
    ),
    "ru": _words(
        "сказал|сказала|сказали|заявил|заявила|заявили|отметил|отметила|отметили|сообщил|"
        "сообщила|сообщили|подчеркнул|подчеркнула|добавил|добавила|добавили|пояснил|пояснила|"
        "рассказал|рассказала|рассказали|указал|указала|считает|уверен|уверена|говорит|говорил|"
        "говорила|говорят|утверждает|утверждал|утверждала|признал|признала|предупредил|"
        "предупредила|написал|написала|ответил|ответила|объяснил|объяснила|уточнил|уточнила|"
        "заверил|заверила|подтвердил|подтвердила|сообщает|сообщают|пишет|пишут|передает|передаёт|"
        "цитирует|спросил|спросила|думал|думала|думаю|вспоминал|вспоминала|вспоминает|кричал|"
        "кричала|объявил|объявила"
    ),
    "cs": _words(
        "řekl|řekla|řekli|uvedl|uvedla|uvedli|prohlásil|prohlásila|dodal|dodala|sdělil|sdělila|"
        "uvádí|říká|říkal|říkala|tvrdí|tvrdil|tvrdila|napsal|napsala|vysvětlil|vysvětlila|"
        "zdůraznil|zdůraznila|upozornil|upozornila|podle|odpověděl|odpověděla|myslel|myslela|"
        "vzpomíná|vzpomínal|ptal|ptala|poznamenal|poznamenala|oznámil|oznámila|informoval|"
        "informovala|píše"
    ),
    "it": _words(
        "ha detto|ha dichiarato|ha affermato|ha spiegato|ha aggiunto|ha sottolineato|dice|"
        "afferma|spiega|aggiunge|sottolinea|secondo|ha annunciato|ha ribadito"
    ),
}
# verb stems (any ending) for languages with rich inflection: заявил/заявила/заявили/заявив…
CUE_STEMS: dict[str, tuple[str, ...]] = {
    "ru": _words(
        "заяв|сказа|говор|отмеча|отмети|утвержда|подчеркива|подчеркну|рассказ|объясня|объясни|поясни|"
        "поясня|сообщ|признал|признава|предупрежда|предупреди|уточни|уточня|добави|добавля|ответи|"
        "отвеча|счита|полага|замети|замеча|напомни|напомина|разъясня|разъясни|написа|пишет|пишут|"
        "цитиру|спроси|спрашива|уверя|увери|указа|указыва|призва|призыва|настаива|обеща|подтверди|"
        "подтвержда|возрази|возража|жалова|вспомина|констатирова|отрица|прогнозиру|убежда|убеди|"
        "высказа|высказыва|заверя|завери|повтори|повторя|жалуется|верил|верит|думает|думал|"
        "назвал|называ|потребова|требует|требуют|раскритикова|критикова|осуди|осужда|опроверг|"
        "опроверга|пригрози|угрожа|поблагодари|посетова|сетует"
    ),
    "cs": _words(
        "řekl|řekla|řekli|říká|říkal|uvedl|uvádí|uváděl|prohlásil|prohlašuje|prohlašoval|dodal|dodává|"
        "sdělil|sděluje|tvrdí|tvrdil|napsal|píše|psal|vysvětl|zdůrazn|upozorn|odpověd|odpovídá|myslí|"
        "myslel|vzpomín|ptal|ptá|poznamenal|oznámil|oznamuje|informoval|míní|soudí|varoval|varuje|"
        "připomn|potvrd|popsal|popisuje|hovoř|mluv|konstatoval|ujistil|slíbil|přiznal|přiznává|"
        "věří|věřil|prozradil|sdílel|líčí|líčil|označil|označuje|kritizoval|kritizuje|požádal|"
        "vyzval|vyzývá|doplnil|doplňuje|podotkl|poukázal|zmínil|připustil|popřel|odmítl|odmítá|"
        "ocenil|oceňuje|zdůvodnil|reagoval|svěřil|uzavřel|shrnul|naznačil|slíbil|slibuje|dodávají|"
        "uvádějí|tvrdili|sdělují|říkají|řekla|pochvaloval|stěžoval|stěžuje|obhajoval|vzkázal|"
        "ohlásil|argumentoval|argumentuje|zopakoval|komentoval|posteskl"
    ),
}
# words to drop from the edges of a speaker found by the rules ("Хотя украинские чиновники" → …)
SPEAKER_EDGE_WORDS: frozenset[str] = frozenset(
    """
    and but so yet also then however although though while when as
    et mais donc aussi puis alors cependant
    und aber auch doch dann jedoch
    y pero también entonces sin embargo
    и а но же ведь вот хотя однако поэтому еще ещё также тоже уже даже лишь только недавно вчера
    сегодня открыто публично прямо снова тогда потом ему ей им мне нам вам ранее позже позднее затем
    вновь опять
    a ale i také tedy však jenže už ještě dnes včera později dříve pak rovněž opět znovu dále již
    today yesterday monday tuesday wednesday thursday friday saturday sunday
    aujourd'hui hier lundi mardi mercredi jeudi vendredi samedi dimanche
    heute gestern montag dienstag mittwoch donnerstag freitag samstag sonntag
    hoy ayer lunes martes miercoles jueves viernes sabado domingo
    понедельник вторник среду четверг пятницу субботу воскресенье
    pondeli utery stredu ctvrtek patek sobotu nedeli
    """.split()  # noqa: SIM905
)


# "according to X" and its equivalents: the speaker follows
ACCORDING: dict[str, tuple[str, ...]] = {
    "en": ("according to",),
    "fr": ("selon", "d'après", "d’après"),
    "de": ("laut", "nach angaben", "nach angaben von", "so"),
    "es": ("según", "de acuerdo con"),
    "ru": _words(
        "по словам|по данным|по мнению|как сообщил|как сообщила|как сообщает|как заявил|"
        "как заявила|как отметил|как отметила|как пишет|как считает|как сказал|как сказала|"
        "как рассказал|как рассказала|как пояснил|как пояснила|как уточнил|как уточнила|как подчеркнул|"
        "как подчеркнула|как передает|как передаёт|по его словам|по ее словам|по её словам|по их словам|"
        "по его мнению|по ее мнению|по её мнению|по их мнению|как говорится в|как говорится во|"
        "по своим словам"
    ),
    "cs": _words(
        "podle|jak uvedl|jak uvedla|jak uvedli|jak řekl|jak řekla|jak sdělil|jak sdělila|jak dodal|"
        "jak dodala|jak upozornil|jak upozornila|jak konstatoval|jak konstatovala|jak informoval|"
        "jak informovala|jak píše|jak napsal|jak napsala"
    ),
    "it": ("secondo",),
}
# words that introduce reported speech after the cue ("said that")
THAT_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("that",),
    "fr": ("que", "qu'", "qu’"),
    "de": ("dass", "daß"),
    "es": ("que",),
    "ru": ("что", "чтобы"),
    "cs": ("že", "aby"),
    "it": ("che",),
}
# words that join a second verb to the first, whose subject it shares ("prometió … y dijo que …")
COORDINATORS: dict[str, tuple[str, ...]] = {
    "en": ("and",),
    "fr": ("et", "puis"),
    "de": ("und",),
    "es": ("y", "e"),
    "ru": ("и",),
    "cs": ("a", "i"),
    "it": ("e", "ed"),
}
# French speech verbs that take an inverted pronoun after a quotation ("…», poursuit-il / ajoute-t-elle)
FR_INVERTED_VERBS: tuple[str, ...] = _words(
    "dit|ajoute|explique|poursuit|affirme|estime|précise|souligne|lance|confie|assure|déclare|insiste|"
    "rappelle|raconte|conclut|résume|note|indique|observe|reconnaît|admet|avertit|prévient|martèle|"
    "répond|regrette|juge|tranche|glisse|commente|interroge|s'interroge|s’interroge|ironise|"
    "plaide|promet|dénonce|déplore|analyse|nuance|témoigne|confirme|écrit|répète|argumente|"
    "disait|ajoutait|expliquait|affirmait|déclarait|estimait|poursuivait|lançait|confiait|"
    "disent|ajoutent|expliquent|affirment|estiment|assurent|déclarent|dénoncent|déplorent|racontent"
)
PRONOUNS: dict[str, frozenset[str]] = {
    "en": frozenset(["he", "she", "they", "it", "i", "we", "you", "who"]),
    "fr": frozenset(["il", "elle", "ils", "elles", "on", "je", "nous"]),
    "de": frozenset(["er", "sie", "es", "wir", "ich", "man"]),
    "es": frozenset(["él", "ella", "ellos", "ellas", "yo", "nosotros"]),
    "ru": frozenset(["он", "она", "они", "я", "мы", "оно"]),
    "cs": frozenset(["on", "ona", "oni", "já", "my", "ono"]),
    "it": frozenset(["lui", "lei", "loro", "io", "noi", "egli"]),
}
# the forms a pronoun takes after "according to" ("podle něj", "по его словам", "selon lui", "laut ihm")
OBJECT_PRONOUNS: dict[str, frozenset[str]] = {
    "en": frozenset(["him", "her", "them"]),
    "fr": frozenset(["lui", "eux", "elle", "elles"]),
    "de": frozenset(["ihm", "ihnen", "ihr"]),
    "es": frozenset(["él", "ella", "ellos", "ellas"]),
    "ru": frozenset(["него", "нее", "неё", "них", "его", "ее", "её", "их"]),
    "cs": frozenset(["něj", "něho", "ní", "nich", "jeho", "její", "jejich"]),
    "it": frozenset(["lui", "lei", "loro"]),
}
