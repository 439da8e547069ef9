"""Project-wide constants: paths, limits and seeds live here and nowhere else."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT: Path = Path(__file__).resolve().parent.parent
MODELS_DIR: Path = PROJECT_ROOT / "models"
DATA_DIR: Path = PROJECT_ROOT / "data"

# Downloads and tokenized corpora are cached here; the variable lets tests and servers move it.
CACHE_DIR: Path = Path(os.environ.get("DL_CLASSROOM_CACHE", Path.home() / ".cache" / "dl_classroom"))
# Students' drafts (typed sentences, drawings): one folder that every replica on the machine shares.
DRAFTS_DIR: Path = Path(os.environ.get("DL_CLASSROOM_DRAFTS", CACHE_DIR / "drafts"))

# The NSMC corpus that sits beside the checkout on the team's machines (never committed).
SHARED_NSMC_DIR: Path = PROJECT_ROOT.parent / "shared" / "data" / "nsmc"
# Real pen trajectories of digits (UNIPEN text) beside the checkout, also never committed.
SHARED_PENDIGITS_FILE: Path = PROJECT_ROOT.parent / "shared" / "data" / "pendigits" / "pendigits-orig.tra"

DEFAULT_SEED: int = 42

# Training limits keep one student from hogging a shared classroom server.
MAX_TRAINING_SECONDS: float = 180.0
# How many students' trainings run at once per server process; the others wait in line (core.training).
MAX_CONCURRENT_TRAINING_JOBS: int = int(os.environ.get("DL_CLASSROOM_MAX_TRAININGS", "2"))

# How many heavy script runs (a lesson section answering a student) compute at once per server process; the
# others wait their turn in order (lessons.sections.section). About the number of cores: more only makes
# everyone's answer arrive late together (see core.queueing).
MAX_CONCURRENT_RUNS: int = int(os.environ.get("DL_CLASSROOM_MAX_RUNS", "2"))
# A run waits at most this long for its turn, then goes ahead anyway (nothing may wait forever).
RUN_SLOT_WAIT_SECONDS: float = 30.0

# How often (seconds) a page re-reads the progress of a background training job.
TRAINING_POLL_SECONDS: float = 0.5

# Network look-ups must fail fast in a classroom without internet.
NETWORK_TIMEOUT_SECONDS: float = 5.0
