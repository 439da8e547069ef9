"""Training off the script thread: a lesson's `TrainingPlan` (plan) runs as a queued background job (jobs)
whose `model.fit` runs in a worker process (remote; `worker` is that process's entry point).
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
