"""Recognise how a file was written: encoding, separator and header, from its first bytes.

Exports saved by French Excel use ``;``, cp1252 or UTF-8 with a byte-order mark; "Unicode
text" is UTF-16 with tabs. Nothing here reads the whole file: pandas does that afterwards with
the conventions found here.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from advisor.analytics.errors import ImportProblem
from advisor.files import UnreadableFile, ensure_regular
from advisor.i18n import N_
from advisor.i18n.message import Message

SAMPLE_BYTES = 256 * 1024
SEPARATORS = (",", ";", "\t", "|")
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


@dataclass(frozen=True)
class Sniffed:
    """What the start of a file says about the whole of it."""

    encoding: str
    delimiter: str
    header: list[str]
    sample_rows: list[list[str]]


def detect_encoding(path: Path, raw: bytes) -> str:
    """The encoding pandas should read ``path`` with; refuses binary files and NUL bytes."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(raw) >= 4 and raw[1] == 0 and raw[3] == 0 and raw[0] != 0:
        return "utf-16-le"
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        raise ImportProblem(
            path,
            Message.of(
                N_(
                    "the file contains NUL bytes from line {line}: it is not a text export or "
                    "it is damaged; export it again as CSV"
                ),
                line=line,
            ),
        )
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(raw) - 4:  # not merely a character cut by the sample's end
            return "cp1252"
    return "utf-8"


def _decode_sample(raw: bytes, encoding: str) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(raw, final=False)


def detect_delimiter(first_line: str) -> str:
    """The separator that occurs most often in the header line, outside quotes."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def sniff(path: Path, sample_rows: int = 20) -> Sniffed:
    """Encoding, separator, header and the first rows of ``path``."""
    try:
        ensure_regular(path)  # a pipe or a device would block or never end
    except UnreadableFile as error:
        raise ImportProblem(path, Message.of("{text}", text=error.problem)) from None
    try:
        with path.open("rb") as stream:
            raw = stream.read(SAMPLE_BYTES)
    except OSError as error:
        raise ImportProblem(
            path, Message.of(N_("cannot read the file ({reason})"), reason=error.strerror or "")
        ) from None
    if not raw.strip():
        raise ImportProblem(
            path, Message.of(N_("the file is empty; export it again with its rows"))
        )
    encoding = detect_encoding(path, raw)
    text = _decode_sample(raw, encoding).lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = detect_delimiter(first_line)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
            if len(rows) > sample_rows:
                break
    except csv.Error:
        pass  # an unclosed quote: pandas reports it with its line below
    if not rows:
        raise ImportProblem(
            path, Message.of(N_("the file is empty; export it again with its rows"))
        )
    header = [cell.strip() for cell in rows[0]]
    return Sniffed(encoding, delimiter, header, rows[1:])
