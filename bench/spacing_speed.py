"""Kiwi's spacing and typo correction speed, once warm; prints one JSON line.

    python -m bench.spacing_speed [--data PATH] [--count 500]

`spacing_ms_p50` / `p95`: one NSMC (or bundled) review at a time with its spaces removed, the hardest case, target
≤ 20 ms; `typos_ms_p50`: reviews as written; `long_no_space_ms`: one 2,000-character text without a space.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from core.language.kiwi_text import KiwiCorrector, get_kiwi

DEFAULT_COUNT = 500


def sample_texts(path: Path | None, count: int) -> tuple[list[str], str]:
    """Reviews to correct: NSMC's test file when found, the bundled corpus otherwise."""
    from core.language.nsmc_data import NsmcUnavailableError, find_nsmc, read_nsmc
    from core.language.text_corpus import load_bundled_corpus

    try:
        return read_nsmc(find_nsmc("test", path=path, allow_download=False)).texts[:count], "nsmc_test"
    except (NsmcUnavailableError, OSError):
        return load_bundled_corpus("sentiment").texts[:count], "bundled"


def timings_ms(function, texts: list[str]) -> list[float]:
    """Milliseconds of `function` on each text."""
    result = []
    for text in texts:
        started = time.perf_counter()
        function(text)
        result.append((time.perf_counter() - started) * 1000)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    arguments = parser.parse_args()
    started = time.perf_counter()
    corrector = KiwiCorrector(get_kiwi())
    load_seconds = time.perf_counter() - started
    texts, source = sample_texts(arguments.data, arguments.count)
    unspaced = ["".join(text.split()) for text in texts if text.strip()]
    spacing = sorted(timings_ms(corrector.space, unspaced))
    typos = sorted(timings_ms(corrector.correct_typos, [text for text in texts if text.strip()]))
    long_ms = timings_ms(corrector.space, ["가나다라마바사아자차카타파하" * 143])[0]
    print(json.dumps({
        "source": source,
        "sentences": len(unspaced),
        "load_and_warmup_s": round(load_seconds, 2),
        "spacing_ms_p50": round(statistics.median(spacing), 3),
        "spacing_ms_p95": round(spacing[int(0.95 * (len(spacing) - 1))], 3),
        "typos_ms_p50": round(statistics.median(typos), 3),
        "long_no_space_ms": round(long_ms, 1),
    }))


if __name__ == "__main__":
    main()
