"""Load every lesson's shared resources in the background as soon as the server starts.

A class opens the same lesson within seconds of the server starting, and without this the first student would
pay for TensorFlow, the models, MNIST and the JVM while everyone behind them waits. The warm-up fills the same
process-wide caches the pages use, starting the Java tagger on its own thread beside the TensorFlow work; a
failure is logged and left to the page, which explains it in Korean.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from core.language.korean_text import NOTE_SENTENCE

LOGGER = logging.getLogger(__name__)


@dataclass
class WarmUpStatus:
    """What the warm-up has finished, for the readiness route and the benches."""

    started_at: float | None = None
    finished_at: float | None = None
    done: dict[str, float] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        """Whether every part has been tried (successfully or not)."""
        return self.finished_at is not None


STATUS = WarmUpStatus()
_START_LOCK = threading.Lock()
_threads: list[threading.Thread] = []


def warm_concepts() -> None:
    """Lesson 1: TensorFlow and Keras, one gradient step and the builder's first summary."""
    from core.concepts import model_builder
    from core.concepts import training_loop as loop
    from lessons.concepts.builder import cached_summary

    loop.run_steps(loop.create_stepper(), 0.1, 1)
    cached_summary(model_builder.default_config())


def warm_vision() -> None:
    """Lesson 2: MNIST, the shipped CNN, its feature-map model, the look-alike bank and the default digit's pictures."""
    from core.vision.digit_model import predict_probabilities
    from lessons.vision import resources

    data = resources.mnist_split()
    model = resources.shipped_model()
    predict_probabilities(model, data.x_test[0])
    resources.shipped_layer_pictures(data.x_test[0])
    resources.shipped_filters_uri()
    resources.shipped_info()
    resources.shipped_neighbours(data.x_test[0])


def warm_student_models() -> None:
    """Lessons 1 and 2: what the server does with a student's model once its training ends, on untrained ones.

    The fit itself runs in the training worker, but the server builds the student's model, sends its config
    and afterwards evaluates it, draws its feature maps and its decision boundary. The first time a process
    does that costs a second of tracing and about 100 MB of TensorFlow's lasting caches; paying it here
    spares the class's first trainer the wait, and the memory is there from the start instead of staying
    behind after the first class has left.
    """
    from core.concepts import model_builder as builder
    from core.concepts.setup_link import BuilderSetup, model_config, toy_dataset_args
    from core.training.remote import fit_payload
    from core.vision import cnn
    from lessons.concepts.builder_data import cached_dataset
    from lessons.vision import resources

    dataset = cached_dataset(**toy_dataset_args(BuilderSetup()))
    run = builder.prepare_run(model_config(BuilderSetup(), dataset), dataset)
    fit_payload(run.model, (run.train.features,), {}, seed=0)
    builder.evaluate_model(run.model, run.config, run.test)
    data = resources.mnist_split()
    student = cnn.build_model(cnn.CnnConfig())
    fit_payload(student, (data.x_test[:1],), {}, seed=0)
    cnn.feature_map_model(student)
    cnn.evaluate(student, data.x_test, data.y_test)


JIT_WARMUP_SENTENCES = 300


def warm_tagger() -> None:
    """Lesson 3's JVM and Okt, then a few hundred sentences the way students' sentences are tagged.

    Java compiles Okt's hot code only after it has run a while; without this the first class burst of
    sentences also paid for the JIT compiler (about a second of CPU on a 2-core machine).
    """
    from core.language.korean_tagger import DEFAULT_TAGGER
    from core.language.text_corpus import load_bundled_corpus
    from lessons.language import resources

    service = resources.tagger_service(DEFAULT_TAGGER)
    for text in load_bundled_corpus("sentiment").texts[:JIT_WARMUP_SENTENCES]:
        service.normalize(text)
        service.pos(text)
        service.pos(text, stem=True, norm=True)


