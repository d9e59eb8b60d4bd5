"""The one exception tree of newsprism.

Everything newsprism raises on purpose derives from :class:`NewsprismError`; third-party exceptions
are caught at the boundary where they happen and wrapped in one of these, with a message that says
what was wrong and what to do.

    NewsprismError
     ├── UsageError              bad arguments or settings (CLI exit code 2)
     │    └── ConfigError        a settings file or value that cannot be used
     ├── InputError              one input cannot be turned into an article (recorded as a skip)
     │    ├── UnsupportedInput   binary, empty, unknown kind, too large
     │    ├── DecodeError        truncated gzip, undecodable bytes, broken JSON / WARC record
     │    ├── FeedError          a feed or OPML file that is not usable XML (incl. entity bombs)
     │    └── NoArticleError     a page with no article text in it
     ├── FetchError              a URL that could not be fetched
     │    ├── FetchTimeout
     │    ├── HTTPStatusError    404, 500, …
     │    ├── RobotsDisallowed   robots.txt forbids the URL
     │    └── TooLargeError      the body is over the size cap
     ├── StageError              an analysis / embedding / clustering stage failed on one record
     ├── ModelError              a model that should ship with an installed package is missing
     ├── StoreError              the store cannot be opened, migrated or written
     │    ├── MigrationError
     │    └── PgServerError      a throwaway PostgreSQL server (tests, bench) cannot be set up
     ├── EngineError             the execution engine (process pool, Dask) failed or is unreachable
     └── EvalDataError           an evaluation data set is missing or not in the expected shape
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose."""


class UsageError(NewsprismError):
    """Bad command-line arguments or settings."""


class ConfigError(UsageError):
    """A settings file or value that cannot be used."""


class InputError(NewsprismError):
    """One input cannot be turned into an article; the run records it as a skip and goes on."""


class UnsupportedInput(InputError):
    """An input of a kind newsprism does not read (binary, empty, too large, unknown)."""


class DecodeError(InputError):
    """Bytes that cannot be decoded: truncated compression, broken JSON, a broken WARC record."""


class FeedError(InputError):
    """A feed or OPML document that is not usable XML."""


class NoArticleError(InputError):
    """A page in which no article text was found."""


class FetchError(NewsprismError):
    """A URL that could not be fetched."""


class FetchTimeout(FetchError):
    """The server did not answer in time."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class RobotsDisallowed(FetchError):
    """robots.txt forbids fetching the URL."""


class TooLargeError(FetchError):
    """The response body is larger than the configured cap."""


class StageError(NewsprismError):
    """A pipeline stage failed on one record."""


class ModelError(NewsprismError):
    """A model that should have been installed with a package cannot be loaded."""


class StoreError(NewsprismError):
    """The store cannot be opened, migrated or written."""


class MigrationError(StoreError):
    """A schema migration failed."""


class PgServerError(StoreError):
    """The throwaway PostgreSQL server of the tests and `bench scaling` cannot be set up; the message says why."""


class EngineError(NewsprismError):
    """The execution engine failed or cannot be reached."""


class EvalDataError(NewsprismError):
    """An evaluation data set is missing or not in the expected shape."""


__all__ = [
    "NewsprismError",
    "UsageError",
    "ConfigError",
    "InputError",
    "UnsupportedInput",
    "DecodeError",
    "FeedError",
    "NoArticleError",
    "FetchError",
    "FetchTimeout",
    "HTTPStatusError",
    "RobotsDisallowed",
    "TooLargeError",
    "StageError",
    "ModelError",
    "StoreError",
    "MigrationError",
    "PgServerError",
    "EngineError",
    "EvalDataError",
]
