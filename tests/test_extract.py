from __future__ import annotations

import json

import numpy as np
import pytest

from newsprism.errors import InputError, NoArticleError
from newsprism.extract import extract, page_head
from newsprism.records import RawDocument, sha1

BODY = (
    "The harbour authority of Portvale said on Tuesday that forty ships were waiting outside the port while"
    " the dockworkers' strike entered its second day. Talks resume on Thursday."
)


def test_page_head_gives_the_canonical_url_and_the_exact_publication_time():
    html = (
        '<html><head><link rel="canonical" href="https://www.harbor.example/a/1">'
        '<meta property="article:published_time" content="2026-03-03T07:30:00+00:00"></head><body></body></html>'
    )
    assert page_head(html) == {
        "url": "https://www.harbor.example/a/1",
        "published": "2026-03-03T07:30:00+00:00",
    }


def test_a_saved_page_takes_its_outlet_from_its_canonical_link():
    html = (
        '<html><head><title>Ships wait</title><link rel="canonical" href="https://www.harbor.example/a/1">'
        '<meta property="og:site_name" content="The Harbor Ledger"></head>'
        f"<body><article><h1>Ships wait</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
    )
    article = extract(RawDocument(origin="saved.html", content=html.encode(), kind="html"))
    assert article.url == "https://www.harbor.example/a/1"
    assert article.source.domain == "harbor.example" and article.source.name == "The Harbor Ledger"


def test_news_please_records_keep_their_domain_and_no_invented_outlet_name():
    rec = {
        "title": "Ships wait",
        "maintext": BODY,
        "url": "https://www.harbor.example/a/2",
        "source_domain": "www.harbor.example",
        "date_publish": "2026-03-03 14:05:00",
        "language": "en",
    }
    article = extract(RawDocument(origin="x.jsonl#1", content=json.dumps(rec).encode(), kind="json"))
    assert article.source.domain == "harbor.example" and article.source.name is None
    assert article.published == "2026-03-03T14:05:00"


def test_a_json_record_without_text_or_headline_is_an_input_error_naming_it():
    for content in (b'{"title": "Latest"}', b'{"url": "https://a.example/x"}', b'{"title": 7}'):
        with pytest.raises(InputError, match="x.jsonl#3: JSON record has no article text .* and no headline"):
            extract(RawDocument(origin="x.jsonl#3", content=content, kind="json"))


HEADLINE = "Portvale dockers strike as ships queue outside the harbour"


@pytest.mark.parametrize(
    "rec",
    [
        {"title": HEADLINE, "url": "https://quay.example/a", "source": "Quay", "published": "2026-03-02"},
        {"id": "q1", "title": HEADLINE, "text": "", "language": "en"},
        {
            "title": HEADLINE,
            "maintext": None,
            "source_domain": "www.quay.example",
            "date_publish": "2026-03-02",
        },
    ],
    ids=["generic", "ours", "news-please"],
)
def test_a_json_record_with_a_headline_and_no_text_is_a_headline_only_article(rec):
    article = extract(RawDocument(origin="x.jsonl#4", content=json.dumps(rec).encode(), kind="json"))
    assert article.headline_only and article.text == "" and article.title == HEADLINE
    assert article.language == "en" and article.id
    assert any(w.startswith("headline only") for w in article.warnings)
    assert not any(w.startswith("empty input") for w in article.warnings)


def test_a_news_please_record_without_maintext_takes_its_description():
    lead = "Dockworkers at the Port of Portvale walked out on Monday over automated cranes at Terminal 3."
    rec = {"title": HEADLINE, "maintext": None, "description": lead, "source_domain": "quay.example"}
    article = extract(RawDocument(origin="np", content=json.dumps(rec).encode(), kind="json"))
    assert article.text == lead and not article.headline_only
    assert any("description stands for the text" in w for w in article.warnings)


def test_a_record_with_a_headline_and_a_teaser_too_short_to_compare_is_headline_only():
    rec = {"title": HEADLINE, "text": "Ships wait offshore.", "language": "en"}
    article = extract(RawDocument(origin="t", content=json.dumps(rec).encode(), kind="json"))
    assert article.headline_only and article.removed == ["Ships wait offshore."]


def test_a_headline_only_record_gets_the_language_of_its_headline():
    # py3langid gives this headline 0.79, under the 0.8 asked of whole texts
    rec = {"title": "Portvale dockworkers walk out over automation, 40 ships wait offshore"}
    article = extract(RawDocument(origin="h", content=json.dumps(rec).encode(), kind="json"))
    assert article.headline_only and article.language == "en"


def test_headline_only_records_without_url_get_ids_of_their_own():
    ids = {
        extract(RawDocument(origin="h", content=json.dumps({"title": t}).encode(), kind="json")).id
        for t in (HEADLINE, "Costanera's central bank raises its key rate to 6.75%")
    }
    assert len(ids) == 2


