"""Comments of generated code in the student's language."""

from __future__ import annotations

from core.shared.code_comments import code_comment

TABLE = {"fit": ("# 학습 {epochs}번", "# train {epochs} times")}


def test_korean_unless_english_is_asked_for() -> None:
    assert code_comment(TABLE, "fit", "ko", epochs=3) == "# 학습 3번"
    assert code_comment(TABLE, "fit", "en", epochs=3) == "# train 3 times"
    assert code_comment(TABLE, "fit", "xx", epochs=1) == "# 학습 1번"
