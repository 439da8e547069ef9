"""Every session-state key of lesson 1, in one place (widget keys included)."""

from __future__ import annotations

# 1 · training-loop stepper
STEPPER = "concepts_stepper"
STEPPER_RECORD = "concepts_stepper_record"
STEPPER_ERROR = "concepts_stepper_error"
STEP_HIDDEN = "concepts_hidden"
STEP_BATCH = "concepts_step_batch"
STEP_LEARNING_RATE = "concepts_lr"
STEP_COUNT = "concepts_step_count"
STEP_ONE = "concepts_step_one"
STEP_MANY = "concepts_step_many"
STEP_RESET = "concepts_step_reset"
STEPPER_CHART = "concepts_stepper_chart"
LOSS_CHART = "concepts_loss_chart"
UPDATE_LINES = "concepts_update_lines"

# 2 · tensors
RANK = "concepts_rank"
TENSOR_CHART = "concepts_tensor_chart"
TEXT_COLUMN = "concepts_text_column"
FRAME_COLUMNS = "concepts_frame_columns"
RESHAPE = "concepts_reshape"


def axis_length(axis: int) -> str:
    """The number input for one axis of the tensor explorer."""
    return f"concepts_axis_{axis}"


# 3 · epoch / batch / iteration
SAMPLES = "concepts_samples"
BATCH_SIZE = "concepts_batch_size"
EPOCHS = "concepts_epochs"
BATCH_CHART = "concepts_batch_chart"

# 4 · model builder
RUN = "concepts_run"
RUN_ERROR = "concepts_run_error"
PREDICTION = "concepts_prediction"
REPLAY = "concepts_replay"
LOSS = "concepts_loss"
LOSS_TASK = "concepts_loss_task"
DATASET = "concepts_dataset"
CLASSES = "concepts_classes"
BUILDER_SAMPLES = "concepts_builder_samples"
NOISE = "concepts_noise"
DEPTH = "concepts_depth"
OPTIMIZER = "concepts_optimizer"
BUILDER_LEARNING_RATE = "concepts_builder_lr"
BUILDER_EPOCHS = "concepts_builder_epochs"
BUILDER_BATCH = "concepts_builder_batch"
VALIDATION = "concepts_validation"
SUMMARY = "concepts_summary"
DATA_PREVIEW = "concepts_data_preview"
TRAIN = "concepts_train"
JOB_PANEL = "concepts_job"
CONFUSION = "concepts_confusion"
PREDICT_FORM = "concepts_predict_form"
PROBABILITIES = "concepts_probabilities"


def layer_units(index: int) -> str:
    """The units input of hidden layer `index`."""
    return f"concepts_units_{index}"


def layer_activation(index: int) -> str:
    """The activation choice of hidden layer `index`."""
    return f"concepts_activation_{index}"


def point_coordinate(name: str) -> str:
    """One coordinate box of the predict() form ("x", "x1" or "x2")."""
    return f"concepts_point_{name}"


# What a reload brings back (lessons.continuity): the builder's run (its job and trained model) and the
# stepper. MODELS name the keys whose value means "this student trained a model here".
KEPT = (RUN, STEPPER, STEPPER_RECORD, PREDICTION)
MODELS = (RUN,)
