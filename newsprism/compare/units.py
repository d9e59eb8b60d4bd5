"""Claim units: the sentences of an article, long ones split at clause boundaries, quotes kept whole."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsprism.records import Article, Number

MAX_WORDS = 22  # sentences longer than this are split at clause boundaries
MIN_WORDS = 4  # a clause shorter than this stays with its neighbour
# Clause boundaries: semicolons, dashes, and a comma or space before a subordinating or contrastive
# conjunction, a relative "which/after which", or a participle that adds a second fact ("…, killing 23",
# "…, sending nine cars into the river", "…, précipitant neuf véhicules", "…, dejando 14 muertos").
_CONJUNCTIONS = (
    "while|whereas|but|although|though|after which|which|when|"
    "mientras|pero|aunque|cuando|tras lo cual|lo que|"
    "tandis que|mais|alors que|bien que|lorsque|quand|soit|ce qui|"
    "während|aber|jedoch|obwohl|als|wobei|nachdem|"
    "а|но|тогда как|хотя|когда"
)
# a participle of consequence opening a clause after a comma: what the event caused ("…, defeating X"
# restates the first fact and stays with it)
_PARTICIPLE = (
    r"(?:killing|leaving|sending|causing|forcing|injuring|destroying|affecting|wounding|trapping|"
    r"faisant|laissant|tuant|blessant|précipitant|entraînant|provoquant|causant|forçant|"
    r"dejando|matando|hiriendo|causando|provocando|obligando|arrastrando|afectando)\b"
)
# "… was built in 1971 and had been due for renovation", "… carried 9.2 million passengers and
# reported a profit": a second finite verb joined by "and"
_AND_VERB = (
    r"\s+and\s+(?=(?:had|has|have|was|were|is|are|will|would|could|said|says|told|warned|vowed|"
    r"[a-z]{3,}ed)\b)"
    # "…, and it is due to reopen on June 20", "…, et elle rouvrira…", "…, und er kündigte …": a new subject
    r"|,\s+(?:and|et|und|y)\s+(?=(?:it|they|he|she|we|il|elle|ils|elles|er|sie|es|él|ella)\s)"
)
_CLAUSE_BREAK = re.compile(
    r"\s*;\s+|\s+[—–]\s+|,\s+(?=(?:" + _CONJUNCTIONS + r")\b|" + _PARTICIPLE + r")"
    r"|\s+(?=(?:when|cuando|lorsque)\b)|,?" + _AND_VERB,
    re.I,
)
# a trailing apposition that ranks the fact ("…, the largest penalty in the country's history", "…, la plus
# lourde sanction", "…, la mayor multa", "…, die höchste Strafe", "…, крупнейший штраф"): a second fact
_RANKING = (
    r"(?:the|its|their)\s+(?:largest|biggest|highest|lowest|worst|deadliest|heaviest|greatest|costliest|"
    r"longest|strongest|smallest|steepest|sharpest|most|least)\b|"
    r"(?:la|le|les|l['’])\s*(?:plus|moins|pire)\b|"
    r"(?:el|la|los|las|lo)\s+(?:mayor|menor|peor|mejor|más)\b|"
    r"(?:der|die|das|den|dem)\s+(?:höchst|größt|schwerst|schlimmst|teuerst|tödlichst|stärkst|niedrigst|"
    r"längst|meist)\w*|"
    r"(?:крупнейш|самы|наибольш|рекордн|худш)\w*"
)
# German main clauses joined by a bare comma ("Der Betreiber muss bis Juni zahlen, das Unternehmen
# kündigte Berufung an"): an article, a capitalised noun and a verb after the comma; not after a verb of
# saying, whose comma opens the reported clause ("Horak sagte, die Brücke sei geprüft worden")
_DE_MAIN = (
    r"(?<!sagte)(?<!sagt)(?<!erklärte)(?<!betonte)(?<!meinte)(?<!hieß)(?<!warnte)(?<!kritisierte)"
    r"(?<!\bso)(?<!teilte\s\w{3})"
    r",\s+(?=(?:der|die|das|ein|eine|dies\w*)\s+(?-i:[A-ZÄÖÜ]\w+(?:\s+[A-ZÄÖÜ]\w+)?\s+[a-zäöüß]{3,})\b)"
)
# boundaries that mark a second fact even in a shorter sentence ("… à 7,4 %, soit 1 900 000 chômeurs")
_STRONG = re.compile(
    r"\s*;\s+|,\s+(?=(?:soit|although|whereas|aunque|tandis que|alors que|während|wobei|тогда как)\b|"
    + _PARTICIPLE
    + r"|(?:"
    + _RANKING
    + r"))|,?"
    + _AND_VERB
    + r"|"
    + _DE_MAIN,
    re.I,
)
STRONG_WORDS = 12  # sentences longer than this are split at those
# "… and to plant 10,000 trees", "… et de planter …", "… y la plantación de …": a second pledge or fact
_AND = re.compile(r",?\s+(?:and|et|y|und|и)\s+(?=(?:de|to|zu|la|le|the|die|der|el)\s)", re.I)
AND_WORDS = 16  # clauses longer than this are also split at such coordinations
_WORD = re.compile(r"\w+", re.UNICODE)
# a relative clause set inside its main clause: the main verb follows it after a comma
_EMBEDDED = re.compile(
    r"(?:which|who)\b[^,]*,\s+(?:will|would|is|was|are|were|has|had|have|could|can|must|may|should)\b", re.I
)
_CREDIT = re.compile(r"^\s*\([^()]*\)\s*$")  # "(Reporting by …; Editing by …)": a credit line, not a claim


@dataclass
class Unit:
    """One claim unit of one article, pointing back to its sentence."""

    article_id: str
    sentence: int  # index into Article.sentences
    text: str
    sentence_text: str
    language: str
    entity_keys: set[str] = field(default_factory=set)
    numbers: list[Number] = field(default_factory=list)
    quote: bool = False

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text.lower())


def article_units(article: Article) -> list[Unit]:
    """Claim units of an analysed article (sentences with their entities and numbers)."""
    quoted = {q.sentence for q in article.quotes if q.direct}
    ents_by_sentence: dict[int, set[str]] = {}
    for ent in article.entities:
        for s in article.sentences:
            if s.start <= ent.start < s.end:
                ents_by_sentence.setdefault(s.i, set()).add(ent.key or ent.text.lower())
                break
    nums_by_sentence: dict[int, list[Number]] = {}
    for num in article.numbers:
        nums_by_sentence.setdefault(num.sentence, []).append(num)
    units: list[Unit] = []
    dated = _dateline_end(article)
    for s in article.sentences:
        if len(_WORD.findall(s.text)) < 3 or _CREDIT.match(s.text) or s.end <= dated:
            continue  # a fragment, a credit line, or a dateline the sentence splitter cut off as a sentence
        pieces = split_clauses(s.text)
        if s.i in quoted:
            pieces = outside_quotes(s.text, pieces)
        if s.start < dated:  # the sentence the dateline's dash was cut from: "- El ministro …"
            pieces = [pieces[0].lstrip("-–—: "), *pieces[1:]]
        for piece in pieces:
            units.append(
                Unit(
                    article_id=article.id,
                    sentence=s.i,
                    text=piece,
                    sentence_text=s.text,
                    language=article.language,
                    entity_keys={k for k in ents_by_sentence.get(s.i, set()) if _mentions(piece, k, s.text)},
                    numbers=[n for n in nums_by_sentence.get(s.i, []) if n.text in piece],
                    quote=s.i in quoted,
                )
            )
    return units


def _dateline_end(article: Article) -> int:
    """Where the dateline opening the article's text ends ("Puerto Albar, 7 de marzo de 2026.-"), 0 if none."""
    from newsprism.datelines import parse_dateline

    head = article.text[:300]
    dateline, rest = parse_dateline(head)
    return len(head) - len(rest) if dateline is not None else 0


