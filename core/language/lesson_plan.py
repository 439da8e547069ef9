"""Lesson 3's plan: one sentence through noise canceling, tokenizing, stopwords, BoW, ids, padding, embedding, RNN.

The token question runs the page's tagger on the note's sentence, the padding questions run the lesson's
`pad_sequences`, and the sentiment question runs the shipped model: the reveal is always the real output.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from core.language.korean_text import NOTE_SENTENCE
from core.language.text_vectors import pad_sequences
from core.shared.lesson_plan import CHOICE, NUMBER, Choice, LessonPlan, Question, Reveal, Step

LESSON = "language"
TOKEN_CHOICES = (
    ("okt", "딥 / 러닝 / 기초 / 과목 / 을 / 수강 / 하고 / 있습니다"),
    ("eojeol", "딥러닝 / 기초 / 과목을 / 수강하고 / 있습니다"),
    ("syllables", "딥러닝 / 기초 / 과목 / 을 / 수강 / 하 / 고 / 있 / 습니다"),
)
SENTIMENT_SENTENCE = "배우들 연기가 정말 최고였어요"
# Two sentences of 2 and 3 tokens, already turned into ids (the note's "2개짜리를 3개로" example).
SHORT_IDS, LONG_IDS = [5, 8], [3, 9, 2]


def matrix_text(rows: list[list[int]]) -> str:
    """A small id matrix in one line: [[0, 5, 8], [3, 9, 2]]."""
    return "[" + ", ".join("[" + ", ".join(str(value) for value in row) + "]" for row in rows) + "]"


def padding_reveal(sequences: list[list[int]], length: int, side: str) -> Reveal:
    """The lesson's `pad_sequences` on the sequences; the answer is the matrix's text."""
    padded = pad_sequences(sequences, length, padding=side).tolist()
    text = matrix_text(padded)
    return Reveal(text, f"pad_sequences → {text}", f"pad_sequences → {text}",
                  f"pad_sequences({sequences}, maxlen={length}, padding='{side}')")


def tokens_reveal(resources: Mapping[str, Any]) -> Reveal:
    """The page's tagger on the note's sentence; the right choice is the one it produced (if any)."""
    tokenize: Callable[[str], list[str]] = resources["tagger"]
    tokens = " / ".join(tokenize(NOTE_SENTENCE))
    answer = next((value for value, text in TOKEN_CHOICES if text == tokens), "none")
    return Reveal(answer, f"분석기 결과: {tokens}", f"The analyser gives: {tokens}", f"okt.morphs('{NOTE_SENTENCE}')")


def sentiment_reveal(resources: Mapping[str, Any]) -> Reveal:
    """The shipped model's reading of the sentence (label 1 positive) and its probability."""
    read: Callable[[str], tuple[int, float] | None] = resources["sentiment"]
    reading = read(SENTIMENT_SENTENCE)
    if reading is None:
        return Reveal("none", "모델이 없어 읽지 못했습니다.", "No model could read it.")
    label, probability = reading
    answer = "positive" if label == 1 else "negative"
    return Reveal(answer, f"P(긍정) = {probability:.1%}", f"P(positive) = {probability:.1%}",
                  f"model.predict(padded)  # {probability:.3f}")


def vocabulary_reveal(_resources: Mapping[str, Any]) -> Reveal:
    """`input_dim` of an Embedding is the vocabulary size: the largest id plus one (0 is padding)."""
    largest = max(SHORT_IDS + LONG_IDS)
    size = largest + 1
    return Reveal(str(size), f"가장 큰 id {largest} + 1 = {size} (0은 패딩)",
                  f"Largest id {largest} + 1 = {size} (0 pads)", f"Embedding(input_dim={size}, output_dim=8)")


TOKENS = Question(
    "language_tokens", f"Okt는 '{NOTE_SENTENCE}'를 어떻게 나눌까요?", f"How does Okt split '{NOTE_SENTENCE}'?",
    CHOICE, tokens_reveal, tuple(Choice(value, text, text) for value, text in TOKEN_CHOICES), needs=("tagger",))
