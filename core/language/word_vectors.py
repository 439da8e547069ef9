"""Word vectors that mean something: skip-gram word2vec trained on NSMC's Okt morphemes.

The sentiment model's own `Embedding` only learns what predicts a review's label, so its nearest words
are words that push the label the same way, not words that mean the same thing. Word2vec's skip-gram
learns a vector per word by predicting the words around it, so words used in the same places (the
note: "유사한 관계를 가지고 있는 벡터들끼리는 비슷한 벡터로 만들어짐") end up close. The lesson shows both.

One reproducible command trains and ships them (gensim, a fixed seed, one worker so that runs repeat):

    nice -n 10 python -m core.language.word_vectors --data ../shared/data/nsmc/ratings_train.txt

The vectors are stored as float16 in a NumPy archive without pickles (words as a fixed-width string
array), the most frequent `max_words` words (tokens with a letter or digit; punctuation is dropped before
training), with a JSON file that records how they were made.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from core.config import DEFAULT_SEED, MODELS_DIR
from core.errors import StudentFacingError
from core.language.config_options import add_config_options, config_from_arguments
from core.language.embeddings import NeighbourIndex
from core.language.token_cache import TokenCache, TokenizerOptions, tokenize_corpus

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


@dataclass(frozen=True)
class Word2VecConfig:
    """Skip-gram settings, tuned on NSMC so the neighbours of common review words are related words.

    A narrow window (2) makes words close when they can stand in for each other (최고 ~ 최고다, 쵝오, 최강)
    rather than when they appear in the same review (최고 ~ 올해, 꼽다), which a window of 5 gave; light
    subsampling (1e-3) and 15 epochs give the frequent words enough updates; min_count 3 fills ~20k words.
    """

    vector_size: int = 100
    window: int = 2
    min_count: int = 3
    epochs: int = 15
    negative: int = 10
    sample: float = 1e-3
    max_words: int = 20_000
    seed: int = DEFAULT_SEED
    workers: int = 1


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


def train_word2vec(token_lists: Sequence[Sequence[str]], config: Word2VecConfig) -> WordVectors:
    """Train skip-gram word2vec on tokenized texts and keep the `max_words` most frequent real words."""
    from gensim.models import Word2Vec

    # Punctuation runs ("...", "!!") are dropped so that the window spans words, not dots.
    sentences = [kept for tokens in token_lists if (kept := [token for token in tokens if is_word(token)])]
    if not sentences:
        raise ValueError("need at least one non-empty tokenized text to train word vectors")
    model = Word2Vec(
        sentences, sg=1, vector_size=config.vector_size, window=config.window, min_count=config.min_count,
        epochs=config.epochs, negative=config.negative, sample=config.sample, seed=config.seed,
        workers=config.workers,
    )
    keyed = model.wv
    # gensim sorts its vocabulary by frequency, most frequent first.
    words = keyed.index_to_key[: config.max_words]
    if not words:
        raise ValueError("no word reached min_count; use a larger corpus or a smaller min_count")
    vectors = np.stack([keyed[word] for word in words])
    counts = [int(keyed.get_vecattr(word, "count")) for word in words]
    return WordVectors(words, vectors, counts)


def save_word_vectors(vectors: WordVectors, info: dict[str, Any], path: str | Path = WORD_VECTORS_PATH) -> Path:
    """Write the vectors (float16) and words to `path`, and `info` beside it as JSON."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, vectors=vectors.vectors.astype(np.float16), words=np.array(vectors.words),
                        counts=np.asarray(vectors.counts or [0] * len(vectors), dtype=np.int64))
    path.with_suffix(".json").write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def load_word_vectors(path: str | Path = WORD_VECTORS_PATH) -> WordVectors:
    """Read vectors saved by `save_word_vectors` (no pickles)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No word vectors at {path}; train them with python -m core.language.word_vectors")
    with np.load(path, allow_pickle=False) as archive:
        return WordVectors([str(word) for word in archive["words"]], archive["vectors"], archive["counts"].tolist())


def word_vectors_info(path: str | Path = WORD_VECTORS_PATH) -> dict | None:
    """The JSON that describes how the shipped vectors were made, or None."""
    info_path = Path(path).with_suffix(".json")
    return json.loads(info_path.read_text(encoding="utf-8")) if info_path.is_file() else None


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    defaults = Word2VecConfig()
    parser = argparse.ArgumentParser(description="Train skip-gram word vectors on NSMC's Okt morphemes.")
    parser.add_argument("--data", type=Path, required=True, help="NSMC-format file (id, document, label)")
    parser.add_argument("--output", type=Path, default=WORD_VECTORS_PATH)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N reviews (0: all)")
    parser.add_argument("--cache-dir", type=Path, default=None)
    add_config_options(parser, defaults)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, tagger_factory: Callable[[], Any] | None = None) -> dict:
    """Tokenize the corpus (cached), train, save, and return the JSON info written beside the vectors."""
    from core.language.nsmc_data import read_nsmc

    arguments = parse_arguments(argv)
    config = config_from_arguments(Word2VecConfig, arguments)
    if tagger_factory is None:
        from core.language.korean_tagger import get_tagger_service

        tagger_factory = get_tagger_service
    started = time.perf_counter()
    corpus = read_nsmc(arguments.data, dedupe=True)
    if arguments.limit:
        corpus = corpus.head(arguments.limit)
    cache = TokenCache(arguments.cache_dir) if arguments.cache_dir else TokenCache()
    tokenized = tokenize_corpus(corpus.texts, TOKENIZER, tagger_factory, cache)
    print(f"tokenized {len(corpus):,} reviews in {tokenized.seconds:.1f} s (cache hit: {tokenized.from_cache})")
    vectors = train_word2vec(tokenized.token_lists, config)
    info = {
        "method": "skip-gram word2vec (gensim)",
        "config": asdict(config),
        "tokenizer": TOKENIZER.to_dict(),
        "train_file": arguments.data.name,
        "train_size": len(corpus),
        "words": len(vectors),
        "dimensions": vectors.dimensions,
        "train_seconds": round(time.perf_counter() - started, 1),
        "training_command": "python -m core.language.word_vectors "
                            + " ".join(sys.argv[1:] if argv is None else argv),
    }
    save_word_vectors(vectors, info, arguments.output)
    print(json.dumps({key: info[key] for key in ("words", "dimensions", "train_seconds")}))
    return info


if __name__ == "__main__":
    main()
