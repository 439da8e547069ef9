"""Lesson 2's plan: draw and read a digit, Conv2D (padding, stride), MaxPool2D, train your own CNN, fine-tune.

The shape questions are answered by `plan_layers`, the same arithmetic the page shows beside the real Keras
model (tests check the two agree); the parameter question counts a built Keras layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.shared.lesson_plan import NUMBER, LessonPlan, Question, Reveal, Step
from core.vision.cnn import PADDING_SAME, PADDING_VALID, CnnConfig, plan_layers

LESSON = "vision"


def shape_reveal(kernel: int, padding: str, stride: int, pooling: bool) -> Reveal:
    """The side of the feature map after one conv block on a 28×28 digit, by `plan_layers`."""
    config = CnnConfig(blocks=1, filters=8, kernel_size=kernel, padding=padding, strides=stride, pooling=pooling,
                       dense_units=0, dropout=0.0)
    layers = [layer for layer in plan_layers(config) if layer.kind in ("Conv2D", "MaxPooling2D")]
    sides = " → ".join(f"{layer.kind} {layer.output_shape[0]}×{layer.output_shape[1]}" for layer in layers)
    side = layers[-1].output_shape[0]
    code = (f"Conv2D(8, {kernel}, padding='{padding}', strides={stride})" + (" → MaxPool2D(2)" if pooling else ""))
    return Reveal(str(side), f"28×28 → {sides}", f"28×28 → {sides}", code)


def conv_parameters_reveal(_resources: Mapping[str, Any]) -> Reveal:
    """Build `Conv2D(8, 3)` on a one-channel image with Keras and count its weights."""
    import keras

    layer = keras.layers.Conv2D(8, 3)
    layer.build((None, 28, 28, 1))
    count = int(layer.count_params())
    return Reveal(str(count), f"3 × 3 × 1 × 8 가중치 + 8 편향 = {count}",
                  f"3 × 3 × 1 × 8 weights + 8 biases = {count}", "Conv2D(8, 3).count_params()  # on (28, 28, 1)")


VALID = Question(
    "vision_valid", "28×28 그림에 3×3 Conv2D (padding VALID, stride 1)를 쓰면 특징 맵의 한 변은?",
    "A 28×28 image through a 3×3 Conv2D (padding VALID, stride 1): how wide is the feature map?", NUMBER,
    lambda _resources: shape_reveal(3, PADDING_VALID, 1, pooling=False), unit_ko="칸", unit_en="pixels")
POOLED = Question(
    "vision_pooled", "28×28 → 3×3 Conv2D VALID, stride 1 → MaxPool2D(2). 출력의 한 변은?",
    "28×28 → 3×3 Conv2D VALID, stride 1 → MaxPool2D(2): how wide is the output?", NUMBER,
    lambda _resources: shape_reveal(3, PADDING_VALID, 1, pooling=True), unit_ko="칸", unit_en="pixels")
STRIDE = Question(
    "vision_stride", "28×28에 3×3 Conv2D (padding SAME, stride 2)를 쓰면 특징 맵의 한 변은?",
    "A 28×28 image through a 3×3 Conv2D (padding SAME, stride 2): how wide is the feature map?", NUMBER,
    lambda _resources: shape_reveal(3, PADDING_SAME, 2, pooling=False), unit_ko="칸", unit_en="pixels")
BIG_KERNEL = Question(
    "vision_big_kernel", "28×28에 5×5 Conv2D (padding VALID, stride 1)를 쓰면 한 변은?",
    "A 28×28 image through a 5×5 Conv2D (padding VALID, stride 1): how wide?", NUMBER,
    lambda _resources: shape_reveal(5, PADDING_VALID, 1, pooling=False), unit_ko="칸", unit_en="pixels")
PARAMETERS = Question(
    "vision_parameters", "흑백 그림에 Conv2D(8, 3×3)을 쓰면 학습할 파라미터는 몇 개일까요?",
    "Conv2D(8, 3×3) on a grey image: how many parameters does it learn?", NUMBER, conv_parameters_reveal,
    unit_ko="개", unit_en="parameters")

PLAN = LessonPlan(
    LESSON,
    steps=(
        Step("draw", "숫자 그리기 → MNIST식 전처리 → CNN 예측", "Draw → MNIST-style preparation → CNN prediction",
             "draw", 8, note_ko="노트: CNN 손글씨 분류"),
        Step("inside", "CNN 안 들여다보기: 필터와 특징 맵", "Inside the CNN: filters and feature maps", "draw", 5,
             core=False),
        Step("conv", "Conv2D: 필터, 패딩 SAME/VALID", "Conv2D: filters, padding SAME/VALID", "conv_demo", 9,
             note_ko="노트: 합성곱·패딩", question=VALID.id),
        Step("stride", "스트라이드", "Stride", "conv_demo", 5, note_ko="노트: 스트라이드", question=STRIDE.id),
        Step("pool", "MaxPool2D와 Flatten", "MaxPool2D and Flatten", "pool_demo", 8, note_ko="노트: 풀링·평탄화",
             question=POOLED.id),
        Step("train", "나만의 CNN 학습: Dense와 softmax", "Train your own CNN: Dense and softmax", "train", 12,
             note_ko="노트: 완전연결층·softmax"),
        Step("teach", "내 글씨로 미세 조정", "Fine-tune on my handwriting", "teach", 6, core=False),
        Step("exit", "출구 티켓", "Exit ticket", "exit_ticket", 3),
    ),
    questions=(VALID, POOLED, STRIDE, BIG_KERNEL, PARAMETERS),
    exit_ticket=(BIG_KERNEL.id, PARAMETERS.id, POOLED.id),
)
