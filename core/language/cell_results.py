"""The shipped SimpleRNN vs LSTM vs GRU comparison, as the lesson reads it.

`python -m modelbuild.language.cell_comparison` trains the three cells alike and writes this JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

from core.config import MODELS_DIR

COMPARISON_PATH: Path = MODELS_DIR / "nsmc_rnn_cells.json"


def load_comparison(path: str | Path = COMPARISON_PATH) -> dict | None:
    """The shipped comparison JSON, or None when it has not been made."""
    path = Path(path)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
