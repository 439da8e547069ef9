"""Lesson 3 "train your own" figures: default GRU on the bundled corpora, and one-sentence look-ups.

Prints ONE JSON line: test accuracy and training seconds for the page's default config on the bundled
sentiment and topic corpora (Okt morphemes, stemmed), one-sentence prediction p50 with the student's
model, and the p50 of the hidden-state trace and occlusion the page computes for the shipped model.
Run: `python -m bench.nlp_lesson`.
"""

from __future__ import annotations

import json
import statistics
import time

from core.language import rnn_lesson
from core.language.korean_tagger import get_tagger_service
from core.language.sentiment_model import load_sentiment_bundle, predict_sentence
from core.language.text_corpus import load_bundled_corpus
from core.training import TrainingJob, iterations_per_epoch

REPEATS = 30
SENTENCE = "배우들 연기가 정말 좋았고 마지막 장면에서 눈물이 났어요"


def p50_ms(function, repeats: int = REPEATS) -> float:
    """Median wall time of `function()` in milliseconds, after one warm-up call."""
    function()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def train_default(name: str, tagger) -> tuple[rnn_lesson.TrainedTextModel, float]:
    """Train the page's default config on a bundled corpus through a TrainingJob, as the page does."""
    corpus = load_bundled_corpus(name)
    config = rnn_lesson.RnnConfig(stem=True)
    split = rnn_lesson.split_indices(corpus.label_ids)
    tokenize = rnn_lesson.corpus_tokenizer(tagger, tagger.name, config.stem)
    job = TrainingJob(
        lambda callback: rnn_lesson.train_text_classifier(
            corpus.texts, corpus.label_ids, corpus.class_names, config, tokenize, callback, split
        ),
        total_epochs=config.epochs,
        iterations_per_epoch=iterations_per_epoch(len(split.train), config.batch_size),
    )
    started = time.perf_counter()
    job.start().join()
    return job.result, time.perf_counter() - started


def main() -> None:
    tagger = get_tagger_service("okt")
    results: dict[str, float] = {}
    for name in ("sentiment", "topic"):
        trained, seconds = train_default(name, tagger)
        results[f"{name}_test_accuracy"] = round(trained.evaluation.accuracy, 3)
        results[f"{name}_train_seconds"] = round(seconds, 1)
    results["own_predict_ms_p50"] = p50_ms(
        lambda: rnn_lesson.predict_tokens(trained, tagger.morphs(SENTENCE, stem=True))
    )
    bundle = load_sentiment_bundle()
    prediction = predict_sentence(bundle, SENTENCE, tagger)
    probe = rnn_lesson.sequence_probe(bundle.model)
    results["shipped_trace_ms_p50"] = p50_ms(lambda: rnn_lesson.recurrent_trace(bundle.model, prediction.padded, probe))
    results["shipped_occlusion_ms_p50"] = p50_ms(
        lambda: rnn_lesson.sentiment_occlusion(bundle, prediction.text, prediction.tokens)
    )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
