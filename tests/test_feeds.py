"""Feeds and OPML: sniffing, parsing, unsafe XML, and the fetch → parse → fetch entries round trip."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.errors import FeedError
from newsprism.feeds import (
    FeedWarning,
    looks_like_feed,
    looks_like_opml,
    parse_feed,
    parse_opml,
    read_feed,
)
from newsprism.fetch import HttpFetcher, Response
from tests.httpserver import LocalServer, Reply, http_server_fixture  # noqa: F401  (fixture)

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
LEDGER_FEED_URL = "https://harbourledger.example/feeds/all.xml"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# ------------------------------------------------------------------------------------------ sniffing


@pytest.mark.parametrize("name", ["rss2_relative.xml", "atom.xml", "rss1_rdf.xml", "rss091_doctype.xml"])
def test_looks_like_feed_recognises_rss_and_atom(name: str) -> None:
    assert looks_like_feed(fixture(name))
    assert not looks_like_opml(fixture(name))


def test_looks_like_feed_sees_through_bom_comments_and_utf16() -> None:
    body = fixture("atom.xml").decode("utf-8").replace('encoding="utf-8"', 'encoding="utf-16"')
    assert looks_like_feed(body.encode("utf-16"))
    assert looks_like_feed(b"\xef\xbb\xbf<!-- generated -->\n<rss version='2.0'><channel/></rss>")


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><head><title>x</title></head></html>",
        b'{"items": []}',
        b"Council approves sea wall. The vote was 7 to 2.",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"",
        b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>",
    ],
)
def test_looks_like_feed_rejects_other_content(content: bytes) -> None:
    assert not looks_like_feed(content)


def test_looks_like_feed_ignores_the_file_name(tmp_path: Path) -> None:
    html = tmp_path / "feed.xml"
    html.write_bytes(fixture("not_a_feed.html"))
    assert not looks_like_feed(html.read_bytes())


def test_looks_like_opml_recognises_subscription_lists() -> None:
    assert looks_like_opml(fixture("subscriptions.opml"))
    assert not looks_like_feed(fixture("subscriptions.opml"))
    assert not looks_like_opml(fixture("rss2_relative.xml"))


# ------------------------------------------------------------------------------------------ feeds


def test_rss_relative_links_are_resolved_against_the_feed_url() -> None:
    with pytest.warns(FeedWarning, match="1 feed entry without an http"):
        entries = parse_feed(fixture("rss2_relative.xml"), origin=LEDGER_FEED_URL, max_entries=10)
    assert [e.url for e in entries] == [
        "https://harbourledger.example/news/2026/11/sea-wall-approved.html",
        "https://harbourledger.example/feeds/news/2026/11/ferry-strike.html",  # path-relative link
        "https://harbourledger.example/news/2026/11/fish-market.html",  # permalink guid, no <link>
        "https://valleycourier.example/politics/budget-numbers",
    ]


def test_base_url_wins_over_origin_for_relative_links() -> None:
    feed = read_feed(
        fixture("rss2_relative.xml"), origin="feed.xml", base_url="https://mirror.example/ledger/rss"
    )
    assert feed.entries[0].url == "https://mirror.example/news/2026/11/sea-wall-approved.html"


def test_relative_links_of_a_local_file_resolve_against_the_feed_link() -> None:
    feed = read_feed(fixture("rss2_relative.xml"), origin="saved/ledger.xml")
    assert feed.entries[0].url == "https://harbourledger.example/news/2026/11/sea-wall-approved.html"
    assert feed.entries[1].url == "https://harbourledger.example/news/2026/11/ferry-strike.html"


def test_rss_entry_fields_are_plain_text_and_utc_dates() -> None:
    first = read_feed(fixture("rss2_relative.xml"), origin=LEDGER_FEED_URL).entries[0]
    assert first.title == "Council approves new sea wall for Port Amsel"
    assert first.summary == "The council voted 7 to 2 for the sea wall."
    assert first.published == "2026-11-23T06:30:00+00:00"  # 07:30 +01:00
    assert first.author == "Mara Ellison"
    assert first.source_name == "The Harbour Ledger"
    assert first.language == "en-gb"


def test_an_aggregated_item_names_its_own_source() -> None:
    entries = read_feed(fixture("rss2_relative.xml"), origin=LEDGER_FEED_URL).entries
    assert entries[3].source_name == "The Valley Courier"


def test_entries_without_links_are_left_out_with_a_warning_and_duplicates_kept_once() -> None:
    feed = read_feed(fixture("rss2_relative.xml"), origin=LEDGER_FEED_URL)
    assert len(feed.entries) == 4  # 6 items: one without a link, one repeating a link
    assert feed.warnings == [f"{LEDGER_FEED_URL}: 1 feed entry without an http(s) link left out"]


def test_max_entries_caps_the_entries() -> None:
    entries = read_feed(fixture("rss2_relative.xml"), origin=LEDGER_FEED_URL, max_entries=2).entries
    assert len(entries) == 2


def test_atom_feed_is_read_with_xml_base_dates_and_authors() -> None:
    feed = read_feed(fixture("atom.xml"), origin="atom.xml")
    assert feed.version == "atom10"
    assert feed.title == "Northern Wire – édition française"
    assert feed.language == "fr"
    first, second = feed.entries
    assert (
        first.url == "https://nordwire.example/fr/articles/4411-barrage-vellund"
    )  # xml:base, not the enclosure
    assert first.published == "2026-11-23T04:45:00+00:00"
    assert first.author == "Inès Caradec"
    assert first.summary == "Les autorités ont ouvert trois vannes."
    assert second.published == "2026-11-22T21:10:00+00:00"  # <updated> when there is no <published>


def test_rss_1_0_rdf_feed_is_read() -> None:
    feed = read_feed(fixture("rss1_rdf.xml"), origin="rss1_rdf.xml")
    assert feed.version == "rss10"
    assert [(e.url, e.published) for e in feed.entries] == [
        ("https://lakesidepost.example/2026/11/23/bridge-closure", "2026-11-23T08:15:00+00:00")
    ]


def test_rss_0_91_with_its_doctype_is_accepted() -> None:
    feed = read_feed(fixture("rss091_doctype.xml"), origin="rss091_doctype.xml")
    assert feed.title == "Morgenfeld Tageblatt"
    assert feed.entries[0].title == "Straßenbahn fährt wieder"  # ISO-8859-1 with character references
    assert feed.warnings == []


def test_http_charset_decodes_a_feed_without_an_xml_declaration() -> None:
    rss = (
        "<rss version='2.0'><channel><title>Вести Заречья</title><link>https://zarechye.example/</link>"
        "<item><title>Мост открыт после ремонта</title><link>https://zarechye.example/most</link></item>"
        "</channel></rss>"
    ).encode("windows-1251")
    feed = read_feed(rss, origin="zarechye.xml", content_type="application/rss+xml; charset=windows-1251")
    assert feed.title == "Вести Заречья"
    assert feed.entries[0].title == "Мост открыт после ремонта"


def test_a_sloppy_but_usable_feed_gives_a_warning_not_an_error() -> None:
    with pytest.warns(FeedWarning, match="sloppy_rss.xml: feed is not well-formed"):
        entries = parse_feed(fixture("sloppy_rss.xml"), origin="sloppy_rss.xml")
    assert [e.title for e in entries] == ["Tides & storms: a week of warnings"]


def test_read_feed_collects_warnings_instead_of_issuing_them() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        feed = read_feed(fixture("sloppy_rss.xml"), origin="sloppy_rss.xml")
    assert len(feed.warnings) == 1 and "not well-formed" in feed.warnings[0]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("billion_laughs.xml", "declares an entity ('lol')"),
        ("external_entity.xml", "declares an external entity ('secret')"),
        ("parameter_entity.xml", "declares an external entity ('remote')"),
        # not well-formed from its first byte (a form feed), so only the byte scan can see the bomb
        ("billion_laughs_broken.xml", "declares XML entities"),
    ],
)
def test_unsafe_xml_feeds_are_refused_naming_the_origin(name: str, reason: str) -> None:
    with pytest.raises(FeedError) as info:
        parse_feed(fixture(name), origin=f"https://evil.example/{name}")
    message = str(info.value)
    assert message.startswith(f"https://evil.example/{name}: feed {reason}")
    assert "unsafe XML" in message


def test_an_html_page_is_not_a_feed() -> None:
    with pytest.raises(
        FeedError, match=r"^https://harbourledger\.example/: not an RSS/Atom feed: it is an HTML page$"
    ):
        parse_feed(fixture("not_a_feed.html"), origin="https://harbourledger.example/")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "it is binary data"),
        (b"   \n", "it is empty"),
        (b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>", "its root element is <svg>"),
        (b"Council approves sea wall.", "it is not XML"),
    ],
)
def test_content_that_is_not_a_feed_raises_feed_error(content: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=f"^upload.bin: not an RSS/Atom feed: {reason}$"):
        parse_feed(content, origin="upload.bin")


def test_feed_bytes_that_look_like_a_path_are_never_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_bytes(fixture("atom.xml"))
    with pytest.raises(FeedError, match="not an RSS/Atom feed"):
        parse_feed(str(secret).encode(), origin="stdin")


def test_an_opml_file_given_as_a_feed_says_so() -> None:
    with pytest.raises(FeedError, match="it is an OPML subscription list"):
        parse_feed(fixture("subscriptions.opml"), origin="subs.opml")


# ------------------------------------------------------------------------------------------ OPML


def test_opml_nested_outlines_yield_each_feed_once_in_order() -> None:
    assert parse_opml(fixture("subscriptions.opml"), origin="subscriptions.opml") == [
        "https://harbourledger.example/feeds/all.xml",
        "https://quaysidegazette.example/rss",
        "https://lakesidepost.example/rss",
        "https://nordwire.example/fr/atom.xml",  # written xmlurl, lower case
        "https://valleycourier.example/rss",  # the ftp:// feed and the plain bookmark are left out
    ]


def test_opml_relative_feed_urls_resolve_against_an_opml_url() -> None:
    opml = b'<opml version="1.0"><body><outline text="a" xmlUrl="/rss/a.xml"/></body></opml>'
    assert parse_opml(opml, origin="https://lists.example/media/bay.opml") == [
        "https://lists.example/rss/a.xml"
    ]


def test_opml_entity_bomb_is_refused() -> None:
    with pytest.raises(
        FeedError, match=r"^bomb\.opml: OPML file declares an entity \('a'\); refused as unsafe XML"
    ):
        parse_opml(fixture("billion_laughs.opml"), origin="bomb.opml")


def test_broken_opml_raises_feed_error() -> None:
    with pytest.raises(FeedError, match="^subs.opml: OPML file is not well-formed XML$"):
        parse_opml(b'<opml version="2.0"><body><outline xmlUrl="https://a.example/rss">', origin="subs.opml")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (fixture("rss2_relative.xml"), "its root element is <rss>"),
        (fixture("not_a_feed.html"), "it is an HTML page"),
        (b"", "it is empty"),
    ],
)
def test_non_opml_content_raises_feed_error(content: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=f"^subs.opml: not an OPML file: {reason}$"):
        parse_opml(content, origin="subs.opml")


# ------------------------------------------------------------------------------------------ round trip


def test_fetched_feed_resolves_to_fetchable_entries_and_repoll_is_not_modified(
    http_server: LocalServer, tmp_path: Path
) -> None:
    http_server.add(
        "/feeds/all.xml",
        Reply(body=fixture("rss2_relative.xml"), content_type="application/rss+xml", etag='"feed-1"'),
    )
    http_server.add("/news/2026/11/sea-wall-approved.html", Reply(body=b"<html><p>Sea wall</p></html>"))
    http_server.add("/feeds/news/2026/11/ferry-strike.html", Reply(body=b"<html><p>Ferry</p></html>"))
    settings = Settings({"fetch.host_delay": 0.0, "fetch.retries": 0, "fetch.timeout": 2.0})
    with HttpFetcher(settings, cache_path=tmp_path / "validators.sqlite3") as fetcher:
        feed_response = fetcher.fetch(http_server.url("/feeds/all.xml"))
        entries = read_feed(
            feed_response.content, origin=feed_response.url, base_url=feed_response.final_url
        ).entries
        local = [e.url for e in entries if e.url.startswith(http_server.url("/"))]
        assert local == [
            http_server.url("/news/2026/11/sea-wall-approved.html"),
            http_server.url("/feeds/news/2026/11/ferry-strike.html"),
        ]
        pages = dict(fetcher.fetch_many(local))
        assert all(isinstance(p, Response) and p.status == 200 for p in pages.values())
        assert fetcher.fetch(http_server.url("/feeds/all.xml")).not_modified
