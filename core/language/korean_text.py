"""Korean sentence preprocessing before and after the tagger: validation, noise canceling, stopwords.

Every step is a short pure function, and `clean_text` returns the named steps with the text before
and after each one so that the lesson page can show what every step changed.

Long input is truncated (not rejected): a student pasting a whole review should still see the
pipeline, so `validate_sentence` keeps the first `MAX_SENTENCE_CHARS` characters and flags it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from core.errors import StudentFacingError

# One sentence or one review is what the lesson follows: NSMC reviews are at most 140 characters. Every step
# of the pipeline (Kiwi's corrections and their highlighting, the tagger, occlusion) costs more with length,
# and a class shares two cores, so one pasted essay must not cost the others more than a long review.
# The study note's example sentence: the lesson starts with it and its questions ask about it.
NOTE_SENTENCE = "딥러닝 기초 과목을 수강하고 있습니다"
MAX_SENTENCE_CHARS = 300
# Okt's time grows much faster than linearly with the length of one eojeol (a run without spaces): a
# 2,070-character run took 24 s. Korean words are far shorter than this, so longer runs are analysed in
# pieces of at most this many characters (see `split_long_runs`).
MAX_EOJEOL_CHARS = 24

URL_PATTERN = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# Emoji and pictographs: the main emoji blocks, dingbats, flags, variation selectors and joiners.
EMOJI_PATTERN = re.compile(
    "["
    "\U0001f000-\U0001faff"
    "\U00002600-\U000027bf"
    "\U0001f1e6-\U0001f1ff"
    "\U00002300-\U000023ff"
    "\U00002b00-\U00002bff"
    "\ufe0e\ufe0f\u200d\u20e3"
    "]+"
)
# Anything that is not Hangul (syllables and jamo), a Latin letter, a digit or whitespace.
SPECIAL_PATTERN = re.compile(r"[^0-9A-Za-z\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e\s]+")
HANGUL_PATTERN = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
HANGUL_SYLLABLE_PATTERN = re.compile(r"[\uac00-\ud7a3]")

# The note's examples of stopwords (interjections and conjunctions) plus common particles and
# endings. Multi-word entries such as "그렇지 않으면" match a run of tokens (see remove_stopwords).
NOTE_STOPWORDS: tuple[str, ...] = (
    "아", "휴", "아이쿠", "아이고", "어", "나", "우리", "저희", "따라", "의해", "을", "를", "에", "의", "가",
    "으로", "로", "에게", "뿐이다", "의거하여", "근거하여", "입각하여", "기준으로", "그렇지 않으면",
    "그러나", "그런데", "하지만", "그리고", "그래서", "또는", "혹은",
)  # fmt: skip
PARTICLE_STOPWORDS: tuple[str, ...] = (
    "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "으로", "로", "에서", "에게", "께",
    "한테", "만", "까지", "부터", "이나", "나", "랑", "이랑", "하고", "보다", "처럼", "요",
)  # fmt: skip
DEFAULT_STOPWORDS: frozenset[str] = frozenset(NOTE_STOPWORDS + PARTICLE_STOPWORDS)


class TextInputError(StudentFacingError, ValueError):
    """Input a student typed that cannot be processed; carries a message in both languages."""


@dataclass(frozen=True)
class ValidatedSentence:
    """A sentence ready for the pipeline, with what validation noticed about it."""

    text: str
    original_length: int
    truncated: bool
    has_korean: bool

    @property
    def notice_ko(self) -> str | None:
        """A Korean note for the page, or None when there is nothing to say."""
        if self.truncated:
            return f"문장이 너무 길어 앞의 {len(self.text):,}자만 사용합니다 (원래 {self.original_length:,}자)."
        if has_long_runs(self.text):
            return (f"띄어쓰기 없이 {MAX_EOJEOL_CHARS}자가 넘게 이어진 부분은 {MAX_EOJEOL_CHARS}자씩 나눠서 "
                    "분석합니다. 띄어 쓰면 더 정확해요.")
        if not self.has_korean:
            return "한글이 없는 문장입니다. 한국어 형태소 분석과 감성 모델은 한국어 문장에 맞춰져 있습니다."
        return None

    @property
    def notice_en(self) -> str | None:
        """The English version of `notice_ko`."""
        if self.truncated:
            return (
                f"The text is long, so only its first {len(self.text):,} characters are used "
                f"(of {self.original_length:,})."
            )
        if has_long_runs(self.text):
            return (f"Runs of more than {MAX_EOJEOL_CHARS} characters without a space are analysed in pieces of "
                    f"{MAX_EOJEOL_CHARS}; add spaces for a better analysis.")
        if not self.has_korean:
            return "The text has no Korean; the tagger and the sentiment model are made for Korean sentences."
        return None


@dataclass(frozen=True)
class CleaningStep:
    """One noise-canceling step and the text before and after it."""

    name: str
    label_ko: str
    label_en: str
    before: str
    after: str
    # False when a time-bounded step (Kiwi's corrections) stopped early and kept the rest as typed.
    complete: bool = True

    @property
    def changed(self) -> bool:
        """Whether the step changed anything."""
        return self.before != self.after


def validate_sentence(text: object, max_chars: int = MAX_SENTENCE_CHARS) -> ValidatedSentence:
    """Check typed text: reject empty input, truncate very long input, note when there is no Korean."""
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")
    if not isinstance(text, str):
        raise TextInputError(
            "문장은 글자(문자열)여야 합니다.", f"The sentence must be text, got {type(text).__name__}."
        )
    # NFC joins decomposed Hangul jamo (as macOS copies them) into syllables the tagger knows.
    normalized = unicodedata.normalize("NFC", text).replace("\x00", "")
    stripped = normalized.strip()
    if not stripped:
        raise TextInputError("문장을 입력하세요. 빈 칸이나 공백만으로는 분석할 수 없습니다.", "Type a sentence first.")
    truncated = len(stripped) > max_chars
    kept = stripped[:max_chars].rstrip() if truncated else stripped
    return ValidatedSentence(kept, len(stripped), truncated, bool(HANGUL_PATTERN.search(kept)))


def split_long_runs(text: str, max_chars: int = MAX_EOJEOL_CHARS) -> str:
    """Put a space every `max_chars` characters inside runs longer than that; other text is unchanged."""
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")
    if all(len(word) <= max_chars for word in text.split()):
        return text
    pieces = []
    for word in text.split():
        pieces.extend(word[start : start + max_chars] for start in range(0, len(word), max_chars))
    return " ".join(pieces)


def has_long_runs(text: str, max_chars: int = MAX_EOJEOL_CHARS) -> bool:
    """Whether the text has a run of more than `max_chars` characters without a space."""
    return any(len(word) > max_chars for word in text.split())


def has_korean(text: str) -> bool:
    """Whether the text contains any Hangul."""
    return bool(HANGUL_PATTERN.search(text))


def remove_urls(text: str) -> str:
    """Drop web addresses."""
    return URL_PATTERN.sub(" ", text)


def remove_emoji(text: str) -> str:
    """Drop emoji and pictographs."""
    return EMOJI_PATTERN.sub(" ", text)


def remove_special_characters(text: str) -> str:
    """Keep only Hangul, Latin letters, digits and spaces."""
    return SPECIAL_PATTERN.sub(" ", text)


def collapse_spaces(text: str) -> str:
    """Turn every run of whitespace into one space and trim the ends."""
    return " ".join(text.split())


def clean_text(
    text: str,
    normalizer: Callable[[str], str] | None = None,
    remove_urls: bool = True,
    remove_emoji: bool = True,
    remove_special: bool = True,
    spacing: Callable[[str], Any] | None = None,
    typos: Callable[[str], Any] | None = None,
) -> list[CleaningStep]:
    """Run the noise-canceling steps in order and return each with its before and after text.

    `typos` and `spacing` are the note's "스펠링 체크" and "띄어쓰기 오류 교정" (Kiwi, see
    `core.language.kiwi_text`); they run first, on the text as typed, because they read whole words and
    sentences, typos before spacing because a misspelt word is spaced wrongly (잼있어요 → 잼 있어요).
    A step function returns the new text, or an object with `text` and `complete` (a time-bounded
    correction that may stop early). `normalizer` is the tagger's normalisation (Okt
    `normalize`: ㅋㅋㅋㅋ -> ㅋㅋㅋ, 되나욬 -> 되나요); it runs next, because it knows chat spelling that
    the other steps would break. The final text is `steps[-1].after` (see `cleaned_text`).
    """
    if not isinstance(text, str):
        raise ValueError(f"Expected text as str, got {type(text).__name__}")
    planned: list[tuple[str, str, str, Callable[[str], Any]]] = []
    if typos is not None:
        planned.append(("typos", "맞춤법·오타 교정 (Kiwi)", "Spelling and typo correction (Kiwi)", typos))
    if spacing is not None:
        planned.append(("spacing", "띄어쓰기 교정 (Kiwi)", "Spacing correction (Kiwi)", spacing))
    if normalizer is not None:
        planned.append(("normalize", "정규화 (반복 글자·채팅체)", "Normalisation (repeats, chat spelling)", normalizer))
    if remove_urls:
        planned.append(("urls", "URL 제거", "Remove URLs", globals()["remove_urls"]))
    if remove_emoji:
        planned.append(("emoji", "이모지 제거", "Remove emoji", globals()["remove_emoji"]))
    if remove_special:
        planned.append(("special", "특수문자 제거", "Remove special characters", remove_special_characters))
    planned.append(("spaces", "공백 정리", "Tidy spaces", collapse_spaces))
    steps = []
    current = text
    for name, label_ko, label_en, function in planned:
        result = function(current)
        after = result if isinstance(result, str) else result.text
        complete = True if isinstance(result, str) else bool(result.complete)
        steps.append(CleaningStep(name, label_ko, label_en, current, after, complete))
        current = after
    return steps


def cleaned_text(steps: Sequence[CleaningStep], original: str) -> str:
    """The text after the last cleaning step."""
    return steps[-1].after if steps else original


def parse_stopwords(text: str) -> set[str]:
    """Read a stopword list typed by a student: separated by commas or new lines, blanks ignored.

    Spaces inside an entry are kept (as in "그렇지 않으면") but collapsed to one.
    """
    if not isinstance(text, str):
        raise ValueError(f"Expected the stopword list as str, got {type(text).__name__}")
    entries = re.split(r"[,\n\r;]+", text)
    return {collapse_spaces(entry) for entry in entries if entry.strip()}


def format_stopwords(stopwords: Iterable[str]) -> str:
    """Write a stopword set back as comma-separated text in a stable (sorted) order."""
    return ", ".join(sorted(stopwords))


def remove_stopwords(tokens: Sequence[str], stopwords: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split tokens into (kept, removed).

    Single-word stopwords drop matching tokens. A multi-word stopword such as "그렇지 않으면"
    drops a run of consecutive tokens that spell it, whether the tagger split it as
    [그렇지, 않으면] or into smaller pieces whose concatenation matches.
    """
    single = set()
    phrases = []
    for stopword in stopwords:
        words = stopword.split()
        if len(words) == 1:
            single.add(words[0])
        elif words:
            phrases.append("".join(words))
    kept: list[str] = []
    removed: list[str] = []
    index = 0
    while index < len(tokens):
        run_length = _matching_run(tokens, index, phrases)
        if run_length:
            removed.extend(tokens[index : index + run_length])
            index += run_length
            continue
        token = tokens[index]
        (removed if token in single else kept).append(token)
        index += 1
    return kept, removed


