"""Teacher · "train on our class": fine-tune a copy of the shipped CNN on the class's drawings, before vs after."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.availability import MNIST_MODEL_PATH
from core.charts import confusion_figure
from core.classroom.content import png_to_digit
from core.classroom.store import DRAWING, TeacherAccess
from core.training import STATUS_FINISHED
from core.vision import class_tuning
from core.vision.class_tuning import ClassTuningError, make_tuning_function
from lessons.classroom import keys, resources
from lessons.classroom.resources import LessonModels
from lessons.i18n import language, t
from lessons.messages import user_error
from lessons.training_panel import start_training, watch_training


def start(access: TeacherAccess, models: LessonModels) -> None:
    """Build the class dataset and queue the fine-tuning job."""
    drawings = [item for item in resources.store().items(access, kind=DRAWING, include_hidden=False)
                if item.image is not None]
    images = np.stack([png_to_digit(item.image) for item in drawings]) if drawings else np.zeros((0, 28, 28))
    data = models.mnist()
    plan, _ = make_tuning_function(models.digit_model(), images, [item.label for item in drawings],
                                   [item.member_id for item in drawings], replay=(data.x_train, data.y_train))
    st.session_state[keys.TUNE_CLASS] = access.code
    start_training(plan, keys.TUNE_JOB)


def results(result: class_tuning.ClassTuningResult) -> None:
    """Accuracy on the held-out students' drawings, before and after, and the two confusion matrices."""
    columns = st.columns(3)
    columns[0].metric(t("전 (배포 CNN)", "Before (shipped CNN)"), f"{result.before_accuracy:.1%}")
    columns[1].metric(t("후 (우리 반으로 학습)", "After (trained on our class)"), f"{result.after_accuracy:.1%}",
                      delta=f"{(result.after_accuracy - result.before_accuracy) * 100:+.1f}%p")
    columns[2].metric(t("평가한 그림 (처음 보는 학생들)", "Evaluated drawings (unseen students)"),
                      f"{result.test_count} · {result.test_students}" + t("명", " students"))
    st.caption(t(f"학습: 반 그림 {result.train_count}장 + MNIST 일부, 에포크 {result.epochs}. 평가에 쓴 학생의 그림은 "
                 "학습에 하나도 쓰지 않았습니다.",
                 f"Trained on {result.train_count} class drawings plus some MNIST, {result.epochs} epochs. No drawing "
                 "of the evaluated students was trained on."))
    charts = st.columns(2)
    charts[0].plotly_chart(confusion_figure(result.before_confusion, list(range(10)), language()),
                           key=keys.TUNE + "_before")
    charts[1].plotly_chart(confusion_figure(result.after_confusion, list(range(10)), language()),
                           key=keys.TUNE + "_after")


def render(access: TeacherAccess, models: LessonModels) -> None:
    """The fine-tuning part of the dashboard."""
    st.subheader(t("🧠 우리 반 글씨로 학습하기", "🧠 Train on our class"))
    st.caption(t("배포 CNN의 복사본을 우리 반 그림으로 조금 더 학습합니다. 일부 학생의 그림은 떼어 두었다가, "
                 "학습 전과 후에 모델이 그 글씨를 얼마나 잘 읽는지 비교합니다. 반이 모델을 가르칩니다!",
                 "A copy of the shipped CNN trains a little more on our drawings. Some students' drawings are held "
                 "out and read before and after: the class teaches the model!"))
    if not MNIST_MODEL_PATH.is_file():
        st.warning(t("배포 CNN이 없어 학습할 수 없습니다.", "There is no shipped CNN to fine-tune."))
        return
    same_class = st.session_state.get(keys.TUNE_CLASS) == access.code
    job = st.session_state.get(keys.TUNE_JOB) if same_class else None
    if st.button(t("🚀 우리 반 그림으로 학습 시작", "🚀 Start training on our drawings"), key=keys.TUNE,
                 disabled=job is not None and job.running):
        try:
            start(access, models)
        except ClassTuningError as error:
            user_error(error.message_ko, error.message_en)
            return
        except (OSError, ValueError) as error:
            user_error(f"학습을 시작하지 못했습니다: {error}", f"Could not start the training: {error}")
            return
        job = st.session_state[keys.TUNE_JOB]
    watch_training(job, keys.TUNE_PANEL)
    if job is not None and not job.running and job.snapshot().status == STATUS_FINISHED and job.result is not None:
        results(job.result)
