"""Named exercises for the lesson 1 builder: one click sets every control, and a note says what to watch.

Each preset is a `BuilderSetup` (so it is also a link: `?preset=<id>&…`) with a title and commentary in
the study note's terms: 순전파, LOSS, 역전파, 학습률, 에포크 / 배치 / 반복, 과적합.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from core.concepts.model_builder import LayerConfig
from core.concepts.setup_link import BuilderSetup


@dataclass(frozen=True)
class Preset:
    """An exercise: its id (used in links), title, the builder setup, and what to watch for."""

    id: str
    title_ko: str
    title_en: str
    setup: BuilderSetup
    watch_ko: str
    watch_en: str


BIG_NETWORK = tuple(LayerConfig(64, "relu") for _ in range(3))
REGULARISED_NETWORK = tuple(LayerConfig(64, "relu", dropout=0.3, l2=0.01) for _ in range(3))
# Few noisy points and a large validation share: the big network can memorise the 50 training points.
OVERFIT_DATA = {"dataset": "xor", "class_count": 2, "samples": 100, "noise": 0.5, "validation_split": 0.5,
                "optimizer": "adam", "learning_rate": 0.01, "epochs": 100, "batch_size": 16}

PRESETS: tuple[Preset, ...] = (
    Preset(
        "linear_circle", "선형 모델로는 원을 못 나눈다", "A linear model cannot separate a circle",
        BuilderSetup(dataset="circle", layers=(), epochs=40, learning_rate=0.03),
        "은닉층이 없으면 모델은 `sigmoid(w1·x1 + w2·x2 + b)` 하나뿐이라 결정 경계가 **직선**입니다. 원 안과 밖은 "
        "직선 하나로 나눌 수 없으니 LOSS가 0.693(= ln 2, 반반으로 찍을 때의 교차 엔트로피) 근처에서 멈추고 "
        "정확도는 50~70%에서 더 오르지 않습니다. 학습이 끝나면 "
        "'은닉층 수'를 1로 올리고(뉴런 4개 이상, relu 또는 tanh) 다시 학습해 경계가 휘어지는 것을 보세요.",
        "Without hidden layers the model is just `sigmoid(w1·x1 + w2·x2 + b)`: its decision boundary is a **straight "
        "line**, and no line separates the inside of a circle from the outside. The loss stalls near 0.693 (= ln 2, "
        "the cross-entropy of a 50/50 guess) and accuracy stays at 50-70%. Then add one hidden layer (4+ units, "
        "relu or tanh) and train again: the boundary bends.",
    ),
    Preset(
        "big_learning_rate", "학습률이 너무 크면", "When the learning rate is too large",
        BuilderSetup(dataset="circle", optimizer="adam", learning_rate=1.0, epochs=30,
                     layers=(LayerConfig(16, "relu"), LayerConfig(16, "relu"))),
        "가중치 업데이트는 `w ← w − 학습률 × 기울기`입니다. 학습률 1.0이면 한 번에 너무 멀리 움직여 골짜기를 "
        "넘어가 버립니다: 첫 에포크에 LOSS가 크게 튀어 오른 뒤 0.69 근처(반반으로 찍는 수준)에서 멈추고, "
        "정확도는 50% 근처입니다. 큰 걸음에 ReLU 뉴런들이 꺼진 채(출력 0) 돌아오지 못하기도 합니다. 학습률을 0.03으로 "
        "낮추고 다시 학습하면 LOSS가 매끄럽게 내려가고 정확도가 95%를 넘습니다. 회귀(사인 곡선)에서 SGD와 "
        "학습률 1.0을 쓰면 LOSS가 NaN(발산)이 되는 것도 볼 수 있습니다.",
        "The update is `w ← w − learning rate × gradient`. At 1.0 each step jumps too far and overshoots the valley: "
        "the loss leaps up in the first epoch, then stalls near 0.69 (a 50/50 guess) with accuracy near 50%; big "
        "steps can also leave ReLU units switched off for good. Lower it to 0.03 and train again: the loss falls "
        "smoothly and accuracy passes 95%. With SGD at 1.0 on the sine regression the loss even becomes NaN.",
    ),
    Preset(
        "batch_iterations", "배치 크기와 반복 횟수", "Batch size and iterations",
        BuilderSetup(dataset="moons", samples=1000, batch_size=64, epochs=20, validation_split=0.2),
        "1000개 중 20%(200개)는 evaluate()용 테스트, 남은 800개의 20%는 검증용이라 실제로 학습하는 것은 640개입니다. "
        "배치 64면 에포크 한 번에 640 ÷ 64 = **반복 10번**, 즉 가중치를 10번 업데이트합니다 (노트의 1000개·배치 100 → "
        "10번과 같은 계산). 진행 막대의 '반복(iteration)' 숫자를 보세요. 배치를 8로 바꾸면 에포크당 80번 업데이트해서 "
        "같은 에포크 수로 더 빨리 배우지만 에포크마다 시간이 더 걸립니다.",
        "Of 1000 samples 20% (200) are held out for evaluate(), and 20% of the remaining 800 for validation, so 640 "
        "train. A batch of 64 means 640 ÷ 64 = **10 iterations** per epoch: ten weight updates (the note's 1000 "
        "samples, batch 100 → 10). Watch the iteration counter. With batch 8 there are 80 updates per epoch: faster "
        "learning per epoch, but each epoch takes longer.",
    ),
    Preset(
        "overfit", "일부러 과적합 만들기", "Overfit on purpose",
        BuilderSetup(layers=BIG_NETWORK, **OVERFIT_DATA),
        "노이즈가 큰 점 100개 중 학습에 쓰는 것은 40개뿐인데 모델은 파라미터가 8천 개가 넘습니다. 모델이 규칙 대신 "
        "점 하나하나를 외워 버립니다: **학습 손실(실선)은 계속 내려가는데 검증 손실(점선)은 어느 순간부터 "
        "올라갑니다**. 이것이 과적합입니다. 결정 경계도 점 하나를 감싸듯 구불구불해집니다. "
        "다음 연습 '과적합과 드롭아웃'과 곡선을 비교하세요.",
        "Only 40 of 100 noisy points train a model with over 8,000 parameters. It memorises points instead of the "
        "rule: **the training loss (solid) keeps falling while the validation loss (dotted) turns up**. That is "
        "overfitting; the boundary wraps around single points. Compare with the next exercise.",
    ),
    Preset(
        "overfit_dropout", "과적합과 드롭아웃", "Overfitting and dropout",
        BuilderSetup(layers=REGULARISED_NETWORK, **OVERFIT_DATA),
        "같은 데이터, 같은 큰 모델에 층마다 **Dropout(0.3)** (학습 중에만 뉴런 30%를 무작위로 끔)과 "
        "**L2 규제 0.01** (큰 가중치에 벌점을 LOSS에 더함)을 넣었습니다. 한 점을 외우기 어려워져 검증 손실이 "
        "'일부러 과적합'보다 덜 올라가고 결정 경계가 매끄럽습니다. 학습 손실이 검증 손실보다 높게 보일 수 있는데, "
        "학습할 때만 드롭아웃이 켜지고 벌점이 더해지기 때문입니다.",
        "The same data and big model with **Dropout(0.3)** after each layer (switches off 30% of units, in training "
        "only) and an **L2 penalty of 0.01** (adds big weights to the loss). Memorising single points gets hard: "
        "the validation loss rises less than in 'overfit on purpose' and the boundary is smoother. The training loss "
        "may sit above the validation loss because dropout and the penalty act only while training.",
    ),
    Preset(
        "linear_activation", "활성화 함수가 없으면", "Without an activation function",
        BuilderSetup(dataset="sine", layers=(LayerConfig(16, "linear"), LayerConfig(16, "linear")), epochs=60,
                     learning_rate=0.03),
        "은닉층을 두 개 쌓았지만 활성화가 linear라 순전파가 `W2·(W1·x + b1) + b2` = 한 번의 직선 계산과 같습니다. "
        "층을 아무리 쌓아도 사인 곡선을 못 따라가고 직선 하나로 맞춥니다(R² 약 0.7). 두 층의 활성화를 tanh로 바꿔 "
        "다시 학습하면 곡선이 휘어지고 R²가 0.95를 넘습니다.",
        "Two hidden layers, but with linear activations the forward pass `W2·(W1·x + b1) + b2` is one straight-line "
        "computation. However many layers, the model fits a line to the sine wave (R² about 0.7). Switch both to tanh "
        "and train again: the curve bends and R² passes 0.95.",
    ),
)

PRESET_IDS: tuple[str, ...] = tuple(preset.id for preset in PRESETS)
PRESET_SETUPS: dict[str, BuilderSetup] = {preset.id: preset.setup for preset in PRESETS}


def preset_by_id(preset_id: str) -> Preset:
    """The named exercise (raises KeyError for an unknown id)."""
    for preset in PRESETS:
        if preset.id == preset_id:
            return preset
    raise KeyError(preset_id)


def preset_setup(preset_id: str, hidden: tuple[str, ...] = (), lock_data: bool = False) -> BuilderSetup:
    """The preset's setup tagged with its id, keeping how the current link shows the controls."""
    return replace(preset_by_id(preset_id).setup, preset=preset_id, hidden=hidden, lock_data=lock_data)
