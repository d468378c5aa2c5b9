"""Undo commands wrapping the domain's invertible edits."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from advisor.domain.edits import Edit
from advisor.domain.project import Project

_merge_ids: dict[str, int] = {}


def _merge_id(key: str) -> int:
    return _merge_ids.setdefault(key, len(_merge_ids) + 1)


class EditCommand(QUndoCommand):
    """Apply a domain edit on redo and its inverse on undo.

    Consecutive edits of the same field merge, so typing a name is one undo step; edits that
    merge back to where they started leave no step.
    """

    def __init__(self, project: Project, edit: Edit, changed: Callable[[], None]) -> None:
        super().__init__(edit.describe())
        self._project = project
        self._edit = edit
        self._inverse: Edit | None = None
        self._changed = changed

    def redo(self) -> None:
        self._inverse = self._edit.apply(self._project)
        self._changed()

    def undo(self) -> None:
        assert self._inverse is not None
        self._edit = self._inverse.apply(self._project)
        self._changed()

    def retranslate(self) -> None:
        """Describe the edit again in the current language (for the Undo/Redo menu items)."""
        self.setText(self._edit.describe())

    def id(self) -> int:
        return _merge_id(self._edit.merge_key)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other._edit.merge_key != self._edit.merge_key:
            return False
        self._edit = other._edit
        # Back where it started (a card dragged out and back, a name typed then erased): the
        # step would undo nothing, so the stack drops it.
        self.setObsolete(self._edit == self._inverse)
        return True
