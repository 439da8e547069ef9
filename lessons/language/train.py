"""③ Train my own model: a corpus (bundled, NSMC or my CSV), the RNN's settings, and a background job."""

from __future__ import annotations

import streamlit as st

from core.language import rnn_lesson, text_corpus
from core.language.korean_tagger import TaggerService
from core.training import TrainingJob
from lessons.i18n import t
from lessons.language import code_panel, keys, resources, train_results
from lessons.language.text_ui import show_text_error
from lessons.messages import user_warning
from lessons.sections import rerun_section
from lessons.training_panel import start_training, watch_training

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


def uploaded_corpus(running: bool) -> text_corpus.LabelledCorpus | None:
    """A corpus from the student's CSV, with the text and label columns they pick (raises CorpusError)."""
    upload = st.file_uploader(
        t("CSV 파일 (문장 열 + 라벨 열, UTF-8 또는 CP949/EUC-KR)", "CSV file (text + label columns, UTF-8 or CP949)"),
        type=["csv", "tsv", "txt"], key=keys.UPLOAD, disabled=running,
    )
    if upload is None:
        st.caption(t("첫 줄에 열 이름이 있는 CSV를 올리세요. 예: text,label",
                     "Upload a CSV with a header row, e.g. text,label"))
        return None
    table = text_corpus.parse_upload(upload.getvalue())
    guessed_text, guessed_label = text_corpus.guess_columns(table.columns)
    row = st.columns(2)
    text_column = row[0].selectbox(t("문장 열", "Text column"), table.columns, index=table.columns.index(guessed_text),
                                   key=keys.TEXT_COLUMN, disabled=running)
    label_column = row[1].selectbox(t("라벨 열", "Label column"), table.columns,
                                    index=table.columns.index(guessed_label), key=keys.LABEL_COLUMN, disabled=running)
    return text_corpus.corpus_from_upload(table, text_column, label_column, upload.name)


def choose_corpus(running: bool) -> text_corpus.LabelledCorpus | None:
    """The corpus radio and its loading; a bad upload gets a Korean message and gives None."""
    corpus_key = st.radio(t("학습할 코퍼스", "Corpus"), list(CORPUS_LABELS), key=keys.CORPUS, disabled=running,
                          format_func=lambda key: t(*CORPUS_LABELS[key]))
    try:
        if corpus_key in (CORPUS_SENTIMENT, CORPUS_TOPIC):
            return text_corpus.load_bundled_corpus(corpus_key)
        if corpus_key == CORPUS_NSMC:
            with st.spinner(t("NSMC를 찾는 중…", "Looking for NSMC…")):
                return resources.nsmc_corpus()
        return uploaded_corpus(running)
    except text_corpus.CorpusError as error:
        show_text_error(error)
        return None


def describe_corpus(corpus: text_corpus.LabelledCorpus) -> None:
    """Its size, classes, dropped rows, and which output layer and loss its labels call for."""
    class_text = ", ".join(f"{name} {count}" for name, count in corpus.class_counts.items())
    st.text(t(f"{corpus.source_ko}: {len(corpus):,}문장 ({class_text})",
              f"{corpus.source_en}: {len(corpus):,} sentences ({class_text})"))
    if corpus.dropped_rows:
        user_warning(f"빈 행 {corpus.dropped_rows}개를 빼고 학습합니다.",
                     f"{corpus.dropped_rows} empty rows were dropped.")
    output_layer, loss_name = rnn_lesson.output_shape_text(len(corpus.class_names))
    count = len(corpus.class_names)
    st.markdown(t(
        f"라벨이 {count}종류이므로 출력층은 `{output_layer}`, 손실은 `{loss_name}`입니다. "
        + ("두 클래스는 sigmoid 한 칸으로 '긍정일 확률'만 내면 됩니다." if corpus.is_binary else
           "여러 클래스는 softmax로 클래스마다 확률을 내고, 합은 1입니다. 예측 클래스는 argmax로 고릅니다 "
           "(Keras에서 `predict_classes`는 사라졌습니다)."),
        f"With {count} labels the output layer is `{output_layer}` and the loss `{loss_name}`. "
        + ("Two classes need one sigmoid unit: the probability of the positive class." if corpus.is_binary else
           "Several classes use softmax: one probability per class, summing to 1; the class is the argmax "
           "(Keras removed `predict_classes`)."),
    ))


