"""Tests for core.availability (no TensorFlow import needed)."""

from __future__ import annotations

from pathlib import Path

from core import availability


def test_nsmc_source_found_and_missing(tmp_path: Path) -> None:
    assert not availability.nsmc_source(tmp_path).available
    (tmp_path / "ratings_train.txt").write_text("id\tdocument\tlabel\n", encoding="utf-8")
    assert availability.nsmc_source(tmp_path).available


def test_model_file_reports_size(tmp_path: Path) -> None:
    path = tmp_path / "model.keras"
    assert not availability.model_file("m", path, "모델", "model").available
    path.write_bytes(b"x" * 2_000_000)
    resource = availability.model_file("m", path, "모델", "model")
    assert resource.available and "2.0 MB" in resource.detail_en


def test_mnist_source_prefers_cached_full_set(tmp_path: Path, monkeypatch) -> None:
    cached = tmp_path / "mnist.npz"
    monkeypatch.setattr(availability, "KERAS_MNIST_CACHE", cached)
    assert "5,000" in availability.mnist_source().detail_en
    cached.write_bytes(b"")
    assert "Full MNIST" in availability.mnist_source().detail_en


def test_all_resources_in_lesson_order() -> None:
    keys = [resource.key for resource in availability.all_resources()]
    assert keys == ["mnist", "mnist_model", "java", "nsmc", "nsmc_model"]
