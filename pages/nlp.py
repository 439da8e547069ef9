"""Lesson 3: follow a Korean sentence through konlpy, a vocabulary, padding, an embedding and an RNN."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import streamlit as st

from core import nlp_charts, rnn_lesson, text_corpus
from core.charts import confusion_figure
from core.korean_tagger import (
    AVAILABLE_TAGGERS,
    DEFAULT_TAGGER,
    TaggerService,
    TaggerUnavailableError,
    get_tagger_service,
    measure_tagger_speed,
)
from core.korean_text import (
    DEFAULT_STOPWORDS,
    TextInputError,
    clean_text,
    cleaned_text,
    compare_spacing,
    format_stopwords,
    korean_token_count,
    parse_stopwords,
    remove_stopwords,
    validate_sentence,
)
from core.sentiment_model import LABELS_EN, LABELS_KO, load_sentiment_bundle, predict_sentence
from core.text_vectors import OOV_ID, PAD_ID, Vocabulary, pad_sequences
from core.training import STATUS_FAILED, TrainingJob, iterations_per_epoch
from pages.common import language, t, user_error, user_warning, watch_training

NOTE_SENTENCE = "딥러닝 기초 과목을 수강하고 있습니다"
EXAMPLE_REVIEW = "배우들 연기가 정말 좋았고 마지막 장면에서 눈물이 났어요"
SPEED_SAMPLE_SIZE = 100
TOKEN_VECTOR_DIMENSIONS = 16
NEIGHBOUR_COUNT = 8

CORPUS_SENTIMENT = "sentiment"
CORPUS_TOPIC = "topic"
CORPUS_NSMC = "nsmc"
CORPUS_UPLOAD = "upload"
CORPUS_LABELS = {
    CORPUS_SENTIMENT: ("내장 감성 코퍼스 (긍정/부정, 300문장)", "Bundled sentiment corpus (300 sentences)"),
    CORPUS_TOPIC: ("내장 주제 코퍼스 (5개 주제, 300문장)", "Bundled topic corpus (5 topics, 300 sentences)"),
    CORPUS_NSMC: ("NSMC 영화 리뷰 (있을 때, 8,000문장)", "NSMC movie reviews (when available, 8,000)"),
    CORPUS_UPLOAD: ("내 CSV 파일 올리기", "Upload my own CSV"),
}

# Session keys: the student's typed text, training job and trained model live here between reruns.
JOB_KEY = "nlp_job"
TRAINED_KEY = "nlp_trained"
COLLECTED_KEY = "nlp_collected_job"
DOWNLOAD_KEY = "nlp_download"
START_ERROR_KEY = "nlp_start_error"


@st.cache_resource(show_spinner=False)
def tagger_service(name: str) -> TaggerService:
    """The konlpy tagger, started once per process on its own worker thread and shared read-only."""
    return get_tagger_service(name)


@st.cache_resource(show_spinner=False)
def tagger_speed(name: str) -> float:
    """Sentences per second for one tagger, measured once on the bundled corpus."""
    sentences = text_corpus.load_bundled_corpus(CORPUS_SENTIMENT).texts[:SPEED_SAMPLE_SIZE]
    return measure_tagger_speed(tagger_service(name), sentences)


@st.cache_resource(show_spinner=False)
def nsmc_corpus() -> text_corpus.LabelledCorpus:
    """An NSMC training subset, read once per process (fails fast and is retried when offline)."""
    return text_corpus.load_nsmc_corpus()


@st.cache_resource(show_spinner=False)
def shipped_bundle():
    """The shipped sentiment model with its vocabulary, loaded once per process and never changed."""
    return load_sentiment_bundle()


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


def show_text_error(error: Exception) -> None:
    """A Korean message for an error that carries one, a generic one otherwise."""
    user_error(getattr(error, "message_ko", str(error)), getattr(error, "message_en", str(error)))


def checked_text(text: str) -> str:
    """Validate typed text (raises TextInputError) and show any notice, e.g. that a long text was cut."""
    validated = validate_sentence(text)
    if validated.notice_ko:
        user_warning(validated.notice_ko, validated.notice_en or validated.notice_ko)
    return validated.text


def show_reader_breakdown(prediction, info: dict) -> None:
    """For a model that averages two readers: each reader's probability and held-out accuracy."""
    if prediction.rnn_probability is None or prediction.ngram_probability is None:
        return
    accuracies = info.get("reader_held_out_accuracy", {})
    rows = [
        (t("RNN (형태소)", "RNN (morphemes)"), prediction.rnn_probability, accuracies.get("rnn")),
        (t("선형 모델 (글자 n-gram)", "Linear (character n-grams)"), prediction.ngram_probability,
         accuracies.get("ngrams")),
        (t("평균 = 최종 예측", "Average = prediction"), prediction.probability_positive,
         info.get("held_out_accuracy")),
    ]  # fmt: skip
    st.container(key="nlp_reader_breakdown").table(pd.DataFrame({
        t("읽는 모델", "Reader"): [name for name, _, _ in rows],
        t("긍정일 확률", "P(positive)"): [f"{value:.1%}" for _, value, _ in rows],
        t("처음 보는 리뷰 정확도", "Held-out accuracy"): [f"{value:.1%}" if value is not None else "-"
                                                     for _, _, value in rows],
    }))  # fmt: skip
    st.caption(t(
        "두 모델은 서로 다른 실수를 하므로 확률을 평균하면 어느 한쪽보다 정확해집니다 (앙상블).",
        "The two readers make different mistakes, so averaging their probabilities beats either one (an ensemble).",
    ))