PAD_PRE = Question(
    "language_pad_pre", f"id {SHORT_IDS}와 {LONG_IDS}를 길이 3으로 앞쪽(pre) 패딩하면?",
    f"Pad ids {SHORT_IDS} and {LONG_IDS} to length 3 at the front (pre): which matrix?", CHOICE,
    lambda _resources: padding_reveal([SHORT_IDS, LONG_IDS], 3, "pre"),
    (Choice("[[0, 5, 8], [3, 9, 2]]", "[[0, 5, 8], [3, 9, 2]]", "[[0, 5, 8], [3, 9, 2]]"),
     Choice("[[5, 8, 0], [3, 9, 2]]", "[[5, 8, 0], [3, 9, 2]]", "[[5, 8, 0], [3, 9, 2]]"),
     Choice("[[5, 8], [3, 9, 2]]", "[[5, 8], [3, 9, 2]] (그대로)", "[[5, 8], [3, 9, 2]] (unchanged)")))
PAD_POST = Question(
    "language_pad_post", f"id {SHORT_IDS}를 길이 4로 뒤쪽(post) 패딩하면?",
    f"Pad ids {SHORT_IDS} to length 4 at the back (post): which row?", CHOICE,
    lambda _resources: padding_reveal([SHORT_IDS], 4, "post"),
    (Choice("[[0, 0, 5, 8]]", "[[0, 0, 5, 8]]", "[[0, 0, 5, 8]]"),
     Choice("[[5, 8, 0, 0]]", "[[5, 8, 0, 0]]", "[[5, 8, 0, 0]]")))
SENTIMENT = Question(
    "language_sentiment", f"모델은 '{SENTIMENT_SENTENCE}'를 긍정으로 읽을까요, 부정으로 읽을까요?",
    f"Will the model read '{SENTIMENT_SENTENCE}' as positive or negative?", CHOICE, sentiment_reveal,
    (Choice("positive", "😊 긍정", "😊 positive"), Choice("negative", "😞 부정", "😞 negative")), needs=("sentiment",))
VOCABULARY = Question(
    "language_vocabulary", f"토큰 id가 {SHORT_IDS}, {LONG_IDS}뿐이면 Embedding의 input_dim은?",
    f"If the token ids are only {SHORT_IDS} and {LONG_IDS}, what is the Embedding's input_dim?", NUMBER,
    vocabulary_reveal)

PLAN = LessonPlan(
    LESSON,
    steps=(
        Step("noise", "① 문장 → 1. 노이즈 캔슬링", "① Sentence → 1. Noise canceling", "sentence", 5,
             note_ko="노트: 노이즈 캔슬링"),
        Step("tokens", "2. 토큰화 (konlpy)", "2. Tokenizing (konlpy)", "sentence", 7, note_ko="노트: 토큰화",
             question=TOKENS.id),
        Step("bag_of_words", "3–4. 불용어 · Bag of Words", "3–4. Stopwords · bag of words", "sentence", 5,
             note_ko="노트: 불용어·BoW"),
        Step("encoding", "5. 토큰 시퀀스 (정수 인코딩)", "5. Token sequence (integer encoding)", "sentence", 4,
             note_ko="노트: 토큰 시퀀스"),
        Step("padding", "6. 패딩", "6. Padding", "sentence", 6, note_ko="노트: 패딩", question=PAD_PRE.id),
        Step("embedding", "7. 워드 임베딩", "7. Word embedding", "sentence", 5, note_ko="노트: 워드 임베딩"),
        Step("rnn", "8. Embedding → SimpleRNN → Dense", "8. Embedding → SimpleRNN → Dense", "sentence", 7,
             note_ko="노트: 임베딩 ⇒ RNN ⇒ 활성함수", question=SENTIMENT.id),
        Step("influence", "9. 어떤 토큰이 결정을 바꿨나", "9. Which tokens changed the decision", "sentence", 4,
             core=False),
        Step("review", "② 영화 리뷰 모델", "② The movie-review model", "review", 4, core=False),
        Step("train", "③ 나만의 모델 학습", "③ Train my own model", "train", 10, core=False),
        Step("exit", "출구 티켓", "Exit ticket", "exit_ticket", 3),
    ),
    questions=(TOKENS, PAD_PRE, PAD_POST, SENTIMENT, VOCABULARY),
    exit_ticket=(PAD_POST.id, VOCABULARY.id, PAD_PRE.id),
)