def _matching_run(tokens: Sequence[str], start: int, phrases: Sequence[str]) -> int:
    """Length of the shortest token run starting at `start` that spells a multi-word stopword (0 if none)."""
    if not phrases:
        return 0
    longest = max(len(phrase) for phrase in phrases)
    joined = ""
    for end in range(start, len(tokens)):
        joined += tokens[end]
        if len(joined) > longest:
            return 0
        if joined in phrases and end > start:
            return end - start + 1
    return 0


@dataclass(frozen=True)
class SpacingComparison:
    """How the tagger splits a sentence as written and with all its spaces removed."""

    spaced_text: str
    unspaced_text: str
    spaced_tokens: list[str]
    unspaced_tokens: list[str]

    @property
    def same_tokens(self) -> bool:
        """Whether removing the spaces left the tokens unchanged."""
        return self.spaced_tokens == self.unspaced_tokens


def compare_spacing(text: str, tokenize: Callable[[str], list[str]]) -> SpacingComparison:
    """Tokenize a sentence as written and with its spaces removed: how much the tagger relies on spaces.

    Okt segments unspaced text from its dictionary, but not always as it would the spaced text; step 1's
    spacing correction (Kiwi) puts the spaces back before tokenizing.
    """
    spaced = collapse_spaces(text)
    unspaced = "".join(spaced.split())
    return SpacingComparison(spaced, unspaced, tokenize(spaced), tokenize(unspaced))


def korean_token_count(tokens: Iterable[str]) -> int:
    """How many tokens contain at least one Hangul syllable (0 means no Korean word remained)."""
    return sum(1 for token in tokens if HANGUL_SYLLABLE_PATTERN.search(token))
