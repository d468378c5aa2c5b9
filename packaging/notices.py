"""Write THIRD_PARTY_NOTICES.txt for a release from the environment it is built from.

The text is the one the About box shows (``advisor.notices``): every distribution that
retention-advisor needs at run time, found through the installed metadata, with its version,
licence and the licence files it ships, plus the bundled fonts and the Qt licences. Run it in
the environment the release is made from, and ship the file with the release (a bundle that
drops the distributions' metadata shows this file instead, from beside the executable or
from the resources folder).

    .venv/bin/python packaging/notices.py [-o PATH]    (default: THIRD_PARTY_NOTICES.txt here)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor.notices import (  # noqa: E402
    NOTICES_FILE,
    PRODUCT_DISTRIBUTION,
    format_notices,
    runtime_components,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / NOTICES_FILE)
    args = parser.parse_args(argv)
    components = runtime_components()
    if components is None:
        print(
            f"error: {PRODUCT_DISTRIBUTION} is not installed here (pip install -e .)",
            file=sys.stderr,
        )
        return 2
    missing = [c.name for c in components if not c.found]
    if missing:
        print(f"error: not installed here: {', '.join(missing)}", file=sys.stderr)
        return 2
    args.output.write_text(format_notices(components), encoding="utf-8")
    print(f"wrote {args.output} ({len(components)} components)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
