"""Leftovers that trafilatura still lets through, found and dropped from its XML body tree.

trafilatura's body is a small tree of ``p``, ``head``, ``list``/``item``, ``quote``, ``table``, ``ref`` (links,
when asked for) … Each *block* (an element holding text and no further block) is looked at on its own and
in its run of neighbours: share lines, "read more" and related-article lists, newsletter and subscribe
prompts, follow-us lines, photo credits alone on a line, cookie notices, comment counters, tag lines, a
repeated headline. The rules are cue phrases in the languages newsprism meets most and the shape of the
block (short, all links); none names a site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

BLOCK_TAGS = frozenset({"p", "head", "item", "quote", "cell", "code"})
_WORD = re.compile(r"\w+", re.UNICODE)

# A line that *starts* with one of these cues and is short points the reader elsewhere.
_POINTER = (
    r"read (?:more|also|next|this)|see also|related (?:articles?|stories|posts|coverage|content|links|reading)|"
    r"more (?:on|from|about|stories|news|coverage)|also read|you (?:may|might) also (?:like|enjoy|be interested)|"
    r"recommended (?:for you|stories|articles)|most (?:read|popular|viewed)|trending now|don['’]?t miss|"
    r"explore further|further reading|top stories|editor'?s picks|popular (?:now|stories)|next up|up next|"
    r"lesen sie (?:auch|mehr)|mehr zum thema|weitere artikel|auch lesen|schon gelesen|das könnte sie|"
    r"das thema könnte|empfohlene beiträge|mehr themen|"
    r"lea (?:también|más)|lee (?:también|más)|vea (?:también|más)|ver (?:también|más)|"
    r"notas relacionadas|te puede interesar|le puede interesar|también te puede|noticias relacionadas|"
    r"leia (?:também|mais)|veja (?:também|mais)|saiba mais|"
    r"(?:à|a) lire (?:aussi|également)|lire aussi|voir aussi|sur le même sujet|"
    r"leggi (?:anche|tutto)|potrebbe interessarti|"
    r"czytaj (?:też|także|również|więcej)|zobacz (?:też|także|również)|"
    r"читайте также|смотрите также"
)
# single words that are cues only when punctuation follows ("Related:", "Mira: …", "Also: …")
_BARE_CUES = r"related|recommended|trending|also|watch|weiterlesen|zum thema|lea|mire|mira|по теме"
# the cue ends the line or is followed by punctuation ("Read more: …", "Related", "Schon gelesen?")
_POINTER_RE = re.compile(
    rf"^\W{{0,3}}(?:{_POINTER}|{_BARE_CUES})(?:\s*(?:[:?!…|»›>\-–—]|\.\.\.)|\s*$)", re.IGNORECASE
)
# a multi-word cue opening a short line or a link ("Weitere Artikel zum Thema", "More from the Courier")
_POINTER_START = re.compile(rf"^\W{{0,3}}(?:{_POINTER})\b", re.IGNORECASE)

# Whole-line boilerplate: the block is dropped when it matches and is short.
_LINE_PATTERNS = {
    "share": re.compile(
        r"^\W*(?:share(?: this(?: article| story| post)?| on| via)?|teilen(?: mit)?|partager|compartir|"
        r"compartilhe|condividi|udostępnij|поделиться|tweet|pin it|e-?mail|print|whatsapp|facebook|twitter|"
        r"linkedin|pinterest|reddit|flipboard|telegram|messenger|x)\b[\s\W]*(?:(?:facebook|twitter|linkedin|"
        r"pinterest|reddit|whatsapp|e-?mail|print|tweet|telegram|messenger|copy link|x)\b[\s\W]*)*$",
        re.IGNORECASE,
    ),
    "newsletter": re.compile(
        r"\b(?:our|free|daily|weekly|morning|evening|unser(?:en)?|notre|nuestro|il nostro)\b[^.]{0,40}\bnewsletters?\b|"
        r"\bnewsletters?\b[^.]{0,60}\b(?:sign|subscri|inbox|abonn|anmeld|inscri|suscri|bestell|iscriv)|"
        r"^[^.!?]{0,40}\bnewsletters?\W*$|^\W*(?:sign up|subscribe|abonnieren|abonnez|suscr[ií]bete|assine|iscriviti|"
        r"zapisz się|подпишитесь)\b|\bsubscribe (?:now|today|here|to (?:our|the))\b|\byour (?:inbox|subscription)\b|"
        r"thanks for signing up|already a subscriber|(?:to (?:continue|keep) reading|for the full story)\b.*"
        r"\bsubscri",
        re.IGNORECASE,
    ),
    "follow": re.compile(
        r"^\W*(?:follow|folgen sie|síguenos|suivez|siga|seguici)\b.*\b(?:facebook|twitter|instagram|linkedin|"
        r"youtube|tiktok|telegram|x)\b|\bfollow (?:us|@\w+)\b",
        re.IGNORECASE,
    ),
    "credit": re.compile(
        r"^\W*(?:photo|photos|foto|fotos|image|images|picture|bild|bilder|credit|credits|crédits?(?: photos?)?|"
        r"source|quelle|fuente|fonte|źródło|illustration|video|graphic|grafik|copyright|©|\(c\))\s*(?:by|:|©|/)"
        r"|^\W*(?:getty images|afp|reuters|ap|dpa|epa|shutterstock|istock|imago)\b[\s\W]*(?:/|$)"
        r"|^\W*(?:photo|foto|image|picture) (?:by|courtesy)\b"
        r"|^\W*©|\(\s*(?:photo|credit|foto|bild|image)\s*:[^)]*\)\s*$",
        re.IGNORECASE,
    ),
    "wire credit": re.compile(
        r"^\W*(?:(?:additional )?reporting|editing|writing|compiled|translated|research) by\b|"
        r"^\W*(?:mit material (?:von|der)|con información de)\b",
        re.IGNORECASE,
    ),
    "cookie": re.compile(
        # a site speaking of its own cookies, not a report about cookies
        r"\b(?:we|wir|nous|usamos|utilizamos|utilizziamo|(?:this|our|diese|unsere) (?:web)?(?:site|seite)|ce site|"
        r"este sitio)\b.*\bcookies?\b|\bcookies?\b.*\b(?:(?:this|our|diese|unsere) (?:web)?(?:site|seite)|ce site|"
        r"este sitio)\b|\bby continuing\b.*\bcookies?\b|^\W*(?:accept|akzeptieren|accepter|aceptar) (?:all )?cookies",
        re.IGNORECASE,
    ),
    "counter": re.compile(
        r"^\W*(?:\d+\s+)?(?:comments?|kommentare?(?: insgesamt)?|commentaires?|comentarios?|commenti|komentarze|"
        r"reactions?|replies|responses)(?:\s*\(\d+\))?\W*$|^\W*(?:view|show|hide|load|post|add|leave) "
        r"(?:\w+ )?(?:comments?|a reply)\W*$|^\W*(?:tags?|schlagwörter|schlagworte|etiquetas|mots-clés|"
        r"filed under|posted in|categories|kategorien)\s*:|^\W*(?:tags?|themen|temas)\W*$"
        r"|^\W*(?:reading time|lesezeit|tempo de leitura|tiempo de lectura|temps de lecture)\b"
        r"|^\W*(?:advertisement|anzeige|werbung|publicidad|publicité|sponsored|reklama)\W*$"
        r"|\b(?:click|tap)(?:ing)? here\b|^\W*(?:back to top|(?:zurück )?nach oben|zurück|scroll to top)\W*$",
        re.IGNORECASE,
    ),
}
_MAX_WORDS = {
    "share": 12,
    "newsletter": 30,
    "follow": 30,
    "credit": 14,
    "wire credit": 45,
    "cookie": 60,
    "counter": 25,
}


@dataclass
class Block:
    element: etree._Element
    text: str
    words: int
    link_ratio: float


def block_text(element: etree._Element) -> str:
    """The element's text, runs of white space made one space (``str.split`` and ``\\s`` agree on
    what white space is; splitting is the faster of the two)."""
    return " ".join("".join(element.itertext()).split())


def text_key(text: str) -> str:
    """A block's text reduced to its lower-cased words: the key of :func:`link_ratios`."""
    return " ".join(_WORD.findall(text.lower()))


