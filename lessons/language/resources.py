"""Lesson 3's shared resources: taggers, corpora and the shipped model, loaded once per process, read-only."""

from __future__ import annotations

import streamlit as st

from core.language import rnn_lesson, text_corpus
from core.language.korean_tagger import TaggerService, get_tagger_service, measure_tagger_speed
from core.language.sentiment_model import load_sentiment_bundle

SPEED_SAMPLE_SIZE = 100
SPEED_CORPUS = "sentiment"


@st.cache_resource(show_spinner=False)
def tagger_service(name: str) -> TaggerService:
    """The konlpy tagger, started once per process on its own worker thread and shared read-only."""
    return get_tagger_service(name)


@st.cache_resource(show_spinner=False)
def tagger_speed(name: str) -> float:
    """Sentences per second for one tagger, measured once on the bundled corpus."""
    sentences = text_corpus.load_bundled_corpus(SPEED_CORPUS).texts[:SPEED_SAMPLE_SIZE]
    return measure_tagger_speed(tagger_service(name), sentences)


@st.cache_resource(show_spinner=False)
def nsmc_corpus() -> text_corpus.LabelledCorpus:
    """An NSMC training subset, read once per process (fails fast and is retried when offline)."""
    return text_corpus.load_nsmc_corpus()


@st.cache_resource(show_spinner=False)
def shipped_bundle():
    """The shipped sentiment model with its vocabulary, loaded once per process and never changed."""
    return load_sentiment_bundle()


def load_bundle():
    """The shipped bundle and None, or None and the reason it could not be loaded."""
    try:
        return shipped_bundle(), None
    except (OSError, ValueError, RuntimeError) as error:
        return None, error


@st.cache_resource(show_spinner=False)
def shipped_probe(_bundle):
    """The shipped model's hidden-state probe, built once per process."""
    return rnn_lesson.sequence_probe(_bundle.model)


@st.cache_data(show_spinner=False, max_entries=256)
def shipped_trace(padded: tuple[int, ...]) -> rnn_lesson.RecurrentTrace:
    """Hidden states of the shipped model for one padded sentence; reruns of the same sentence reuse them."""
    bundle = shipped_bundle()
    return rnn_lesson.recurrent_trace(bundle.model, list(padded), shipped_probe(bundle))


@st.cache_resource(show_spinner=False)
def shipped_embedding_map(_bundle, top_words: int):
    """The 2-D PCA map of the shipped model's most frequent words (computed once per process)."""
    matrix = rnn_lesson.embedding_matrix(_bundle.model)
    ids = list(range(2, min(top_words + 2, matrix.shape[0])))
    words = [_bundle.settings.vocabulary.words[index] for index in ids]
    return matrix, rnn_lesson.embedding_map(matrix, ids, words)


def model_tagger(bundle) -> TaggerService:
    """The tagger the shipped model was trained with (Okt), whatever tagger the student is exploring."""
    return tagger_service(bundle.settings.tokenizer.tagger)
