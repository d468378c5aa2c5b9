"""House rules a user feels indirectly: a Qt-free core (headless commands work without a
display) and a window that appears before the data stack loads."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ADVISOR = Path(__file__).resolve().parent.parent / "advisor"


def _domain_calls(path: Path) -> set[str]:
    """The built-ins a module calls that reach files or load code by name."""
    reaching = {"open", "__import__", "exec", "eval", "compile"}
    return {
        node.func.id
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in reaching
    }


def test_the_import_contracts_hold() -> None:
    """The layers, the Qt-free core and the pure domain, as pyproject's import-linter contracts
    state them (imports inside functions and imports of imports count too)."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], capture_output=True, text=True, cwd=ADVISOR.parent
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_domain_code_opens_no_file_and_loads_no_module_by_name() -> None:
    offenders = {
        str(path.relative_to(ADVISOR)): calls
        for path in (ADVISOR / "domain").rglob("*.py")
        if (calls := _domain_calls(path))
    }
    assert offenders == {}


def test_window_modules_do_not_load_the_data_stack_at_start() -> None:
    code = (
        "import sys, advisor.app, advisor.cli;"
        "print(sorted(m for m in ('pandas', 'reportlab', 'jinja2') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


HEAVY = ("PySide6", "shiboken6", "pandas", "numpy", "reportlab", "python_calamine", "pypdfium2")
COMMANDS = sorted(
    path.stem for path in (ADVISOR / "commands").glob("*.py") if path.stem != "__init__"
)


def test_headless_commands_do_not_load_qt_or_the_data_stack_on_import() -> None:
    """A headless command starts without a display and quickly: importing any command module
    (and the command line's entry point) loads neither Qt nor pandas nor the PDF toolkit;
    each loads what it needs when it runs."""
    code = (
        "import importlib, json, sys\n"
        f"heavy = {HEAVY!r}\n"
        "found = {}\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
        "    found[name] = sorted(m for m in heavy if m in sys.modules)\n"
        "print(json.dumps(found))\n"
    )
    modules = ["advisor.cli", *(f"advisor.commands.{name}" for name in COMMANDS)]
    result = subprocess.run(
        [sys.executable, "-c", code, *modules], capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout)
    assert set(loaded) == set(modules)
    assert {name: found for name, found in loaded.items() if found} == {}


def test_running_headless_commands_never_loads_qt(tmp_path: Path) -> None:
    """Every command run, from checking a project to writing its PDF, stays clear of Qt."""
    demo = ADVISOR.parent / "resources" / "demo" / "coffee-roaster.en.retention"
    code = (
        "import sys\n"
        "from advisor.cli import main\n"
        "runs = [\n"
        f"    ['validate', {str(demo)!r}],\n"
        f"    ['kpis', {str(demo)!r}, '--json'],\n"
        f"    ['plan', {str(demo)!r}, '--json'],\n"
        f"    ['compare', {str(demo)!r}, {str(demo)!r}, '--json'],\n"
        f"    ['export', {str(demo)!r}, '-o', {str(tmp_path / 'plan.pdf')!r}],\n"
        "]\n"
        "for argv in runs:\n"
        "    code = main(argv)\n"
        "    assert code == 0, (argv, code)\n"
        "print('PySide6' in sys.modules, 'shiboken6' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr.strip().splitlines()[-1] == "False False"
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")


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


def test_no_widget_of_ours_has_a_style_sheet() -> None:
    """A widget with a style sheet keeps the font size it had when the sheet was applied, so
    its text would not grow in workshop mode: colours and weights go through ``set_tone``."""
    offenders = [
        str(path.relative_to(ADVISOR))
        for path in ADVISOR.rglob("*.py")
        if "setStyleSheet(" in path.read_text("utf-8")
    ]
    assert offenders == []
