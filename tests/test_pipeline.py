"""The ingest pipeline's last stage: stories grouped in the client, their comparisons run on the engine."""

from __future__ import annotations

from pathlib import Path

from newsprism.engine import InlineEngine
from newsprism.pipeline import ingest
from newsprism.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class RecordingEngine(InlineEngine):
    """Runs inline and remembers which functions it was asked to map."""

    def __init__(self) -> None:
        self.mapped: list[str] = []

    def map(self, fn, items):
        self.mapped.append(fn.__name__)
        return super().map(fn, items)


def test_stories_of_several_articles_are_compared_on_the_engine_and_stored(tmp_path):
    engine = RecordingEngine()
    inputs = [
        str(EXAMPLES / "text" / n) for n in ("labrujula-huelga-portvale.txt", "hanseblick-hafenstreik.txt")
    ]
    inputs.append(str(EXAMPLES / "text" / "gazettelibre-barrage-fr.txt"))
    with open_store(str(tmp_path / "p.db")) as store:
        report = ingest(inputs, store, engine=engine)
        assert report.skips == []
        assert "compare_task" in engine.mapped
        stored = {s.id: s for s in store.stories()}
        pair = [s for s in stored.values() if len(s.article_ids) == 2]
        assert len(pair) == 1 and pair[0].claims  # the two strike reports, compared and stored
        assert any(c.status in ("consensus", "partial") for c in pair[0].claims)
        alone = [s for s in stored.values() if len(s.article_ids) == 1]
        assert len(alone) == 1 and not alone[0].claims  # one article: nothing to compare at ingest
        assert {s.id for s in report.stories} == set(stored)
