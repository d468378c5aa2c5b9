"""The wheel is complete: built from the checkout, installed into a fresh virtual environment
and run from another folder, it opens the demo, checks its playbooks and prints a PDF, with
every resource read from the installed package, never from the checkout."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{args}\nstdout: {done.stdout}\nstderr: {done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "--wheel-dir",
        out,
        ROOT,
        cwd=out,
    )
    (built,) = out.glob("retention_advisor-*.whl")
    return built


def test_the_wheel_carries_every_resource_and_playbook(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("resources", "playbooks"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file():
                inside = f"advisor/data/{path.relative_to(ROOT).as_posix()}"
                assert inside in names, f"{inside} is missing from the wheel"
    assert "advisor/i18n/locale/fr.po" in names
    assert not any("__pycache__" in name for name in names)


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding the wheel; its dependencies (PySide6, pandas…) are
    borrowed from the test environment instead of downloaded again."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=False)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--no-deps",
        wheel,
        cwd=env_dir,
    )
    purelib = _run(
        python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=env_dir
    )
    # Lines of a .pth file are added to sys.path as they are; the test environment's own .pth
    # files (its editable install of the checkout) are not read, so only the wheel's advisor
    # can be imported.
    borrowed = "\n".join(site.getsitepackages())
    (Path(purelib.strip()) / "borrowed-dependencies.pth").write_text(borrowed + "\n")
    return python


def _scripts(python: Path) -> Path:
    return python.parent


def _env(home: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "SYSTEMROOT")}
    return {**keep, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}


def test_the_installed_app_runs_from_another_folder_on_its_own_resources(
    installed: Path, tmp_path: Path
) -> None:
    env = _env(tmp_path)
    where = _run(
        installed,
        "-c",
        "import advisor, advisor.paths as p; print(advisor.__file__); print(p.RESOURCES)",
        cwd=tmp_path,
        env=env,
    ).split()
    assert all(str(ROOT) not in line for line in where), where
    name = "retention-advisor.exe" if os.name == "nt" else "retention-advisor"
    app = _scripts(installed) / name

    _run(app, "--demo", "--screenshot", tmp_path / "demo.png", cwd=tmp_path, env=env)
    assert (tmp_path / "demo.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    checked = _run(app, "playbooks", "check", cwd=tmp_path, env=env)
    count = len(list((ROOT / "playbooks").glob("*.toml")))
    assert f"{count} playbooks, all valid" in checked

    demo = Path(where[1]) / "demo" / "coffee-roaster.fr.retention"
    _run(app, "export", demo, "-o", tmp_path / "plan.pdf", "--lang", "fr", cwd=tmp_path, env=env)
    assert (tmp_path / "plan.pdf").read_bytes()[:5] == b"%PDF-"
