from __future__ import annotations

from newsprism.comments import parse_comment_section, parse_comments
from newsprism.records import Comment


def test_parse_comments_reads_author_time_text_blocks_and_skips_buttons():
    lines = [
        "Comments (2)",
        "Marie L.",
        "03/11/26 14:05",
        "About time they did something.",
        "Reply",
        "bob_k",
        "03/11/26 16:30",
        "Not convinced.",
        "Forty plants is a lot of money.",
        "Like (3)",
    ]
    assert parse_comments(lines, "en", day_first=True) == [
        Comment("Marie L.", "2026-11-03T14:05:00", "About time they did something."),
        Comment("bob_k", "2026-11-03T16:30:00", "Not convinced.\nForty plants is a lot of money."),
    ]


def test_parse_comments_reads_author_and_time_on_one_line():
    lines = [
        "Bình luận (2)",
        "Quang Huy - 1 giờ trước",
        "Trận đấu quá hay.",
        "fan_md · 30 phút trước",
        "Hy vọng!",
    ]
    comments = parse_comments(lines, "vi", reference="2026-11-19T10:00:00")
    assert comments == [
        Comment("Quang Huy", "2026-11-19T09:00:00", "Trận đấu quá hay."),
        Comment("fan_md", "2026-11-19T09:30:00", "Hy vọng!"),
    ]


def test_parse_comments_reads_author_text_then_time_layout():
    lines = [
        "Mike Tran",
        "My cousin drives a gravel truck.",
        "11/22/2026 4:12 PM",
        "Like · Reply",
        "Deb Olsen",
        "Six to eight weeks means March.",
        "11/22/2026 6:40 PM",
    ]
    assert parse_comments(lines, "en") == [
        Comment("Mike Tran", "2026-11-22T16:12:00", "My cousin drives a gravel truck."),
        Comment("Deb Olsen", "2026-11-22T18:40:00", "Six to eight weeks means March."),
    ]


def test_parse_comments_reads_text_then_signature_layout():
    lines = ["About time.", "— wrenwatcher, 2 days ago", "Will the path stay open?", "— Sue H., 1 day ago"]
    assert parse_comments(lines, "en", reference="2026-04-18T12:00:00") == [
        Comment("wrenwatcher", "2026-04-16T12:00:00", "About time."),
        Comment("Sue H.", "2026-04-17T12:00:00", "Will the path stay open?"),
    ]


def test_relative_times_without_reference_are_reported_unresolved():
    section = parse_comment_section(["Anna", "vor 2 Stunden", "Gut so."], "de")
    assert section.comments == [Comment("Anna", None, "Gut so.")]
    assert section.unresolved == ["vor 2 Stunden"]


def test_section_without_timestamps_has_no_comments_and_all_lines_left_over():
    section = parse_comment_section(["14 commentaires", "Voir les commentaires"], "fr")
    assert section.comments == []
    assert section.leftovers == [0, 1]


def test_a_stray_line_before_author_time_comments_does_not_flip_the_layout():
    lines = [
        "Bình luận (2)",
        "Được quan tâm",
        "Minh Châu - 3 giờ trước",
        "Cần giải pháp.",
        "Đức Anh - 1 giờ trước",
        "Mong sớm có kết quả.",
    ]
    comments = parse_comments(lines, "vi", reference="2026-12-03T22:00:00")
    assert comments == [
        Comment("Minh Châu", "2026-12-03T19:00:00", "Cần giải pháp."),
        Comment("Đức Anh", "2026-12-03T21:00:00", "Mong sớm có kết quả."),
    ]


def test_bare_ages_among_buttons_are_comment_times():
    lines = [
        "Sabine K.",
        "Stolz auf dich!",
        "Gefällt mir · Antworten · 1 Tag",
        "Uwe L.",
        "Verdient!",
        "Like · Reply · 22h",
    ]
    assert parse_comments(lines, "de", reference="2026-06-02T19:00:00") == [
        Comment("Sabine K.", "2026-06-01T19:00:00", "Stolz auf dich!"),
        Comment("Uwe L.", "2026-06-01T21:00:00", "Verdient!"),
    ]
