"""Builds the application: Qt, fonts, language, settings and the main window."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from advisor import APP_NAME, __version__
from advisor.domain.wizard import StepId
from advisor.errors import InputError
from advisor.i18n import use_language
from advisor.paths import RESOURCES, demo_project
from advisor.storage.project_file import ProjectFileError, load_project
from advisor.ui.shell.error_dialog import install_exception_hook
from advisor.ui.shell.fonts import install_fonts
from advisor.ui.shell.main_window import MainWindow
from advisor.ui.shell.qt_translations import install_qt_translator
from advisor.ui.shell.settings import AppSettings

SCREENSHOT_SIZE = (1280, 800)
#: The desktop entry's name (packaging/linux): Wayland shells find the icon through it.
DESKTOP_FILE_NAME = "retention-advisor"


def application_icon() -> QIcon:
    """The product's icon at each size rendered by packaging/make_icons.py, so title bars,
    task bars and Alt+Tab each get a sharp one."""
    icon = QIcon()
    for png in sorted((RESOURCES / "icons" / "png").glob("*.png")):
        icon.addFile(str(png))
    return icon


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Retention Advisor")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(application_icon())
    install_fonts(app)
    return app


def build_window(settings: AppSettings, language: str) -> MainWindow:
    """The main window in the chosen language."""
    use_language(language)
    install_qt_translator(language)
    return MainWindow(settings)


def save_screenshot(window: MainWindow, path: Path, size: tuple[int, int] | None = None) -> None:
    """Render the window, as laid out on screen at ``size``, to a PNG file."""
    window.resize(*(size or SCREENSHOT_SIZE))
    window.show()
    QApplication.processEvents()
    if not window.grab().save(str(path), "PNG"):
        raise InputError(f"cannot write the screenshot to {path}")


def run_app(args: argparse.Namespace) -> int:
    """Open the main window as the command line asks; returns the exit code."""
    app = create_application()
    settings = AppSettings()
    language = args.lang or settings.language
    project = None
    unreadable = False
    if args.project is not None:
        try:
            project = load_project(args.project)
        except ProjectFileError:
            if args.screenshot is not None or not args.project.exists():
                raise  # no window to explain it in, or a name mistyped: one line on stderr
            unreadable = True  # the window opens and explains it, offering what it can
    elif args.demo:
        project = load_project(demo_project(language))
    window = build_window(settings, language)
    install_exception_hook(window.session.write_recovery, lambda: window)
    if unreadable:
        QTimer.singleShot(0, lambda: window.open_path(args.project, already_asked=True))
    elif args.project is not None:
        window.open_path(args.project, loaded=project)
    elif args.demo:
        window.open_demo(project)
    if args.page and (window.has_project or args.page == StepId.START):
        window.show_step(StepId(args.page))
    if args.screenshot is not None:
        if args.workshop:
            window.set_type_scale(True)  # the projector's type, at the size asked for
        save_screenshot(window, args.screenshot, args.size)
        return 0
    window.show()
    if args.workshop:
        window.set_workshop_mode(True)
    if args.quit_after_show:
        QTimer.singleShot(0, lambda: (print(f"shown {time.time():.6f}"), app.quit()))
    else:
        QTimer.singleShot(0, window.offer_recovery)
    return app.exec()
