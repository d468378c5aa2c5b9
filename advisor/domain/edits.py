"""Edits of the project as operations that return their own inverse.

The UI wraps each edit in an undo command: ``redo`` applies the edit and keeps the inverse it
returns, ``undo`` applies that inverse. Values are checked against the model before they are set,
so an edit can never put an impossible figure into the project.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from advisor.domain.project import BusinessProfile, Project
from advisor.domain.schema import check_field
from advisor.domain.wizard import PROFILE_FIELD_LABELS
from advisor.i18n import _


class Edit(Protocol):
    """An invertible change to a project."""

    @property
    def merge_key(self) -> str:
        """Consecutive edits with the same key merge into one undo step (typing a name)."""
        ...

    def apply(self, project: Project) -> Edit:
        """Change ``project`` and return the edit that undoes the change."""
        ...

    def describe(self) -> str:
        """A short text for the Undo/Redo menu items, in the current language."""
        ...


@dataclass(frozen=True)
class SetProfileField:
    """Set one field of the business profile."""

    name: str
    value: Any

    @property
    def merge_key(self) -> str:
        return f"profile.{self.name}"

    def apply(self, project: Project) -> SetProfileField:
        value = check_field(BusinessProfile, self.name, self.value, "profile")
        old = getattr(project.profile, self.name)
        setattr(project.profile, self.name, value)
        return SetProfileField(self.name, old)

    def describe(self) -> str:
        return _("Edit {field}").format(field=_(PROFILE_FIELD_LABELS[self.name]).lower())
