from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from newsprism.compare.tone import (
    LABELS,
    SoftmaxRegression,
    ToneModel,
    apply_tone,
    article_tone,
    clause,
    comments_summary,
    main_entities,
    masked,
    score,
    side,
    story_tone,
    target_texts,
    window,
)
from newsprism.evaluate import evaluate
from newsprism.evaluate.tone import scores
from newsprism.records import Article, Comment, Entity, Sentence, Story

POSITIVE = ["praised", "hailed", "celebrated", "applauded"]
NEGATIVE = ["condemned", "slammed", "denounced", "blasted"]
NEUTRAL = ["met", "visited", "called", "told"]
DIM = 512


class HashEmbedder:
    """Bag of hashed words: a stand-in for USE that needs no model."""

    name = "hash"
    dim = DIM

    def embed(self, texts, languages=None):
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, int(hashlib.md5(word.strip(".,").encode()).hexdigest(), 16) % DIM] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@pytest.fixture
def toy_model(tmp_path) -> ToneModel:
    """Both heads fitted on sentences whose verb carries the tone; saved and loaded like the real file."""
    rng = np.random.default_rng(0)
    emb = HashEmbedder()
    texts, labels = [], []
    for label, verbs in enumerate((NEGATIVE, NEUTRAL, POSITIVE)):
        for _ in range(60):
            name = rng.choice(["Ana Ruiz", "The mayor", "Councillor Obi"])
            texts.append(
                f"{name} was {rng.choice(verbs)} by residents on {rng.choice(['Monday', 'Friday'])}."
            )
            labels.append(label)
    y = np.array(labels)
    triples = [target_texts(t, 0, t.index(" was")) for t in texts]
    x_target = np.hstack([emb.embed([tr[j] for tr in triples]) for j in range(3)])
    arrays = {}
    arrays.update(SoftmaxRegression(l2=1.0).fit(x_target, y).state("target"))
    arrays.update(SoftmaxRegression(l2=1.0).fit(emb.embed(texts), y).state("sentence"))
    path = tmp_path / "tone.npz"
    np.savez(path, **arrays)
    return ToneModel(embedder=emb, weights=path)


def make_article(aid: str, sentences: list[str], comments: list[str] = ()) -> Article:
    text, sents, ents, pos = [], [], [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(i, s, pos, pos + len(s)))
        if s.startswith("The mayor"):
            ents.append(Entity("The mayor", "PERSON", pos, pos + 9, "per:mayor"))
        pos += len(s) + 1
        text.append(s)
    return Article(
        id=aid,
        text=" ".join(text),
        sentences=sents,
        entities=ents,
        comments=[Comment(text=c) for c in comments],
    )


def test_window_keeps_words_around_the_target_and_mask_replaces_it():
    text = "one two three four five Target six seven eight nine"
    start = text.index("Target")
    assert window(text, start, start + 6, words=2) == "four five Target six seven"
    assert masked(text, start, start + 6) == "one two three four five X six seven eight nine"


def test_side_views_keep_the_words_on_one_side_of_the_target_only():
    text = "one two three four five Target six seven eight nine"
    start = text.index("Target")
    assert side(text, start, start + 6, "left", words=2) == "four five Target"
    assert side(text, start, start + 6, "right", words=2) == "Target six seven"
    assert side(text, 0, 3, "left") == "one"


def test_clause_cuts_at_contrastive_conjunctions_and_runs_on_when_too_short():
    text = "The mayor was praised by residents, but Ana Ruiz was condemned; nobody else spoke."
    start = text.index("Ana Ruiz")
    assert clause(text, start, start + 8) == "Ana Ruiz was condemned"
    assert clause(text, 0, 9) == "The mayor was praised by residents,"
    # a clause of fewer than four words runs on to the next break
    short = "Yet Obi won: voters cheered loudly for him."
    assert clause(short, 4, 7) == "Obi won: voters cheered loudly for him."


