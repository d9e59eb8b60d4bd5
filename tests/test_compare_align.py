"""Alignment of claim units across articles and languages, statuses, omissions and bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsprism.analyze import analyze
from newsprism.compare import compare_story, omissions
from newsprism.compare.align import _jaccard, independent_voices, status
from newsprism.embed import get_embedder
from newsprism.records import Article, Claim, Source, Story


def make(article_id: str, language: str, text: str, published: str = "2026-03-12") -> Article:
    return analyze(
        Article(id=article_id, language=language, text=text, title=text.split(".")[0], published=published)
    )


def story_of(articles: list[Article]) -> Story:
    return Story(id="s", title="t", article_ids=[a.id for a in articles])


@pytest.fixture(scope="module")
def use():
    return get_embedder("use")


def claim_of(story: Story, article_id: str, fragment: str) -> Claim:
    return next(
        c for c in story.claims if any(e.article_id == article_id and fragment in e.text for e in c.evidence)
    )


EN = (
    "The government of Velmora signed a contract on Thursday for the Skyward air and ballistic missile "
    "defense system. The purchase covers six batteries. Opposition lawmakers said hospitals needed the "
    "money more. The weather in the capital was mild."
)
EN2 = (
    "Velmora has bought a system of air defense by missiles, named Skyward. It will receive six batteries "
    "in total. A local football club won its derby on Sunday."
)
FR = (
    "Velmora a signé jeudi un contrat pour le système de défense aérienne et antimissile balistique Skyward. "
    "L'achat porte sur six batteries. Les députés de l'opposition estiment que les hôpitaux auraient eu "
    "davantage besoin de cet argent."
)


def test_paraphrases_and_translations_align_in_one_claim(use):
    articles = [make("en", "en", EN), make("en2", "en", EN2), make("fr", "fr", FR)]
    story = compare_story(story_of(articles), articles, embedder=use)
    system = claim_of(story, "en", "Skyward")
    assert set(system.article_ids) == {"en", "en2", "fr"}
    assert system.status == "consensus"
    assert {e.article_id for e in system.evidence} == {"en", "en2", "fr"}
    hospitals = claim_of(story, "fr", "hôpitaux")
    assert set(hospitals.article_ids) == {"en", "fr"} and hospitals.status == "partial"
    football = claim_of(story, "en2", "football")
    assert football.status == "unique"


def test_omissions_list_the_consensus_claims_an_article_does_not_carry(use):
    articles = [make("en", "en", EN), make("en2", "en", EN2), make("fr", "fr", FR)]
    story = compare_story(story_of(articles), articles, embedder=use)
    hospitals = claim_of(story, "fr", "hôpitaux")
    assert hospitals.id in story.omissions["en2"]
    by_id = {c.id: c for c in story.claims}
    for article_id, missing in story.omissions.items():
        for claim_id in missing:
            assert article_id not in by_id[claim_id].article_ids
            assert by_id[claim_id].status != "unique"


def test_a_headline_only_article_is_coverage_not_a_voice(use):
    articles = [make("en", "en", EN), make("fr", "fr", FR)]
    headline = Article(
        id="h", language="en", title="Velmora buys Skyward missile defence", source=Source("Quay Radio")
    )
    both = compare_story(story_of(articles), articles, embedder=use)
    story = compare_story(story_of([*articles, headline]), [*articles, headline], embedder=use)
    assert story.article_ids == ["en", "fr", "h"]
    assert [(c.status, c.article_ids) for c in story.claims] == [
        (c.status, c.article_ids) for c in both.claims
    ]
    assert claim_of(story, "en", "Skyward").status == "consensus"  # not broken by the headline
    assert story.omissions["h"] == []
    assert any(w.startswith("headline only, no text: Quay Radio") for w in story.warnings)


def test_one_article_story_is_all_unique_with_a_note_and_no_omissions(use):
    article = make("only", "en", EN)
    story = compare_story(story_of([article]), [article], embedder=use)
    assert story.claims and {c.status for c in story.claims} == {"unique"}
    assert story.omissions == {"only": []}
    assert any("one independent source" in w for w in story.warnings)


def test_identical_articles_are_one_syndication_group_never_consensus(use):
    articles = [make("wire", "en", EN), make("copy", "en", EN, published="2026-03-13")]
    story = compare_story(story_of(articles), articles, embedder=use)
    assert independent_voices(articles) == {"wire": "wire", "copy": "wire"}
    assert "consensus" not in {c.status for c in story.claims}
    assert all(not missing for missing in story.omissions.values())
    assert any("one independent source" in w for w in story.warnings)


def test_language_without_embedding_support_aligns_on_shared_words_with_a_warning(use):
    a = Article(
        id="a", language="sw", text="Rais wa Velmora alisaini mkataba wa ulinzi wa anga siku ya Alhamisi."
    )
    b = Article(
        id="b", language="sw", text="Velmora ilisaini mkataba wa ulinzi wa anga Alhamisi jioni mjini Korvik."
    )
    a, b = analyze(a), analyze(b)
    story = compare_story(story_of([a, b]), [a, b], embedder=use)
    assert any("aligned on shared words" in w for w in story.warnings)
    assert any(set(c.article_ids) == {"a", "b"} for c in story.claims)


def test_status_follows_design_rule_over_independent_voices():
    assert status(2, 2) == "consensus"
    assert status(2, 3) == "partial"
    assert status(3, 4) == "consensus"  # two thirds from four voices up
    assert status(2, 4) == "partial"
    assert status(1, 4) == "unique"
    assert status(1, 1) == "unique"


def test_omissions_count_syndicated_copies_once():
    story = Story(id="s", title="t", article_ids=["a", "b", "c"])
    story.claims = [Claim(id="c1", text="x", status="consensus", article_ids=["a", "b"])]
    assert omissions(story, {"a": "a", "b": "b", "c": "c"}) == {"a": [], "b": [], "c": ["c1"]}
    assert omissions(story, {"a": "a", "b": "a", "c": "a"}) == {"a": [], "b": [], "c": []}


def test_an_article_telling_the_fact_in_another_sentence_does_not_leave_it_out():
    from newsprism.compare import told_nearly
    from newsprism.compare.units import Unit
    from newsprism.records import Evidence

    units = [Unit(a, 0, a, a, "en") for a in ("a", "b", "c", "d")]
    sim = np.array(
        [
            [-np.inf, 0.8, 0.5, 0.1],
            [0.8, -np.inf, 0.46, 0.2],
            [0.5, 0.46, -np.inf, 0.1],
            [0.1, 0.2, 0.1, -np.inf],
        ]
    )
    story = Story(id="s", title="t", article_ids=["a", "b", "c", "d"])
    story.claims = [Claim("c1", "x", "partial", ["a", "b"], [Evidence("a", 0, "a"), Evidence("b", 0, "b")])]
    told = told_nearly(story, units, sim, 0.45)
    assert told == {"c1": {"c"}}  # c is close to both (0.48 on average), d is not
    origin = {a: a for a in story.article_ids}
    assert omissions(story, origin) == {"a": [], "b": [], "c": [], "d": []}  # two of four: nobody omits it
    story.claims[0].status = "consensus"
    assert omissions(story, origin) == {"a": [], "b": [], "c": ["c1"], "d": ["c1"]}
    assert omissions(story, origin, told) == {"a": [], "b": [], "c": [], "d": ["c1"]}


words = st.sets(st.sampled_from(["velmora", "skyward", "2028", "six", "korvik", "halden"]), max_size=4)


@given(st.lists(words, min_size=1, max_size=6))
def test_vectorised_jaccard_equals_the_set_formula(sets):
    got = _jaccard(sets)
    for i, a in enumerate(sets):
        for j, b in enumerate(sets):
            expected = len(a & b) / len(a | b) if a | b else 0.0
            assert np.isclose(got[i, j], expected)


def test_unanalysed_or_failing_article_is_named_in_a_warning_and_the_rest_is_compared(use, monkeypatch):
    import newsprism.compare as compare

    good = [make("en", "en", EN), make("fr", "fr", FR)]
    raw = Article(id="raw", language="en", text="Velmora bought a missile defense system on Thursday.")
    broken = make("broken", "en", EN2)
    real = compare.article_units

    def flaky(article):
        if article.id == "broken":
            raise ValueError("bad offsets")
        return real(article)

    monkeypatch.setattr(compare, "article_units", flaky)
    articles = [*good, raw, broken]
    story = compare_story(story_of(articles), articles, embedder=use)
    assert any("raw" in w and "not analysed" in w for w in story.warnings)
    assert any("broken" in w and "bad offsets" in w for w in story.warnings)
    assert any(set(c.article_ids) == {"en", "fr"} for c in story.claims)


def test_language_outside_use_goes_to_e5_with_calibrated_similarity():
    sw = make(
        "sw",
        "sw",
        "Rais wa Velmora alisaini mkataba wa ulinzi wa anga siku ya Alhamisi. Mvua kubwa ilinyesha jana.",
    )
    en = make(
        "en",
        "en",
        "The president of Velmora signed an air defence contract on Thursday. The football team lost.",
    )
    story = compare_story(story_of([sw, en]), [sw, en], embedder=get_embedder("auto"))
    assert not story.warnings
    shared = [c for c in story.claims if len(c.article_ids) == 2]
    assert len(shared) == 1 and "signed" in shared[0].text
    assert sorted(c.status for c in story.claims) == ["consensus", "unique", "unique"]


def test_claim_text_drops_datelines_and_marks_clauses_cut_from_their_sentence():
    from newsprism.compare.align import strip_dateline

    assert strip_dateline("PORTVALE, 3. März (dpx) - Im Hafen geht seit Montag nichts mehr.") == (
        "Im Hafen geht seit Montag nichts mehr."
    )
    assert (
        strip_dateline("TIERRA ALTA, 16 mar.- Nueve mineros siguen atrapados.")
        == "Nueve mineros siguen atrapados."
    )
    assert strip_dateline("although the port cannot take the largest ships.").startswith("… although")
    assert strip_dateline("The EU - and others - agreed on it.") == "The EU - and others - agreed on it."


def _pct_unit(article_id: str, text: str, *values: float, sentence: int = 0):
    from newsprism.compare.units import Unit
    from newsprism.records import Number

    nums = [Number(f"{v:g}%", v, "%", "percent", sentence) for v in values]
    return Unit(article_id, sentence, text, text, "en", numbers=nums)


def test_values_one_sentence_gives_side_by_side_keep_two_units_out_of_one_claim():
    from newsprism.compare.align import AlignParams, group_units, told_apart

    units = [
        _pct_unit("a", "87% of pilots voted in favour, on a turnout of 91%.", 87, 91),
        _pct_unit("b", "87% of the pilots backed the strike.", 87),
        _pct_unit("c", "91% of the pilots took part in the vote.", 91),
    ]
    apart = told_apart(units)
    assert apart[1, 2] and apart[2, 1] and not apart[0, 1] and not apart[0, 2]
    sim = np.array([[-np.inf, 0.8, 0.88], [0.8, -np.inf, 0.7], [0.88, 0.7, -np.inf]], dtype=np.float32)
    groups = sorted(sorted(g) for g in group_units(units, sim, AlignParams()))
    assert groups == [[0, 1], [0, 2]]  # the sentence carrying both facts pairs with each report


def test_two_sentences_that_both_hold_both_values_still_align():
    from newsprism.compare.align import told_apart

    units = [
        _pct_unit("a", "The loan at 2.5% equals 48% of output.", 2.5, 48),
        _pct_unit("b", "El crédito al 2,5 % equivale al 48 % del PIB.", 2.5, 48),
    ]
    assert not told_apart(units).any()


def test_values_that_agree_once_converted_share_a_class():
    from newsprism.compare.align import value_classes
    from newsprism.compare.units import Unit
    from newsprism.records import Number

    def u(article: str, text: str, *nums: tuple[str, float, str, str]) -> Unit:
        return Unit(article, 0, text, text, "en", numbers=[Number(t, v, un, k, 0) for t, v, un, k in nums])

    units = [
        u("a", "The mine gallery was 420 m deep.", ("420 m", 420, "m", "quantity")),
        u("b", "The gallery was 1,378 feet down.", ("1,378 feet", 1378, "feet", "quantity")),
        u("c", "It was 450 m deep.", ("450 m", 450, "m", "quantity")),
    ]
    a, b, c = value_classes(units)
    assert a == b and a and not (a & c)


def test_names_match_across_scripts_and_inflections():
    from newsprism.compare.align import name_key

    assert name_key("Маранек") == name_key("Maranek")
    assert name_key("Ослич") == name_key("Oslić")
    assert name_key("Валдеры") == name_key("Valdera")
    assert name_key("Dravena") == name_key("dravénien")
    assert name_key("Voronin") != name_key("Vask")


def test_sentences_measuring_different_things_never_share_a_claim():
    from newsprism.compare.align import told_apart
    from newsprism.compare.units import Unit
    from newsprism.records import Number

    def u(article: str, text: str, *nums: tuple[str, float, str, str]) -> Unit:
        return Unit(article, 0, text, text, "en", numbers=[Number(t, v, un, k, 0) for t, v, un, k in nums])

    units = [
        u(
            "a",
            "Ruskel bought 1.2 million tonnes, worth $640 million.",
            ("1.2 million tonnes", 1.2e6, "t", "quantity"),
            ("$640 million", 6.4e8, "USD", "money"),
        ),
        u("b", "Le pays a acheté 1,2 million de tonnes.", ("1,2 million de tonnes", 1.2e6, "t", "quantity")),
        u(
            "c",
            "Las importaciones sumaron 640 millones de dólares.",
            ("640 millones de dólares", 6.4e8, "USD", "money"),
        ),
        u("d", "Ruskel is Dravena's main customer."),
    ]
    apart = told_apart(units)
    assert apart[1, 2] and not apart[0, 1] and not apart[0, 2] and not apart[1, 3]


def test_a_figure_only_some_articles_report_is_a_claim_of_its_own():
    from newsprism.compare.align import figure_groups
    from newsprism.compare.units import Unit
    from newsprism.records import Number

    def u(article: str, text: str, *pcts: float) -> Unit:
        return Unit(
            article, 0, text, text, "en", numbers=[Number(f"{p}%", p, "%", "percent", 0) for p in pcts]
        )

    units = [
        u("a", "A recount was ordered after Haman won 50.1% against 49.9% for Lasc.", 50.1, 49.9),
        u("b", "Se ordenó un recuento; Haman obtuvo el 50,1 %.", 50.1),
        u("c", "Lasc набрала 49,9%.", 49.9),
        u("d", "Die Stimmen werden neu ausgezählt."),
    ]
    sim = np.full((4, 4), 0.6, dtype=np.float32)
    np.fill_diagonal(sim, -np.inf)
    assert sorted(figure_groups(units, [[0, 1, 2, 3]], sim, 0.45)) == [[0, 1], [0, 2]]
    # a figure one article alone gives in the whole story is that article's claim alone
    units[3] = u("d", "Die Stimmen werden neu ausgezählt, 2,4 Prozent waren ungültig.", 2.4)
    assert sorted(figure_groups(units, [[0, 1, 2, 3]], sim, 0.45)) == [[0, 1], [0, 2], [3]]


def test_names_most_of_a_storys_units_hold_are_no_anchors():
    from newsprism.compare.align import specific_anchors
    from newsprism.compare.units import Unit

    texts = [f"Officials in Ruskel met on day {k}." for k in range(7)] + [
        "Trade minister Oslic met Vask in the capital.",
        "Minister Oslic called the tariff an act of aggression.",
        "Farmers in Ruskel protested.",
    ]
    units = [Unit(f"a{k}", 0, t, t, "en") for k, t in enumerate(texts)]
    held = specific_anchors(units, 0.30)
    assert all("rusce" not in h for h in held)  # 8 of 10 units name Ruskel: the story's own name
    assert {"oslic", "vasc"} <= held[7] and "oslic" in held[8]
    assert specific_anchors(units[:4], 0.30)[0] >= {"rusce"}  # too few units to tell: all kept


LEADER = "The union leader, who has led the dockers for a decade and more, vowed on Monday not to move."


def test_claims_never_read_alike_and_groups_on_the_same_sentences_are_one_claim():
    from newsprism.compare.align import claims_from_groups
    from newsprism.compare.units import Unit

    wire = 'Workers struck on Monday, and "we will not move," the union leader said.'
    units = [
        Unit("a", 0, wire, wire, "en"),
        Unit("b", 0, "Workers struck on Monday.", "Workers struck on Monday.", "en"),
        Unit("c", 2, LEADER, LEADER, "en"),
        Unit("b", 0, "Dockers walked out on Monday.", "Workers struck on Monday.", "en"),
    ]
    sim = np.full((4, 4), 0.5)
    sim[0, :] = sim[:, 0] = 0.9  # the wire sentence is the most central unit of every group
    groups = [[0, 1], [0, 2], [0, 3]]  # the wire sentence tells two facts; groups 1 and 3 share sentences
    origin = {"a": "a", "b": "b", "c": "c"}
    claims = claims_from_groups("s", units, groups, sim, origin)
    assert len(claims) == 2  # [0, 1] and [0, 3] rest on the same two sentences
    texts = [c.text for c in claims]
    assert texts == [wire, LEADER]  # the wire sentence would have shown both
    assert {(e.article_id, e.sentence) for c in claims for e in c.evidence} == {("a", 0), ("b", 0), ("c", 2)}


def test_a_claim_whose_sentences_another_shows_is_named_by_its_figure():
    from newsprism.compare.align import claims_from_groups
    from newsprism.compare.units import Unit
    from newsprism.records import Number

    text = (
        "The port, which handles $48 billion a year, accounts for roughly a third of the country's imports."
    )
    units = [
        Unit("a", 0, text, text, "en", numbers=[Number("$48 billion", 48e9, "USD", "money", 0)]),
        Unit("b", 0, "The port handles $48bn of trade.", "The port handles $48bn of trade.", "en"),
        Unit("c", 0, text, text, "en", numbers=[Number("a third", 33.3, "%", "percent", 0)]),
    ]
    units[1].numbers = [Number("$48bn", 48e9, "USD", "money", 0)]
    sim = np.full((3, 3), 0.5)
    sim[0, :] = sim[:, 0] = 0.9
    claims = claims_from_groups("s", units, [[0, 1], [2]], sim, {"a": "a", "b": "b", "c": "c"})
    texts = [c.text for c in claims]
    assert texts[0] == text
    assert texts[1].startswith("… ") and "a third" in texts[1] and texts[1] != text


def test_units_sharing_a_value_are_not_told_apart_by_their_other_values():
    """3.1% "above the 3% target" and 3.1% "up from 2.6%" tell one fact, the 3.1%, though a third
    article gives the target and December's 2.6% side by side."""
    from newsprism.compare.align import told_apart
    from newsprism.compare.units import Unit
    from newsprism.records import Number

    def unit(article: str, text: str, *values: float) -> Unit:
        return Unit(
            article_id=article,
            sentence=0,
            text=text,
            sentence_text=text,
            language="en",
            numbers=[Number(f"{v:g}%", v, "%", "percent", 0) for v in values],
        )

    units = [
        unit("a", "Annual inflation rose to 3.1% in February from 2.6% in December.", 3.1, 2.6),
        unit("b", "Annual inflation reached 3.1% in February, just above the bank's 3% target.", 3.1, 3.0),
        unit("c", "Inflation was 3.1% in February, above the 3% target and up from 2.6%.", 3.1, 3.0, 2.6),
    ]
    apart = told_apart(units)
    assert not apart[0, 1] and not apart[0, 2] and not apart[1, 2]


