"""Section 2 · inside the CNN: the feature maps each layer makes of the digit, and the first layer's filters."""

from __future__ import annotations

import streamlit as st

from core.vision import cnn
from core.vision.charts import MAX_CHANNELS_SHOWN, filters_image
from core.vision.mnist_data import MnistSplit
from lessons.i18n import t
from lessons.vision import keys, resources
from lessons.vision.draw import SHIPPED, TUNED, Reading

# Feature-map and filter pictures are drawn this wide (about 84 px per panel), whatever their resolution.
PICTURE_WIDTH = 680


def pictures_for(reading: Reading, digit) -> list[resources.LayerPicture]:
    """The shipped CNN's pictures come from the process-wide cache; the student's own model is theirs alone."""
    if reading.model_kind == SHIPPED:
        return resources.shipped_layer_pictures(digit)
    extractor = keys.TUNED_EXTRACTOR if reading.model_kind == TUNED else keys.MY_EXTRACTOR
    return resources.layer_pictures(reading.model, st.session_state[extractor], digit)


def show_filters(reading: Reading) -> None:
    """The first conv layer's learned kernels."""
    st.subheader(t("첫 번째 합성곱층이 학습한 필터", "Filters learned by the first conv layer"))
    st.caption(t("빨강은 양수, 파랑은 음수 가중치입니다.", "Red is a positive weight, blue a negative one."))
    if reading.model_kind == SHIPPED:
        st.image(resources.shipped_filters_uri(), width=PICTURE_WIDTH // 2)
    else:
        st.image(filters_image(cnn.first_layer_filters(reading.model)), width=PICTURE_WIDTH // 2)


def feature_maps(reading: Reading, data: MnistSplit) -> None:
    """One tiled image of feature maps per Conv2D / MaxPool2D layer, for the drawing or a test image."""
    digit = reading.prepared.digit if reading.usable else data.x_test[0]
    if not reading.usable:
        st.caption(t(f"그린 숫자가 없어서 테스트 이미지(정답 {int(data.y_test[0])})를 넣어 봅니다.",
                     f"Nothing drawn yet, so a test image (label {int(data.y_test[0])}) is used."))
    st.markdown(t(
        "**합성곱층(Conv2D)** 의 **필터**(작은 가중치 격자)가 이미지를 훑으며 곱하고 더해 **특징 맵**을 만들고, "
        "**활성화 함수**(ReLU)를 거칩니다. **맥스 풀링**은 2×2 칸마다 가장 큰 값만 남겨 크기를 절반으로 줄입니다. "
        "밝은 곳이 필터가 강하게 반응한 곳입니다.",
        "Each **Conv2D filter** (a small grid of weights) slides over the image, multiplying and adding, to "
        "make a **feature map**, then the **activation function** (ReLU) is applied. **Max pooling** keeps the "
        "largest value of every 2×2 patch, halving the size. Bright spots are where a filter responds.",
    ))
    for picture in pictures_for(reading, digit):
        height, width, channels = picture.shape
        shown = min(channels, MAX_CHANNELS_SHOWN)
        st.markdown(
            f"**{picture.layer}** (`{picture.kind}`) — "
            + t(f"출력 모양 {height}×{width}×{channels}", f"output shape {height}×{width}×{channels}")
            + (t(f" (처음 {shown}개 채널)", f" (first {shown} channels)") if shown < channels else "")
        )
        st.image(picture.uri, width=PICTURE_WIDTH)


def render(reading: Reading, data: MnistSplit) -> None:
    """Section 2 of lesson 2."""
    st.header(t("2. CNN 내부 들여다보기", "2. Inside the CNN"))
    if reading.model is None:
        st.info(t("모델이 있어야 특징 맵을 볼 수 있습니다.", "A model is needed to show feature maps."))
        return
    feature_maps(reading, data)
    show_filters(reading)
