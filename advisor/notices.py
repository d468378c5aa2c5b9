"""The third-party notices: every component the running installation is built from, with its
licence and the licence texts it ships.

Read from the installed distributions' metadata (``importlib.metadata``), so a checkout's
virtual environment, a wheel install and a bundle that keeps the distributions' metadata
each describe what they really contain. Where the metadata is missing (a bundle without it),
the ``THIRD_PARTY_NOTICES.txt`` written at build time by ``packaging/notices.py`` is shown.
No Qt here: the About box calls :func:`third_party_notices` when asked.
"""

from __future__ import annotations

import os
import platform
import re
import sys
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from advisor import APP_NAME, __version__
from advisor.paths import RESOURCES

PRODUCT_DISTRIBUTION = "retention-advisor"
PRODUCT_LICENCE = "Apache License 2.0"
NOTICES_FILE = "THIRD_PARTY_NOTICES.txt"
LICENCE_TEXTS = RESOURCES / "licenses"
DEJAVU_LICENCE = RESOURCES / "fonts" / "LICENSE-DejaVu.txt"
#: Qt for Python ships no licence file; it is offered under a choice of licences and used
#: under the LGPLv3, whose text (and that of the GPLv3 it builds on) we ship.
QT_DISTRIBUTIONS = frozenset({"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6"})
QT_LICENCE = "LGPL-3.0-only"
QT_TEXTS = (
    ("GNU Lesser General Public License, version 3", "LGPL-3.0.txt"),
    ("GNU General Public License, version 3 (the LGPLv3 builds on it)", "GPL-3.0.txt"),
)
_LICENCE_NAMES = ("license", "licence", "copying", "notice")
_NOT_LICENCE_SUFFIXES = frozenset({".py", ".pyc", ".pyi", ".so", ".pyd", ".dll", ".qml", ".h"})
RULE = "=" * 78
_NO_METADATA = (
    "This installation keeps no package metadata and no notices file, so the other\n"
    "components cannot be listed here; the notices file of the release lists them."
)

HEADER = (
    "{app} is licensed under the " + PRODUCT_LICENCE + " (the LICENSE file that comes with "
    "it). It is built from the components listed below, each under its own licence; their "
    "full texts follow the list.",
    "Qt for Python (PySide6, shiboken6) and the Qt libraries it contains are used unmodified "
    "under the GNU Lesser General Public License version 3 (LGPLv3), as separate shared "
    "libraries loaded at run time: you may replace them with a compatible version of your "
    "own, modified or not. Their source code is available from The Qt Company at "
    "https://code.qt.io and https://download.qt.io. Qt includes third-party code listed at "
    "https://doc.qt.io/qt-6/licenses-used-in-qt.html. The texts of the LGPLv3 and of the "
    "GPLv3 it builds on are at the end.",
)


@dataclass(frozen=True)
class Component:
    """One third-party component: its name, version, licence and the licence texts found."""

    name: str
    version: str
    licence: str
    texts: tuple[tuple[str, str], ...] = ()  # (file name, text)
    found: bool = True  # False: required, but its metadata is not installed


def third_party_notices() -> str:
    """The notices for the running installation, as plain text."""
    components = runtime_components()
    if components is None or not all(c.found for c in components):
        shipped = shipped_notices()
        if shipped is not None:
            return shipped
    if components is None:
        return format_notices([dejavu_fonts()], note=_NO_METADATA)
    return format_notices(components)


def shipped_notices() -> str | None:
    """The notices file written at build time, next to the executable or in the resources."""
    for folder in (Path(sys.executable).resolve().parent, RESOURCES):
        path = folder / NOTICES_FILE
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace")
    return None


def runtime_components(root: str = PRODUCT_DISTRIBUTION) -> list[Component] | None:
    """The distributions ``root`` needs at run time, recursively (test and other extras left
    out, markers evaluated for this machine), plus the bundled fonts; None when ``root``'s own
    metadata is not installed. A requirement whose metadata is missing is marked not found."""
    try:
        requires = metadata.distribution(root).requires or []
    except metadata.PackageNotFoundError:
        return None
    found: dict[str, Component] = {}
    extras_seen: dict[str, set[str]] = {}
    queue = list(_applicable(requires, set()))
    while queue:
        name, extras = queue.pop(0)
        key = normalise(name)
        if key in extras_seen and extras <= extras_seen[key]:
            continue
        extras_seen.setdefault(key, set()).update(extras)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            found[key] = Component(name, "", "not found in this installation", found=False)
            continue
        if key not in found:
            found[key] = describe(dist)
        queue.extend(_applicable(dist.requires or [], extras_seen[key]))
    components = sorted(found.values(), key=lambda c: c.name.casefold())
    return [*components, dejavu_fonts()]


