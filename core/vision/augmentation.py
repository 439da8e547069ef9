"""Random distortions of 28×28 digits (rotation, scale, shear, shift, elastic wobble, pen width).

Real drawings differ from MNIST in position, size, slant and pen width even after `prepare_digit`, so both
the shipped CNN's build command and a student's fine-tuning train on freshly distorted copies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Augmentation:
    """Ranges of the random distortions applied to every training image, every epoch."""

    rotation_degrees: float = 12.0
    scale_range: tuple[float, float] = (0.85, 1.12)
    shear: float = 0.25
    shift_pixels: float = 2.5
    elastic_alpha: float = 6.0
    elastic_sigma: float = 3.0
    elastic_probability: float = 0.5
    thicken_probability: float = 0.25
    thin_probability: float = 0.15


def augment_images(images: np.ndarray, rng: np.random.Generator, augmentation: Augmentation) -> np.ndarray:
    """Return randomly distorted copies of (n, 28, 28) images in [0, 1], all in one vectorised pass."""
    from scipy import ndimage

    count, height, width = images.shape
    angle = np.deg2rad(rng.uniform(-augmentation.rotation_degrees, augmentation.rotation_degrees, count))
    scale = rng.uniform(*augmentation.scale_range, count)
    shear = rng.uniform(-augmentation.shear, augmentation.shear, count)
    shift = rng.uniform(-augmentation.shift_pixels, augmentation.shift_pixels, (count, 2))

    # Each output pixel samples the source at A @ (p - c) + c - shift, A = (rotation x shear) / scale.
    cos, sin = np.cos(angle), np.sin(angle)
    a00, a01 = cos / scale, (cos * shear - sin) / scale
    a10, a11 = sin / scale, (sin * shear + cos) / scale
    rows, cols = np.meshgrid(np.arange(height, dtype=np.float32), np.arange(width, dtype=np.float32), indexing="ij")
    centre_row, centre_col = (height - 1) / 2.0, (width - 1) / 2.0
    dr, dc = rows[None] - centre_row, cols[None] - centre_col
    source_rows = a00[:, None, None] * dr + a01[:, None, None] * dc + centre_row - shift[:, 0, None, None]
    source_cols = a10[:, None, None] * dr + a11[:, None, None] * dc + centre_col - shift[:, 1, None, None]

    if augmentation.elastic_alpha > 0:
        wobble = rng.uniform(-1.0, 1.0, (2, count, height, width)).astype(np.float32)
        sigma = (0, 0, augmentation.elastic_sigma, augmentation.elastic_sigma)
        wobble = ndimage.gaussian_filter(wobble, sigma=sigma) * augmentation.elastic_alpha
        wobble *= (rng.random(count) < augmentation.elastic_probability)[None, :, None, None]
        source_rows = source_rows + wobble[0]
        source_cols = source_cols + wobble[1]

    index = np.broadcast_to(np.arange(count, dtype=np.float32)[:, None, None], source_rows.shape)
    coordinates = np.stack([index, source_rows, source_cols])
    warped = ndimage.map_coordinates(images, coordinates, order=1, mode="constant", cval=0.0)

    pen = rng.random(count)
    thicker = pen < augmentation.thicken_probability
    thinner = (pen >= augmentation.thicken_probability) & (
        pen < augmentation.thicken_probability + augmentation.thin_probability
    )
    if thicker.any():
        warped[thicker] = ndimage.grey_dilation(warped[thicker], size=(1, 2, 2))
    if thinner.any():
        warped[thinner] = ndimage.grey_erosion(warped[thinner], size=(1, 2, 2))
    return np.clip(warped, 0.0, 1.0).astype(np.float32)
