"""Tests for core.language.nsmc_data: parsing, finding and the fail-fast download (no network used)."""

from __future__ import annotations

import io
import time
import urllib.error
from pathlib import Path

import pytest

from core.language.nsmc_data import (
    NsmcUnavailableError,
    cache_path,
    download_nsmc,
    find_nsmc,
    load_nsmc,
    parse_nsmc,
    read_nsmc,
    write_nsmc,
)

FIXTURE = (
    "id\tdocument\tlabel\n"
    "1\t정말 재밌는 영화\t1\n"
    "2\t\t0\n"
    "3\t시간 아까움\t0\n"
    "4\tnan\t1\n"
    "5\t정말 재밌는 영화\t1\n"
    "broken line without tabs\n"
    "6\t배우 연기 최고\t1\n"
)


@pytest.fixture
def nsmc_file(tmp_path: Path) -> Path:
    path = tmp_path / "ratings_train.txt"
    path.write_text(FIXTURE, encoding="utf-8")
    return path


def test_read_drops_empty_and_malformed(nsmc_file: Path) -> None:
    corpus = read_nsmc(nsmc_file)
    assert corpus.texts == ["정말 재밌는 영화", "시간 아까움", "정말 재밌는 영화", "배우 연기 최고"]
    assert corpus.labels == [1, 0, 1, 1] and corpus.ids == ["1", "3", "5", "6"]
    assert corpus.dropped_empty == 2 and corpus.dropped_malformed == 1
    assert corpus.positive_share() == 0.75 and len(corpus.head(2)) == 2


def test_dedupe(nsmc_file: Path) -> None:
    corpus = read_nsmc(nsmc_file, dedupe=True)
    assert len(corpus) == 3 and corpus.dropped_duplicates == 1


def test_bad_header_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="header"):
        parse_nsmc("a\tb\n1\t2\n")
    with pytest.raises(FileNotFoundError):
        read_nsmc(tmp_path / "missing.txt")
    cp949 = tmp_path / "cp949.txt"
    cp949.write_bytes("id\tdocument\tlabel\n1\t좋다\t1\n".encode("cp949"))
    with pytest.raises(ValueError, match="UTF-8"):
        read_nsmc(cp949)


def test_write_round_trip(tmp_path: Path) -> None:
    path = write_nsmc(tmp_path / "x.txt", ["좋아요\t탭", "별로"], [1, 0])
    corpus = read_nsmc(path)
    assert corpus.texts == ["좋아요 탭", "별로"] and corpus.labels == [1, 0]
    with pytest.raises(ValueError):
        write_nsmc(tmp_path / "y.txt", ["a"], [2])


def test_find_order_explicit_shared_cache(tmp_path: Path, nsmc_file: Path) -> None:
    shared = tmp_path / "shared"
    cache = tmp_path / "cache"
    assert find_nsmc(path=nsmc_file, shared_dir=shared, cache_dir=cache) == nsmc_file
    with pytest.raises(NsmcUnavailableError):
        find_nsmc(path=tmp_path / "nope.txt")
    cached = cache_path("train", cache)
    cached.parent.mkdir(parents=True)
    cached.write_text(FIXTURE, encoding="utf-8")
    assert find_nsmc(shared_dir=shared, cache_dir=cache) == cached
    shared.mkdir()
    (shared / "ratings_train.txt").write_text(FIXTURE, encoding="utf-8")
    assert find_nsmc(shared_dir=shared, cache_dir=cache) == shared / "ratings_train.txt"
    assert len(load_nsmc(shared_dir=shared, cache_dir=cache)) == 4


def test_offline_download_fails_fast_with_clear_error(tmp_path: Path) -> None:
    timeouts: list[float] = []

    def offline_opener(url: str, timeout: float):
        timeouts.append(timeout)
        raise urllib.error.URLError("Temporary failure in name resolution")

    started = time.monotonic()
    with pytest.raises(NsmcUnavailableError) as caught:
        find_nsmc("test", shared_dir=tmp_path / "s", cache_dir=tmp_path / "c", opener=offline_opener, timeout=2.0)
    assert time.monotonic() - started < 1.0
    assert timeouts == [2.0]
    assert "내려받지 못했습니다" in caught.value.message_ko
    with pytest.raises(NsmcUnavailableError):
        find_nsmc(shared_dir=tmp_path / "s", cache_dir=tmp_path / "c", allow_download=False)


def test_download_writes_cache(tmp_path: Path) -> None:
    class Response(io.BytesIO):
        pass

    def opener(url: str, timeout: float):
        assert url.endswith("ratings_train.txt")
        return Response(FIXTURE.encode("utf-8"))

    path = download_nsmc("train", tmp_path, opener=opener)
    assert path == cache_path("train", tmp_path) and len(read_nsmc(path)) == 4
    with pytest.raises(ValueError):
        download_nsmc("valid", tmp_path, opener=opener)
