"""Build the shipped word vectors: skip-gram word2vec on NSMC's Okt morphemes (gensim, fixed seed, one worker).

    nice -n 10 python -m modelbuild.language.word_vectors --data ../shared/data/nsmc/ratings_train.txt

The vectors are stored as float16 in a NumPy archive without pickles (words as a fixed-width string
array), the most frequent `max_words` words, with a JSON file that records how they were made.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from core.config import DEFAULT_SEED
from core.language.token_cache import TokenCache, tokenize_corpus
from core.language.word_vectors import TOKENIZER, WORD_VECTORS_PATH, WordVectors, is_word
from modelbuild.config_options import add_config_options, config_from_arguments


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
        "training_command": "python -m modelbuild.language.word_vectors "
                            + " ".join(sys.argv[1:] if argv is None else argv),
    }
    save_word_vectors(vectors, info, arguments.output)
    print(json.dumps({key: info[key] for key in ("words", "dimensions", "train_seconds")}))
    return info


if __name__ == "__main__":
    main()
