"""The classroom store on SQLite and PostgreSQL: classes, joining, sharing, caps, teacher access, concurrency."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from core.classroom.content import digit_to_png, png_to_digit
from core.classroom.errors import ClassroomError
from core.classroom.store import DRAWING, LOCK_SECONDS, MAX_LOGIN_FAILURES, MODEL, SENTENCE, TeacherAccess

DIGIT = np.zeros((28, 28))
DIGIT[6:22, 12:16] = 1.0
PNG = digit_to_png(DIGIT)


def test_a_class_gets_a_random_code_and_students_join_it(store) -> None:
    info, access = store.open_class("3학년 2반", "pass1234")
    other, _ = store.open_class("3학년 3반", "pass1234")
    assert len(info.code) == 6 and info.code != other.code
    assert store.class_info(info.code.lower()).name == "3학년 2반"
    member = store.join(info.code, "민지")
    assert member.class_name == "3학년 2반" and member.nickname == "민지"
    assert store.membership(info.code, member.token) == member
    assert store.membership(other.code, member.token) is None
    assert store.member_count(access) == 1


def test_a_nickname_is_taken_once_but_its_owner_can_come_back(store) -> None:
    info, _ = store.open_class("반", "pass1234")
    member = store.join(info.code, "민지")
    with pytest.raises(ClassroomError, match="nickname"):
        store.join(info.code, "민지")
    assert store.join(info.code, "민지", token=member.token) == member


def test_unknown_codes_are_refused(store) -> None:
    with pytest.raises(ClassroomError) as error:
        store.join("ZZZZZZ", "민지")
    assert "코드" in error.value.message_ko


def test_items_are_stored_with_who_sent_them_and_once_per_client_id(store) -> None:
    info, access = store.open_class("반", "pass1234")
    member = store.join(info.code, "민지")
    first = store.share(member, DRAWING, label=1, image=PNG, client_id="a")
    again = store.share(member, DRAWING, label=1, image=PNG, client_id="a")
    store.share(member, SENTENCE, label=1, text="  정말   재밌어요\x00 ", client_id="b")
    store.share(member, MODEL, details={"lesson": "cnn", "accuracy": 0.91, "parameters": 1234, "epochs": 3,
                                        "seconds": 12.5})
    assert first == again
    items = store.items(access)
    assert [item.kind for item in items] == [MODEL, SENTENCE, DRAWING]
    assert all(item.nickname == "민지" for item in items)
    assert items[1].text == "정말 재밌어요"
    assert items[0].details["accuracy"] == pytest.approx(0.91)
    assert np.allclose(png_to_digit(items[2].image), DIGIT, atol=1 / 255)


def test_bad_items_are_refused_with_korean_messages(store) -> None:
    info, _ = store.open_class("반", "pass1234")
    member = store.join(info.code, "민지")
    with pytest.raises(ClassroomError):
        store.share(member, DRAWING, label=12, image=PNG)
    with pytest.raises(ClassroomError):
        store.share(member, DRAWING, label=3, image=b"not a picture")
    with pytest.raises(ClassroomError):
        store.share(member, SENTENCE, label=1, text="가" * 500)
    with pytest.raises(ClassroomError):
        store.share(member, SENTENCE, label=None, text="좋아요")


def test_caps_per_student_and_per_class(make_store) -> None:
    store = make_store(max_items_per_student=2, max_items_per_class=3)
    info, _ = store.open_class("반", "pass1234")
    first, second = store.join(info.code, "가"), store.join(info.code, "나")
    store.share(first, SENTENCE, label=1, text="하나")
    store.share(first, SENTENCE, label=1, text="둘")
    with pytest.raises(ClassroomError) as error:
        store.share(first, SENTENCE, label=1, text="셋")
    assert "2개" in error.value.message_ko
    store.share(second, SENTENCE, label=0, text="넷")
    with pytest.raises(ClassroomError) as error:
        store.share(second, SENTENCE, label=0, text="다섯")
    assert "가득" in error.value.message_ko


def test_a_student_deletes_only_their_own_items(store) -> None:
    info, access = store.open_class("반", "pass1234")
    mine, theirs = store.join(info.code, "가"), store.join(info.code, "나")
    my_item = store.share(mine, SENTENCE, label=1, text="내 문장")
    their_item = store.share(theirs, SENTENCE, label=1, text="친구 문장")
    assert not store.delete_my_item(mine, their_item)
    assert store.delete_my_item(mine, my_item)
    assert [item.id for item in store.items(access)] == [their_item]
    assert [item.text for item in store.my_items(theirs)] == ["친구 문장"]


def test_teacher_actions_need_the_password_proof(store) -> None:
    info, access = store.open_class("반", "pass1234")
    other, other_access = store.open_class("옆 반", "another1")
    assert store.teacher_login(info.code, "pass1234") == access
    for forged in (TeacherAccess(info.code, "0" * 64), TeacherAccess(info.code, other_access.proof)):
        with pytest.raises(ClassroomError):
            store.items(forged)
        with pytest.raises(ClassroomError):
            store.delete_class(forged)
    assert store.class_info(info.code) is not None
    assert store.class_info(other.code) is not None


def test_five_wrong_passwords_lock_the_dashboard_for_a_minute(store, clock) -> None:
    info, _ = store.open_class("반", "pass1234")
    for _ in range(MAX_LOGIN_FAILURES - 1):
        with pytest.raises(ClassroomError, match="Wrong password"):
            store.teacher_login(info.code, "wrong!")
    with pytest.raises(ClassroomError, match="Locked"):
        store.teacher_login(info.code, "wrong!")
    with pytest.raises(ClassroomError, match="Locked"):
        store.teacher_login(info.code, "pass1234")
    clock.advance(seconds=LOCK_SECONDS + 1)
    assert store.teacher_login(info.code, "pass1234").code == info.code


def test_hide_close_and_delete(store) -> None:
    info, access = store.open_class("반", "pass1234")
    member = store.join(info.code, "가")
    item = store.share(member, SENTENCE, label=1, text="좋아요")
    assert store.set_hidden(access, item, True)
    assert store.items(access, include_hidden=False) == []
    assert store.items(access)[0].hidden
    store.close_class(access)
    with pytest.raises(ClassroomError, match="closed"):
        store.share(member, SENTENCE, label=1, text="또")
    with pytest.raises(ClassroomError, match="closed"):
        store.join(info.code, "나")
    store.delete_class(access)
    assert store.class_info(info.code) is None
    assert store.membership(info.code, member.token) is None


def test_classes_expire_after_the_configured_days(make_store, clock) -> None:
    store = make_store(expiry_days=2)
    info, _ = store.open_class("반", "pass1234")
    store.share(store.join(info.code, "가"), SENTENCE, label=1, text="좋아요")
    clock.advance(days=2, seconds=1)
    assert store.class_info(info.code) is None
    assert store.purge_expired() == 1


def test_a_restarted_server_keeps_the_class_and_its_data(make_store) -> None:
    first = make_store()
    info, access = first.open_class("반", "pass1234")
    member = first.join(info.code, "가")
    first.share(member, DRAWING, label=7, image=PNG)
    first.engine.dispose()
    restarted = make_store()
    assert restarted.membership(info.code, member.token) == member
    assert [item.label for item in restarted.items(access)] == [7]


def test_thirty_students_sending_at_once_store_every_item_exactly_once(make_store) -> None:
    replicas = [make_store(), make_store()]
    info, access = replicas[0].open_class("반", "pass1234")
    members = [replicas[0].join(info.code, f"학생{index}") for index in range(30)]
    per_student = 5
    start = threading.Barrier(len(members))

    def send(index: int) -> list[int]:
        store, member = replicas[index % 2], members[index]
        start.wait()
        ids = []
        for number in range(per_student):
            ids.append(store.share(member, SENTENCE, label=number % 2, text=f"{index}-{number}",
                                   client_id=f"{index}-{number}"))
            # A browser that retries after a dropped answer must not store the item twice.
            ids.append(store.share(member, SENTENCE, label=number % 2, text=f"{index}-{number}",
                                   client_id=f"{index}-{number}"))
        return ids

    with ThreadPoolExecutor(max_workers=len(members)) as pool:
        results = list(pool.map(send, range(len(members))))
    stored = replicas[1].items(access)
    assert len(stored) == len(members) * per_student
    assert sorted(item.text for item in stored) == sorted(f"{i}-{n}" for i in range(30) for n in range(per_student))
    assert len({item_id for ids in results for item_id in ids}) == len(stored)
