"""The compose recipe's PostgreSQL wiring: the app reads the URL it is given, and the URL matches the database.

There is no Docker on the CI machine, so the file is read as text (no YAML parser is installed either).
"""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url

from core.classroom.store import DATABASE_URL_VARIABLE
from tests.conftest import PROJECT_ROOT

COMPOSE = (PROJECT_ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8")


def setting(name: str) -> str:
    """The value of a `NAME: "value"` or `NAME: value` line in the compose file."""
    match = re.search(rf"^\s+{name}:\s*\"?([^\"\n]+)\"?\s*$", COMPOSE, flags=re.MULTILINE)
    assert match, f"{name} is not set in deploy/compose.yaml"
    return match.group(1)


def test_every_replica_is_given_the_database_service_by_the_variable_the_store_reads() -> None:
    url = make_url(setting(DATABASE_URL_VARIABLE))
    assert url.drivername == "postgresql+psycopg" and url.host == "db"
    assert (url.username, url.password, url.database) == (
        setting("POSTGRES_USER"), setting("POSTGRES_PASSWORD"), setting("POSTGRES_DB"))
    assert re.search(r"^  db:\n", COMPOSE, flags=re.MULTILINE)
    assert "condition: service_healthy" in COMPOSE
