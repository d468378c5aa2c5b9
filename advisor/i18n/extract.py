"""Find every translatable string in the source and keep ``locale/*.po`` in step with it.

``python -m advisor.i18n.extract`` adds new strings (untranslated) to each catalogue and
reports strings that are no longer used; translators then fill the empty ``msgstr`` lines.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

from advisor.i18n.catalog import LOCALE_DIR, parse_po

SOURCE_DIR = Path(__file__).resolve().parent.parent
MARKERS = {"_": 1, "N_": 1, "ngettext": 2, "counted": 2, "pgettext": 2}


@dataclass(frozen=True, order=True)
class Message:
    msgid: str
    plural: str | None = None
    context: str | None = None

    @property
    def key(self) -> str:
        return f"{self.context}\x04{self.msgid}" if self.context else self.msgid


def messages_in_source(source: str) -> set[Message]:
    """The strings marked for translation in one Python file's text."""
    found: set[Message] = set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        name = node.func.id
        if name not in MARKERS or len(node.args) < MARKERS[name]:
            continue
        texts = [
            a.value
            for a in node.args[: MARKERS[name]]
            if isinstance(a, ast.Constant) and isinstance(a.value, str)
        ]
        if len(texts) < MARKERS[name]:
            continue
        if name in ("ngettext", "counted"):
            found.add(Message(texts[0], plural=texts[1]))
        elif name == "pgettext":
            found.add(Message(texts[1], context=texts[0]))
        else:
            found.add(Message(texts[0]))
    return found


def collect_messages(folder: Path = SOURCE_DIR) -> set[Message]:
    """Every marked string under ``folder``."""
    found: set[Message] = set()
    for path in sorted(folder.rglob("*.py")):
        found |= messages_in_source(path.read_text(encoding="utf-8"))
    return found


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def render_entries(messages: set[Message], existing: dict[str, list[str]]) -> str:
    """New ``.po`` entries for ``messages`` not yet in ``existing``."""
    chunks = []
    for message in sorted(messages):
        if message.key in existing:
            continue
        lines = []
        if message.context:
            lines.append(f"msgctxt {_quote(message.context)}")
        lines.append(f"msgid {_quote(message.msgid)}")
        if message.plural:
            lines += [f"msgid_plural {_quote(message.plural)}", 'msgstr[0] ""', 'msgstr[1] ""']
        else:
            lines.append('msgstr ""')
        chunks.append("\n".join(lines))
    return "\n\n".join(chunks)


def update_catalogue(path: Path, messages: set[Message]) -> tuple[int, list[str]]:
    """Append missing entries to ``path``; returns how many were added and the unused keys."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    existing = parse_po(text)
    added = render_entries(messages, existing)
    if added:
        path.write_text(text.rstrip("\n") + "\n\n" + added + "\n", encoding="utf-8")
    unused = sorted(set(existing) - {m.key for m in messages})
    return len({m.key for m in messages} - set(existing)), unused


def main() -> int:
    messages = collect_messages()
    for path in sorted(LOCALE_DIR.glob("*.po")):
        added, unused = update_catalogue(path, messages)
        print(f"{path.name}: {added} new strings, {len(unused)} unused")
        for key in unused:
            print(f"  unused: {key!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