def describe(dist: metadata.Distribution) -> Component:
    """A distribution as a component, with the licence files it ships."""
    licence = licence_of(dist.metadata)
    if normalise(dist.name) in QT_DISTRIBUTIONS and licence != QT_LICENCE:
        licence = f"{QT_LICENCE} (offered under: {licence})"
    return Component(dist.name, dist.version, licence, tuple(_licence_texts(dist)))


def licence_of(meta: metadata.PackageMetadata) -> str:
    """The licence a distribution declares: its SPDX expression, else a short License field,
    else its licence classifiers, else the first line of the License field."""
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    declared = _field(meta, "License")
    if declared and "\n" not in declared and len(declared) <= 120:
        return declared
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    if classifiers:
        return ", ".join(classifiers)
    return declared.splitlines()[0] if declared else "not stated"


def _field(meta: metadata.PackageMetadata, key: str) -> str:
    values = meta.get_all(key) or []  # not meta[key]: a missing key will raise in Python 3.14
    return str(values[0]).strip() if values else ""


def _licence_texts(dist: metadata.Distribution) -> Iterable[tuple[str, str]]:
    seen: set[str] = set()
    for file in dist.files or []:
        parts = file.parts
        in_licences = len(parts) > 2 and parts[0].endswith(".dist-info") and parts[1] == "licenses"
        named = any(word in file.name.lower() for word in _LICENCE_NAMES)
        if not (in_licences or named) or file.suffix.lower() in _NOT_LICENCE_SUFFIXES:
            continue
        try:
            text = Path(str(dist.locate_file(file))).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # listed in RECORD but not kept (a bundle may drop it)
        if text.strip() and text.strip() not in seen:
            seen.add(text.strip())
            yield str(file), text
    if not seen and normalise(dist.name) in QT_DISTRIBUTIONS:
        yield "", "The full texts of the LGPLv3 and the GPLv3 are at the end of these notices."


def dejavu_fonts() -> Component:
    """The bundled DejaVu Sans fonts, which the interface and the PDF plan embed."""
    text = DEJAVU_LICENCE.read_text(encoding="utf-8") if DEJAVU_LICENCE.is_file() else ""
    return Component(
        "DejaVu Sans fonts",
        "",
        "Bitstream Vera Fonts licence; DejaVu changes in the public domain",
        ((DEJAVU_LICENCE.name, text),) if text else (),
    )


def format_notices(components: list[Component], note: str = "") -> str:
    """The notices as plain text: header, list, each component's texts, the Qt licences."""
    lines = [f"{APP_NAME} {__version__}: third-party notices", RULE]
    for paragraph in HEADER:
        lines += ["", textwrap.fill(paragraph.format(app=APP_NAME), width=len(RULE))]
    lines += ["", "Components", "-" * 10]
    titles = [f"{c.name} {c.version}".strip() for c in components]
    width = max(map(len, titles), default=0)
    lines += [
        f"  {title:<{width}}  {c.licence}" for title, c in zip(titles, components, strict=True)
    ]
    if note:
        lines += ["", note]
    for component in components:
        if not component.texts:
            continue
        lines += ["", RULE, f"{component.name} {component.version}".strip()]
        lines += [f"Licence: {component.licence}", RULE]
        for file_name, text in component.texts:
            lines += (["", f"--- {file_name}", ""] if file_name else [""]) + [text.rstrip()]
    for title, file_name in QT_TEXTS:
        path = LICENCE_TEXTS / file_name
        text = path.read_text(encoding="utf-8") if path.is_file() else f"(missing: {path})"
        lines += ["", RULE, title, RULE, "", text.rstrip()]
    return "\n".join(lines) + "\n"


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


# --- requirements and their environment markers (PEP 508), without a dependency ---------

_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?([^;]*)(?:;(.*))?")


def _applicable(requires: Iterable[str], extras: set[str]) -> Iterable[tuple[str, set[str]]]:
    """``(name, extras)`` of each requirement that applies here, given the extras asked for."""
    for line in requires:
        match = _REQUIREMENT.fullmatch(line)
        if match is None:
            continue
        name, wanted, _version, marker = match.groups()
        if marker and not any(marker_applies(marker, extra) for extra in ("", *extras)):
            continue
        yield name, {normalise(e) for e in (wanted or "").split(",") if e.strip()}


