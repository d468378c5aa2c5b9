"""Where the bundled files live (the repository's resources/ and playbooks/ folders)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
PLAYBOOKS = ROOT / "playbooks"
FONTS = RESOURCES / "fonts"
DEMO_PROJECT = RESOURCES / "demo" / "coffee-roaster.retention"