_LINKED_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "dd", "dt", "figcaption", "blockquote")


class PageTexts:
    """:func:`block_text` of a page's elements and :func:`text_key` of texts, each computed once:
    :func:`link_ratios` and :mod:`newsprism.htmlgaps` walk the same page and read the same paragraphs."""

    def __init__(self) -> None:
        self._texts: dict[etree._Element, str] = {}  # holds the elements, so each keeps its proxy
        self._keys: dict[str, str] = {}

    def text(self, element: etree._Element) -> str:
        text = self._texts.get(element)
        if text is None:
            text = self._texts[element] = block_text(element)
        return text

    def key(self, text: str) -> str:
        key = self._keys.get(text)
        if key is None:
            key = self._keys[text] = text_key(text)
        return key


def link_ratios(page: etree._Element, texts: PageTexts | None = None) -> dict[str, float]:
    """For each text element of the original page: the share of its text that sits in links."""
    texts = texts or PageTexts()
    out: dict[str, float] = {}
    for element in page.iter(*_LINKED_TAGS):
        text = texts.text(element)
        if not text or len(text) > 600:
            continue
        key = texts.key(text)
        if key and key not in out:
            link_chars = sum(len(block_text(a)) for a in element.iter("a"))
            out[key] = min(1.0, link_chars / max(1, len(text)))
    return out


