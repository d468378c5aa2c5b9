"""Where the bundled files live (the repository's resources/ and playbooks/ folders)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
PLAYBOOKS = ROOT / "playbooks"
FONTS = RESOURCES / "fonts"


def demo_project(language: str) -> Path:
    """The bundled demo (a coffee roaster in Lyon), written in ``language``."""
    return RESOURCES / "demo" / f"coffee-roaster.{language}.retention"
