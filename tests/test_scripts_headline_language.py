"""The table of scripts/headline_language.py: coverage and precision of language guesses by bar."""

from __future__ import annotations

from scriptload import load_script


def _module():
    return load_script("scripts/headline_language.py")


def test_a_higher_bar_keeps_fewer_guesses_and_counts_only_those_it_keeps():
    script = _module()
    guesses = [(6, "en", 0.95, "en"), (6, "de", 0.55, "nl"), (6, "fr", 0.75, "fr"), (6, "es", 0.4, "es")]
    table = script.table(guesses)["6"]
    assert table["0.5"] == {"coverage": 0.75, "precision": round(2 / 3, 4)}
    assert table["0.6"] == {"coverage": 0.5, "precision": 1.0}
    assert table["0.9"] == {"coverage": 0.25, "precision": 1.0}
