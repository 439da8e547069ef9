"""③'s results: `model.evaluate` on unseen sentences, misclassified ones, my own sentences and the download."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from core.charts import confusion_figure
from core.errors import StudentFacingError
from core.language import charts, rnn_lesson
from core.training import STATUS_FAILED
from lessons.classroom import share
from lessons.continuity import kept_text
from lessons.i18n import language, t
from lessons.language import keys, resources
from lessons.language.text_ui import checked_text, show_text_error, token_line
from lessons.messages import user_warning
from lessons.training_panel import finished_job


def collect_finished_job() -> None:
    """Keep the model of a job that just ended (once per job), or say why there is none."""
    job = finished_job(keys.JOB, keys.COLLECTED)
    if job is None:
        return
    if job.result is not None:
        st.session_state[keys.TRAINED] = job.result
        st.session_state.pop(keys.DOWNLOAD, None)
    elif job.snapshot().status != STATUS_FAILED:
        user_warning("학습이 끝나기 전에 멈춰 평가할 모델이 없습니다.", "Training stopped before a model was ready.")


def evaluation_block(trained: rnn_lesson.TrainedTextModel) -> None:
    """Test accuracy, loss, count and unknown-word rate; the summary, confusion matrix and misclassified sentences."""
    evaluation = trained.evaluation
    st.subheader(t("평가 (model.evaluate, 처음 보는 테스트 문장)",
                   "Evaluation (model.evaluate on unseen test sentences)"))
    row = st.container(key=keys.EVALUATION).columns(4)
    row[0].metric(t("테스트 정확도", "Test accuracy"), f"{evaluation.accuracy:.1%}")
    row[1].metric(t("테스트 손실", "Test loss"), f"{evaluation.loss:.3f}")
    row[2].metric(t("테스트 문장 수", "Test sentences"), f"{evaluation.test_count}")
    row[3].metric(t("모르는 단어 비율", "Unknown-word rate"), f"{trained.test_oov_rate:.1%}")
    config = trained.config
    st.caption(t(f"{config.cell} · 유닛 {config.units} · 임베딩 {config.embedding_dim} · "
                 f"학습 문장 {trained.train_count}",
                 f"{config.cell} · {config.units} units · embedding {config.embedding_dim} · "
                 f"{trained.train_count} training sentences"))
    st.table(pd.DataFrame(rnn_lesson.model_summary_lines(trained.model),
                          columns=[t("층", "layer"), t("출력 모양", "output shape"), t("파라미터 수", "parameters")]))
    columns = st.columns(2)
    with columns[0]:
        st.plotly_chart(confusion_figure(evaluation.confusion, evaluation.class_names, language()), key=keys.CONFUSION)
    with columns[1]:
        st.markdown(t("**틀린 문장**", "**Misclassified sentences**"))
        if not evaluation.misclassified:
            st.caption(t("테스트 문장을 모두 맞혔습니다.", "Every test sentence was right."))
            return
        st.table(pd.DataFrame([
            {t("문장", "sentence"): item.text, t("정답", "true"): item.true_label,
             t("예측", "predicted"): item.predicted_label, t("확신", "confidence"): f"{item.confidence:.0%}"}
            for item in evaluation.misclassified
        ]))


def own_prediction(trained: rnn_lesson.TrainedTextModel) -> None:
    """Type a new sentence and read it with the student's own model."""
    st.subheader(t("내 모델로 예측하기", "Predict with my model"))
    own_text = kept_text(st.text_input, t("새 문장", "New sentence"), keys.OWN_SENTENCE)
    if not own_text.strip():
        return
    try:
        own_clean = checked_text(own_text)
        own_tokens = resources.tagger_service(trained.tagger_name).morphs(own_clean, stem=trained.config.stem)
    except StudentFacingError as error:
        show_text_error(error)
        return
    prediction = rnn_lesson.predict_tokens(trained, own_tokens)
    st.metric(t("내 모델의 예측", "My model's prediction"), prediction.predicted_label)
    st.plotly_chart(charts.class_probability_figure(prediction.class_names, prediction.probabilities),
                    key=keys.OWN_CHART)
    if prediction.unknown_tokens:
        st.text(t("모르는 단어: ", "Unknown words: ") + token_line(prediction.unknown_tokens))


def download(trained: rnn_lesson.TrainedTextModel) -> None:
    """The trained model and its vocabulary as one zip, built once per trained model."""
    cached = st.session_state.get(keys.DOWNLOAD)
    if cached is None or cached[0] is not trained:
        cached = (trained, rnn_lesson.export_model_zip(trained))
        st.session_state[keys.DOWNLOAD] = cached
    digest = hashlib.sha1(cached[1]).hexdigest()[:8]
    st.download_button(
        t("💾 내 모델 내려받기 (.keras + 단어장, zip)", "💾 Download my model (.keras + vocabulary, zip)"),
        data=cached[1], file_name=f"korean_{trained.config.cell.lower()}_{digest}.zip",
        mime="application/zip", key=keys.DOWNLOAD_BUTTON,
    )


def render() -> None:
    """The student's trained model, once a job has produced one."""
    collect_finished_job()
    trained: rnn_lesson.TrainedTextModel | None = st.session_state.get(keys.TRAINED)
    if trained is None or trained.evaluation is None:
        return
    evaluation_block(trained)
    own_prediction(trained)
    download(trained)
    job = st.session_state.get(keys.JOB)
    share.model_box("rnn", trained, trained.evaluation.accuracy, trained.model.count_params(),
                    len(trained.history.get("loss", [])) or trained.config.epochs,
                    job.snapshot().elapsed_seconds if job is not None else 0.0,
                    f"{trained.config.cell} {trained.config.units} · {trained.corpus_name} · {trained.train_count}")