def blocks_of(body: etree._Element, links: dict[str, float] | None = None) -> list[Block]:
    """The text blocks of a trafilatura body tree, in document order.

    A block's link ratio comes from ``links`` (see :func:`link_ratios`) when its text is found there,
    else from the ``ref`` elements trafilatura kept in it.
    """
    out: list[Block] = []
    for element in body.iter(*BLOCK_TAGS):
        if any(child.tag in BLOCK_TAGS for child in element.iter() if child is not element):
            continue
        text = block_text(element)
        if not text:
            continue
        ratio = (links or {}).get(text_key(text))
        if ratio is None:
            ratio = min(1.0, sum(len(block_text(ref)) for ref in element.iter("ref")) / max(1, len(text)))
        out.append(Block(element, text, len(_WORD.findall(text)), ratio))
    return out


def line_reason(text: str, words: int) -> str | None:
    """Why one line on its own is a leftover ("share", "newsletter", …), or None when it is content."""
    for reason, pattern in _LINE_PATTERNS.items():
        if words <= _MAX_WORDS[reason] and pattern.search(text):
            return reason
    return None


def is_shouting(text: str) -> bool:
    """A line in capitals (four words or more): in a body, a promoted link rather than prose."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(text.split()) >= 4
        and len(letters) >= 12
        and sum(c.isupper() for c in letters) >= 0.9 * len(letters)
    )


def is_pointer(text: str, words: int, link_ratio: float = 0.0) -> bool:
    """A "Read more: …" / "Related" line: a cue then punctuation, or in a short line, or in a link."""
    if words > 25:
        return False
    if _POINTER_RE.match(text):
        return True
    return (link_ratio >= 0.5 or words <= 6) and bool(_POINTER_START.match(text))


def _same_heading(a: str, b: str) -> bool:
    a, b = text_key(a), text_key(b)
    return (
        bool(a)
        and bool(b)
        and (a == b or (len(a) > 15 and b.startswith(a)) or (len(b) > 15 and a.startswith(b)))
    )


def remove(element: etree._Element) -> None:
    """Drop ``element`` from its tree, keeping its tail text; an emptied list or quote goes too."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
    if (
        parent.tag in ("list", "quote", "row", "table")
        and len(parent) == 0
        and not (parent.text or "").strip()
    ):
        remove(parent)


def leftovers(
    blocks: list[Block], title: str | None = None, headings: frozenset[str] = frozenset()
) -> set[int]:
    """Indices of the blocks that are leftovers (the rules of this module, in document order)."""
    drop: set[int] = set()
    if blocks and title and _same_heading(blocks[0].text, title):
        drop.add(0)
    elif blocks and blocks[0].words <= 30 and text_key(blocks[0].text) in headings:
        drop.add(0)  # the page's own headline (an <h1>) repeated as the first line
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if is_pointer(block.text, block.words, block.link_ratio):
            drop.add(i)
            # the cue heads a list of links: drop the short, mostly-linked blocks that follow it
            j = i + 1
            while (
                j < len(blocks)
                and blocks[j].words <= 30
                and (blocks[j].link_ratio >= 0.5 or (blocks[j].element.tag == "item" and block.words <= 6))
            ):
                drop.add(j)
                j += 1
            i = j
            continue
        if line_reason(block.text, block.words) or (block.link_ratio >= 0.5 and is_shouting(block.text)):
            drop.add(i)
        i += 1
    # runs of two or more short blocks made only of links are teaser lists, wherever they are
    run: list[int] = []
    for k in range(len(blocks) + 1):
        if k < len(blocks) and blocks[k].link_ratio >= 0.9 and blocks[k].words <= 20:
            run.append(k)
            continue
        if len(run) >= 2:
            drop.update(run)
        run = []
    return drop


def clean_body(
    body: etree._Element,
    title: str | None = None,
    links: dict[str, float] | None = None,
    headings: frozenset[str] = frozenset(),
) -> list[str]:
    """Drop leftover blocks from trafilatura's ``body`` in place; returns the dropped texts, in order.

    ``headings`` holds the :func:`text_key` of the page's ``<h1>`` texts (a repeated headline goes).
    """
    blocks = blocks_of(body, links)
    removed: list[str] = []
    for k in sorted(leftovers(blocks, title, headings)):
        removed.append(blocks[k].text)
        remove(blocks[k].element)
    return removed


def clean_lines(lines: list[str], links: dict[str, float] | None = None) -> tuple[list[str], list[str]]:
    """The same rules over text lines (what trafilatura left outside its paragraph elements)."""
    blocks = [
        Block(etree.Element("p"), line, len(_WORD.findall(line)), (links or {}).get(text_key(line), 0.0))
        for line in lines
    ]
    drop = leftovers(blocks)
    return [b.text for k, b in enumerate(blocks) if k not in drop], [blocks[k].text for k in sorted(drop)]


def page_headings(page: etree._Element) -> frozenset[str]:
    """The :func:`text_key` of every ``<h1>`` of the page."""
    return frozenset(k for k in (text_key(block_text(h)) for h in page.iter("h1")) if k)
