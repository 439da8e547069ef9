"""Section 4's "링크 복사": the link to the current setup, with controls the teacher chooses to hide or lock."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core.classroom.errors import ClassroomError
from core.concepts.setup_link import HIDEABLE, BuilderSetup, encode, query_string
from lessons.classroom import addressing
from lessons.concepts import keys
from lessons.i18n import t
from lessons.messages import user_error

HIDE_LABELS: dict[str, tuple[str, str]] = {
    "data": ("데이터셋", "dataset"), "classes": ("클래스 수", "classes"), "samples": ("샘플 수", "samples"),
    "noise": ("노이즈", "noise"), "layers": ("층", "layers"), "loss": ("손실 함수", "loss"),
    "optimizer": ("옵티마이저", "optimizer"), "lr": ("학습률", "learning rate"), "epochs": ("에포크", "epochs"),
    "batch": ("배치 크기", "batch size"), "val": ("검증 비율", "validation split"),
}


PAGE_PATH = "concepts"


def page_address() -> str:
    """This page's address as students reach it, without a query string (the link's start).

    The same choice as the class's QR code (core.classroom.addresses): a teacher on `localhost` sends the
    students this computer's network address, and DL_CLASSROOM_PUBLIC_URL wins over both.
    """
    try:
        address = addressing.students_address(PAGE_PATH)
    except ClassroomError as error:
        user_error(error.message_ko, error.message_en)
        return addressing.browser_url().split("?", 1)[0] or f"http://localhost:8501/{PAGE_PATH}"
    return address.page(PAGE_PATH)


def share_url(setup: BuilderSetup) -> str:
    """The full link that opens this exact setup."""
    return f"{page_address()}?{query_string(encode(setup))}"


def render(setup: BuilderSetup) -> None:
    """An expander that builds the link: pick controls to hide, lock the data, copy the address."""
    with st.expander(t("🔗 링크 복사 — 이 설정을 학생들과 나누기", "🔗 Copy link — share this setup with the class")):
        st.session_state.setdefault(keys.SHARE_HIDE, list(setup.hidden))
        st.session_state.setdefault(keys.SHARE_LOCK, setup.lock_data)
        hidden = st.multiselect(t("학생 화면에서 숨길 설정", "Controls to hide from students"), HIDEABLE,
                                key=keys.SHARE_HIDE, format_func=lambda name: t(*HIDE_LABELS[name]))
        lock = st.checkbox(t("데이터 잠그기 (학생이 데이터를 바꿀 수 없음)",
                             "Lock the data (students cannot change it)"), key=keys.SHARE_LOCK)
        link = share_url(replace(setup, hidden=tuple(name for name in HIDEABLE if name in hidden), lock_data=lock))
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("오른쪽 위 복사 버튼을 누르고 학생들에게 보내세요. 링크를 연 학생은 똑같은 설정에서 시작합니다. "
                     "주소창의 주소도 언제나 지금 설정을 담고 있습니다.",
                     "Press the copy button at its top right and send it to the class: everyone starts from this "
                     "exact setup. The address bar always holds the current setup too."))
