"""The plain-text cleaner: text a scraper already pulled out of a news page, with the page's leftovers.

    headline (maybe repeated) · byline, date, counters · body · share bar, tags, related lists,
    subscribe prompts, interface strings in another language · "Comments (14)" · comments · footer

:func:`clean_text` keeps the title and the body, parses the dateline and the reader comments, and moves
every other line, verbatim and in order, to ``removed``. It works line by line with general signals:

* **shape**: words, final punctuation, digits, separators (``Home | World | Sport``);
* **lexicons** of interface phrases in a dozen languages (:mod:`newsprism.boilerplate`), matched only
  against whole short lines;
* **position**: the body runs from the first to the last prose line before the comments; lines outside
  it are leftovers unless they continue the prose; a list heading ("Related", "Lire aussi") takes the
  headline-like lines under it with it;
* **language agreement**: a short non-sentence line whose language scores put it in another language
  than the page (an English "Bookmark" on a Vietnamese page) is interface text; proper names and
  sentences (quotes in another language) are not judged on language.

The dateline stays in the text as its first words (it is what the outlet printed); its parsed form is
``dateline``. Each kept line is one paragraph of ``text``; a word that machine translation glued to the
comma or full stop before it gets its space back (``unglue``: "Alaix,who" → "Alaix, who").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from newsprism import boilerplate as bp
from newsprism.comments import (
    CommentSection,
    comment_markers,
    is_furniture,
    parse_comment_section,
    parse_comments,
)
from newsprism.datelines import parse_dateline
from newsprism.errors import StageError
from newsprism.language import UNDETERMINED, detect_language, language_scores
from newsprism.mastheads import outlet_name
from newsprism.records import Comment, Dateline
from newsprism.timestamps import as_datetime, decide_day_first, is_filler, match_timestamp, parse_timestamp
from newsprism.urls import domain_of

# The cleaner and the parsers it is made of (the HTML extractor and the analyzer reuse the parsers).
__all__ = ["CleanedText", "clean_text", "parse_comments", "parse_dateline", "parse_timestamp"]

_MAX_CHECK = 2000  # lines longer than this are prose; no lexicon or language check needed
_MAX_COMMENT_GAP = 6  # content lines allowed between a comment header and the first comment


@dataclass
class CleanedText:
    """What :func:`clean_text` found in a pre-scraped page."""

    title: str | None
    text: str
    removed: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    dateline: Dateline | None = None
    source_name: str | None = None
    language: str = UNDETERMINED
    warnings: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)  # from byline lines (beyond the contract)


def _lines(text: str) -> list[str]:
    """The page's non-empty lines, stripped; on a hard-wrapped page (a text dump wrapped at a fixed width),
    the lines of one paragraph are joined into one unit (kept with their line breaks, for ``removed``)."""
    raw = [line.strip() for line in text.splitlines()]
    lines = [line for line in raw if line]
    width = _wrap_width(lines)
    if width is None:
        return lines
    units: list[str] = []
    current: list[str] = []
    for line in raw:
        if line:
            current.append(line)
        if current and (not line or len(line) < 0.75 * width):
            units.append("\n".join(current))
            current = []
    if current:
        units.append("\n".join(current))
    return units


def _wrap_width(lines: list[str]) -> int | None:
    """The width a page was hard-wrapped at, when most of its long lines end near one width."""
    long = [len(line) for line in lines if len(line) >= 40]
    if len(long) < 8:
        return None
    width = max(long)
    near = sum(1 for n in long if n >= 0.8 * width)
    return width if width <= 110 and near >= 0.6 * len(long) else None


def _flat(unit: str) -> str:
    return unit.replace("\n", " ")


def _page_language(lines: list[str], hint: str | None) -> str:
    if hint:
        return hint
    prose = sorted((ln for ln in lines if len(ln) < _MAX_CHECK * 50), key=len, reverse=True)[:12]
    return detect_language("\n".join(prose))


def _foreign(line: str, page_lang: str) -> bool:
    """A short, non-sentence line in another language than the page's (interface text)."""
    s = bp.shape(line)
    if page_lang == UNDETERMINED or s.n_words == 0 or s.n_words > 6 or (s.terminal and s.n_words >= 3):
        return False
    if s.n_words >= 2 and s.capitalized == 1.0 and not bp.ui_word_share(line):
        return False  # a proper name ("Nguyễn Văn An", "Ho Chi Minh City")
    scores = dict(language_scores(line))
    p_page = scores.get(page_lang, 0.0)
    best_lang, best = max(scores.items(), key=lambda kv: kv[1])
    if best_lang == page_lang or p_page >= 0.02:
        return False
    return best >= 0.15 or _script_mismatch(line, page_lang)


