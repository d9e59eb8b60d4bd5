"""URL helpers: the canonical form an article id is derived from, and the outlet domain."""

from __future__ import annotations

from urllib.parse import urlsplit

from courlan import normalize_url


def canonical_url(url: str) -> str:
    """Normalise a URL so that the same article always yields the same id.

    Lower-cases scheme and host, drops fragments and tracking parameters (``utm_*``, ``fbclid`` …)
    through courlan, the URL library trafilatura itself uses.
    """
    url = url.strip()
    try:
        return normalize_url(url, strict=True)  # type: ignore[no-any-return]
    except Exception:  # courlan raises on odd inputs; keep the URL as given
        return url


def domain_of(url: str | None) -> str | None:
    """``https://www.lemonde.fr/x`` → ``lemonde.fr``."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower()
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
    return host


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))
