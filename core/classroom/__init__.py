"""Classroom mode: a teacher's class, students who join it with a code, and what they share (no Streamlit here)."""
