"""Character n-grams weighted by TF-IDF: the "wide" reader of the shipped sentiment model (pure NumPy).

Morphemes lose what Okt cannot analyse: spacing, typos, chat spelling such as ㅋㅋ or ㅠㅠ, and
word endings that stemming folds together. Counting short runs of characters inside each word
keeps all of that. A review becomes the ids of its n-grams and one weight per id:
(1 + log count) × idf, scaled to unit length, the weighting that makes a linear model over these
features strong on NSMC. Id 0 is padding.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

NGRAM_PAD_ID = 0
REPEATED_CHARACTER_PATTERN = re.compile(r"(.)\1{2,}")


def char_ngrams(text: str, min_n: int = 1, max_n: int = 4) -> list[str]:
    """The n-grams of every word, each word marked with a space on both sides.

    Long repeats are cut to two characters first ("ㅋㅋㅋㅋ" counts like "ㅋㅋ"), so that a
    review's n-grams do not grow with how long a student held a key.
    """
    if not 1 <= min_n <= max_n:
        raise ValueError(f"Need 1 <= min_n <= max_n, got {min_n} and {max_n}")
    cleaned = REPEATED_CHARACTER_PATTERN.sub(r"\1\1", unicodedata.normalize("NFC", text).lower())
    grams: list[str] = []
    for word in cleaned.split():
        marked = f" {word} "
        for size in range(min_n, max_n + 1):
            grams.extend(marked[start : start + size] for start in range(len(marked) - size + 1))
    return grams


@dataclass
class NgramVocabulary:
    """N-gram <-> id table with each n-gram's inverse document frequency (id 0: padding)."""

    grams: list[str]
    idf: list[float]
    min_n: int = 1
    max_n: int = 4
    max_length: int = 400
    _index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if len(self.grams) != len(self.idf):
            raise ValueError(f"{len(self.grams)} n-grams but {len(self.idf)} idf values")
        if self.max_length < 1:
            raise ValueError(f"max_length must be at least 1, got {self.max_length}")
        self._index = {gram: index + 1 for index, gram in enumerate(self.grams)}
        self._idf = np.concatenate([[0.0], np.asarray(self.idf, dtype=np.float32)]).astype(np.float32)

    @classmethod
    def build(
        cls,
        texts: Iterable[str],
        max_features: int = 200_000,
        min_document_count: int = 2,
        min_n: int = 1,
        max_n: int = 4,
        max_length: int = 400,
    ) -> NgramVocabulary:
        """Keep the most frequent n-grams that appear in at least `min_document_count` texts.

        idf = ln((1 + N) / (1 + document count)) + 1, the smoothed form that never divides by zero.
        Ties in frequency are broken alphabetically so that the same corpus always gives the same ids.
        """
        if max_features < 1 or min_document_count < 1:
            raise ValueError("max_features and min_document_count must be at least 1")
        document_counts: Counter[str] = Counter()
        total_counts: Counter[str] = Counter()
        text_count = 0
        for text in texts:
            counts = Counter(char_ngrams(text, min_n, max_n))
            document_counts.update(counts.keys())
            total_counts.update(counts)
            text_count += 1
        if text_count == 0:
            raise ValueError("Need at least one text to build an n-gram vocabulary")
        kept = sorted((gram for gram, count in document_counts.items() if count >= min_document_count),
                      key=lambda gram: (-total_counts[gram], gram))[:max_features]  # fmt: skip
        idf = [round(math.log((1 + text_count) / (1 + document_counts[gram])) + 1, 4) for gram in kept]
        return cls(kept, idf, min_n, max_n, max_length)

    def __len__(self) -> int:
        """Number of ids, padding included (the Embedding's input dimension)."""
        return len(self.grams) + 1

    def encode(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """One text -> (ids, weights) of its known n-grams, highest weight first, at most max_length."""
        counts = Counter(self._index[gram] for gram in char_ngrams(text, self.min_n, self.max_n) if gram in self._index)
        if not counts:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        ids = np.fromiter(counts.keys(), dtype=np.int32, count=len(counts))
        frequencies = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        weights = (1.0 + np.log(frequencies)) * self._idf[ids]
        weights /= np.linalg.norm(weights)
        order = np.argsort(-weights, kind="stable")[: self.max_length]
        return ids[order], weights[order].astype(np.float32)

    def encode_many(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Padded (ids, weights) arrays of shape (len(texts), max_length); padding has id 0, weight 0."""
        ids = np.zeros((len(texts), self.max_length), dtype=np.int32)
        weights = np.zeros((len(texts), self.max_length), dtype=np.float32)
        for row, text in enumerate(texts):
            text_ids, text_weights = self.encode(text)
            ids[row, : len(text_ids)] = text_ids
            weights[row, : len(text_weights)] = text_weights
        return ids, weights

    def to_dict(self) -> dict:
        """The JSON-ready form used inside model bundles."""
        return {"grams": list(self.grams), "idf": list(self.idf), "min_n": self.min_n, "max_n": self.max_n,
                "max_length": self.max_length}  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict) -> NgramVocabulary:
        """Rebuild from `to_dict` output."""
        if not isinstance(data, dict) or not isinstance(data.get("grams"), list):
            raise ValueError("N-gram vocabulary data must be an object with a 'grams' list")
        return cls([str(gram) for gram in data["grams"]], [float(value) for value in data["idf"]],
                   int(data.get("min_n", 1)), int(data.get("max_n", 4)), int(data.get("max_length", 400)))  # fmt: skip
