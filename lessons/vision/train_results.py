"""Section 3's results: `evaluate` on the test split, the confusion matrix, misread digits and the download."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.charts import confusion_figure
from core.vision import cnn
from core.vision.mnist_data import MnistSplit
from lessons.classroom import share
from lessons.i18n import language, t
from lessons.vision import keys


def metrics(evaluation: cnn.Evaluation, trained_samples: int) -> None:
    """Test loss, accuracy and count, and why `argmax` replaced `predict_classes`."""
    st.code(
        "loss, accuracy = model.evaluate(x_test, y_test)\n"
        "predicted = np.argmax(model.predict(x_test), axis=1)  # "
        + t("predict_classes()는 Keras에서 삭제됨", "predict_classes() was removed from Keras"),
        language="python",
    )
    with st.container(key=keys.EVALUATION):
        columns = st.columns(3)
        columns[0].metric(t("테스트 손실", "Test loss"), f"{evaluation.loss:.3f}")
        columns[1].metric(t("테스트 정확도", "Test accuracy"), f"{evaluation.accuracy:.1%}")
        columns[2].metric(t("테스트 이미지", "Test images"), f"{len(evaluation.labels):,}")
    st.caption(t(
        f"학습 이미지 {trained_samples:,}장으로 학습했고, 학습에 쓰지 않은 테스트 이미지로 평가했습니다. "
        "예전 Keras의 `model.predict_classes()`는 없어졌습니다: 모델 출력은 그냥 숫자 10개이고 그것이 "
        "클래스별 확률이라는 것은 우리만 알기 때문에, `argmax`로 가장 큰 확률의 위치를 직접 고릅니다.",
        f"Trained on {trained_samples:,} images and evaluated on test images it never saw. Keras removed "
        "`model.predict_classes()`: the output is just 10 numbers and only we know they are class "
        "probabilities, so we take the position of the largest with `argmax` ourselves.",
    ))


def misread_gallery(evaluation: cnn.Evaluation, data: MnistSplit) -> None:
    """The test digits the student's CNN got wrong, most confident mistakes first."""
    if not len(evaluation.misclassified):
        st.success(t("테스트 이미지를 모두 맞혔습니다!", "Every test image is right!"))
        return
    st.markdown(t("**틀린 테스트 이미지** (가장 자신 있게 틀린 것부터)",
                  "**Misclassified test digits** (most confident mistakes first)"))
    st.image(
        [np.clip(data.x_test[index], 0, 1) for index in evaluation.misclassified],
        caption=[
            t(f"정답 {evaluation.labels[index]} → 예측 {evaluation.predictions[index]}",
              f"true {evaluation.labels[index]} → predicted {evaluation.predictions[index]}")
            for index in evaluation.misclassified
        ],
        width=72,
        clamp=True,
    )


def download() -> None:
    """The trained model as a `.keras` file, serialised once per trained model."""
    if keys.MY_BYTES not in st.session_state:
        st.session_state[keys.MY_BYTES] = cnn.model_to_keras_bytes(st.session_state[keys.MY_MODEL])
    st.download_button(
        t("💾 내 모델 내려받기 (.keras)", "💾 Download my model (.keras)"),
        data=st.session_state[keys.MY_BYTES],
        file_name="my_cnn.keras",
        mime="application/octet-stream",
        key=keys.DOWNLOAD,
    )


def render(data: MnistSplit) -> None:
    """The evaluation of the student's last trained CNN, when there is one."""
    evaluation: cnn.Evaluation | None = st.session_state.get(keys.MY_EVALUATION)
    if evaluation is None:
        return
    _, trained_samples = st.session_state.get(keys.MY_CONFIG) or (None, 0)
    st.subheader(t("테스트 데이터로 평가", "Evaluation on the test split"))
    metrics(evaluation, trained_samples)
    st.plotly_chart(confusion_figure(evaluation.confusion, list(range(10)), language()), key=keys.CONFUSION)
    misread_gallery(evaluation, data)
    st.info(t("위 1번에서 **내가 학습한 모델**을 골라 직접 그린 숫자로 시험해 보세요.",
              "Pick **My model** in section 1 to read your own drawings with it."))
    download()
    leaderboard_box(evaluation)


def leaderboard_box(evaluation: cnn.Evaluation) -> None:
    """Send this model's evaluation to the class leaderboard (shown only after joining a class)."""
    config, samples = st.session_state.get(keys.MY_CONFIG) or (None, 0)
    job = st.session_state.get(keys.JOB)
    progress = job.snapshot() if job is not None else None
    share.model_box("cnn", evaluation, evaluation.accuracy, cnn.parameter_count(st.session_state[keys.MY_MODEL]),
                    progress.epoch if progress else getattr(config, "epochs", 0),
                    progress.elapsed_seconds if progress else 0.0,
                    f"CNN {getattr(config, 'blocks', '?')} blocks · {samples:,} images")