def test_a_group_mostly_borrowed_from_another_is_folded_into_it_as_more_evidence():
    from newsprism.compare.align import _fold_retellings

    primaries = [[0, 1, 2, 3], [4, 5], [6, 7]]
    groups = [[0, 1, 2, 3], [4, 5, 0, 1, 2], [6, 7, 0]]
    # the second group holds two units of its own and borrowed three, all the first group's: a retelling
    assert _fold_retellings(primaries, groups) == [[0, 1, 2, 3, 4, 5], [6, 7, 0]]


def test_a_group_telling_a_larger_ones_fact_again_is_one_claim_but_a_figure_subset_stays():
    from newsprism.compare.align import _fold_near_copies
    from newsprism.compare.units import Unit

    def unit(article: str, sentence: int) -> Unit:
        return Unit(article, sentence, f"{article}{sentence}", f"{article}{sentence}", "en")

    units = [unit("a", 0), unit("b", 0), unit("c", 0), unit("d", 0), unit("d", 1), unit("e", 0)]
    big = [0, 1, 2, 3]  # a0 b0 c0 d0
    retold = [0, 1, 2, 4]  # the same, with d's other sentence: d tells the fact twice
    figure = [0, 1]  # inside the big group: a figure only a and b report
    elsewhere = [0, 1, 2, 5]  # e is not in the big group: a fact of its own
    assert _fold_near_copies(units, [big, retold, figure, elsewhere]) == [[0, 1, 2, 3, 4], figure, elsewhere]


