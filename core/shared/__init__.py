"""Helpers that more than one lesson needs (scores, generated-code comments); no lesson package is imported here."""
