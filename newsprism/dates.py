"""Date helpers shared by the stages: parse any written date to ISO-8601, and "now"."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any


def now_iso() -> str:
    """The current UTC time, to the second, in ISO-8601."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def to_iso(value: Any) -> str | None:
    """A date or date-time in any common written form → ISO-8601 (a UTC offset is kept when given)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(
        text, settings={"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"}
    )
    return parsed.isoformat() if parsed else None
