"""The outlet a pre-scraped page names in its own leftovers.

Text copied from a page carries no ``<meta>`` site name, but its leftovers often say whose page it was:

* a copyright or source line: "© 2026 Daily Courier", "Fuente: El Diario" (:func:`boilerplate.source_name`);
* a masthead line: "Northgate Evening Post | Business | 2 March 2026" (an outlet, a section, a date);
* a newsletter or subscription prompt: "Suscríbete al boletín de La Brújula", "abonnez-vous à La Gazette
  Libre", "Hanseblick-Newsletter: Jetzt kostenlos abonnieren!", "Get the Evening Post in your inbox".

:func:`outlet_name` tries them in that order and only then falls back on the dateline's agency: the agency
of "PORTVALE, March 2 (Meridian Wire) -" wrote the story, but the page that republished it is the outlet
being compared ("Meridian Wire" stays on the article's dateline). A name is a short run of capitalised
words, with the connectors of names in between ("Écho des Vallées", "Post of the North").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism import boilerplate as bp

MAX_NAME_WORDS = 6

_CONNECTORS = r"(?:de|del|des|du|d'|of|the|la|le|les|los|las|y|et|und|&|von|der|di|da|do|dos)"
_NAME_WORD = r"(?:[^\W\d_a-zß-ÿа-яё][\w'’.&-]*)"
# a capitalised word, then more capitalised words with connectors between them
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_CONNECTORS}\s+)*{_NAME_WORD}){{0,{MAX_NAME_WORDS - 1}}}"
# what precedes the outlet's name in a prompt
_BEFORE_NAME = re.compile(
    r"(?i)(?:\b(?:subscribe|sign up|register)\s+(?:to|for)\s+(?:the\s+)?(?:(?:free\s+)?"
    r"(?:newsletter|bulletin|briefing)s?\s+(?:of|from)\s+)?(?:the\s+)?"
    r"|\bsuscr[íi]b(?:ete|ite|irse)\s+(?:al?\s+(?:(?:bolet[íi]n|newsletter)\s+de(?:l)?\s+)?)?"
    r"|\babonnez-vous\s+(?:à|a)\s+(?:la\s+newsletter\s+d[eu]\s+)?"
    r"|\babonne-toi\s+(?:à|a)\s+|\bnewsletter\s+d[eu]\s+|\bla lettre d[eu]\s+"
    r"|\bboletín\s+de(?:l)?\s+|\biscriviti\s+alla\s+newsletter\s+d(?:i|el)\s+"
    r"|\bassine\s+(?:o|a)\s+|\bподпишитесь\s+на\s+(?:рассылку\s+)?"
    r"|\bget\s+(?:the\s+)?(?=(?:[^\W\d_][\w'’.&-]*\s+){0,5}(?:in|to)\s+your\s+inbox))"
)
# the name before "-Newsletter", " newsletter", " abonnieren"
_NAME_BEFORE = re.compile(rf"(?P<name>{_NAME})(?:-Newsletter\b|\s+newsletter\b)")
_DATE_PART = re.compile(r"\b(?:1[89]|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}\b")
_MASTHEAD_SPLIT = re.compile(r"\s+[|•·]\s+")
# a newsletter's own name, not the outlet's ("Sign up for the Morning Briefing newsletter")
_PRODUCT = re.compile(r"(?i)\b(?:briefing|digest|update|edition|bulletin|roundup|round-up|newsletter)$")
_NOT_NAMES = frozenset(
    [
        "our",
        "my",
        "your",
        "the",
        "this",
        "newsletter",
        "newsletters",
        "news",
        "home",
        "menu",
        "login",
        "log",
        "sign",
        "subscribe",
        "now",
        "today",
    ]
)


def name_at(text: str) -> str | None:
    """The outlet's name at the start of ``text`` (a run of capitalised words), or None."""
    m = re.match(_NAME, text.strip())
    if not m:
        return None
    name = m.group(0).strip(" -–—:.,")
    name = re.sub(rf"(?:\s+{_CONNECTORS})+$", "", name)  # "Post of the" → "Post"
    first = name.split()[0].lower() if name.split() else ""
    if not name or first in _NOT_NAMES and len(name.split()) == 1 or _PRODUCT.search(name):
        return None
    if bp.ui_word_share(name) >= 0.5:  # a section ("Business | Markets | 2 March"), not an outlet
        return None
    return name


def from_prompt(line: str) -> str | None:
    """The outlet a newsletter or subscription prompt names ("Suscríbete al boletín de La Brújula")."""
    if len(line) > 300 or bp.shape(line).n_words > 14:
        return None
    for m in _BEFORE_NAME.finditer(line):
        name = name_at(line[m.end() :])
        if name:
            return name
    before = _NAME_BEFORE.search(line)
    if before and not re.search(
        r"(?i)\b(?:our|my|its|their|unser\w*|notre|nuestro)\s+$", line[: before.start()]
    ):
        return name_at(before["name"])  # "our Morning Bid newsletter" names a product, not the outlet
    return None


def from_masthead(line: str) -> str | None:
    """The outlet of a masthead line: "Northgate Evening Post | Business | 2 March 2026"."""
    if len(line) > 160:
        return None
    parts = [p.strip() for p in _MASTHEAD_SPLIT.split(line.strip()) if p.strip()]
    if len(parts) < 3 or not _DATE_PART.search(parts[-1]) or _DATE_PART.search(parts[0]):
        return None
    name = name_at(parts[0])
    return name if name is not None and name == parts[0] else None


def outlet_name(removed: Sequence[str], agency: str | None = None) -> str | None:
    """The outlet named by the page's leftovers ``removed`` (copyright/source line, masthead, prompt, in
    that order), else the dateline's ``agency``."""
    for read in (bp.source_name, from_masthead, from_prompt):
        for line in removed:
            name = read(line)
            if name:
                return name
    return agency
