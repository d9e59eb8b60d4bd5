from __future__ import annotations

import reportdata

from newsprism.compare.run import ensure_compared, single_story, to_contract
from newsprism.records import Article, Source

WIRE = (
    "The harbour of Portvale reopened on Monday after dockworkers accepted a new pay offer from the port"
    " authority, ending a strike that had kept more than forty ships waiting at anchor outside the breakwater"
    " for a week and cost the regional economy an estimated hundred million dollars in delayed trade."
)


def test_single_story_takes_every_article_and_marks_wire_copies():
    first = Article(id="w1", source=Source("Meridian Wire"), published="2026-03-09T08:00:00", text=WIRE)
    copy = Article(id="w2", source=Source("Daily Clarion"), published="2026-03-09T10:00:00", text=WIRE)
    other = Article(id="o1", source=Source("Beta Post"), published="2026-03-09T09:00:00", text="Autre texte.")
    story = single_story([copy, other, first])
    assert sorted(story.article_ids) == ["o1", "w1", "w2"]
    assert story.id.startswith("st-") and story.outlets == ["Beta Post", "Daily Clarion", "Meridian Wire"]
    assert copy.syndication == "w1" and first.syndication is None and other.syndication is None


def test_ensure_compared_keeps_a_stored_comparison_as_it_is():
    story = reportdata.story()
    before = story.to_dict()
    assert ensure_compared(story, reportdata.articles()).to_dict() == before


def test_to_contract_has_exactly_articles_and_stories():
    result = {"articles": reportdata.articles(), "stories": [reportdata.story()], "skipped": []}
    payload = to_contract(result)
    assert set(payload) == {"articles", "stories"}
    assert payload["stories"][0]["tone"] == {"a1": -0.5, "a2": 0.3}