def token_line(tokens: list[str]) -> str:
    """Tokens the way the note writes them: `딥 / 러닝 / 기초`."""
    return " / ".join(tokens) if tokens else t("(토큰 없음)", "(no tokens)")


st.title(t("💬 3. 한국어 문장 분류", "💬 3. Korean sentence classifier"))
st.markdown(
    t(
        "컴퓨터는 글자를 바로 읽지 못합니다. 문장을 **숫자**로 바꾸는 자연어 전처리(노이즈 캔슬링 → 토큰화 → "
        "불용어 제거 → 정수 인코딩 → 패딩 → 워드 임베딩)를 거쳐야 `Embedding → SimpleRNN → Dense` 모델이 "
        "문장을 분류할 수 있습니다. 아래에 문장을 입력하고 한 단계씩 따라가 보세요.",
        "Computers cannot read letters. A sentence becomes **numbers** through preprocessing (noise canceling → "
        "tokenizing → stopword removal → integer encoding → padding → word embedding) before an "
        "`Embedding → SimpleRNN → Dense` model can classify it. Type a sentence and follow each step.",
    )
)

# ---------------------------------------------------------------- the tagger
tagger_names = list(AVAILABLE_TAGGERS)
option_row = st.columns([2, 1, 1, 1])
tagger_name = option_row[0].selectbox(
    t("형태소 분석기 (konlpy)", "Tagger (konlpy)"),
    tagger_names,
    index=tagger_names.index(DEFAULT_TAGGER),
    format_func=lambda name: t(AVAILABLE_TAGGERS[name].label_ko, AVAILABLE_TAGGERS[name].label_en),
    key="nlp_tagger",
)
try:
    with st.spinner(t("형태소 분석기(Java)를 준비하는 중…", "Starting the tagger (Java)…")):
        service = tagger_service(tagger_name)
except TaggerUnavailableError as error:
    show_text_error(error)
    st.info(
        t(
            "한국어 형태소 분석에는 Java가 필요합니다. 다른 수업(1, 2강)은 그대로 쓸 수 있습니다.",
            "Korean tokenizing needs Java. The other lessons (1 and 2) still work.",
        )
    )
    st.stop()

method = option_row[1].radio(
    t("분석 방식", "Method"), ["morphs", "pos"], key="nlp_method",
    format_func=lambda name: t("morphs (형태소)", "morphs") if name == "morphs" else t("pos (품사 태깅)", "pos (tags)"),
)
stem = option_row[2].checkbox(
    t("어간 추출 (stem)", "Stemming (stem)"), key="nlp_stem", disabled=not service.supports_stem,
    help=t("Okt만 지원합니다: '했어요' → '하다'", "Okt only: '했어요' → '하다'"),
)
with option_row[3]:
    if st.button(t("속도 측정", "Measure speed"), key="nlp_measure_speed"):
        st.session_state[f"nlp_speed_{tagger_name}"] = tagger_speed(tagger_name)
    speed = st.session_state.get(f"nlp_speed_{tagger_name}")
    if speed:
        st.caption(t(f"약 {speed:,.0f} 문장/초 (문장마다 호출, 측정값)", f"about {speed:,.0f} sentences/s (measured)"))

# ---------------------------------------------------------------- ① the student's sentence
st.header(t("① 내 문장이 숫자가 되기까지", "① From my sentence to numbers"))
sentence = st.text_area(
    t("분석할 문장", "Sentence to analyse"), value=NOTE_SENTENCE, key="nlp_sentence", height=80,
    help=t("아무 문장이나 입력하세요. 영화 리뷰라면 아래 감성 모델이 긍정/부정도 알려 줍니다.",
           "Type any sentence. For a review, the sentiment model below also tells positive or negative."),
)

tokens: list[str] = []
sentence_ok = False
try:
    sentence = checked_text(sentence)
    sentence_ok = True
except TextInputError as error:
    show_text_error(error)

