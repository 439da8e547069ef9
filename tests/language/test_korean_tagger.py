"""Tests for core.language.korean_tagger: the note's example, the single worker thread, the bulk path."""

from __future__ import annotations

import gc
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from core.language.korean_tagger import (
    AVAILABLE_TAGGERS,
    BATCH_SEPARATOR,
    CHARS_PER_CALL,
    EOJEOLS_PER_PIECE,
    OktBackend,
    TaggerService,
    TaggerUnavailableError,
    TaggingTooLongError,
    WhitespaceBackend,
    find_jvm_library,
    get_tagger_service,
    java_home,
    jvm_options,
    konlpy_classpath,
    measure_tagger_speed,
    python_objects_frozen,
    request_pieces,
    unhook_jpype_from_python_gc,
)
from core.language.korean_text import MAX_EOJEOL_CHARS
from core.language.okt_normalization import NormalizationScreen
from core.language.text_corpus import load_bundled_corpus

NOTE_SENTENCE = "딥러닝 기초 과목을 수강하고 있습니다"
SENTENCES = [
    NOTE_SENTENCE,
    "이 영화 정말 재밌어요ㅋㅋㅋㅋ 배우들 연기도 최고!!",
    "스토리가 너무 지루하고 결말이 허무했다...",
    "1/2 정도 보다가 껐음 ㅡㅡ 시간 아까움",
    "〓 기호가 들어간 문장〓도 처리된다",
    "",
    "   ",
    "English only sentence",
    "최악이다최악이야진짜돈아깝다",
    "영환데... 재밋다 하하하하 너무너무너무 낫네욬ㅋ 이건 왜케 별론데.",
]


@pytest.fixture(scope="module")
def okt() -> TaggerService:
    return get_tagger_service("okt")


@pytest.mark.slow
def test_note_example_tokens(okt: TaggerService) -> None:
    assert okt.morphs(NOTE_SENTENCE) == ["딥", "러닝", "기초", "과목", "을", "수강", "하고", "있습니다"]


@pytest.mark.slow
def test_the_started_jvm_leaves_python_collections_alone(okt: TaggerService) -> None:
    import _jpype

    assert okt.morphs("영화") and _jpype._collect not in gc.callbacks
    gc.callbacks.extend([_jpype._collect, _jpype._collect])
    try:
        assert unhook_jpype_from_python_gc() is True
    finally:
        while _jpype._collect in gc.callbacks:
            gc.callbacks.remove(_jpype._collect)
    assert _jpype._collect not in gc.callbacks and unhook_jpype_from_python_gc() is False


@pytest.mark.slow
def test_pos_stem_and_normalize(okt: TaggerService) -> None:
    tagged = okt.pos("재밌었어요", stem=True)
    assert tagged[0] == ("재밌다", "Adjective")
    assert okt.normalize("되나욬ㅋㅋㅋㅋㅋ") == "되나요ㅋㅋㅋ"
    assert okt.morphs("") == []


@pytest.mark.slow
def test_calls_from_many_threads_run_on_one_worker(okt: TaggerService) -> None:
    seen: list[int] = []

    def record(sentence: str) -> list[str]:
        seen.append(okt.worker_thread_id())
        return okt.morphs(sentence)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(record, [NOTE_SENTENCE] * 8))
    assert len(set(seen)) == 1
    assert seen[0] != threading.get_ident()
    assert all(result == results[0] for result in results)


@pytest.mark.slow
@pytest.mark.parametrize(("stem", "norm"), [(False, False), (True, True)])
def test_morphs_many_equals_per_sentence(okt: TaggerService, stem: bool, norm: bool) -> None:
    okt.clear_memo()
    # What Okt itself says of each whole sentence, without the memo, the screen or the pieces.
    expected = [[word for word, _ in okt.call_on_worker(okt._backend.pos, sentence, stem, norm)] if sentence.strip()
                else [] for sentence in SENTENCES]  # fmt: skip
    assert okt.morphs_many(SENTENCES, stem=stem, norm=norm) == expected
    # The second call is answered from the eojeol memo and must not change anything.
    assert okt.morphs_many(SENTENCES, stem=stem, norm=norm) == expected
    assert [okt.morphs(sentence, stem=stem, norm=norm) for sentence in SENTENCES] == expected


@pytest.mark.slow
def test_normalize_skips_java_only_where_okt_would_change_nothing(okt: TaggerService) -> None:
    texts = load_bundled_corpus("sentiment").texts + SENTENCES + ["딥러닝  기초   과목", "안녕하세욬 반가워욬"]
    plain = [str(okt.call_on_worker(okt._backend._okt.normalize, text)) for text in texts]
    assert [okt.normalize(text) for text in texts] == plain


