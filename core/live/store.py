"""The live lesson's shared state, in the class database so every replica sees the same lesson.

One row per class says where the teacher is (lesson, step, follow mode, the question and its phase) with a
version that grows on every teacher action (the last action wins, and clients notice a change by the
version alone). Answers are one row per student and question: a double click or a resend updates the same
row, so each answer is stored exactly once; a student may change it until the teacher closes the question.
Presence rows say which step each student is on and when they were last seen.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from core.classroom.errors import ClassroomError
from core.classroom.store import Base, ClassroomStore, MemberRow, Membership, TeacherAccess, utc_now
from core.shared.lesson_plan import MAX_ANSWER_CHARS

OPEN = "open"
CLOSED = "closed"
REVEALED = "revealed"
PHASES = (OPEN, CLOSED, REVEALED)
MAX_ID_LENGTH = 48
MAX_SIGNAL_LENGTH = 32
# A student not seen for this long (a locked phone, a closed tab) counts as disconnected on the dashboard.
DISCONNECTED_AFTER = timedelta(seconds=30)


class LiveRow(Base):
    __tablename__ = "classroom_live"

    class_id: Mapped[int] = mapped_column(ForeignKey("classroom_classes.id", ondelete="CASCADE"), primary_key=True)
    lesson: Mapped[str] = mapped_column(String(MAX_ID_LENGTH))
    step: Mapped[str] = mapped_column(String(MAX_ID_LENGTH))
    follow: Mapped[bool] = mapped_column(Boolean, default=True)
    question: Mapped[str | None] = mapped_column(String(MAX_ID_LENGTH), nullable=True)
    phase: Mapped[str | None] = mapped_column(String(16), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AnswerRow(Base):
    __tablename__ = "classroom_answers"
    __table_args__ = (UniqueConstraint("member_id", "question"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classroom_classes.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("classroom_members.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(String(MAX_ID_LENGTH))
    answer: Mapped[str] = mapped_column(String(MAX_ANSWER_CHARS))
    changes: Mapped[int] = mapped_column(Integer, default=0)
    answered_at: Mapped[datetime] = mapped_column(DateTime)


class PresenceRow(Base):
    __tablename__ = "classroom_presence"

    member_id: Mapped[int] = mapped_column(ForeignKey("classroom_members.id", ondelete="CASCADE"), primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classroom_classes.id", ondelete="CASCADE"), index=True)
    lesson: Mapped[str] = mapped_column(String(MAX_ID_LENGTH))
    step: Mapped[str] = mapped_column(String(MAX_ID_LENGTH))
    signal: Mapped[str | None] = mapped_column(String(MAX_SIGNAL_LENGTH), nullable=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime)


LIVE_TABLES = [LiveRow.__table__, AnswerRow.__table__, PresenceRow.__table__]


@dataclass(frozen=True)
class LiveState:
    """Where the teacher has the class: what every following screen shows."""

    lesson: str
    step: str
    follow: bool
    question: str | None
    phase: str | None
    version: int


@dataclass(frozen=True)
class RosterEntry:
    """One student on the teacher's dashboard: where they are, whether they answered, and signs of trouble."""

    nickname: str
    lesson: str | None
    step: str | None
    seen_at: datetime | None
    answered: bool
    signal: str | None
    connected: bool


@dataclass(frozen=True)
class AnswerRecord:
    """One stored answer, for the teacher's CSV."""

    nickname: str
    question: str
    answer: str
    changes: int
    answered_at: datetime


def _short_id(value: str, what: str) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= MAX_ID_LENGTH:
        raise ValueError(f"{what} must be a non-empty id of at most {MAX_ID_LENGTH} characters")
    return value