def split_clauses(sentence: str) -> list[str]:
    """A long sentence → clauses at ``;``, dashes, conjunctions and coordinations; short ones stay whole."""
    n_words = len(_WORD.findall(sentence))
    if n_words <= min(MAX_WORDS, AND_WORDS, STRONG_WORDS):
        return [sentence]
    if n_words > MAX_WORDS:
        parts = [q.strip() for p in _CLAUSE_BREAK.split(sentence) for q in _STRONG.split(p.strip())]
    else:
        parts = [p.strip() for p in _STRONG.split(sentence)] if n_words > STRONG_WORDS else [sentence]
    parts = [
        q.strip() for p in parts if p for q in (_AND.split(p) if len(_WORD.findall(p)) > AND_WORDS else [p])
    ]
    parts = [p for p in parts if p]
    merged: list[str] = []
    for part in parts:
        if merged and _EMBEDDED.match(part):  # "The supply, which is drawn from the river, will be cut…"
            merged[-1] = f"{merged[-1]}, {part}"
        elif merged and len(_WORD.findall(part)) < MIN_WORDS:
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged or [sentence]


_OPENING, _CLOSING, _STRAIGHT = "“«„‹", "”»›", '"'


def outside_quotes(sentence: str, pieces: list[str]) -> list[str]:
    """Clauses of a sentence that quotes someone, joined again wherever a cut fell inside the quotation:
    the quote stays whole, a second fact outside it ('… "an act of aggression" and said …') gets its own
    unit. A sentence with no quotation mark (a quote running over several sentences) stays whole."""
    if len(pieces) < 2 or not any(c in _OPENING + _CLOSING + _STRAIGHT for c in sentence):
        return [sentence]
    spans, at = [], 0
    for piece in pieces:
        start = sentence.find(piece, at)
        if start < 0:
            return [sentence]
        spans.append([start, start + len(piece)])
        at = start + len(piece)
    merged: list[list[int]] = []
    inside = False
    for span in spans:
        if inside:
            merged[-1][1] = span[1]
        else:
            merged.append(span)
        for c in sentence[span[0] : span[1]]:
            if c in _OPENING:
                inside = True
            elif c in _CLOSING:
                inside = False
            elif c == _STRAIGHT:
                inside = not inside
    return [sentence[a:b] for a, b in merged]


def _mentions(piece: str, key: str, sentence: str) -> bool:
    """Whether a clause carries an entity of its sentence (all clauses do when we cannot tell)."""
    if piece == sentence:
        return True
    name = key.split(":", 1)[-1]
    return any(w in piece.lower() for w in name.split() if len(w) > 2)
