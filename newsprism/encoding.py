"""Bytes → text: decompression with a size cap, charset detection, mojibake repair.

Pages arrive as UTF-8, legacy code pages, a mix of both within one file, or text that was already
decoded wrongly once (mojibake: ``Ã©`` for ``é``). ``decode_bytes`` returns clean Unicode or raises
an :class:`~newsprism.errors.InputError` saying why it could not.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zlib
from dataclasses import dataclass, field

import ftfy
from charset_normalizer import from_bytes

from newsprism.errors import DecodeError, UnsupportedInput

GZIP_MAGIC = b"\x1f\x8b"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)["']""", re.IGNORECASE)
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False)
# what UTF-8 read as Latin-1 / Windows-1252 leaves behind: a lead byte's letter (Ã Â Ð Ñ …) followed by
# a continuation byte's character; ftfy (slow on whole pages) runs only where this cheap test fires
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00c5\u00ce-\u00d1\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178"
    "\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def gunzip(data: bytes, *, origin: str, max_bytes: int) -> bytes:
    """Decompress gzip data, refusing more than ``max_bytes`` of output and truncated streams."""
    out = bytearray()
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        chunk = d.decompress(data, max_bytes + 1)
        out += chunk
        # concatenated gzip members (allowed by the format)
        while d.eof and d.unused_data and len(out) <= max_bytes:
            rest = d.unused_data
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out += d.decompress(rest, max_bytes + 1 - len(out))
    except zlib.error as exc:
        raise DecodeError(f"{origin}: broken gzip data ({exc})") from None
    if len(out) > max_bytes:
        raise UnsupportedInput(f"{origin}: larger than {max_bytes:,} bytes once decompressed")
    if not d.eof:
        raise DecodeError(f"{origin}: truncated gzip data (the file ends before the compressed stream does)")
    return bytes(out)


def maybe_gunzip(data: bytes, *, origin: str, max_bytes: int) -> bytes:
    return gunzip(data, origin=origin, max_bytes=max_bytes) if data[:2] == GZIP_MAGIC else data


def is_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (images, PDFs, executables …)."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return False
    if b"\x00" in head:
        # UTF-16 without BOM has NULs in every other byte of ASCII text
        even, odd = head[0::2], head[1::2]
        return not (even.count(0) > len(even) * 0.4 or odd.count(0) > len(odd) * 0.4)
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.05


def declared_encoding(data: bytes, content_type: str | None = None) -> str | None:
    """The encoding an HTTP header, an XML declaration or an HTML <meta> names, if any and known."""
    candidates = []
    if content_type and "charset=" in content_type.lower():
        candidates.append(content_type.lower().split("charset=")[-1].split(";")[0].strip(" \"'"))
    head = data[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        m = pattern.search(head)
        if m:
            candidates.append(m.group(1).decode("ascii", "ignore"))
    for name in candidates:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def _decode_mixed(data: bytes, fallback: str) -> str:
    """UTF-8 where a line is valid UTF-8, ``fallback`` elsewhere (files stitched from two encodings)."""
    lines = data.split(b"\n")
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode(fallback, errors="replace"))
    return "\n".join(out)


def decode_bytes(data: bytes, *, origin: str, content_type: str | None = None) -> Decoded:
    """Decode ``data`` to text; raises UnsupportedInput for empty or binary input."""
    if not data.strip():
        raise UnsupportedInput(f"{origin}: empty input")
    if is_binary(data):
        raise UnsupportedInput(f"{origin}: binary data, not a web page or text")
    warnings: list[str] = []
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text, encoding = data.decode(name, errors="replace"), name
            break
    else:
        declared = declared_encoding(data, content_type)
        text = ""
        encoding = ""
        for name in ([declared] if declared else []) + ["utf-8"]:
            try:
                text, encoding = data.decode(name), name
                break
            except (UnicodeDecodeError, LookupError):
                continue
        if not encoding:
            best = from_bytes(data[:200_000]).best()
            guess = best.encoding if best is not None else "cp1252"
            if guess in ("utf_8", "utf-8", "ascii"):
                guess = "cp1252"
            utf8_lines = sum(1 for line in data.split(b"\n") if line.isascii() is False and _is_utf8(line))
            if utf8_lines:
                text, encoding = _decode_mixed(data, guess), f"utf-8+{guess}"
                warnings.append(f"mixed encodings (UTF-8 and {guess}); each line decoded on its own")
            else:
                text, encoding = data.decode(guess, errors="replace"), guess
        if declared and encoding != declared and declared != "utf-8":
            warnings.append(f"declared encoding {declared} did not decode; read as {encoding}")
    if _MOJIBAKE_HINT.search(text):
        fixed = ftfy.fix_text(text, config=_FTFY)
    else:  # what ftfy would still do on a clean page: composed accents, no stray byte-order marks
        fixed = unicodedata.normalize("NFC", text).replace("\ufeff", "")
    if fixed != text and _MOJIBAKE_HINT.search(text):
        warnings.append("repaired mis-decoded characters (mojibake)")
    if fixed.count("\ufffd") > max(3, len(fixed) // 200):
        warnings.append("some characters could not be decoded")
    return Decoded(fixed, encoding, warnings)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
