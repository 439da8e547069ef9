"""Lesson 1's plan: the note's order (training loop, tensors, epoch / batch / iteration, Keras), with questions.

Every answer is computed by the lesson's own code: `epoch_plan` for iterations, the GradientTape stepper
for the learning-rate question, `recommended_loss` for compile, a built Keras model for `predict`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.concepts.batching import epoch_plan
from core.shared.lesson_plan import CHOICE, NUMBER, Choice, LessonPlan, Question, Reveal, Step, format_number

LESSON = "concepts"
STEPPER_STEPS = 20
LARGE_LEARNING_RATE = 1.5


def iterations_reveal(samples: int, batch: int, epochs: int = 1) -> Reveal:
    """Iterations (weight updates) for a data set, by `epoch_plan`, the builder's own arithmetic."""
    plan = epoch_plan(samples, batch, epochs)
    total = plan.total_iterations
    return Reveal(format_number(total),
                  f"⌈{samples:,} ÷ {batch}⌉ = {plan.iterations_per_epoch}회/에포크 × {epochs} = {total}번 업데이트 "
                  f"(마지막 배치는 {plan.last_batch_size}개)",
                  f"⌈{samples:,} ÷ {batch}⌉ = {plan.iterations_per_epoch} per epoch × {epochs} = {total} updates "
                  f"(the last batch has {plan.last_batch_size})",
                  f"epoch_plan({samples}, {batch}, {epochs}).total_iterations  # {total}")


def learning_rate_reveal(_resources: Mapping[str, Any]) -> Reveal:
    """Run the page's GradientTape stepper with a learning rate of 1.5 and read the loss's trend."""
    from core.concepts.training_loop import TREND_DECREASING, create_stepper, loss_trend, run_steps

    state, records = run_steps(create_stepper(), LARGE_LEARNING_RATE, STEPPER_STEPS)
    losses = [record.loss for record in records]
    answer = "down" if loss_trend(losses) == TREND_DECREASING else "up"
    first, last = losses[0], losses[-1]
    return Reveal(answer, f"{len(losses)}단계 학습: 손실 {first:.4g} → {last:.4g}",
                  f"{len(losses)} steps: loss {first:.4g} → {last:.4g}",
                  f"run_steps(create_stepper(), learning_rate={LARGE_LEARNING_RATE}, count={STEPPER_STEPS})")


def classification_loss_reveal(_resources: Mapping[str, Any]) -> Reveal:
    """The loss the builder compiles a 3-class classifier with."""
    from core.concepts.model_builder import recommended_loss

    loss = recommended_loss("classification", 3)
    return Reveal(loss, f"분류에는 교차 엔트로피: compile(loss=\"{loss}\")",
                  f"Classification uses cross-entropy: compile(loss=\"{loss}\")",
                  f"recommended_loss('classification', 3)  # '{loss}'")


def predict_width_reveal(_resources: Mapping[str, Any]) -> Reveal:
    """Build a 3-class Keras classifier and count the numbers `model.predict` returns for one sample."""
    import keras
    import numpy as np

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(4, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    width = int(np.asarray(model.predict_on_batch(np.zeros((1, 2), "float32"))).shape[-1])
    return Reveal(str(width), f"predict()는 라벨이 아니라 클래스마다 확률 {width}개를 돌려줍니다 → argmax로 고릅니다",
                  f"predict() returns {width} probabilities, one per class, not a label → pick with argmax",
                  "model.predict(X).shape  # (1, 3)")


ITERATIONS = Question(
    "concepts_iterations", "샘플 1,050개, 배치 크기 100이면 한 에포크는 몇 번의 반복(iteration)일까요?",
    "1,050 samples with batch size 100: how many iterations does one epoch take?", NUMBER,
    lambda _resources: iterations_reveal(1050, 100), unit_ko="번", unit_en="iterations")
LEARNING_RATE = Question(
    "concepts_learning_rate", f"학습률을 {LARGE_LEARNING_RATE}로 크게 하고 {STEPPER_STEPS}단계 학습하면 손실은?",
    f"With a learning rate of {LARGE_LEARNING_RATE}, what does the loss do over {STEPPER_STEPS} steps?", CHOICE,
    learning_rate_reveal,
    (Choice("down", "줄어든다", "it goes down"), Choice("up", "커지거나 발산한다", "it grows or blows up")))
LOSS = Question(
    "concepts_loss", "클래스가 3개인 분류 모델을 compile 할 때 어떤 손실 함수를 쓸까요?",
    "Which loss do you compile a 3-class classifier with?", CHOICE, classification_loss_reveal,
    (Choice("mse", "평균 제곱 오차 (mse)", "mean squared error (mse)"),
     Choice("categorical_crossentropy", "교차 엔트로피 (categorical_crossentropy)",
            "cross-entropy (categorical_crossentropy)")))
UPDATES = Question(
    "concepts_updates", "샘플 1,000개, 배치 100, 에포크 3이면 가중치는 모두 몇 번 업데이트될까요?",
    "1,000 samples, batch 100, 3 epochs: how many weight updates in all?", NUMBER,
    lambda _resources: iterations_reveal(1000, 100, 3), unit_ko="번", unit_en="updates")
LAST_BATCH = Question(
    "concepts_last_batch", "샘플 2,050개를 배치 500으로 나누면 한 에포크는 몇 번의 반복일까요?",
    "2,050 samples in batches of 500: how many iterations per epoch?", NUMBER,
    lambda _resources: iterations_reveal(2050, 500), unit_ko="번", unit_en="iterations")
PREDICT = Question(
    "concepts_predict", "클래스가 3개인 모델의 model.predict는 샘플 하나에 숫자를 몇 개 돌려줄까요?",
    "For a 3-class model, how many numbers does model.predict return per sample?", NUMBER, predict_width_reveal,
    unit_ko="개", unit_en="numbers")

PLAN = LessonPlan(
    LESSON,
    steps=(
        Step("loop", "학습 루프: 순전파 → LOSS → 역전파 → 업데이트",
             "The training loop: forward → loss → backward → update", "training_loop", 12,
             note_ko="노트: 학습 과정", question=LEARNING_RATE.id),
        Step("tensors", "텐서와 df.values", "Tensors and df.values", "tensors", 6, note_ko="노트: 텐서"),
        Step("batches", "에포크 · 배치 · 반복", "Epoch · batch · iteration", "batches", 9,
             note_ko="노트: 에포크/배치/이터레이션", question=ITERATIONS.id),
        Step("builder", "Keras 모델: 생성 → 층 → compile → fit", "Keras: create → layers → compile → fit", "builder",
             12, note_ko="노트: 모델 생성·compile·fit", question=LOSS.id),
        Step("evaluate", "evaluate · predict (argmax)", "evaluate · predict (argmax)", "builder", 3,
             note_ko="노트: evaluate·predict", question=PREDICT.id),
        Step("exit", "출구 티켓", "Exit ticket", "exit_ticket", 3),
    ),
    questions=(ITERATIONS, LEARNING_RATE, LOSS, UPDATES, LAST_BATCH, PREDICT),
    exit_ticket=(UPDATES.id, LAST_BATCH.id, LOSS.id),
)
