"""The address students reach the app at, for the page the teacher is on (core.classroom.addresses decides)."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from core.classroom.addresses import AppAddress, choose_address, network_host, public_url_setting
from lessons.classroom import keys

# The class page's URL path (streamlit_app.py): students join there, and teachers log in there from other devices.
CLASS_PAGE = "classroom"


def browser_url() -> str:
    """The address the teacher's browser shows ("" where Streamlit cannot tell, e.g. in a test run)."""
    try:
        return st.context.url or ""
    except (AttributeError, RuntimeError):
        return ""


def students_address(page_path: str) -> AppAddress:
    """The app's root as the students' devices reach it; a ClassroomError if DL_CLASSROOM_PUBLIC_URL is unusable.

    Read on every call, not cached: a laptop that moves to another Wi-Fi gets another network address.
    """
    return choose_address(browser_url(), page_path, public_url_setting(),
                          network_host(st.get_option("server.address")))


def join_url(address: AppAddress, code: str) -> str:
    """The class page with the join code, the address the QR code encodes (no secret: the code only)."""
    return address.page(CLASS_PAGE, urlencode({keys.CLASS_PARAM: code}))
