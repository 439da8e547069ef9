"""Score the shipped sentiment model on an NSMC-format file; prints one JSON line.

    python -m bench.nsmc_eval --test ../shared/data/nsmc/ratings_test.txt

`accuracy` on every review (tokens from the token cache when present), `tokenize_sent_per_s` (warm Okt
`morphs_many` on unseen reviews, as in bench.tokenize_speed) and `predict_ms_p50` (one typed sentence).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import numpy as np

from bench.tokenize_speed import warm_bulk_rates
from core.availability import NSMC_MODEL_PATH
from core.language.korean_tagger import get_tagger_service
from core.language.nsmc_data import read_nsmc
from core.language.sentiment_model import (
    apply_stopwords,
    binary_accuracy,
    load_sentiment_bundle,
    predict_sentence,
    predict_token_lists,
)
from core.language.token_cache import tokenize_corpus

SPEED_SAMPLE = 5_000
SPEED_WARMUP = 10_000
LATENCY_SAMPLE = 300
LATENCY_WARMUP = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--test", required=True, type=Path)
    parser.add_argument("--model", type=Path, default=NSMC_MODEL_PATH)
    arguments = parser.parse_args()

    bundle = load_sentiment_bundle(arguments.model)
    tagger = get_tagger_service(bundle.settings.tokenizer.tagger)
    corpus = read_nsmc(arguments.test)
    options = bundle.settings.tokenizer

    # Measured as bench.tokenize_speed does: reviews the memo has not seen, after warming on others.
    warmup_texts = corpus.texts[SPEED_SAMPLE : SPEED_SAMPLE + SPEED_WARMUP]
    rates = warm_bulk_rates(tagger, warmup_texts, corpus.texts[:SPEED_SAMPLE], options.stem, options.normalize)

    tokenized = tokenize_corpus(corpus.texts, options, lambda: tagger)
    token_lists = apply_stopwords(tokenized.token_lists, options)
    probabilities = predict_token_lists(bundle, token_lists, corpus.texts)
    accuracy = binary_accuracy(probabilities, corpus.labels)

    latency_texts = corpus.texts[-(LATENCY_SAMPLE + LATENCY_WARMUP) :]
    timings = []
    for index, text in enumerate(latency_texts):
        started = time.perf_counter()
        predict_sentence(bundle, text, tagger)
        if index >= LATENCY_WARMUP:
            timings.append((time.perf_counter() - started) * 1000)

    print(json.dumps({
        "accuracy": round(accuracy, 4),
        "n": len(corpus),
        "tokenize_sent_per_s": round(statistics.median(rates), 1),
        "predict_ms_p50": round(statistics.median(timings), 2),
        "predict_ms_p90": round(float(np.percentile(timings, 90)), 2),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
