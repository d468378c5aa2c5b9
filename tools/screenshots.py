"""Render every step of the demo, in English and French, normal and workshop mode, at
1024×768 and 1280×800, to PNG files to look at; says which ones do not fit their screen.

    python -m tools.screenshots /tmp/screens          # all 56
    python -m tools.screenshots /tmp/screens --lang fr --size 1024x768 --workshop
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

SIZES = ((1024, 768), (1280, 800))
LANGUAGES = ("en", "fr")


def shots(
    languages: tuple[str, ...] = LANGUAGES,
    sizes: tuple[tuple[int, int], ...] = SIZES,
    modes: tuple[bool, ...] = (False, True),
) -> Iterator[tuple[str, bool, tuple[int, int], str, object]]:
    """``(language, workshop, size, step, window)`` with the window laid out at that size and
    showing that step of the demo (one window per language and mode)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from advisor.app import build_window, create_application
    from advisor.domain.wizard import StepId
    from advisor.ui.shell.settings import AppSettings

    app = create_application()
    for language in languages:
        for workshop in modes:
            window = build_window(AppSettings(Path(tempfile.mkdtemp(prefix="screens-"))), language)
            window.open_demo()
            window.set_type_scale(workshop)
            window.show()
            for size in sizes:
                for step in StepId:
                    window.show_step(step)
                    for _ in range(3):  # layouts settle over a few turns of the loop
                        window.resize(*size)
                        QApplication.processEvents()
                    yield language, workshop, size, step.value, window
            window.session.undo_stack.setClean()
            window.close()
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--lang", choices=LANGUAGES)
    parser.add_argument("--size", choices=[f"{w}x{h}" for w, h in SIZES])
    parser.add_argument("--workshop", action="store_true")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    sizes = tuple(s for s in SIZES if args.size in (None, f"{s[0]}x{s[1]}"))
    languages = (args.lang,) if args.lang else LANGUAGES
    modes = (True,) if args.workshop else (False, True)
    too_big = []
    for language, workshop, size, step, window in shots(languages, sizes, modes):
        mode = "workshop" if workshop else "normal"
        name = f"{step}-{language}-{mode}-{size[0]}x{size[1]}.png"
        window.grab().save(str(args.folder / name))  # type: ignore[attr-defined]
        width, height = window.width(), window.height()  # type: ignore[attr-defined]
        if width > size[0] or height > size[1]:
            too_big.append(f"{name}: {width}x{height}")
    print(f"written to {args.folder}")
    for line in too_big:
        print(f"does not fit: {line}")
    return 1 if too_big else 0


if __name__ == "__main__":
    sys.exit(main())
