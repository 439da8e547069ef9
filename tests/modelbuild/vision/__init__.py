"""Tests of the offline model-building commands."""
