from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsprism.errors import FetchError
from newsprism.store import open_store
from newsprism.web import WebConfig, create_app
from newsprism.web.security import check_url
from tests import webstore


@pytest.fixture
def web(tmp_path):
    store = open_store(str(tmp_path / "web.db"))
    ids = webstore.build(store)
    with TestClient(create_app(WebConfig(), store=store)) as client:
        yield client, ids, store
    store.close()


def test_story_list_newest_first_with_filters_and_search(web):
    client, ids, _ = web
    page = client.get("/")
    assert page.status_code == 200 and "Dockworkers strike in Portvale" in page.text
    assert "La Brújula" in client.get("/?language=es").text
    assert "Dockworkers strike" not in client.get("/?language=fr").text
    assert "Dockworkers strike" in client.get("/?outlet=labrujula.example").text
    assert "Dockworkers strike" in client.get("/?q=estibadores").text
    assert "Dockworkers strike" not in client.get("/?since=2026-04-01").text


def test_api_stories_paginates_and_serves_the_contract(web):
    client, ids, _ = web
    first = client.get("/api/stories?limit=1").json()
    assert len(first["stories"]) == 1 and first["next_offset"] == 1
    second = client.get("/api/stories?limit=1&offset=1").json()
    assert second["next_offset"] is None and second["stories"][0]["id"] != first["stories"][0]["id"]
    story = client.get(f"/api/stories/{ids['strike']}").json()
    assert set(story) == {"articles", "stories"}
    assert {"claims", "contradictions", "voices", "omissions", "tone", "comments"} <= set(story["stories"][0])
    assert client.get(f"/api/articles/{ids['a1']}").json()["language"] == "en"
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/search?q=huelga").json()["articles"][0]["language"] == "es"
    assert client.get("/docs").status_code == 200 and client.get("/openapi.json").status_code == 200


def test_story_page_shows_matrix_evidence_contradictions_voices_and_timeline(web):
    client, ids, _ = web
    html = client.get(f"/stories/{ids['strike']}").text
    for piece in (
        "Claims matrix",
        "consensus",
        "6.500",
        "Marta Kessling",
        '<svg class="timeline"',
        f"/articles/{ids['a1']}#s0",
        "What readers said",
    ):
        assert piece in html


def test_article_page_escapes_everything_and_keeps_the_original_behind_a_toggle(web):
    client, ids, _ = web
    html = client.get(f"/articles/{ids['evil_article']}").text
    assert "<script>window.__pwned" not in html and 'onerror="window' not in html
    assert "&lt;script&gt;window.__pwned" in html
    assert "Original page" in html and "Removed leftovers" in html


def test_hostile_story_is_escaped_everywhere(web):
    client, ids, _ = web
    for path in ("/", f"/stories/{ids['evil']}", "/?q=hostile"):
        html = client.get(path).text
        assert "<script>window" not in html and "<img src=x" not in html, path


def test_security_headers_forbid_inline_scripts(web):
    client, _, _ = web
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_edits_are_refused_unless_allow_write(web, tmp_path):
    client, _, store = web
    assert client.post("/sources/harborledger.example", data={"country": "X"}).status_code == 403
    assert client.put("/api/sources/harborledger.example", json={"country": "X"}).status_code == 403
    with TestClient(create_app(WebConfig(allow_write=True), store=store)) as writer:
        assert writer.put("/api/sources/harborledger.example", json={"country": "Marendia"}).json() == {
            "ok": True
        }
    assert store.sources()[0].meta.get("country") == "Marendia" or any(
        s.meta.get("country") == "Marendia" for s in store.sources()
    )


def test_request_bodies_over_the_limit_get_413(tmp_path):
    store = open_store(str(tmp_path / "w.db"))
    with TestClient(create_app(WebConfig(max_upload_bytes=1000), store=store)) as client:
        resp = client.post("/api/compare", json={"texts": ["x" * 5000, "y"]})
        assert resp.status_code == 413
    store.close()


def test_compare_refuses_urls_unless_allow_fetch_and_needs_two_texts(web):
    client, _, _ = web
    resp = client.post("/api/compare", json={"urls": ["https://example.org/a", "https://example.org/b"]})
    assert resp.status_code == 400 and "--allow-fetch" in resp.json()["detail"]
    resp = client.post("/api/compare", json={"texts": ["only one"]})
    assert resp.status_code == 400 and "at least two" in resp.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/",
        "http://localhost/",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://169.254.169.254/",
        "http://[::1]/",
        "file:///etc/passwd",
        "ftp://example.org/",
    ],
)
def test_only_public_http_addresses_may_be_fetched(url):
    with pytest.raises(FetchError):
        check_url(url)


def test_story_page_of_one_independent_source_says_so_once(web):
    from tests import reportdata

    client, _, store = web
    story, articles = reportdata.single()
    for article in articles:
        store.put_article(article)
    store.put_story(story)
    html = client.get(f"/stories/{story.id}").text
    assert "A story of one article: nothing to compare, no claim is called missing." in html
    assert "one independent source only" not in html  # the note says it, the warning is not repeated
