"""The pen-digit benches run end to end on a tiny synthetic UNIPEN file and a tiny model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bench import fine_tune, pen_digits
from core.vision.cnn import CnnConfig, build_model

# Per label, one stroke in tablet coordinates (y grows upwards); crude, but real strokes for the renderer.
SHAPES = {
    0: [(200, 400), (120, 300), (200, 100), (280, 300), (200, 400)],
    1: [(200, 400), (200, 100)],
    2: [(120, 350), (200, 400), (280, 350), (120, 100), (280, 100)],
    3: [(120, 400), (280, 350), (180, 250), (280, 150), (120, 100)],
    4: [(240, 100), (240, 400), (120, 200), (300, 200)],
    5: [(280, 400), (140, 400), (140, 260), (280, 200), (140, 100)],
    6: [(260, 400), (140, 200), (200, 100), (260, 200), (140, 200)],
    7: [(120, 400), (280, 400), (180, 100)],
    8: [(200, 250), (120, 350), (200, 400), (280, 350), (120, 150), (200, 100), (280, 150), (200, 250)],
    9: [(260, 300), (140, 350), (200, 400), (260, 300), (260, 100)],
}


def unipen_file(path: Path, writers: int = 8, per_digit: int = 2) -> Path:
    lines = ['.LEXICON "0" "1" "2" "3" "4" "5" "6" "7" "8" "9"', ".HIERARCHY DIGIT", ""]
    for writer in range(1, writers + 1):
        for label, points in SHAPES.items():
            for sample in range(per_digit):
                lines += [f'.SEGMENT DIGIT {sample} ? "{label}"', f".COMMENT {label} {writer} {sample}", ".PEN_DOWN"]
                lines += [f" {x + 7 * writer} {y + 5 * sample}" for x, y in points]
                lines += [".PEN_UP", ".DT 100", ""]
    path.write_text("\n".join(lines), encoding="latin-1")
    return path


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("model") / "tiny.keras"
    build_model(CnnConfig(blocks=1, filters=4, dense_units=16)).save(path)
    return path


def test_pen_digit_bench_prints_one_json_line_and_exports_pngs(tmp_path, tiny_model, capsys) -> None:
    data = unipen_file(tmp_path / "pen.tra")
    pen_digits.main(["--data", str(data), "--model", str(tiny_model), "--export", str(tmp_path / "png")])
    result = json.loads(capsys.readouterr().out.strip())
    assert result["n"] == 6 * 10 * 2 and len(result["writers"]) == 6 and 0.0 <= result["accuracy"] <= 1.0
    assert set(result["per_digit"]) == {str(digit) for digit in range(10)}
    # Each held-out writer's two 1s get a flag and their two one-stroke 7s a crossbar.
    assert result["variants_n"] == 6 * 2 * 2 and 0.0 <= result["variants_accuracy"] <= 1.0
    assert result["exported"] == 120 and len(list((tmp_path / "png").glob("*_*.png"))) == 120


def test_fine_tune_bench_times_twenty_drawings_per_writer(tmp_path, tiny_model, capsys) -> None:
    data = unipen_file(tmp_path / "pen.tra", per_digit=3)
    fine_tune.main(["--data", str(data), "--model", str(tiny_model)])
    result = json.loads(capsys.readouterr().out.strip())
    assert result["drawings"] == 20 and len(result["writers"]) == 6
    assert result["seconds_max"] >= result["seconds_median"] > 0
    assert 0.0 <= result["writer_other_drawings_after"] <= 1.0
    assert 0.0 <= result["taught_before"] <= 1.0 and 0.0 <= result["taught_after"] <= 1.0


def test_a_student_teaches_the_misread_drawings_first() -> None:
    class ReadsEverythingAsZero:
        def predict(self, batch, batch_size, verbose):
            return np.eye(10)[np.zeros(len(batch), dtype=int)]

    labels = np.repeat(np.arange(10), 4)
    images = np.zeros((len(labels), 28, 28), np.float32)
    mine = np.arange(len(labels))
    chosen = fine_tune.taught_drawings(ReadsEverythingAsZero(), images, labels, mine)
    assert len(chosen) == 20 and np.all(labels[chosen] != 0)
    assert list(chosen) == list(np.flatnonzero(labels != 0)[:20])


def test_benches_say_when_the_pen_data_is_missing(tmp_path) -> None:
    with pytest.raises(SystemExit, match="no pen data"):
        pen_digits.main(["--data", str(tmp_path / "missing.tra")])
    with pytest.raises(SystemExit, match="no pen data"):
        fine_tune.main(["--data", str(tmp_path / "missing.tra")])