class LiveStore:
    """The live lesson on top of the classroom store's database and its teacher and student checks."""

    def __init__(self, classroom: ClassroomStore, clock: Callable[[], datetime] = utc_now) -> None:
        self.classroom = classroom
        self._clock = clock
        Base.metadata.create_all(classroom.engine, tables=LIVE_TABLES)

    def _now(self) -> datetime:
        return self._clock().replace(tzinfo=None)

    # -- everyone ----------------------------------------------------------------------------------------
    def state(self, code: str) -> LiveState | None:
        """The class's live state, or None before the teacher has started a lesson (or without a class)."""
        with self.classroom.read_session() as session:
            row = self.classroom.class_row(session, code)
            live = session.get(LiveRow, row.id) if row is not None else None
            return _state(live) if live is not None else None

    def answer_counts(self, code: str, question: str) -> Counter[str]:
        """How many students gave each answer to a question (no names)."""
        with self.classroom.read_session() as session:
            row = self.classroom.class_row(session, code)
            if row is None:
                return Counter()
            answers = session.scalars(select(AnswerRow.answer).where(AnswerRow.class_id == row.id,
                                                                     AnswerRow.question == question))
            return Counter(answers)

    # -- the teacher -------------------------------------------------------------------------------------
    def go_to(self, access: TeacherAccess, lesson: str, step: str) -> LiveState:
        """Put the class on a lesson's step; an open question of another step stays as it is."""
        return self._update(access, lesson=_short_id(lesson, "lesson"), step=_short_id(step, "step"))

    def set_follow(self, access: TeacherAccess, follow: bool) -> LiveState:
        """Follow me on (every student screen shows the teacher's step) or off (students explore freely)."""
        return self._update(access, follow=bool(follow))

    def open_question(self, access: TeacherAccess, question: str) -> LiveState:
        """Open a question for answers (answers given to it before stay; a student may change theirs)."""
        return self._update(access, question=_short_id(question, "question"), phase=OPEN)

    def close_question(self, access: TeacherAccess) -> LiveState:
        """Stop taking answers; the projector may now show the distribution."""
        return self._update(access, phase=CLOSED, need_question=True)

    def reveal(self, access: TeacherAccess) -> LiveState:
        """Show the real computation to everyone (closes the question first if it was open)."""
        return self._update(access, phase=REVEALED, need_question=True)

    def _update(self, access: TeacherAccess, need_question: bool = False, **changes: object) -> LiveState:
        with self.classroom.write_session() as session, session.begin():
            row = self.classroom.teacher_row(session, access, lock=True)
            live = session.get(LiveRow, row.id)
            if live is None:
                live = LiveRow(class_id=row.id, lesson=str(changes.get("lesson", "concepts")),
                               step=str(changes.get("step", "")), follow=True, question=None, phase=None, version=0,
                               updated_at=self._now())
                session.add(live)
            if need_question and live.question is None:
                raise ClassroomError("먼저 질문을 여세요.", "Open a question first.")
            for name, value in changes.items():
                setattr(live, name, value)
            live.version = (live.version or 0) + 1
            live.updated_at = self._now()
            session.flush()
            return _state(live)

    def roster(self, access: TeacherAccess) -> list[RosterEntry]:
        """Every student: their step, whether they answered the current question, signals, connection."""
        now = self._now()
        with self.classroom.read_session() as session:
            row = self.classroom.teacher_row(session, access)
            live = session.get(LiveRow, row.id)
            question = live.question if live is not None else None
            answered = set(session.scalars(select(AnswerRow.member_id).where(AnswerRow.class_id == row.id,
                                                                             AnswerRow.question == question)))
            query = (select(MemberRow, PresenceRow).outerjoin(PresenceRow, PresenceRow.member_id == MemberRow.id)
                     .where(MemberRow.class_id == row.id).order_by(MemberRow.nickname))
            return [RosterEntry(member.nickname, presence.lesson if presence else None,
                                presence.step if presence else None, presence.seen_at if presence else None,
                                member.id in answered, presence.signal if presence else None,
                                presence is not None and now - presence.seen_at <= DISCONNECTED_AFTER)
                    for member, presence in session.execute(query)]

    def answer_records(self, access: TeacherAccess) -> list[AnswerRecord]:
        """Every answer of the class, by student and question, for the teacher's export."""
        with self.classroom.read_session() as session:
            row = self.classroom.teacher_row(session, access)
            query = (select(AnswerRow, MemberRow.nickname).join(MemberRow, AnswerRow.member_id == MemberRow.id)
                     .where(AnswerRow.class_id == row.id).order_by(MemberRow.nickname, AnswerRow.answered_at))
            return [AnswerRecord(nickname, answer.question, answer.answer, answer.changes, answer.answered_at)
                    for answer, nickname in session.execute(query)]

    # -- students ----------------------------------------------------------------------------------------
    def answer(self, membership: Membership, question: str, answer: str, anytime: bool = False) -> bool:
        """Store the student's answer to the open question; True when it replaced an earlier answer.

        Raises ClassroomError when the question is not open (closed, revealed, or another one is open);
        `anytime` answers (the exit ticket) need no open question.
        """
        if not isinstance(answer, str) or not 0 < len(answer) <= MAX_ANSWER_CHARS:
            raise ClassroomError("답을 읽을 수 없습니다.", "The answer could not be read.")
        with self.classroom.write_session() as session, session.begin():
            row = self.classroom.student_class(session, membership.code, lock=True)
            member = self.classroom.member_row(session, row, membership.token)
            live = session.get(LiveRow, row.id)
            if not anytime and (live is None or live.question != question or live.phase != OPEN):
                raise ClassroomError("이 질문은 지금 답을 받지 않습니다 (선생님이 닫았어요).",
                                     "This question is not taking answers now (the teacher closed it).")
            stored = session.scalars(select(AnswerRow).where(AnswerRow.member_id == member.id,
                                                             AnswerRow.question == question)).first()
            if stored is None:
                session.add(AnswerRow(class_id=row.id, member_id=member.id, question=question, answer=answer,
                                      changes=0, answered_at=self._now()))
                return False
            if stored.answer != answer:
                stored.answer, stored.changes, stored.answered_at = answer, stored.changes + 1, self._now()
                return True
            return False

    def my_answer(self, membership: Membership, question: str) -> str | None:
        """The student's stored answer to a question, or None."""
        with self.classroom.read_session() as session:
            row = self.classroom.class_row(session, membership.code)
            if row is None:
                return None
            member = self.classroom.member_row(session, row, membership.token)
            return session.scalar(select(AnswerRow.answer).where(AnswerRow.member_id == member.id,
                                                                 AnswerRow.question == question))

    def record_presence(self, membership: Membership, lesson: str, step: str, signal: str | None = None) -> None:
        """Say which step the student is on now (and a sign of trouble, e.g. a failed training)."""
        with self.classroom.write_session() as session, session.begin():
            row = self.classroom.class_row(session, membership.code)
            if row is None:
                return
            member = self.classroom.member_row(session, row, membership.token)
            presence = session.get(PresenceRow, member.id)
            if presence is None:
                presence = PresenceRow(member_id=member.id, class_id=row.id, lesson=lesson, step=step,
                                       seen_at=self._now())
                session.add(presence)
            presence.lesson = _short_id(lesson, "lesson")
            presence.step = _short_id(step, "step")
            presence.signal = signal[:MAX_SIGNAL_LENGTH] if signal else None
            presence.seen_at = self._now()