def test_label_smoothing_keeps_the_decisions_and_softens_the_probabilities():
    rng = np.random.default_rng(2)
    x = np.vstack([rng.normal(c, 1.0, size=(40, 3)) for c in np.eye(3) * 5])
    y = np.repeat(np.arange(3), 40)
    sharp = SoftmaxRegression(l2=0.1).fit(x, y)
    smooth = SoftmaxRegression(l2=0.1, smoothing=0.2).fit(x, y)
    assert np.mean(smooth.predict(x) == y) > 0.95
    assert smooth.predict_proba(x).max(axis=1).mean() < sharp.predict_proba(x).max(axis=1).mean()


def test_softmax_regression_learns_separable_classes_and_round_trips_its_state():
    rng = np.random.default_rng(1)
    centres = np.eye(3, 5) * 4
    x = np.vstack([rng.normal(c, 1.0, size=(50, 5)) for c in centres])
    y = np.repeat(np.arange(3), 50)
    model = SoftmaxRegression(l2=1.0)
    assert model.fit(x, y) is model
    assert np.mean(model.predict(x) == y) > 0.95
    again = SoftmaxRegression.from_state(model.state("h"), "h")
    assert np.allclose(again.predict_proba(x), model.predict_proba(x), atol=1e-4)


def test_score_is_positive_minus_negative_probability():
    proba = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    assert np.allclose(score(proba), [-0.6, 0.7])
    assert LABELS == ("negative", "neutral", "positive")


def test_scores_macro_f1_and_accuracy():
    gold = np.array([0, 0, 1, 2])
    pred = np.array([0, 1, 1, 2])
    result = scores(gold, pred)
    assert result["accuracy"] == 0.75 and result["n"] == 4
    assert result["macro_f1"] == round((2 / 3 + 2 / 3 + 1.0) / 3, 4)


def test_article_tone_follows_the_sentences_about_its_main_entity(toy_model):
    praised = make_article("p", ["The mayor was praised by residents on Monday.", "Rain fell."])
    condemned = make_article("n", ["The mayor was condemned by residents on Friday.", "Rain fell."])
    assert main_entities(praised) == ["per:mayor"]
    good, bad = article_tone(praised, toy_model), article_tone(condemned, toy_model)
    assert good.tone > 0.3 and bad.tone < -0.3
    assert set(good.entities) == {"per:mayor"} and good.entities["per:mayor"] == good.tone


def test_article_without_entities_takes_the_tone_of_all_its_sentences(toy_model):
    article = make_article("x", ["Councillor Obi was hailed by residents on Monday."])
    result = article_tone(article, toy_model)
    assert result.tone > 0 and result.entities == {}


def test_comments_summary_counts_and_scores_comments_and_is_none_without_them(toy_model):
    with_comments = make_article("c", ["Rain fell."], ["Ana Ruiz was slammed by residents on Friday."] * 2)
    summary = comments_summary(with_comments, toy_model)
    assert summary.count == 2 and summary.tone < 0
    empty = comments_summary(make_article("e", ["Rain fell."]), toy_model)
    assert empty.count == 0 and empty.tone is None


def test_apply_tone_fills_story_tone_entity_tone_and_comments(toy_model):
    articles = [
        make_article(
            "p", ["The mayor was applauded by residents on Monday."], ["Ana Ruiz was blasted by residents."]
        ),
        make_article("n", ["The mayor was denounced by residents on Friday."]),
    ]
    story = apply_tone(Story(id="s", title="t", article_ids=["p", "n"]), articles, toy_model)
    assert story.tone["p"] > 0 > story.tone["n"]
    assert all(-1 <= v <= 1 for v in story.tone.values())
    assert set(story.entity_tone) == {"p", "n"} and "per:mayor" in story.entity_tone["p"]
    assert story.comments["p"].count == 1 and story.comments["p"].tone < 0
    assert story.comments["n"].count == 0 and story.comments["n"].tone is None


def test_apply_tone_gives_no_number_for_a_language_the_model_does_not_cover(toy_model):
    swahili = make_article("sw", ["The mayor was praised by residents on Monday."])
    swahili.language = "sw"
    story = apply_tone(Story(id="s", title="t", article_ids=["sw"]), [swahili], toy_model)
    assert "sw" not in story.tone and story.comments["sw"].count == 0
    assert any("does not cover language 'sw'" in w for w in swahili.warnings)


