"""Offline commands that build the files in `models/`: run once by the team, never during a class.

Each command is reproducible (fixed seed) and writes a JSON sidecar with the command that made the file.
`core/` and `lessons/` never import this package; it imports `core/` for the lessons' data and models.
"""
