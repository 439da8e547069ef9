"""Entry point: page config, shared session defaults, language toggle and navigation."""

import streamlit as st

from lessons.classroom.membership import banner as class_banner
from lessons.continuity import show_reconnected, start_session
from lessons.i18n import ENGLISH, KOREAN, LANGUAGE_KEY, t
from lessons.live.follow import in_a_class, poller, take_to_the_teachers_lesson
from lessons.sections import run_slot
from lessons.streamlit_internals import keep_keras_state_between_runs
from lessons.styles import PIXEL_ART_STYLE

st.set_page_config(page_title="딥러닝 교실", page_icon="🎓", layout="wide")
st.html(PIXEL_ART_STYLE)
start_session()

with st.sidebar:
    st.radio(
        "언어 / Language",
        options=[KOREAN, ENGLISH],
        format_func=lambda code: "한국어" if code == KOREAN else "English",
        key=LANGUAGE_KEY,
        horizontal=True,
    )

pages = [
    st.Page("pages/home.py", title=t("홈", "Home"), icon="🏠", default=True),
    st.Page("pages/concepts.py", title=t("1. 학습 개념", "1. How models learn"), icon="🔁", url_path="concepts"),
    # The addresses students type or scan stay short ("cnn", "nlp"); the files and packages are named by lesson.
    st.Page("pages/vision.py", title=t("2. CNN 손글씨 숫자 분류", "2. CNN digit classifier"), icon="✍️",
            url_path="cnn"),
    st.Page("pages/language.py", title=t("3. 한국어 문장 분류", "3. Korean sentence classifier"), icon="💬",
            url_path="nlp"),
    st.Page("pages/classroom.py", title=t("수업 관리", "Class"), icon="🏫", url_path="classroom"),
    # The teacher opens the projector view from the class page; students have no use for it in the menu.
    st.Page("pages/projector.py", title=t("프로젝터 화면", "Projector view"), icon="📽️", url_path="projector",
            visibility="hidden"),
]
with run_slot():
    navigation = st.navigation(pages)
    show_reconnected()
    class_banner()
    if in_a_class():
        take_to_the_teachers_lesson(navigation.url_path)
        poller()
    navigation.run()
keep_keras_state_between_runs()
