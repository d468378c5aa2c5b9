"""Where the bundled files live: the demo, the sample businesses, fonts, references, journey
templates (``resources/``) and the playbooks (``playbooks/``).

One lookup for every way the app runs: an installed wheel or a frozen bundle carry them inside
the package, as ``advisor/data/resources`` and ``advisor/data/playbooks`` (mapped there by the
build, see docs/packaging.md); a checkout has them beside the package.
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_INSTALLED = _PACKAGE / "data"
#: The folder holding ``resources/`` and ``playbooks/``.
ROOT = _INSTALLED if (_INSTALLED / "resources").is_dir() else _PACKAGE.parent
RESOURCES = ROOT / "resources"
PLAYBOOKS = ROOT / "playbooks"
FONTS = RESOURCES / "fonts"
EXAMPLES = RESOURCES / "examples"
#: The user guide: `<language>/<page>.html`, a page per step and an `index`.
HELP = RESOURCES / "help"
#: Example and demo files are named ``<id>.<language>.retention``.
_SUFFIX = ".retention"


def demo_project(language: str) -> Path:
    """The bundled demo (a coffee roaster in Lyon), written in ``language``."""
    return RESOURCES / "demo" / f"coffee-roaster.{language}{_SUFFIX}"


def examples(language: str) -> list[tuple[str, Path]]:
    """The bundled sample businesses as ``(id, path)``, sorted by id, each written in
    ``language`` when that version exists and in English otherwise."""
    found = []
    for english in sorted(EXAMPLES.glob(f"*.en{_SUFFIX}")):
        example_id = english.name.removesuffix(f".en{_SUFFIX}")
        translated = EXAMPLES / f"{example_id}.{language}{_SUFFIX}"
        found.append((example_id, translated if translated.is_file() else english))
    return found
