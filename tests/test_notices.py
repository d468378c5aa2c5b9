"""What a user or a distributor relies on when installing the product: the licence, the
third-party notices the About box shows, the icons and the Linux desktop integration."""

from __future__ import annotations

import configparser
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from advisor import notices
from advisor.domain.project import Project
from advisor.notices import (
    format_notices,
    marker_applies,
    normalise,
    runtime_components,
    third_party_notices,
)
from advisor.storage.project_file import save_project

REPO = Path(__file__).resolve().parent.parent
ICONS = REPO / "resources" / "icons"
LINUX = REPO / "packaging" / "linux"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: SHA-256 of https://www.apache.org/licenses/LICENSE-2.0.txt
APACHE_2_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# --- the product's licence and the notices --------------------------------------------


def test_licence_is_the_apache_2_text_unchanged() -> None:
    text = (REPO / "LICENSE").read_bytes()
    assert text.lstrip().startswith(b"Apache License\n")
    assert b"Version 2.0, January 2004" in text and b"END OF TERMS AND CONDITIONS" in text
    assert hashlib.sha256(text).hexdigest() == APACHE_2_SHA256


def test_notices_list_every_runtime_component_with_a_licence_and_its_text() -> None:
    components = runtime_components()
    assert components is not None
    by_name = {normalise(c.name): c for c in components}
    for name in ("pyside6-essentials", "shiboken6", "pandas", "numpy", "reportlab", "jinja2"):
        assert name in by_name, name
        assert by_name[name].found and by_name[name].version
        assert by_name[name].licence not in ("", "not stated")
        assert by_name[name].texts, f"{name} has no licence text"
    assert by_name["pyside6-essentials"].licence.startswith("LGPL-3.0-only")
    assert "rl-accel" in by_name  # reportlab[accel]: the extra we ask for is followed
    assert any("Bitstream Vera" in c.licence for c in components)  # the bundled DejaVu fonts
    # Test tools and the optional extras of our dependencies are not shipped.
    assert not {"pytest", "pytest-qt", "ruff", "mypy", "pypdf", "pyarrow", "babel"} & set(by_name)


def test_notices_text_holds_the_header_and_real_licence_texts() -> None:
    text = third_party_notices()
    header = text[:2000]
    assert "Apache License 2.0" in header and "LGPLv3" in header and "replace them" in header
    for name in ("PySide6", "pandas", "reportlab", "Jinja2", "DejaVu"):
        assert name in text
    assert "Permission is hereby granted" in text  # MIT and the Bitstream Vera licence
    assert "Redistribution and use in source and binary forms" in text  # BSD
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "GNU GENERAL PUBLIC LICENSE" in text
    assert "Bitstream Vera" in text


def test_build_script_writes_the_same_notices(tmp_path: Path) -> None:
    out = tmp_path / "THIRD_PARTY_NOTICES.txt"
    subprocess.run(
        [sys.executable, str(REPO / "packaging" / "notices.py"), "-o", str(out)],
        check=True,
        capture_output=True,
    )
    components = runtime_components()
    assert components is not None
    assert out.read_text(encoding="utf-8") == format_notices(components)


