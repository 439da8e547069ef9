"""The design card's layout rules, checked on the source: thin pages, framework-free core, clean lint."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

FORBIDDEN_IN_PAGES = {"keras", "tensorflow", "konlpy", "jpype"}
FORBIDDEN_IN_CORE = {"streamlit", "streamlit_drawable_canvas"}


def imported_top_level_modules(path: Path) -> set[str]:
    """Every top-level package a file imports, at any depth of the file (lazy imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module.split(".")[0])
    return modules


def python_files(folder: str) -> list[Path]:
    return sorted((PROJECT_ROOT / folder).glob("*.py"))


@pytest.mark.parametrize("path", python_files("pages"), ids=lambda path: path.name)
def test_pages_do_not_import_ml_frameworks(path: Path) -> None:
    assert imported_top_level_modules(path).isdisjoint(FORBIDDEN_IN_PAGES)


@pytest.mark.parametrize("path", python_files("core"), ids=lambda path: path.name)
def test_core_does_not_import_streamlit(path: Path) -> None:
    assert imported_top_level_modules(path).isdisjoint(FORBIDDEN_IN_CORE)


def test_import_checker_sees_lazy_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    import tensorflow as tf\n    from keras import layers\n", encoding="utf-8")
    assert {"tensorflow", "keras"} <= imported_top_level_modules(sample)


def test_entry_script_lists_every_page_file_once() -> None:
    entry = (PROJECT_ROOT / "streamlit_app.py").read_text(encoding="utf-8")
    page_files = [path for path in python_files("pages") if path.name not in {"__init__.py", "common.py"}]
    for path in page_files:
        assert entry.count(f'"pages/{path.name}"') == 1, path.name


def test_ruff_lint_is_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    result = subprocess.run([ruff, "check", "."], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
