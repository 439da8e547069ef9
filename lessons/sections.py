"""Sections and run slots: each section reruns on its own (`st.fragment`), a few runs at a time, in arrival order."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import streamlit as st

from core.config import MAX_CONCURRENT_RUNS, RUN_SLOT_WAIT_SECONDS
from core.queueing import FifoSlots
from lessons.streamlit_internals import fragment_running_alone

_RUN_SLOTS = FifoSlots(MAX_CONCURRENT_RUNS)
_holding = threading.local()
_AFTER_RUN: list[Callable[[], None]] = []
Section = TypeVar("Section", bound=Callable[..., object])


def after_each_run(hook: Callable[[], None]) -> Callable[[], None]:
    """Register `hook` to run after every run of the page or of one section (see lessons.continuity)."""
    _AFTER_RUN.append(hook)
    return hook


@contextmanager
def run_slot() -> Iterator[None]:
    """Wait for one of the server's few run slots (first come, first served), hold it for the block.

    Thirty sections computing at once on two cores all finish at the very end; a few at a time, in the
    order the students asked, gives most of them their answer sooner. Re-entrant on one thread (a section
    inside a page run, or a fragment inside a fragment), and never waits longer than RUN_SLOT_WAIT_SECONDS.
    """
    if getattr(_holding, "active", False):
        yield
        return
    ticket = object()
    acquired = _RUN_SLOTS.acquire(ticket, timeout=RUN_SLOT_WAIT_SECONDS)
    if not acquired:
        _RUN_SLOTS.leave(ticket)
    _holding.active = True
    try:
        yield
    finally:
        _holding.active = False
        if acquired:
            _RUN_SLOTS.release()
        for hook in _AFTER_RUN:
            hook()


def section(function: Section) -> Section:
    """A lesson section: it reruns on its own when one of its widgets changes (`st.fragment`), in a run slot."""

    @functools.wraps(function)
    def in_slot(*args: object, **kwargs: object) -> object:
        with run_slot():
            return function(*args, **kwargs)

    return st.fragment(in_slot)


def rerun_section() -> None:
    """Rerun only the section (fragment) being run on its own, or the whole page during a full run.

    Streamlit refuses a fragment-scoped rerun while the fragment runs as part of the whole page.
    """
    st.rerun(scope="fragment" if fragment_running_alone() else "app")
