"""Language identification of clean text with py3langid (ISO 639-1, "und" when unsure)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

UNDETERMINED = "und"
_WORD = re.compile(r"\w+", re.UNICODE)


_ISO_639_1 = """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv
    dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig
    ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh
    mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru
    rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug
    uk ur uz ve vi vo wa wo xh yi yo za zh zu"""
#: the ISO 639-1 codes (two letters), the only language values an Article carries besides "und"
ISO_639_1 = frozenset(_ISO_639_1.split())
_RETIRED = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro"}  # older codes still written
#: py3langid's labels for varieties whose language has an ISO 639-1 code (Egyptian Arabic, Cantonese, …);
#: "zxx" is its label for text with no language
_VARIETIES = {
    "arz": "ar", "ary": "ar", "yue": "zh", "wuu": "zh", "uzs": "uz", "gug": "gn", "hbo": "he", "kik": "ki",
    "fuv": "ff", "zxx": UNDETERMINED,
}  # fmt: skip
#: py3langid's labels for languages without an ISO 639-1 code: kept as they are (ISO 639-3)
DETECTED_ONLY = frozenset(
    ["ace", "bcl", "crh", "ext", "gcf", "gcr", "gom", "grc", "guw", "kab", "lij", "ltg", "nso", "pcm", "sdh", "vec"]
)  # fmt: skip


def language_code(value: str | None) -> str | None:
    """A language as a page or record writes it ("en", "EN", "en-US", "pt_BR", "iw") as its ISO 639-1
    code; ``"und"`` for an empty value or "und"; ``None`` when it is none of these ("english", "xx")."""
    text = str(value or "").strip().casefold()
    if not text or text == UNDETERMINED:
        return UNDETERMINED
    primary = re.split(r"[-_]", text, maxsplit=1)[0]
    primary = _RETIRED.get(primary) or _VARIETIES.get(primary) or primary
    return primary if primary in ISO_639_1 or primary in DETECTED_ONLY or primary == UNDETERMINED else None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, min_confidence: float = 0.80, min_words: int = 3) -> str:
    """The language of ``text`` as an ISO 639-1 code, or ``"und"`` when too short or unsure."""
    sample = text[:5000]
    if len(_WORD.findall(sample)) < min_words:
        return UNDETERMINED
    lang, prob = _identifier().classify(sample)
    if prob < min_confidence:
        return UNDETERMINED
    return _VARIETIES.get(str(lang), str(lang))


def language_scores(text: str) -> list[tuple[str, float]]:
    """All languages with their normalised probabilities, best first."""
    ranked = _identifier().rank(text[:5000])
    total = sum(p for _, p in ranked) or 1.0
    return [(str(lang), float(p) / total) for lang, p in ranked]
