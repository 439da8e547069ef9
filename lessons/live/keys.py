"""Every session-state key of the live lesson, in one place (widget keys included)."""

from __future__ import annotations

# What this session last saw of the class's live state, so the poller reruns the page only on a change.
SEEN_VERSION = "live_seen_version"
SEEN_QUESTION = "live_seen_question"
# Which lesson and step this student is on, for the teacher's dashboard.
WHERE = "live_where"
# When this student last told the class database where they are, and what they told it.
PRESENCE_SENT = "live_presence_sent"
# A sign of trouble the lessons report for the teacher's dashboard (a failed training, a NaN loss).
SIGNAL = "live_signal"
# Widgets
OTHER_STEP = "live_other_step"
CURRENT_STEP = "live_current_step"
PLAN_TABLE = "live_plan_table"


def answer_widget(question_id: str) -> str:
    """The input of one question."""
    return f"live_answer_{question_id}"


def answer_button(question_id: str) -> str:
    """The submit button of one question."""
    return f"live_submit_{question_id}"


def exit_widget(question_id: str) -> str:
    """The input of one exit-ticket question (the same question may also stand at a step of the page)."""
    return f"live_exit_{question_id}"


def exit_button(question_id: str) -> str:
    """The submit button of one exit-ticket question."""
    return f"live_exit_submit_{question_id}"


def exit_answer(question_id: str) -> str:
    """What the student answered on the exit ticket."""
    return f"live_exit_answer_{question_id}"


def self_check(question_id: str) -> str:
    """What a student answered alone (no class): kept so the reveal stays after a rerun."""
    return f"live_self_{question_id}"


# Teacher controls and projector
TEACH_LESSON = "live_teach_lesson"
TEACH_STEP = "live_teach_step"
TEACH_PREVIOUS = "live_teach_previous"
TEACH_NEXT = "live_teach_next"
TEACH_FOLLOW = "live_teach_follow"
TEACH_OPEN = "live_teach_open"
TEACH_CLOSE = "live_teach_close"
TEACH_REVEAL = "live_teach_reveal"
TEACH_ROSTER = "live_teach_roster"
TEACH_EXPORT = "live_teach_export"
PROJECTOR = "live_projector"
PROJECTOR_LINK = "live_projector_link"
