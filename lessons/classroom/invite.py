"""Teacher · the join code, its QR code and the URL, large enough to project."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import streamlit as st

from core.classroom.store import ClassInfo
from lessons.classroom import keys, resources
from lessons.common import markdown_literal, t

PAGE_PATH = "classroom"


def join_url(code: str) -> str:
    """The class page's address with the code, from the address the teacher's browser used."""
    try:
        parts = urlsplit(st.context.url or "")
    except (AttributeError, RuntimeError):
        parts = urlsplit("")
    base = urlunsplit((parts.scheme or "http", parts.netloc or "localhost:8501", "", "", "")).rstrip("/")
    path = parts.path.rstrip("/")
    prefix = path[: -len(PAGE_PATH)].rstrip("/") if path.endswith(PAGE_PATH) else path
    return f"{base}{prefix}/{PAGE_PATH}?{keys.CLASS_PARAM}={code}"


def render(info: ClassInfo) -> None:
    """The code in big letters beside the QR code."""
    st.subheader(t("📣 학생 초대", "📣 Invite the students") + " · " + markdown_literal(info.name))
    url = join_url(info.code)
    text_column, qr_column = st.columns([3, 2])
    with text_column:
        st.markdown(t("수업 코드", "Class code"))
        with st.container(key=keys.CODE_DISPLAY):
            st.markdown(f"<div style='font-size:5rem;font-weight:700;letter-spacing:0.4rem;font-family:monospace'>"
                        f"{info.code}</div>", unsafe_allow_html=True)
        st.markdown(t("학생은 **수업 관리 / Class** 페이지에서 코드와 별명을 입력하거나, QR 코드를 찍습니다.",
                      "Students enter the code and a nickname on the **Class** page, or scan the QR code."))
        st.code(url, language=None)
        expires = info.expires_at.strftime("%Y-%m-%d %H:%M UTC")
        st.caption(t(f"이 수업의 데이터는 {expires}에 자동으로 지워집니다.",
                     f"This class's data is deleted automatically at {expires}."))
        if info.closed:
            st.warning(t("수업이 닫혀 있어 학생이 참여하거나 보낼 수 없습니다.",
                         "The class is closed: students cannot join or send."))
    with qr_column:
        st.image(resources.qr_png(url), caption=t("휴대폰으로 찍어 참여하기", "Scan to join"), width=360)
