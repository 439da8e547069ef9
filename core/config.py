"""Project-wide constants: paths, limits and seeds live here and nowhere else."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT: Path = Path(__file__).resolve().parent.parent
MODELS_DIR: Path = PROJECT_ROOT / "models"
DATA_DIR: Path = PROJECT_ROOT / "data"

# Downloads and tokenized corpora are cached here; the variable lets tests and servers move it.
CACHE_DIR: Path = Path(os.environ.get("DL_CLASSROOM_CACHE", Path.home() / ".cache" / "dl_classroom"))

# The NSMC corpus that sits beside the checkout on the team's machines (never committed).
SHARED_NSMC_DIR: Path = PROJECT_ROOT.parent / "shared" / "data" / "nsmc"

DEFAULT_SEED: int = 42

# Training limits keep one student from hogging a shared classroom server.
MAX_TRAINING_SECONDS: float = 180.0
MAX_CONCURRENT_TRAINING_JOBS: int = 2

# How often (seconds) a page re-reads the progress of a background training job.
TRAINING_POLL_SECONDS: float = 0.5

# Network look-ups must fail fast in a classroom without internet.
NETWORK_TIMEOUT_SECONDS: float = 5.0
