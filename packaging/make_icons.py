"""Render the application icon from resources/icons/retention-advisor.svg.

Writes the PNGs every platform needs (resources/icons/png/<size>.png), a multi-size Windows
``.ico`` and a macOS ``.icns``. Qt writes ``.ico`` and ``.icns`` one image at a time only, so
both containers are assembled here: they are a small header, a table and PNG blobs.

Run from the repository: ``.venv/bin/python packaging/make_icons.py`` (no display needed).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "retention-advisor.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS chunk types holding PNG data, with their pixel size (Apple's iconutil set).
ICNS_TYPES = (
    (b"ic11", 32),  # 16 pt @2x
    (b"ic12", 64),  # 32 pt @2x
    (b"ic07", 128),
    (b"ic13", 256),  # 128 pt @2x
    (b"ic08", 256),
    (b"ic14", 512),  # 256 pt @2x
    (b"ic09", 512),
    (b"ic10", 1024),  # 512 pt @2x
)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon at ``size`` × ``size`` pixels, as PNG bytes (transparent background)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG"):
        raise RuntimeError(f"cannot encode the {size} px icon as PNG")
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon holding each PNG (PNG entries are read by Windows Vista and later)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def icns_bytes(chunks: list[tuple[bytes, bytes]]) -> bytes:
    """A macOS icon file: ``icns`` and the total length, then typed, length-prefixed chunks."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in chunks)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (keeps Qt up)
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _, size in ICNS_TYPES)})
    pngs = {size: render_png(renderer, size) for size in sizes}
    out = ICONS / "png"
    out.mkdir(parents=True, exist_ok=True)
    for size in PNG_SIZES:
        (out / f"{size}.png").write_bytes(pngs[size])
    (ICONS / "retention-advisor.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "retention-advisor.icns").write_bytes(
        icns_bytes([(kind, pngs[size]) for kind, size in ICNS_TYPES])
    )
    print(f"wrote {len(PNG_SIZES)} PNGs, retention-advisor.ico and .icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
