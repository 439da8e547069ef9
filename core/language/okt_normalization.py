"""Which eojeols Okt's normaliser can change, decided in Python without calling Java.

With `norm=True` Okt analyses most words twice (one of its rewrites runs the full tokenizer), so a word that the
normaliser provably leaves alone is tagged with `norm=False`, which gives the same tokens. The screen may flag a
word that would not change but must never pass one that would (the tests check it against Java); for any Okt
other than open-korean-text 2.1.0 it flags every word.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

OKT_JAR_NAME = "open-korean-text-2.1.0.jar"
TYPO_RESOURCE = "org/openkoreantext/processor/util/typos/typos.txt"

HANGUL_FIRST_SYLLABLE = 0xAC00
HANGUL_LAST_SYLLABLE = 0xD7A3
HANGUL_CODA_COUNT = 28
# Index of ㄴ among the 28 final-consonant slots of a precomposed syllable (0 is "no coda").
CODA_NIEUN_INDEX = 4

COMPATIBILITY_JAMO_PATTERN = "[ㄱ-ㅣ]"
# The normaliser only sees runs of Korean letters, so repeated dots or exclamation marks are kept.
KOREAN_LETTER = "[ㄱ-ㅣ가-힣]"
REPEATED_CHARACTER_PATTERN = rf"(?P<single>{KOREAN_LETTER})(?P=single){{3,}}"
REPEATED_PAIR_PATTERN = rf"(?P<pair>{KOREAN_LETTER}{{2}})(?P=pair){{2,}}"
CODA_N_ENDINGS = "데가지"
# Okt leaves the ㄴ-coda rule alone when the syllable before the ending is one of these.
CODA_N_EXCEPTIONS = "은는운인텐근른픈닌든던"


def syllables_with_nieun_coda() -> str:
    """Precomposed Hangul syllables whose final consonant is ㄴ (간, 린, ...), less Okt's exceptions."""
    return "".join(
        chr(code)
        for code in range(HANGUL_FIRST_SYLLABLE, HANGUL_LAST_SYLLABLE + 1)
        if (code - HANGUL_FIRST_SYLLABLE) % HANGUL_CODA_COUNT == CODA_NIEUN_INDEX
        and chr(code) not in CODA_N_EXCEPTIONS
    )


def parse_typo_words(text: str) -> list[str]:
    """The misspellings (first column) of Okt's `typos.txt`, one `typo correction` pair per line."""
    words = []
    for line in text.splitlines():
        columns = line.split()
        if len(columns) >= 2:
            words.append(columns[0])
    return words


def read_typo_words(jar_path: Path) -> list[str]:
    """Read Okt's typo list from its jar; raises `ValueError` when the jar or the list is missing."""
    try:
        with zipfile.ZipFile(jar_path) as jar:
            text = jar.read(TYPO_RESOURCE).decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile) as error:
        raise ValueError(f"Cannot read Okt's typo list from {jar_path}: {error}") from error
    words = parse_typo_words(text)
    if not words:
        raise ValueError(f"Okt's typo list in {jar_path} is empty")
    return words


class NormalizationScreen:
    """Says whether Okt's normaliser might change a word.

    Okt 2.1.0's normaliser leaves a word untouched unless it has
      1. a compatibility jamo such as ㅋ ㅎ ㅠ ㅜ (되나욬ㅋㅋ -> 되나요ㅋㅋ),
      2. one Korean letter four or more times in a row (ㅋㅋㅋㅋㅋ -> ㅋㅋㅋ),
      3. two Korean letters three or more times in a row (훌쩍훌쩍훌쩍 -> 훌쩍훌쩍),
      4. a syllable ending in ㄴ, other than 은 는 운 인 텐 근 른 픈 닌 든 던, followed by 데, 가 or 지
         at the end of the Korean run (소린가 -> 소리인가),
      5. a word from Okt's own typo list (하겟다 -> 하겠다; read from the Okt jar).
    """

    def __init__(self, typo_words: Iterable[str] | None) -> None:
        """`typo_words=None` builds a screen that flags every word (for unknown Okt versions)."""
        self.flags_everything = typo_words is None
        if typo_words is None:
            self._pattern = None
            return
        # Longer typo words first so that the alternation reads naturally; any match flags the word.
        typo_alternatives = [re.escape(word) for word in sorted(set(typo_words), key=len, reverse=True) if word]
        parts = [
            COMPATIBILITY_JAMO_PATTERN,
            REPEATED_CHARACTER_PATTERN,
            REPEATED_PAIR_PATTERN,
            # Okt looks only at the last two letters of a Korean run, so a Hangul letter after the
            # pair rules it out (a jamo after it is caught by the first pattern).
            f"[{syllables_with_nieun_coda()}][{CODA_N_ENDINGS}](?![가-힣])",
            *typo_alternatives,
        ]
        self._pattern = re.compile("|".join(parts), re.DOTALL)

    def may_change(self, word: str) -> bool:
        """True when normalising `word` might change it; False only when it certainly does not."""
        if self._pattern is None:
            return True
        return self._pattern.search(word) is not None


def load_normalization_screen(jar_path: Path) -> NormalizationScreen:
    """The screen for the Okt jar at `jar_path`, or one that flags every word when it is not 2.1.0."""
    path = Path(jar_path)
    if path.name != OKT_JAR_NAME:
        return NormalizationScreen(None)
    try:
        return NormalizationScreen(read_typo_words(path))
    except ValueError:
        return NormalizationScreen(None)