def test_one_text_from_two_outlets_without_url_gets_two_ids_and_without_outlet_the_contract_id():
    def record_id(**rec) -> str:
        return extract(RawDocument(origin="w", content=json.dumps(rec).encode(), kind="json")).id

    a, b = (
        record_id(title="Ships queue", text=BODY, source=name) for name in ("Coast Daily", "Island Herald")
    )
    assert a != b
    assert record_id(title="Ships queue", text=BODY, source="coast  DAILY") == a
    anonymous = extract(RawDocument(origin="w", content=json.dumps({"text": BODY}).encode(), kind="json"))
    assert anonymous.id == sha1(anonymous.text.strip())


def test_an_article_nothing_dates_says_so_once_through_clustering():
    from newsprism.cluster import StoryClusterer
    from newsprism.extract import UNDATED

    article = extract(
        RawDocument(
            origin="u", content=json.dumps({"title": "Ships queue", "text": BODY}).encode(), kind="json"
        )
    )
    assert article.published is None and article.warnings == [UNDATED]
    clusterer = StoryClusterer()
    clusterer.start(3)
    clusterer.add(article, np.ones(3, dtype=np.float32))
    assert article.warnings == [UNDATED]


def record(**rec) -> object:
    return extract(RawDocument(origin="r.jsonl#1", content=json.dumps(rec).encode(), kind="json"))


@pytest.mark.parametrize(
    ("given", "code"), [("en-US", "en"), ("EN", "en"), ("pt_BR", "pt"), ("iw", "he"), ("", "en")]
)
def test_a_record_language_becomes_its_iso_639_1_code(given, code):
    article = record(title="Ships queue", text=BODY, language=given, published="2026-03-04")
    assert article.language == code and article.warnings == []


@pytest.mark.parametrize("given", ["english", "xx", "fra"])
def test_a_record_language_that_is_no_iso_639_1_code_is_read_from_the_text_and_named(given):
    article = record(title="Ships queue", text=BODY, language=given, published="2026-03-04")
    assert article.language == "en"
    assert article.warnings == [f"language {given!r} is not an ISO 639-1 code: read from the text instead"]


def test_an_unreadable_or_future_publication_date_is_named():
    unreadable = record(title="Ships queue", text=BODY, published="sometime last week")
    assert unreadable.published is None
    assert unreadable.warnings[0] == "publication date 'sometime last week' could not be read as a date"
    future = record(title="Ships queue", text=BODY, published="2099-01-01T00:00:00Z")
    assert future.published.startswith("2099-01-01")
    assert len(future.warnings) == 1 and future.warnings[0].startswith(
        "publication date 2099-01-01T00:00:00+00:00 is "
    )
    newsplease = {
        "maintext": BODY,
        "title": "Ships queue",
        "date_publish": "not a date",
        "url": "https://a.example/1",
    }
    assert "publication date 'not a date' could not be read as a date" in record(**newsplease).warnings


def test_headline_only_records_are_skipped_when_the_setting_is_off():
    from newsprism.config import Settings

    settings = Settings({"extract.headline_only": False})
    with pytest.raises(NoArticleError, match="x.jsonl#5: no article text found"):
        extract(
            RawDocument(origin="x.jsonl#5", content=json.dumps({"title": HEADLINE}).encode(), kind="json"),
            settings,
        )


def test_too_little_text_is_no_article():
    rec = {"id": "a", "text": "Short.", "language": "en"}
    with pytest.raises(NoArticleError, match="only 6 characters"):
        extract(RawDocument(origin="short.json", content=json.dumps(rec).encode(), kind="json"))


def test_a_headline_repeated_inside_the_body_goes_to_removed():
    from newsprism.extract import extract
    from newsprism.records import RawDocument

    body = "<p>Rates rise</p>" + "".join(
        f"<p>The central bank of Costanera raised its key rate on Friday, sentence {i} of the story.</p>"
        for i in range(6)
    )
    html = f"<html><head><title>Rates rise</title></head><body><article><h1>Rates rise</h1>{body}</article></body></html>"
    article = extract(RawDocument(content=html.encode(), kind="html", origin="page.html"))
    assert article.title == "Rates rise"
    assert "Rates rise" not in article.text.split("\n\n")
    assert "Rates rise" in article.removed


def test_a_scraped_json_record_without_an_id_keeps_its_outlet_date_and_language():
    rec = {
        "url": "https://a.example/1",
        "title": "Ships queue off Portvale",
        "text": BODY,
        "source": {"name": "The Harbor Ledger"},
        "published": "2026-03-04T09:00:00Z",
        "language": "en",
    }
    article = extract(RawDocument(origin="x.jsonl#1", content=json.dumps(rec).encode(), kind="json"))
    assert article.id and article.source.name == "The Harbor Ledger"
    assert article.published.startswith("2026-03-04T09:00") and article.language == "en"
    assert article.title == "Ships queue off Portvale"
