"""Names across scripts and inflections: one place for transliteration and the keys built on it.

Several stages need to know that "Путина", "Putin" and "Poutine" name one person: the story clusterer
(shared entities, ``signals``), claim alignment (shared names, ``compare.align``), and voices (speakers
merged across outlets, ``compare.voices``). They share these helpers:

* ``latin``: lower case, Cyrillic written in Latin letters (a plain scientific-style table: "ж" → "zh",
  "щ" → "shch"), accents removed;
* ``stem_ru``: Russian case endings stripped from a folded name ("путина", "путиным" → "путин");
* ``name_key``: a name as it survives translation: ``latin``, one spelling per sound ("kh"/"h",
  "ts"/"c", "y"/"i", "k"/"c" …), cut to a few letters;
* ``match_form``: ``name_key`` of a name with its Russian ending and final vowels removed first, so that
  inflected forms meet ("Обаму" / "Obama", "Зеленского" / "Zelensky"; "Selenskyj" is beyond it).
  The price: names that differ only in their final vowels share a form ("Maria" / "Mario"), and names
  transcribed by sound rather than letter do not meet ("Трамп" / "Trump").
"""

from __future__ import annotations

import re
import unicodedata

CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i i e g".split(),  # noqa: SIM905
        strict=True,
    )
)
# spellings of one sound across transliterations ("Oslić" / "Ослич" / "Oslitch", "Lasc" / "Ласк")
SOUNDS = (
    ("shch", "s"),
    ("tch", "c"),
    ("ch", "c"),
    ("sh", "s"),
    ("zh", "z"),
    ("kh", "h"),
    ("ts", "c"),
    ("ck", "c"),
    ("k", "c"),
    ("q", "c"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("ph", "f"),
)
NAME_STEM = 5  # letters of a name that identify it across inflections ("Valdera" / "Валдеры")
_HAS_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Russian case endings as they look after folding (й folded to и)
_RU_ENDINGS = (
    "ыми",
    "ими",
    "ого",
    "ому",
    "ои",
    "еи",
    "ым",
    "им",
    "ом",
    "ем",
    "ую",
    "ии",
    "а",
    "я",
    "у",
    "ю",
    "е",
    "ы",
    "и",
)
_VOWELS = "aeiou"


def fold(text: str) -> str:
    """Lower-cased, accents removed ("Défense" → "defense", "й" → "и")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _transliterate(text: str) -> str:
    return "".join(CYRILLIC.get(c, c) for c in fold(text)).replace("_", "")


def latin(text: str) -> str:
    """Lower-cased, Cyrillic transliterated, accents and hyphens removed ("Алексей" → "aleksei",
    "Alexeï" → "alexei", "Jean-Luc" → "jeanluc")."""
    return _transliterate(text).replace("-", "")


def stem_ru(word: str) -> str:
    """Strip Russian case endings from a folded name so that its forms share a key (``орловои`` →
    ``орлов``, ``анны`` → ``анн``); crude, but the same for every article and process."""
    for _ in range(2):
        for ending in _RU_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
        else:
            break
    return word


def name_key(word: str, stem: int = NAME_STEM) -> str:
    """A name as it survives translation and transliteration: accent-folded, Cyrillic written in Latin
    letters, one spelling per sound, cut to its first ``stem`` letters."""
    text = _transliterate(word)
    for a, b in SOUNDS:
        text = text.replace(a, b)
    return text[:stem]


def match_form(word: str, stem: int = NAME_STEM) -> str:
    """``name_key`` after a Cyrillic word loses its case ending and any word its final vowels (kept to
    three letters): "Путина" / "Putin", "Обаме" / "Obama", "Зеленского" / "Zelensky" give one form."""
    folded = fold(word)
    if _HAS_CYRILLIC.search(folded):
        folded = stem_ru(folded)
    text = name_key(folded, 10_000)
    while len(text) > 3 and text[-1] in _VOWELS:
        text = text[:-1]
    return text[:stem]


__all__ = ["CYRILLIC", "SOUNDS", "NAME_STEM", "fold", "latin", "stem_ru", "name_key", "match_form"]
