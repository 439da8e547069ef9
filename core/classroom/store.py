"""The classroom database: classes, their members and what the members share, with SQLAlchemy 2.

SQLite by default (one WAL-mode file that several server processes on one machine can share); PostgreSQL for a
school with several replicas (`DL_CLASSROOM_DATABASE_URL=postgresql+psycopg://user:password@host/db`). Writes
that check a cap lock the class row first, so a whole class sending at once is stored one item after another,
each exactly once; a repeated `client_id` returns the item already stored.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from core.classroom import content
from core.classroom.errors import ClassroomError
from core.classroom.security import (
    hash_password,
    new_join_code,
    normalise_code,
    teacher_proof,
    verify_password,
)
from core.config import CACHE_DIR

DATABASE_URL_VARIABLE = "DL_CLASSROOM_DATABASE_URL"
DEFAULT_SQLITE_PATH = CACHE_DIR / "classroom.sqlite3"
EXPIRY_DAYS = int(os.environ.get("DL_CLASSROOM_EXPIRY_DAYS", "7"))
MAX_ITEMS_PER_STUDENT = 60
MAX_ITEMS_PER_CLASS = 3000
MAX_MEMBERS_PER_CLASS = 100
MAX_LOGIN_FAILURES = 5
LOCK_SECONDS = 60
BUSY_TIMEOUT_MS = 30_000
MAX_CLIENT_ID_LENGTH = 64

DRAWING = "drawing"
SENTENCE = "sentence"
MODEL = "model"
KINDS = (DRAWING, SENTENCE, MODEL)


def utc_now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Every classroom table."""


