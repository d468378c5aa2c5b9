"""House rules a user feels indirectly: a Qt-free core (headless commands work without a
display) and a window that appears before the data stack loads."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ADVISOR = Path(__file__).resolve().parent.parent / "advisor"
QT_ALLOWED = ("ui/", "app.py")


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_ui_layer_imports_qt() -> None:
    offenders = [
        str(path.relative_to(ADVISOR))
        for path in ADVISOR.rglob("*.py")
        if "PySide6" in _imported_modules(path)
        and not str(path.relative_to(ADVISOR)).startswith(QT_ALLOWED)
    ]
    assert offenders == []


def test_domain_code_does_no_file_io_and_no_pandas() -> None:
    for path in (ADVISOR / "domain").rglob("*.py"):
        modules = _imported_modules(path)
        assert not modules & {"pandas", "os", "shutil", "pathlib", "PySide6"}, path


def test_window_modules_do_not_load_the_data_stack_at_start() -> None:
    code = (
        "import sys, advisor.app, advisor.cli;"
        "print(sorted(m for m in ('pandas', 'reportlab', 'jinja2') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_headless_commands_do_not_load_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sys, advisor.cli; print('PySide6' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"


# The layers, from the top: a module may import its own layer and those below, never above.
LAYERS = (
    ("cli",),  # the entry point: the window or a headless command
    ("ui", "app"),
    ("commands",),
    ("report", "sheets"),
    ("storage", "analytics"),
    ("domain",),
    ("i18n", "paths", "errors", "progress", "notices", "files"),
)


def _layer(module: str) -> int:
    top = module.split(".")[1] if module.count(".") else ""
    for rank, names in enumerate(LAYERS):
        if top in names:
            return rank
    raise AssertionError(f"{module} belongs to no layer: add its room to LAYERS")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ADVISOR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Every module of advisor/ and the modules of advisor/ it imports (at run time or for
    type checking alike: a cycle is a cycle for the reader too)."""
    modules = {_module_name(p): p for p in ADVISOR.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                    base = f"{base}.{node.module}" if node.module else base
                targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and target.startswith("advisor."):
                    found.add(target)
        graph[name] = found
    return graph


def test_no_module_imports_a_module_that_imports_it_back() -> None:
    graph = _import_graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == [], "\n".join(" → ".join(cycle) for cycle in cycles)


def test_each_layer_imports_only_itself_and_the_layers_below() -> None:
    graph = _import_graph()
    upward = [
        f"{module} → {target}"
        for module, targets in graph.items()
        for target in targets
        if module.count(".") and target.count(".") and _layer(target) < _layer(module)
    ]
    assert upward == [], "\n".join(sorted(upward))


def test_no_widget_of_ours_has_a_style_sheet() -> None:
    """A widget with a style sheet keeps the font size it had when the sheet was applied, so
    its text would not grow in workshop mode: colours and weights go through ``set_tone``."""
    offenders = [
        str(path.relative_to(ADVISOR))
        for path in ADVISOR.rglob("*.py")
        if "setStyleSheet(" in path.read_text("utf-8")
    ]
    assert offenders == []