@pytest.mark.slow
@pytest.mark.parametrize(("stem", "norm"), [(False, True), (True, True)])
def test_parallel_screened_batches_equal_plain_batches(okt: TaggerService, stem: bool, norm: bool) -> None:
    # Enough distinct words for several pieces, so that Java really tags them on several threads.
    words = sorted({word for name in ("sentiment", "topic") for text in load_bundled_corpus(name).texts
                    for word in text.split()} | set(" ".join(SENTENCES).split()))  # fmt: skip
    words = [word for word in words if BATCH_SEPARATOR not in word]
    assert len(words) > 3 * EOJEOLS_PER_PIECE
    fast = okt.call_on_worker(lambda: OktBackend())
    plain = okt.call_on_worker(lambda: OktBackend(screen=NormalizationScreen(None), parallel=False))
    assert fast.parallel and not plain.parallel
    expected = okt.call_on_worker(plain.pos_eojeols, words, stem, norm)
    assert okt.call_on_worker(fast.pos_eojeols, words, stem, norm) == expected
    assert expected[words.index("재밋다")] != okt.call_on_worker(plain.pos_eojeols, ["재밋다"], stem, False)[0]


def test_jvm_options_and_classpath() -> None:
    options = jvm_options(512)
    assert "-Xmx512m" in options and "-XX:+UseParallelGC" in options and "-Dfile.encoding=UTF8" in options
    assert "-XX:MaxNewSize=128m" in options
    with pytest.raises(ValueError, match="heap"):
        jvm_options(0)
    assert any(entry.endswith("open-korean-text-2.1.0.jar") for entry in konlpy_classpath())


def running_jvm_arguments() -> list[str]:
    """The options the JVM in this process was started with, as Java reports them."""
    import jpype

    bean = jpype.JClass("java.lang.management.ManagementFactory").getRuntimeMXBean()
    return [str(argument) for argument in bean.getInputArguments()]


@pytest.mark.slow
def test_the_running_jvm_keeps_its_young_generation_small(okt: TaggerService) -> None:
    arguments = okt.call_on_worker(running_jvm_arguments)
    assert "-XX:MaxNewSize=128m" in arguments and "-XX:+UseParallelGC" in arguments


@pytest.mark.slow
def test_get_tagger_service_is_cached(okt: TaggerService) -> None:
    assert get_tagger_service("okt") is okt
    assert measure_tagger_speed(okt, SENTENCES[:3]) > 0


def test_unknown_tagger_rejected() -> None:
    with pytest.raises(ValueError, match="Unknown tagger"):
        get_tagger_service("mecab")
    assert "okt" in AVAILABLE_TAGGERS and AVAILABLE_TAGGERS["okt"].supports_stem


def test_fake_backend_runs_on_given_worker() -> None:
    executor = ThreadPoolExecutor(max_workers=1)
    try:
        service = TaggerService("fake", backend_factory=WhitespaceBackend, executor=executor, warmup=["a b"])
        assert service.morphs("좋은  영화") == ["좋은", "영화"]
        assert service.morphs_many(["a b", "c"]) == [["a", "b"], ["c"]]
        assert not service.supports_stem
        with pytest.raises(ValueError, match="str"):
            service.morphs(None)  # type: ignore[arg-type]
    finally:
        executor.shutdown()


class FreezeRecordingBackend(WhitespaceBackend):
    """A batch-capable fake that records whether Python objects were frozen while it worked."""

    supports_batch = True

    def __init__(self) -> None:
        self.freeze_counts: list[int] = []

    def pos_eojeols(self, eojeols: list[str], stem: bool, norm: bool) -> list[list[tuple[str, str]]]:
        self.freeze_counts.append(gc.get_freeze_count())
        return [[(eojeol, "Noun")] for eojeol in eojeols]


def test_bulk_path_freezes_python_objects_while_java_works() -> None:
    backend = FreezeRecordingBackend()
    executor = ThreadPoolExecutor(max_workers=1)
    try:
        service = TaggerService("fake", backend_factory=lambda: backend, executor=executor, warmup=[])
        assert service.morphs_many(["a b", "b c"]) == [["a", "b"], ["b", "c"]]
    finally:
        executor.shutdown()
    assert backend.freeze_counts and all(count > 0 for count in backend.freeze_counts)
    assert gc.get_freeze_count() == 0


