"""Teacher · moderation (hide / show an item), export (CSV + PNG zip), close and delete the class."""

from __future__ import annotations

import streamlit as st

from core.classroom.errors import ClassroomError
from core.classroom.export import class_zip
from core.classroom.store import DRAWING, SENTENCE, Item, TeacherAccess
from lessons.classroom import addressing, keys, membership, resources
from lessons.i18n import t
from lessons.sections import rerun_section


def describe(item: Item) -> str:
    """One line per item in the moderation list (a selectbox shows it as plain text)."""
    hidden = t(" [숨김]", " [hidden]") if item.hidden else ""
    if item.kind == DRAWING:
        what = t(f"그림 {item.label}", f"drawing {item.label}")
    elif item.kind == SENTENCE:
        what = item.text or ""
    else:
        what = t("모델 ", "model ") + f"{item.details.get('accuracy', 0):.1%}"
    return f"#{item.id} · {item.nickname} · {what}{hidden}"


def moderation(access: TeacherAccess, items: list[Item]) -> None:
    """Pick an item, hide it from the dashboard (or show it again)."""
    st.markdown(t("**숨기기 (관리)**: 숨긴 항목은 대시보드와 순위표에서 빠집니다.",
                  "**Hide (moderation)**: hidden items leave the dashboard and the leaderboard."))
    if not items:
        st.caption(t("아직 보낸 항목이 없습니다.", "Nothing has been sent yet."))
        return
    by_id = {item.id: item for item in items}
    chosen = st.selectbox(t("항목", "Item"), list(by_id), format_func=lambda item_id: describe(by_id[item_id]),
                          key=keys.HIDE_ITEM)
    columns = st.columns(2)
    if columns[0].button(t("🙈 숨기기", "🙈 Hide"), key=keys.HIDE):
        resources.store().set_hidden(access, chosen, True)
        rerun_section()
    if columns[1].button(t("👁 다시 보이기", "👁 Show again"), key=keys.SHOW):
        resources.store().set_hidden(access, chosen, False)
        rerun_section()


def export_join_url(code: str) -> str | None:
    """The join address the invitation shows, for the export's record (None where students had none)."""
    try:
        address = addressing.students_address(addressing.CLASS_PAGE)
    except ClassroomError:
        # The invitation already shows why DL_CLASSROOM_PUBLIC_URL is unusable; the data still exports.
        return None
    return addressing.join_url(address, code) if address.reachable else None


def export(access: TeacherAccess, items: list[Item]) -> None:
    """The class's data as one zip, built when asked (not on every refresh)."""
    label = t("📦 내보내기 준비 (CSV + PNG zip)", "📦 Prepare the export (CSV + PNG zip)")
    if st.button(label, key=keys.EXPORT_PREPARE):
        info = resources.store().teacher_class(access)
        st.session_state[keys.EXPORT_DATA] = (info.code, class_zip(info, items, export_join_url(info.code)))
    prepared = st.session_state.get(keys.EXPORT_DATA)
    if prepared is not None and prepared[0] == access.code:
        st.download_button(t("💾 반 데이터 내려받기", "💾 Download the class data"), data=prepared[1],
                           file_name=f"class_{prepared[0]}.zip", mime="application/zip", key=keys.EXPORT)


def close_and_delete(access: TeacherAccess) -> None:
    """Close (or reopen) the class; delete it with everything in it after a confirmation tick."""
    info = resources.store().teacher_class(access)
    columns = st.columns(2)
    with columns[0]:
        close = t("🔒 수업 닫기 (참여·보내기 중지)", "🔒 Close the class (no joining or sending)")
        if not info.closed and st.button(close, key=keys.CLOSE):
            resources.store().close_class(access, True)
            st.rerun()
        if info.closed and st.button(t("🔓 수업 다시 열기", "🔓 Reopen the class"), key=keys.REOPEN):
            resources.store().close_class(access, False)
            st.rerun()
    with columns[1]:
        confirmed = st.checkbox(t("모든 데이터를 지우는 것을 확인합니다", "I understand all data is deleted"),
                                key=keys.DELETE_CONFIRM)
        if st.button(t("🗑 수업과 모든 데이터 지우기", "🗑 Delete the class and all its data"), key=keys.DELETE,
                     disabled=not confirmed, type="primary"):
            resources.store().delete_class(access)
            st.session_state[keys.TEACHER] = None
            st.session_state[keys.NOTICE] = t("수업과 모든 데이터를 지웠습니다.",
                                              "The class and all its data are deleted.")
            st.rerun()


def render(access: TeacherAccess) -> None:
    """The management part of the dashboard."""
    st.subheader(t("🛠 수업 관리", "🛠 Manage the class"))
    read, items = membership.attempt(lambda: resources.store().items(access))
    if read:
        membership.attempt(lambda: manage_items(access, items))


def manage_items(access: TeacherAccess, items: list[Item]) -> None:
    """Moderation, export, and closing or deleting the class."""
    moderation(access, items)
    export(access, items)
    close_and_delete(access)
