"""The web UI in a real browser (Debian's Chromium, headless, driven by Playwright) against the server
on 127.0.0.1. Screenshots go to build/screenshots/ (`make screenshots` copies the story page to docs/)."""

from __future__ import annotations

import pytest

from newsprism.store import open_store
from newsprism.web import WebConfig, create_app
from tests import webstore
from tests.browser import SCREENSHOTS, browser, serve


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("web") / "web.db"))
    ids = webstore.build(store)
    with serve(create_app(WebConfig(), store=store)) as base, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        yield base, ids, page, dialogs
        page.close()
    store.close()


def test_list_search_story_and_evidence_on_click(site):
    base, ids, page, _ = site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(base + "/")
    assert page.locator("#stories tbody tr").count() == 2
    page.fill("input[name=q]", "estibadores")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=estibadores")
    assert page.locator("#stories tbody tr").count() == 1
    page.click("text=Dockworkers strike in Portvale")
    page.wait_for_url(f"**/stories/{ids['strike']}")
    evidence = page.locator("#ev-c2-2")
    assert not evidence.is_visible()
    page.locator("#c2 .evidence-link").nth(1).click()
    assert evidence.is_visible() and "Unos 6.500 trabajadores pararon." in evidence.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "story-matrix.png"), full_page=True)
    page.click("[role=tab][data-tab=differences]")
    assert page.locator(".contradiction").first.is_visible()
    page.click("[role=tab][data-tab=tone]")
    assert page.locator("svg.timeline circle").count() == 3
    width = page.locator(".bar span").last.evaluate("e => e.style.width")
    assert width == "35%"


def test_hostile_article_does_not_execute(site):
    base, ids, page, dialogs = site
    for path in ("/", f"/stories/{ids['evil']}", f"/articles/{ids['evil_article']}", "/?q=hostile"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned === undefined"), path
    page.goto(base + f"/articles/{ids['evil_article']}")
    assert "<script>window.__pwned = 1</script>" in page.locator("h1").inner_text()
    page.click("text=Original page")
    assert "onerror" in page.locator("pre.raw").inner_text()
    assert page.evaluate("window.__pwned === undefined") and dialogs == []
    page.screenshot(path=str(SCREENSHOTS / "hostile-article.png"), full_page=True)
