"""A deterministic bag-of-words embedder for tests: no model, same words → same vector."""

from __future__ import annotations

import re
import zlib

import numpy as np


class HashingEmbedder:
    """Hashes lower-cased words into ``dim`` buckets; counts calls and texts embedded."""

    name = "test-hashing"

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.calls = 0
        self.texts: list[str] = []

    def embed(self, texts: list[str], languages: list[str] | None = None) -> np.ndarray:
        self.calls += 1
        self.texts.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[i, zlib.crc32(word.encode()) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms
