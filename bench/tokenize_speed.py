"""Okt tokenizing speed and the token cache's reload speed-up; prints one JSON line.

    python -m bench.tokenize_speed [--data PATH]

`tokenize_sent_per_s`: warm `morphs_many` on unseen reviews; `cold_memo_sent_per_s`: with an empty eojeol memo;
`per_sentence_sent_per_s`: one `morphs` call per sentence; `cache_speedup`: tokenizing / reloading from the cache.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from core.language.korean_tagger import TaggerService, get_tagger_service
from core.language.nsmc_data import find_nsmc, read_nsmc
from core.language.token_cache import TokenCache, tokenize_corpus
from core.language.tokenizing import TokenizerOptions

WARMUP_SENTENCES = 10_000
MEASURED_SENTENCES = 5_000
CACHE_SENTENCES = 10_000
PER_SENTENCE_SAMPLE = 1_000
REPEATS = 3


def warm_bulk_rates(
    tagger: TaggerService, warmup: Sequence[str], measured: Sequence[str], stem: bool, norm: bool,
    repeats: int = REPEATS,
) -> list[float]:  # fmt: skip
    """Sentences per second of `morphs_many` on `measured`, once per repeat.

    Every repeat empties the eojeol memo and refills it from `warmup` first, so each run sees the
    same memo and only the JIT gets warmer.
    """
    rates = []
    for _ in range(repeats):
        tagger.clear_memo()
        tagger.morphs_many(warmup, stem=stem, norm=norm)
        started = time.perf_counter()
        tagger.morphs_many(measured, stem=stem, norm=norm)
        rates.append(len(measured) / (time.perf_counter() - started))
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, help="NSMC-format file (default: found like the lesson finds NSMC)")
    arguments = parser.parse_args()
    texts = read_nsmc(find_nsmc("test", path=arguments.data, allow_download=False)).texts
    warmup = texts[:WARMUP_SENTENCES]
    measured = texts[WARMUP_SENTENCES : WARMUP_SENTENCES + MEASURED_SENTENCES]
    cache_texts = texts[-CACHE_SENTENCES:]
    options = TokenizerOptions(stem=True, normalize=True)
    tagger = get_tagger_service("okt")

    warm_rates = warm_bulk_rates(tagger, warmup, measured, stem=True, norm=True)

    tagger.clear_memo()
    started = time.perf_counter()
    tagger.morphs_many(measured, stem=True, norm=True)
    cold_rate = len(measured) / (time.perf_counter() - started)

    started = time.perf_counter()
    for text in measured[:PER_SENTENCE_SAMPLE]:
        tagger.morphs(text, stem=True, norm=True)
    per_sentence_rate = PER_SENTENCE_SAMPLE / (time.perf_counter() - started)

    tagger.clear_memo()
    with tempfile.TemporaryDirectory() as folder:
        cache = TokenCache(folder)
        first = tokenize_corpus(cache_texts, options, tagger, cache)
        second = tokenize_corpus(cache_texts, options, tagger, cache)
    if first.from_cache or not second.from_cache or first.token_lists != second.token_lists:
        raise RuntimeError("The token cache did not round-trip the corpus")

    print(json.dumps({
        "tokenize_sent_per_s": round(statistics.median(warm_rates), 1),
        "tokenize_runs_sent_per_s": [round(rate, 1) for rate in warm_rates],
        "cpu_count": os.cpu_count(),
        "cold_memo_sent_per_s": round(cold_rate, 1),
        "per_sentence_sent_per_s": round(per_sentence_rate, 1),
        "cache_sentences": len(cache_texts),
        "tokenize_seconds": round(first.seconds, 3),
        "cache_reload_seconds": round(second.seconds, 4),
        "cache_speedup": round(first.seconds / second.seconds, 1),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
