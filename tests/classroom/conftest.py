"""Store fixtures: every store test runs on SQLite and, when DL_CLASSROOM_TEST_POSTGRES_URL is set, on PostgreSQL.

Without that variable the PostgreSQL cases skip with a message; in CI (CI=true) they fail instead, because
`.ci/run` starts a PostgreSQL server and must test against it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from core.classroom import store as store_module
from core.classroom.store import ClassroomStore

# The live lesson keeps its tables in the class database: importing it puts them in the metadata, so that
# dropping the tables between tests also drops theirs (PostgreSQL refuses to drop a table others refer to).
from core.live import store as _live_tables  # noqa: E402, F401

POSTGRES_VARIABLE = "DL_CLASSROOM_TEST_POSTGRES_URL"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def _postgres_url() -> str:
    url = os.environ.get(POSTGRES_VARIABLE, "").strip()
    if not url:
        message = (f"{POSTGRES_VARIABLE} is not set: start PostgreSQL and point it at an empty database "
                   "(see .ci/run) to run the store tests against PostgreSQL")
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must test the classroom store on PostgreSQL, but {message}")
        pytest.skip(message)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """An empty database: a fresh SQLite file, or the test PostgreSQL database with its tables dropped."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'classroom.sqlite3'}"
        return
    url = _postgres_url()
    engine = store_module.make_engine(url)
    store_module.Base.metadata.drop_all(engine)
    engine.dispose()
    yield url
    engine = store_module.make_engine(url)
    store_module.Base.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture
def make_store(database_url: str, clock: FakeClock):
    """Build stores on the test database (several may share it, like server replicas)."""
    stores: list[ClassroomStore] = []

    def build(**options) -> ClassroomStore:
        store = ClassroomStore(database_url, clock=clock, **options)
        stores.append(store)
        return store

    yield build
    for store in stores:
        store.engine.dispose()


@pytest.fixture
def store(make_store) -> ClassroomStore:
    return make_store()
