"""The records that flow through the pipeline; they serialise to the JSON contract of DESIGN.md.

Every record is a plain dataclass with ``to_dict()`` and ``from_dict()``. Field names of the contract
are never renamed or dropped; fields beyond the contract are allowed and documented here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar, Union

T = TypeVar("T", bound="Record")

#: how the warning begins that ``compare`` puts on a story of one independent source (``Story.warnings``);
#: reports match it to say so once
SINGLE_SOURCE_WARNING = "one independent source only"


class Record:
    """Mixin: dict round-trip for (nested) dataclasses."""

    def to_dict(self) -> dict[str, Any]:
        return _to_plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        return _from_plain(cls, data)  # type: ignore[no-any-return]


def _to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_plain(v) for v in value]
    return value


_CONVERTERS: dict[Any, Any] = {}


def _identity(value: Any) -> Any:
    return value


def _converter(tp: Any) -> Any:
    """A function turning plain JSON data into type ``tp`` (built once per type: from_dict is hot)."""
    if tp in _CONVERTERS:
        return _CONVERTERS[tp]
    origin = typing.get_origin(tp)
    conv: Any = _identity
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            inner = _converter(args[0])
            conv = _identity if inner is _identity else (lambda v: None if v is None else inner(v))
    elif origin is list:
        (item,) = typing.get_args(tp)
        inner = _converter(item)
        conv = (
            (lambda v: None if v is None else list(v))
            if inner is _identity
            else (lambda v: None if v is None else [inner(x) for x in v])
        )
    elif origin is dict:
        _, item = typing.get_args(tp)
        inner = _converter(item)
        conv = (
            (lambda v: None if v is None else dict(v))
            if inner is _identity
            else (lambda v: None if v is None else {k: inner(x) for k, x in v.items()})
        )
    elif isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = {f.name: _converter(hints[f.name]) for f in dataclasses.fields(tp)}
        cls = tp

        def conv(value: Any) -> Any:
            if value is None:
                return None
            return cls(**{k: fields[k](v) for k, v in value.items() if k in fields})

    elif tp is float:
        conv = lambda v: float(v) if isinstance(v, int) and not isinstance(v, bool) else v  # noqa: E731
    _CONVERTERS[tp] = conv
    return conv


def _from_plain(tp: Any, value: Any) -> Any:
    return _converter(tp)(value)


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def outlet_key(outlet: str | None) -> str:
    """An outlet's domain or name as ids and the store compare it: case and spacing folded."""
    return " ".join((outlet or "").casefold().split())


# --------------------------------------------------------------------------------------------- Article


@dataclass
class Source(Record):
    """The outlet: ``name`` ("Le Monde"), ``domain`` ("lemonde.fr")."""

    name: str | None = None
    domain: str | None = None


@dataclass
class Dateline(Record):
    """``PARIS, March 3 (Reuters) -`` → place, date (as written, or ISO when resolvable), agency."""

    place: str | None = None
    date: str | None = None
    agency: str | None = None


@dataclass
class Comment(Record):
    author: str | None = None
    posted: str | None = None  # ISO-8601
    text: str = ""


@dataclass
class Sentence(Record):
    i: int
    text: str
    start: int  # offsets into Article.text
    end: int


@dataclass
class Entity(Record):
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, …
    start: int
    end: int
    key: str | None = None  # normalised key, shared within and across articles (beyond the contract)


@dataclass
class Quote(Record):
    text: str
    speaker: str | None
    cue: str | None
    direct: bool
    sentence: int
    speaker_key: str | None = None  # beyond the contract: normalised speaker


@dataclass
class Number(Record):
    text: str
    value: float
    unit: str | None
    kind: str  # money | percent | count | quantity | year | date
    sentence: int


