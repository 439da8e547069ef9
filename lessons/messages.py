"""Messages and literal text: friendly errors and warnings, and student text shown without formatting."""

from __future__ import annotations

import re

import streamlit as st

from lessons.i18n import t

_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_literal(value: object) -> str:
    """Any text (a student's sentence, a token) shown literally inside Markdown: every ASCII punctuation mark
    is backslash-escaped, so `**`, `<script>`, `[link](…)`, `$x$` or `:red[…]` never turn into formatting."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(str(value).split()))


def text_table(columns: dict[str, list]) -> None:
    """A small read-only table as one Markdown element, every cell shown literally.

    Far cheaper for the server than `st.table` (no DataFrame, no Arrow encoding), which matters when a
    whole class types at once; for tables a student sorts or scrolls, use `st.dataframe`.
    """
    names = list(columns)
    rows = zip(*(columns[name] for name in names), strict=True)
    lines = ["| " + " | ".join(markdown_literal(name) for name in names) + " |",
             "|" + "---|" * len(names)]
    lines += ["| " + " | ".join(markdown_literal(cell) for cell in row) + " |" for row in rows]
    st.markdown("\n".join(lines))


def user_error(korean: str, english: str) -> None:
    """Show a friendly error for bad input; the page keeps running."""
    st.error(t(korean, english), icon="⚠️")


def user_warning(korean: str, english: str) -> None:
    """Show a friendly warning."""
    st.warning(t(korean, english), icon="💡")
