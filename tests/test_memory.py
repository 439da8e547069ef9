"""Tests for core.memory: when the server cleans up, and that releasing memory frees what only cycles hold."""

from __future__ import annotations

import gc
import sys
import threading
import weakref

import pytest

from core.memory import Housekeeper, limit_malloc_arenas, malloc_trim, release_freed_memory


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def keeper(counts: list[int | None], log: list[str], clock: Clock, **options) -> Housekeeper:
    readings = iter(counts)
    return Housekeeper(
        sessions=lambda: next(readings), class_left=lambda: log.append("class_left"),
        periodic=lambda: log.append("periodic"), leave_after_seconds=150.0, period_seconds=600.0,
        release=lambda: log.append("release"), clock=clock, **options,
    )


def run(keeper: Housekeeper, clock: Clock, steps: int, seconds: float = 10.0) -> list[str | None]:
    done = []
    for _ in range(steps):
        done.append(keeper.tick())
        clock.now += seconds
    return done


def test_the_class_left_cleanup_runs_once_after_nobody_was_connected_long_enough() -> None:
    clock, log = Clock(), []
    # 30 students for a minute, then nobody for five minutes.
    house = keeper([30] * 6 + [0] * 30, log, clock)
    done = run(house, clock, 36)
    assert done.count("class_left") == 1
    # The first empty reading is at t=60 s; the cleanup comes at the first look 150 s later.
    assert done.index("class_left") == 6 + 15
    assert log == ["class_left", "release"]


def test_a_short_gap_between_students_is_not_a_class_leaving() -> None:
    clock, log = Clock(), []
    house = keeper(([3] + [0] * 10) * 5, log, clock)
    assert "class_left" not in run(house, clock, 55)


def test_a_server_nobody_visited_is_left_alone() -> None:
    clock, log = Clock(), []
    house = keeper([0] * 200, log, clock)
    assert set(run(house, clock, 200)) == {None} and log == []


def test_while_a_class_works_a_periodic_cleanup_runs_every_period() -> None:
    clock, log = Clock(), []
    house = keeper([25] * 130, log, clock)
    done = run(house, clock, 130)
    assert done.count("periodic") == 2 and done.index("periodic") == 60
    assert log == ["periodic", "release"] * 2


def test_an_unknown_session_count_does_nothing() -> None:
    clock, log = Clock(), []
    house = keeper([30, None, None, None] + [None] * 100, log, clock)
    assert set(run(house, clock, 104, seconds=100.0)) == {None}


def test_a_failing_cleanup_still_releases_and_the_keeper_goes_on() -> None:
    clock, log = Clock(), []

    def broken() -> None:
        raise RuntimeError("no runtime")

    house = Housekeeper(sessions=lambda: 0 if clock.now > 5 else 1, class_left=broken, periodic=broken,
                        leave_after_seconds=10.0, release=lambda: log.append("release"), clock=clock)
    assert run(house, clock, 5, seconds=5.0)[-1] == "class_left"
    assert log == ["release"]


def test_run_ticks_until_stopped() -> None:
    ticks = []
    stop = threading.Event()

    def sessions() -> int:
        ticks.append(1)
        if len(ticks) == 3:
            stop.set()
        return 1

    house = Housekeeper(sessions=sessions, class_left=lambda: None, periodic=lambda: None,
                        leave_after_seconds=1.0)
    house.run(stop, poll_seconds=0.01)
    assert len(ticks) == 3


def test_releasing_frees_objects_that_only_a_cycle_keeps() -> None:
    class Node:
        pass

    node = Node()
    node.self = node
    watch = weakref.ref(node)
    del node
    gc.disable()
    try:
        assert watch() is not None
        release_freed_memory()
        assert watch() is None
    finally:
        gc.enable()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_malloc_trim_is_available_on_linux() -> None:
    assert malloc_trim() is True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_the_heap_arenas_can_be_limited_and_a_bad_count_is_refused() -> None:
    assert limit_malloc_arenas(8) is True
    with pytest.raises(ValueError):
        limit_malloc_arenas(0)