if sentence_ok:
    st.subheader(t("1단계 · 노이즈 캔슬링", "Step 1 · Noise canceling"))
    clean_row = st.columns(4)
    use_normalize = clean_row[0].checkbox(t("정규화 (Okt normalize)", "Normalize (Okt)"), value=True,
                                          key="nlp_normalize")
    remove_urls = clean_row[1].checkbox(t("URL 제거", "Remove URLs"), value=True, key="nlp_remove_urls")
    remove_emoji = clean_row[2].checkbox(t("이모지 제거", "Remove emoji"), value=True, key="nlp_remove_emoji")
    remove_special = clean_row[3].checkbox(t("특수문자 제거", "Remove special characters"), value=True,
                                           key="nlp_remove_special")
    cleaning_steps = clean_text(
        sentence,
        normalizer=service.normalize if use_normalize else None,
        remove_urls=remove_urls,
        remove_emoji=remove_emoji,
        remove_special=remove_special,
    )
    st.table(pd.DataFrame(
        [{t("단계", "step"): t("원문", "original"), t("결과", "result"): sentence, t("바뀜", "changed"): ""}]
        + [
            {t("단계", "step"): t(step.label_ko, step.label_en), t("결과", "result"): step.after,
             t("바뀜", "changed"): "✔" if step.changed else ""}
            for step in cleaning_steps
        ]
    ))
    st.caption(
        t(
            "정규화는 'ㅋㅋㅋㅋㅋ' 같은 반복 글자와 '안녕하세욬' 같은 채팅체를 고칩니다. 띄어쓰기 교정 패키지는 "
            "오프라인에서 믿고 쓸 만한 것이 없어 넣지 않았습니다. 대신 형태소 분석기가 붙여 쓴 문장도 어느 정도 "
            "나눠 주는지 직접 확인해 보세요(예: '딥러닝기초과목을수강하고있습니다').",
            "Normalizing fixes repeated letters and chat spelling. No offline spacing-correction package was "
            "reliable enough to include; instead, see how the tagger copes with unspaced text "
            "(e.g. '딥러닝기초과목을수강하고있습니다').",
        )
    )
    text_for_tokens = cleaned_text(cleaning_steps, sentence)
    if not text_for_tokens.strip():
        user_warning(
            "노이즈를 지우고 나니 남은 글자가 없습니다(이모지·특수문자만 있는 문장). 한글 문장을 입력해 보세요.",
            "Nothing is left after noise canceling (emoji or symbols only). Try a Korean sentence.",
        )
        sentence_ok = False

if sentence_ok:
    st.subheader(t("2단계 · 토큰화 (konlpy)", "Step 2 · Tokenizing (konlpy)"))
    tagged = service.pos(text_for_tokens, stem=stem)
    tokens = [word for word, _ in tagged]
    with st.container(key="nlp_tokens"):
        if method == "pos":
            st.code(" / ".join(f"{word}/{tag}" for word, tag in tagged), language=None, wrap_lines=True)
        st.code(token_line(tokens), language=None, wrap_lines=True)
    st.caption(
        t(
            f"{len(tokens)}개 토큰 · morphs는 형태소만, pos는 (형태소, 품사) 쌍을 돌려줍니다. "
            "어간 추출을 켜면 '있습니다'가 '있다'처럼 기본형이 됩니다.",
            f"{len(tokens)} tokens · morphs returns morphemes, pos returns (morpheme, tag) pairs. "
            "Stemming turns '있습니다' into its dictionary form '있다'.",
        )
    )
    if st.toggle(t("띄어쓰기 없이 쓰면? (비교)", "What if there were no spaces? (compare)"), key="nlp_spacing"):
        spacing = compare_spacing(text_for_tokens, lambda text: service.morphs(text, stem=stem))
        st.text(spacing.unspaced_text)
        st.code(token_line(spacing.unspaced_tokens), language=None, wrap_lines=True)
        st.caption(t(
            "같은 토큰이 나왔습니다." if spacing.same_tokens else "띄어 쓴 문장과 토큰이 달라졌습니다.",
            "Same tokens." if spacing.same_tokens else "The tokens differ from the spaced sentence.",
        ))
    if not tokens:
        user_warning("토큰이 하나도 나오지 않았습니다. 다른 문장을 입력해 보세요.",
                     "No tokens came out. Try another sentence.")
        sentence_ok = False
    elif korean_token_count(tokens) == 0:
        user_warning(
            "한국어 단어가 하나도 없습니다(영어·숫자만 있음). 감성 모델은 한국어 단어만 알아서 결과를 믿기 어렵습니다.",
            "No Korean word is left (only English or numbers); the Korean models cannot judge this sentence.",
        )

