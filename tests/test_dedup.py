"""Syndication groups: wire copy republished by several outlets, origin = earliest copy."""

from __future__ import annotations

import random

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


def test_copies_edited_down_to_a_jaccard_of_two_thirds_are_still_found():
    # wire copy that outlets edited (a word in twenty-five changed): exact Jaccard 0.68–0.9
    rng = random.Random(11)
    vocab = [f"w{i}" for i in range(3000)]
    found = total = 0
    while total < 60:
        base = [rng.choice(vocab) for _ in range(300)]
        copy = [w if rng.random() > 0.04 else rng.choice(vocab) for w in base]
        j = jaccard(shingles(" ".join(base)), shingles(" ".join(copy)))
        if not 0.68 <= j <= 0.9:
            continue
        index = SyndicationIndex()
        index.add(Article(id="origin", text=" ".join(base), published="2026-03-01T08:00:00"))
        total += 1
        found += (
            index.add(Article(id="copy", text=" ".join(copy), published="2026-03-01T09:00:00")) == "origin"
        )
    assert found >= 58  # 64 permutations with datasketch's default bands: 51 of these 60


def test_the_known_band_split_is_the_one_datasketch_finds():
    from datasketch import MinHashLSH

    from newsprism.dedup import KNOWN_BANDS, LSH_WEIGHTS

    for (threshold, num_perm), bands in KNOWN_BANDS.items():
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS)
        assert (lsh.b, lsh.r) == bands
