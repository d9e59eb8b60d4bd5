"""A small store for the web tests, built from records directly (no models needed)."""

from __future__ import annotations

from newsprism.records import (
    Article,
    Claim,
    Comment,
    Contradiction,
    ContradictionValue,
    Entity,
    Evidence,
    Sentence,
    Source,
    Story,
    Voice,
    VoiceQuote,
)
from newsprism.store import Store

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def _article(i: int, outlet: str, domain: str, lang: str, title: str, sentences: list[str], **kw) -> Article:
    text = "\n\n".join(sentences)
    spans, pos = [], 0
    for n, s in enumerate(sentences):
        start = text.index(s, pos)
        spans.append(Sentence(n, s, start, start + len(s)))
        pos = start + len(s)
    return Article(
        id=f"{i:040x}",
        url=f"https://{domain}/story/{i}",
        source=Source(outlet, domain),
        title=title,
        published=f"2026-03-0{i % 9 + 1}T10:00:00+00:00",
        language=lang,
        text=text,
        sentences=spans,
        **kw,
    )


def build(store: Store) -> dict[str, str]:
    """Two stories: a normal three-outlet one and a hostile one. Returns their ids."""
    a1 = _article(
        1,
        "Harbor Ledger",
        "harborledger.example",
        "en",
        "Dockworkers strike in Portvale",
        [
            "Dockworkers in Portvale went on strike on Monday.",
            "About 6,000 workers stopped work.",
            "The union wants a 9% raise.",
        ],
        entities=[Entity("Portvale", "GPE", 14, 22, "gpe:portvale")],
        comments=[Comment("reader1", "2026-03-02T10:00:00", "Good for them.")],
    )
    a2 = _article(
        2,
        "La Brújula",
        "labrujula.example",
        "es",
        "Huelga en el puerto de Portvale",
        ["Los estibadores de Portvale iniciaron una huelga el lunes.", "Unos 6.500 trabajadores pararon."],
    )
    a3 = _article(
        3,
        "Daily Clarion",
        "dailyclarion.example",
        "en",
        "CHAOS AT THE DOCKS",
        ["Portvale's docks fell silent on Monday as dockers walked out.", "Shelves may empty by Friday."],
    )
    evil = _article(
        4,
        "Evil Times",
        "evil.example",
        "en",
        "Breaking " + HOSTILE,
        ["A hostile sentence " + HOSTILE + " sits in the body.", "Another line."],
        comments=[Comment(HOSTILE, None, "comment " + HOSTILE)],
        removed=[HOSTILE],
    )
    for a in (a1, a2, a3, evil):
        store.put_article(a, raw=b"<html><body>" + HOSTILE.encode() + b"</body></html>")
    s1 = Story(
        id="st-strike",
        title=a1.title,
        article_ids=[a1.id, a2.id, a3.id],
        claims=[
            Claim(
                "c1",
                "Dockworkers in Portvale went on strike on Monday.",
                "consensus",
                [a1.id, a2.id, a3.id],
                [
                    Evidence(a1.id, 0, a1.sentences[0].text),
                    Evidence(a2.id, 0, a2.sentences[0].text),
                    Evidence(a3.id, 0, a3.sentences[0].text),
                ],
            ),
            Claim(
                "c2",
                "About 6,000 workers stopped work.",
                "partial",
                [a1.id, a2.id],
                [Evidence(a1.id, 1, a1.sentences[1].text), Evidence(a2.id, 1, a2.sentences[1].text)],
            ),
            Claim(
                "c3",
                "Shelves may empty by Friday.",
                "unique",
                [a3.id],
                [Evidence(a3.id, 1, a3.sentences[1].text)],
            ),
        ],
        contradictions=[
            Contradiction(
                "workers — strikers",
                [
                    ContradictionValue(a1.id, "6,000", 6000.0, "workers"),
                    ContradictionValue(a2.id, "6.500", 6500.0, "workers"),
                ],
            )
        ],
        voices=[Voice("Marta Kessling", [a1.id], [VoiceQuote(a1.id, "We are not against machines.")])],
        omissions={a1.id: [], a2.id: [], a3.id: ["c2"]},
        tone={a1.id: 0.1, a2.id: -0.2, a3.id: -0.7},
        first_published=a1.published,
        last_published=a3.published,
        languages=["en", "es"],
        outlets=["Daily Clarion", "Harbor Ledger", "La Brújula"],
    )
    s2 = Story(
        id="st-evil",
        title="Breaking " + HOSTILE,
        article_ids=[evil.id],
        claims=[Claim("c9", "claim " + HOSTILE, "unique", [evil.id], [Evidence(evil.id, 0, HOSTILE)])],
        voices=[Voice(HOSTILE, [evil.id], [VoiceQuote(evil.id, HOSTILE)])],
        first_published=evil.published,
        last_published=evil.published,
    )
    store.put_story(s1)
    store.put_story(s2)
    return {"strike": s1.id, "evil": s2.id, "evil_article": evil.id, "a1": a1.id}
