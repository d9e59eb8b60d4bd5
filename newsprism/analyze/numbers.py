"""stub"""

from __future__ import annotations

from newsprism.records import Number, Sentence


def extract_numbers(
    text: str, sentences: list[Sentence], language: str, published: str | None = None
) -> list[Number]:
    return []