def _state(live: LiveRow) -> LiveState:
    return LiveState(live.lesson, live.step, bool(live.follow), live.question, live.phase, int(live.version or 0))


class StateCache:
    """Each class's live state read at most once per `ttl_seconds` for the whole process.

    Forty students polling every couple of seconds then cost one database read per class and interval, and a
    teacher's change reaches a poll at most `ttl_seconds` late. Bounded: the oldest entries go first.
    """

    def __init__(self, read: Callable[[str], LiveState | None], ttl_seconds: float, max_entries: int = 1024,
                 clock: Callable[[], float] | None = None) -> None:
        self._read = read
        self._ttl = ttl_seconds
        self._max_entries = max_entries
        self._clock = clock or time.monotonic
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[float, LiveState | None]] = {}

    def __call__(self, code: str) -> LiveState | None:
        now = self._clock()
        with self._lock:
            entry = self._entries.get(code)
        if entry is not None and now - entry[0] < self._ttl:
            return entry[1]
        state = self._read(code)
        with self._lock:
            self._entries.pop(code, None)
            self._entries[code] = (now, state)
            while len(self._entries) > self._max_entries:
                self._entries.pop(next(iter(self._entries)))
        return state

    def clear(self) -> None:
        """Forget every state (the teacher's own screen reads its change at once)."""
        with self._lock:
            self._entries.clear()