if sentence_ok:
    st.subheader(t("3단계 · 불용어 제거", "Step 3 · Stopword removal"))
    stopword_text = st.text_area(
        t("불용어 목록 (쉼표나 줄바꿈으로 구분, 고칠 수 있어요)", "Stopwords (comma or newline separated, editable)"),
        value=format_stopwords(DEFAULT_STOPWORDS), key="nlp_stopwords", height=80,
    )
    kept, removed = remove_stopwords(tokens, parse_stopwords(stopword_text))
    st.code(token_line(kept), language=None, wrap_lines=True)
    st.text(t("지운 토큰: ", "Removed: ") + (token_line(removed) if removed else t("없음", "none")))
    if not kept:
        user_warning("불용어를 지우고 나니 남은 토큰이 없습니다. 불용어 목록을 줄여 보세요.",
                     "Every token was a stopword. Shorten the stopword list.")
        kept = tokens

    st.subheader(t("4단계 · Bag of Words", "Step 4 · Bag of words"))
    sentence_vocabulary = Vocabulary.build([kept])
    bag = sentence_vocabulary.bag_of_words(kept)
    words = [sentence_vocabulary.decode([index])[0] for index in range(2, len(sentence_vocabulary))]
    st.table(pd.DataFrame({
        t("단어", "word"): words,
        t("인덱스", "index"): [sentence_vocabulary.encode([word])[0] for word in words],
        t("등장 횟수", "count"): [int(bag[sentence_vocabulary.encode([word])[0]]) for word in words],
    }))
    st.code(f"BoW = {[int(value) for value in bag]}", language=None, wrap_lines=True)
    st.caption(
        t(
            f"이 문장만으로 만든 단어장입니다. 0번은 패딩(PAD), {OOV_ID}번은 모르는 단어(OOV) 자리입니다. "
            "BoW는 순서를 버리고 단어마다 몇 번 나왔는지만 셉니다.",
            f"A vocabulary built from this sentence alone; id 0 is padding (PAD) and {OOV_ID} is unknown (OOV). "
            "Bag of words drops word order and only counts each word.",
        )
    )

bundle = None
bundle_error: Exception | None = None
try:
    bundle = shipped_bundle()
except (OSError, ValueError, RuntimeError) as error:
    bundle_error = error