def test_looped_bulk_path_freezes_python_objects_too() -> None:
    freeze_counts: list[int] = []

    class RecordingLoopBackend(WhitespaceBackend):
        def pos(self, text: str, stem: bool = False, norm: bool = False) -> list[tuple[str, str]]:
            freeze_counts.append(gc.get_freeze_count())
            return super().pos(text, stem, norm)

    executor = ThreadPoolExecutor(max_workers=1)
    try:
        service = TaggerService("fake", backend_factory=RecordingLoopBackend, executor=executor, warmup=[])
        assert service.morphs_many(["a b", "c"]) == [["a", "b"], ["c"]]
    finally:
        executor.shutdown()
    assert len(freeze_counts) == 2 and all(count > 0 for count in freeze_counts)


def test_frozen_objects_are_released_after_an_error() -> None:
    with pytest.raises(RuntimeError), python_objects_frozen():
        assert gc.get_freeze_count() > 0
        raise RuntimeError("Java failed")
    assert gc.get_freeze_count() == 0


def test_failed_start_raises_bilingual_error() -> None:
    def broken() -> None:
        raise TaggerUnavailableError("자바 없음", "no java")

    executor = ThreadPoolExecutor(max_workers=1)
    try:
        with pytest.raises(TaggerUnavailableError) as caught:
            TaggerService("okt", backend_factory=broken, executor=executor)
        assert caught.value.message_ko == "자바 없음"
    finally:
        executor.shutdown()


def test_missing_jvm_library_reports_in_korean(tmp_path) -> None:
    with pytest.raises(TaggerUnavailableError) as caught:
        find_jvm_library(tmp_path)
    assert "JVM" in caught.value.message_ko
    assert java_home({"JAVA_HOME": str(tmp_path)}) == tmp_path


def test_a_process_that_froze_its_objects_for_good_stays_frozen_after_bulk_tagging(monkeypatch) -> None:
    from core.language import korean_tagger

    monkeypatch.setattr(korean_tagger, "_long_lived_objects_frozen", False)
    gc.freeze()
    try:
        monkeypatch.setattr(korean_tagger, "_long_lived_objects_frozen", True)
        frozen = gc.get_freeze_count()
        with python_objects_frozen():
            assert gc.get_freeze_count() == frozen
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


class CountingBackend(WhitespaceBackend):
    """A fake that records every text it is asked to tag and each call's simulated cost on a fake clock."""

    def __init__(self, clock: list[float], seconds_per_call: float = 0.0) -> None:
        self.calls: list[str] = []
        self.clock = clock
        self.seconds_per_call = seconds_per_call

    def pos(self, text: str, stem: bool = False, norm: bool = False) -> list[tuple[str, str]]:
        self.calls.append(text)
        self.clock[0] += self.seconds_per_call
        return super().pos(text, stem, norm)

    def normalize(self, text: str) -> str:
        self.calls.append(text)
        self.clock[0] += self.seconds_per_call
        return text


def counting_service(executor: ThreadPoolExecutor, seconds_per_call: float = 0.0, budget: float = 2.0):
    clock = [0.0]
    backend = CountingBackend(clock, seconds_per_call)
    service = TaggerService("fake", backend_factory=lambda: backend, executor=executor, warmup=[],
                            budget_seconds=budget, clock=lambda: clock[0])
    return service, backend


def test_request_pieces_keep_short_sentences_whole_and_split_long_runs() -> None:
    assert request_pieces(NOTE_SENTENCE) == [NOTE_SENTENCE]
    hostile = "영화가정말재밌었다" * 230
    pieces = request_pieces(hostile)
    assert "".join(piece.replace(" ", "") for piece in pieces) == hostile
    assert all(len(word) <= MAX_EOJEOL_CHARS for piece in pieces for word in piece.split())
    assert all(len(piece) <= CHARS_PER_CALL for piece in pieces)


def test_a_long_text_is_tagged_in_separate_worker_calls() -> None:
    executor = ThreadPoolExecutor(max_workers=1)
    try:
        service, backend = counting_service(executor)
        tokens = service.morphs("가나다라마바사아자차" * 30)
        assert len(backend.calls) >= 3 and all(len(call) <= CHARS_PER_CALL for call in backend.calls)
        assert "".join(tokens) == "가나다라마바사아자차" * 30
        backend.calls.clear()
        assert service.morphs("짧은 문장") == ["짧은", "문장"] and backend.calls == ["짧은 문장"]
    finally:
        executor.shutdown()


def test_a_request_past_the_time_budget_stops_with_a_korean_message() -> None:
    executor = ThreadPoolExecutor(max_workers=1)
    try:
        service, backend = counting_service(executor, seconds_per_call=0.5, budget=1.0)
        with pytest.raises(TaggingTooLongError) as error:
            service.pos("영화가정말재밌었다" * 230)
        assert "너무 길어서" in error.value.message_ko and len(backend.calls) == 3
        with pytest.raises(TaggingTooLongError):
            service.normalize("영화가정말재밌었다" * 230)
    finally:
        executor.shutdown()
