"""The command line: version, help, headless commands, exit codes, screenshots."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor import __version__
from advisor.cli import main
from advisor.domain.project import Project
from advisor.paths import demo_project
from advisor.storage.project_file import save_project

ROOT = Path(__file__).resolve().parent.parent


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "--screenshot" in out and "validate" in out


def test_help_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help", "--lang", "fr"])
    assert "ouvrir le projet de démonstration" in capsys.readouterr().out.lower()


def test_validate_reports_each_step(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = Project()
    project.profile.name = "Boulangerie Martin"
    path = tmp_path / "martin.retention"
    save_project(project, path)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Boulangerie Martin" in out and "Business profile: 1/5" in out


@pytest.mark.parametrize("content", [b"", b"{", b"\x89PNG\r\n\x1a\n", b'{"format": 1}'])
def test_bad_project_is_one_line_and_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "bad.retention"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.retention" in err


def test_missing_file_on_open_exits_2_before_any_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "nowhere.retention")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_screenshot_of_a_step_in_french(tmp_path: Path) -> None:
    target = tmp_path / "kpis.png"
    assert main(["--demo", "--screenshot", str(target), "--page", "kpis", "--lang", "fr"]) == 0
    assert target.read_bytes().startswith(b"\x89PNG")
    from PySide6.QtGui import QImage

    image = QImage(str(target))
    assert (image.width(), image.height()) == (1280, 800)


def test_main_py_and_module_entry_point_agree() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"Retention Advisor {__version__}"


def test_output_to_a_file_in_a_legacy_encoding_never_ends_in_a_traceback(tmp_path: Path) -> None:
    # A Windows code page or Latin-9 cannot hold the French narrow spaces and arrows.
    env = {**os.environ, "PYTHONIOENCODING": "iso-8859-15"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "plan", str(demo_project("fr")), "--lang", "fr"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr.decode("iso-8859-15")
    assert "Type de rétention" in result.stdout.decode("iso-8859-15")
