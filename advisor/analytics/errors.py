"""The error every import problem raises: what is wrong, where (file, row, column), how to fix.

The message is an untranslated :class:`~advisor.i18n.message.Message`, rendered in the reader's
language when shown; it subclasses :class:`~advisor.errors.InputError`, so the command line
reports it as one line with exit code 2.
"""

from __future__ import annotations

from pathlib import Path

from advisor.errors import InputError
from advisor.i18n import N_, current_language, translator
from advisor.i18n.message import Message


class ImportProblem(InputError):
    """A file that cannot be imported as it is."""

    def __init__(
        self,
        path: Path | str,
        message: Message,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        super().__init__(message.template)
        self.path = Path(path)
        self.message = message
        self.row = row
        self.column = column

    def render(self, language: str) -> str:
        """One line: ``orders.csv, row 12, column “Total”: what is wrong and how to fix it``."""
        where = self.path.name
        gettext = translator(language).gettext
        if self.row is not None:
            where += gettext(N_(", row {row}")).format(row=self.row)
        if self.column is not None:
            where += gettext(N_(", column “{column}”")).format(column=self.column)
        return gettext(N_("{where}: {problem}")).format(
            where=where, problem=self.message.render(language)
        )

    def __str__(self) -> str:
        return self.render(current_language())


class AmbiguousDates(ImportProblem):
    """Every day of the date column is 12 or less: the user must say day-first or month-first."""


class MappingNeeded(ImportProblem):
    """The table's layout is unknown and some columns could not be recognised by name."""

    def __init__(
        self, path: Path | str, message: Message, headers: list[str], kind: str = "orders"
    ) -> None:
        super().__init__(path, message)
        self.headers = headers
        #: What the file was read as: ``"orders"`` or ``"survey"``.
        self.kind = kind
        #: The header and first rows as read (a ``Sniffed``), when known.
        self.table: object | None = None
