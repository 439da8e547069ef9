"""Random distortions of 28×28 digits."""

from __future__ import annotations

import numpy as np

from core.vision.augmentation import Augmentation, augment_images


def test_augmentation_keeps_shape_range_and_identity():
    images = np.random.default_rng(1).random((16, 28, 28)).astype(np.float32)
    rng = np.random.default_rng(0)
    distorted = augment_images(images, rng, Augmentation())
    assert distorted.shape == images.shape and distorted.dtype == np.float32
    assert distorted.min() >= 0.0 and distorted.max() <= 1.0
    assert not np.allclose(distorted, images)
    identity = Augmentation(
        rotation_degrees=0,
        scale_range=(1.0, 1.0),
        shear=0,
        shift_pixels=0,
        elastic_alpha=0,
        thicken_probability=0,
        thin_probability=0,
    )
    assert np.allclose(augment_images(images, rng, identity), images, atol=1e-5)


def test_augmentation_thickens_strokes():
    images = np.zeros((8, 28, 28), np.float32)
    images[:, 5:23, 13] = 1.0
    only_thicker = Augmentation(
        rotation_degrees=0,
        scale_range=(1.0, 1.0),
        shear=0,
        shift_pixels=0,
        elastic_alpha=0,
        thicken_probability=1.0,
        thin_probability=0,
    )
    thicker = augment_images(images, np.random.default_rng(0), only_thicker)
    assert (thicker > 0.5).sum() > (images > 0.5).sum()
