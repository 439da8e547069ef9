"""Teacher · the join code, its QR code and the URL, large enough to project."""

from __future__ import annotations

import streamlit as st

from core.classroom.addresses import SOURCE_BROWSER, SOURCE_NETWORK, SOURCE_PUBLIC, AppAddress
from core.classroom.store import ClassInfo
from lessons.classroom import addressing, keys, membership, resources
from lessons.i18n import t
from lessons.messages import markdown_literal

# One line under the address, so the teacher knows which address the phones get and why.
SOURCE_LINES: dict[str, tuple[str, str]] = {
    SOURCE_PUBLIC: ("학생용 주소: 학교 서버 주소 (DL_CLASSROOM_PUBLIC_URL)",
                    "Students' address: the school server's address (DL_CLASSROOM_PUBLIC_URL)"),
    SOURCE_BROWSER: ("학생용 주소: 이 브라우저가 쓰는 주소",
                     "Students' address: the address this browser uses"),
    SOURCE_NETWORK: ("학생용 주소: 이 컴퓨터의 네트워크 주소 (학생 기기는 같은 와이파이에 있어야 합니다)",
                     "Students' address: this computer's network address (students' devices must be on the same "
                     "Wi-Fi)"),
}


def no_network_warning() -> None:
    """Loopback only: a QR code would open each phone's own localhost, so say what to do instead."""
    st.warning(t(
        "이 컴퓨터에 네트워크 주소가 없어 학생 기기가 들어올 수 없습니다. 그래서 QR 코드를 만들지 않았습니다. "
        "학생들과 같은 와이파이(또는 휴대폰 핫스팟)에 연결한 뒤 이 페이지를 새로 고치세요. 학교 서버라면 "
        "DL_CLASSROOM_PUBLIC_URL 에 학생용 주소를 정해 주세요.",
        "This computer has no network address, so students' devices cannot reach it and there is no QR code. "
        "Connect to the students' Wi-Fi (or a phone hotspot) and reload this page. On a school server, set "
        "DL_CLASSROOM_PUBLIC_URL to the address students use.",
    ), icon="📵")


def show_address(address: AppAddress, url: str) -> None:
    """The join URL, which address it is, and how the teacher reaches this dashboard from another device."""
    with st.container(key=keys.JOIN_ADDRESS):
        st.code(url, language=None)
    st.caption(t(*SOURCE_LINES[address.source]))
    class_page = address.page(addressing.CLASS_PAGE)
    st.caption(t(f"선생님의 다른 기기에서는 {class_page} 의 \"열어 둔 수업 관리하기\"에 코드와 비밀번호를 넣습니다.",
                 f"On another device, teachers open {class_page} and use \"Manage a class you opened\" with the "
                 "code and password."))


def render(info: ClassInfo) -> None:
    """The code in big letters beside the QR code."""
    st.subheader(t("📣 학생 초대", "📣 Invite the students") + " · " + markdown_literal(info.name))
    # An unusable DL_CLASSROOM_PUBLIC_URL shows its Korean message here; the code still works without the QR.
    _, address = membership.attempt(lambda: addressing.students_address(addressing.CLASS_PAGE))
    url = addressing.join_url(address, info.code) if address is not None and address.reachable else None
    text_column, qr_column = st.columns([3, 2])
    with text_column:
        st.markdown(t("수업 코드", "Class code"))
        with st.container(key=keys.CODE_DISPLAY):
            st.markdown(f"<div style='font-size:5rem;font-weight:700;letter-spacing:0.4rem;font-family:monospace'>"
                        f"{info.code}</div>", unsafe_allow_html=True)
        st.markdown(t("학생은 **수업 관리 / Class** 페이지에서 코드와 별명을 입력하거나, QR 코드를 찍습니다.",
                      "Students enter the code and a nickname on the **Class** page, or scan the QR code."))
        if url is not None:
            show_address(address, url)
        elif address is not None:
            no_network_warning()
        expires = info.expires_at.strftime("%Y-%m-%d %H:%M UTC")
        st.caption(t(f"이 수업의 데이터는 {expires}에 자동으로 지워집니다.",
                     f"This class's data is deleted automatically at {expires}."))
        if info.closed:
            st.warning(t("수업이 닫혀 있어 학생이 참여하거나 보낼 수 없습니다.",
                         "The class is closed: students cannot join or send."))
    if url is not None:
        with qr_column, st.container(key=keys.JOIN_QR):
            st.image(resources.qr_png(url), caption=t("휴대폰으로 찍어 참여하기", "Scan to join"), width=360)
