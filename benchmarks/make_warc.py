"""Write a WARC of N synthetic news pages for scale tests: ``python benchmarks/make_warc.py OUT.warc.gz -n 5000``.

Every page is generated here from our own templates: invented places, people, organisations and
outlets (all on ``.example`` domains), about invented events. Each event is told by several outlets in
different words, with numbers that sometimes disagree, and some outlets republish wire copy nearly
verbatim, so the corpus exercises clustering and syndication as real news does. Pages carry the
boilerplate of real sites (navigation, cookie banners, "most read" boxes, share buttons, footers,
reader comments), about a sixth are in French, Spanish or German, and the archive also holds request
records, redirects, 404s and non-HTML responses (robots.txt, images), as a crawl does.

The output is deterministic for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from html import escape

SYLLABLES = [
    "ka",
    "lo",
    "ve",
    "ra",
    "min",
    "dor",
    "sel",
    "ta",
    "brun",
    "ost",
    "fal",
    "ke",
    "mar",
    "ri",
    "va",
    "lin",
    "gor",
    "pe",
    "sa",
    "tun",
    "wick",
    "ham",
    "ber",
    "ley",
    "ford",
]
FIRST = [
    "Anna",
    "Marta",
    "Daniel",
    "Tomas",
    "Lucia",
    "Sophie",
    "Karim",
    "Elena",
    "Jonas",
    "Priya",
    "Omar",
    "Ines",
    "Paul",
    "Yara",
    "Felix",
    "Nadia",
    "Ivan",
    "Clara",
    "Mateo",
    "Lena",
]
OUTLET_WORDS = [
    "Herald",
    "Ledger",
    "Courier",
    "Gazette",
    "Post",
    "Observer",
    "Tribune",
    "Chronicle",
    "Sentinel",
    "Dispatch",
    "Examiner",
    "Mirror",
]
TOWN_WORDS = ["North", "South", "East", "West", "Upper", "Lower", "New", "Old", "Port", "Lake"]


def word(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {word(rng, rng.choice((2, 3)))}"


@dataclass
class Outlet:
    name: str
    domain: str
    language: str
    layout: int
    comments: bool


@dataclass
class Event:
    kind: str
    place: str
    country: str
    org: str
    leader: str
    rival: str
    witness: str
    number: int
    amount: int
    percent: float
    day: datetime
    facts: dict[str, str] = field(default_factory=dict)


# ------------------------------------------------------------------------------------------- sentences
# {place} {country} {org} {leader} {rival} {witness} {n} {amount} {pct} {weekday} are filled per article.

EN = {
    "strike": {
        "title": [
            "{n} workers walk out at {place} as talks with {org} collapse",
            "Strike paralyses {place}: {org} and unions trade blame",
            "{place} strike enters second day with no deal in sight",
        ],
        "body": [
            "About {n} workers at {place} stopped work on {weekday}, after talks with {org} broke down overnight.",
            "The union led by {leader} is asking for a pay rise of {pct} per cent, while {org} has offered less than half of that.",
            '"We have waited three years for a fair offer," {leader} told reporters outside the main gate.',
            "{rival}, who speaks for {org}, said the demands would cost {amount} million dollars a year and were not affordable.",
            "Shops and suppliers across {country} reported delays as lorries queued on the access roads.",
            '"Nobody tells us anything, we just wait," said {witness}, a driver stuck in the queue since the morning.',
            "The last strike of this size at {place} lasted eleven days and ended with a mediated settlement.",
            "Mediators from the labour ministry are expected to meet both sides later this week.",
        ],
    },
    "flood": {
        "title": [
            "Floods in {place} force {n} people from their homes",
            "{place} under water after river bursts its banks",
            "Rescue teams race to reach villages cut off near {place}",
        ],
        "body": [
            "Heavy rain on {weekday} pushed the river above its banks, and about {n} residents of {place} were evacuated.",
            "Emergency services said water levels had risen by {pct} metres in less than six hours.",
            '"The water came into the kitchen in minutes," said {witness}, who spent the night in a school gym.',
            "{leader}, the regional governor, promised {amount} million in emergency aid for the worst-hit districts.",
            "Critics led by {rival} said warnings about the old levees had been ignored for years.",
            "Roads and rail lines to {place} remain closed, and {org} asked people to avoid travel.",
            "Meteorologists expect more rain across {country} before the weekend.",
            "Volunteers filled sandbags through the night along the river promenade.",
        ],
    },
    "rates": {
        "title": [
            "{org} raises interest rate to {pct}% to fight inflation",
            "Central bank surprises markets with rate rise in {country}",
            "{country} borrowing costs climb as {org} tightens again",
        ],
        "body": [
            "{org} raised its main interest rate to {pct} per cent on {weekday}, its third increase this year.",
            "Governor {leader} said inflation remained too high and that the bank was ready to act again.",
            '"Price stability is the condition for everything else," {leader} told a news conference in {place}.',
            "Finance minister {rival} criticised the decision, saying it would hurt small businesses.",
            "The decision was taken by a vote of five to two, according to the bank's statement.",
            "Mortgage lenders in {country} are expected to pass on the increase within weeks, adding about {amount} dollars a year to a typical loan.",
            "The currency gained against the dollar after the announcement.",
            '"Families are already struggling," said {witness}, a shop owner in {place}.',
        ],
    },
    "fire": {
        "title": [
            "Fire destroys warehouse in {place}, {n} firefighters deployed",
            "Huge blaze at {org} site in {place} under control",
            "Investigation opened into {place} warehouse fire",
        ],
        "body": [
            "A fire broke out at a warehouse of {org} in {place} early on {weekday}, and {n} firefighters fought it for hours.",
            "Fire chief {leader} said nobody was hurt but the building was a total loss.",
            '"The smoke could be seen from the motorway," said {witness}, who lives two streets away.',
            "Damage is estimated at {amount} million dollars, according to the company.",
            "{rival}, a local councillor, called for an inquiry into safety checks at the site.",
            "Residents of {place} were told to keep windows closed as a precaution.",
            "It was the second fire at an industrial site in {country} this month.",
            "Investigators were expected on the scene once the ruins had cooled, about {pct} days from now.",
        ],
    },
    "election": {
        "title": [
            "{leader} wins mayoral race in {place} with {pct}% of the vote",
            "{place} elects {leader} after tight campaign",
            "Turnout of {n} thousand as {place} picks new mayor",
        ],
        "body": [
            "{leader} won the election for mayor of {place} on {weekday} with {pct} per cent of the vote.",
            "The runner-up, {rival}, conceded defeat shortly before midnight.",
            '"This city voted for change," {leader} told supporters gathered in the main square.',
            "About {n} thousand voters cast a ballot, the highest turnout in two decades.",
            "{org} had backed {rival} and spent about {amount} thousand dollars on advertising.",
            '"I hope the new mayor fixes the buses," said {witness}, a student who voted for the first time.',
            "The result is seen as a test for the national government of {country}.",
            "The new council will meet for the first time next month.",
        ],
    },
}

FR = {
    "title": [
        "{place} : {n} personnes touchées, {org} sous pression",
        "À {place}, la colère monte contre {org}",
    ],
    "body": [
        "Environ {n} personnes sont concernées à {place} depuis {weekday}, selon les autorités.",
        "« Nous ne pouvons plus attendre », a déclaré {leader} devant la presse.",
        "{rival} estime le coût à {amount} millions de dollars et juge la situation préoccupante.",
        "Les habitants de {country} suivent la situation avec inquiétude.",
        "« Personne ne nous a prévenus », raconte {witness}, rencontré sur place.",
        "Une réunion est prévue dans les prochains jours avec {org}.",
    ],
}
ES = {
    "title": [
        "{place}: {n} afectados y {org} en el centro de las críticas",
        "Tensión en {place} tras la decisión de {org}",
    ],
    "body": [
        "Unas {n} personas se vieron afectadas en {place} desde el {weekday}, según las autoridades.",
        "«No podemos esperar más», afirmó {leader} ante los periodistas.",
        "{rival} cifró el coste en {amount} millones de dólares.",
        "Los vecinos de {country} siguen la situación con preocupación.",
        "«Nadie nos avisó», contó {witness}, vecino de la zona.",
        "Se espera una reunión con {org} en los próximos días.",
    ],
}
DE = {
    "title": [
        "{place}: {n} Betroffene, {org} in der Kritik",
        "Unruhe in {place} nach Entscheidung von {org}",
    ],
    "body": [
        "Rund {n} Menschen sind in {place} seit {weekday} betroffen, teilten die Behörden mit.",
        "„Wir können nicht länger warten“, sagte {leader} vor Journalisten.",
        "{rival} bezifferte die Kosten auf {amount} Millionen Dollar.",
        "Die Menschen in {country} verfolgen die Lage mit Sorge.",
        "„Niemand hat uns gewarnt“, erzählte {witness} vor Ort.",
        "In den kommenden Tagen ist ein Treffen mit {org} geplant.",
    ],
}
OTHER = {"fr": FR, "es": ES, "de": DE}
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
}
UI = {
    "en": ("Home", "World", "Business", "Sport", "Culture", "Subscribe", "Most read", "Share", "Comments"),
    "fr": (
        "Accueil",
        "Monde",
        "Économie",
        "Sport",
        "Culture",
        "S'abonner",
        "Les plus lus",
        "Partager",
        "Commentaires",
    ),
    "es": (
        "Portada",
        "Mundo",
        "Economía",
        "Deportes",
        "Cultura",
        "Suscríbete",
        "Lo más leído",
        "Compartir",
        "Comentarios",
    ),
    "de": (
        "Startseite",
        "Welt",
        "Wirtschaft",
        "Sport",
        "Kultur",
        "Abonnieren",
        "Meistgelesen",
        "Teilen",
        "Kommentare",
    ),
}
COMMENTS = {
    "en": [
        "Typical. Nobody ever learns.",
        "Thanks for the clear report.",
        "Where is the government in all this?",
    ],
    "fr": ["Toujours la même histoire.", "Merci pour cet article.", "Et le gouvernement dans tout ça ?"],
    "es": ["Siempre lo mismo.", "Gracias por la información.", "¿Y el gobierno dónde está?"],
    "de": ["Immer dasselbe.", "Danke für den Bericht.", "Und wo bleibt die Regierung?"],
}


# ------------------------------------------------------------------------------------------- generation


def make_outlets(rng: random.Random, n: int = 48) -> list[Outlet]:
    outlets = []
    for i in range(n):
        language = "en" if i % 6 else rng.choice(("fr", "es", "de"))
        name = (
            f"The {word(rng)} {rng.choice(OUTLET_WORDS)}"
            if language == "en"
            else f"{word(rng)} {word(rng, 1)}"
        )
        domain = name.lower().replace("the ", "").replace(" ", "") + ".example"
        outlets.append(Outlet(name, domain, language, layout=i % 4, comments=rng.random() < 0.5))
    return outlets


def make_event(rng: random.Random, day: datetime) -> Event:
    kind = rng.choice(sorted(EN))
    town = f"{rng.choice(TOWN_WORDS)} {word(rng)}" if rng.random() < 0.3 else word(rng, 3)
    return Event(
        kind=kind,
        place=town,
        country=word(rng, 3) + "ia",
        org=f"{word(rng)} {rng.choice(('Authority', 'Group', 'Bank', 'Holdings', 'Council', 'Union'))}",
        leader=person(rng),
        rival=person(rng),
        witness=person(rng),
        number=rng.randrange(200, 9000, 50),
        amount=rng.randrange(5, 900),
        percent=round(rng.uniform(1.5, 9.5), 1),
        day=day,
    )


def fill(template: str, ev: Event, rng: random.Random, language: str, drift: bool) -> str:
    n = ev.number
    if drift and rng.random() < 0.5:  # outlets that disagree on the figure
        n = int(n * rng.choice((0.9, 1.1, 1.25)))
    return template.format(
        place=ev.place,
        country=ev.country,
        org=ev.org,
        leader=ev.leader,
        rival=ev.rival,
        witness=ev.witness if rng.random() < 0.7 else person(rng),
        n=f"{n:,}" if language == "en" else str(n),
        amount=ev.amount,
        pct=ev.percent,
        weekday=WEEKDAYS[language][ev.day.weekday()],
    )


def article_text(ev: Event, outlet: Outlet, rng: random.Random) -> tuple[str, list[str]]:
    bank = EN[ev.kind] if outlet.language == "en" else OTHER[outlet.language]
    title = fill(rng.choice(bank["title"]), ev, rng, outlet.language, drift=False)
    body = list(bank["body"])
    lead, rest = body[0], body[1:]
    rng.shuffle(rest)
    chosen = [lead] + rest[: rng.randint(max(3, len(rest) - 3), len(rest))]
    paragraphs = [fill(s, ev, rng, outlet.language, drift=True) for s in chosen]
    # join some sentences into longer paragraphs, as papers do
    merged: list[str] = []
    for p in paragraphs:
        if merged and rng.random() < 0.35:
            merged[-1] += " " + p
        else:
            merged.append(p)
    return title, merged


def render(
    outlet: Outlet,
    url: str,
    title: str,
    paragraphs: list[str],
    when: datetime,
    author: str,
    rng: random.Random,
    dateline: str | None,
) -> str:
    ui = UI[outlet.language]
    nav = "".join(f'<li><a href="/{escape(s.lower())}/">{escape(s)}</a></li>' for s in ui[:5])
    most_read = "".join(
        f'<li><a href="/news/{rng.randrange(10**6)}">{escape(word(rng, 3))} {escape(word(rng, 2).lower())}</a></li>'
        for _ in range(5)
    )
    body_paras = list(paragraphs)
    if dateline:
        body_paras[0] = f"{dateline} {body_paras[0]}"
    body = "\n".join(f"<p>{escape(p)}</p>" for p in body_paras)
    if rng.random() < 0.4:  # an inline promo inside the article, a classic leftover
        at = rng.randrange(1, max(2, len(body_paras)))
        promo = f'<div class="promo"><a href="/newsletter">{escape(ui[5])}</a></div>'
        parts = body.split("\n")
        parts.insert(at, promo)
        body = "\n".join(parts)
    comments = ""
    if outlet.comments:
        items = "".join(
            f'<li class="comment"><span class="author">{escape(person(rng))}</span>'
            f'<time datetime="{(when + timedelta(hours=i + 1)).isoformat()}"></time><p>{escape(c)}</p></li>'
            for i, c in enumerate(rng.sample(COMMENTS[outlet.language], 2))
        )
        comments = f'<section class="comments"><h3>{escape(ui[8])}</h3><ol>{items}</ol></section>'
    iso = when.isoformat()
    head = (
        f'<meta charset="utf-8"><title>{escape(title)} | {escape(outlet.name)}</title>'
        f'<meta property="og:title" content="{escape(title)}">'
        f'<meta property="og:site_name" content="{escape(outlet.name)}">'
        f'<meta property="article:published_time" content="{iso}">'
        f'<meta name="author" content="{escape(author)}"><link rel="canonical" href="{escape(url)}">'
    )
    # what real pages carry around the article: tracking scripts, styles, a "related" rail
    script = "".join(
        f'<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"section":"{escape(ui[rng.randrange(1, 5)])}",'
        f'"slot":"ad-{i}","id":{rng.randrange(10**9)},"consent":false}});</script>'
        for i in range(rng.randint(20, 60))
    )
    style = (
        "<style>"
        + "".join(f".c{i}{{margin:{i % 7}px;color:#{rng.randrange(16**6):06x}}}" for i in range(200))
        + "</style>"
    )
    related = "".join(
        f'<li><a href="/news/{rng.randrange(10**6)}"><img src="/img/{rng.randrange(10**6)}.jpg" alt="">'
        f"{escape(word(rng, 3))} {escape(word(rng, 2).lower())} {escape(word(rng, 2).lower())}</a></li>"
        for _ in range(rng.randint(8, 20))
    )
    cookie = (
        '<div id="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>'
    )
    share = f'<div class="share">{escape(ui[7])}: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>'
    byline = f'<p class="byline">{escape(author)} · <time datetime="{iso}">{when:%d %b %Y %H:%M}</time></p>'
    article = (
        f'<article><h1>{escape(title)}</h1>{byline}{share}<div class="article-body">{body}</div></article>'
    )
    if outlet.layout == 1:  # div soup instead of <article>
        article = f'<div id="content"><div class="headline"><h1>{escape(title)}</h1></div>{byline}<div class="text">{body}</div>{share}</div>'
    aside = (
        f'<aside class="most-read"><h3>{escape(ui[6])}</h3><ol>{most_read}</ol></aside>'
        f'<section class="related"><ul>{related}</ul></section>'
    )
    footer = f'<footer><p>© {when.year} {escape(outlet.name)}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>'
    if outlet.layout == 2:
        main = f"<main>{aside}{article}{comments}</main>"
    else:
        main = f"<main>{article}{comments}{aside}</main>"
    return (
        f'<!DOCTYPE html><html lang="{outlet.language}"><head>{head}{style}{script}</head><body>{cookie}'
        f'<header><a class="logo" href="/">{escape(outlet.name)}</a><nav><ul>{nav}</ul></nav></header>'
        f"{main}{footer}</body></html>"
    )


@dataclass
class Page:
    url: str
    html: str
    when: datetime


def generate(n: int, seed: int = 1) -> Iterator[Page]:
    """``n`` pages about ``n // 5`` or so events, each told by 2 to 8 outlets (some as wire copies)."""
    rng = random.Random(seed)
    outlets = make_outlets(rng)
    start = datetime(2026, 3, 1, 6, 0, tzinfo=timezone.utc)
    made = 0
    serial = 0
    while made < n:
        ev = make_event(rng, start + timedelta(hours=made // 3))
        tellers = rng.sample(outlets, k=min(n - made, rng.randint(2, 8)))
        wire_title, wire_paras = (
            article_text(ev, tellers[0], rng) if tellers[0].language == "en" else (None, None)
        )
        agency = rng.choice(("Meridian Wire", "Northern Press", "Global Desk"))
        for outlet in tellers:
            serial += 1
            if wire_paras is not None and outlet.language == "en" and rng.random() < 0.25:
                title, paragraphs = wire_title or "", list(wire_paras)  # republished wire copy
                if rng.random() < 0.5:
                    paragraphs.append(f"{ev.org} did not answer a request for comment from {outlet.name}.")
                dateline = f"{ev.place.upper()}, {ev.day:%B} {ev.day.day} ({agency}) -"
                author = agency
            else:
                title, paragraphs = article_text(ev, outlet, rng)
                dateline = None
                author = person(rng)
            when = ev.day + timedelta(minutes=rng.randrange(0, 36 * 60))
            slug = "-".join(title.lower().split()[:6]).replace(":", "").replace(",", "")
            url = f"https://www.{outlet.domain}/{when:%Y/%m/%d}/{slug}-{serial}"
            yield Page(url, render(outlet, url, title, paragraphs, when, author, rng, dateline), when)
            made += 1


# ------------------------------------------------------------------------------------------- WARC


def write_warc(path: str, n: int, *, seed: int = 1, gzip: bool | None = None) -> int:
    """Write ``n`` HTML pages (plus the crawl's other records) to ``path``; returns the HTML page count."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed + 7)
    compress = path.endswith(".gz") if gzip is None else gzip
    pages = 0
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        writer.write_record(
            writer.create_warcinfo_record(
                path, {"software": "newsprism make_warc.py", "format": "WARC File Format 1.1"}
            )
        )
        for page in generate(n, seed):
            date = page.when.strftime("%Y-%m-%dT%H:%M:%SZ")
            if rng.random() < 0.2:  # the request that fetched it
                req = StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", page.url.split("/")[2])], is_http_request=True
                )
                writer.write_record(
                    writer.create_warc_record(
                        page.url, "request", http_headers=req, warc_headers_dict={"WARC-Date": date}
                    )
                )
            _response(writer, page.url, 200, "text/html; charset=utf-8", page.html.encode("utf-8"), date)
            pages += 1
            roll = rng.random()
            host = page.url.split("/")[2]
            if roll < 0.03:
                _response(
                    writer,
                    f"https://{host}/robots.txt",
                    200,
                    "text/plain",
                    b"User-agent: *\nAllow: /\n",
                    date,
                )
            elif roll < 0.05:
                _response(
                    writer, page.url + "/amp", 404, "text/html", b"<html><body>Not found</body></html>", date
                )
            elif roll < 0.07:
                _response(
                    writer,
                    f"https://{host}/logo.png",
                    200,
                    "image/png",
                    b"\x89PNG\r\n\x1a\n" + bytes(64),
                    date,
                )
            elif roll < 0.08:
                _response(
                    writer, f"http://{host}/", 301, "text/html", b"", date, [("Location", f"https://{host}/")]
                )
    return pages


def _response(
    writer,
    url: str,
    status: int,
    ctype: str,
    body: bytes,
    date: str,
    extra: list[tuple[str, str]] | None = None,
) -> None:  # type: ignore[no-untyped-def]
    from warcio.statusandheaders import StatusAndHeaders

    reason = {200: "OK", 301: "Moved Permanently", 404: "Not Found"}[status]
    headers = [("Content-Type", ctype), ("Content-Length", str(len(body)))] + (extra or [])
    http = StatusAndHeaders(f"{status} {reason}", headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(record)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", help="the WARC file to write (.warc.gz: one gzip member per record)")
    parser.add_argument("-n", type=int, default=5000, help="HTML pages (default 5000)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    pages = write_warc(args.out, args.n, seed=args.seed)
    print(f"wrote {pages} HTML pages to {args.out}")


if __name__ == "__main__":
    main()
