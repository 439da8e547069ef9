"""The classroom share bench counts what it stored, not what it sent."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import PROJECT_ROOT


def test_bench_reports_every_item_stored_once() -> None:
    result = subprocess.run([sys.executable, "-m", "bench.classroom_share", "--students", "4", "--items", "6"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["sent"] == report["stored"] == 24
    assert report["every_item_once"] is True
