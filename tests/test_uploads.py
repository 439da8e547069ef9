"""Tests for core.uploads: the checks every uploaded CSV gets before a lesson parses it."""

from __future__ import annotations

import pytest

from core.uploads import (
    EmptyUploadError,
    NotTextUploadError,
    UploadTooLargeError,
    decode_csv_upload,
)

TABLE = "문장,라벨\n정말 재밌어요,긍정\n"


@pytest.mark.parametrize(("encoding", "expected"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("cp949", "cp949")])
def test_excel_encodings_decode_to_the_same_text(encoding: str, expected: str) -> None:
    assert decode_csv_upload(TABLE.encode(encoding), max_bytes=1000) == (TABLE, expected)


def test_a_file_over_the_limit_is_refused_before_decoding() -> None:
    with pytest.raises(UploadTooLargeError) as caught:
        decode_csv_upload(b"a,b\n" + b"\xff" * 2_000_000, max_bytes=1_000_000)
    assert "2.0 MB" in caught.value.message_ko and "1 MB" in caught.value.message_ko


@pytest.mark.parametrize("data", [b"", b"  \r\n\t"])
def test_an_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(EmptyUploadError) as caught:
        decode_csv_upload(data, max_bytes=1000)
    assert "빈 파일" in caught.value.message_ko


@pytest.mark.parametrize(("data", "hint"), [
    (b"PK\x03\x04" + bytes(100), "엑셀"),
    (b"%PDF-1.7\n" + b"x" * 100, "엑셀"),
    (TABLE.encode("utf-16"), "UTF-16"),
    ("문장,라벨\n".encode() + b"\xff\xfe\xfa\x80,1\n", "인코딩"),
])
def test_binary_utf16_and_unknown_encodings_say_how_to_save_a_csv(data: bytes, hint: str) -> None:
    with pytest.raises(NotTextUploadError) as caught:
        decode_csv_upload(data, max_bytes=1000)
    assert hint in caught.value.message_ko and "CSV" in caught.value.message_ko