def settings_form(service: TaggerService, can_start: bool) -> dict | None:
    """The RNN's settings in one form; returns them when the form was submitted."""
    with st.form(keys.TRAIN_FORM):
        row = st.columns(3)
        cell = row[0].selectbox(
            t("RNN 셀", "RNN cell"), rnn_lesson.CELL_TYPES, index=0, key=keys.CELL,
            help=t("노트의 모델은 SimpleRNN입니다. SimpleRNN은 긴 문장에서 앞 내용을 잊기 쉽습니다(기울기 소실). "
                   "GRU·LSTM은 게이트로 기억을 조절해 보통 더 잘 맞힙니다(내장 감성 코퍼스: GRU 약 80%, "
                   "SimpleRNN 약 60%). 위의 'SimpleRNN vs LSTM vs GRU' 비교를 보세요.",
                   "The note's model uses SimpleRNN, which forgets early words easily (vanishing gradients); GRU "
                   "and LSTM gate their memory and usually do better (bundled sentiment: GRU about 80%, SimpleRNN "
                   "about 60%). See the 'SimpleRNN vs LSTM vs GRU' comparison above."),
        )
        units = row[1].slider(t("은닉 유닛 수", "Hidden units"), 4, 128, 16, step=4, key=keys.UNITS)
        embedding_dim = row[2].slider(t("임베딩 크기", "Embedding size"), 4, 128, 16, step=4, key=keys.EMBEDDING_SIZE)
        row = st.columns(3)
        max_length = row[0].slider(t("최대 길이", "Max length"), 5, 60, 20, key=keys.MAX_LENGTH)
        epochs = row[1].slider(t("에포크", "Epochs"), 1, 30, 15, key=keys.EPOCHS)
        batch_size = row[2].select_slider(t("배치 크기", "Batch size"), [8, 16, 32, 64, 128, 256], 32,
                                          key=keys.BATCH_SIZE)
        row = st.columns(3)
        vocab_size = row[0].select_slider(t("단어장 크기", "Vocabulary size"), [500, 1000, 3000, 10000, 20000], 3000,
                                          key=keys.VOCAB_SIZE)
        padding = row[1].radio(t("패딩", "Padding"), ["pre", "post"], horizontal=True, key=keys.TRAIN_PADDING)
        stem = row[2].checkbox(t("어간 추출", "Stemming"), value=service.supports_stem, key=keys.TRAIN_STEM,
                               disabled=not service.supports_stem)
        submitted = st.form_submit_button(t("🚀 학습 시작", "🚀 Start training"), disabled=not can_start,
                                          type="primary")
    if not submitted:
        return None
    return {"cell": cell, "units": units, "embedding_dim": embedding_dim, "max_length": max_length,
            "epochs": epochs, "batch_size": batch_size, "vocab_size": vocab_size, "padding": padding,
            "stem": bool(stem)}


def start_my_model(corpus: text_corpus.LabelledCorpus, settings: dict, service: TaggerService) -> None:
    """Validate the settings and start the background job; a bad setting becomes a Korean message."""
    try:
        config = rnn_lesson.RnnConfig(**settings)
        label_ids = corpus.label_ids
        split = rnn_lesson.split_indices(label_ids)
        tokenize = rnn_lesson.corpus_tokenizer(service, service.name, config.stem)
    except rnn_lesson.RnnConfigError as error:
        show_text_error(error)
        return
    start_training(rnn_lesson.training_plan(corpus.texts, label_ids, corpus.class_names, config, tokenize, split,
                                            tagger_name=service.name, corpus_name=corpus.source_en), keys.JOB)
    st.session_state.pop(keys.START_ERROR, None)
    rerun_section()


def render(service: TaggerService) -> None:
    """Section ③ of lesson 3."""
    st.header(t("③ 나만의 모델 학습", "③ Train my own model"))
    job: TrainingJob | None = st.session_state.get(keys.JOB)
    running = job is not None and job.running
    corpus = choose_corpus(running)
    if corpus is not None:
        describe_corpus(corpus)
    settings = settings_form(service, can_start=not running and corpus is not None)
    if settings is not None and corpus is not None and not running:
        start_my_model(corpus, settings, service)
    code_panel.render(service.name, len(corpus.class_names) if corpus is not None else 2)
    watch_training(st.session_state.get(keys.JOB), key=keys.JOB_PANEL)
    train_results.render()
