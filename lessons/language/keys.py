"""Every session-state key of lesson 3, in one place (widget keys included)."""

from __future__ import annotations

# The analyser
TAGGER = "nlp_tagger"
METHOD = "nlp_method"
STEM = "nlp_stem"
MEASURE_SPEED = "nlp_measure_speed"


def measured_speed(tagger: str) -> str:
    """Where the measured speed of one tagger is kept for the session."""
    return f"nlp_speed_{tagger}"


# ① the student's sentence, steps 1–9
SENTENCE = "nlp_sentence"
KIWI_SPACING = "nlp_kiwi_spacing"
KIWI_TYPOS = "nlp_kiwi_typos"
NO_SPACE_EXAMPLE = "nlp_no_space_example"
NORMALIZE = "nlp_normalize"
REMOVE_URLS = "nlp_remove_urls"
REMOVE_EMOJI = "nlp_remove_emoji"
REMOVE_SPECIAL = "nlp_remove_special"
TOKENS = "nlp_tokens"
SPACING = "nlp_spacing"
STOPWORDS = "nlp_stopwords"
PAD_SIDE = "nlp_pad_side"
PAD_LENGTH = "nlp_pad_length"
TOKEN_VECTORS = "nlp_token_vectors"
EMBEDDING_MAP = "nlp_embedding_map"
EMBEDDING_SOURCE = "nlp_embedding_source"
NEIGHBOUR_WORD = "nlp_neighbour_word"
HIDDEN_STATES = "nlp_hidden_states"
STEP_PROBABILITY = "nlp_step_probability"
INFLUENCE = "nlp_influence"

# Word meaning: the analogy playground
ANALOGY_A = "nlp_analogy_a"
ANALOGY_B = "nlp_analogy_b"
ANALOGY_C = "nlp_analogy_c"

# SimpleRNN vs LSTM vs GRU
CELL_GRADIENTS = "nlp_cell_gradients"

# Keras text API and the code panel
KERAS_TEXT = "nlp_keras_text"
CODE_LANGUAGE = "nlp_code_language"

# ② the shipped model
REVIEW = "nlp_review"
REVIEW_RESULT = "nlp_review_result"
READER_BREAKDOWN = "nlp_reader_breakdown"

# ③ train my own model: the data and settings
CORPUS = "nlp_corpus"
UPLOAD = "nlp_upload"
TEXT_COLUMN = "nlp_text_column"
LABEL_COLUMN = "nlp_label_column"
TRAIN_FORM = "nlp_train_form"
CELL = "nlp_cell"
UNITS = "nlp_units"
EMBEDDING_SIZE = "nlp_embedding"
MAX_LENGTH = "nlp_max_length"
EPOCHS = "nlp_epochs"
BATCH_SIZE = "nlp_batch_size"
VOCAB_SIZE = "nlp_vocab_size"
TRAIN_PADDING = "nlp_train_padding"
TRAIN_STEM = "nlp_train_stem"

# ③ the job and what it produced
JOB = "nlp_job"
JOB_PANEL = "nlp_training"
TRAINED = "nlp_trained"
COLLECTED = "nlp_collected_job"
DOWNLOAD = "nlp_download"
DOWNLOAD_BUTTON = "nlp_download_button"
START_ERROR = "nlp_start_error"
EVALUATION = "nlp_evaluation"
CONFUSION = "nlp_confusion"
OWN_SENTENCE = "nlp_own_sentence"
OWN_CHART = "nlp_own_chart"


# What a reload brings back (lessons.continuity); typed text is kept by lessons.continuity.kept_text.
KEPT = (JOB, TRAINED, COLLECTED, DOWNLOAD)
MODELS = (TRAINED, JOB)
