"""The live lesson's store tests use the classroom store's databases: SQLite, and PostgreSQL when it is set."""

from tests.classroom.conftest import clock, database_url, make_store, store  # noqa: F401
