"""Tokenized corpora cached on disk, so retraining never tokenizes the same corpus twice.

The key hashes the corpus texts and every tokenizer option, so any change gives a new file. The file is a
compressed NumPy archive without pickles that stores each distinct token once (one UTF-8 byte string with end
offsets, so no token is padded to the longest one's width), every token as an int32 index into them, and the
offset where each text starts.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.config import CACHE_DIR
from core.language.tokenizing import BulkTokenizer, TokenizerOptions, tokenize_texts

TOKEN_CACHE_VERSION = 2
TOKEN_CACHE_SUBDIR = "tokens"


def corpus_key(texts: Iterable[str], options: TokenizerOptions) -> str:
    """SHA-256 of the corpus and the options: the cache file name."""
    digest = hashlib.sha256()
    header = {"version": TOKEN_CACHE_VERSION, "options": options.to_dict()}
    digest.update(json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    for text in texts:
        encoded = text.encode("utf-8")
        # The length prefix keeps ["ab", "c"] and ["a", "bc"] apart.
        digest.update(len(encoded).to_bytes(8, "little"))
        digest.update(encoded)
    return digest.hexdigest()


class TokenCache:
    """A folder of tokenized corpora, one `.npz` file per key."""

    def __init__(self, cache_dir: str | Path = Path(CACHE_DIR) / TOKEN_CACHE_SUBDIR) -> None:
        self.cache_dir = Path(cache_dir)

    def path_for(self, key: str) -> Path:
        """The file that holds the corpus with this key."""
        if not key or not all(character in "0123456789abcdef" for character in key):
            raise ValueError(f"Cache keys are hexadecimal digests, got {key!r}")
        return self.cache_dir / f"{key}.npz"

    def save(self, key: str, token_lists: Sequence[Sequence[str]]) -> Path:
        """Store token lists under a key (atomically: a crash never leaves half a file)."""
        vocabulary: dict[str, int] = {}
        flat = [vocabulary.setdefault(token, len(vocabulary)) for tokens in token_lists for token in tokens]
        offsets = np.zeros(len(token_lists) + 1, dtype=np.int64)
        np.cumsum([len(tokens) for tokens in token_lists], out=offsets[1:])
        word_ends = np.cumsum([len(word) for word in vocabulary], dtype=np.int64)
        word_text = np.frombuffer("".join(vocabulary).encode("utf-8"), dtype=np.uint8)
        target = self.path_for(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".npz.tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                np.savez_compressed(
                    stream, word_text=word_text, word_ends=word_ends, ids=np.asarray(flat, dtype=np.int32),
                    offsets=offsets, version=np.array(TOKEN_CACHE_VERSION),
                )  # fmt: skip
            # mkstemp creates owner-only files; cached tokens are shared like any other cache file.
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return target

    def load(self, key: str) -> list[list[str]] | None:
        """Token lists stored under a key, or None when absent or unreadable (then re-tokenize)."""
        path = self.path_for(key)
        if not path.is_file():
            return None
        try:
            with np.load(path, allow_pickle=False) as archive:
                if int(archive["version"]) != TOKEN_CACHE_VERSION:
                    return None
                word_text = archive["word_text"].tobytes().decode("utf-8")
                word_ends = archive["word_ends"].tolist()
                ids = archive["ids"].tolist()
                offsets = archive["offsets"].tolist()
        except (OSError, ValueError, KeyError, UnicodeDecodeError):
            return None
        word_starts = [0, *word_ends][:-1]
        words = [word_text[start:end] for start, end in zip(word_starts, word_ends, strict=True)]
        tokens = [words[index] for index in ids]
        return [tokens[start:end] for start, end in zip(offsets[:-1], offsets[1:], strict=True)]


@dataclass(frozen=True)
class TokenizedCorpus:
    """Token lists plus where they came from and how long that took."""

    token_lists: list[list[str]]
    key: str
    from_cache: bool
    seconds: float


def tokenize_corpus(
    texts: Sequence[str],
    options: TokenizerOptions,
    tagger: BulkTokenizer | Callable[[], BulkTokenizer],
    cache: TokenCache | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> TokenizedCorpus:
    """Tokenize a corpus, or reload it from the cache when the same texts and options were seen before.

    `tagger` may be a function returning the tagger, so that a cache hit never starts the JVM.
    """
    started = clock()
    key = corpus_key(texts, options)
    cache = cache if cache is not None else TokenCache()
    cached = cache.load(key)
    if cached is not None and len(cached) == len(texts):
        return TokenizedCorpus(cached, key, True, clock() - started)
    service = tagger() if callable(tagger) and not hasattr(tagger, "morphs_many") else tagger
    token_lists = tokenize_texts(texts, options, service)
    cache.save(key, token_lists)
    return TokenizedCorpus(token_lists, key, False, clock() - started)
