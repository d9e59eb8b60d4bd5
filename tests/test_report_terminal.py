from __future__ import annotations

import reportdata

from newsprism.report import render
from newsprism.report.terminal import render_text


def test_terminal_matrix_puts_outlets_in_columns_with_marks():
    out = render_text([reportdata.story()], reportdata.articles(), width=120)
    header = next(line for line in out.splitlines() if "Alpha Ti" in line and "Beta Pos" in line)
    assert header.index("Alpha Ti") < header.index("Beta Pos") < header.index("Gamma |")
    consensus = next(line for line in out.splitlines() if "The council approved the budget on" in line)
    assert consensus.count("✓") == 3
    partial = next(line for line in out.splitlines() if "The budget is 12 million" in line)
    assert partial.count("✓") == 2 and partial.count("·") == 1


def test_terminal_shows_contradictions_voices_omissions_and_tone():
    out = render("text", [reportdata.story()], reportdata.articles())
    for title in ("Numbers that disagree", "Voices", "Left out", "Tone and reader comments"):
        assert title in out
    assert "Alpha Times: 12 million; Beta Post: 15 millions" in out
    assert "-0.50" in out and "+0.30" in out and "council -0.40" in out


def test_terminal_prints_article_content_literally_not_as_markup():
    out = render_text([reportdata.story()], reportdata.articles(), width=160)
    assert "Critics called it [bold]reckless[/bold]." in out
    assert "\x1b[" not in out


def test_terminal_story_of_one_article_is_reported_as_such():
    story, articles = reportdata.single()
    out = render_text([story], articles)
    assert "A story of one article: nothing to compare, no claim is called missing." in out
    assert "Left out" not in out
    assert "one independent source only" not in out  # the note says it once, not the warning again


def test_terminal_marks_a_headline_only_outlet_apart_from_one_that_does_not_report():
    story, articles = reportdata.with_headline()
    out = render_text([story], articles, width=140)
    assert "4 Delta Radio [en] headline only" in " ".join(out.split())
    consensus = next(line for line in out.splitlines() if "The council approved the budget on" in line)
    assert consensus.count("✓") == 3 and consensus.count("–") == 1
    partial = next(line for line in out.splitlines() if "The budget is 12 million" in line)
    assert partial.count("·") == 1 and partial.count("–") == 1


def test_terminal_names_the_events_of_a_story_that_holds_several_and_the_list_counts_them():
    from newsprism.render import story_line

    story = reportdata.story()
    story.events = [["a1", "a3"], ["a2"]]
    out = render_text([story], reportdata.articles(), width=160)
    events = [line for line in out.splitlines() if line.startswith("event ")]
    assert len(events) == 2 and events[0].endswith("(outlets 1, 3)") and events[1].endswith("(outlets 2)")
    assert " art. in 2 events " in story_line(story)
    story.events = [["a1", "a2", "a3"]]
    assert "event 1" not in render_text([story], reportdata.articles(), width=160)
    assert " events" not in story_line(story)
