"""The Naver Sentiment Movie Corpus (NSMC): reading its files and finding them.

Format: a header line `id<TAB>document<TAB>label`, then one review per line, label 1 = positive,
0 = negative. Some reviews are empty; they are dropped. The corpus is looked for at an explicit
path, beside the checkout (`../shared/data/nsmc`), in the cache, and finally at the published URL;
the download fails fast (NETWORK_TIMEOUT_SECONDS) so that an offline classroom falls back at once.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.config import CACHE_DIR, NETWORK_TIMEOUT_SECONDS, SHARED_NSMC_DIR
from core.errors import StudentFacingError

NSMC_URLS: dict[str, str] = {
    "train": "https://raw.githubusercontent.com/e9t/nsmc/master/ratings_train.txt",
    "test": "https://raw.githubusercontent.com/e9t/nsmc/master/ratings_test.txt",
}
NSMC_FILE_NAMES: dict[str, str] = {"train": "ratings_train.txt", "test": "ratings_test.txt"}
NSMC_CACHE_SUBDIR = "nsmc"
NSMC_HEADER = ("id", "document", "label")
MAX_DOWNLOAD_BYTES = 50_000_000

Opener = Callable[..., Any]


class NsmcUnavailableError(StudentFacingError, RuntimeError):
    """No NSMC file could be found or downloaded; carries a message in both languages."""


@dataclass
class NsmcCorpus:
    """Reviews and their labels, plus what reading them dropped."""

    ids: list[str]
    texts: list[str]
    labels: list[int]
    source: str = ""
    dropped_empty: int = 0
    dropped_duplicates: int = 0
    dropped_malformed: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.texts)

    def head(self, count: int) -> NsmcCorpus:
        """The first `count` reviews (for quick experiments)."""
        if count < 0:
            raise ValueError(f"count must be non-negative, got {count}")
        return NsmcCorpus(self.ids[:count], self.texts[:count], self.labels[:count], self.source)

    def positive_share(self) -> float:
        """Share of positive reviews (0.0 for an empty corpus)."""
        return sum(self.labels) / len(self.labels) if self.labels else 0.0


def parse_nsmc(text: str, source: str = "", dedupe: bool = False) -> NsmcCorpus:
    """Parse NSMC-format text; empty or NaN documents are dropped, and duplicates when `dedupe`."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines:
        raise ValueError(f"NSMC data is empty ({source or 'text'})")
    header = tuple(part.strip() for part in lines[0].split("\t"))
    if header != NSMC_HEADER:
        raise ValueError(f"Not an NSMC file ({source or 'text'}): the header must be id<TAB>document<TAB>label")
    corpus = NsmcCorpus([], [], [], source)
    seen: set[str] = set()
    for line in lines[1:]:
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[2].strip() not in ("0", "1"):
            corpus.dropped_malformed += 1
            continue
        review_id, document, label = parts[0], parts[1].strip(), int(parts[2])
        if not document or document.lower() == "nan":
            corpus.dropped_empty += 1
            continue
        if dedupe:
            if document in seen:
                corpus.dropped_duplicates += 1
                continue
            seen.add(document)
        corpus.ids.append(review_id)
        corpus.texts.append(document)
        corpus.labels.append(label)
    return corpus


def read_nsmc(path: str | Path, dedupe: bool = False) -> NsmcCorpus:
    """Read an NSMC-format file (UTF-8)."""
    file_path = Path(path)
    if not file_path.is_file():
        raise FileNotFoundError(f"No NSMC file at {file_path}")
    try:
        text = file_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{file_path} is not UTF-8 text: {error}") from error
    return parse_nsmc(text, source=str(file_path), dedupe=dedupe)


def cache_path(split: str = "train", cache_dir: Path = CACHE_DIR) -> Path:
    """Where a downloaded NSMC file is kept."""
    _check_split(split)
    return Path(cache_dir) / NSMC_CACHE_SUBDIR / NSMC_FILE_NAMES[split]


def download_nsmc(
    split: str = "train",
    cache_dir: Path = CACHE_DIR,
    opener: Opener = urllib.request.urlopen,
    timeout: float = NETWORK_TIMEOUT_SECONDS,
) -> Path:
    """Download one NSMC split into the cache and return its path; fails within `timeout` seconds offline."""
    _check_split(split)
    url = NSMC_URLS[split]
    try:
        with opener(url, timeout=timeout) as response:
            payload = response.read(MAX_DOWNLOAD_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise NsmcUnavailableError(
            f"NSMC를 내려받지 못했습니다 (인터넷 연결 없음?): {error}",
            f"Could not download NSMC (offline?): {error}",
        ) from error
    if len(payload) > MAX_DOWNLOAD_BYTES:
        raise NsmcUnavailableError("내려받은 NSMC 파일이 너무 큽니다.", "The downloaded NSMC file is too large.")
    text = payload.decode("utf-8")
    parse_nsmc(text, source=url)
    target = cache_path(split, cache_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Writing to a temporary name first means an interrupted download never looks like a cached file.
    partial = target.with_suffix(".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    return target


def find_nsmc(
    split: str = "train",
    path: str | Path | None = None,
    shared_dir: Path = SHARED_NSMC_DIR,
    cache_dir: Path = CACHE_DIR,
    allow_download: bool = True,
    opener: Opener = urllib.request.urlopen,
    timeout: float = NETWORK_TIMEOUT_SECONDS,
) -> Path:
    """Find an NSMC file: explicit path, then ../shared/data/nsmc, then the cache, then the URL."""
    _check_split(split)
    if path is not None:
        explicit = Path(path)
        if explicit.is_file():
            return explicit
        raise NsmcUnavailableError(f"NSMC 파일이 없습니다: {explicit}", f"No NSMC file at {explicit}")
    for candidate in (Path(shared_dir) / NSMC_FILE_NAMES[split], cache_path(split, cache_dir)):
        if candidate.is_file():
            return candidate
    if not allow_download:
        raise NsmcUnavailableError(
            "NSMC 파일을 찾지 못했습니다 (공유 폴더와 캐시에 없음).",
            "NSMC not found in the shared folder or the cache.",
        )
    return download_nsmc(split, cache_dir, opener=opener, timeout=timeout)


def load_nsmc(split: str = "train", path: str | Path | None = None, dedupe: bool = False, **find_options) -> NsmcCorpus:
    """Find and read one NSMC split (see `find_nsmc` for where it looks)."""
    return read_nsmc(find_nsmc(split, path=path, **find_options), dedupe=dedupe)


def write_nsmc(path: str | Path, texts: list[str], labels: list[int], ids: list[str] | None = None) -> Path:
    """Write reviews in NSMC format (used for fixtures and held-out splits)."""
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
    ids = ids or [str(index) for index in range(len(texts))]
    buffer = io.StringIO()
    buffer.write("\t".join(NSMC_HEADER) + "\n")
    for review_id, text, label in zip(ids, texts, labels, strict=True):
        if label not in (0, 1):
            raise ValueError(f"NSMC labels are 0 or 1, got {label!r}")
        clean = " ".join(str(text).split())
        buffer.write(f"{review_id}\t{clean}\t{label}\n")
    target = Path(path)
    target.write_text(buffer.getvalue(), encoding="utf-8")
    return target


def _check_split(split: str) -> None:
    if split not in NSMC_URLS:
        raise ValueError(f"split must be one of {sorted(NSMC_URLS)}, got {split!r}")
