from pathlib import Path

import pytest

from newsprism.analyze import Analyzer, analyze, mixed_scripts
from newsprism.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "analyze"


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def test_analyze_fills_every_field_and_round_trips(analyzer: Analyzer) -> None:
    text = (FIXTURES / "article_en.txt").read_text("utf-8")
    article = analyzer(Article(id="a", text=text, language="en", published="2024-03-06T10:00:00"))
    assert article.sentences and article.entities and article.quotes and article.numbers
    assert all(e.key for e in article.entities)
    for item in (*article.quotes, *article.numbers):
        assert 0 <= item.sentence < len(article.sentences)
    assert Article.from_dict(article.to_dict()) == article


def test_input_article_is_not_modified(analyzer: Analyzer) -> None:
    original = Article(id="a", text="The mayor said the bridge would reopen in 2025.", language="en")
    analyzer(original)
    assert original.sentences == [] and original.warnings == []


def test_pipe_keeps_order_across_languages(analyzer: Analyzer) -> None:
    articles = [
        Article(id="en", text="The minister said the talks failed.", language="en"),
        Article(id="ru", text="Министр заявил, что переговоры провалились.", language="ru"),
        Article(id="fr", text="Le ministre a déclaré que les discussions avaient échoué.", language="fr"),
        Article(id="de", text="Der Minister sagte, die Gespräche seien gescheitert.", language="de"),
    ]
    out = list(analyzer.pipe(articles, batch_size=2))
    assert [a.id for a in out] == ["en", "ru", "fr", "de"]
    assert all(a.quotes for a in out), [(a.id, a.quotes) for a in out]


def test_empty_text_gives_a_warning_not_an_error(analyzer: Analyzer) -> None:
    article = analyzer(Article(id="empty", text=""))
    assert article.sentences == [] and article.quotes == []
    assert any("empty" in w for w in article.warnings)


def test_a_headline_only_article_has_no_second_empty_text_warning(analyzer: Analyzer) -> None:
    headline = Article(id="h", title="Portvale dockers strike as ships queue", language="en", text="")
    out = analyzer(headline)
    assert out.sentences == [] and not any("empty text" in w for w in out.warnings)


def test_huge_single_line_is_cut_to_the_bound_with_a_warning() -> None:
    small = Analyzer(max_chars=5_000)
    text = "The minister said that 5 people were hurt and $3bn was lost " * 20_000
    article = small(Article(id="huge", text=text, language="en"))
    assert any("only the first 5000" in w for w in article.warnings)
    assert max(s.end for s in article.sentences) <= 5_000


def test_text_without_punctuation_is_noted(analyzer: Analyzer) -> None:
    article = analyzer(Article(id="flat", text=" ".join(["word"] * 400), language="en"))
    assert any("no sentence punctuation" in w for w in article.warnings)


def test_mixed_scripts_are_noted(analyzer: Analyzer) -> None:
    text = "Президент сказал, что переговоры идут. The president said the talks continue today."
    article = analyzer(Article(id="mixed", text=text))
    assert any("mixed scripts" in w for w in article.warnings)
    assert mixed_scripts("Only Latin letters here.") == []


def test_unknown_language_is_detected_for_the_rules(analyzer: Analyzer) -> None:
    article = analyzer(
        Article(id="und", text="Der Minister sagte, die Gespräche seien gescheitert und vorbei.")
    )
    assert article.quotes and article.quotes[0].cue == "sagte"


def test_a_failing_stage_becomes_a_warning(monkeypatch: pytest.MonkeyPatch, analyzer: Analyzer) -> None:
    import newsprism.analyze as module

    def broken(*_args: object, **_kwargs: object) -> list:
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "extract_numbers", broken)
    article = analyzer(Article(id="b", text="The mayor said 5 people came.", language="en"))
    assert article.quotes
    assert any("number extraction failed: boom" in w for w in article.warnings)


def test_analyze_function_uses_a_shared_analyzer() -> None:
    article = analyze(Article(id="s", text="Officials said the vote was delayed.", language="en"))
    assert article.quotes[0].speaker == "Officials"