prediction = None
if sentence_ok and bundle is not None:
    prediction = predict_sentence(bundle, sentence, model_tagger(bundle))
    settings = bundle.settings
    vocabulary = settings.vocabulary
    class_names = [t(korean, english) for korean, english in zip(LABELS_KO, LABELS_EN, strict=True)]
    st.subheader(t("5단계 · 정수 인코딩 (토큰 → 번호)", "Step 5 · Integer encoding (token → id)"))
    st.caption(t(
        f"여기부터는 배포된 감성 모델의 단어장({len(vocabulary):,}개)과 전처리 설정"
        f"(어간 추출 {settings.tokenizer.stem}, 정규화 {settings.tokenizer.normalize})을 씁니다.",
        f"From here on the shipped sentiment model's vocabulary ({len(vocabulary):,} words) and settings "
        f"(stem {settings.tokenizer.stem}, normalize {settings.tokenizer.normalize}) are used.",
    ))
    st.table(pd.DataFrame({
        t("토큰", "token"): prediction.tokens,
        t("번호", "id"): prediction.ids,
        t("비고", "note"): [t("모르는 단어 (OOV)", "unknown (OOV)") if token_id == OOV_ID else ""
                          for token_id in prediction.ids],
    }))
    st.code(f"{prediction.ids}", language=None, wrap_lines=True)
    if prediction.known_token_count == 0:
        user_warning("모델이 아는 단어가 하나도 없습니다. 예측은 거의 찍기와 같아요.",
                     "The model knows none of these words, so its prediction is close to a guess.")

    st.subheader(t("6단계 · 패딩", "Step 6 · Padding"))
    pad_row = st.columns(2)
    pad_side = pad_row[0].radio(t("패딩 위치", "Padding side"), ["pre", "post"], horizontal=True, key="nlp_pad_side")
    pad_length = pad_row[1].slider(t("최대 길이 (max_length)", "Max length"), 2, 60,
                                   value=min(int(settings.max_length), 60), key="nlp_pad_length")
    padded_demo = pad_sequences([prediction.ids], max_length=pad_length, padding=pad_side, truncating=pad_side)[0]
    st.code(f"{[int(value) for value in padded_demo]}", language=None, wrap_lines=True)
    st.caption(
        t(
            f"모델은 한 번에 여러 문장(배치)을 행렬로 받으므로 모든 문장의 길이가 같아야 합니다. 짧은 문장은 "
            f"{PAD_ID}(PAD)으로 채우고 긴 문장은 자릅니다. pre는 앞을 채워 마지막 단어가 RNN의 마지막 시점에 "
            f"오게 합니다. 배포 모델은 max_length={settings.max_length}, padding='{settings.padding}'을 씁니다.",
            f"A model takes a batch of sentences as one matrix, so every row needs the same length: short ones "
            f"are filled with {PAD_ID} (PAD), long ones cut. 'pre' keeps the last word at the RNN's last step. "
            f"The shipped model uses max_length={settings.max_length}, padding='{settings.padding}'.",
        )
    )

    known = [(token, token_id) for token, token_id in zip(prediction.tokens, prediction.ids, strict=True)
             if token_id not in (OOV_ID, PAD_ID)]
    matrix, word_map = shipped_embedding_map(bundle, rnn_lesson.EMBEDDING_MAP_WORDS)
    st.subheader(t("7단계 · 워드 임베딩", "Step 7 · Word embedding"))
    st.markdown(
        t(
            f"`Embedding` 층은 번호마다 {matrix.shape[1]}개의 실수로 된 벡터를 배웁니다. 비슷하게 쓰이는 "
            "단어는 비슷한 방향을 가리키게 됩니다.",
            f"The `Embedding` layer learns a vector of {matrix.shape[1]} numbers per id. Words used alike end up "
            "pointing in similar directions.",
        )
    )
    if prediction.ids:
        vectors = matrix[np.asarray(prediction.ids)][:, :TOKEN_VECTOR_DIMENSIONS]
        st.plotly_chart(nlp_charts.token_vectors_figure(prediction.tokens, vectors, language()),
                        key="nlp_token_vectors")
    sentence_words = {token for token, _ in known}
    map_ids = list(word_map.ids) + [token_id for _, token_id in known if token_id not in word_map.ids]
    map_words = [vocabulary.words[index] for index in map_ids]
    sentence_map = rnn_lesson.embedding_map(matrix, map_ids, map_words)
    st.plotly_chart(nlp_charts.embedding_map_figure(sentence_map.words, sentence_map.coordinates,
                                                    sorted(sentence_words), language()), key="nlp_embedding_map")
    st.caption(t(
        f"자주 나오는 단어 {len(word_map.ids)}개와 내 문장의 단어를 PCA로 2차원에 펼쳤습니다 "
        f"(설명된 분산 {sum(sentence_map.explained_variance):.0%}).",
        f"The {len(word_map.ids)} most frequent words and my sentence's words, flattened to 2-D by PCA "
        f"({sum(sentence_map.explained_variance):.0%} of the variance).",
    ))
    neighbour_choices = sorted({token for token, _ in known})
    if neighbour_choices:
        chosen = st.selectbox(t("가까운 단어를 찾을 단어", "Find the nearest words to"), neighbour_choices,
                              key="nlp_neighbour_word")
        chosen_id = vocabulary.id_of(chosen)
        candidates = range(2, min(matrix.shape[0], len(vocabulary)))
        neighbours = rnn_lesson.nearest_neighbours(matrix, chosen_id, candidates, NEIGHBOUR_COUNT)
        st.table(pd.DataFrame({
            t("단어", "word"): [vocabulary.words[index] for index, _ in neighbours],
            t("코사인 유사도", "cosine similarity"): [f"{score:.3f}" for _, score in neighbours],
        }))

    st.subheader(t("8단계 · RNN: 시점마다 바뀌는 은닉 상태", "Step 8 · RNN: the hidden state at each step"))
    padded = np.asarray(prediction.padded, dtype=np.int32)
    trace = shipped_trace(tuple(int(value) for value in padded))
    if trace.real_steps:
        step_labels = [f"t{step + 1} {vocabulary.words[int(padded[step])]}" for step in trace.real_steps]
        st.plotly_chart(nlp_charts.hidden_states_figure(step_labels, trace.states[trace.real_steps], language()),
                        key="nlp_hidden_states")
        if trace.bidirectional:
            half = trace.states.shape[1] // 2
            st.caption(t(
                f"배포 모델은 양방향(Bidirectional) RNN입니다: 유닛 0~{half - 1}은 앞에서부터, 나머지는 뒤에서부터 "
                "읽은 상태입니다.",
                f"The shipped model is bidirectional: units 0-{half - 1} read left to right, the rest right to left.",
            ))
        if trace.step_probabilities is not None:
            st.plotly_chart(nlp_charts.step_probability_figure(
                step_labels, trace.step_probabilities[trace.real_steps, 1], class_names[1], language()),
                key="nlp_step_probability")
    rnn_probability = prediction.rnn_probability
    st.metric(t("Dense 출력: 긍정일 확률", "Dense output: P(positive)"),
              f"{prediction.probability_positive if rnn_probability is None else rnn_probability:.1%}")
    st.markdown(
        t(
            "RNN은 토큰을 하나씩 읽으며 이전 은닉 상태 h(t-1)과 지금 토큰의 벡터 x(t)로 새 상태 "
            "h(t) = tanh(W·x(t) + U·h(t-1) + b)를 만듭니다. 마지막 상태가 `Dense(1, sigmoid)`로 들어가 "
            "긍정일 확률이 됩니다.",
            "The RNN reads one token at a time and combines the previous hidden state h(t-1) with the token "
            "vector x(t): h(t) = tanh(W·x(t) + U·h(t-1) + b). The last state goes into `Dense(1, sigmoid)` and "
            "becomes the probability of positive.",
        )
    )
    if rnn_probability is not None and prediction.ngram_probability is not None:
        st.caption(t(
            f"배포 모델은 이 RNN의 확률 {rnn_probability:.1%}와, 글자 조각(1~4글자 n-gram)을 TF-IDF로 센 선형 "
            f"모델의 확률 {prediction.ngram_probability:.1%}를 평균해 최종 {prediction.probability_positive:.1%}로 "
            "판단합니다. 글자 조각은 형태소 분석에서 사라지는 띄어쓰기, 오타, ㅋㅋ·ㅠㅠ 같은 표현을 잡아 줍니다.",
            f"The shipped model averages this RNN's {rnn_probability:.1%} with {prediction.ngram_probability:.1%} "
            f"from a linear model over TF-IDF-weighted character 1-4-grams: {prediction.probability_positive:.1%} in "
            "the end. Character pieces keep the spacing, typos and chat spelling that morphemes lose.",
        ))

    st.subheader(t("9단계 · 어떤 토큰이 결정을 밀었나 (가림 실험)", "Step 9 · Which tokens pushed the decision"))
    if prediction.tokens:
        influences, target = rnn_lesson.sentiment_occlusion(bundle, prediction.text, prediction.tokens)
        st.plotly_chart(nlp_charts.influence_figure(
            [item.token for item in influences], [item.change for item in influences],
            class_names[target], language()), key="nlp_influence")
        st.caption(t(
            "토큰을 하나씩 빼고 다시 예측해, 확률이 얼마나 떨어지는지 쟀습니다. 초록 막대는 그 토큰이 "
            "이 결론 쪽으로 밀었다는 뜻입니다.",
            "Each token is removed in turn and the sentence re-scored; green bars mark tokens that pushed "
            "towards this verdict.",
        ))

