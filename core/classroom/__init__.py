"""Classroom mode: a teacher's class, students who join it with a code, and what they share (no Streamlit here).

`store` keeps classes, members and shared items in a SQL database (SQLite by default, PostgreSQL by URL),
`security` hashes teacher passwords and makes join codes, `content` checks what students send, and
`export` packs a class's data for download.
"""