_PAGE_MARKS = {
    "vi": re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I),
    "ru": re.compile(r"[а-яё]", re.I),
    "uk": re.compile(r"[а-яєіїґ]", re.I),
    "ar": re.compile(r"[\u0600-\u06ff]"),
}


def _script_mismatch(line: str, page_lang: str) -> bool:
    mark = _PAGE_MARKS.get(page_lang)
    return mark is not None and not mark.search(line)


_TIME_ONLY = re.compile(r"(?<![\d:.])(?:[01]?\d|2[0-3])[:h.][0-5]\d\s*h?\.?(?![\d:])")
_PUBLISHED = re.compile(
    r"(?i)\b(?:updated|published|posted|modified|actualizado|publicado|atualizado|mis à jour|publié|aktualisiert|"
    r"veröffentlicht|aggiornato|pubblicato|обновлено|опубликовано|cập nhật|güncelleme)\b(?:\s+(?:a las|às|alle|um|at|à|в|lúc))?"
)


def _stamp_line(line: str, day_first: bool, year: int | None, ref: datetime | None) -> bool:
    """A line that is only a date or time ("03/11/2026 14:05", "Updated 2 hours ago")."""
    if len(line) > 120:
        return False
    m = match_timestamp(line, day_first=day_first, year=year, reference=ref)
    if m is not None:
        return is_filler(line[: m.start] + " " + line[m.end :])
    # "Actualizado a las 22:15h.", "Updated 14:05": a publication word and a time, nothing else
    t = _TIME_ONLY.search(line)
    return bool(
        t
        and _PUBLISHED.search(line)
        and is_filler(_PUBLISHED.sub(" ", line[: t.start()] + " " + line[t.end() :]))
    )


def _leftover_kind(
    line: str, page_lang: str, day_first: bool, year: int | None, ref: datetime | None
) -> str | None:
    if len(line) > _MAX_CHECK:
        return None
    if bp.is_punctuation(line):
        return "punctuation"
    if bp.is_comment_header(line):
        return "comment header"
    if bp.is_counter(line):
        return "counter"
    if _stamp_line(line, day_first, year, ref):
        return "date"
    if bp.is_byline(line):
        return "byline"
    if bp.is_copyright(line) or bp.source_name(line) and bp.shape(line).n_words <= 8:
        return "source"
    if bp.is_credit(line):
        return "credit"
    if bp.ui_phrase(line) or bp.is_menu(line) or bp.is_prompt(line):
        return "interface"
    if bp.is_translation_notice(line):
        return "translation notice"
    short = bp.shape(line)
    if short.n_words <= 3 and bp.mentions_comments(line):
        return "interface"
    if short.n_words <= 4 and not short.terminal and bp.ui_word_share(line) >= 0.99:
        return "interface"
    if _foreign(line, page_lang):
        return "foreign"
    return None


def _prose(line: str, page_lang: str) -> bool:
    """A line of article prose: a sentence in the page's language."""
    if not bp.is_sentence(line):
        return False
    if len(line) > _MAX_CHECK or page_lang == UNDETERMINED or bp.shape(line).n_words >= 15:
        return True
    scores = dict(language_scores(line))
    return scores.get(page_lang, 0.0) >= 0.05 or max(scores.values()) < 0.5


def _list_item(line: str, prose: bool) -> bool:
    """A headline in a list of links: not prose, or a short question or exclamation."""
    if not prose:
        return _headline_like(line)
    return line.rstrip().endswith(("?", "!")) and bp.shape(line).n_words <= 15


