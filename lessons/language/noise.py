"""Step 1 · noise canceling: spacing and typo correction (Kiwi), then normalising, URLs, emoji and special
characters, each switchable, with what each correction changed highlighted."""

from __future__ import annotations

import streamlit as st

from core.language.kiwi_text import change_segments
from core.language.korean_text import CleaningStep, cleaned_text
from lessons.i18n import t
from lessons.language import keys, resources
from lessons.language.tagger import TaggerChoice
from lessons.language.text_ui import token_line
from lessons.messages import markdown_literal, text_table, user_warning

NO_SPACE_SENTENCE = "딥러닝기초과목을수강하고있습니다"
KIWI_STEPS = ("typos", "spacing")
# Shown in place of an inserted or deleted space, which would otherwise be invisible.
SPACE_MARK = "␣"


def use_no_space_example() -> None:
    """Put the note's sentence, written without spaces, into the sentence box."""
    st.session_state[keys.SENTENCE] = NO_SPACE_SENTENCE


def literal_with_edges(text: str) -> str:
    """`markdown_literal` that keeps one space where the text starts or ends with whitespace (a run of
    unchanged text sits between changes, and its edge spaces separate words)."""
    core = text.strip()
    if not core:
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return lead + markdown_literal(core) + trail


def highlighted(step: CleaningStep) -> str:
    """Markdown of a correction: deleted text struck out in red, inserted text in green (spaces as ␣)."""
    parts = []
    for segment in change_segments(step.before, step.after):
        shown = segment.text if segment.kind == "same" else segment.text.replace(" ", SPACE_MARK)
        literal = literal_with_edges(shown)
        if segment.kind == "inserted":
            parts.append(f":green-background[**{literal}**]")
        elif segment.kind == "deleted":
            parts.append(f":red-background[~~{literal}~~]")
        else:
            parts.append(literal)
    return "".join(parts)


def show_corrections(steps: list[CleaningStep]) -> None:
    """Before → after of each Kiwi correction that changed something."""
    for step in steps:
        if step.name not in KIWI_STEPS:
            continue
        label = t(step.label_ko, step.label_en)
        if step.changed:
            st.markdown(f"**{label}**: {highlighted(step)}")
        else:
            st.caption(t(f"{step.label_ko}: 고칠 곳이 없습니다.", f"{step.label_en}: nothing to fix."))
        if not step.complete:
            user_warning("문장이 길어서 앞부분만 교정하고 나머지는 그대로 두었습니다.",
                         "The text is long, so only its beginning was corrected; the rest is kept as typed.")


def no_space_comparison(sentence: str, choice: TaggerChoice) -> None:
    """For a text typed without spaces: the tagger's tokens of the raw text vs of Kiwi's spaced text."""
    if len(sentence.split()) != 1 or len(sentence) < 6:
        return
    spaced = resources.kiwi_spaced(sentence)
    if spaced == sentence:
        return
    name = choice.service.name
    raw_tokens = [word for word, _ in resources.tagged(sentence, name, choice.stem)]
    spaced_tokens = [word for word, _ in resources.tagged(spaced, name, choice.stem)]
    st.markdown(t("**띄어쓰기 없는 문장을 형태소 분석기에 넣으면?**",
                  "**What does the tagger make of a text without spaces?**"))
    text_table({
        t("입력", "input"): [t("원문 (띄어쓰기 없음)", "as typed (no spaces)"), t("띄어쓰기 교정 후", "after spacing")],
        t("문장", "text"): [sentence, spaced],
        t("토큰", "tokens"): [token_line(raw_tokens), token_line(spaced_tokens)],
    })
    st.caption(t(
        "같은 토큰이면 분석기가 사전으로 붙여 쓴 글도 잘 나눈 것이고, 다르면 띄어쓰기 교정이 분석을 바꾼 것입니다.",
        "Same tokens: the tagger split the unspaced text from its dictionary; different: spacing changed the analysis.",
    ))


