"""The live lesson's shared state on SQLite and PostgreSQL: teacher actions, answers exactly once, presence."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from core.classroom.errors import ClassroomError
from core.classroom.store import TeacherAccess
from core.live.store import CLOSED, OPEN, REVEALED, LiveStore

QUESTION = "concepts_iterations"


@pytest.fixture
def live(store, clock) -> LiveStore:
    return LiveStore(store, clock=clock)


def test_the_teacher_leads_and_every_action_raises_the_version(store, live) -> None:
    info, access = store.open_class("반", "pass1234")
    assert live.state(info.code) is None
    first = live.go_to(access, "concepts", "batches")
    assert (first.lesson, first.step, first.follow, first.question) == ("concepts", "batches", True, None)
    second = live.set_follow(access, False)
    third = live.open_question(access, QUESTION)
    assert first.version < second.version < third.version
    assert live.state(info.code.lower()) == third and third.phase == OPEN and not third.follow


def test_a_student_or_a_guess_cannot_lead(store, live) -> None:
    info, _ = store.open_class("반", "pass1234")
    with pytest.raises(ClassroomError):
        live.go_to(TeacherAccess(info.code, "guess"), "concepts", "loop")
    with pytest.raises(ValueError):
        live.go_to(store.teacher_login(info.code, "pass1234"), "concepts", "")


def test_two_teacher_tabs_last_action_wins_and_both_see_it(make_store, clock) -> None:
    first, second = LiveStore(make_store(), clock=clock), LiveStore(make_store(), clock=clock)
    info, access = first.classroom.open_class("반", "pass1234")
    first.go_to(access, "vision", "conv")
    second.go_to(access, "vision", "pool")
    assert first.state(info.code).step == second.state(info.code).step == "pool"


def test_answers_are_stored_once_and_may_change_until_the_question_closes(store, live) -> None:
    info, access = store.open_class("반", "pass1234")
    member = store.join(info.code, "민지")
    live.go_to(access, "concepts", "batches")
    with pytest.raises(ClassroomError, match="not taking answers"):
        live.answer(member, QUESTION, "11")
    live.open_question(access, QUESTION)
    assert live.answer(member, QUESTION, "10") is False
    assert live.answer(member, QUESTION, "10") is False
    assert live.answer(member, QUESTION, "11") is True
    assert live.my_answer(member, QUESTION) == "11"
    assert live.answer_counts(info.code, QUESTION) == {"11": 1}
    assert live.close_question(access).phase == CLOSED
    with pytest.raises(ClassroomError, match="not taking answers"):
        live.answer(member, QUESTION, "12")
    assert live.reveal(access).phase == REVEALED
    records = live.answer_records(access)
    assert [(record.nickname, record.answer, record.changes) for record in records] == [("민지", "11", 1)]


def test_exit_ticket_answers_need_no_open_question(store, live) -> None:
    info, _ = store.open_class("반", "pass1234")
    member = store.join(info.code, "가")
    assert live.answer(member, "concepts_updates", "30", anytime=True) is False
    assert live.answer_counts(info.code, "concepts_updates") == {"30": 1}


def test_closing_without_an_open_question_is_refused(store, live) -> None:
    _, access = store.open_class("반", "pass1234")
    live.go_to(access, "concepts", "loop")
    with pytest.raises(ClassroomError):
        live.close_question(access)


def test_forty_students_answering_at_once_twice_store_forty_answers(make_store, clock) -> None:
    replicas = [LiveStore(make_store(), clock=clock), LiveStore(make_store(), clock=clock)]
    info, access = replicas[0].classroom.open_class("반", "pass1234")
    members = [replicas[0].classroom.join(info.code, f"학생{index}") for index in range(40)]
    replicas[0].open_question(access, QUESTION)
    start = threading.Barrier(len(members))

    def answer(index: int) -> None:
        live = replicas[index % 2]
        start.wait()
        live.answer(members[index], QUESTION, str(index % 3 + 10))
        live.answer(members[index], QUESTION, str(index % 3 + 10))

    with ThreadPoolExecutor(max_workers=len(members)) as pool:
        list(pool.map(answer, range(len(members))))
    counts = replicas[1].answer_counts(info.code, QUESTION)
    assert sum(counts.values()) == 40 and counts == {"10": 14, "11": 13, "12": 13}
    assert all(record.changes == 0 for record in replicas[0].answer_records(access))


def test_a_restarted_replica_keeps_the_open_question_and_its_answers(make_store, clock) -> None:
    first = LiveStore(make_store(), clock=clock)
    info, access = first.classroom.open_class("반", "pass1234")
    member = first.classroom.join(info.code, "가")
    first.open_question(access, QUESTION)
    first.answer(member, QUESTION, "11")
    first.classroom.engine.dispose()
    restarted = LiveStore(make_store(), clock=clock)
    assert restarted.state(info.code).phase == OPEN
    assert restarted.my_answer(member, QUESTION) == "11"
    restarted.answer(member, QUESTION, "12")
    assert restarted.answer_counts(info.code, QUESTION) == {"12": 1}


def test_the_roster_says_where_each_student_is_and_who_is_gone(store, live, clock) -> None:
    info, access = store.open_class("반", "pass1234")
    present, silent = store.join(info.code, "가"), store.join(info.code, "나")
    live.open_question(access, QUESTION)
    live.record_presence(present, "concepts", "batches", signal="training_failed")
    live.answer(present, QUESTION, "11")
    roster = {entry.nickname: entry for entry in live.roster(access)}
    assert roster["가"].step == "batches" and roster["가"].answered and roster["가"].connected
    assert roster["가"].signal == "training_failed"
    assert roster["나"].step is None and not roster["나"].answered and not roster["나"].connected
    clock.advance(seconds=31)
    assert not {entry.nickname: entry for entry in live.roster(access)}["가"].connected
    del silent


def test_deleting_the_class_deletes_its_lesson_state_and_answers(store, live) -> None:
    info, access = store.open_class("반", "pass1234")
    member = store.join(info.code, "가")
    live.open_question(access, QUESTION)
    live.answer(member, QUESTION, "11")
    store.delete_class(access)
    assert live.state(info.code) is None and live.answer_counts(info.code, QUESTION) == {}


def test_the_state_cache_reads_each_class_once_per_interval_and_stays_bounded() -> None:
    from core.live.store import LiveState, StateCache

    reads: list[str] = []
    now = [0.0]

    def read(code: str) -> LiveState:
        reads.append(code)
        return LiveState("concepts", code, True, None, None, len(reads))

    cache = StateCache(read, ttl_seconds=0.5, max_entries=2, clock=lambda: now[0])
    assert cache("A").version == 1 and cache("A").version == 1 and reads == ["A"]
    now[0] = 0.6
    assert cache("A").version == 2
    cache("B")
    cache("C")
    assert reads == ["A", "A", "B", "C"]
    cache("A")
    assert reads[-1] == "A"
    cache.clear()
    cache("C")
    assert reads[-1] == "C"
