"""The analyser row of lesson 3: which tagger (konlpy's, or Kiwi), morphs or pos, stemming, and its measured speed."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from core.language.korean_tagger import AVAILABLE_TAGGERS, DEFAULT_TAGGER, TaggerService, TaggerUnavailableError
from lessons.i18n import t
from lessons.language import keys, resources
from lessons.language.text_ui import show_text_error

METHOD_MORPHS = "morphs"
METHOD_POS = "pos"


@dataclass(frozen=True)
class TaggerChoice:
    """The student's analyser: the running tagger service, the method and whether to stem."""

    service: TaggerService
    method: str
    stem: bool


def start_service(name: str) -> TaggerService:
    """The tagger's service; without Java the page explains why and stops (other lessons keep working)."""
    try:
        with st.spinner(t("형태소 분석기를 준비하는 중…", "Starting the tagger…")):
            return resources.tagger_service(name)
    except TaggerUnavailableError as error:
        show_text_error(error)
        st.info(t("한국어 형태소 분석에는 Java가 필요합니다. 다른 수업(1, 2강)은 그대로 쓸 수 있습니다.",
                  "Korean tokenizing needs Java. The other lessons (1 and 2) still work."))
        st.stop()


def speed_button(name: str) -> None:
    """Measure the tagger's speed on demand (once per process) and show it."""
    if st.button(t("속도 측정", "Measure speed"), key=keys.MEASURE_SPEED):
        st.session_state[keys.measured_speed(name)] = resources.tagger_speed(name)
    speed = st.session_state.get(keys.measured_speed(name))
    if speed:
        st.caption(t(f"약 {speed:,.0f} 문장/초 (문장마다 호출, 측정값)", f"about {speed:,.0f} sentences/s (measured)"))


def render() -> TaggerChoice:
    """The analyser row; returns the student's choice."""
    names = list(AVAILABLE_TAGGERS)
    row = st.columns([2, 1, 1, 1])
    name = row[0].selectbox(
        t("형태소 분석기 (konlpy · Kiwi)", "Tagger (konlpy · Kiwi)"), names, index=names.index(DEFAULT_TAGGER),
        format_func=lambda item: t(AVAILABLE_TAGGERS[item].label_ko, AVAILABLE_TAGGERS[item].label_en),
        key=keys.TAGGER,
    )
    service = start_service(name)
    method = row[1].radio(
        t("분석 방식", "Method"), [METHOD_MORPHS, METHOD_POS], key=keys.METHOD,
        format_func=lambda item: (t("morphs (형태소)", "morphs") if item == METHOD_MORPHS
                                  else t("pos (품사 태깅)", "pos (tags)")),
    )
    stem = row[2].checkbox(
        t("어간 추출 (stem)", "Stemming (stem)"), key=keys.STEM, disabled=not service.supports_stem,
        help=t("Okt만 지원합니다: '했어요' → '하다'", "Okt only: '했어요' → '하다'"),
    )
    with row[3]:
        speed_button(name)
    return TaggerChoice(service, method, bool(stem))
