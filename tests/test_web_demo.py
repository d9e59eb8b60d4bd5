"""End to end in a real browser: the demo corpus ingested (extract, analyze, group, compare) into a store,
served on 127.0.0.1, read in Chromium. Makes the README's screenshot (build/screenshots/story.png)."""

from __future__ import annotations

import pytest
from conftest import ROOT

from newsprism.engine import make_engine
from newsprism.pipeline import ingest
from newsprism.store import open_store
from newsprism.web import WebConfig, create_app
from tests.browser import SCREENSHOTS, browser, serve

EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("demo") / "demo.db"))
    engine = make_engine("local", workers=2)
    try:
        report = ingest([str(EXAMPLES)], store, engine=engine)
    finally:
        engine.close()
    assert report.exit_code == 0, report.skips
    with serve(create_app(WebConfig(), store=store)) as base, browser() as b:
        page = b.new_page(viewport={"width": 1360, "height": 1000})
        yield base, store, page
        page.close()
    store.close()


def test_the_demo_corpus_reads_as_compared_stories(demo):
    base, store, page = demo
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(base + "/")
    rows = page.locator("#stories tbody tr")
    assert rows.count() >= 3
    page.screenshot(path=str(SCREENSHOTS / "stories.png"), full_page=True)
    biggest = max(store.story_summaries(limit=100), key=lambda s: s.n_articles)
    assert biggest.n_articles >= 3 and len(biggest.languages) >= 2
    page.goto(f"{base}/stories/{biggest.id}")
    cells = page.locator(".matrix .evidence-link")
    assert cells.count() >= 4
    # the demo's headline-only record (Quayside Radio) joined the strike story as coverage
    assert page.locator(".matrix th.outlet", has_text="headline only").count() == 1
    assert page.locator(".status.consensus").count() + page.locator(".status.partial").count() >= 2
    cells.first.click()
    assert page.locator(".evidence:visible").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "story.png"), full_page=False)
    page.locator(".evidence:visible a").click()
    page.wait_for_url("**/articles/**")
    assert page.locator("mark.entity").count() >= 1


def test_two_pasted_texts_are_compared_without_storing_them(demo):
    base, store, page = demo
    before = store.count_articles()
    texts = [
        (EXAMPLES / "text" / n).read_text()
        for n in ("labrujula-huelga-portvale.txt", "hanseblick-hafenstreik.txt")
    ]
    page.goto(base + "/compare")
    areas = page.locator("textarea[name=text]")
    areas.nth(0).fill(texts[0])
    areas.nth(1).fill(texts[1])
    page.click("#compare-form button[type=submit]")
    page.wait_for_selector(".result .matrix")
    assert page.locator(".result .matrix th.outlet").count() == 2
    assert page.locator(".result .evidence-link").count() >= 2
    page.screenshot(path=str(SCREENSHOTS / "compare.png"), full_page=False)
    assert store.count_articles() == before


def test_the_demo_corpus_groups_into_its_three_stories_with_every_outlets_strike_article(demo):
    """examples/README.md: a strike, a dam report and a rate rise. The sensational strike article (Daily
    Clarion, 6,500 workers against the others' 6,000) joins the strike story only narrowly (a join
    probability near the threshold): a clusterer change that splits it off loses the demo's number
    disagreement, so it is checked here rather than only seen in the demo's output."""
    _, store, _ = demo
    summaries = store.story_summaries(limit=100)
    assert sorted(s.n_articles for s in summaries) == [5, 5, 7]
    strike = next(s for s in summaries if "quaysideradio.example" in s.outlets)
    assert "Daily Clarion" in strike.outlets and strike.n_articles == 7
