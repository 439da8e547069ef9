"""Student · join a class with its code and a nickname; see and delete what I sent."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from core.classroom.errors import ClassroomError
from core.classroom.store import DRAWING, SENTENCE, Item
from lessons.classroom import keys, membership, resources
from lessons.i18n import t
from lessons.messages import markdown_literal
from lessons.sections import rerun_section


def describe(item: Item) -> str:
    """One line for one of my items (shown literally)."""
    if item.kind == DRAWING:
        return t(f"그림 · 정답 {item.label}", f"drawing · label {item.label}")
    if item.kind == SENTENCE:
        return t("문장 · ", "sentence · ") + (item.text or "")
    return t("모델 · ", "model · ") + f"{item.details.get('lesson', '?')} {item.details.get('accuracy', 0):.1%}"


def join_form() -> None:
    """The code and nickname boxes."""
    st.session_state.setdefault(keys.JOIN_CODE, membership.code_from_url())
    with st.form(keys.JOIN + "_form", border=True):
        code = st.text_input(t("수업 코드 (선생님 화면의 6글자)", "Class code (6 characters on the teacher's screen)"),
                             key=keys.JOIN_CODE, max_chars=12)
        nickname = st.text_input(t("별명", "Nickname"), key=keys.JOIN_NICKNAME, max_chars=40)
        submitted = st.form_submit_button(t("수업 참여하기", "Join the class"), key=keys.JOIN)
    if not submitted:
        return
    joined, _ = membership.attempt(lambda: membership.join(code, nickname))
    if joined:
        st.rerun()


def my_items(joined) -> None:
    """What I sent, with a button to delete one of them (never anyone else's)."""
    try:
        items = resources.store().my_items(joined)
    except (ClassroomError, SQLAlchemyError):
        items = []
    st.caption(t(f"내가 보낸 것: {len(items)}개", f"Sent by me: {len(items)}"))
    if not items:
        return
    with st.expander(t("내가 보낸 것 보기 / 지우기", "See / delete what I sent")):
        st.markdown("\n".join(f"- {markdown_literal(describe(item))}" for item in items[:50]))
        chosen = st.selectbox(t("지울 항목", "Item to delete"), [item.id for item in items], key=keys.DELETE_MINE,
                              format_func=lambda item_id: describe(next(i for i in items if i.id == item_id)))
        if st.button(t("🗑 지우기", "🗑 Delete"), key=keys.DELETE_MINE_BUTTON):
            resources.store().delete_my_item(joined, chosen)
            rerun_section()


def render() -> None:
    """The student's half of the class page."""
    st.header(t("🙋 학생: 수업 참여", "🙋 Student: join a class"))
    joined = membership.current_membership()
    if joined is None:
        join_form()
        return
    st.success(t("참여 중: ", "Joined: ") + markdown_literal(joined.class_name) + " · "
               + markdown_literal(joined.nickname))
    st.caption(t("2수업에서 그린 숫자, 3수업의 문장, 직접 학습한 모델을 반에 보낼 수 있습니다.",
                 "You can now send drawings (lesson 2), sentences (lesson 3) and your trained models to the class."))
    my_items(joined)
    if st.button(t("수업 나가기", "Leave the class"), key=keys.LEAVE):
        membership.leave()
        st.rerun()
