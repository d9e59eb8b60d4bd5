from __future__ import annotations

import gzip

import pytest

from newsprism.encoding import decode_bytes, gunzip, is_binary
from newsprism.errors import DecodeError, UnsupportedInput


def test_mojibake_is_repaired_and_noted():
    broken = "Les dockers réclament une hausse".encode().decode("latin-1").encode("utf-8")
    out = decode_bytes(broken, origin="page.txt")
    assert out.text == "Les dockers réclament une hausse"
    assert any("mojibake" in w for w in out.warnings)


def test_a_file_mixing_utf8_and_a_legacy_code_page_is_read_line_by_line():
    data = "Grève à Portvale".encode("cp1252") + b"\n" + "Забастовка в порту".encode()
    out = decode_bytes(data, origin="mixed.txt")
    assert out.text.splitlines() == ["Grève à Portvale", "Забастовка в порту"]
    assert any("mixed encodings" in w for w in out.warnings)


def test_the_declared_charset_of_an_html_page_is_used():
    page = '<html><head><meta charset="windows-1251"></head><body>Новости дня</body></html>'
    assert "Новости дня" in decode_bytes(page.encode("cp1251"), origin="p.html").text


def test_curly_quotes_survive_decoding():
    assert decode_bytes("“We will strike,” she said.".encode(), origin="q").text.startswith("“We")


def test_utf16_with_bom_is_text_not_binary():
    data = "Hola, mundo".encode("utf-16")
    assert not is_binary(data)
    assert decode_bytes(data, origin="x").text == "Hola, mundo"


@pytest.mark.parametrize("data", [b"", b"   \n\t"])
def test_empty_input_is_refused_with_its_name(data):
    with pytest.raises(UnsupportedInput, match="empty.txt: empty input"):
        decode_bytes(data, origin="empty.txt")


def test_binary_input_is_refused_with_its_name():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(UnsupportedInput, match="logo.png: binary"):
        decode_bytes(png, origin="logo.png")


def test_truncated_gzip_is_a_decode_error():
    data = gzip.compress(b"<html>" + b"x" * 5000)
    with pytest.raises(DecodeError, match="truncated"):
        gunzip(data[: len(data) // 2], origin="page.html.gz", max_bytes=10**6)


def test_gzip_bomb_is_stopped_at_the_size_cap():
    bomb = gzip.compress(b"\0" * 5_000_000)
    with pytest.raises(UnsupportedInput, match="larger than"):
        gunzip(bomb, origin="bomb.gz", max_bytes=1_000_000)


def test_clean_pages_skip_the_repair_but_get_composed_accents():
    out = decode_bytes("\ufeffTe\u0301cnicas para la huelga del puerto".encode(), origin="p.html")
    assert out.text == "Técnicas para la huelga del puerto" and out.warnings == []
