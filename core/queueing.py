"""A first-come-first-served limit on how many things run at once (training jobs, heavy script runs).

On a 2-core classroom server, thirty things running at once all finish late: the threads share the GIL
and the cores fairly, so everyone gets their answer at the very end. Letting a few run at a time, in the
order they asked, gives the first of them their answer early and the last no later than before.
"""

from __future__ import annotations

import threading
from collections import OrderedDict


class FifoSlots:
    """At most `slots` holders at once; the others wait in first-come-first-served order.

    Each waiter sleeps on its own event and a freed slot is handed straight to the first in line: waking
    every waiter to re-check (a shared condition) made thirty waiting threads fight over the GIL each time
    one run finished.
    """

    def __init__(self, slots: int) -> None:
        if slots < 1:
            raise ValueError(f"slots must be at least 1, got {slots}")
        self._slots = slots
        self._running = 0
        self._waiting: OrderedDict[object, threading.Event] = OrderedDict()
        # Tickets handed a slot whose holder has not come back for it yet (its wait had timed out).
        self._granted: set[object] = set()
        self._lock = threading.Lock()

    def acquire(self, ticket: object, timeout: float) -> bool:
        """Wait up to `timeout` seconds for `ticket`'s turn; True once it holds a slot (then call `release`).

        A ticket that times out keeps its place in the line; call `leave` to give it up.
        """
        with self._lock:
            if self._claim(ticket):
                return True
            turn = self._waiting.get(ticket)
            if turn is None:
                if not self._waiting and self._running < self._slots:
                    self._running += 1
                    return True
                turn = self._waiting[ticket] = threading.Event()
        turn.wait(timeout)
        with self._lock:
            return self._claim(ticket)

    def _claim(self, ticket: object) -> bool:
        """Take a slot that was handed to `ticket` (call with the lock held)."""
        if ticket in self._granted:
            self._granted.remove(ticket)
            return True
        return False

    def leave(self, ticket: object) -> None:
        """Give up a place in the line (e.g. a job stopped before its turn), or a slot handed over meanwhile."""
        with self._lock:
            self._waiting.pop(ticket, None)
            if self._claim(ticket):
                self._hand_over()

    def release(self) -> None:
        """Free a slot (the holder has finished): it passes to the first in line, if anyone waits."""
        with self._lock:
            if self._running < 1:
                raise ValueError("release() called more often than acquire()")
            self._hand_over()

    def _hand_over(self) -> None:
        """Give a freed slot to the first waiting ticket, or count it free (call with the lock held)."""
        if self._waiting:
            ticket, turn = self._waiting.popitem(last=False)
            self._granted.add(ticket)
            turn.set()
        else:
            self._running -= 1

    def position(self, ticket: object) -> int | None:
        """1 for the next holder, 2 for the one after it…; None when the ticket is not waiting."""
        with self._lock:
            for place, waiting in enumerate(self._waiting, start=1):
                if waiting is ticket:
                    return place
            return None

    @property
    def running(self) -> int:
        """How many holders have a slot now."""
        with self._lock:
            return self._running
