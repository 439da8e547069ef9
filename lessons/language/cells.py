"""SimpleRNN vs LSTM vs GRU: the three cells trained alike on NSMC, and why SimpleRNN forgets (vanishing gradients)."""

from __future__ import annotations

import streamlit as st

from core.language import cell_results as comparison
from core.language import charts
from lessons.i18n import language, t
from lessons.language import keys
from lessons.messages import text_table


@st.cache_resource(show_spinner=False)
def cell_results() -> dict | None:
    """The shipped SimpleRNN / LSTM / GRU comparison (models/), read once per process."""
    return comparison.load_comparison()


def results_table(info: dict) -> None:
    cells = info["cells"]
    text_table({
        t("셀", "cell"): [cell["cell"] for cell in cells],
        t("테스트 정확도", "held-out accuracy"): [f"{cell['held_out_accuracy']:.1%}" for cell in cells],
        t("학습 시간", "training time"): [f"{cell['train_seconds']:.0f} s" for cell in cells],
        t("파라미터 수 (전체)", "parameters (all)"): [f"{cell['parameters']:,}" for cell in cells],
        t("순환층 파라미터", "recurrent layer"): [f"{cell.get('recurrent_parameters', 0):,}" for cell in cells],
        t("첫 토큰을 가리면 바뀌는 확률", "probability change when the first token is masked"):
            [f"{cell['first_token_change']:.3f}" for cell in cells],
    })
    config = info["config"]
    st.caption(t(
        f"같은 조건: Embedding {config['embedding_dim']} → 셀 {config['units']}유닛 → Dense(1, sigmoid), "
        f"최대 길이 {config['max_length']}, 에포크 {config['epochs']}, 배치 {config['batch_size']}. NSMC 학습 파일에서 "
        f"무작위 {info['train_rows']:,}개로 학습, 테스트 파일에서 무작위 {info['test_rows']:,}개로 평가. 마지막 열은 "
        f"{config['long_min_tokens']}토큰 이상인 긴 리뷰 {info['long_test_reviews']:,}개의 평균입니다. "
        f"재현: `{info['training_command']}`",
        f"Same setup: Embedding {config['embedding_dim']} → cell with {config['units']} units → Dense(1, sigmoid), "
        f"max length {config['max_length']}, {config['epochs']} epochs, batch {config['batch_size']}; trained on "
        f"{info['train_rows']:,} random NSMC training reviews, scored on {info['test_rows']:,} random test reviews. "
        f"The last column averages {info['long_test_reviews']:,} reviews of at least {config['long_min_tokens']} "
        f"tokens. Reproduce: `{info['training_command']}`",
    ))


def render() -> None:
    """The comparison section."""
    st.subheader(t("🔁 SimpleRNN vs LSTM vs GRU", "🔁 SimpleRNN vs LSTM vs GRU"))
    info = cell_results()
    if info is None:
        st.info(t("비교 결과가 없습니다. `python -m modelbuild.language.cell_comparison --data … --test …`로 만드세요.",
                  "No comparison yet; make it with `python -m modelbuild.language.cell_comparison --data … --test …`."))
        return
    st.markdown(t(
        "노트의 모델은 `Embedding → SimpleRNN → Dense`입니다. 같은 데이터·크기·학습량으로 세 셀을 학습했습니다.",
        "The note's model is `Embedding → SimpleRNN → Dense`. The three cells were trained with the same data, "
        "sizes and budget.",
    ))
    results_table(info)
    st.markdown(t(
        "**왜 LSTM과 GRU가 생겼을까? — 기울기 소실.** 역전파는 시간을 거슬러 올라가며(BPTT) 단계마다 순환 가중치와 "
        "tanh의 기울기를 한 번씩 곱합니다. SimpleRNN에서는 이 곱이 대개 1보다 작아서, 앞쪽 단어까지 가는 기울기가 "
        "거듭제곱으로 줄어듭니다. 그래서 긴 리뷰의 앞부분에서는 거의 배우지 못하고, 첫 토큰을 가려도 예측이 별로 "
        "바뀌지 않습니다. LSTM(셀 상태와 입력·망각·출력 게이트)과 GRU(업데이트·리셋 게이트)는 게이트가 열려 있으면 "
        "기억과 기울기를 거의 그대로 뒤로 전달하므로 먼 단어에서도 배울 수 있습니다. 대신 순환층의 가중치가 "
        "SimpleRNN의 4배(LSTM)·3배(GRU)이고 계산이 더 많습니다(여기서는 전체 파라미터 대부분이 Embedding 층입니다).",
        "**Why LSTM and GRU exist: vanishing gradients.** Backpropagation through time multiplies, once per step, by "
        "the recurrent weights and the tanh slope. In a SimpleRNN that product is usually below one, so the gradient "
        "that reaches early words shrinks geometrically: the cell barely learns from the start of a long review, and "
        "masking its first token hardly changes the prediction. LSTM (a cell state with input, forget and output "
        "gates) and GRU (update and reset gates) pass memory and gradient back almost unchanged while their gates "
        "are open, so they can learn from distant words. Their recurrent layer has 4× (LSTM) or 3× (GRU) the "
        "weights of a SimpleRNN and more computation (here most parameters are in the Embedding layer).",
    ))
    profiles = {cell["cell"]: cell["gradient_profile"] for cell in info["cells"]}
    st.plotly_chart(charts.gradient_profile_figure(profiles, language()), key=keys.CELL_GRADIENTS)
    st.caption(t(
        "긴 테스트 리뷰에서 예측의 기울기가 마지막 토큰부터 앞쪽 토큰의 임베딩까지 얼마나 전달되는지(마지막 토큰 = 1).",
        "How much of the prediction's gradient reaches the embedding of each earlier token of long test reviews "
        "(last token = 1).",
    ))
