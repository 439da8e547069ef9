"""Comments of the Keras code the lessons generate, in the student's language."""

from __future__ import annotations

from collections.abc import Mapping

CommentTable = Mapping[str, tuple[str, str]]


def code_comment(table: CommentTable, key: str, language: str, **values: object) -> str:
    """The comment `key` of a (Korean, English) table in `language` ("en" or Korean), with `values` filled in."""
    korean, english = table[key]
    return (english if language == "en" else korean).format(**values)
