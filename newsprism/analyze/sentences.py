"""Sentence segmentation with character offsets into ``Article.text``.

sentencex does the splitting, paragraph by paragraph (a sentence never crosses a blank line). Around it:

* abbreviations sentencex does not know in some languages (``M. Dupont``, ``г. Иванов``, initials such as
  ``J. Smith``) are merged back into the sentence they belong to;
* machine-translated text with glued words (``said.The minister``) is split at the glue;
* a paragraph without sentence punctuation is cut at whitespace into pieces of at most ``max_sentence``
  characters, so the later stages never see an unbounded sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsprism.records import Sentence

MAX_SENTENCE_CHARS = 1500

# sentencex codes it knows well; any other language falls back to English rules
_OPENERS = '"“„«‘「'
_PARAGRAPH = re.compile(r"\n\s*\n")
_GLUE = re.compile(r"(?<=[a-zà-ÿа-яё]{2}[.!?])(?=[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zà-ÿа-яё])")
_INITIAL = re.compile(r"(?:^|\s)(?:[A-ZÀ-ÖØ-ÞА-ЯЁ]|[A-ZА-Я][a-zа-я]{0,2}\.[A-ZА-Я])\.\s*$")

_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "mr",
            "mrs",
            "ms",
            "dr",
            "sen",
            "rep",
            "gov",
            "gen",
            "col",
            "lt",
            "sgt",
            "st",
            "prof",
            "jr",
            "sr",
            "no",
            "vs",
        ]
    ),
    "fr": frozenset(
        ["m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "st", "ste", "gén", "col", "av", "apr", "j.-c"]
    ),
    "de": frozenset(["dr", "prof", "hr", "fr", "nr", "bzw", "ca", "z.b", "u.a", "d.h", "usw", "vgl", "st"]),
    "es": frozenset(["sr", "sra", "srta", "dr", "dra", "lic", "ing", "prof", "d", "dña", "ud", "uds", "núm"]),
    "it": frozenset(["sig", "sigg", "dott", "prof", "on", "avv", "ing", "dr"]),
    "ru": frozenset(
        [
            "г",
            "гг",
            "т",
            "е",
            "тыс",
            "млн",
            "млрд",
            "руб",
            "долл",
            "им",
            "ул",
            "д",
            "проф",
            "акад",
            "см",
            "стр",
        ]
    ),
    "pt": frozenset(["sr", "sra", "dr", "dra", "prof"]),
}
_LAST_WORD = re.compile(r"([\w.\-]+)\.\s*$")


def _ends_with_abbreviation(sentence: str, language: str) -> bool:
    if _INITIAL.search(sentence):
        return True
    match = _LAST_WORD.search(sentence)
    if not match:
        return False
    word = match.group(1).lower()
    known = _ABBREVIATIONS.get(language, frozenset()) | _ABBREVIATIONS["en"]
    return word in known or word.rsplit(" ", 1)[-1] in known


def _sentencex(language: str, text: str) -> list[str]:
    from sentencex import segment

    try:
        return list(segment(language, text))
    except Exception:  # sentencex has no rules for this language code: English rules
        return list(segment("en", text))


def _cut_long(start: int, end: int, text: str, limit: int) -> Iterator[tuple[int, int]]:
    """Cut [start, end) at whitespace into pieces of at most ``limit`` characters."""
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        if cut <= start:
            cut = start + limit
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for match in _PARAGRAPH.finditer(text):
        yield pos, match.start()
        pos = match.end()
    yield pos, len(text)


def split_spans(
    text: str, language: str = "en", max_sentence: int = MAX_SENTENCE_CHARS
) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (whitespace trimmed, never crossing paragraphs)."""
    spans: list[tuple[int, int]] = []
    lang = language if language in _ABBREVIATIONS or len(language) == 2 else "en"
    for p_start, p_end in _paragraph_spans(text):
        paragraph = text[p_start:p_end]
        if not paragraph.strip():
            continue
        pieces: list[tuple[int, int]] = []
        cursor = 0
        for piece in _sentencex(lang, paragraph):
            found = paragraph.find(piece.strip(), cursor) if piece.strip() else -1
            if found < 0:
                continue
            stop = found + len(piece.strip())
            pieces.append((found, stop))
            cursor = stop
        # an opening quotation mark left at the end of the previous sentence belongs to the next one
        for k in range(len(pieces) - 1):
            (s, e), (s2, e2) = pieces[k], pieces[k + 1]
            if (
                e - s > 1
                and paragraph[e - 1] in _OPENERS
                and paragraph[e - 2].isspace()
                and paragraph[s2] != paragraph[e - 1]
            ):
                pieces[k] = (s, len(paragraph[: e - 1].rstrip()))
                pieces[k + 1] = (e - 1, e2)
        # glued sentences from machine translation
        glued: list[tuple[int, int]] = []
        for s, e in pieces:
            cuts = [m.start() for m in _GLUE.finditer(paragraph, s, e)]
            for c in [*cuts, e]:
                glued.append((s, c))
                s = c
        # abbreviations that sentencex split at
        merged: list[tuple[int, int]] = []
        for s, e in glued:
            if merged and _ends_with_abbreviation(paragraph[merged[-1][0] : merged[-1][1]], lang):
                merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
        for s, e in merged:
            for a, b in _cut_long(p_start + s, p_start + e, text, max_sentence):
                if text[a:b].strip():
                    spans.append((a, b))
    return spans


def split_sentences(
    text: str, language: str = "en", max_sentence: int = MAX_SENTENCE_CHARS
) -> list[Sentence]:
    """The sentences of ``text`` with ``start``/``end`` offsets such that ``text[start:end] == sentence``."""
    return [
        Sentence(i=i, text=text[s:e], start=s, end=e)
        for i, (s, e) in enumerate(split_spans(text, language, max_sentence))
    ]


def sentence_index(sentences: list[Sentence], offset: int) -> int:
    """Index of the sentence containing character ``offset`` (the nearest before it when in a gap)."""
    lo, hi = 0, len(sentences) - 1
    best = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        if sentences[mid].start <= offset:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return best
