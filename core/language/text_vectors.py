"""Turning tokens into numbers: a vocabulary, bag of words, id sequences and padding (pure NumPy).

Id 0 is reserved for padding and id 1 for out-of-vocabulary words (OOV), the convention of Keras'
`Embedding(mask_zero=True)` and of the lesson note.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

PAD_TOKEN = "<PAD>"
OOV_TOKEN = "<OOV>"
PAD_ID = 0
OOV_ID = 1
PADDING_SIDES = ("pre", "post")


@dataclass
class Vocabulary:
    """Word <-> id table: ids 0 and 1 are padding and OOV, then words by falling frequency."""

    words: list[str] = field(default_factory=lambda: [PAD_TOKEN, OOV_TOKEN])
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.words[:2] != [PAD_TOKEN, OOV_TOKEN]:
            raise ValueError(f"A vocabulary must start with {PAD_TOKEN} and {OOV_TOKEN}")
        if len(set(self.words)) != len(self.words):
            raise ValueError("Vocabulary words must be unique")
        self._index = {word: index for index, word in enumerate(self.words)}

    @classmethod
    def build(
        cls, token_lists: Iterable[Sequence[str]], max_size: int | None = None, min_count: int = 1
    ) -> Vocabulary:
        """Count words and keep the most frequent ones.

        `max_size` counts every id including PAD and OOV; `min_count` drops rarer words. Ties in
        frequency are broken by first appearance so that the same corpus always gives the same ids.
        """
        if max_size is not None and max_size < 2:
            raise ValueError(f"max_size must be at least 2 (PAD and OOV), got {max_size}")
        if min_count < 1:
            raise ValueError(f"min_count must be at least 1, got {min_count}")
        counter: Counter[str] = Counter()
        for tokens in token_lists:
            if isinstance(tokens, str):
                raise ValueError("Each item must be a list of tokens, not a string")
            counter.update(tokens)
        for reserved in (PAD_TOKEN, OOV_TOKEN):
            counter.pop(reserved, None)
        # Counter.most_common keeps insertion order among equal counts (stable sort).
        kept = [(word, count) for word, count in counter.most_common() if count >= min_count]
        if max_size is not None:
            kept = kept[: max_size - 2]
        return cls([PAD_TOKEN, OOV_TOKEN] + [word for word, _ in kept], dict(kept))

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self._index

    def id_of(self, word: str) -> int:
        """The id of a word, or the OOV id."""
        return self._index.get(word, OOV_ID)

    def encode(self, tokens: Sequence[str]) -> list[int]:
        """Tokens -> ids (unknown words become OOV_ID)."""
        return [self._index.get(token, OOV_ID) for token in tokens]

    def encode_many(self, token_lists: Iterable[Sequence[str]]) -> list[list[int]]:
        """Encode many token lists."""
        return [self.encode(tokens) for tokens in token_lists]

    def decode(self, ids: Iterable[int], skip_padding: bool = True) -> list[str]:
        """Ids -> tokens; padding ids are skipped unless asked for."""
        tokens = []
        for raw_id in ids:
            index = int(raw_id)
            if not 0 <= index < len(self.words):
                raise ValueError(f"Id {index} is outside the vocabulary (size {len(self.words)})")
            if skip_padding and index == PAD_ID:
                continue
            tokens.append(self.words[index])
        return tokens

    def bag_of_words(self, tokens: Sequence[str]) -> np.ndarray:
        """Count vector of length len(vocabulary): entry i counts the tokens with id i (OOV at 1)."""
        return np.bincount(np.asarray(self.encode(tokens), dtype=np.int64), minlength=len(self.words)).astype(
            np.int64
        )

    def to_json(self) -> str:
        """Serialise to JSON text (words in id order, plus their training counts)."""
        return json.dumps({"words": self.words, "counts": self.counts}, ensure_ascii=False)

    def to_dict(self) -> dict:
        """The JSON-ready form used inside model bundles."""
        return {"words": list(self.words), "counts": dict(self.counts)}

    @classmethod
    def from_dict(cls, data: dict) -> Vocabulary:
        """Rebuild from `to_dict` output."""
        if not isinstance(data, dict) or not isinstance(data.get("words"), list):
            raise ValueError("Vocabulary data must be an object with a 'words' list")
        return cls([str(word) for word in data["words"]], {str(k): int(v) for k, v in data.get("counts", {}).items()})

    @classmethod
    def from_json(cls, text: str) -> Vocabulary:
        """Rebuild from `to_json` output."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"Vocabulary JSON is not valid: {error}") from error
        return cls.from_dict(data)


def pad_sequences(
    sequences: Sequence[Sequence[int]],
    max_length: int,
    padding: str = "pre",
    truncating: str = "pre",
    value: int = PAD_ID,
) -> np.ndarray:
    """Make every id sequence `max_length` long, like Keras' `pad_sequences`.

    `padding="pre"` puts the zeros in front, which suits RNNs: the last time steps, whose hidden
    state the classifier reads, hold real words. `truncating="pre"` drops the start of long sequences.
    """
    if isinstance(max_length, bool) or not isinstance(max_length, int | np.integer) or max_length < 1:
        raise ValueError(f"max_length must be a positive integer, got {max_length!r}")
    if padding not in PADDING_SIDES:
        raise ValueError(f"padding must be 'pre' or 'post', got {padding!r}")
    if truncating not in PADDING_SIDES:
        raise ValueError(f"truncating must be 'pre' or 'post', got {truncating!r}")
    if isinstance(sequences, str | bytes):
        raise ValueError("sequences must be a list of id lists")
    result = np.full((len(sequences), int(max_length)), value, dtype=np.int32)
    for row, sequence in enumerate(sequences):
        ids = np.asarray(sequence, dtype=np.int64).ravel() if len(sequence) else np.zeros(0, dtype=np.int64)
        if ids.size and ids.min() < 0:
            raise ValueError(f"Sequence {row} has a negative id")
        if ids.size > max_length:
            ids = ids[-max_length:] if truncating == "pre" else ids[:max_length]
        if not ids.size:
            continue
        if padding == "pre":
            result[row, -ids.size :] = ids
        else:
            result[row, : ids.size] = ids
    return result


def sequence_lengths(sequences: Iterable[Sequence[int]]) -> np.ndarray:
    """Lengths of id sequences, to help choose `max_length` (e.g. its 95th percentile)."""
    return np.asarray([len(sequence) for sequence in sequences], dtype=np.int64)
