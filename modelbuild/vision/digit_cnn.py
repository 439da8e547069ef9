"""Train the shipped handwriting CNN (fixed seed): `nice -n 10 python -m modelbuild.vision.digit_cnn`, see `--help`.

It learns from the offline MNIST subset and, when `../shared/data/pendigits/` is there, from real pen trajectories
drawn like a canvas drawing, their 1s and 7s also written flagged and crossed (modelbuild.vision.pen_variants).
Whole pen writers are held out and scored, since students are new writers. Every epoch sees freshly distorted
copies, because real drawings differ from MNIST in position, size, slant and pen width even after `prepare_digit`.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from core.availability import MNIST_MODEL_PATH
from core.config import DEFAULT_SEED
from core.vision.augmentation import Augmentation, augment_images
from core.vision.digit_model import accuracy, sidecar_path
from core.vision.mnist_data import MnistSplit, load_mnist, write_mnist_idx
from modelbuild.vision.pen_variants import writing_variants
from modelbuild.vision.pendigits import PenSplit, load_pendigits, pen_split, pendigits_available

TRAIN_COMMAND = "nice -n 10 .venv/bin/python -m modelbuild.vision.digit_cnn"


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides the shipped model; saved in the sidecar for reproducibility."""

    epochs: int = 20
    batch_size: int = 64
    learning_rate: float = 2e-3
    filters: tuple[int, ...] = (32, 64, 128)
    dense_units: int = 128
    conv_dropout: float = 0.1
    dropout: float = 0.3
    label_smoothing: float = 0.05
    test_fraction: float = 0.1
    seed: int = DEFAULT_SEED
    max_train_samples: int | None = None
    full_mnist: bool = False
    allow_download: bool = False
    pen_digits: bool = True
    pen_copies: int = 1
    # Flagged 1s and crossed 7s made from the training writers' own (modelbuild.vision.pen_variants).
    pen_variants: bool = True
    augmentation: Augmentation = field(default_factory=Augmentation)


def build_model(config: TrainConfig):
    """A small modern CNN: conv blocks with batch norm, max pooling, dropout and a softmax head."""
    import keras
    from keras import layers

    inputs = keras.Input(shape=(28, 28, 1), name="digit")
    x = inputs
    for block, filters in enumerate(config.filters, start=1):
        # Two 3x3 convolutions see a 5x5 patch with fewer weights than one 5x5 convolution.
        repeats = 2 if block < len(config.filters) else 1
        for repeat in range(1, repeats + 1):
            x = layers.Conv2D(filters, 3, padding="same", use_bias=False, name=f"conv{block}_{repeat}")(x)
            x = layers.BatchNormalization(momentum=0.9, name=f"bn{block}_{repeat}")(x)
            x = layers.Activation("relu", name=f"relu{block}_{repeat}")(x)
        x = layers.MaxPool2D(2, padding="same", name=f"pool{block}")(x)
        x = layers.Dropout(config.conv_dropout, name=f"dropout{block}")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(config.dense_units, activation="relu", name="dense")(x)
    x = layers.Dropout(config.dropout, name="dropout_dense")(x)
    outputs = layers.Dense(10, activation="softmax", name="softmax")(x)
    return keras.Model(inputs, outputs, name="mnist_cnn")