def test_apply_tone_without_a_model_warns_once_and_keeps_comment_counts(tmp_path):
    model = ToneModel(embedder=HashEmbedder(), weights=tmp_path / "missing.npz")
    articles = [make_article("a", ["Rain fell."], ["ok"]), make_article("b", ["Sun shone."])]
    story = apply_tone(Story(id="s", title="t", article_ids=["a", "b"]), articles, model)
    assert story.tone == {}
    assert [w for w in story.warnings if w.startswith("tone unavailable")] == [story.warnings[0]]
    assert len(story.warnings) == 1
    assert story.comments["a"].count == 1 and story.comments["b"].count == 0


def test_eval_tone_reads_newsmtsc_files_and_reports_macro_f1_accuracy_n(tmp_path, toy_model):
    rows = [
        ("The mayor was praised by residents on Monday.", 6),
        ("The mayor was condemned by residents on Friday.", 2),
        ("The mayor met residents on Monday.", 4),
    ]
    with (tmp_path / "devtest_rw.jsonl").open("w") as fh:
        for i, (text, polarity) in enumerate(rows):
            target = {"from": 0, "to": 9, "mention": "The mayor", "polarity": float(polarity)}
            fh.write(
                json.dumps({"primary_gid": f"g{i}", "sentence_normalized": text, "targets": [target]}) + "\n"
            )
    result = evaluate("tone", tmp_path, "test", model=toy_model)
    assert {"macro_f1", "accuracy", "n"} <= set(result)
    assert result["n"] == 3 and result["accuracy"] == 1.0


@pytest.mark.slow
def test_shipped_tone_model_tells_praise_from_condemnation_in_english_and_french():
    model = ToneModel()
    items = [
        ("Senator Ana Ruiz was widely praised for her brave and generous leadership.", "Senator Ana Ruiz"),
        (
            "Senator Ana Ruiz was condemned for a disastrous, corrupt decision that betrayed voters.",
            "Senator Ana Ruiz",
        ),
        ("La sénatrice Ana Ruiz a été saluée pour son courage et sa générosité.", "La sénatrice Ana Ruiz"),
        ("La sénatrice Ana Ruiz a été accusée de corruption et vivement condamnée.", "La sénatrice Ana Ruiz"),
    ]
    tones = score(model.proba_targets([(t, t.index(m), t.index(m) + len(m)) for t, m in items]))
    assert tones[0] > 0 > tones[1]
    assert tones[2] > 0 > tones[3]


class CountingEmbedder(HashEmbedder):
    """HashEmbedder that records each call's texts and fails on a text containing ``BOOM``."""

    def __init__(self):
        self.calls = []

    def embed(self, texts, languages=None):
        from newsprism.errors import StageError

        self.calls.append(list(texts))
        if any("BOOM" in t for t in texts):
            raise StageError("cannot embed BOOM")
        return super().embed(texts, languages)


def test_story_tone_embeds_a_whole_story_at_once_and_matches_article_by_article(toy_model):
    articles = [
        make_article("p", ["The mayor was praised by residents on Monday."], ["Ana Ruiz was slammed."]),
        make_article("n", ["The mayor was condemned by residents on Friday.", "Rain fell."]),
        make_article("x", ["Councillor Obi was hailed by residents on Monday."]),  # no entity: sentences
    ]
    one_by_one = {a.id: (article_tone(a, toy_model), comments_summary(a, toy_model)) for a in articles}
    counting = CountingEmbedder()
    toy_model._embedder = counting
    together = story_tone(articles, toy_model)
    assert together == one_by_one
    assert len(counting.calls) == 2  # one call for every view of every target, one for all other texts
    assert len(counting.calls[0]) == len(set(counting.calls[0]))  # each distinct text embedded once


