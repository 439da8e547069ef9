"""Tests of the helpers shared by the lessons."""