def train_shipped_model(
    config: TrainConfig,
    model_path: Path = MNIST_MODEL_PATH,
    data: MnistSplit | None = None,
    export_test_dir: Path | None = None,
    log=print,
    pen: PenSplit | None = None,
) -> dict[str, Any]:
    """Train, evaluate on the held-out split, save the model and its JSON sidecar; return the sidecar."""
    import keras

    started = time.monotonic()
    keras.utils.set_random_seed(config.seed)
    if data is None:
        data = load_mnist(
            seed=config.seed,
            test_fraction=config.test_fraction,
            allow_download=config.allow_download,
            full_mnist=config.full_mnist,
            max_train_samples=config.max_train_samples,
        )
    if pen is None and config.pen_digits and pendigits_available():
        extra = (lambda digits: writing_variants(digits, seed=config.seed)) if config.pen_variants else None
        pen = pen_split(load_pendigits(), seed=config.seed, copies=config.pen_copies, extra=extra)
        log(f"pen digits: {len(pen.y_train)} renderings of writers {list(pen.train_writers)}, "
            f"{len(pen.y_test)} held out (writers {list(pen.test_writers)}), {time.monotonic() - started:.0f} s")
    x_train, y_train = data.x_train, data.y_train
    if pen is not None:
        x_train = np.concatenate([x_train, pen.x_train])
        y_train = np.concatenate([y_train, pen.y_train])
    if export_test_dir is not None:
        export_test_dir.mkdir(parents=True, exist_ok=True)
        write_mnist_idx(
            data.x_test,
            data.y_test,
            export_test_dir / "heldout-images-idx3-ubyte.gz",
            export_test_dir / "heldout-labels-idx1-ubyte.gz",
        )

    model = build_model(config)
    steps_per_epoch = -(-len(x_train) // config.batch_size)
    schedule = keras.optimizers.schedules.CosineDecay(
        config.learning_rate, decay_steps=steps_per_epoch * config.epochs, alpha=0.02
    )
    model.compile(
        optimizer=keras.optimizers.Adam(schedule),
        loss=keras.losses.CategoricalCrossentropy(label_smoothing=config.label_smoothing),
        metrics=["accuracy"],
    )
    targets = keras.utils.to_categorical(y_train, 10)
    rng = np.random.default_rng(config.seed)
    for epoch in range(config.epochs):
        augmented = augment_images(x_train, rng, config.augmentation)
        history = model.fit(
            augmented[..., None],
            targets,
            batch_size=config.batch_size,
            epochs=epoch + 1,
            initial_epoch=epoch,
            shuffle=True,
            verbose=0,
        )
        writers = ""
        if pen is not None and ((epoch + 1) % 5 == 0 or epoch + 1 == config.epochs):
            writers = f", held-out writers {accuracy(model, pen.x_test, pen.y_test):.4f}"
        log(
            f"epoch {epoch + 1}/{config.epochs}: loss {history.history['loss'][-1]:.4f}, "
            f"accuracy {history.history['accuracy'][-1]:.4f}{writers}, {time.monotonic() - started:.0f} s"
        )

    held_out = accuracy(model, data.x_test, data.y_test)
    training_seconds = time.monotonic() - started

    # Save weights without optimizer state: the file is for inference and stays small.
    inference_model = build_model(config)
    inference_model.set_weights(model.get_weights())
    model_path.parent.mkdir(parents=True, exist_ok=True)
    inference_model.save(model_path)

    info = {
        "held_out_accuracy": round(held_out, 4),
        "held_out_n": int(len(data.y_test)),
        "train_n": int(len(y_train)),
        "data_source": data.source,
        "data_source_ko": data.source_ko,
        "data_source_en": data.source_en,
        "seed": config.seed,
        "command": TRAIN_COMMAND,
        "epochs": config.epochs,
        "training_seconds": round(training_seconds, 1),
        "parameters": int(inference_model.count_params()),
        "augmentation": asdict(config.augmentation),
        "config": {key: value for key, value in asdict(config).items() if key != "augmentation"},
        **pen_summary(model, pen),
        "keras_version": keras.__version__,
        "python_version": platform.python_version(),
    }
    with open(sidecar_path(model_path), "w", encoding="utf-8") as handle:
        json.dump(info, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    log(f"held-out accuracy {held_out:.4f} on {len(data.y_test)} images, {training_seconds:.0f} s in all")
    if pen is not None:
        log(f"held-out writers' pen digits: {info['pen_held_out_accuracy']:.4f} on {info['pen_held_out_n']}")
    return info


def pen_summary(model, pen: PenSplit | None) -> dict[str, Any]:
    """The sidecar's pen-digit fields: how many renderings trained, and the held-out writers' accuracy."""
    if pen is None:
        return {"pen_train_n": 0}
    return {
        "pen_train_n": int(len(pen.y_train)),
        "pen_train_writers": list(pen.train_writers),
        "pen_held_out_writers": list(pen.test_writers),
        "pen_held_out_n": int(len(pen.y_test)),
        "pen_held_out_accuracy": round(accuracy(model, pen.x_test, pen.y_test), 4),
        **variant_summary(model, pen),
    }


def variant_summary(model, pen: PenSplit) -> dict[str, Any]:
    """The held-out writers' own digits written the other way (flagged 1s, crossed 7s), when there are any."""
    if pen.y_extra_test is None or len(pen.y_extra_test) == 0:
        return {}
    return {"pen_held_out_variants_n": int(len(pen.y_extra_test)),
            "pen_held_out_variants_accuracy": round(accuracy(model, pen.x_extra_test, pen.y_extra_test), 4)}


def main(argv: list[str] | None = None) -> None:
    """Command line: train with the shipped settings (options only for experiments)."""
    defaults = TrainConfig()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=defaults.epochs)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--output", type=Path, default=MNIST_MODEL_PATH, help="where to save the .keras model")
    parser.add_argument(
        "--export-test", type=Path, default=None, help="also write the held-out split as MNIST idx.gz files here"
    )
    parser.add_argument(
        "--full-mnist", action="store_true", help="use full MNIST from keras.datasets (cached or downloaded)"
    )
    parser.add_argument("--no-pen-digits", action="store_true", help="train on MNIST alone even if pen data is there")
    parser.add_argument("--no-pen-variants", action="store_true",
                        help="leave out the flagged 1s and crossed 7s made from the pen writers' digits")
    parser.add_argument("--pen-copies", type=int, default=defaults.pen_copies,
                        help="renderings of each training writer's digit, each in its own random style")
    args = parser.parse_args(argv)
    config = TrainConfig(epochs=args.epochs, seed=args.seed, full_mnist=args.full_mnist, allow_download=args.full_mnist,
                         pen_digits=not args.no_pen_digits, pen_copies=args.pen_copies,
                         pen_variants=not args.no_pen_variants)
    train_shipped_model(config, model_path=args.output, export_test_dir=args.export_test)


if __name__ == "__main__":
    main()
