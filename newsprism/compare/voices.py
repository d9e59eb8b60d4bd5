"""Who is quoted where: quotes merged by speaker across outlets, anonymous sources by description."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsprism.records import Article, Voice, VoiceQuote

_TITLES = re.compile(
    r"^(?:(?:the|la|le|el|der|die|das)\s+)?(?:(?:prime\s+)?minister|president|mayor|general\s+secretary|"
    r"chief\s+executive|spokes(?:wo)?man|spokesperson|dr\.?|mr\.?|mrs\.?|ms\.?|prof\.?|sen\.?|rep\.?|gov\.?)\s+",
    re.I,
)


def _person_tokens(key: str) -> list[str]:
    return key.split(":", 1)[-1].split()


def merge_key(keys: Iterable[str]) -> dict[str, str]:
    """Map each speaker key to a canonical key: a person's surname alone joins the full name."""
    keys = sorted(set(keys), key=lambda k: -len(k))
    canon: dict[str, str] = {}
    for key in keys:
        if key in canon:
            continue
        canon[key] = key
        if not key.startswith("person:"):
            continue
        tokens = _person_tokens(key)
        for other in keys:
            if other in canon or not other.startswith("person:"):
                continue
            o = _person_tokens(other)
            if o and tokens and o[-1] == tokens[-1] and (len(o) == 1 or o[0][0] == tokens[0][0]):
                canon[other] = key
    return canon


def find_voices(articles: list[Article]) -> list[Voice]:
    quotes = [(a, q) for a in articles for q in a.quotes if q.speaker]
    keys = [q.speaker_key or f"name:{q.speaker.lower()}" for _, q in quotes if q.speaker]
    canon = merge_key(keys)
    voices: dict[str, Voice] = {}
    names: dict[str, str] = {}
    for (article, quote), key in zip(quotes, keys, strict=True):
        ck = canon[key]
        display = _TITLES.sub("", quote.speaker or "").strip() or (quote.speaker or "")
        if len(display) > len(names.get(ck, "")):
            names[ck] = display
        voice = voices.setdefault(ck, Voice(speaker=""))
        if article.id not in voice.article_ids:
            voice.article_ids.append(article.id)
        voice.quotes.append(VoiceQuote(article.id, quote.text))
    for ck, voice in voices.items():
        voice.speaker = names[ck]
    return sorted(voices.values(), key=lambda v: (-len(v.article_ids), -len(v.quotes), v.speaker))