def test_without_metadata_the_shipped_notices_file_is_shown(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(notices, "RESOURCES", tmp_path)
    monkeypatch.setattr(notices, "runtime_components", lambda: None)
    fallback = third_party_notices()
    assert "no package metadata" in fallback and "Bitstream Vera" in fallback
    (tmp_path / "THIRD_PARTY_NOTICES.txt").write_text("written at build time\n", "utf-8")
    assert third_party_notices() == "written at build time\n"


@pytest.mark.parametrize(
    ("marker", "extra", "expected"),
    [
        ('extra == "test"', "", False),
        ('extra == "test"', "test", True),
        ('extra == "Test_Extra"', "test-extra", True),
        ('python_version >= "3.11"', "", True),
        ('python_version < "3.11"', "", False),
        ('python_version < "3.14" and python_version >= "3.8"', "", sys.version_info < (3, 14)),
        ('python_version == "3.*"', "", True),
        ('python_full_version ~= "3.0"', "", True),
        ('sys_platform == "win32"', "", sys.platform == "win32"),
        ('"linux" in sys_platform', "", "linux" in sys.platform),
        ('(sys_platform == "linux" or sys_platform == "darwin") and extra == "tests"', "", False),
        ('platform_system != "Windows" or extra == "x"', "", sys.platform != "win32"),
        ('unknown_variable == "1" and extra == "docs"', "", False),
        ('unknown_variable == "1"', "", True),
    ],
)
def test_requirement_markers_are_read(marker: str, extra: str, expected: bool) -> None:
    assert marker_applies(marker, extra) is expected


# --- icons ---------------------------------------------------------------------------


def test_icon_pngs_exist_at_every_size() -> None:
    assert (ICONS / "retention-advisor.svg").read_text(encoding="utf-8").count("<svg") == 1
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert png_size((ICONS / "png" / f"{size}.png").read_bytes()) == (size, size)


def test_windows_icon_holds_several_sizes() -> None:
    data = (ICONS / "retention-advisor.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    sizes = set()
    for index in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        side = width or 256
        assert png_size(data[offset : offset + length]) == (side, height or 256)
        sizes.add(side)
    assert {16, 32, 48, 256} <= sizes


def test_macos_icon_holds_several_sizes() -> None:
    data = (ICONS / "retention-advisor.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    chunks: dict[bytes, tuple[int, int]] = {}
    position = 8
    while position < len(data):
        kind, length = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        chunks[kind] = png_size(data[position + 8 : position + length])
        position += length
    assert position == len(data)
    expected = {b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}
    assert {kind: chunks.get(kind) for kind in expected} == {
        kind: (size, size) for kind, size in expected.items()
    }


# --- Linux desktop entry and file type --------------------------------------------------


def _desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_opens_retention_files_in_english_and_french() -> None:
    entry = _desktop_entry(LINUX / "retention-advisor.desktop")
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "retention-advisor %f"
    assert entry["Icon"] == "retention-advisor"
    assert entry["MimeType"] == "application/x-retention-advisor;"
    assert {"Office", "Finance"} <= set(entry["Categories"].split(";"))
    for key in ("Name", "GenericName", "Comment"):
        assert entry[key] and entry[f"{key}[fr]"]
    assert entry["GenericName"] != entry["GenericName[fr]"]
    if shutil.which("desktop-file-validate"):
        subprocess.run(
            ["desktop-file-validate", str(LINUX / "retention-advisor.desktop")], check=True
        )


def test_file_type_matches_saved_projects_by_name_and_content(tmp_path: Path) -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(LINUX / "retention-advisor-mime.xml").getroot()
    mime = root.find("m:mime-type", ns)
    assert mime is not None and mime.get("type") == "application/x-retention-advisor"
    assert [g.get("pattern") for g in mime.findall("m:glob", ns)] == ["*.retention"]
    comments = {
        c.get("{http://www.w3.org/XML/1998/namespace}lang"): c.text
        for c in mime.findall("m:comment", ns)
    }
    assert comments[None] and comments["fr"]
    path = tmp_path / "shop.retention"
    save_project(Project(), path)
    start = path.read_bytes()
    matches = mime.findall("m:magic/m:match", ns)
    assert matches
    hits = []
    for match in matches:
        first, last = (int(n) for n in (match.get("offset") or "0").split(":"))
        value = (match.get("value") or "").encode()
        hits.append(value in start[first : last + len(value)])
    assert any(hits), "the magic must recognise a file the app saves"


@pytest.mark.skipif(sys.platform != "linux" or not shutil.which("bash"), reason="Linux only")
def test_install_script_installs_for_the_user_and_uninstalls(tmp_path: Path) -> None:
    program = tmp_path / "bundle dir" / "retention-advisor"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(tmp_path / "home")
    script = str(LINUX / "install-desktop.sh")
    for _ in range(2):  # a second run changes nothing
        subprocess.run(
            ["bash", script, "--exec", str(program)], env=env, check=True, capture_output=True
        )
    data = tmp_path / "home" / ".local" / "share"
    installed = [
        data / "applications" / "retention-advisor.desktop",
        data / "mime" / "packages" / "retention-advisor.xml",
        data / "icons" / "hicolor" / "scalable" / "apps" / "retention-advisor.svg",
        *(
            data / "icons" / "hicolor" / f"{s}x{s}" / "apps" / "retention-advisor.png"
            for s in (16, 48, 256)
        ),
    ]
    assert all(path.is_file() for path in installed)
    assert _desktop_entry(installed[0])["Exec"] == f'"{program}" %f'
    result = subprocess.run(
        ["bash", script, "--uninstall"], env=env, check=True, capture_output=True, text=True
    )
    assert not any(path.exists() for path in installed), result.stdout
    bad = subprocess.run(
        ["bash", script, "--exec", str(tmp_path / "none")], env=env, capture_output=True
    )
    assert bad.returncode == 2
