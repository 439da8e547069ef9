"""Serve the classroom: `streamlit run serve.py` (the README's run command).

The same app as `streamlit run streamlit_app.py`, plus what a class needs from the server process: a background
warm-up at start, `/_classroom/ready` (200 once the lessons are loaded, for benches, deploy and health checks), a
housekeeping thread that returns memory once the class has left, and a student cookie that brings work back.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict

import streamlit as st
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from core.continuity import StudentCookieMiddleware
from core.memory import limit_malloc_arenas
from lessons.housekeeping import start_housekeeping
from lessons.streamlit_internals import leave_legacy_pages_mode
from lessons.warmup import STATUS, start_warm_up

READY_PATH = "/_classroom/ready"


@asynccontextmanager
async def warm_up_at_start(_app: st.App) -> AsyncIterator[None]:
    """Start loading the lessons' resources when the server starts (in the background: it keeps serving).

    The warm-up imports the lessons before any page runs, so the page-run check that leaves Streamlit's
    old `pages/` folder mode (lessons.streamlit_internals.leave_legacy_pages_mode) would never run: the entry script's
    `st.navigation` decides the pages from the start instead. The heap arenas are limited before the
    lessons load (core.memory.limit_malloc_arenas), so that a class's memory can go back afterwards.
    """
    leave_legacy_pages_mode(rerun=False)
    limit_malloc_arenas()
    start_warm_up()
    start_housekeeping()
    yield


async def ready(_request: Request) -> JSONResponse:
    """Whether the warm-up has finished, with what it loaded and what failed."""
    return JSONResponse(asdict(STATUS), status_code=200 if STATUS.finished else 503)


app = st.App("streamlit_app.py", lifespan=warm_up_at_start, routes=[Route(READY_PATH, ready)],
             middleware=[Middleware(StudentCookieMiddleware)])
