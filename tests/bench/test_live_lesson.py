"""The live-lesson bench's own arithmetic (the scenario itself runs a server: `python -m bench.live_lesson`)."""

from __future__ import annotations

from bench.live_lesson import STEP_TRANSITIONS, latency_summary, step_route
from core.live.plans import PLANS


def test_the_route_walks_lesson_1_forward_and_back_without_standing_still() -> None:
    route = step_route(STEP_TRANSITIONS)
    ids = [step.id for step in PLANS["concepts"].steps]
    assert len(route) == STEP_TRANSITIONS and route[0] == ids[1]
    assert all(first != second for first, second in zip(["loop", *route], route, strict=False))


def test_latency_summary_reports_percentiles_in_seconds() -> None:
    summary = latency_summary([0.5, 1.0, 1.5, 2.0, 10.0], missing=1)
    assert summary["n"] == 5 and summary["missing"] == 1
    assert summary["p50_s"] == 1.5 and summary["max_s"] == 10.0 and 2.0 < summary["p95_s"] < 10.0
    assert latency_summary([], 3)["p50_s"] is None
