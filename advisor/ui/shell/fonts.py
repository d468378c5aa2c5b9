"""Bundled DejaVu Sans for the interface: the Qt wheel ships no fonts, and French numbers
need U+202F, which only a full Unicode font draws."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from advisor.paths import FONTS

FAMILY = "DejaVu Sans"


def install_fonts(app: QApplication) -> None:
    """Register the bundled fonts and make DejaVu Sans the application font."""
    for path in sorted(FONTS.glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    font = QFont(FAMILY)
    font.setPointSize(10)
    app.setFont(font)
