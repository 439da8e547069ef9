"""Spacing and typo correction with Kiwi (kiwipiepy), and Kiwi as a morpheme analyser.

Kiwi does the note's spell check and spacing correction offline, in C++ without a JVM, and one instance serves
every thread, so a process builds and warms one (`get_kiwi`). So that one student's text never holds it for long,
a text is corrected in pieces of at most `CHARS_PER_CALL` characters, and a request stops correcting after
`CORRECTION_BUDGET_SECONDS`, leaving the rest as typed.
"""

from __future__ import annotations

import difflib
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# The typo model Kiwi offers for everyday misspellings (잼있어요 → 재밌어요, 문안하다 → 무난하다).
TYPO_MODEL = "basic"
CHARS_PER_CALL = 200
CORRECTION_BUDGET_SECONDS = 0.5
WARMUP_TEXTS = ("딥러닝기초과목을수강하고있습니다", "이 영화 정말 잼있어요", "아버지가방에들어가신다")
WORD_SPAN = re.compile(r"\S+")

_KIWI: Any = None
_KIWI_LOCK = threading.Lock()


def build_kiwi() -> Any:
    """A new, warmed-up Kiwi analyser (about 2 s); share it with `get_kiwi` rather than calling this."""
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    for text in WARMUP_TEXTS:
        kiwi.space(text)
        kiwi.tokenize(text, typos=TYPO_MODEL)
    return kiwi


def get_kiwi() -> Any:
    """The process-wide Kiwi analyser, built on first use; thread-safe and never changed."""
    global _KIWI
    with _KIWI_LOCK:
        if _KIWI is None:
            _KIWI = build_kiwi()
        return _KIWI


def text_pieces(text: str, chars_per_call: int = CHARS_PER_CALL) -> list[str]:
    """Split a text into pieces of at most `chars_per_call` characters, at spaces where possible.

    Joining the pieces with single spaces gives the text back with its whitespace collapsed, except that
    a run longer than `chars_per_call` without a space is cut (and gets a space) at every cut.
    """
    if chars_per_call < 1:
        raise ValueError(f"chars_per_call must be at least 1, got {chars_per_call}")
    words: list[str] = []
    for word in text.split():
        words.extend(word[start : start + chars_per_call] for start in range(0, len(word), chars_per_call))
    pieces: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > chars_per_call:
            pieces.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        pieces.append(current)
    return pieces


@dataclass(frozen=True)
class Correction:
    """A corrected text and whether the time budget cut the correction short."""

    text: str
    complete: bool


class KiwiCorrector:
    """Spacing and typo correction with a shared Kiwi; `kiwi` and `clock` are arguments so tests can fake them."""

    def __init__(self, kiwi: Any, budget_seconds: float = CORRECTION_BUDGET_SECONDS,
                 chars_per_call: int = CHARS_PER_CALL, clock: Callable[[], float] = time.monotonic) -> None:
        self._kiwi = kiwi
        self._budget_seconds = budget_seconds
        self._chars_per_call = chars_per_call
        self._clock = clock

    def _piecewise(self, text: str, correct_piece: Callable[[str], str]) -> Correction:
        """Correct piece by piece until the budget runs out; the rest is kept as typed."""
        if not isinstance(text, str):
            raise ValueError(f"Expected text as str, got {type(text).__name__}")
        if len(text) <= self._chars_per_call and text.strip():
            return Correction(correct_piece(text), True)
        deadline = self._clock() + self._budget_seconds
        done: list[str] = []
        pieces = text_pieces(text, self._chars_per_call)
        for index, piece in enumerate(pieces):
            if done and self._clock() > deadline:
                return Correction(" ".join(done + pieces[index:]), False)
            done.append(correct_piece(piece))
        return Correction(" ".join(done), True)

    def space(self, text: str) -> Correction:
        """Kiwi's spacing correction: `딥러닝기초과목을수강하고있습니다` → `딥 러닝 기초 과목을 수강하고 있습니다`."""
        return self._piecewise(text, self._kiwi.space)

    def correct_typos(self, text: str) -> Correction:
        """Kiwi's typo correction, word by word: only words in which Kiwi corrected a typo are rewritten."""
        return self._piecewise(text, self._typos_in_piece)

    def _typos_in_piece(self, piece: str) -> str:
        tokens = self._kiwi.tokenize(piece, typos=TYPO_MODEL)
        if not any(token.typo_cost > 0 for token in tokens):
            return piece
        parts: list[str] = []
        last = 0
        for match in WORD_SPAN.finditer(piece):
            start, end = match.span()
            inside = [token for token in tokens if start <= token.start < end]
            word = match.group()
            if any(token.typo_cost > 0 for token in inside):
                word = self._kiwi.join(inside)
            parts.append(piece[last:start] + word)
            last = end
        return "".join(parts) + piece[last:]


@dataclass(frozen=True)
class ChangeSegment:
    """A run of text and what a correction did to it: kept, inserted or deleted."""

    text: str
    kind: str


def change_segments(before: str, after: str) -> list[ChangeSegment]:
    """Character-level differences between two texts, as kept / deleted / inserted runs (for highlighting)."""
    segments: list[ChangeSegment] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for operation, first_start, first_end, second_start, second_end in matcher.get_opcodes():
        if operation == "equal":
            segments.append(ChangeSegment(before[first_start:first_end], "same"))
            continue
        if first_end > first_start:
            segments.append(ChangeSegment(before[first_start:first_end], "deleted"))
        if second_end > second_start:
            segments.append(ChangeSegment(after[second_start:second_end], "inserted"))
    return segments


class KiwiBackend:
    """Kiwi behind the lesson's tagger interface (`pos`, `normalize`), for the tagger comparison.

    Kiwi's own tags (Sejong-style: NNG, VV, EF, …) are kept. It has no Okt-style stemming or normalising,
    so those options do not change its result.
    """

    supports_batch = False

    def __init__(self, kiwi: Any | None = None) -> None:
        self._kiwi = kiwi if kiwi is not None else get_kiwi()

    def pos(self, text: str, stem: bool = False, norm: bool = False) -> list[tuple[str, str]]:
        """Tag one text with Kiwi."""
        return [(token.form, token.tag) for token in self._kiwi.tokenize(text)]

    def normalize(self, text: str) -> str:
        """Kiwi has no Okt-style normaliser, so the text is returned unchanged."""
        return text
