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
POINTS_VERSION = "concepts_points_version"
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
# The background job that trains the builder's run (lessons.training_panel.start_training).
JOB = "concepts_training_job"
CONFUSION = "concepts_confusion"
PREDICT_FORM = "concepts_predict_form"
PROBABILITIES = "concepts_probabilities"


# 4 · own data, presets and links
SETUP = "concepts_setup"
URL_SEEN = "concepts_url_seen"
URL_NOTICES = "concepts_url_notices"
URL_NOTICES_DISMISS = "concepts_url_notices_dismiss"
CSV_UPLOAD = "concepts_csv_upload"
CSV_TARGET = "concepts_csv_target"
CSV_FEATURES = "concepts_csv_features"
CSV_TASK = "concepts_csv_task"
CSV_LAST_TARGET = "concepts_csv_last_target"
CSV_SIGNATURE = "concepts_csv_signature"
CSV_KEPT = "concepts_csv_kept"
CSV_CHOICE = "concepts_csv_choice"
POINTS = "concepts_points"
POINT_CLASS = "concepts_point_class"
POINT_FORM = "concepts_point_form"
POINT_X1 = "concepts_new_x1"
POINT_X2 = "concepts_new_x2"
POINTS_UNDO = "concepts_points_undo"
POINTS_CLEAR = "concepts_points_clear"
POINTS_ERROR = "concepts_points_error"
PRESET_CHOICE = "concepts_preset_choice"
PRESET_APPLY = "concepts_preset_apply"
SHARE_HIDE = "concepts_share_hide"
SHARE_LOCK = "concepts_share_lock"


def points_chart(version: int) -> str:
    """The click-to-add chart; a new version after each click clears the chart's selection."""
    return f"concepts_points_chart_{version}"


def layer_dropout(index: int) -> str:
    """The dropout rate after hidden layer `index`."""
    return f"concepts_dropout_{index}"


def layer_penalty(index: int) -> str:
    """The L1/L2 weight penalty of hidden layer `index`."""
    return f"concepts_penalty_{index}"


def layer_units(index: int) -> str:
    """The units input of hidden layer `index`."""
    return f"concepts_units_{index}"


def layer_activation(index: int) -> str:
    """The activation choice of hidden layer `index`."""
    return f"concepts_activation_{index}"


def point_coordinate(name: str) -> str:
    """One coordinate box of the predict() form ("x", "x1" or "x2")."""
    return f"concepts_point_{name}"


# What a reload brings back (lessons.continuity): the builder's run (its model and plan), its job and the
# stepper. MODELS name the keys whose value means "this student trained a model here".
KEPT = (RUN, JOB, STEPPER, STEPPER_RECORD, PREDICTION, POINTS)
MODELS = (RUN,)
# The hand-made points also survive a move to another replica.
DRAFTS = (POINTS,)