class ClassRow(Base):
    __tablename__ = "classroom_classes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(content.MAX_CLASS_NAME_LENGTH))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class MemberRow(Base):
    __tablename__ = "classroom_members"
    __table_args__ = (UniqueConstraint("class_id", "nickname"), UniqueConstraint("token"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classroom_classes.id", ondelete="CASCADE"), index=True)
    nickname: Mapped[str] = mapped_column(String(content.MAX_NICKNAME_LENGTH))
    token: Mapped[str] = mapped_column(String(64))
    joined_at: Mapped[datetime] = mapped_column(DateTime)


class ItemRow(Base):
    __tablename__ = "classroom_items"
    __table_args__ = (UniqueConstraint("member_id", "client_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classroom_classes.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("classroom_members.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    label: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text: Mapped[str | None] = mapped_column(String(content.MAX_SENTENCE_LENGTH), nullable=True)
    image: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    client_id: Mapped[str] = mapped_column(String(MAX_CLIENT_ID_LENGTH))
    created_at: Mapped[datetime] = mapped_column(DateTime)


@dataclass(frozen=True)
class ClassInfo:
    """A class as students and teachers see it."""

    code: str
    name: str
    created_at: datetime
    expires_at: datetime
    closed: bool


@dataclass(frozen=True)
class Membership:
    """A student in a class: what their session keeps (the token is their only key)."""

    code: str
    class_name: str
    nickname: str
    token: str


@dataclass(frozen=True)
class TeacherAccess:
    """What a teacher's session keeps after logging in to one class; checked again on every teacher action."""

    code: str
    proof: str = field(repr=False)


@dataclass(frozen=True)
class Item:
    """One shared item: a drawing (label = digit), a sentence (label 1 positive, 0 negative) or a model result."""

    id: int
    kind: str
    member_id: int
    nickname: str
    label: int | None
    text: str | None
    image: bytes | None
    details: dict[str, Any]
    hidden: bool
    created_at: datetime


def database_url() -> str:
    """The URL from DL_CLASSROOM_DATABASE_URL, else the SQLite file in the cache folder."""
    url = os.environ.get(DATABASE_URL_VARIABLE, "").strip()
    if url:
        return url
    DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout, foreign keys and `BEGIN IMMEDIATE` writes."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
                           pool_size=10, max_overflow=20)

    @event.listens_for(engine, "connect")
    def configure(dbapi_connection, _record) -> None:
        # The driver's own transaction handling is switched off; the "begin" hook below starts each one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin(connection) -> None:
        # A write transaction takes the write lock up front, so its cap check and insert cannot interleave
        # with another writer's; a read transaction does not block anyone (WAL).
        immediate = connection.get_execution_options().get("classroom_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _naive(moment: datetime) -> datetime:
    """A UTC time without its zone (both databases store it the same way)."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


class ClassroomStore:
    """Classes, members and shared items in one database. Thread-safe; one per process is enough."""

    def __init__(self, url_or_engine: str | Engine | None = None, clock: Callable[[], datetime] = utc_now,
                 expiry_days: int = EXPIRY_DAYS, max_items_per_student: int = MAX_ITEMS_PER_STUDENT,
                 max_items_per_class: int = MAX_ITEMS_PER_CLASS,
                 max_members_per_class: int = MAX_MEMBERS_PER_CLASS) -> None:
        if expiry_days < 1:
            raise ValueError(f"expiry_days must be at least 1, got {expiry_days}")
        if isinstance(url_or_engine, Engine):
            self.engine = url_or_engine
        else:
            self.engine = make_engine(url_or_engine or database_url())
        self._writer = self.engine.execution_options(classroom_write=True)
        self._clock = clock
        self.expiry_days = expiry_days
        self.max_items_per_student = max_items_per_student
        self.max_items_per_class = max_items_per_class
        self.max_members_per_class = max_members_per_class
        self.create_schema()

    def create_schema(self) -> None:
        """Create the tables that are missing (every replica does this on start).

        Two replicas starting together may both find a table missing; the loser's CREATE fails and a second
        look then finds everything in place.
        """
        try:
            Base.metadata.create_all(self.engine)
        except (ProgrammingError, IntegrityError, OperationalError):
            Base.metadata.create_all(self.engine)

    # -- helpers ---------------------------------------------------------------------------------------
    def _now(self) -> datetime:
        return _naive(self._clock())

    def _read(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def _write(self) -> Session:
        return Session(self._writer, expire_on_commit=False)

    def _live_class(self, session: Session, code: str, lock: bool = False) -> ClassRow | None:
        query = select(ClassRow).where(ClassRow.code == normalise_code(code))
        if lock:
            query = query.with_for_update()
        row = session.scalars(query).first()
        if row is None or row.expires_at <= self._now():
            return None
        return row

    @staticmethod
    def _info(row: ClassRow) -> ClassInfo:
        return ClassInfo(row.code, row.name, row.created_at, row.expires_at, row.closed)

    @staticmethod
    def _missing() -> ClassroomError:
        return ClassroomError("그런 수업이 없습니다. 코드를 다시 확인해 주세요.",
                              "There is no class with that code. Please check the code.")

    def _open_for_students(self, session: Session, code: str, lock: bool = False) -> ClassRow:
        row = self._live_class(session, code, lock)
        if row is None:
            raise self._missing()
        if row.closed:
            raise ClassroomError("선생님이 이 수업을 닫았습니다.", "The teacher has closed this class.")
        return row

    # -- for the live lesson (core.live.store), which keeps its tables in the same database ----------------
    def read_session(self) -> Session:
        """A session for reads (it never blocks a writer)."""
        return self._read()

    def write_session(self) -> Session:
        """A session whose transaction takes the write lock first (see make_engine)."""
        return self._write()

    def student_class(self, session: Session, code: str, lock: bool = False) -> ClassRow:
        """The class a student may act in (live and open); raises ClassroomError otherwise."""
        return self._open_for_students(session, code, lock)

    def class_row(self, session: Session, code: str) -> ClassRow | None:
        """The live class with this code (open or closed), or None."""
        return self._live_class(session, code)

    def teacher_row(self, session: Session, access: TeacherAccess, lock: bool = False) -> ClassRow:
        """The teacher's class after checking the access; raises ClassroomError otherwise."""
        return self._teacher_class(session, access, lock)

    def member_row(self, session: Session, row: ClassRow, token: str) -> MemberRow:
        """The student with this token in the class; raises ClassroomError otherwise."""
        return self._member(session, row, token)

    # -- classes -----------------------------------------------------------------------------------------
    def open_class(self, name: str, password: str) -> tuple[ClassInfo, TeacherAccess]:
        """Create a class with a fresh random join code; the teacher's session keeps the access."""
        clean_name = content.clean_class_name(name)
        password_hash = hash_password(password)
        self.purge_expired()
        now = self._now()
        for _ in range(20):
            code = new_join_code()
            row = ClassRow(code=code, name=clean_name, password_hash=password_hash, created_at=now,
                           expires_at=now + timedelta(days=self.expiry_days), closed=False, failed_logins=0)
            try:
                with self._write() as session, session.begin():
                    session.add(row)
            except IntegrityError:
                continue
            return self._info(row), TeacherAccess(code, teacher_proof(password_hash, code))
        raise RuntimeError("could not find a free join code")

    def class_info(self, code: str) -> ClassInfo | None:
        """The class with this code, or None when there is none (or it expired)."""
        with self._read() as session:
            row = self._live_class(session, code)
            return self._info(row) if row is not None else None

    def purge_expired(self) -> int:
        """Delete every class past its expiry date with all its data; returns how many."""
        with self._write() as session, session.begin():
            ids = list(session.scalars(select(ClassRow.id).where(ClassRow.expires_at <= self._now())))
            self._delete_classes(session, ids)
        return len(ids)

    @staticmethod
    def _delete_classes(session: Session, ids: list[int]) -> None:
        if not ids:
            return
        session.execute(delete(ItemRow).where(ItemRow.class_id.in_(ids)))
        session.execute(delete(MemberRow).where(MemberRow.class_id.in_(ids)))
        session.execute(delete(ClassRow).where(ClassRow.id.in_(ids)))

    # -- students ----------------------------------------------------------------------------------------
    def join(self, code: str, nickname: str, token: str | None = None) -> Membership:
        """Join a class with a nickname; the same token may come back under its nickname (a reload)."""
        clean = content.clean_nickname(nickname)
        with self._write() as session, session.begin():
            row = self._open_for_students(session, code, lock=True)
            existing = session.scalars(select(MemberRow).where(MemberRow.class_id == row.id,
                                                               MemberRow.nickname == clean)).first()
            if existing is not None:
                if token is not None and secrets.compare_digest(existing.token, token):
                    return Membership(row.code, row.name, existing.nickname, existing.token)
                raise ClassroomError("이 별명은 이 수업에서 이미 쓰고 있습니다. 다른 별명을 골라 주세요.",
                                     "Someone in this class already uses that nickname. Pick another one.")
            members = session.scalar(select(func.count()).select_from(MemberRow).where(MemberRow.class_id == row.id))
            if members >= self.max_members_per_class:
                raise ClassroomError(f"이 수업은 {self.max_members_per_class}명이 모두 찼습니다.",
                                     f"This class is full ({self.max_members_per_class} students).")
            member = MemberRow(class_id=row.id, nickname=clean, token=secrets.token_urlsafe(24),
                               joined_at=self._now())
            session.add(member)
            return Membership(row.code, row.name, member.nickname, member.token)

    def membership(self, code: str, token: str) -> Membership | None:
        """The student with this token in this class, or None (wrong token, or the class is gone)."""
        with self._read() as session:
            row = self._live_class(session, code)
            if row is None or not token:
                return None
            member = session.scalars(select(MemberRow).where(MemberRow.class_id == row.id,
                                                             MemberRow.token == token)).first()
            return Membership(row.code, row.name, member.nickname, member.token) if member else None

    def share(self, membership: Membership, kind: str, *, label: int | None = None, text: str | None = None,
              image: bytes | None = None, details: dict[str, Any] | None = None,
              client_id: str | None = None) -> int:
        """Store one item from a student, once: the same `client_id` again returns the stored item's id."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
        if kind == DRAWING and (image is None or label is None or not 0 <= label <= 9):
            raise ClassroomError("숫자 그림과 0~9 정답을 함께 보내 주세요.", "Send a digit picture with its label 0–9.")
        if kind == SENTENCE and label not in (0, 1):
            raise ClassroomError("문장의 감성(긍정/부정)을 골라 주세요.", "Pick the sentence's sentiment.")
        clean_text = content.clean_sentence(text) if kind == SENTENCE else None
        picture = content.reencode_picture(image) if image is not None else None
        client = (client_id or secrets.token_hex(16))[:MAX_CLIENT_ID_LENGTH]
        with self._write() as session, session.begin():
            row = self._open_for_students(session, membership.code, lock=True)
            member = self._member(session, row, membership.token)
            stored = session.scalar(select(ItemRow.id).where(ItemRow.member_id == member.id,
                                                             ItemRow.client_id == client))
            if stored is not None:
                return stored
            self._check_caps(session, row.id, member.id)
            item = ItemRow(class_id=row.id, member_id=member.id, kind=kind, label=label, text=clean_text,
                           image=picture, details=dict(details or {}), hidden=False, client_id=client,
                           created_at=self._now())
            session.add(item)
            session.flush()
            return item.id

    @staticmethod
    def _member(session: Session, row: ClassRow, token: str) -> MemberRow:
        member = session.scalars(select(MemberRow).where(MemberRow.class_id == row.id,
                                                         MemberRow.token == token)).first()
        if member is None:
            raise ClassroomError("이 수업에 참여하지 않았습니다. 코드와 별명으로 다시 참여해 주세요.",
                                 "You have not joined this class. Join again with the code and a nickname.")
        return member

    def _check_caps(self, session: Session, class_id: int, member_id: int) -> None:
        mine = session.scalar(select(func.count()).select_from(ItemRow).where(ItemRow.member_id == member_id))
        if mine >= self.max_items_per_student:
            raise ClassroomError(f"한 학생은 {self.max_items_per_student}개까지 보낼 수 있습니다. "
                                 "내가 보낸 것 중 일부를 지우고 다시 보내 주세요.",
                                 f"Each student can send {self.max_items_per_student} items. "
                                 "Delete some of yours first.")
        total = session.scalar(select(func.count()).select_from(ItemRow).where(ItemRow.class_id == class_id))
        if total >= self.max_items_per_class:
            raise ClassroomError(f"이 수업의 갤러리가 가득 찼습니다 ({self.max_items_per_class}개).",
                                 f"This class's gallery is full ({self.max_items_per_class} items).")

    def my_items(self, membership: Membership) -> list[Item]:
        """What this student has sent, newest first."""
        with self._read() as session:
            row = self._live_class(session, membership.code)
            if row is None:
                return []
            member = self._member(session, row, membership.token)
            return self._items(session, row.id, member_id=member.id)

    def delete_my_item(self, membership: Membership, item_id: int) -> bool:
        """Delete one of the student's own items; another student's item is never touched."""
        with self._write() as session, session.begin():
            row = self._live_class(session, membership.code)
            if row is None:
                return False
            member = self._member(session, row, membership.token)
            result = session.execute(delete(ItemRow).where(ItemRow.id == item_id, ItemRow.member_id == member.id))
            return result.rowcount == 1

    # -- teachers ----------------------------------------------------------------------------------------
    def teacher_login(self, code: str, password: str) -> TeacherAccess:
        """Check the teacher password; MAX_LOGIN_FAILURES wrong ones lock the class's dashboard LOCK_SECONDS."""
        with self._read() as session:
            row = self._live_class(session, code)
            if row is None:
                raise self._missing()
            class_id, password_hash, locked_until = row.id, row.password_hash, row.locked_until
        now = self._now()
        if locked_until is not None and locked_until > now:
            raise self._locked(locked_until - now)
        correct = verify_password(password, password_hash)
        with self._write() as session, session.begin():
            row = session.get(ClassRow, class_id, with_for_update=True)
            if row is None:
                raise self._missing()
            if row.locked_until is not None and row.locked_until > now:
                raise self._locked(row.locked_until - now)
            if correct:
                row.failed_logins, row.locked_until = 0, None
                return TeacherAccess(row.code, teacher_proof(password_hash, row.code))
            row.failed_logins += 1
            left = MAX_LOGIN_FAILURES - row.failed_logins
            if left <= 0:
                row.failed_logins, row.locked_until = 0, now + timedelta(seconds=LOCK_SECONDS)
        if left <= 0:
            raise self._locked(timedelta(seconds=LOCK_SECONDS))
        raise ClassroomError(f"비밀번호가 틀렸습니다. {left}번 더 틀리면 1분 동안 잠깁니다.",
                             f"Wrong password. {left} more wrong tries lock the dashboard for a minute.")

    @staticmethod
    def _locked(remaining: timedelta) -> ClassroomError:
        seconds = max(1, int(remaining.total_seconds()) + 1)
        return ClassroomError(f"비밀번호를 여러 번 틀려 잠겼습니다. {seconds}초 뒤에 다시 해 보세요.",
                              f"Locked after too many wrong passwords. Try again in {seconds} s.")

    def _teacher_class(self, session: Session, access: TeacherAccess, lock: bool = False) -> ClassRow:
        row = self._live_class(session, access.code, lock)
        if row is None:
            raise self._missing()
        if not isinstance(access, TeacherAccess) or not secrets.compare_digest(
                teacher_proof(row.password_hash, row.code), access.proof):
            raise ClassroomError("선생님 비밀번호로 다시 로그인해 주세요.", "Log in again with the teacher password.")
        return row

    def teacher_class(self, access: TeacherAccess) -> ClassInfo:
        """The teacher's class (checks the access)."""
        with self._read() as session:
            return self._info(self._teacher_class(session, access))

    def items(self, access: TeacherAccess, kind: str | None = None, include_hidden: bool = True) -> list[Item]:
        """Every item of the teacher's class (of one kind), newest first."""
        with self._read() as session:
            row = self._teacher_class(session, access)
            return self._items(session, row.id, kind=kind, include_hidden=include_hidden)

    def member_count(self, access: TeacherAccess) -> int:
        """How many students joined the teacher's class."""
        with self._read() as session:
            row = self._teacher_class(session, access)
            return int(session.scalar(select(func.count()).select_from(MemberRow).where(MemberRow.class_id == row.id)))

    @staticmethod
    def _items(session: Session, class_id: int, kind: str | None = None, include_hidden: bool = True,
               member_id: int | None = None) -> list[Item]:
        query = (select(ItemRow, MemberRow.nickname).join(MemberRow, ItemRow.member_id == MemberRow.id)
                 .where(ItemRow.class_id == class_id).order_by(ItemRow.id.desc()))
        if kind is not None:
            query = query.where(ItemRow.kind == kind)
        if not include_hidden:
            query = query.where(ItemRow.hidden.is_(False))
        if member_id is not None:
            query = query.where(ItemRow.member_id == member_id)
        return [Item(item.id, item.kind, item.member_id, nickname, item.label, item.text, item.image,
                     dict(item.details or {}), item.hidden, item.created_at)
                for item, nickname in session.execute(query)]

    def set_hidden(self, access: TeacherAccess, item_id: int, hidden: bool = True) -> bool:
        """Hide (or show again) one item of the teacher's class."""
        with self._write() as session, session.begin():
            row = self._teacher_class(session, access)
            item = session.scalars(select(ItemRow).where(ItemRow.id == item_id, ItemRow.class_id == row.id)).first()
            if item is None:
                return False
            item.hidden = hidden
            return True

    def close_class(self, access: TeacherAccess, closed: bool = True) -> None:
        """Stop (or allow again) joining and sending; the teacher still sees and exports everything."""
        with self._write() as session, session.begin():
            self._teacher_class(session, access, lock=True).closed = closed

    def delete_class(self, access: TeacherAccess) -> None:
        """Delete the class and everything its students sent."""
        with self._write() as session, session.begin():
            row = self._teacher_class(session, access, lock=True)
            self._delete_classes(session, [row.id])