def marker_applies(marker: str, extra: str = "") -> bool:
    """Whether an environment marker holds on this machine with ``extra`` requested. A marker
    this parser cannot read counts as holding only when it names no extra."""
    environment = {**_environment(), "extra": normalise(extra)}
    try:
        return _MarkerParser(marker, environment).parse()
    except ValueError:
        return "extra" not in marker


def _environment() -> dict[str, str]:
    return {
        "implementation_name": sys.implementation.name,
        "implementation_version": platform.python_version(),
        "os_name": os.name,
        "platform_machine": platform.machine(),
        "platform_python_implementation": platform.python_implementation(),
        "platform_release": platform.release(),
        "platform_system": platform.system(),
        "platform_version": platform.version(),
        "python_full_version": platform.python_version(),
        "python_version": "{}.{}".format(*sys.version_info[:2]),
        "sys_platform": sys.platform,
    }


_TOKEN = re.compile(
    r"\s*(?:('[^']*'|\"[^\"]*\")|(===|==|!=|<=|>=|~=|<|>|\(|\))|(not\s+in\b|[A-Za-z_][\w.]*))"
)
_VERSION = re.compile(r"\d+(?:\.\d+)*")


class _MarkerParser:
    """marker := and ('or' and)*; and := atom ('and' atom)*; atom := '(' marker ')' | value op
    value, where a value is a quoted string or an environment variable."""

    def __init__(self, text: str, environment: dict[str, str]) -> None:
        self.tokens: list[tuple[str, str]] = []  # (kind, text): str, op or word
        position, text = 0, text.strip()
        while position < len(text):
            match = _TOKEN.match(text, position)
            if match is None or match.end() == position:
                raise ValueError(f"cannot read marker at {text[position:]!r}")
            kind = "str" if match.group(1) else "op" if match.group(2) else "word"
            self.tokens.append((kind, match.group(match.lastindex or 0)))
            position = match.end()
        self.environment = environment

    def parse(self) -> bool:
        result = self._or()
        if self.tokens:
            raise ValueError(f"unexpected {self.tokens[0][1]!r}")
        return result

    def _take(self) -> tuple[str, str]:
        if not self.tokens:
            raise ValueError("marker ends too early")
        return self.tokens.pop(0)

    def _next_is(self, text: str) -> bool:
        return bool(self.tokens) and self.tokens[0][1] == text

    def _or(self) -> bool:
        result = self._and()
        while self._next_is("or"):
            self._take()
            result = self._and() or result
        return result

    def _and(self) -> bool:
        result = self._atom()
        while self._next_is("and"):
            self._take()
            result = self._atom() and result
        return result

    def _atom(self) -> bool:
        if self._next_is("("):
            self._take()
            result = self._or()
            if self._take()[1] != ")":
                raise ValueError("missing ')'")
            return result
        left_is_extra, left = self._value()
        op = " ".join(self._take()[1].split())
        right_is_extra, right = self._value()
        if left_is_extra or right_is_extra:
            left, right = normalise(left), normalise(right)
        return _compare(left, op, right)

    def _value(self) -> tuple[bool, str]:
        kind, text = self._take()
        if kind == "str":
            return False, text[1:-1]
        if kind == "word" and text in self.environment:
            return text == "extra", self.environment[text]
        raise ValueError(f"unknown marker value {text!r}")


def _compare(left: str, op: str, right: str) -> bool:
    if op == "in":
        return left in right
    if op == "not in":
        return left not in right
    if op == "===":
        return left == right
    if op == "==" and right.endswith(".*") and _VERSION.fullmatch(right[:-2]):
        return _release(left)[: len(_release(right[:-2]))] == _release(right[:-2])
    if _VERSION.match(left) and _VERSION.match(right):
        a, b = _release(left), _release(right)
        if op == "~=":
            return a >= b and a[: len(b) - 1] == b[:-1]
        width = max(len(a), len(b))
        a, b = a + (0,) * (width - len(a)), b + (0,) * (width - len(b))
        return _OPERATORS[op](a, b)
    if op in ("==", "!="):
        return (left == right) == (op == "==")
    raise ValueError(f"cannot compare {left!r} {op} {right!r}")


def _release(version: str) -> tuple[int, ...]:
    match = _VERSION.match(version)
    return tuple(int(part) for part in match.group().split(".")) if match else ()


_OPERATORS: dict[str, Callable[[tuple[int, ...], tuple[int, ...]], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}
