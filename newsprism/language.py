"""Language identification of clean text with py3langid (ISO 639-1, "und" when unsure)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

UNDETERMINED = "und"
_WORD = re.compile(r"\w+", re.UNICODE)


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
    return str(lang) if prob >= min_confidence else UNDETERMINED


def language_scores(text: str) -> list[tuple[str, float]]:
    """All languages with their normalised probabilities, best first."""
    ranked = _identifier().rank(text[:5000])
    total = sum(p for _, p in ranked) or 1.0
    return [(str(lang), float(p) / total) for lang, p in ranked]
