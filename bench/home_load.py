"""How fast the home page renders once the server is up (target: under 3 s).

Prints one JSON line: the first render after start-up and the median of later renders, measured
in Debian Chromium from navigation until the title shows and the script has finished.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.app_server import CHROMIUM_ARGS, CHROMIUM_PATH, running_app_server

REPEATS = 5


def render_seconds(page, base_url: str) -> float:
    """Seconds from navigation until the title is shown and the script has finished."""
    started = time.perf_counter()
    page.goto(base_url)
    page.wait_for_selector("h1:has-text('딥러닝 교실')", timeout=60_000)
    page.wait_for_selector("[data-test-script-state='notRunning']", state="attached", timeout=60_000)
    return time.perf_counter() - started


def main() -> None:
    """Start the app, time the home page in Chromium and print the figures."""
    with (
        tempfile.TemporaryDirectory() as folder,
        running_app_server(Path(folder) / "server.log") as base_url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True)
        first = render_seconds(browser.new_page(), base_url)
        later = [render_seconds(browser.new_page(), base_url) for _ in range(REPEATS)]
        browser.close()
    print(
        json.dumps(
            {
                "home_first_render_s": round(first, 3),
                "home_render_p50_s": round(statistics.median(later), 3),
                "target_s": 3.0,
                "repeats": REPEATS,
            }
        )
    )


if __name__ == "__main__":
    main()
