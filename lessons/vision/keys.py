"""Every session-state key of lesson 2, in one place (widget keys included)."""

from __future__ import annotations

# 1 · draw and predict
CANVAS_VERSION = "cnn_canvas_version"
SOURCE = "cnn_input_source"
PEN_WIDTH = "cnn_pen_width"
CLEAR = "cnn_clear"
UPLOAD = "cnn_upload"
MODEL_CHOICE = "cnn_model_choice"
PREDICTION = "cnn_prediction"
PROBABILITIES = "cnn_probabilities"
SHOW_LOOK_ALIKES = "cnn_show_look_alikes"
# 1 · honest uncertainty and one-click true labels
TRUE_LABEL = "cnn_true_label"
LABEL_NOTICE = "cnn_label_notice"
GALLERY_CHANGED = "cnn_gallery_changed"


def canvas(version: int) -> str:
    """The canvas widget; a new version mounts an empty canvas."""
    return f"cnn_canvas_{version}"


# 2 · padding / stride / kernel demo and max pooling demo
DEMO_SIZE = "cnn_demo_n"
DEMO_KERNEL_SIZE = "cnn_demo_k"
DEMO_STRIDE = "cnn_demo_s"
DEMO_PADDING = "cnn_demo_padding"
DEMO_KERNEL = "cnn_demo_kernel"
DEMO_CELL = "cnn_demo_cell"
DEMO_INPUT_CHART = "cnn_demo_input"
DEMO_KERNEL_CHART = "cnn_demo_kernel_grid"
DEMO_OUTPUT_CHART = "cnn_demo_output"
POOL_SIZE = "cnn_pool_n"
POOL_PADDING = "cnn_pool_padding"
POOL_INPUT_CHART = "cnn_pool_input"
POOL_OUTPUT_CHART = "cnn_pool_output"

# 3 · train your own CNN: settings
BLOCKS = "cnn_blocks"
FILTERS = "cnn_filters"
KERNEL = "cnn_kernel"
STRIDES = "cnn_strides"
PADDING = "cnn_padding"
POOLING = "cnn_pooling"
ACTIVATION = "cnn_activation"
DENSE = "cnn_dense"
DROPOUT = "cnn_dropout"
OPTIMIZER = "cnn_optimizer"
LEARNING_RATE = "cnn_learning_rate"
EPOCHS = "cnn_epochs"
BATCH = "cnn_batch"
SAMPLES = "cnn_samples"
TRAIN = "cnn_train"

# 3 · train your own CNN: the job and what it produced
JOB = "cnn_job"
JOB_PANEL = "cnn_training"
PENDING_CONFIG = "cnn_pending_config"
COLLECTED = "cnn_collected_job"
START_ERROR = "cnn_start_error"
MY_MODEL = "cnn_my_model"
MY_EXTRACTOR = "cnn_my_extractor"
MY_EVALUATION = "cnn_my_evaluation"
MY_CONFIG = "cnn_my_config"
MY_BYTES = "cnn_my_keras_bytes"
EVALUATION = "cnn_evaluation"
CONFUSION = "cnn_confusion"
DOWNLOAD = "cnn_download"

# 4 · teach it my handwriting: the session's labelled drawings and the fine-tuned copy
MY_DRAWINGS = "cnn_my_drawings"
NEXT_DRAWING_ID = "cnn_next_drawing_id"
CLEAR_DRAWINGS = "cnn_clear_drawings"
FINE_TUNE = "cnn_fine_tune"
TUNE_JOB = "cnn_tune_job"
TUNE_PANEL = "cnn_tune_panel"
TUNE_ERROR = "cnn_tune_error"
TUNE_COLLECTED = "cnn_tune_collected"
TUNED_MODEL = "cnn_tuned_model"
TUNED_EXTRACTOR = "cnn_tuned_extractor"
TUNE_REPORT = "cnn_tune_report"


def delete_drawing(drawing_id: int) -> str:
    """The delete button of one gallery drawing."""
    return f"cnn_delete_drawing_{drawing_id}"


# 1 · the drawing, kept outside the canvas widget: Streamlit forgets a widget's value when its page is
# left, and a remounted canvas starts empty unless it is given the drawing back.
DRAWING = "cnn_drawing"
DRAWING_PNG = "cnn_drawing_png"
DRAWING_MOUNT = "cnn_drawing_mount"

# What a reload brings back (lessons.continuity); DRAFTS also survive a move to another replica.
KEPT = (DRAWING, DRAWING_PNG, JOB, PENDING_CONFIG, COLLECTED, MY_MODEL, MY_EXTRACTOR, MY_EVALUATION, MY_CONFIG,
        MY_BYTES, MY_DRAWINGS, NEXT_DRAWING_ID, TUNE_JOB, TUNE_COLLECTED, TUNED_MODEL, TUNED_EXTRACTOR, TUNE_REPORT)
DRAFTS = (DRAWING,)
MODELS = (MY_MODEL, JOB, TUNED_MODEL, TUNE_JOB)
