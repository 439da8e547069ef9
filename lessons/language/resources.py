"""Lesson 3's shared resources: taggers, corpora and the shipped model, loaded once per process, read-only."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from core.errors import StudentFacingError
from core.language import embeddings, kiwi_text, rnn_lesson, text_corpus, word_vectors
from core.language.korean_tagger import TaggerService, get_tagger_service, measure_tagger_speed
from core.language.korean_text import CleaningStep, SpacingComparison, clean_text, compare_spacing
from core.language.sentiment_model import SentimentPrediction, load_sentiment_bundle, predict_sentence
from lessons.caching import shared_result

SPEED_SAMPLE_SIZE = 100
SPEED_CORPUS = "sentiment"
NEIGHBOUR_COUNT = 10
# Per-input results are shared by every student for a while: 30 students on the note's sentence cost one
# computation. The bounds keep a long class (or a student typing hundreds of variants) from growing memory.
RESULT_ENTRIES = 1024
RESULT_TTL_SECONDS = 2 * 60 * 60


@st.cache_resource(show_spinner=False)
def tagger_service(name: str) -> TaggerService:
    """The konlpy tagger, started once per process on its own worker thread and shared read-only."""
    return get_tagger_service(name)


@st.cache_resource(show_spinner=False)
def kiwi_corrector() -> kiwi_text.KiwiCorrector:
    """Kiwi's spacing and typo correction: one analyser per process, thread-safe, shared read-only."""
    return kiwi_text.KiwiCorrector(kiwi_text.get_kiwi())


def kiwi_available() -> bool:
    """Whether Kiwi loads here (it ships as a package, so only a broken install makes this False)."""
    try:
        return kiwi_corrector() is not None
    except (ImportError, OSError, RuntimeError):
        return False


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


@dataclass(frozen=True)
class ShippedWordMap:
    """The shipped model's word vectors, the map of its most frequent words and a neighbour index."""

    matrix: np.ndarray
    basis: embeddings.MapBasis
    top_map: embeddings.EmbeddingMap
    neighbours: embeddings.NeighbourIndex


@st.cache_resource(show_spinner=False)
def shipped_word_map(_bundle, top_words: int = rnn_lesson.EMBEDDING_MAP_WORDS) -> ShippedWordMap:
    """Computed once per process: the map's axes come from the most frequent words."""
    matrix = rnn_lesson.embedding_matrix(_bundle.model)
    ids = list(range(2, min(top_words + 2, matrix.shape[0])))
    words = [_bundle.settings.vocabulary.words[index] for index in ids]
    basis = embeddings.map_basis(matrix[ids])
    top_map = embeddings.embedding_map(matrix, ids, words, basis)
    return ShippedWordMap(matrix, basis, top_map, embeddings.NeighbourIndex(matrix))


def model_tagger(bundle) -> TaggerService:
    """The tagger the shipped model was trained with (Okt), whatever tagger the student is exploring."""
    return tagger_service(bundle.settings.tokenizer.tagger)


_shared_result = shared_result(RESULT_ENTRIES, RESULT_TTL_SECONDS)


@_shared_result
def cleaning_steps(sentence: str, tagger: str, normalize: bool, remove_urls: bool, remove_emoji: bool,
                   remove_special: bool, spacing: bool = False, typos: bool = False) -> list[CleaningStep]:
    """Step 1's noise canceling of one sentence with one set of switches."""
    normalizer = tagger_service(tagger).normalize if normalize else None
    corrector = kiwi_corrector() if spacing or typos else None
    return clean_text(sentence, normalizer=normalizer, remove_urls=remove_urls, remove_emoji=remove_emoji,
                      remove_special=remove_special, spacing=corrector.space if spacing else None,
                      typos=corrector.correct_typos if typos else None)


@_shared_result
def kiwi_spaced(text: str) -> str:
    """One text after Kiwi's spacing correction (the no-space example compares tokens before and after)."""
    return kiwi_corrector().space(text).text


@_shared_result
def tagged(text: str, tagger: str, stem: bool) -> list[tuple[str, str]]:
    """Step 2's (morpheme, tag) pairs of one text."""
    return tagger_service(tagger).pos(text, stem=stem)


@_shared_result
def spacing(text: str, tagger: str, stem: bool) -> SpacingComparison:
    """The tokens of one text as written and with its spaces removed."""
    service = tagger_service(tagger)
    return compare_spacing(text, lambda variant: service.morphs(variant, stem=stem))


@_shared_result
def shipped_prediction(text: str) -> SentimentPrediction:
    """The shipped model's reading of one validated text (steps 5–9 and ② share it)."""
    bundle = shipped_bundle()
    return predict_sentence(bundle, text, model_tagger(bundle))


