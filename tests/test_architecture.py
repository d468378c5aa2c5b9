"""House rules a user feels indirectly: a Qt-free core (headless commands work without a
display) and a window that appears before the data stack loads."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ADVISOR = Path(__file__).resolve().parent.parent / "advisor"
QT_ALLOWED = ("ui/", "app.py", "i18n/qt.py")


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