def render(sentence: str, choice: TaggerChoice) -> str | None:
    """Step 1; returns the cleaned text to tokenize, or None when nothing is left."""
    st.subheader(t("1단계 · 노이즈 캔슬링", "Step 1 · Noise canceling"))
    st.markdown(t(
        "노이즈 캔슬링은 자연어 문장의 **스펠링 체크 및 띄어쓰기 오류 교정**입니다. 형태소 분석기 Kiwi가 "
        "흔한 오타를 고치고(먼저 고쳐야 '잼있어요'가 '잼 있어요'로 잘못 띄어지지 않습니다) 띄어쓰기를 바로잡은 뒤, "
        "반복 글자·URL·이모지·특수문자를 정리합니다.",
        "Noise canceling is **spelling and spacing correction** of a sentence. The Kiwi analyser fixes common "
        "typos (first, or '잼있어요' would be spaced as '잼 있어요'), then spacing; then repeats, URLs, emoji and "
        "special characters are tidied.",
    ))
    kiwi_row = st.columns([1, 1, 1])
    has_kiwi = resources.kiwi_available()
    use_typos = kiwi_row[0].checkbox(t("맞춤법·오타 교정 (Kiwi)", "Typo correction (Kiwi)"), value=True,
                                     key=keys.KIWI_TYPOS, disabled=not has_kiwi) and has_kiwi
    use_spacing = kiwi_row[1].checkbox(t("띄어쓰기 교정 (Kiwi)", "Spacing correction (Kiwi)"), value=True,
                                       key=keys.KIWI_SPACING, disabled=not has_kiwi) and has_kiwi
    if not has_kiwi:
        user_warning("Kiwi(kiwipiepy)를 불러오지 못해 오타·띄어쓰기 교정을 건너뜁니다. 나머지 단계는 그대로 됩니다.",
                     "Kiwi (kiwipiepy) could not load, so typo and spacing correction are skipped.")
    kiwi_row[2].button(t("예시: 띄어쓰기 없는 문장", "Example: no spaces"), key=keys.NO_SPACE_EXAMPLE,
                       on_click=use_no_space_example, help=NO_SPACE_SENTENCE)
    row = st.columns(4)
    use_normalize = row[0].checkbox(t("정규화 (Okt normalize)", "Normalize (Okt)"), value=True, key=keys.NORMALIZE)
    remove_urls = row[1].checkbox(t("URL 제거", "Remove URLs"), value=True, key=keys.REMOVE_URLS)
    remove_emoji = row[2].checkbox(t("이모지 제거", "Remove emoji"), value=True, key=keys.REMOVE_EMOJI)
    remove_special = row[3].checkbox(t("특수문자 제거", "Remove special characters"), value=True,
                                     key=keys.REMOVE_SPECIAL)
    steps = resources.cleaning_steps(sentence, choice.service.name, use_normalize, remove_urls, remove_emoji,
                                     remove_special, bool(use_spacing), bool(use_typos))
    text_table({
        t("단계", "step"): [t("원문", "original")] + [t(step.label_ko, step.label_en) for step in steps],
        t("결과", "result"): [sentence] + [step.after for step in steps],
        t("바뀜", "changed"): [""] + ["✔" if step.changed else "" for step in steps],
    })
    show_corrections(steps)
    if use_spacing:
        no_space_comparison(sentence, choice)
    st.caption(t(
        "정규화는 'ㅋㅋㅋㅋㅋ' 같은 반복 글자와 '안녕하세욬' 같은 채팅체를 고칩니다. 아래 감성 모델은 학습할 때 "
        "쓴 전처리(Okt 정규화·어간 추출, 띄어쓰기 교정 없음)를 그대로 씁니다.",
        "Normalizing fixes repeated letters and chat spelling. The sentiment model below keeps the preprocessing "
        "it was trained with (Okt normalising and stemming, no spacing correction).",
    ))
    text = cleaned_text(steps, sentence)
    if not text.strip():
        user_warning(
            "노이즈를 지우고 나니 남은 글자가 없습니다(이모지·특수문자만 있는 문장). 한글 문장을 입력해 보세요.",
            "Nothing is left after noise canceling (emoji or symbols only). Try a Korean sentence.",
        )
        return None
    return text