# ---------------------------------------------------------------- ② the shipped model
st.header(t("② 감성 분류 모델로 예측하기", "② Predict with the sentiment model"))
if bundle is None:
    user_warning(
        f"배포된 감성 모델을 불러오지 못했습니다: {bundle_error}. 아래 ③에서 직접 모델을 학습할 수 있습니다.",
        f"The shipped sentiment model could not be loaded: {bundle_error}. You can train your own in ③.",
    )
else:
    # The loaded bundle already holds the JSON's metadata; re-reading the 8 MB file every rerun would cost 0.2 s.
    info = bundle.info
    review = st.text_area(t("리뷰 문장", "Review"), value=EXAMPLE_REVIEW, key="nlp_review", height=70)
    try:
        review = checked_text(review)
        review_prediction = predict_sentence(bundle, review, model_tagger(bundle))
        positive = review_prediction.label == 1
        verdict = t("😊 긍정", "😊 Positive") if positive else t("😞 부정", "😞 Negative")
        result_row = st.container(key="nlp_review_result").columns(3)
        result_row[0].metric(t("예측", "Prediction"), verdict)
        result_row[1].metric(t("긍정일 확률", "P(positive)"), f"{review_prediction.probability_positive:.1%}")
        accuracy = info.get("held_out_accuracy", info.get("validation_accuracy"))
        if accuracy is not None:
            result_row[2].metric(t("모델 정확도 (처음 보는 리뷰)", "Accuracy (held-out reviews)"), f"{accuracy:.1%}")
        st.text(t("토큰: ", "Tokens: ") + token_line(review_prediction.tokens))
        show_reader_breakdown(review_prediction, info)
        if review_prediction.known_token_count == 0:
            user_warning("모델이 아는 단어가 없어 예측을 믿기 어렵습니다.",
                         "The model knows none of these words; do not trust this prediction.")
    except TextInputError as error:
        show_text_error(error)
    st.caption(t(
        "이 모델은 `python -m core.train_nsmc`로 NSMC 영화 리뷰를 학습했습니다. "
        "sigmoid 출력이 0.5 이상이면 긍정입니다. 구조: ",
        "This model was trained on NSMC movie reviews with `python -m core.train_nsmc`. A sigmoid output of 0.5 "
        "or more means positive. Architecture: ",
    ) + f"`{info.get('architecture', '?')}`")

# ---------------------------------------------------------------- ③ train your own
st.header(t("③ 나만의 모델 학습", "③ Train my own model"))
job: TrainingJob | None = st.session_state.get(JOB_KEY)
running = job is not None and job.running

corpus_key = st.radio(
    t("학습할 코퍼스", "Corpus"), list(CORPUS_LABELS), key="nlp_corpus", disabled=running,
    format_func=lambda key: t(*CORPUS_LABELS[key]),
)
corpus: text_corpus.LabelledCorpus | None = None
try:
    if corpus_key in (CORPUS_SENTIMENT, CORPUS_TOPIC):
        corpus = text_corpus.load_bundled_corpus(corpus_key)
    elif corpus_key == CORPUS_NSMC:
        with st.spinner(t("NSMC를 찾는 중…", "Looking for NSMC…")):
            corpus = nsmc_corpus()
    else:
        upload = st.file_uploader(
            t("CSV 파일 (문장 열 + 라벨 열, UTF-8 또는 CP949/EUC-KR)",
              "CSV file (text + label columns, UTF-8 or CP949)"),
            type=["csv", "tsv", "txt"], key="nlp_upload", disabled=running,
        )
        if upload is not None:
            table = text_corpus.parse_upload(upload.getvalue())
            guessed_text, guessed_label = text_corpus.guess_columns(table.columns)
            column_row = st.columns(2)
            text_column = column_row[0].selectbox(t("문장 열", "Text column"), table.columns,
                                                  index=table.columns.index(guessed_text), key="nlp_text_column",
                                                  disabled=running)
            label_column = column_row[1].selectbox(t("라벨 열", "Label column"), table.columns,
                                                   index=table.columns.index(guessed_label), key="nlp_label_column",
                                                   disabled=running)
            corpus = text_corpus.corpus_from_upload(table, text_column, label_column, upload.name)
        else:
            st.caption(t("첫 줄에 열 이름이 있는 CSV를 올리세요. 예: text,label",
                         "Upload a CSV with a header row, e.g. text,label"))
