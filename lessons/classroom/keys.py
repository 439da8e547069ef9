"""Every session-state key and URL parameter of classroom mode, in one place (widget keys included)."""

from __future__ import annotations

# URL parameters: a reload (or the QR code) brings the class back.
CLASS_PARAM = "class"
MEMBER_PARAM = "me"

# What the session knows about its class.
MEMBERSHIP = "class_membership"
TEACHER = "class_teacher_access"
JOIN_LIMITER = "class_join_limiter"
URL_CHECKED = "class_url_checked"

# Student: join
JOIN_CODE = "class_join_code"
JOIN_NICKNAME = "class_join_nickname"
JOIN = "class_join"
LEAVE = "class_leave"
MY_ITEMS = "class_my_items"
DELETE_MINE = "class_delete_mine"
DELETE_MINE_BUTTON = "class_delete_mine_button"

# Teacher: open a class or log in to one
OPEN_NAME = "class_open_name"
OPEN_PASSWORD = "class_open_password"
OPEN = "class_open"
LOGIN_CODE = "class_login_code"
LOGIN_PASSWORD = "class_login_password"
LOGIN = "class_login"
LOGOUT = "class_logout"

# Teacher: dashboard
GALLERY = "class_gallery"
CONFUSION = "class_confusion"
SENTENCE_WALL = "class_sentence_wall"
LEADERBOARD = "class_leaderboard"
HIDE_ITEM = "class_hide_item"
HIDE = "class_hide"
SHOW = "class_show"
EXPORT_PREPARE = "class_export_prepare"
EXPORT_DATA = "class_export_data"
EXPORT = "class_export"
CLOSE = "class_close"
REOPEN = "class_reopen"
DELETE_CONFIRM = "class_delete_confirm"
DELETE = "class_delete"
TUNE = "class_tune"
TUNE_JOB = "class_tune_job"
# The class the teacher's tuning job trained on (the job belongs to that class only).
TUNE_CLASS = "class_tune_class"
TUNE_PANEL = "class_tune_panel"
TUNE_ERROR = "class_tune_error"
NOTICE = "class_notice"
CODE_DISPLAY = "class_code_display"
JOIN_ADDRESS = "class_join_address"
JOIN_QR = "class_join_qr"

# Share buttons inside the lessons
SHARE_DIGIT_LABEL = "class_share_digit_label"
SHARE_DIGIT = "class_share_digit"
SHARE_SENTENCE_LABEL = "class_share_sentence_label"
SHARE_SENTENCE = "class_share_sentence"
SHARED = "class_shared"
SHARE_MESSAGE = "class_share_message"


def share_model(lesson: str) -> str:
    """The leaderboard button under a lesson's trained model."""
    return f"class_share_model_{lesson}"