def test_a_claim_is_shown_by_a_sentence_no_earlier_row_rests_on():
    from newsprism.compare.align import representative
    from newsprism.compare.units import Unit

    units = [
        Unit("a", 2, "The board voted five to two.", "The board voted five to two.", "en"),
        Unit(
            "b",
            0,
            "The bank raised its rate by 50 basis points.",
            "The bank raised its rate by 50 basis points.",
            "en",
        ),
        Unit("c", 3, "La junta subió la tasa.", "La junta subió la tasa.", "es"),
    ]
    sim = np.array([[-np.inf, 0.6, 0.6], [0.6, -np.inf, 0.58], [0.6, 0.58, -np.inf]])
    assert representative(units, [0, 1, 2], sim) == "The board voted five to two."
    assert (
        representative(units, [0, 1, 2], sim, told={("a", 2)})
        == "The bank raised its rate by 50 basis points."
    )


def test_a_figure_claim_is_named_by_the_figure_fewest_articles_report():
    from newsprism.compare.align import figure_text
    from newsprism.compare.units import Unit
    from newsprism.records import Number

    text = "The port, which handles $48 billion a year, takes a third of the imports."
    figures = [Number("$48 billion", 48e9, "USD", "money", 0), Number("a third", 1 / 3, None, "fraction", 0)]
    units = [
        Unit("a", 8, text, text, "en", numbers=figures),
        Unit("b", 8, text, text, "en", numbers=figures),
        Unit("c", 2, "Trade through the port is worth $48bn.", "", "en", numbers=[figures[0]]),
    ]
    named = figure_text(units, [0, 1], shown={text})
    assert named is not None and "a third" in named and "$48 billion" not in named
