"""Tests for core.queueing: first come, first served, at most N at once, and nobody lost in the line."""

from __future__ import annotations

import threading
import time

import pytest

from core.queueing import FifoSlots


def test_free_slots_are_taken_at_once_and_the_rest_wait_in_line() -> None:
    slots = FifoSlots(2)
    first, second, third, fourth = object(), object(), object(), object()
    assert slots.acquire(first, timeout=0) and slots.acquire(second, timeout=0)
    assert not slots.acquire(third, timeout=0.05)
    assert not slots.acquire(fourth, timeout=0.05)
    assert (slots.position(third), slots.position(fourth), slots.position(first)) == (1, 2, None)
    slots.release()
    assert slots.acquire(third, timeout=0) and slots.position(fourth) == 1
    assert slots.running == 2


def test_a_freed_slot_goes_to_the_first_in_line_not_to_a_newcomer() -> None:
    slots = FifoSlots(1)
    holder, waiting, newcomer = object(), object(), object()
    assert slots.acquire(holder, timeout=0)
    assert not slots.acquire(waiting, timeout=0.01)
    slots.release()
    assert not slots.acquire(newcomer, timeout=0.01)
    assert slots.acquire(waiting, timeout=0)


def test_threads_are_served_in_the_order_they_asked() -> None:
    slots = FifoSlots(1)
    holder = object()
    assert slots.acquire(holder, timeout=0)
    served: list[int] = []

    def student(index: int) -> None:
        ticket = object()
        assert slots.acquire(ticket, timeout=10)
        served.append(index)
        slots.release()

    threads = []
    for index in range(5):
        thread = threading.Thread(target=student, args=(index,))
        thread.start()
        threads.append(thread)
        time.sleep(0.05)
    slots.release()
    for thread in threads:
        thread.join(timeout=10)
    assert served == [0, 1, 2, 3, 4] and slots.running == 0


def test_leaving_the_line_lets_the_next_one_through() -> None:
    slots = FifoSlots(1)
    holder, gives_up, patient = object(), object(), object()
    assert slots.acquire(holder, timeout=0)
    assert not slots.acquire(gives_up, timeout=0.01)
    assert not slots.acquire(patient, timeout=0.01)
    slots.leave(gives_up)
    assert slots.position(patient) == 1
    slots.release()
    assert slots.acquire(patient, timeout=0)


def test_bad_sizes_and_unbalanced_release_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        FifoSlots(0)
    with pytest.raises(ValueError, match="release"):
        FifoSlots(1).release()