def test_apply_tone_scores_article_by_article_when_one_text_cannot_be_embedded(toy_model):
    toy_model._embedder = CountingEmbedder()
    articles = [
        make_article("p", ["The mayor was praised by residents on Monday."]),
        make_article("b", ["The mayor was BOOM by residents on Friday."]),
    ]
    story = apply_tone(Story(id="s", title="t", article_ids=["p", "b"]), articles, toy_model)
    assert story.tone["p"] > 0 and "b" not in story.tone
    assert any(w.startswith("tone not computed for b (") for w in story.warnings)


def test_e5_vectors_are_remembered_per_text(toy_model):
    e5 = CountingEmbedder()
    toy_model._e5 = e5
    first = toy_model._embed_e5(["Ana Ruiz", "the mayor", "Ana Ruiz"])
    again = toy_model._embed_e5(["the mayor", "Councillor Obi"])
    assert e5.calls == [["Ana Ruiz", "the mayor"], ["Councillor Obi"]]
    assert np.allclose(first[0], first[2]) and np.allclose(first[1], again[0])


def test_a_model_with_e5_views_embeds_them_with_e5_once_beside_the_use_views(tmp_path):
    emb = HashEmbedder()
    texts = [f"The mayor was {v} by residents." for vs in (NEGATIVE, NEUTRAL, POSITIVE) for v in vs] * 5
    y = np.repeat(np.arange(3), 4)
    y = np.tile(y, 5)
    views = ("sentence", "e5:window")
    x = np.hstack([emb.embed([target_texts(t, 0, 9, views)[j] for t in texts]) for j in range(2)])
    arrays = SoftmaxRegression(l2=1.0).fit(x, y).state("target")
    arrays.update(SoftmaxRegression(l2=1.0).fit(emb.embed(texts), y).state("sentence"))
    arrays["target_views"] = np.array(views)
    np.savez(tmp_path / "tone.npz", **arrays)
    use, e5 = CountingEmbedder(), CountingEmbedder()
    model = ToneModel(embedder=use, weights=tmp_path / "tone.npz")
    model._e5 = e5
    items = [("The mayor was praised by residents.", 0, 9), ("The mayor was blasted by residents.", 0, 9)]
    tones = score(model.proba_targets(items))
    assert tones[0] > 0 > tones[1]
    assert use.calls == [[t for t, _, _ in items]]
    assert e5.calls == [[target_texts(t, s, e, views)[1] for t, s, e in items]]


def test_many_new_e5_texts_are_embedded_in_two_halves_in_order(toy_model):
    from newsprism.compare.tone import E5_SPLIT_MIN

    e5 = CountingEmbedder()
    toy_model._e5 = e5
    names = [f"Councillor number {i}" for i in range(2 * E5_SPLIT_MIN + 1)]
    vectors = toy_model._embed_e5(names)
    assert sorted(map(len, e5.calls)) == [E5_SPLIT_MIN, E5_SPLIT_MIN + 1]
    assert sorted(t for call in e5.calls for t in call) == sorted(names)
    assert np.array_equal(vectors, HashEmbedder().embed(names))  # each row still belongs to its text


def test_the_shipped_e5_gives_the_same_vectors_in_two_halves_as_in_one_batch():
    from newsprism.embed import E5Embedder

    model = ToneModel()
    model._e5 = E5Embedder()
    texts = [f"The harbour master of port number {i} spoke on Tuesday." for i in range(20)]
    assert np.array_equal(model._e5_in_two(texts), np.asarray(model._e5.embed(texts), dtype=np.float32))


def test_the_outlet_and_its_dateline_agency_are_not_main_entities():
    from newsprism.compare.tone import main_entities
    from newsprism.records import Article, Dateline, Entity, Source

    article = Article(
        id="a",
        source=Source(name="Prensa Austral"),
        dateline=Dateline(place="ALBAR", agency="AHX"),
        entities=[
            Entity("Prensa Austral", "ORG", 0, 14, "org:prensa austral"),
            Entity("AHX", "ORG", 20, 23, "org:ahx"),
            Entity("Portvale", "GPE", 30, 38, "gpe:portvale"),
            Entity("ALBAR", "GPE", 40, 45, "gpe:albar"),
        ],
    )
    assert main_entities(article) == ["gpe:portvale"]
