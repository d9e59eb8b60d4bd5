from __future__ import annotations

import lxml.html
from lxml import etree

from newsprism.htmlcomments import comments_from_page, comments_from_section
from newsprism.records import Comment

THREAD = """
<html><body><ol class="comment-list">
  <li class="comment" id="comment-1">
    <div class="comment-author"><cite class="fn">Ola Brenn</cite> <span>says:</span></div>
    <div class="comment-meta"><a href="#c1"><time datetime="2026-02-01T09:15:00+01:00">1 Feb</time></a></div>
    <div class="comment-content"><p>The new timetable is worse for commuters.</p></div>
    <ol class="children">
      <li class="comment" id="comment-2">
        <div class="comment-author"><span class="fn">Ruth Kell 2. Februar 2026 um 10:04</span></div>
        <div class="comment-content"><p>Only on weekdays, to be fair.</p></div>
      </li>
    </ol>
  </li>
</ol></body></html>
"""


def test_comments_from_page_reads_author_time_and_text_of_each_reply() -> None:
    comments = comments_from_page(lxml.html.fromstring(THREAD))
    assert comments == [
        Comment(
            author="Ola Brenn",
            posted="2026-02-01T09:15:00+01:00",
            text="The new timetable is worse for commuters.",
        ),
        Comment(author="Ruth Kell", posted=None, text="Only on weekdays, to be fair."),
    ]


def test_comments_from_page_finds_nothing_on_a_page_without_marked_comments() -> None:
    page = lxml.html.fromstring("<html><body><p>The harbour reopened on Monday.</p></body></html>")
    assert comments_from_page(page) == []


def test_comments_from_section_drops_the_sections_furniture() -> None:
    section = etree.fromstring(
        "<div><p>Comments</p><p>Leave a Reply Cancel reply</p>"
        "<p>I was on the last ferry and it was packed.</p><p>Share</p></div>"
    )
    assert comments_from_section(section) == [Comment(text="I was on the last ferry and it was packed.")]


HEADED = """<html><body><main>
<h1>Stadtrat beschließt neuen Busplan</h1>
<p>Der Stadtrat von Weilhafen hat am Dienstag den neuen Busplan beschlossen.</p>
<section class="zone-b">
  <h3>Kommentare (2)</h3>
  <div class="k"><b>Heike M.</b> <span title="2026-04-07T18:02:00+02:00">vor 2 Stunden</span>
    <p>Endlich fährt die Linie 4 auch abends.</p><p>Das hat lange gedauert.</p></div>
  <div class="k"><b>busfahrer77</b> <span>gestern</span>
    <p>Und wer bezahlt die neuen Fahrer?</p></div>
  <p class="hint">Melden Sie sich an, um zu kommentieren.</p>
</section>
</main></body></html>"""


def test_a_section_headed_as_comments_is_read_block_by_block() -> None:
    from newsprism.htmlcomments import comment_heading, comments_after_heading

    page = lxml.html.fromstring(HEADED)
    found = comment_heading(page)
    assert found is not None and found.text == "Kommentare (2)"
    assert comments_after_heading(found) == [
        Comment(
            "Heike M.",
            "2026-04-07T18:02:00+02:00",
            "Endlich fährt die Linie 4 auch abends. Das hat lange gedauert.",
        ),
        Comment("busfahrer77", None, "Und wer bezahlt die neuen Fahrer?"),
    ]


def test_a_heading_that_is_not_a_comment_header_heads_no_comment_section() -> None:
    from newsprism.htmlcomments import comment_heading

    page = lxml.html.fromstring(HEADED.replace("Kommentare (2)", "Mehr zum Thema"))
    assert comment_heading(page) is None