def _headline_like(line: str) -> bool:
    s = bp.shape(line)
    return 1 <= s.n_words <= 25 and not (line.rstrip().endswith(".") and s.n_words >= 5)


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _find_comments(lines: list[str], body_start: int, **kwargs: object) -> tuple[int, CommentSection] | None:
    """The comment marker after the body start that is promptly followed by comments.

    From the first marker that yields comments, the section starts at the last marker before the first
    comment ("Comment" button, then "Comments (2)" header: the header), and at most a few lines of
    content may separate it from that first comment.
    """
    markers = [m for m in comment_markers(lines) if m > body_start]
    for m in markers:
        found = _section_at(lines, m, kwargs)
        if found is None:
            continue
        section, first_used = found
        later = [m2 for m2 in markers if m < m2 < first_used]
        if later and (again := _section_at(lines, later[-1], kwargs)) is not None:
            m, (section, first_used) = later[-1], again
        content_before = [i for i in range(m + 1, first_used) if not is_furniture(lines[i])]
        long_prose = sum(1 for i in content_before if bp.shape(lines[i]).n_words >= 15)
        if len(content_before) <= _MAX_COMMENT_GAP and long_prose <= 1:
            return m, section
    return None


def _section_at(lines: list[str], m: int, kwargs: dict[str, object]) -> tuple[CommentSection, int] | None:
    """The comment section parsed from line ``m`` and the index of its first comment line, if any comment."""
    section = parse_comment_section(lines[m:], **kwargs)  # type: ignore[arg-type]
    if not section.comments:
        return None
    left = set(section.leftovers)
    return section, m + min(i for i in range(len(lines) - m) if i not in left)


def clean_text(
    text: str,
    *,
    url: str | None = None,
    published: str | None = None,
    language: str | None = None,
    scraped: str | None = None,
) -> CleanedText:
    """Clean the text of a pre-scraped news page (see the module docstring).

    ``published`` (ISO) gives the year for datelines and comment dates written without one;
    ``scraped`` (ISO, when the page was scraped) resolves relative comment times ("2 hours ago");
    without it they stay unresolved (``posted`` None) and a warning says so. ``language`` is a hint
    for the page's language; the result's ``language`` is detected on the clean body.

    Raises :class:`~newsprism.errors.StageError` (naming the page) if something unexpected fails inside.
    """
    try:
        return _clean(text, url=url, published=published, language=language, scraped=scraped)
    except Exception as exc:  # one bad page must never sink a batch: the caller records a skip
        raise StageError(f"cleaning {url or 'a scraped text'} failed: {type(exc).__name__}: {exc}") from exc


