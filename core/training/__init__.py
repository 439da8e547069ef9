"""Training off the script thread: a lesson's `TrainingPlan` runs as a queued background job whose `model.fit`
runs in a worker process, so a rerun cannot stop it and the server never keeps what a fit leaves behind.
"""

from core.training.jobs import (
    ACTIVE_STATUSES,
    MAX_CONCURRENT_TRAINING_JOBS,
    STATUS_FAILED,
    STATUS_FINISHED,
    STATUS_QUEUED,
    STATUS_RUNNING,
    STATUS_STOPPED,
    STATUS_TIMED_OUT,
    TrainingJob,
    TrainingProgress,
    iterations_per_epoch,
)
from core.training.plan import TrainingPlan
from core.training.remote import FitWorkers, WorkerLostError, default_workers, fit_in_worker

__all__ = [
    "ACTIVE_STATUSES", "MAX_CONCURRENT_TRAINING_JOBS", "STATUS_FAILED", "STATUS_FINISHED", "STATUS_QUEUED",
    "STATUS_RUNNING", "STATUS_STOPPED", "STATUS_TIMED_OUT", "FitWorkers", "TrainingJob", "TrainingPlan",
    "TrainingProgress", "WorkerLostError", "default_workers", "fit_in_worker", "iterations_per_epoch",
]
