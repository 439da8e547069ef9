"""The house rules, checked on the source: thin pages made of small sections, a framework-free core split
into one package per lesson plus a shared one, no import cycle between packages, model-building commands
apart from what runs in class, session keys declared in one place per lesson, and clean lint."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

FORBIDDEN_IN_UI = {"keras", "tensorflow", "konlpy", "jpype"}
FORBIDDEN_IN_CORE = {"streamlit", "streamlit_drawable_canvas"}
LESSONS = ("concepts", "vision", "language")
# Every package whose imports are checked for cycles: lessons' UI, classroom mode and all of core.
UI_PACKAGES = (*LESSONS, "classroom")
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


def test_every_lesson_has_a_core_package_and_helpers_two_lessons_need_live_in_core_shared() -> None:
    for lesson in LESSONS:
        assert (PROJECT_ROOT / "core" / lesson / "__init__.py").is_file()
        assert (PROJECT_ROOT / "lessons" / lesson / "__init__.py").is_file()
    for path in python_files("core/shared"):
        lessons = {name for name in imported_modules(path) for lesson in LESSONS
                   if name.startswith((f"core.{lesson}", f"lessons.{lesson}"))}
        assert not lessons, f"{relative(path)} imports {sorted(lessons)}"


def package_of(module: str) -> str | None:
    """The checked package a dotted module belongs to ("core.vision", "lessons.classroom", "core" …), or None."""
    parts = module.split(".")
    if parts[0] not in {"core", "lessons"}:
        return None
    if len(parts) > 1 and (PROJECT_ROOT / parts[0] / parts[1] / "__init__.py").is_file():
        return f"{parts[0]}.{parts[1]}"
    return parts[0]


def package_imports() -> dict[str, set[str]]:
    """Which checked package imports which other (lazy imports inside functions included)."""
    graph: dict[str, set[str]] = {}
    for path in python_files("core") + python_files("lessons"):
        source = package_of(relative(path).removesuffix(".py").replace("/", "."))
        targets = {package_of(name) for name in imported_modules(path)} - {None, source}
        graph.setdefault(source, set()).update(targets)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of the graph as a path that ends where it started, or [] when there is none."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return path[path.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = "done"
        path.pop()
        return []

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []


def test_no_import_cycle_between_packages() -> None:
    """The top-level `lessons` helpers may be imported by every section, but never import a section back."""
    graph = package_imports()
    graph["lessons"] = {target for target in graph.get("lessons", set()) if not target.startswith("lessons.")}
    assert find_cycle(graph) == []


def test_cycle_finder_sees_a_lazy_cycle() -> None:
    assert find_cycle({"lessons.vision": {"lessons.classroom"}, "lessons.classroom": {"lessons.vision"}}) == [
        "lessons.classroom", "lessons.vision", "lessons.classroom"]
    assert find_cycle({"a": {"b"}, "b": {"c"}}) == []


@pytest.mark.parametrize("path", python_files("lessons/classroom"), ids=relative)
def test_classroom_mode_never_imports_a_lesson_section(path: Path) -> None:
    """The lessons send to the class through classroom's share box; the class page hands the lessons' models in."""
    crossing = {name for name in imported_modules(path) for lesson in LESSONS if name.startswith(f"lessons.{lesson}")}
    assert not crossing, f"{relative(path)} imports {sorted(crossing)}"


@pytest.mark.parametrize("path", python_files("core") + UI_FILES, ids=relative)
def test_what_runs_in_class_never_imports_the_model_building_commands(path: Path) -> None:
    assert "modelbuild" not in imported_top_level_modules(path)


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


def readme_map() -> str:
    """The code block under the README's "Project map" heading."""
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    after = text[text.index("(Project map)"):]
    start = after.index("```\n") + 4
    return after[start:after.index("```", start)]


MAPPED_FOLDERS = ("pages", "lessons", "core", "modelbuild")


@pytest.mark.parametrize("path", [path for folder in MAPPED_FOLDERS for path in python_files(folder)
                                  if path.name != "__init__.py"], ids=relative)
def test_readme_map_names_every_module(path: Path) -> None:
    """A module the map does not name is a module a newcomer cannot find; add it with a few words."""
    words = set(re.findall(r"[A-Za-z0-9_]+", readme_map()))
    assert path.stem in words, f"README's project map does not name {relative(path)}"


def test_readme_map_names_only_folders_that_exist() -> None:
    for folder in re.findall(r"^ *([a-z_]+)/ ", readme_map(), flags=re.MULTILINE):
        candidates = [PROJECT_ROOT / folder] + [PROJECT_ROOT / top / folder for top in MAPPED_FOLDERS]
        assert any(candidate.is_dir() for candidate in candidates), f"README's project map names {folder}/"


def test_package_docstrings_hold_no_module_lists() -> None:
    """The README's map is the one map: a list in a package docstring drifts from the tree."""
    for path in [*(PROJECT_ROOT / "core").glob("*/__init__.py"), *(PROJECT_ROOT / "lessons").glob("*/__init__.py")]:
        doc = ast.get_docstring(parse(path)) or ""
        siblings = {module.stem for module in path.parent.glob("*.py") if module.name != "__init__.py"}
        named = {word for word in re.findall(r"`([a-z_]+)`", doc) if word in siblings}
        assert len(named) < 3, f"{relative(path)} lists modules {sorted(named)}; keep the list in the README map"
