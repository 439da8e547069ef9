"""Teacher · open a new class (name + password) or log back in to one (code + password)."""

from __future__ import annotations

import streamlit as st

from lessons.classroom import keys, membership, resources
from lessons.i18n import t


def _enter(action) -> None:
    entered, access = membership.attempt(action)
    if entered:
        st.session_state[keys.TEACHER] = access
        st.rerun()


def open_form() -> None:
    """A new class."""
    with st.form(keys.OPEN + "_form", border=True):
        st.markdown(t("**새 수업 열기**", "**Open a new class**"))
        name = st.text_input(t("반 이름", "Class name"), key=keys.OPEN_NAME, max_chars=60)
        password = st.text_input(t("선생님 비밀번호 (4자 이상)", "Teacher password (4+ characters)"),
                                 type="password", key=keys.OPEN_PASSWORD)
        submitted = st.form_submit_button(t("수업 열기", "Open the class"), key=keys.OPEN)
    if submitted:
        _enter(lambda: resources.store().open_class(name, password)[1])


def login_form() -> None:
    """An existing class, e.g. after a reload or on the teacher's other computer."""
    with st.form(keys.LOGIN + "_form", border=True):
        st.markdown(t("**열어 둔 수업 관리하기**", "**Manage a class you opened**"))
        code = st.text_input(t("수업 코드", "Class code"), key=keys.LOGIN_CODE, max_chars=12)
        password = st.text_input(t("선생님 비밀번호", "Teacher password"), type="password", key=keys.LOGIN_PASSWORD)
        submitted = st.form_submit_button(t("대시보드 열기", "Open the dashboard"), key=keys.LOGIN)
    if submitted:
        _enter(lambda: resources.store().teacher_login(code, password))


def render() -> bool:
    """The teacher's entry; returns whether this session is logged in to a class."""
    st.header(t("🧑‍🏫 선생님: 수업 관리", "🧑‍🏫 Teacher: manage a class"))
    if membership.teacher() is not None:
        if st.button(t("대시보드 닫기 (로그아웃)", "Close the dashboard (log out)"), key=keys.LOGOUT):
            st.session_state[keys.TEACHER] = None
            st.rerun()
        return True
    columns = st.columns(2)
    with columns[0]:
        open_form()
    with columns[1]:
        login_form()
    return False
