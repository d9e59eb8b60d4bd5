"""Events: a story's members cut into the single happenings they report."""

from __future__ import annotations

import numpy as np

from newsprism import events
from newsprism.events import EVENT_FEATURES, pair_probabilities, split_events
from newsprism.records import Article, Source, Story
from newsprism.signals import extract_signals


def article(aid: str, title: str, text: str, day: str, outlet: str, language: str = "en") -> Article:
    return Article(
        id=aid,
        title=title,
        text=text,
        published=f"2024-03-{day}",
        language=language,
        source=Source(name=outlet, domain=None),
    )


def unit(*values: float, dims: int = 8) -> np.ndarray:
    v = np.zeros(dims)
    v[: len(values)] = values
    return v / np.linalg.norm(v)


# One story as the clusterer may leave it: the Velmont dam breach and, a day later, a look-alike of the same
# subject (a second dam, another town), all close under the embedder.
BREACH = [
    article(
        "a1",
        "Velmont dam breach floods 300 homes",
        "The Velmont dam gave way on Monday, flooding 300 homes in the lower valley, officials said.",
        "04",
        "Daily Clarion",
    ),
    article(
        "a2",
        "Hundreds of homes flooded as Velmont dam gives way",
        "About 300 homes were under water after the Velmont dam breached on Monday night.",
        "04",
        "Harbour Post",
    ),
    article(
        "a3",
        "Velmont dam collapse: 300 homes flooded, mayor Calder calls for inquiry",
        "Mayor Ines Calder demanded an inquiry after the Velmont dam breach flooded 300 homes.",
        "05",
        "Morning Ledger",
    ),
]
SEQUEL = [
    article(
        "b1",
        "Engineers order Aldern reservoir drained over cracks",
        "Inspectors found cracks in the Aldern reservoir wall on Wednesday and ordered it emptied.",
        "06",
        "Daily Clarion",
    ),
    article(
        "b2",
        "Aldern reservoir to be emptied after inspectors find cracks",
        "The Aldern reservoir will be drained within 48 hours, inspectors said on Wednesday.",
        "06",
        "Harbour Post",
    ),
]
VECTORS = {
    "a1": unit(1.0, 0.20, 0.05),
    "a2": unit(1.0, 0.25, 0.0),
    "a3": unit(1.0, 0.15, 0.1),
    "b1": unit(1.0, 0.60, 0.5),
    "b2": unit(1.0, 0.65, 0.45),
}


def test_a_story_of_two_happenings_is_cut_into_two_events():
    found = split_events(BREACH + SEQUEL, VECTORS, "use-m3")
    assert sorted(sorted(e) for e in found) == [["a1", "a2", "a3"], ["b1", "b2"]]
    assert found[0][0] == "a1"  # events in order of their first member, members in time order


def test_one_happening_told_by_three_outlets_stays_one_event():
    assert split_events(BREACH, VECTORS, "use-m3") == [["a1", "a2", "a3"]]


def test_a_lone_member_and_an_empty_story_are_handled():
    assert split_events(BREACH[:1], VECTORS) == [["a1"]]
    assert split_events([], VECTORS) == []


def test_a_member_without_a_vector_is_kept_and_placed():
    vectors = {k: v for k, v in VECTORS.items() if k != "b2"}
    found = split_events(BREACH + SEQUEL, vectors, "use-m3")
    assert sorted(i for e in found for i in e) == ["a1", "a2", "a3", "b1", "b2"]
    assert not any({"b2", "a1"} <= set(e) for e in found)


def dense_only(weight: float = 40.0, bias: float = -32.0) -> dict[str, dict[str, float]]:
    """Weights under which a pair is one happening when the cosine of its vectors passes 0.8."""
    plain = {f: 0.0 for f in EVENT_FEATURES}
    return {kind: {**plain, "bias": bias, "dense": weight} for kind in ("full", "cross")}


def test_complete_linkage_never_chains_two_happenings_through_a_member_like_both():
    chain = [article(f"c{k}", f"Item {k}", "Text.", "04", f"Outlet {k}") for k in range(3)]
    angle = np.deg2rad(30)  # c0 ~ c1 ~ c2 (cos 0.87 each), c0 and c2 apart (cos 0.5)
    vectors = {f"c{k}": unit(np.cos(k * angle), np.sin(k * angle)) for k in range(3)}
    found = split_events(chain, vectors, weights=dense_only())
    assert len(found) == 2 and all(len(e) <= 2 for e in found)


def test_pairs_in_two_languages_are_judged_without_their_words():
    same_words = {f: 0.0 for f in EVENT_FEATURES}
    weights = {"full": {**same_words, "bias": -5.0, "title": 20.0}, "cross": {**same_words, "bias": -5.0}}
    twins = [
        article("e", "Velmont dam breach", "Text.", "04", "A"),
        article("f", "Velmont dam breach", "Texte.", "04", "B", language="fr"),
        article("g", "Velmont dam breach", "Text.", "04", "C"),
    ]
    i, j, p = pair_probabilities(
        [extract_signals(a) for a in twins], np.array([VECTORS["a1"]] * 3), weights=weights
    )
    by_pair = {(int(a), int(b)): float(q) for a, b, q in zip(i, j, p, strict=True)}
    assert by_pair[0, 2] > 0.99  # same language: the shared title counts
    assert by_pair[0, 1] < 0.01 and by_pair[1, 2] < 0.01  # across languages it cannot


def test_large_stories_are_cut_block_by_block_in_time_order(monkeypatch):
    monkeypatch.setattr(events, "EVENT_BLOCK", 2)
    members = [article(f"m{k}", "Same title", "Same text.", f"0{k + 1}", f"O{k}") for k in range(5)]
    vectors = {a.id: unit(1.0) for a in members}
    found = split_events(members, vectors, weights=dense_only())
    assert found == [["m0", "m1"], ["m2", "m3"], ["m4"]]


def test_shipped_weights_exist_for_both_embedders_and_every_feature():
    for model in ("use-m3", "e5-small"):
        for kind in ("full", "cross"):
            w = events.EVENT_WEIGHTS[model][kind]
            assert set(w) == {"bias", "floor", *EVENT_FEATURES}
            assert w["dense"] > 0 or w["dense_sq"] > 0
        assert all(events.EVENT_WEIGHTS[model]["cross"][f] == 0.0 for f in events.WORD_FEATURES)


def test_story_events_survive_the_json_round_trip():
    story = Story(id="s", title="t", article_ids=["a", "b", "c"], events=[["a", "c"], ["b"]])
    assert Story.from_dict(story.to_dict()).events == [["a", "c"], ["b"]]


def test_at_threshold_one_every_member_shares_one_event():
    assert len(split_events(BREACH + SEQUEL, VECTORS, "use-m3", threshold=1.0)) == 1


def test_a_less_alike_pair_is_never_more_likely_to_share_an_event():
    for language in ("en", "fr"):  # the full weights, then the cross-language ones
        pair = [
            article("p", "Velmont dam breach", "Text.", "04", "A"),
            article("q", "Velmont dam breach", "Text.", "04", "B", language=language),
        ]
        sigs = [extract_signals(a) for a in pair]
        chances = []
        for cosine in np.linspace(-0.2, 1.0, 25):
            vectors = np.array([unit(1.0, 0.0), unit(cosine, np.sqrt(1 - cosine**2))])
            chances.append(float(pair_probabilities(sigs, vectors, "use-m3")[2][0]))
        assert all(b >= a - 1e-12 for a, b in zip(chances, chances[1:], strict=False))
        assert chances[-1] > chances[0]
