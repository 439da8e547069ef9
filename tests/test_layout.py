"""The house rules, checked on the source: thin pages made of small sections, a framework-free core split
into one package per lesson, session keys declared in one place per lesson, and clean lint."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

FORBIDDEN_IN_UI = {"keras", "tensorflow", "konlpy", "jpype"}
FORBIDDEN_IN_CORE = {"streamlit", "streamlit_drawable_canvas"}
LESSONS = ("concepts", "vision", "language")
MAX_TOP_LEVEL_CORE_MODULES = 8
MAX_UI_FILE_LINES = 250
# Modules of a lesson's UI package that are not sections: shared resources, declared keys, helpers.
NON_SECTION_MODULES = {"__init__.py", "keys.py", "resources.py", "text_ui.py"}


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported_modules(path: Path) -> set[str]:
    """Every absolute module a file imports, at any depth of the file (lazy imports included), dotted."""
    modules: set[str] = set()
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def imported_top_level_modules(path: Path) -> set[str]:
    """Every top-level package a file imports."""
    return {name.split(".")[0] for name in imported_modules(path)}


def python_files(folder: str) -> list[Path]:
    """Every Python file below a project folder."""
    return sorted((PROJECT_ROOT / folder).rglob("*.py"))


def relative(path: Path) -> str:
    return path.relative_to(PROJECT_ROOT).as_posix()


UI_FILES = python_files("pages") + python_files("lessons")


@pytest.mark.parametrize("path", UI_FILES, ids=relative)
def test_ui_does_not_import_ml_frameworks(path: Path) -> None:
    assert imported_top_level_modules(path).isdisjoint(FORBIDDEN_IN_UI)


@pytest.mark.parametrize("path", python_files("core"), ids=relative)
def test_core_does_not_import_streamlit(path: Path) -> None:
    assert imported_top_level_modules(path).isdisjoint(FORBIDDEN_IN_CORE)


@pytest.mark.parametrize("package", ["core", "lessons"])
@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_package_never_imports_another_lesson(package: str, lesson: str) -> None:
    others = {f"{package}.{other}" for other in LESSONS if other != lesson}
    for path in python_files(f"{package}/{lesson}"):
        crossing = {name for name in imported_modules(path) for other in others
                    if name == other or name.startswith(other + ".")}
        assert not crossing, f"{relative(path)} imports {sorted(crossing)}"


def test_import_checker_sees_lazy_and_dotted_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    import tensorflow as tf\n    from core.vision import cnn\n", encoding="utf-8")
    assert {"tensorflow", "core"} <= imported_top_level_modules(sample)
    assert "core.vision.cnn" in imported_modules(sample)


def test_core_top_level_holds_only_shared_runtime_modules() -> None:
    modules = [path.name for path in (PROJECT_ROOT / "core").glob("*.py") if path.name != "__init__.py"]
    assert len(modules) <= MAX_TOP_LEVEL_CORE_MODULES, sorted(modules)
    for lesson in LESSONS:
        assert (PROJECT_ROOT / "core" / lesson / "__init__.py").is_file()


@pytest.mark.parametrize("path", UI_FILES, ids=relative)
def test_pages_and_sections_stay_short(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_UI_FILE_LINES, f"{relative(path)} has {lines} lines"


SECTION_FILES = [path for lesson in LESSONS for path in python_files(f"lessons/{lesson}")
                 if path.name not in NON_SECTION_MODULES]


@pytest.mark.parametrize("path", SECTION_FILES, ids=relative)
def test_every_section_module_has_one_render_function(path: Path) -> None:
    renders = [node for node in parse(path).body if isinstance(node, ast.FunctionDef) and node.name == "render"]
    assert len(renders) == 1


def literal_session_keys(path: Path) -> list[str]:
    """String literals used as a widget `key=` or as a `st.session_state[...]` index."""
    found = []
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.Call):
            found += [keyword.value.value for keyword in node.keywords if keyword.arg == "key"
                      and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str)]
        elif (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
              and node.value.attr == "session_state" and isinstance(node.slice, ast.Constant)):
            found.append(node.slice.value)
    return found


@pytest.mark.parametrize("path", [path for path in UI_FILES if path.name != "keys.py"], ids=relative)
def test_session_keys_come_from_the_lesson_state_module(path: Path) -> None:
    assert literal_session_keys(path) == []


def test_key_checker_sees_widget_keys_and_session_state_indexes(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('st.slider("a", key="x")\nst.session_state["y"] = 1\nst.slider("b", key=keys.Z)\n',
                      encoding="utf-8")
    assert literal_session_keys(sample) == ["x", "y"]


def test_entry_script_lists_every_page_file_once() -> None:
    entry = (PROJECT_ROOT / "streamlit_app.py").read_text(encoding="utf-8")
    for path in (PROJECT_ROOT / "pages").glob("*.py"):
        if path.name == "__init__.py":
            continue
        assert entry.count(f'"pages/{path.name}"') == 1, path.name


def test_ruff_lint_is_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    result = subprocess.run([ruff, "check", "."], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
