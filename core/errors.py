"""The base of every error a student may cause, carrying its explanation in Korean and English."""

from __future__ import annotations


class StudentFacingError(Exception):
    """An error whose message the page shows as is; `str()` gives the English text for logs."""

    def __init__(self, message_ko: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_ko = message_ko
        self.message_en = message_en
