"""Numbers that disagree: the same quantity about the same thing, reported with different values.

Values are compared after unit normalisation (hectares and square kilometres, currency codes) and
allowing for rounding: "$48bn" and "48.2 billion dollars" agree, "12 dead" and "14 dead" do not.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from newsprism.compare.units import Unit
from newsprism.records import Claim, Contradiction, ContradictionValue, Number

# unit → (dimension, factor to the dimension's base unit)
_CONVERT: dict[str, tuple[str, float]] = {
    "ha": ("area", 1e4),
    "hectare": ("area", 1e4),
    "hectares": ("area", 1e4),
    "km2": ("area", 1e6),
    "km²": ("area", 1e6),
    "square kilometre": ("area", 1e6),
    "square kilometer": ("area", 1e6),
    "sq km": ("area", 1e6),
    "acre": ("area", 4046.86),
    "square mile": ("area", 2.58999e6),
    "m2": ("area", 1.0),
    "m²": ("area", 1.0),
    "km": ("length", 1e3),
    "m": ("length", 1.0),
    "mile": ("length", 1609.34),
    "miles": ("length", 1609.34),
    "t": ("mass", 1e3),
    "tonne": ("mass", 1e3),
    "tonnes": ("mass", 1e3),
    "ton": ("mass", 1e3),
    "kg": ("mass", 1.0),
    "mw": ("power", 1e6),
    "gw": ("power", 1e9),
    "kw": ("power", 1e3),
}
_DIGITS = re.compile(r"\d[\d\s.,’'\u202f\u00a0]*")


def normalise(number: Number) -> tuple[str, float]:
    """(comparable key, value in the key's base unit)."""
    unit = (number.unit or "").strip().lower()
    if number.kind == "quantity" and unit in _CONVERT:
        dim, factor = _CONVERT[unit]
        return f"quantity:{dim}", number.value * factor
    return f"{number.kind}:{unit}", number.value


def significant_digits(text: str) -> int:
    m = _DIGITS.search(text)
    if not m:
        return 15
    digits = re.sub(r"\D", "", m.group(0)).strip("0") or "0"
    return max(1, len(digits))


def same_value(a: float, text_a: str, b: float, text_b: str) -> bool:
    """Equal, or equal once the more precise value is rounded as the other was written."""
    if a == b or math.isclose(a, b, rel_tol=0.005):
        return True
    for x, tx, y in ((a, text_a, b), (b, text_b, a)):
        digits = significant_digits(tx)
        if y != 0 and x != 0:
            magnitude = math.floor(math.log10(abs(y)))
            rounded = round(y, -magnitude + digits - 1)
            if math.isclose(rounded, x, rel_tol=1e-9):
                return True
    return False


def find_contradictions(
    claims: Iterable[Claim], units_by_key: dict[tuple[str, int], list[Unit]]
) -> list[Contradiction]:
    """Within each aligned claim, numbers of the same kind and unit whose values disagree."""
    found = []
    for claim in claims:
        if len(claim.article_ids) < 2:
            continue
        by_key: dict[str, list[tuple[str, Number, float]]] = {}
        for ev in claim.evidence:
            for unit in units_by_key.get((ev.article_id, ev.sentence), []):
                for num in unit.numbers:
                    if num.kind in ("year", "date"):
                        continue
                    key, value = normalise(num)
                    by_key.setdefault(key, []).append((ev.article_id, num, value))
        for key, items in by_key.items():
            first: dict[str, tuple[Number, float]] = {}
            for article_id, num, value in items:
                first.setdefault(article_id, (num, value))
            if len(first) < 2:
                continue
            values = list(first.items())
            disagree = any(
                not same_value(v1, n1.text, v2, n2.text)
                for i, (_, (n1, v1)) in enumerate(values)
                for (_, (n2, v2)) in values[i + 1 :]
            )
            if disagree:
                unit = key.split(":", 1)[1]
                about = f"{unit + ' — ' if unit else ''}{claim.text}"
                found.append(
                    Contradiction(
                        about=about[:200],
                        values=[ContradictionValue(a, n.text, n.value, n.unit) for a, (n, _) in values],
                    )
                )
    return found