except text_corpus.CorpusError as error:
    show_text_error(error)

if corpus is not None:
    class_text = ", ".join(f"{name} {count}" for name, count in corpus.class_counts.items())
    st.text(t(f"{corpus.source_ko}: {len(corpus):,}문장 ({class_text})",
              f"{corpus.source_en}: {len(corpus):,} sentences ({class_text})"))
    if corpus.dropped_rows:
        user_warning(f"빈 행 {corpus.dropped_rows}개를 빼고 학습합니다.",
                     f"{corpus.dropped_rows} empty rows were dropped.")
    output_layer, loss_name = rnn_lesson.output_shape_text(len(corpus.class_names))
    st.markdown(t(
        f"라벨이 {len(corpus.class_names)}종류이므로 출력층은 `{output_layer}`, 손실은 `{loss_name}`입니다. "
        + ("두 클래스는 sigmoid 한 칸으로 '긍정일 확률'만 내면 됩니다." if corpus.is_binary else
           "여러 클래스는 softmax로 클래스마다 확률을 내고, 합은 1입니다. 예측 클래스는 argmax로 고릅니다 "
           "(Keras에서 `predict_classes`는 사라졌습니다)."),
        f"With {len(corpus.class_names)} labels the output layer is `{output_layer}` and the loss `{loss_name}`. "
        + ("Two classes need one sigmoid unit: the probability of the positive class." if corpus.is_binary else
           "Several classes use softmax: one probability per class, summing to 1; the class is the argmax "
           "(Keras removed `predict_classes`)."),
    ))

with st.form("nlp_train_form"):
    form_row = st.columns(3)
    cell = form_row[0].selectbox(
        t("RNN 셀", "RNN cell"), rnn_lesson.CELL_TYPES, index=rnn_lesson.CELL_TYPES.index("GRU"), key="nlp_cell",
        help=t("노트의 SimpleRNN은 긴 문장에서 앞 내용을 잊기 쉽습니다. GRU·LSTM은 게이트로 기억을 조절해 "
               "작은 코퍼스에서도 보통 더 잘 맞힙니다(내장 감성 코퍼스: GRU 약 80%, SimpleRNN 약 60%).",
               "The note's SimpleRNN forgets early words easily; GRU and LSTM gate their memory and usually "
               "do better even on small corpora (bundled sentiment: GRU about 80%, SimpleRNN about 60%)."),
    )
    units = form_row[1].slider(t("은닉 유닛 수", "Hidden units"), 4, 128, 16, step=4, key="nlp_units")
    embedding_dim = form_row[2].slider(t("임베딩 크기", "Embedding size"), 4, 128, 16, step=4, key="nlp_embedding")
    form_row = st.columns(3)
    max_length = form_row[0].slider(t("최대 길이", "Max length"), 5, 60, 20, key="nlp_max_length")
    epochs = form_row[1].slider(t("에포크", "Epochs"), 1, 30, 15, key="nlp_epochs")
    batch_size = form_row[2].select_slider(t("배치 크기", "Batch size"), [8, 16, 32, 64, 128, 256], 32,
                                           key="nlp_batch_size")
    form_row = st.columns(3)
    vocab_size = form_row[0].select_slider(t("단어장 크기", "Vocabulary size"), [500, 1000, 3000, 10000, 20000],
                                           3000, key="nlp_vocab_size")
    padding_side = form_row[1].radio(t("패딩", "Padding"), ["pre", "post"], horizontal=True, key="nlp_train_padding")
    train_stem = form_row[2].checkbox(t("어간 추출", "Stemming"), value=service.supports_stem, key="nlp_train_stem",
                                      disabled=not service.supports_stem)
    submitted = st.form_submit_button(t("🚀 학습 시작", "🚀 Start training"), disabled=running or corpus is None,
                                      type="primary")

