"""Syndication groups: wire copy republished by several outlets, origin = earliest copy."""

from __future__ import annotations

from newsprism.dedup import SyndicationIndex, jaccard, shingles, syndication_groups
from newsprism.records import Article, Source

WIRE = (
    "Engineers at the Pellham reservoir opened two spillway gates on Thursday after three days of heavy rain "
    "raised the water level to within forty centimetres of the crest, the regional water authority said. "
    "Residents of four villages downstream were told to move cars and livestock to higher ground, and the "
    "authority said it would decide by Friday morning whether a third gate must be opened. A spokeswoman, "
    "Dagny Whitlow, said the dam itself was sound and that the release was a precaution."
)
OTHER = (
    "The Kestrel city council approved a budget for a new tram line on Tuesday, ending a year of debate over "
    "the route through the old market. Councillor Bram Osei said construction could start next spring if the "
    "national government confirms its share of the money, which opposition members doubt will arrive soon. "
    "Shop owners on the market square asked for compensation during the works."
)


def make(aid: str, text: str, published: str | None, outlet: str) -> Article:
    return Article(id=aid, text=text, published=published, source=Source(name=outlet), language="en")


def test_copies_with_small_edits_form_one_group_with_the_earliest_as_origin():
    late_copy = make(
        "c", WIRE.replace("Thursday", "Thursday evening") + " (Wire)", "2026-03-05T12:00", "Gazette"
    )
    origin = make("a", WIRE, "2026-03-05T08:00", "Wire Service")
    copy = make("b", "PELLHAM — " + WIRE, "2026-03-05T09:30", "Tribune")
    groups = syndication_groups([late_copy, copy, origin, make("d", OTHER, "2026-03-05T07:00", "Post")])
    assert groups == {"b": "a", "c": "a"}
    assert origin.syndication is None and copy.syndication == "a" and late_copy.syndication == "a"


def test_index_renames_the_origin_when_an_earlier_copy_arrives_late():
    index = SyndicationIndex()
    assert index.add(make("x", WIRE, "2026-03-05T10:00", "A")) is None
    assert index.add(make("w", WIRE, "2026-03-05T06:00", "B")) is None  # published first: it is the origin
    assert index.origin_of("x") == "w"
    assert index.groups() == {"x": "w"}


def test_short_texts_and_different_stories_are_never_grouped():
    headline = "Pellham reservoir opens spillway gates after heavy rain"
    groups = syndication_groups(
        [
            make("h1", headline, "2026-03-05", "A"),
            make("h2", headline, "2026-03-05", "B"),
            make("o", OTHER, None, "C"),
        ]
    )
    assert groups == {}


def test_saved_index_reloads_its_groups_and_keeps_matching():
    index = SyndicationIndex()
    index.add(make("a", WIRE, "2026-03-05T08:00", "A"))
    index.add(make("b", WIRE + " More later.", "2026-03-05T09:00", "B"))
    restored = SyndicationIndex().load(index.save())
    assert restored.groups() == {"b": "a"}
    assert restored.add(make("c", "Update: " + WIRE, "2026-03-05T10:00", "C")) == "a"


def test_shingles_and_jaccard():
    assert shingles("One two three four five six", size=5) == {
        "one two three four five",
        "two three four five six",
    }
    assert jaccard({"a", "b"}, {"b", "c"}) == 1 / 3