def _clean(
    text: str, *, url: str | None, published: str | None, language: str | None, scraped: str | None
) -> CleanedText:
    lines = _lines(text)
    if not lines:
        return CleanedText(title=None, text="", warnings=["empty input: no text"])
    pub = as_datetime(published)
    ref = as_datetime(scraped)
    year = pub.year if pub else ref.year if ref else None
    page_lang = _page_language(lines, language)
    day_first = decide_day_first([ln for ln in lines if len(ln) <= 120], page_lang, url, written=lines)
    kinds = [_leftover_kind(ln, page_lang, day_first, year, ref) for ln in lines]
    prose = [k is None and _prose(ln, page_lang) for ln, k in zip(lines, kinds, strict=True)]
    warnings: list[str] = []

    first_prose = next((i for i, p in enumerate(prose) if p), None)
    end = len(lines)
    comments: list[Comment] = []
    section_left: set[int] = set()
    if first_prose is not None:
        found = _find_comments(
            lines, first_prose, language=page_lang, reference=ref, year=year, day_first=day_first, url=url
        )
        if found:
            end, section = found
            comments = section.comments
            section_left = {end + i for i in section.leftovers}
            for raw in section.unresolved:
                warnings.append(
                    f"comment time {raw!r} is relative and no scrape time was given; posted left empty"
                )

    keep = [False] * len(lines)
    title_i: int | None = None
    listing = _list_items(lines, kinds, prose, end)
    region = [i for i in range(end) if prose[i] and i not in listing]
    boxes = [i for i in range(end) if bp.is_box_head(lines[i])]
    if boxes and region and region[0] < boxes[0]:  # an "About the author" box ends the article
        region = [i for i in region if i < boxes[0]]
    while region and _is_bio(lines[region[-1]]):  # "Sam Whitcomb covers city government for the Times."
        kinds[region[-1]] = "author bio"
        region.pop()
    if region:
        lo, hi = region[0], region[-1]
        title_i = _pick_title(lines, kinds, lo, url)
        for i in range(lo, hi + 1):
            keep[i] = kinds[i] is None and i not in listing and i != title_i
        # prose continues past the last prose line with short sentences ("More to follow.")
        i = hi + 1
        while i < end and kinds[i] is None and i not in listing and _closing_sentence(lines[i]):
            keep[i] = True
            i += 1
        i = lo - 1
        while (
            i > (title_i if title_i is not None else -1) and kinds[i] is None and _closing_sentence(lines[i])
        ):
            keep[i] = True
            i -= 1
    else:
        warnings.append("no article prose found")
        title_i = _pick_title(lines, kinds, end, url)
    title = _flat(lines[title_i]) if title_i is not None else None
    if title is not None:
        for i in range(end):
            if i != title_i and keep[i] and _same(lines[i], title):
                keep[i] = False

    body = [lines[i] for i in range(end) if keep[i]]
    removed = [
        lines[i] for i in range(len(lines)) if (i < end and not keep[i] and i != title_i) or i in section_left
    ]
    dateline = _dateline(_flat(body[0]), page_lang, year, pub) if body else None
    source = outlet_name(removed, dateline.agency if dateline is not None else None)
    authors = [name for ln in removed[:20] if (name := bp.byline_name(ln))]
    body_text = unglue("\n\n".join(_flat(unit) for unit in body))
    detected = _body_language(body_text)
    return CleanedText(
        title=title,
        text=body_text,
        removed=removed,
        comments=comments,
        dateline=dateline,
        source_name=source,
        language=detected if detected != UNDETERMINED else (language or page_lang),
        warnings=warnings,
        authors=authors,
    )


def _dateline(first: str, language: str, year: int | None, published: datetime | None) -> Dateline | None:
    """The dateline of the first body line; a date after publication belongs to the year before."""
    dateline, _ = parse_dateline(first, language, year)
    if dateline is None or dateline.date is None or published is None or not dateline.date[:4].isdigit():
        return dateline
    if dateline.date > (published + timedelta(days=2)).date().isoformat():
        dateline, _ = parse_dateline(first, language, published.year - 1)
    return dateline


_AUTHOR_BIO = re.compile(
    r"^[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){1,3},? (?:covers|reports on|writes about|is an? (?:staff |senior )?"
    r"(?:reporter|writer|correspondent|journalist|editor)|est (?:journaliste|correspondante?|rédactrice|rédacteur)|"
    r"ist (?:Korrespondent|Redakteur|Reporter)(?:in)?|es (?:periodista|corresponsal|redactora?)|"
    r"é (?:jornalista|correspondente)|è (?:giornalista|corrispondente)|(?:—|-) (?:корреспондент|журналист))\b"
)


def _is_bio(line: str) -> bool:
    return bp.shape(line).n_words <= 25 and bool(_AUTHOR_BIO.match(line))


def _body_language(text: str) -> str:
    """The body's language; a long body that the strict detector leaves undetermined ("zh" against "wuu")
    takes its most likely language when that one has at least half the probability."""
    detected = detect_language(text)
    if detected != UNDETERMINED or bp.shape(text[:5000]).n_words < 40:
        return detected
    lang, prob = language_scores(text)[0]
    return lang if prob >= 0.5 else UNDETERMINED


def _closing_sentence(line: str) -> bool:
    """A short sentence that still belongs to the article after its last full paragraph (not an author bio)."""
    s = bp.shape(line)
    if _is_bio(line):
        return False
    return s.terminal and s.n_words >= 2 and not line.rstrip().endswith(":")


