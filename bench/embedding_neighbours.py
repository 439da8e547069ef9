"""The shipped word vectors' nearest words; prints one JSON line.

    python -m bench.embedding_neighbours 최고 지루하다 배우 감독 재밌다

Prints `{"WORD": [[neighbour, cosine], ...], ...}` with the 10 nearest words of each word by cosine
similarity (models/nsmc_word2vec.npz, trained by `python -m core.language.word_vectors`); a word the
vectors do not know maps to `null`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from core.language.word_vectors import WORD_VECTORS_PATH, UnknownWordError, load_word_vectors

NEIGHBOURS = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("words", nargs="+")
    parser.add_argument("--vectors", type=Path, default=WORD_VECTORS_PATH)
    parser.add_argument("--count", type=int, default=NEIGHBOURS)
    arguments = parser.parse_args()
    vectors = load_word_vectors(arguments.vectors)
    result: dict[str, list | None] = {}
    for word in arguments.words:
        try:
            result[word] = [[neighbour, round(score, 4)] for neighbour, score in vectors.nearest(word, arguments.count)]
        except UnknownWordError:
            result[word] = None
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