if submitted and corpus is not None and not running:
    try:
        config = rnn_lesson.RnnConfig(
            cell=cell, units=units, embedding_dim=embedding_dim, max_length=max_length, epochs=epochs,
            batch_size=batch_size, vocab_size=vocab_size, padding=padding_side, stem=bool(train_stem),
        )
        label_ids = corpus.label_ids
        split = rnn_lesson.split_indices(label_ids)
        tokenize = rnn_lesson.corpus_tokenizer(service, service.name, config.stem)
        training_corpus = corpus
        job = TrainingJob(
            lambda callback: rnn_lesson.train_text_classifier(
                training_corpus.texts, label_ids, training_corpus.class_names, config, tokenize, callback, split,
                tagger_name=service.name, corpus_name=training_corpus.source_en,
            ),
            total_epochs=config.epochs,
            iterations_per_epoch=iterations_per_epoch(len(split.train), config.batch_size),
        ).start()
        st.session_state[JOB_KEY] = job
        st.session_state.pop(START_ERROR_KEY, None)
        st.rerun()
    except rnn_lesson.RnnConfigError as error:
        show_text_error(error)

watch_training(st.session_state.get(JOB_KEY), key="nlp_training")

job = st.session_state.get(JOB_KEY)
if job is not None and not job.running and st.session_state.get(COLLECTED_KEY) is not job:
    st.session_state[COLLECTED_KEY] = job
    if job.result is not None:
        st.session_state[TRAINED_KEY] = job.result
        st.session_state.pop(DOWNLOAD_KEY, None)
    elif job.snapshot().status != STATUS_FAILED:
        user_warning("학습이 끝나기 전에 멈춰 평가할 모델이 없습니다.", "Training stopped before a model was ready.")

trained: rnn_lesson.TrainedTextModel | None = st.session_state.get(TRAINED_KEY)
if trained is not None and trained.evaluation is not None:
    evaluation = trained.evaluation
    st.subheader(t("평가 (model.evaluate, 처음 보는 테스트 문장)",
                   "Evaluation (model.evaluate on unseen test sentences)"))
    metric_row = st.container(key="nlp_evaluation").columns(4)
    metric_row[0].metric(t("테스트 정확도", "Test accuracy"), f"{evaluation.accuracy:.1%}")
    metric_row[1].metric(t("테스트 손실", "Test loss"), f"{evaluation.loss:.3f}")
    metric_row[2].metric(t("테스트 문장 수", "Test sentences"), f"{evaluation.test_count}")
    metric_row[3].metric(t("모르는 단어 비율", "Unknown-word rate"), f"{trained.test_oov_rate:.1%}")
    st.caption(t(f"{trained.config.cell} · 유닛 {trained.config.units} · 임베딩 {trained.config.embedding_dim} · "
                 f"학습 문장 {trained.train_count}",
                 f"{trained.config.cell} · {trained.config.units} units · embedding {trained.config.embedding_dim} · "
                 f"{trained.train_count} training sentences"))
    st.table(pd.DataFrame(rnn_lesson.model_summary_lines(trained.model),
                          columns=[t("층", "layer"), t("출력 모양", "output shape"), t("파라미터 수", "parameters")]))
    result_columns = st.columns(2)
    with result_columns[0]:
        st.plotly_chart(confusion_figure(evaluation.confusion, evaluation.class_names, language()),
                        key="nlp_confusion")
    with result_columns[1]:
        st.markdown(t("**틀린 문장**", "**Misclassified sentences**"))
        if evaluation.misclassified:
            st.table(pd.DataFrame([
                {t("문장", "sentence"): item.text, t("정답", "true"): item.true_label,
                 t("예측", "predicted"): item.predicted_label, t("확신", "confidence"): f"{item.confidence:.0%}"}
                for item in evaluation.misclassified
            ]))
        else:
            st.caption(t("테스트 문장을 모두 맞혔습니다.", "Every test sentence was right."))

    st.subheader(t("내 모델로 예측하기", "Predict with my model"))
    own_text = st.text_input(t("새 문장", "New sentence"), key="nlp_own_sentence")
    if own_text.strip():
        try:
            own_clean = checked_text(own_text)
            own_tokens = tagger_service(trained.tagger_name).morphs(own_clean, stem=trained.config.stem)
            own_prediction = rnn_lesson.predict_tokens(trained, own_tokens)
            st.metric(t("내 모델의 예측", "My model's prediction"), own_prediction.predicted_label)
            st.plotly_chart(nlp_charts.class_probability_figure(own_prediction.class_names,
                                                                own_prediction.probabilities), key="nlp_own_chart")
            if own_prediction.unknown_tokens:
                st.text(t("모르는 단어: ", "Unknown words: ") + token_line(own_prediction.unknown_tokens))
        except TextInputError as error:
            show_text_error(error)

    download = st.session_state.get(DOWNLOAD_KEY)
    if download is None or download[0] is not trained:
        download = (trained, rnn_lesson.export_model_zip(trained))
        st.session_state[DOWNLOAD_KEY] = download
    digest = hashlib.sha1(download[1]).hexdigest()[:8]
    st.download_button(
        t("💾 내 모델 내려받기 (.keras + 단어장, zip)", "💾 Download my model (.keras + vocabulary, zip)"),
        data=download[1], file_name=f"korean_{trained.config.cell.lower()}_{digest}.zip",
        mime="application/zip", key="nlp_download_button",
    )