def warm_language() -> None:
    """Lesson 3: the sentiment model, its hidden-state probe and word map, and the note sentence's steps."""
    from core.language.korean_tagger import DEFAULT_TAGGER
    from lessons.language import resources
    from lessons.language.review import EXAMPLE_REVIEW

    bundle = resources.shipped_bundle()
    resources.shipped_word_map(bundle)
    # The page's default switches: Kiwi's spacing and typo correction on (Kiwi loads and warms up here).
    resources.cleaning_steps(NOTE_SENTENCE, DEFAULT_TAGGER, True, True, True, True, True, True)
    vectors = resources.meaning_vectors()
    if vectors is not None:
        resources.meaning_word_map(vectors)
    resources.tagged(NOTE_SENTENCE, DEFAULT_TAGGER, False)
    for text in (NOTE_SENTENCE, EXAMPLE_REVIEW):
        prediction = resources.shipped_prediction(text)
        resources.shipped_trace(tuple(int(value) for value in prediction.padded))
        resources.shipped_occlusion(prediction.text, tuple(prediction.tokens))


def _run_part(name: str, part: Callable[[], None]) -> None:
    started = time.perf_counter()
    try:
        part()
    except Exception as error:  # noqa: BLE001 - a failed part must not stop the others; the page explains it.
        STATUS.failed[name] = f"{type(error).__name__}: {error}"
        LOGGER.warning("warm-up of %s failed: %s", name, error)
    else:
        STATUS.done[name] = round(time.perf_counter() - started, 2)



def _run_parts(parts: list[tuple[str, Callable[[], None]]]) -> None:
    for name, part in parts:
        _run_part(name, part)


def refill_shared_results() -> None:
    """Compute the lessons' default results again after the per-input caches were cleared (the class left).

    The models and the JVM stay loaded, so this takes about a second; the next class's first students then
    find the note's sentence and the default digit ready, as after a server start.
    """
    for name, part in (("concepts", warm_concepts), ("vision", warm_vision), ("language", warm_language)):
        try:
            part()
        except Exception as error:  # noqa: BLE001 - a failed part must not stop the others; the page explains it.
            LOGGER.warning("refilling the %s results failed: %s", name, error)


def settle_streamlit_first_use() -> None:
    """Pay Streamlit's one-time first-element check here instead of in the first student's run.

    The first time a process draws any element, Streamlit walks the whole call stack and reads every
    frame's source file (to decide whether to print a "use streamlit run" hint); on a script thread's deep
    stack that took about a second. The check is private to Streamlit, so it is looked up defensively.
    """
    from streamlit import delta_generator

    check = getattr(delta_generator, "_maybe_print_use_warning", None)
    if callable(check):
        check()


def finish_warm_up() -> None:
    """After loading: keep Keras' state between runs and take the loaded objects out of garbage collection.

    The models, vocabularies and TensorFlow's own objects live as long as the process (see
    `freeze_long_lived_objects`).
    """
    from core.language.korean_tagger import freeze_long_lived_objects
    from core.training.keras_session import install_clear_session_guard

    install_clear_session_guard()
    settle_streamlit_first_use()
    single_threaded_numpy()
    freeze_long_lived_objects()


def single_threaded_numpy() -> None:
    """Let numpy's BLAS use one thread in this server process (once the lessons have loaded it).

    The lessons' matrix products are small (a word against 20,000 vectors), and OpenBLAS's helper threads
    keep spinning on a core after each one: that cost more CPU than the sentence's whole script run. A
    class already keeps both cores busy with many students' requests at once.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def warm_up() -> WarmUpStatus:
    """Warm every lesson (blocking); the tagger's JVM starts on a second thread meanwhile."""
    STATUS.started_at = time.time()

    tagger = threading.Thread(target=_run_part, args=("tagger", warm_tagger), name="warm-up-tagger", daemon=True)
    tagger.start()
    _run_parts([("concepts", warm_concepts), ("vision", warm_vision), ("student models", warm_student_models)])
    tagger.join()
    _run_part("language", warm_language)
    finish_warm_up()
    STATUS.finished_at = time.time()
    LOGGER.info("warm-up finished: %s; failed: %s", STATUS.done, STATUS.failed)
    return STATUS


def start_warm_up() -> None:
    """Start `warm_up` on a background thread, once per process."""
    with _START_LOCK:
        if _threads:
            return
        thread = threading.Thread(target=warm_up, name="warm-up", daemon=True)
        _threads.append(thread)
        thread.start()
