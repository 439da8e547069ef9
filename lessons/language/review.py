"""② Predict with the sentiment model: a review, its verdict, and what each of the two readers thought."""

from __future__ import annotations

import streamlit as st

from core.errors import StudentFacingError
from lessons.classroom import share
from lessons.continuity import kept_text
from lessons.i18n import t
from lessons.language import keys, resources
from lessons.language.text_ui import checked_text, show_text_error, token_line
from lessons.messages import text_table, user_warning

EXAMPLE_REVIEW = "배우들 연기가 정말 좋았고 마지막 장면에서 눈물이 났어요"


def show_reader_breakdown(prediction, info: dict) -> None:
    """For a model that averages two readers: each reader's probability and held-out accuracy."""
    if prediction.rnn_probability is None or prediction.ngram_probability is None:
        return
    accuracies = info.get("reader_held_out_accuracy", {})
    rows = [
        (t("RNN (형태소)", "RNN (morphemes)"), prediction.rnn_probability, accuracies.get("rnn")),
        (t("선형 모델 (글자 n-gram)", "Linear (character n-grams)"), prediction.ngram_probability,
         accuracies.get("ngrams")),
        (t("평균 = 최종 예측", "Average = prediction"), prediction.probability_positive,
         info.get("held_out_accuracy")),
    ]  # fmt: skip
    with st.container(key=keys.READER_BREAKDOWN):
        text_table({
            t("읽는 모델", "Reader"): [name for name, _, _ in rows],
            t("긍정일 확률", "P(positive)"): [f"{value:.1%}" for _, value, _ in rows],
            t("처음 보는 리뷰 정확도", "Held-out accuracy"): [f"{value:.1%}" if value is not None else "-"
                                                         for _, _, value in rows],
        })
    st.caption(t(
        "두 모델은 서로 다른 실수를 하므로 확률을 평균하면 어느 한쪽보다 정확해집니다 (앙상블).",
        "The two readers make different mistakes, so averaging their probabilities beats either one (an ensemble).",
    ))


def verdict(bundle, review: str, info: dict) -> None:
    """The shipped model's verdict on one review, its probability and accuracy, tokens and readers."""
    prediction = resources.shipped_prediction(review)
    positive = prediction.label == 1
    row = st.container(key=keys.REVIEW_RESULT).columns(3)
    row[0].metric(t("예측", "Prediction"), t("😊 긍정", "😊 Positive") if positive else t("😞 부정", "😞 Negative"))
    row[1].metric(t("긍정일 확률", "P(positive)"), f"{prediction.probability_positive:.1%}")
    accuracy = info.get("held_out_accuracy", info.get("validation_accuracy"))
    if accuracy is not None:
        row[2].metric(t("모델 정확도 (처음 보는 리뷰)", "Accuracy (held-out reviews)"), f"{accuracy:.1%}")
    st.text(t("토큰: ", "Tokens: ") + token_line(prediction.tokens))
    show_reader_breakdown(prediction, info)
    if prediction.known_token_count == 0:
        user_warning("모델이 아는 단어가 없어 예측을 믿기 어렵습니다.",
                     "The model knows none of these words; do not trust this prediction.")


def render(bundle, bundle_error: Exception | None) -> None:
    """Section ② of lesson 3."""
    st.header(t("② 감성 분류 모델로 예측하기", "② Predict with the sentiment model"))
    if bundle is None:
        user_warning(
            f"배포된 감성 모델을 불러오지 못했습니다: {bundle_error}. 아래 ③에서 직접 모델을 학습할 수 있습니다.",
            f"The shipped sentiment model could not be loaded: {bundle_error}. You can train your own in ③.",
        )
        return
    # The loaded bundle already holds the JSON's metadata; re-reading the 8 MB file every rerun would cost 0.2 s.
    info = bundle.info
    review = kept_text(st.text_area, t("리뷰 문장", "Review"), keys.REVIEW, EXAMPLE_REVIEW, height=70)
    try:
        checked = checked_text(review)
        verdict(bundle, checked, info)
        share.sentence_box(checked)
    except StudentFacingError as error:
        show_text_error(error)
    st.caption(t(
        "이 모델은 `python -m modelbuild.language.sentiment_rnn`로 NSMC 영화 리뷰를 학습했습니다. "
        "sigmoid 출력이 0.5 이상이면 긍정입니다. 구조: ",
        "This model was trained on NSMC movie reviews with `python -m modelbuild.language.sentiment_rnn`. "
        "A sigmoid output of 0.5 or more means positive. Architecture: ",
    ) + f"`{info.get('architecture', '?')}`")
