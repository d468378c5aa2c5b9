"""Command line: ``retention-advisor [PROJECT]`` opens the app; subcommands run headless.

Exit codes: 0 success, 2 bad input (one clear line on stderr), 1 unexpected failure.
Subcommands register themselves in :data:`SUBCOMMANDS` by module name; later features add
theirs there. A command's module is imported only when it runs, so opening the window loads none.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from advisor import APP_NAME, __version__
from advisor.domain.wizard import StepId
from advisor.errors import InputError
from advisor.i18n import LANGUAGES, N_, _, system_language, use_language
from advisor.storage.project_file import ProjectFileError

PROG = "retention-advisor"


@dataclass(frozen=True)
class Subcommand:
    """A headless command: its help line and the module that implements it.

    The module (imported only when the command runs) provides ``add_arguments(parser)`` and
    ``run(args) -> int``.
    """

    help: str
    module: str


SUBCOMMANDS: dict[str, Subcommand] = {
    "validate": Subcommand(
        N_("check a project file and show how complete each step is"),
        "advisor.commands.validate",
    ),
    "kpis": Subcommand(
        N_("compute the KPIs of every period of a project or a figures file"),
        "advisor.commands.kpis",
    ),
    "export": Subcommand(
        N_("write the action plan as a PDF to print or hand over"),
        "advisor.commands.export",
    ),
    "analyze": Subcommand(
        N_("analyse an orders or survey export: periods, cohorts, RFM segments, at-risk list"),
        "advisor.commands.analyze",
    ),
    "plan": Subcommand(
        N_("print the diagnosis: the retention type with its scores and the ranked findings"),
        "advisor.commands.plan",
    ),
    "playbooks": Subcommand(
        N_("check playbook files: playbooks check [FOLDER]"),
        "advisor.commands.playbooks",
    ),
    "progress": Subcommand(
        N_("what changed since the last review round: KPIs, actions, findings"),
        "advisor.commands.progress",
    ),
    "compare": Subcommand(
        N_("compare two project files of the same business: KPIs, actions, findings"),
        "advisor.commands.compare",
    ),
}


def _language_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of the interface or output"))


def _window_size(text: str) -> tuple[int, int]:
    """``1024x768`` -> ``(1024, 768)``."""
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise argparse.ArgumentTypeError(_("expected WIDTHxHEIGHT, e.g. 1024x768"))
    size = (int(width), int(height))
    if not (320 <= size[0] <= 8000 and 240 <= size[1] <= 8000):
        raise argparse.ArgumentTypeError(_("a window from 320x240 to 8000x8000"))
    return size


def gui_parser() -> argparse.ArgumentParser:
    commands = "\n".join(f"  {name:<12} {_(cmd.help)}" for name, cmd in SUBCOMMANDS.items())
    heading = _("headless commands ({prog} COMMAND --help for details):").format(prog=PROG)
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=_(
            "{app}: a workshop tool that helps small businesses keep their customers."
        ).format(app=APP_NAME),
        epilog=f"{heading}\n{commands}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("project", nargs="?", type=Path, help=_("a .retention project to open"))
    parser.add_argument("--demo", action="store_true", help=_("open the bundled demo project"))
    parser.add_argument(
        "--screenshot", type=Path, metavar="FILE", help="render the window to a PNG file and exit"
    )
    parser.add_argument(
        "--page",
        choices=[step.value for step in StepId],
        default=None,
        help="the step to show (with --screenshot, or on start)",
    )
    parser.add_argument(
        "--workshop", action="store_true", help=_("start in workshop mode (large type)")
    )
    parser.add_argument(
        "--size",
        type=_window_size,
        metavar="WxH",
        help="the window's size with --screenshot (default 1280x800), e.g. 1024x768",
    )
    _language_argument(parser)
    parser.add_argument("--quit-after-show", action="store_true", help=argparse.SUPPRESS)
    return parser


def _run_subcommand(name: str, argv: Sequence[str]) -> int:
    command = SUBCOMMANDS[name]
    module = importlib.import_module(command.module)
    parser = argparse.ArgumentParser(prog=f"{PROG} {name}", description=_(command.help))
    module.add_arguments(parser)
    _language_argument(parser)
    args = parser.parse_args(argv)
    if args.lang:
        use_language(args.lang)
    result: int = module.run(args)
    return result


def _requested_language(argv: list[str]) -> str | None:
    """The ``--lang`` value, read before the parsers are built so their help is translated."""
    for index, item in enumerate(argv):
        value = item.split("=", 1)[1] if item.startswith("--lang=") else None
        if item == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in LANGUAGES:
            return value
    return None


def _tolerant_output() -> None:
    """Output redirected to a file or a pipe in a legacy encoding (a Windows code page, Latin-9)
    cannot hold every character the app prints (French narrow spaces, arrows): they become
    "?" instead of ending the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(errors="replace")


#: What user text must never send to a terminal: control characters (but newline and tab),
#: which start escape sequences, and the marks that reorder text right-to-left.
_UNPRINTABLE = dict.fromkeys(
    [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F)]
    + [*range(0x2066, 0x206A)],
    "\ufffd",
)


class _Printable:
    """A text stream that writes every unprintable character as U+FFFD."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(_UNPRINTABLE))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


@contextlib.contextmanager
def _printable_output() -> Iterator[None]:
    """While a headless command runs, what it prints (names, stage titles, evidence typed by a
    user or held by a file) cannot move the cursor, clear the screen or reverse the text."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Printable(out), _Printable(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``retention-advisor`` and ``python main.py``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_output()
    use_language(_requested_language(argv) or system_language())
    try:
        if argv and argv[0] in SUBCOMMANDS:
            with _printable_output():
                return _run_subcommand(argv[0], argv[1:])
        args = gui_parser().parse_args(argv)
        from advisor.app import run_app

        return run_app(args)
    except (InputError, ProjectFileError) as error:
        line = _("{program}: {problem}").format(program=PROG, problem=error)
        print(line.translate(_UNPRINTABLE), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into a program that stopped reading (head)
        return 0
    except Exception:
        print(f"{PROG}: unexpected error, please report it:", file=sys.stderr)
        import traceback  # only on failure: keeps start-up lean

        print(traceback.format_exc().translate(_UNPRINTABLE), end="", file=sys.stderr)
        return 1
