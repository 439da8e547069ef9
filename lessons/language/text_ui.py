"""Message and display helpers every lesson-3 section shares."""

from __future__ import annotations

from core.language.korean_text import validate_sentence
from core.language.sentiment_model import LABELS_EN, LABELS_KO
from lessons.i18n import t
from lessons.messages import user_error, user_warning


def show_text_error(error: Exception) -> None:
    """A Korean message for an error that carries one, a generic one otherwise."""
    user_error(getattr(error, "message_ko", str(error)), getattr(error, "message_en", str(error)))


def checked_text(text: str) -> str:
    """Validate typed text (raises TextInputError) and show any notice, e.g. that a long text was cut."""
    validated = validate_sentence(text)
    if validated.notice_ko:
        user_warning(validated.notice_ko, validated.notice_en or validated.notice_ko)
    return validated.text


def token_line(tokens: list[str]) -> str:
    """Tokens the way the note writes them: `딥 / 러닝 / 기초`."""
    return " / ".join(tokens) if tokens else t("(토큰 없음)", "(no tokens)")


def class_names() -> list[str]:
    """The shipped model's two classes in the student's language."""
    return [t(korean, english) for korean, english in zip(LABELS_KO, LABELS_EN, strict=True)]
