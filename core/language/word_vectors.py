"""Word vectors that mean something: skip-gram word2vec trained on NSMC's Okt morphemes, as the lesson reads them.

The sentiment model's own `Embedding` only learns what predicts a review's label, so its nearest words
are words that push the label the same way; word2vec learns a vector per word by predicting the words
around it, so words used in the same places end up close. `python -m modelbuild.language.word_vectors`
builds the shipped file (float16, no pickles); this module reads and queries it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from core.config import MODELS_DIR
from core.errors import StudentFacingError
from core.language.embeddings import NeighbourIndex
from core.language.tokenizing import TokenizerOptions

WORD_VECTORS_PATH: Path = MODELS_DIR / "nsmc_word2vec.npz"
# A word worth looking up has a letter or a digit in it; runs of punctuation stay in training as context.
WORD_PATTERN = re.compile(r"[0-9A-Za-z\uac00-\ud7a3\u3131-\u318e]")
# The same tokens as the shipped sentiment model (Okt, stemmed, normalised), so both embeddings share words.
TOKENIZER = TokenizerOptions(tagger="okt", stem=True, normalize=True)
MAX_QUERY_CHARS = 40
# Neighbours and analogy answers come from this many most frequent words (see `WordVectors.nearest`).
NEIGHBOUR_POOL = 10_000


class UnknownWordError(StudentFacingError, KeyError):
    """A word that is not in the vocabulary of the word vectors."""

    def __init__(self, word: str) -> None:
        shown = word[:MAX_QUERY_CHARS]
        super().__init__(
            f"'{shown}'은(는) 모르는 단어입니다. 워드 임베딩 사전(영화 리뷰에 자주 나온 형태소)에 없어요. "
            "기본형(예: '재밌다', '지루하다')이나 다른 단어로 해 보세요.",
            f"'{shown}' is an unknown word: it is not in the word-vector vocabulary (frequent morphemes of "
            "movie reviews). Try its dictionary form (e.g. '재밌다') or another word.",
        )
        self.word = word


class WordVectors:
    """Word vectors, most frequent word first, with a word → row index; read-only once built."""

    def __init__(self, words: Sequence[str], vectors: np.ndarray, counts: Sequence[int] | None = None,
                 neighbour_pool: int = NEIGHBOUR_POOL) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[0] != len(words):
            raise ValueError(f"need one vector per word: {len(words)} words, vectors of shape {vectors.shape}")
        if len(set(words)) != len(words):
            raise ValueError("words must be distinct")
        self.words = list(words)
        self.counts = list(counts) if counts is not None else []
        self.row = {word: index for index, word in enumerate(self.words)}
        self.index = NeighbourIndex(vectors, first_id=0)
        self.vectors = vectors
        self.neighbour_pool = max(1, neighbour_pool)

    def __contains__(self, word: object) -> bool:
        return word in self.row

    def __len__(self) -> int:
        return len(self.words)

    @property
    def dimensions(self) -> int:
        """Numbers per word vector."""
        return int(self.vectors.shape[1])

    def row_of(self, word: str) -> int:
        """The row of a word, or `UnknownWordError` (typed text is stripped first)."""
        cleaned = word.strip() if isinstance(word, str) else word
        if cleaned not in self.row:
            raise UnknownWordError(str(word))
        return self.row[cleaned]

    def nearest(self, word: str, count: int = 10) -> list[tuple[str, float]]:
        """The `count` words whose vectors point most nearly the same way (cosine similarity).

        Any known word may be asked about, but the answers come from the `neighbour_pool` most frequent
        words: a word seen a handful of times (a typo, a name in one review) has a vector trained on those
        few uses, and such words would otherwise crowd out the well-trained ones.
        """
        row = self.row_of(word)
        return self._best(self.index.unit[row], {row}, count)

    def _best(self, target: np.ndarray, excluded: set[int], count: int) -> list[tuple[str, float]]:
        """The `count` pool words most similar to a unit `target`, leaving out the rows in `excluded`."""
        pool = self.index.unit[: self.neighbour_pool]
        similarity = pool @ target
        for row in excluded:
            if row < len(similarity):
                similarity[row] = -np.inf
        count = min(count, len(similarity) - sum(1 for row in excluded if row < len(similarity)))
        if count <= 0:
            return []
        best = np.argpartition(-similarity, count - 1)[:count]
        best = best[np.argsort(-similarity[best])]
        return [(self.words[index], float(similarity[index])) for index in best]

    def similarity(self, first: str, second: str) -> float:
        """Cosine similarity of two known words."""
        unit = self.index.unit
        return float(unit[self.row_of(first)] @ unit[self.row_of(second)])

    def analogy(self, positive_a: str, negative_b: str, positive_c: str, count: int = 10) -> list[tuple[str, float]]:
        """Words nearest to A − B + C (unit vectors, as word2vec does), leaving out A, B and C themselves."""
        rows = [self.row_of(word) for word in (positive_a, negative_b, positive_c)]
        unit = self.index.unit
        target = unit[rows[0]] - unit[rows[1]] + unit[rows[2]]
        return self._best(target / max(float(np.linalg.norm(target)), 1e-12), set(rows), count)


def is_word(token: str) -> bool:
    """Whether a token has a letter or a digit (is worth shipping and looking up)."""
    return bool(WORD_PATTERN.search(token))


def load_word_vectors(path: str | Path = WORD_VECTORS_PATH) -> WordVectors:
    """Read vectors saved by `save_word_vectors` (no pickles)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No word vectors at {path}; build them with "
                                "python -m modelbuild.language.word_vectors")
    with np.load(path, allow_pickle=False) as archive:
        return WordVectors([str(word) for word in archive["words"]], archive["vectors"], archive["counts"].tolist())


def word_vectors_info(path: str | Path = WORD_VECTORS_PATH) -> dict | None:
    """The JSON that describes how the shipped vectors were made, or None."""
    info_path = Path(path).with_suffix(".json")
    return json.loads(info_path.read_text(encoding="utf-8")) if info_path.is_file() else None