def read_sentence(text: str) -> tuple[int, float] | None:
    """The shipped model's label (1 positive) and P(positive) for a class sentence; None when it cannot read it."""
    bundle, _ = load_bundle()
    if bundle is None:
        return None
    try:
        prediction = shipped_prediction(text)
    except StudentFacingError:
        return None
    return int(prediction.label), float(prediction.probability_positive)


@_shared_result
def shipped_occlusion(text: str, tokens: tuple[str, ...]) -> tuple[list[rnn_lesson.TokenInfluence], int]:
    """Step 9: how much each token of one sentence moved the shipped model's decision."""
    return rnn_lesson.sentiment_occlusion(shipped_bundle(), text, list(tokens))


@_shared_result
def sentence_word_map(extra_ids: tuple[int, ...]) -> embeddings.EmbeddingMap:
    """Step 7's map: the most frequent words plus a sentence's own known words, on the same fixed axes."""
    bundle = shipped_bundle()
    word_map = shipped_word_map(bundle)
    top = word_map.top_map
    extra = [token_id for token_id in dict.fromkeys(extra_ids) if token_id not in top.ids]
    words = bundle.settings.vocabulary.words
    placed = embeddings.embedding_map(word_map.matrix, extra, [words[index] for index in extra], word_map.basis)
    return embeddings.EmbeddingMap(top.words + placed.words, top.ids + placed.ids,
                                   np.vstack([top.coordinates, placed.coordinates]), top.explained_variance)


@_shared_result
def nearest_words(word_id: int) -> list[tuple[str, float]]:
    """The shipped embedding's nearest words to one word id, by cosine similarity."""
    bundle = shipped_bundle()
    words = bundle.settings.vocabulary.words
    neighbours = shipped_word_map(bundle).neighbours.nearest(word_id, NEIGHBOUR_COUNT)
    return [(words[index], score) for index, score in neighbours if index < len(words)]


@st.cache_resource(show_spinner=False)
def meaning_vectors() -> word_vectors.WordVectors | None:
    """The shipped word2vec vectors (models/), loaded once per process; None when they are not there."""
    try:
        return word_vectors.load_word_vectors()
    except (OSError, ValueError):
        return None


@dataclass(frozen=True)
class MeaningWordMap:
    """The word2vec map's fixed axes and its most frequent words on them."""

    basis: embeddings.MapBasis
    top_map: embeddings.EmbeddingMap


@st.cache_resource(show_spinner=False)
def meaning_word_map(_vectors: word_vectors.WordVectors,
                     top_words: int = rnn_lesson.EMBEDDING_MAP_WORDS) -> MeaningWordMap:
    """Computed once per process: the axes come from the most frequent words, as for the model's own map."""
    ids = list(range(min(top_words, len(_vectors))))
    basis = embeddings.map_basis(_vectors.vectors[ids])
    return MeaningWordMap(basis, embeddings.embedding_map(_vectors.vectors, ids, _vectors.words[: len(ids)], basis))


@_shared_result
def meaning_sentence_map(words: tuple[str, ...]) -> embeddings.EmbeddingMap | None:
    """Step 7's map from the word2vec vectors: the most frequent words plus a sentence's known words."""
    vectors = meaning_vectors()
    if vectors is None:
        return None
    word_map = meaning_word_map(vectors)
    top = word_map.top_map
    rows = [vectors.row[word] for word in dict.fromkeys(words) if word in vectors and vectors.row[word] not in top.ids]
    placed = embeddings.embedding_map(vectors.vectors, rows, [vectors.words[row] for row in rows], word_map.basis)
    return embeddings.EmbeddingMap(top.words + placed.words, top.ids + placed.ids,
                                   np.vstack([top.coordinates, placed.coordinates]), top.explained_variance)


def known_vectors(word: str) -> word_vectors.WordVectors:
    """The word2vec vectors; without them every word is unknown (`UnknownWordError`)."""
    if (vectors := meaning_vectors()) is None:
        raise word_vectors.UnknownWordError(word)
    return vectors


@_shared_result
def meaning_neighbours(word: str) -> list[tuple[str, float]]:
    """The word2vec nearest words of one word (raises `UnknownWordError` for a word it does not know)."""
    return known_vectors(word).nearest(word, NEIGHBOUR_COUNT)


@_shared_result
def analogy(first: str, second: str, third: str) -> list[tuple[str, float]]:
    """first − second + third in the word2vec space (raises `UnknownWordError` for an unknown word)."""
    return known_vectors(first).analogy(first, second, third, NEIGHBOUR_COUNT)
