"""Saying honestly how sure the CNN is, and why a drawing may not be one digit.

A softmax always picks some digit, even for a scribble. The page therefore reads the two largest
probabilities: a low top probability or a close runner-up is said out loud ("7일 수도 있어요"), and a
drawing whose ink is spread like several digits, or broken into many pieces, gets its own hint.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.vision.digit_image import PreparedDigit
from core.vision.digit_model import DIGIT_CLASSES, LOW_CONFIDENCE_THRESHOLD

# Below this gap between the two largest probabilities the runner-up is a real possibility.
CLOSE_MARGIN = 0.25
# Below this top probability the drawing may not be a digit at all (a letter, a scribble).
NOT_A_DIGIT_THRESHOLD = 0.35
# A single digit is at most this many times wider than tall (a "1" lying down is not a digit either).
MAX_WIDTH_TO_HEIGHT = 2.2
# More separate ink pieces than this is a scribble or several digits (a "5" or "4" has two or three).
MAX_PIECES = 4


@dataclass(frozen=True)
class Verdict:
    """The two best digits and how the page should talk about them."""

    predicted: int
    probability: float
    runner_up: int
    runner_up_probability: float

    @property
    def unsure(self) -> bool:
        """The top probability is low."""
        return self.probability < LOW_CONFIDENCE_THRESHOLD

    @property
    def close(self) -> bool:
        """The runner-up is almost as likely as the winner."""
        return self.probability - self.runner_up_probability < CLOSE_MARGIN

    @property
    def doubtful(self) -> bool:
        """Whether the page should warn and show what the drawing resembles."""
        return self.unsure or self.close

    def message(self) -> tuple[str, str] | None:
        """The Korean and English warning, or None when the model is sure."""
        top, second = f"{self.probability:.0%}", f"{self.runner_up_probability:.0%}"
        if self.probability < NOT_A_DIGIT_THRESHOLD:
            return (
                f"모델이 거의 확신하지 못합니다 (가장 큰 확률 {top}). 숫자가 아닌 그림(글자, 낙서)이거나 "
                f"알아보기 어려운 숫자 같아요. {self.predicted}보다는 {self.runner_up}일 수도 있어요.",
                f"The model is far from sure (top probability {top}). This may not be a digit (a letter, a "
                f"scribble) or it is hard to read. It could also be a {self.runner_up}.",
            )
        if self.doubtful:
            return (
                f"{self.predicted}(으)로 읽었지만 {self.runner_up}일 수도 있어요 "
                f"({self.predicted}: {top}, {self.runner_up}: {second}).",
                f"Read as {self.predicted}, but it could be a {self.runner_up} "
                f"({self.predicted}: {top}, {self.runner_up}: {second}).",
            )
        return None


def judge(probabilities: np.ndarray) -> Verdict:
    """The verdict on 10 class probabilities (summing to 1)."""
    probabilities = np.asarray(probabilities, dtype=np.float64)
    if probabilities.shape != (DIGIT_CLASSES,):
        raise ValueError(f"expected {DIGIT_CLASSES} probabilities, got shape {probabilities.shape}")
    order = np.argsort(probabilities)[::-1]
    return Verdict(int(order[0]), float(probabilities[order[0]]), int(order[1]), float(probabilities[order[1]]))


def drawing_hint(prepared: PreparedDigit) -> tuple[str, str] | None:
    """A Korean and English hint when the ink does not look like one digit (several digits, a scribble)."""
    crop = next((step.image for step in prepared.steps if step.key == "crop"), None)
    if prepared.blank or crop is None:
        return None
    height, width = crop.shape
    if width > MAX_WIDTH_TO_HEIGHT * height:
        return ("그림이 옆으로 아주 깁니다. 숫자 여러 개를 쓴 것 같아요. 이 모델은 숫자 **하나**만 읽습니다.",
                "The drawing is very wide, like several digits. This model reads **one** digit at a time.")
    from scipy import ndimage

    _, pieces = ndimage.label(crop > 0, structure=np.ones((3, 3), dtype=bool))
    if pieces > MAX_PIECES:
        return (f"잉크가 {pieces}조각으로 떨어져 있습니다. 숫자 여러 개나 낙서 같아요. 숫자 하나를 이어서 그려 주세요.",
                f"The ink is in {pieces} separate pieces, like several digits or a scribble. "
                "Draw one connected digit.")
    return None
