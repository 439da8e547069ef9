"""Home page: the three lessons in the note's order and what this machine has for them."""

import streamlit as st

from core.availability import all_resources
from lessons.i18n import language, t

st.title(t("🎓 딥러닝 교실", "🎓 Deep Learning Classroom"))
st.markdown(
    t(
        "딥러닝 기초 노트를 그대로 따라가며, 모든 숫자를 **직접 계산해서** 보여 주는 수업용 앱입니다. "
        "선생님은 화면에 띄우고, 학생은 각자 브라우저에서 같은 수업을 따라 합니다.",
        "A classroom app that follows the deep-learning study note and computes every number **live**. "
        "The teacher projects it; students follow the same lesson in their own browsers.",
    )
)

LESSONS = [
    (
        "pages/concepts.py",
        "🔁",
        ("1. 학습 개념", "1. How models learn"),
        (
            "순전파 → 손실(LOSS) 계산 → 역전파 → 가중치 업데이트를 한 단계씩 실행하고, 텐서와 "
            "에포크 / 배치 / 반복을 계산하고, Keras `Sequential` 모델을 만들어 `compile` · `fit` · "
            "`evaluate` · `predict` 합니다.",
            "Step through forward pass → loss → backprop → weight update, explore tensors and "
            "epoch / batch / iteration, then build a Keras `Sequential` model and `compile`, `fit`, "
            "`evaluate` and `predict`.",
        ),
    ),
    (
        "pages/vision.py",
        "✍️",
        ("2. CNN 손글씨 숫자 분류", "2. CNN digit classifier"),
        (
            "브라우저에 숫자를 쓰면 MNIST 방식으로 전처리해 CNN이 읽습니다. `Conv2D`, 패딩 SAME/VALID, "
            "스트라이드, `MaxPool2D`, 특징 맵, softmax를 보고 나만의 CNN을 학습합니다.",
            "Draw a digit, watch it prepared MNIST-style and read by a CNN. See `Conv2D`, SAME/VALID "
            "padding, stride, `MaxPool2D`, feature maps and softmax, and train your own CNN.",
        ),
    ),
    (
        "pages/language.py",
        "💬",
        ("3. 한국어 문장 분류", "3. Korean sentence classifier"),
        (
            "문장을 입력하면 노이즈 캔슬링 → konlpy 토큰화 → 불용어 제거 → BoW → 시퀀스 → 패딩 → "
            "워드 임베딩 → `Embedding → SimpleRNN → Dense` 까지 한 단계씩 따라갑니다.",
            "Type a sentence and follow it through noise canceling → konlpy tokenizing → stopwords → "
            "bag of words → sequence → padding → embedding → `Embedding → SimpleRNN → Dense`.",
        ),
    ),
]

columns = st.columns(len(LESSONS))
for column, (path, icon, titles, descriptions) in zip(columns, LESSONS, strict=True):
    with column.container(border=True):
        st.subheader(f"{icon} {t(*titles)}")
        st.markdown(t(*descriptions))
        st.page_link(path, label=t("수업 시작 →", "Start lesson →"), icon=icon)

with st.container(border=True):
    st.markdown(t(
        "🏫 **함께 수업하기** — 선생님이 수업을 열면 학생들은 코드나 QR로 참여하고, 반 친구들이 그린 숫자·보낸 문장·"
        "학습한 모델이 반 갤러리, 문장 벽, 순위표가 됩니다.",
        "🏫 **Teach a class** — the teacher opens a class, students join with a code or a QR code, and the class's "
        "drawings, sentences and trained models become a shared gallery, sentence wall and leaderboard.",
    ))
    st.page_link("pages/classroom.py", label=t("수업 관리 →", "Class →"), icon="🏫")

st.divider()
st.subheader(t("이 컴퓨터에서 쓸 수 있는 데이터와 모델", "Data and models on this machine"))
english = language() == "en"
for resource in all_resources():
    mark = "✅" if resource.available else "⚠️"
    st.markdown(f"{mark} {resource.detail_en if english else resource.detail_ko}")
st.caption(
    t(
        "인터넷이 없어도 수업할 수 있도록, 패키지에 들어 있거나 프로젝트에 포함된 데이터로 자동 전환합니다.",
        "Without internet the lessons switch to data shipped by a package or by this project.",
    )
)
