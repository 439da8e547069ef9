"""Training off the script thread: queued background jobs (jobs) whose fits run in worker processes (remote).

`from core.training import TrainingJob, fit_in_worker` is what the lessons use; `worker` is the worker
process's entry point.
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
from core.training.remote import FitWorkers, WorkerLostError, default_workers, fit_in_worker

__all__ = [
    "ACTIVE_STATUSES", "MAX_CONCURRENT_TRAINING_JOBS", "STATUS_FAILED", "STATUS_FINISHED", "STATUS_QUEUED",
    "STATUS_RUNNING", "STATUS_STOPPED", "STATUS_TIMED_OUT", "FitWorkers", "TrainingJob", "TrainingProgress",
    "WorkerLostError", "default_workers", "fit_in_worker", "iterations_per_epoch",
]
