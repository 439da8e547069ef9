"""A CSV file a student uploads, checked and decoded once for every lesson that takes one.

Lesson 1's builder (a table of numbers) and lesson 3's sentence classifier (sentences and labels)
both take a CSV from Excel or a text editor. The checks a file needs before it is parsed are the
same for both: its size, that it is not empty, that it is text rather than an Excel workbook, PDF or
picture, and its encoding. Each problem is an `UploadError` subclass with a Korean message that
says what to do; a lesson turns it into its own error type.
"""

from __future__ import annotations

from core.errors import StudentFacingError

# Excel on a Korean Windows PC saves CSV as CP949 (a superset of EUC-KR); newer Excel offers UTF-8 with BOM.
CANDIDATE_ENCODINGS: tuple[str, ...] = ("utf-8-sig", "cp949")
# File signatures of what students most often upload by mistake: Excel (a zip), old Excel, PDF, PNG, JPEG.
BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\xff\xd8\xff")
# A NUL byte in the first 4 KB means UTF-16 or a binary file; Korean CSV text never has one.
SNIFF_BYTES = 4096


class UploadError(StudentFacingError, ValueError):
    """An uploaded file that cannot be read as a CSV, with the reason in Korean and English."""


class UploadTooLargeError(UploadError):
    """The file has more bytes than the classroom limit allows."""


class EmptyUploadError(UploadError):
    """The file holds nothing but white space."""


class NotTextUploadError(UploadError):
    """The file is binary (Excel, PDF, a picture), UTF-16, or in an encoding other than UTF-8 and CP949."""


def megabytes(size: int) -> str:
    """A byte count the way the messages show it, e.g. `5.2 MB`."""
    return f"{size / 1_000_000:.1f} MB"


def decode_csv_upload(data: bytes, max_bytes: int) -> tuple[str, str]:
    """Check an upload's size and kind and decode it as UTF-8 (with or without BOM) or CP949.

    Returns the text and the encoding pandas or `open` would need (`utf-8` or `cp949`).
    """
    if len(data) > max_bytes:
        raise UploadTooLargeError(
            f"파일이 너무 큽니다({megabytes(len(data))}). {max_bytes / 1_000_000:.0f} MB 이하로 줄여 올려 주세요.",
            f"The file is too large ({megabytes(len(data))}); the limit is {max_bytes / 1_000_000:.0f} MB.",
        )
    if not data.strip():
        raise EmptyUploadError("빈 파일입니다. 첫 줄에 열 이름, 다음 줄부터 데이터가 있는 CSV를 올려 주세요.",
                               "The file is empty. Upload a CSV with column names on the first line and data below.")
    if data.startswith(BINARY_SIGNATURES):
        raise NotTextUploadError(
            "텍스트 CSV 파일이 아닙니다(엑셀 .xlsx, PDF, 그림 같은 파일). Excel에서 'CSV UTF-8'로 저장해 올려 주세요.",
            "This is not a text CSV (an Excel .xlsx, PDF or picture?). Save it from Excel as 'CSV UTF-8'.",
        )
    if b"\x00" in data[:SNIFF_BYTES]:
        raise NotTextUploadError(
            "텍스트 CSV 파일이 아닙니다(UTF-16 또는 이진 파일). Excel에서 'CSV UTF-8'로 다시 저장해 주세요.",
            "This is not a text CSV (UTF-16 or binary). Re-save it from Excel as 'CSV UTF-8'.",
        )
    for encoding in CANDIDATE_ENCODINGS:
        try:
            return data.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding
        except UnicodeDecodeError:
            continue
    raise NotTextUploadError("파일의 문자 인코딩을 읽을 수 없습니다. UTF-8 또는 CP949(EUC-KR) CSV로 저장해 주세요.",
                             "The file's text encoding could not be read. Save it as a UTF-8 or CP949 (EUC-KR) CSV.")
