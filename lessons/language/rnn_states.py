"""Step 8 · the RNN: its hidden state at every time step, and the Dense output that becomes P(positive)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.language import charts
from lessons.i18n import language, t
from lessons.language import keys, resources
from lessons.language.text_ui import class_names


def hidden_states(prediction, bundle) -> None:
    """A heatmap of the hidden state per real token, and the positive probability after each step."""
    vocabulary = bundle.settings.vocabulary
    padded = np.asarray(prediction.padded, dtype=np.int32)
    trace = resources.shipped_trace(tuple(int(value) for value in padded))
    if not trace.real_steps:
        return
    step_labels = [f"t{step + 1} {vocabulary.words[int(padded[step])]}" for step in trace.real_steps]
    st.plotly_chart(charts.hidden_states_figure(step_labels, trace.states[trace.real_steps], language()),
                    key=keys.HIDDEN_STATES)
    if trace.bidirectional:
        half = trace.states.shape[1] // 2
        st.caption(t(
            f"배포 모델은 양방향(Bidirectional) RNN입니다: 유닛 0~{half - 1}은 앞에서부터, 나머지는 뒤에서부터 "
            "읽은 상태입니다.",
            f"The shipped model is bidirectional: units 0-{half - 1} read left to right, the rest right to left.",
        ))
    if trace.step_probabilities is not None:
        st.plotly_chart(charts.step_probability_figure(
            step_labels, trace.step_probabilities[trace.real_steps, 1], class_names()[1], language()),
            key=keys.STEP_PROBABILITY)


def dense_output(prediction) -> None:
    """The RNN's Dense(sigmoid) output, the recurrence formula and how the shipped ensemble combines readers."""
    rnn_probability = prediction.rnn_probability
    st.metric(t("Dense 출력: 긍정일 확률", "Dense output: P(positive)"),
              f"{prediction.probability_positive if rnn_probability is None else rnn_probability:.1%}")
    st.markdown(t(
        "RNN은 토큰을 하나씩 읽으며 이전 은닉 상태 h(t-1)과 지금 토큰의 벡터 x(t)로 새 상태 "
        "h(t) = tanh(W·x(t) + U·h(t-1) + b)를 만듭니다. 마지막 상태가 `Dense(1, sigmoid)`로 들어가 "
        "긍정일 확률이 됩니다.",
        "The RNN reads one token at a time and combines the previous hidden state h(t-1) with the token "
        "vector x(t): h(t) = tanh(W·x(t) + U·h(t-1) + b). The last state goes into `Dense(1, sigmoid)` and "
        "becomes the probability of positive.",
    ))
    if rnn_probability is None or prediction.ngram_probability is None:
        return
    st.caption(t(
        f"배포 모델은 이 RNN의 확률 {rnn_probability:.1%}와, 글자 조각(1~4글자 n-gram)을 TF-IDF로 센 선형 "
        f"모델의 확률 {prediction.ngram_probability:.1%}를 평균해 최종 {prediction.probability_positive:.1%}로 "
        "판단합니다. 글자 조각은 형태소 분석에서 사라지는 띄어쓰기, 오타, ㅋㅋ·ㅠㅠ 같은 표현을 잡아 줍니다.",
        f"The shipped model averages this RNN's {rnn_probability:.1%} with {prediction.ngram_probability:.1%} "
        f"from a linear model over TF-IDF-weighted character 1-4-grams: {prediction.probability_positive:.1%} in "
        "the end. Character pieces keep the spacing, typos and chat spelling that morphemes lose.",
    ))


def render(prediction, bundle) -> None:
    """Step 8 of lesson 3."""
    st.subheader(t("8단계 · RNN: 시점마다 바뀌는 은닉 상태", "Step 8 · RNN: the hidden state at each step"))
    hidden_states(prediction, bundle)
    dense_output(prediction)