def _pick_title(lines: list[str], kinds: list[str | None], limit: int, url: str | None) -> int | None:
    """The headline among the lines before the body that are not interface text or list items.

    A line repeated just below wins; then a longer line with lower-case words (a sentence-case headline)
    over a short capitalised one (the outlet's name, a section label), and a line just above the byline,
    the date or the body over one that is not (a banner); among lines that score nearly as
    well, the first (a headline comes before its standfirst). A line that spells the URL's domain is the
    outlet's name, never the title.
    """
    site = _squash(domain_of(url) or "").split(".")[0] if url else ""
    scored: list[tuple[float, int]] = []
    for i in range(limit):
        line = lines[i]
        s = bp.shape(line)
        if kinds[i] is not None or not 2 <= s.n_words <= 30 or len(line) > 250:
            continue
        if line.rstrip().endswith((".", ":")) and s.n_words > 3 and not line.rstrip().endswith("..."):
            continue
        if i > 0 and bp.is_list_head(lines[i - 1]):
            continue
        squashed = _squash(line)
        if site and len(squashed) >= 4 and (squashed in site or site in squashed):
            continue
        score = min(s.n_words, 8) / 2 + 2 * (1 - s.capitalized)
        if any(j == limit or kinds[j] in ("date", "byline") for j in range(i + 1, min(i + 4, limit + 1))):
            score += 1.5  # a headline sits just above its byline, its date or the body
        if s.n_words >= 3 and any(_same(line, lines[j]) for j in range(i + 1, min(len(lines), i + 6))):
            score += 10
        scored.append((score, i))
    if not scored:
        return None
    best = max(score for score, _ in scored)
    # a headline of four words or more comes before a standfirst that scores about as well
    return next(
        i for score, i in scored if score == best or (score >= best - 1.0 and bp.shape(lines[i]).n_words >= 4)
    )


# machine translation and careless copying glue words to the punctuation before them: "Alaix,who
# visited", "the dam,built in 1962", "at this place.He said"
_GLUED_COMMA = re.compile(r"(?<=[^\W\d_]{2})([,;])(?=[^\W\d_]{2})")
_GLUED_STOP = re.compile(r"(?<=[a-zß-öø-ÿа-яё]{2})\.(?=[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zß-öø-ÿа-яё])")
_ADDRESS = re.compile(r"://|www\.|@|/|\.(?:com|org|net|html?)\b", re.IGNORECASE)


def unglue(text: str) -> str:
    """A space after a comma, semicolon or full stop glued to the next word ("Alaix,who" → "Alaix, who",
    "place.He" → "place. He"); web and mail addresses are left as they are."""
    if not (_GLUED_COMMA.search(text) or _GLUED_STOP.search(text)):
        return text

    def fix(token: re.Match[str]) -> str:
        word = token.group(0)
        if _ADDRESS.search(word):
            return word
        return _GLUED_STOP.sub(". ", _GLUED_COMMA.sub(r"\1 ", word))

    return re.sub(r"\S+", fix, text)


def _squash(text: str) -> str:
    """Lower-case ASCII letters and digits only ("Kinh Tế Sài Gòn" → "kinhtesaigon")."""
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"[^a-z0-9]", "", folded.encode("ascii", "ignore").decode().lower())


def _list_items(lines: list[str], kinds: list[str | None], prose: list[bool], end: int) -> set[int]:
    """Lines under a list heading ("Related", "Lire aussi", "Tin liên quan") that are headlines, not prose."""
    out: set[int] = set()
    for h in range(end):
        if not bp.is_list_head(lines[h]):
            continue
        i = h + 1
        announced = lines[h].rstrip().endswith(":")  # "Xem thêm:", "Read more:" announce a list
        while i < end and kinds[i] in (None, "foreign") and _list_item(lines[i], prose[i]):
            if not announced and i > h + 1 and i + 1 < end and prose[i + 1]:
                break  # a subheading that opens the next paragraph
            out.add(i)
            i += 1
    return out