@dataclass
class Article(Record):
    """One clean news article. The first block of fields is the DESIGN.md contract."""

    id: str
    url: str | None = None
    path: str | None = None
    source: Source = field(default_factory=Source)
    title: str | None = None
    published: str | None = None
    language: str = "und"
    dateline: Dateline | None = None
    text: str = ""
    comments: list[Comment] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # added by analyze
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)
    # beyond the contract
    authors: list[str] = field(default_factory=list)
    kind: str | None = None  # what the input was: html | text | json | warc | feed
    ingested: str | None = None  # ISO-8601 time newsprism first read it
    syndication: str | None = None  # id of the earliest copy when this is wire copy republished (dedup)

    @staticmethod
    def make_id(url: str | None, text: str, outlet: str | None = None) -> str:
        """Stable id: sha1 of the canonical URL, else of the clean text, preceded by the outlet when known
        (``outlet_key``): two outlets' copies of one wire text are two articles, not one."""
        from newsprism.urls import canonical_url

        if url:
            return sha1(canonical_url(url))
        key = outlet_key(outlet)
        return sha1(f"{key}\n{text.strip()}" if key else text.strip())

    @property
    def analyzed(self) -> bool:
        return bool(self.sentences)

    @property
    def headline_only(self) -> bool:
        """A record with a title and no text (``extract.headline_only``): coverage that carries no claim."""
        return not self.text.strip() and bool((self.title or "").strip())


# --------------------------------------------------------------------------------------------- Story


@dataclass
class Evidence(Record):
    article_id: str
    sentence: int
    text: str


@dataclass
class Claim(Record):
    id: str
    text: str
    status: str  # consensus | partial | unique
    article_ids: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class ContradictionValue(Record):
    article_id: str
    text: str
    value: float
    unit: str | None = None


@dataclass
class Contradiction(Record):
    about: str
    values: list[ContradictionValue] = field(default_factory=list)


@dataclass
class VoiceQuote(Record):
    article_id: str
    text: str


@dataclass
class Voice(Record):
    speaker: str
    article_ids: list[str] = field(default_factory=list)
    quotes: list[VoiceQuote] = field(default_factory=list)


@dataclass
class CommentSummary(Record):
    count: int = 0
    tone: float | None = None


@dataclass
class Story(Record):
    """A story and, once compared, its comparison (DESIGN.md: one object per story)."""

    id: str
    title: str
    article_ids: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    voices: list[Voice] = field(default_factory=list)
    omissions: dict[str, list[str]] = field(default_factory=dict)
    tone: dict[str, float] = field(default_factory=dict)
    comments: dict[str, CommentSummary] = field(default_factory=dict)
    # beyond the contract
    first_published: str | None = None
    last_published: str | None = None
    outlets: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # the single happenings the story holds (newsprism.events): article ids, each event in time order
    events: list[list[str]] = field(default_factory=list)
    # article id → {entity key: tone -1 … 1} toward its main entities
    entity_tone: dict[str, dict[str, float]] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------- runs


@dataclass
class RawDocument(Record):
    """One unit of input before extraction: a page, a text, a JSON record, a WARC response."""

    origin: str  # what to name in messages: a path, URL, "file.warc.gz#record-12", "stdin"
    content: bytes = b""
    kind: str = "unknown"  # html | text | json | unknown
    url: str | None = None
    path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # title, published, source … from a feed/JSON/WARC

    def to_dict(self) -> dict[str, Any]:  # bytes are not JSON; callers that need it encode
        d = super().to_dict()
        d["content"] = self.content.decode("utf-8", "replace")
        return d


@dataclass
class Skip(Record):
    """An input (or a record inside it) that was not turned into an article, and why."""

    input: str
    reason: str
    stage: str = "extract"  # read | fetch | extract | analyze | store …

    def __str__(self) -> str:
        return f"skipped {self.input}: {self.reason}"


__all__ = [
    "Record",
    "Source",
    "Dateline",
    "Comment",
    "Sentence",
    "Entity",
    "Quote",
    "Number",
    "Article",
    "Evidence",
    "Claim",
    "ContradictionValue",
    "Contradiction",
    "VoiceQuote",
    "Voice",
    "CommentSummary",
    "Story",
    "RawDocument",
    "Skip",
    "sha1",
]
