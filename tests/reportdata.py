"""A small compared story, written by hand for the report tests (three outlets, one of them hostile)."""

from __future__ import annotations

from newsprism.records import (
    Article,
    Claim,
    Comment,
    CommentSummary,
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

HOSTILE = "<script>alert('x')</script>"


def _sentences(texts: list[str]) -> tuple[str, list[Sentence]]:
    out, pos = [], 0
    for i, t in enumerate(texts):
        out.append(Sentence(i, t, pos, pos + len(t)))
        pos += len(t) + 1
    return " ".join(texts), out


def articles() -> list[Article]:
    t1, s1 = _sentences(
        ["The council approved the budget on Monday.", "The mayor said the budget is 12 million."]
    )
    t2, s2 = _sentences(["Le conseil a adopté le budget lundi.", "Le budget atteint 15 millions."])
    t3, s3 = _sentences(["The council approved the budget.", "Critics called it [bold]reckless[/bold]."])
    return [
        Article(
            id="a1",
            source=Source("Alpha Times", "alpha.example"),
            title=f"Budget passes {HOSTILE}",
            published="2026-01-05T08:00:00",
            language="en",
            text=t1,
            sentences=s1,
            entities=[
                Entity("council", "ORG", 4, 11, "org:council"),
                Entity("mayor", "PERSON", 47, 52, "per:mayor"),
            ],
            comments=[
                Comment("troll", "2026-01-05T09:00:00", f"Nice {HOSTILE} budget"),
                Comment(None, None, "A waste of money."),
            ],
        ),
        Article(
            id="a2",
            url="https://beta.example/budget",
            source=Source("Beta Post", "beta.example"),
            title="Le budget adopté",
            published="2026-01-05T12:00:00",
            language="fr",
            text=t2,
            sentences=s2,
        ),
        Article(
            id="a3",
            source=Source("Gamma | Daily", None),
            title="Council budget",
            language="en",
            text=t3,
            sentences=s3,
        ),
    ]


def story() -> Story:
    return Story(
        id="st-test",
        title=f"Budget passes {HOSTILE}",
        article_ids=["a1", "a2", "a3"],
        claims=[
            Claim(
                "c1",
                "The council approved the budget on Monday.",
                "consensus",
                ["a1", "a2", "a3"],
                [
                    Evidence("a1", 0, "The council approved the budget on Monday."),
                    Evidence("a2", 0, "Le conseil a adopté le budget lundi."),
                    Evidence("a3", 0, "The council approved the budget."),
                ],
            ),
            Claim(
                "c2",
                "The budget is 12 million | or 15.",
                "partial",
                ["a1", "a2"],
                [
                    Evidence("a1", 1, "The mayor said the budget is 12 million."),
                    Evidence("a2", 1, "Le budget…"),
                ],
            ),
            Claim(
                "c3",
                "Critics called it [bold]reckless[/bold].",
                "unique",
                ["a3"],
                [Evidence("a3", 1, "Critics called it [bold]reckless[/bold].")],
            ),
        ],
        contradictions=[
            Contradiction(
                "the budget",
                [
                    ContradictionValue("a1", "12 million", 12e6, None),
                    ContradictionValue("a2", "15 millions", 15e6),
                ],
            )
        ],
        voices=[Voice("The mayor", ["a1"], [VoiceQuote("a1", "<img src=x onerror=alert(1)>")])],
        omissions={"a1": [], "a2": [], "a3": ["c2"]},
        tone={"a1": -0.5, "a2": 0.3},
        comments={
            "a1": CommentSummary(2, -0.2),
            "a2": CommentSummary(0, None),
            "a3": CommentSummary(0, None),
        },
        entity_tone={"a1": {"org:council": -0.4}},
        first_published="2026-01-05T08:00:00",
        last_published="2026-01-05T12:00:00",
        outlets=["Alpha Times", "Beta Post", "Gamma | Daily"],
        languages=["en", "fr"],
    )


def single() -> tuple[Story, list[Article]]:
    """A story of one article, compared: all its claims are its own, nothing is missing."""
    article = articles()[0]
    one = Story(
        id="st-one",
        title="Budget passes",
        article_ids=["a1"],
        claims=[
            Claim(
                "c1", "The council approved the budget on Monday.", "unique", ["a1"], [Evidence("a1", 0, "x")]
            )
        ],
        omissions={"a1": []},
        tone={"a1": 0.1},
        comments={"a1": CommentSummary(2, None)},
        warnings=["one independent source only: nothing to compare, no claim is called missing"],
    )
    return one, [article]


def with_headline() -> tuple[Story, list[Article]]:
    """The story with a fourth outlet that sent a headline only (no text: it carries no claim)."""
    headline = Article(
        id="a4",
        source=Source("Delta Radio", "delta.example"),
        title="Council passes the budget",
        published="2026-01-05T10:00:00",
        language="en",
        warnings=["headline only: the record has a title and no article text"],
    )
    told = story()
    told.article_ids.append("a4")
    told.omissions["a4"] = []
    told.warnings.append(
        "headline only, no text: Delta Radio; counted as coverage, not as a voice on any claim"
    )
    return told, [*articles(), headline]
