"""Projector view: the class's current step in large type and what the class answered, for the wall.

A table of contents: the screen lives in `lessons/live/projector.py`. The teacher's session gets the controls;
anyone with the class code in the address (`?class=CODE`, the code already on the wall) gets the view alone.
"""

import streamlit as st

from core.classroom.security import looks_like_code, normalise_code
from lessons.classroom import keys as class_keys
from lessons.i18n import t
from lessons.live import projector

access = st.session_state.get(class_keys.TEACHER)
code = access.code if access is not None else normalise_code(st.query_params.get(class_keys.CLASS_PARAM, ""))
if access is None and not looks_like_code(code):
    st.title(t("📽️ 프로젝터 화면", "📽️ Projector view"))
    st.info(t("수업 관리 페이지에서 선생님으로 로그인한 뒤 '프로젝터 화면 열기'를 누르세요.",
              "Log in as the teacher on the Class page, then press 'Open the projector view'."))
    st.stop()
projector.render(code, access)
