"""Pair similarity features, the boosted trees that map them to a score, and the SemEval-2022 Task 8 eval."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from newsprism.evaluate import similarity
from newsprism.similarity import (
    DENSE,
    LEXICAL,
    WORD_ALIGNMENT,
    BoostedTrees,
    PairScorer,
    TextParts,
    VectorCache,
    dense_features,
    fold,
    language_counts,
    lead,
    lexical_features,
    link_features,
    names,
    numbers,
    opening,
    sentences,
    url_headline,
    url_site,
    word_alignment,
)
from tests.fake_embedder import HashingEmbedder


class OtherHashingEmbedder(HashingEmbedder):
    name = "test-hashing-other"


def test_sentences_are_cut_at_ends_and_newlines_merging_tiny_pieces_and_bounded():
    text = "Storm hits Velmont\nThe storm closed the port. Ok. Ferries stopped on Monday! Roads reopened?"
    assert sentences(text) == [
        "Storm hits Velmont",
        "The storm closed the port.",
        "Ok. Ferries stopped on Monday!",
        "Roads reopened?",
    ]
    assert sentences(text, limit=2) == ["Storm hits Velmont", "The storm closed the port."]
    assert sentences("") == []


def test_opening_is_the_title_line_else_the_first_sentence_cut_at_a_word():
    assert opening("Storm hits Velmont\nThe storm closed the port.") == "Storm hits Velmont"
    assert opening("The storm closed the port. Ferries stopped.") == "The storm closed the port."
    long = "word " * 100
    assert len(opening(long)) <= 160
    assert not opening(long).endswith(" ")


def test_lead_is_the_start_of_the_text_on_one_line_cut_at_a_word():
    text = "Storm hits Velmont\nThe storm closed the port. " + "Ferries stopped again. " * 30
    out = lead(text)
    assert out.startswith("Storm hits Velmont The storm closed the port.")
    assert len(out) <= 320 and not out.endswith(" ") and "\n" not in out
    assert text.replace("\n", " ").startswith(out)
    assert lead("Short text\nhere.") == "Short text here."
    assert TextParts(text).lead == out


def test_language_counts_count_the_sides_in_each_listed_language():
    de, en, ru = TextParts("a", "de"), TextParts("b", "en-GB"), TextParts("c", "ru")
    rows = language_counts([de, de, ru], [de, en, ru], ("de", "en"))
    np.testing.assert_array_equal(rows, [[2, 0], [1, 1], [0, 0]])


def test_names_are_folded_so_they_meet_across_languages_and_sentence_starts_are_not_names():
    assert fold("Müller") == "muller"
    assert fold("Erdoğan") == "erdogan"
    german = names("Gestern sprach Kanzlerin Merkel mit Präsident Erdoğan in Ankara.")
    english = names("Yesterday chancellor Merkel met president Erdogan in Ankara.")
    assert {"merke", "erdog", "ankar"} <= german & english
    assert "gester" not in german and "yeste" not in english  # capitalised only as the first word


def test_numbers_ignore_separators_and_single_digits():
    assert numbers("15.000 people, 15,000 in all, 3 cars, 2020") == {"15000", "2020"}


def test_vector_cache_embeds_each_text_once_across_runs(tmp_path):
    model = HashingEmbedder()
    first = VectorCache(model, tmp_path).embed(["a b", "c d", "a b"])
    assert sorted(model.texts) == ["a b", "c d"]
    again = HashingEmbedder()
    second = VectorCache(again, tmp_path).embed(["c d", "a b"])
    assert again.calls == 0
    np.testing.assert_allclose(second, first[[1, 0]])


def test_dense_features_of_the_same_text_are_one_and_of_unrelated_texts_lower():
    same = TextParts("Port closed by storm\nFerries stopped on Monday. Roads reopened on Tuesday.")
    other = TextParts("Chess final drawn\nThe two players agreed a draw after forty moves.")
    rows = dense_features([same, same], [same, other], VectorCache(HashingEmbedder()))
    assert rows.shape == (2, len(DENSE))
    assert "lead" in DENSE
    np.testing.assert_allclose(rows[0], 1.0, atol=1e-5)
    assert (rows[1] < 0.5).all()


def test_dense_features_embed_only_what_the_views_need():
    a = TextParts("Port closed by storm\nFerries stopped on Monday. Roads reopened on Tuesday.")
    b = TextParts("Storm shuts port\nNo ferries on Monday.")
    model = HashingEmbedder()
    rows = dense_features([a], [b], VectorCache(model), views=("opening",))
    assert rows.shape == (1, 1)
    assert sorted(model.texts) == sorted([a.opening, b.opening])
    with pytest.raises(ValueError):
        dense_features([a], [b], VectorCache(model), views=("title",))


def test_pair_scorer_blends_a_curved_ridge_with_trees_and_beats_the_mean():
    rng = np.random.default_rng(5)
    x = rng.random((300, 4))
    y = 4 - 3 * x[:, 0] ** 2 + 0.1 * rng.standard_normal(300)
    model = PairScorer(curved=[0]).fit(x[:200], y[:200])
    assert np.corrcoef(model.predict(x[200:]), y[200:])[0, 1] > 0.95
    linear_only = PairScorer(curved=[0], trees_weight=0.0).fit(x[:200], y[:200])
    assert np.abs(linear_only.predict(x[200:]) - y[200:]).mean() < 0.15


def test_lexical_features_see_shared_names_and_numbers_across_languages():
    de = TextParts(
        "Merkel trifft Macron in Paris\nDie Kanzlerin sagte 2020 zu, 300 Millionen Euro zu geben.", "de"
    )
    en = TextParts("Merkel meets Macron in Paris\nThe chancellor pledged 300 million euros in 2020.", "en")
    chess = TextParts("Chess final in Oslo\nCarlsen drew with Nepo after 40 moves.", "en")
    rows = lexical_features([de, de], [en, chess])
    assert rows.shape == (2, len(LEXICAL))
    col = {name: i for i, name in enumerate(LEXICAL)}
    assert rows[0, col["names_containment"]] > rows[1, col["names_containment"]]
    assert rows[0, col["numbers_containment"]] == 1.0 and rows[1, col["numbers_containment"]] == 0.0
    assert rows[0, col["years_shared"]] == 1.0
    assert rows[0, col["same_language"]] == 0.0
    assert rows[0, col["lemmas_tfidf"]] >= 0.0


class GlossEmbedder(HashingEmbedder):
    """A bilingual stand-in: German words of ``GLOSS`` are embedded as their English gloss."""

    name = "test-gloss"
    GLOSS = {"regierung": "government", "hafen": "port", "sturm": "storm", "schliesst": "closes"}

    def embed(self, texts: list[str], languages: list[str] | None = None) -> np.ndarray:
        return super().embed([self.GLOSS.get(t.lower(), t) for t in texts], languages)


def test_word_alignment_matches_words_across_languages_and_weighs_rare_words_most():
    model = GlossEmbedder(dim=512)
    pairs = [
        (TextParts("Sturm schliesst Hafen", "de"), TextParts("Storm closes port", "en")),
        (TextParts("Sturm schliesst Hafen", "de"), TextParts("Chess final drawn", "en")),
        (TextParts("Storm closes port today", "en"), TextParts("Storm closes port", "en")),
        (TextParts("", "en"), TextParts("Storm closes port", "en")),
    ]
    got = word_alignment([a for a, _ in pairs], [b for _, b in pairs], model)
    assert got.shape == (4, len(WORD_ALIGNMENT))
    np.testing.assert_allclose(got[0], 1.0, atol=1e-5)  # every word has its translation opposite
    assert (got[1] < 0.5).all()
    precision, recall, f1, matched = got[2]
    assert recall == pytest.approx(1.0) and precision < 1.0 and recall > f1 > precision and matched < 1.0
    np.testing.assert_array_equal(got[3], 0.0)  # nothing to align
    assert model.calls == 1 and len(model.texts) == 10  # the ten distinct words, each embedded once


def test_word_alignment_weighs_a_word_every_text_holds_least():
    common = [TextParts(f"Velmont {w}", "en") for w in ("storm", "strike", "bridge", "chess")]
    left = [TextParts("Velmont storm", "en")] + common[1:]
    right = [TextParts("Velmont harbour", "en")] + common[1:]
    got = word_alignment(left, right, HashingEmbedder(dim=512))
    assert got[0, 2] < 0.5  # "Velmont" is shared, but every text has it: the rare words decide


def test_boosted_trees_learn_a_nonlinear_map_reproducibly():
    rng = np.random.default_rng(3)
    x = rng.random((400, 3))
    y = np.where(x[:, 0] > 0.5, 3.0, 1.0) + x[:, 1] ** 2
    model = BoostedTrees(rounds=150, learning_rate=0.1).fit(x[:300], y[:300])
    pred = model.predict(x[300:])
    assert np.corrcoef(pred, y[300:])[0, 1] > 0.95
    np.testing.assert_array_equal(
        pred, BoostedTrees(rounds=150, learning_rate=0.1).fit(x[:300], y[:300]).predict(x[300:])
    )
    assert BoostedTrees(rounds=1).fit(x, y).predict(x).std() > 0  # one tree already splits


def test_boosted_trees_on_a_constant_target_predict_it():
    x = np.random.default_rng(0).random((50, 2))
    np.testing.assert_allclose(BoostedTrees(rounds=20).fit(x, np.full(50, 2.0)).predict(x), 2.0)


STORIES = [
    ("Storm closes Velmont port", "Ferries stopped on Monday as the storm hit Velmont harbour."),
    ("Aldern teachers strike over pay", "Every school in Aldern closed as teachers walked out on pay."),
    ("Chess final drawn in Oslo", "The two players agreed a draw after forty moves in Oslo."),
    ("New bridge opens in Kestrel", "Mayor Ines Calder opened the Kestrel bridge on Friday."),
]


def write_semeval(root: Path) -> None:
    folder = root / "texts_sample_hfl"
    folder.mkdir(parents=True)
    fields = ["pair_id", "lang1", "lang2", "text1", "text2", "Overall"]
    for name, offset in (("training_set.csv", 0), ("testing_set.csv", 1000)):
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            out = csv.DictWriter(handle, fieldnames=fields)
            out.writeheader()
            for i in range(40):
                a = STORIES[i % 4]
                same = i % 2 == 0
                b = a if same else STORIES[(i + 1) % 4]
                out.writerow(
                    {
                        "pair_id": f"{offset + i}_{offset + i + 500}",
                        "lang1": "en",
                        "lang2": "en",
                        "text1": f"{a[0]}\n{a[1]} Report {i}.",
                        "text2": f"{b[0]}\n{b[1]} Update {i}.",
                        "Overall": "1.0" if same else "4.0",
                    }
                )
            out.writerow(
                {
                    "pair_id": f"{offset}_x1",
                    "lang1": "en",
                    "lang2": "de",
                    "text1": "a",
                    "text2": "b",
                    "Overall": "1",
                }
            )


@pytest.mark.parametrize("split", ["dev", "test"])
def test_evaluate_scores_a_small_copy_of_the_layout_without_augmented_rows(tmp_path, split):
    write_semeval(tmp_path / "semeval")
    fake = (HashingEmbedder(), OtherHashingEmbedder(dim=32))
    result = similarity.evaluate(tmp_path / "semeval", split, cache_dir=tmp_path / "cache", embedders=fake)
    assert result["n"] == 40
    assert result["pearson"] > 0.9
    assert result["by_language_pair"]["en-en"]["n"] == 40
    assert (tmp_path / "cache" / "test-hashing-texts.npz").exists()
    assert (tmp_path / "cache" / "test-hashing-other-texts.npz").exists()


def test_days_apart_reads_the_two_story_ids_of_the_pair_id_as_days_and_fills_odd_ids():
    day = similarity.IDS_PER_DAY
    rows = [
        {"pair_id": f"{5 * day}_{5 * day + 10}"},  # collected minutes apart
        {"pair_id": f"{9 * day}_{2 * day}"},  # a week apart, the later id first
        {"pair_id": "123"},  # not two ids
        {"pair_id": f"{day}_{4 * day}"},
    ]
    got = similarity.days_apart(rows)
    np.testing.assert_allclose(got[[0, 1, 3]], [np.log1p(10 / day), np.log1p(7.0), np.log1p(3.0)])
    assert got[2] == pytest.approx(np.log1p(3.0))  # the median of the others
    np.testing.assert_array_equal(similarity.days_apart([{"pair_id": "x"}]), [0.0])
    assert "log_days" in similarity.FEATURES


def _slug(title: str) -> str:
    return title.lower().replace(" ", "-")


def write_links(root: Path, extra: int = 60, test_score: str | None = None, evaluation: int = 0) -> None:
    """The official label files beside the text files. The training data's: the URLs of every dev and
    test pair (their scores replaced by ``test_score`` for the test pairs when given) and ``extra`` scored
    pairs of neither file. With ``evaluation``, the evaluation data's too: that many more scored pairs,
    plus one pair of the training data's file scored otherwise, one test pair (scored ``test_score``) and
    one pair beside a test article."""
    folder = root / "official_labels_urls"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for offset, score in ((0, None), (1000, test_score)):
        for i in range(40):
            a = STORIES[i % 4]
            b = a if i % 2 == 0 else STORIES[(i + 1) % 4]
            where = f"velmont.example/news/2020/05/0{i % 9 + 1}/{_slug(a[0])}-{i}.html"
            link2 = f"https://www.kestrel.example/{_slug(b[0])}-id{i}"
            rows.append((f"{offset + i}_{offset + i + 500}", f"https://{where}", link2, score, a == b))
    for i in range(extra):
        a = STORIES[i % 4]
        b = a if i % 3 == 0 else STORIES[(i + 2) % 4]
        link1, link2 = f"https://velmont.example/{_slug(a[0])}", f"https://kestrel.example/{_slug(b[0])}"
        rows.append((f"{5000 + i}_{6000 + i}", link1, link2, None, a == b))
    beside_test = ("1000_7777", "", "", "1", False)  # shares an article (1000) with a test pair
    _write_link_file(folder / "semeval-2022_task8_train-data_batch_2.csv", [*rows, beside_test])
    if evaluation:
        more = []
        for i in range(evaluation):
            a = STORIES[i % 4]
            b = a if i % 2 == 0 else STORIES[(i + 3) % 4]
            link1, link2 = f"https://aldern.example/{_slug(a[0])}", f"https://oslo.example/{_slug(b[0])}"
            more.append((f"{7000 + i}_{8000 + i}", link1, link2, None, a == b))
        more += [
            ("5000_6000", "https://a.example/x", "https://b.example/y", "2.5", False),
            ("1001_1501", "https://a.example/z", "https://b.example/w", test_score or "2.5", False),
            ("1002_9999", "https://a.example/v", "https://b.example/u", "1", False),
        ]
        _write_link_file(folder / "final_evaluation_data.csv", more)


def _write_link_file(path: Path, rows: list[tuple[str, str, str, str | None, bool]]) -> None:
    fields = ["url1_lang", "url2_lang", "pair_id", "link1", "link2", "Overall"]
    with path.open("w", encoding="utf-8", newline="") as out:
        table = csv.DictWriter(out, fieldnames=fields)
        table.writeheader()
        for pair_id, link1, link2, score, same in rows:
            table.writerow(
                {"url1_lang": "en", "url2_lang": "en", "pair_id": pair_id, "link1": link1, "link2": link2}
                | {"Overall": score or ("1.0" if same else "4.0")}
            )


def test_url_headline_is_the_longest_worded_path_segment_without_numbers_and_ids():
    assert url_headline("https://www.tlz.de/blaulicht/brand-in-sulzer-siedlung-id228033745.html") == (
        "brand in sulzer siedlung"
    )
    assert (
        url_headline("https://news.example/2020/01/02/storm-closes-velmont-port/")
        == "storm closes velmont port"
    )
    assert (
        url_headline("https://x.example/a/the-decade-in-review") == "the decade in review"
    )  # letters a-f stay
    assert (
        url_headline(
            "https://youm7.example/story/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7-%D8%A7%D9%84%D9%8A%D9%88%D9%85-%D8%AE%D8%A8%D8%B1"
        )
        == "سوريا اليوم خبر"
    )
    for bare in (
        "https://www.pressherald.example/?p=5139830",
        "https://orf.example/stories/3040154/",
        "http://[x",
        "",
    ):
        assert url_headline(bare) == ""
    assert url_site("https://WWW.Kestrel.example/a") == "kestrel.example"
    assert url_site("http://[x") == ""


def test_link_features_compare_the_headlines_in_the_urls_and_the_sites():
    model = HashingEmbedder()
    cache = VectorCache(model, None)
    left = [
        "https://a.example/storm-closes-velmont-port",
        "https://a.example/storm-closes-velmont-port",
        "",
        "https://a.example/?p=1",
    ]
    right = [
        "https://b.example/storm-closes-velmont-port-again",
        "https://a.example/chess-final-drawn-in-oslo",
        "https://b.example/x-y-z",
        "https://a.example/?p=2",
    ]
    got = link_features(left, right, [("en", "en")] * 4, cache)
    assert got.shape == (4, 4)
    assert got[0, 0] > 0.8 and got[0, 1] == pytest.approx(4 / 5) and got[0, 2] == 1.0 and got[0, 3] == 0.0
    assert got[1, 0] < 0.3 and got[1, 1] == 0.0 and got[1, 3] == 1.0
    np.testing.assert_array_equal(got[2], [0, 0, 0, 0])  # one side unknown
    np.testing.assert_array_equal(got[3], [0, 0, 0, 1])  # no headline in either, one site
    assert all("?" not in t for t in model.texts)  # only headlines are embedded


def test_pair_links_learn_only_from_pairs_of_neither_file_away_from_test_articles(tmp_path):
    write_semeval(tmp_path)
    write_links(tmp_path)
    dev = similarity._read(tmp_path / "texts_sample_hfl" / "training_set.csv")
    test = similarity._read(tmp_path / "texts_sample_hfl" / "testing_set.csv")
    links = similarity.PairLinks.load([tmp_path / f for f in similarity.LINK_FILES], dev, test)
    assert len(links.urls) == 141 and links.known(dev) == 40 and links.known(test) == 40
    assert {r["pair_id"] for r in links.labelled} == {f"{5000 + i}_{6000 + i}" for i in range(60)}
    cache = VectorCache(HashingEmbedder(), None)
    columns = links.fit(cache).columns(test, cache)
    assert columns.shape == (40, len(similarity.FEATURES) - similarity.FEATURES.index("link_cosine"))
    same = np.array([i % 2 == 0 for i in range(40)])
    assert columns[same, -1].mean() < 2.0 < columns[~same, -1].mean()  # the prior reads the headlines
    unfitted = similarity.PairLinks.load([tmp_path / "missing.csv"], dev, test)
    assert unfitted.urls == {} and not unfitted.fit(cache).columns(test, cache).any()


def test_pair_links_add_the_evaluation_files_pairs_once_and_never_beside_a_test_article(tmp_path):
    write_semeval(tmp_path)
    write_links(tmp_path, evaluation=30)
    dev = similarity._read(tmp_path / "texts_sample_hfl" / "training_set.csv")
    test = similarity._read(tmp_path / "texts_sample_hfl" / "testing_set.csv")
    links = similarity.PairLinks.load([tmp_path / f for f in similarity.LINK_FILES], dev, test)
    learned = {r["pair_id"]: r for r in links.labelled}
    assert set(learned) == {f"{5000 + i}_{6000 + i}" for i in range(60)} | {
        f"{7000 + i}_{8000 + i}" for i in range(30)
    }
    assert len(links.labelled) == 90
    assert learned["5000_6000"]["Overall"] == "1.0"  # the first file's score of a pair in both
    assert links.urls["1001_1501"][0].startswith("https://velmont.example/")  # the first file's URLs
    assert links.urls["7000_8000"] == (
        "https://aldern.example/storm-closes-velmont-port",
        "https://oslo.example/storm-closes-velmont-port",
    )


def test_the_test_pairs_scores_in_the_link_file_never_change_the_result(tmp_path):
    fake = (HashingEmbedder(), OtherHashingEmbedder(dim=32))
    results = []
    for score in (None, "2.5"):
        root = tmp_path / (score or "true")
        write_semeval(root)
        write_links(root, test_score=score, evaluation=20)
        results.append(similarity.evaluate(root, "test", cache_dir=tmp_path / "cache", embedders=fake))
    assert results[0] == results[1]
    assert results[0]["n_with_urls"] == 40 and results[0]["link_prior_pairs"] == 80


def test_evaluate_reports_missing_files(tmp_path):
    from newsprism.errors import EvalDataError

    with pytest.raises(EvalDataError):
        similarity.evaluate(tmp_path, "dev", cache_dir=tmp_path)


def test_vector_features_hold_products_and_differences_per_view_and_are_symmetric():
    from newsprism.similarity import vector_features

    a = TextParts("Port closed by storm\nFerries stopped on Monday. Roads reopened on Tuesday.")
    b = TextParts("Storm shuts port\nNo ferries on Monday.")
    cache = VectorCache(HashingEmbedder())
    z = vector_features([a, a], [b, a], cache, ("full", "centroid"))
    dim = cache.model.dim
    assert z.shape == (2, 4 * dim)
    np.testing.assert_allclose(z, vector_features([b, a], [a, a], cache, ("full", "centroid")))
    cosines = dense_features([a, a], [b, a], cache, ("full", "centroid"))
    np.testing.assert_allclose(z[:, :dim].sum(axis=1), cosines[:, 0], atol=1e-5)  # products sum to the cosine
    np.testing.assert_allclose(z[1, dim : 2 * dim], 0.0)  # a text against itself differs nowhere
    np.testing.assert_allclose(z[:, 2 * dim : 3 * dim].sum(axis=1), cosines[:, 1], atol=1e-5)
    with pytest.raises(ValueError):
        vector_features([a], [b], cache, ("align",))


def test_metric_ridge_learns_which_directions_matter_and_the_stack_uses_it():
    from newsprism.similarity import MetricRidge, StackedScorer

    rng = np.random.default_rng(7)
    n, dim = 500, 200
    z = rng.standard_normal((n, dim))
    y = 2.5 - 0.8 * z[:, :5].sum(axis=1) / np.sqrt(5) + 0.1 * rng.standard_normal(n)
    metric = MetricRidge(l2=50.0).fit(z[:300], y[:300])
    assert np.corrcoef(metric.predict(z[300:]), y[300:])[0, 1] > 0.8
    wide = MetricRidge(l2=50.0).fit(z[:150], y[:150])  # more columns than rows: solved in the row space
    zz = (z[:150] - wide.mean_) / wide.scale_
    primal = np.linalg.solve(zz.T @ zz + 50.0 * np.eye(dim), zz.T @ (y[:150] - y[:150].mean()))
    np.testing.assert_allclose(wide.coef_, primal, atol=1e-8)  # same solution as the column-space solve
    assert np.corrcoef(wide.predict(z[300:]), y[300:])[0, 1] > 0.5
    x = rng.random((n, 3))  # features that know nothing: the stacked scorer must lean on the metric
    stacked = StackedScorer(curved=[0], l2=50.0).fit(x[:300], z[:300], y[:300])
    assert np.corrcoef(stacked.predict(x[300:], z[300:]), y[300:])[0, 1] > 0.75
    again = StackedScorer(curved=[0], l2=50.0).fit(x[:300], z[:300], y[:300])
    np.testing.assert_array_equal(stacked.predict(x[300:], z[300:]), again.predict(x[300:], z[300:]))


def test_random_folds_deal_every_row_into_one_of_k_balanced_folds_reproducibly():
    fold = similarity.random_folds(23, folds=5, seed=3)
    assert sorted(np.bincount(fold).tolist()) == [4, 4, 5, 5, 5]
    np.testing.assert_array_equal(fold, similarity.random_folds(23, folds=5, seed=3))
    assert not np.array_equal(fold, similarity.random_folds(23, folds=5, seed=4))


def test_grouped_folds_keep_each_group_in_one_fold_and_balance_the_rows():
    groups = np.array([0] * 6 + [1] * 5 + [2] * 4 + [3] * 3 + [4] * 2 + [5] * 2 + [6] * 1)
    fold = similarity.grouped_folds(groups, folds=3)
    for g in set(groups.tolist()):
        assert len(set(fold[groups == g].tolist())) == 1
    assert sorted(np.bincount(fold).tolist()) == [7, 8, 8]
    with pytest.raises(ValueError, match="2 groups cannot fill 5 folds"):
        similarity.grouped_folds(np.array([0, 0, 1]), folds=5)


def test_topic_groups_find_separate_directions_reproducibly():
    rng = np.random.default_rng(1)
    centres = np.eye(8)[:3]
    vectors = np.vstack([c + 0.05 * rng.standard_normal((10, 8)) for c in centres])
    labels = similarity.topic_groups(vectors, k=3, seed=0)
    assert sorted(np.bincount(labels).tolist()) == [10, 10, 10]
    for block in range(3):
        assert len(set(labels[10 * block : 10 * block + 10].tolist())) == 1
    np.testing.assert_array_equal(labels, similarity.topic_groups(vectors, k=3, seed=0))
    assert len(set(similarity.topic_groups(vectors[:2], k=20).tolist())) <= 2  # k is capped by the rows


def test_pair_topic_vectors_put_a_pair_between_its_two_texts():
    cache = VectorCache(HashingEmbedder())
    a = TextParts("Storm closes Velmont port\nFerries stopped on Monday.")
    b = TextParts("Chess final drawn in Oslo\nThe players agreed a draw.")
    v = similarity.pair_topic_vectors([a, a], [a, b], cache)
    va, vb = cache.embed([a.full, b.full])
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-6)
    np.testing.assert_allclose(v[0], va / np.linalg.norm(va), atol=1e-6)
    assert v[1] @ va > 0.5 and v[1] @ vb > 0.5


def test_grouped_cross_validation_predicts_each_group_without_its_own_rows():
    rng = np.random.default_rng(2)
    groups = np.repeat(np.arange(6), 20)
    x = rng.random((120, len(similarity.FEATURES)))
    z = rng.standard_normal((120, 10))
    y = 1 + 3 * x[:, 0] + np.where(groups == 0, 5.0, 0.0)  # group 0 is unlike the others
    grouped = similarity.cross_validated(x, z, y, folds=3, groups=groups)
    plain = similarity.cross_validated(x, z, y, folds=3)
    # unseen, group 0's offset cannot be learned; with random folds its rows leak into training
    assert (
        np.abs(grouped[groups == 0] - y[groups == 0]).mean()
        > np.abs(plain[groups == 0] - y[groups == 0]).mean()
    )


def test_evaluate_on_dev_also_reports_the_topic_grouped_cross_validation(tmp_path):
    write_semeval(tmp_path / "semeval")
    fake = (HashingEmbedder(), OtherHashingEmbedder(dim=32))
    result = similarity.evaluate(
        tmp_path / "semeval", "dev", cache_dir=tmp_path / "cache", embedders=fake, topics=6
    )
    assert result["cv"] == "5 random folds"
    assert result["grouped_cv"].startswith("5 folds of whole topics")
    assert result["pearson_grouped_cv"] > 0.5
    few = similarity.evaluate(
        tmp_path / "semeval", "dev", cache_dir=tmp_path / "cache", embedders=fake, topics=2
    )
    assert few["pearson_grouped_cv"] is None and "too few" in few["grouped_cv"]


def test_topic_directions_take_the_mean_and_main_directions_out_and_keep_unit_length():
    from newsprism.similarity import TopicDirections

    rng = np.random.default_rng(4)
    topic = np.zeros(16)
    topic[0] = 1.0
    v = 3.0 * rng.standard_normal((200, 1)) * topic + 0.1 * rng.standard_normal((200, 16)) + 0.5
    directions = TopicDirections(k=1).fit(v)
    assert abs(abs(directions.components_[0] @ topic) - 1.0) < 0.01  # the big direction is found
    out = directions.transform(v)
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-9)
    assert np.abs(out @ directions.components_[0]).max() < 1e-9  # and taken out
    assert TopicDirections(k=5).fit(v[:3]).components_.shape == (2, 16)  # at most rows - 1 directions


def test_metric_features_are_vector_features_and_directions_change_them():
    from newsprism.similarity import fit_topic_directions, metric_features, side_vectors, vector_features

    a = TextParts("Port closed by storm\nFerries stopped on Monday. Roads reopened on Tuesday.")
    b = TextParts("Storm shuts port\nNo ferries on Monday.")
    c = TextParts("Chess final drawn in Oslo\nThe players agreed a draw after forty moves.")
    cache = VectorCache(HashingEmbedder())
    sides = side_vectors([a, a, c], [b, c, b], cache, ("full", "opening"))
    assert list(sides) == ["full", "opening"] and sides["full"][0].shape == (3, cache.model.dim)
    plain = metric_features(sides)
    np.testing.assert_allclose(plain, vector_features([a, a, c], [b, c, b], cache, ("full", "opening")))
    directions = fit_topic_directions(sides, k=1)
    moved = metric_features(sides, directions)
    assert moved.shape == plain.shape and not np.allclose(moved, plain)
    np.testing.assert_allclose(
        moved, vector_features([a, a, c], [b, c, b], cache, ("full", "opening"), directions)
    )
