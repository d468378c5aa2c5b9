"""Edits of the project as operations that return their own inverse.

The UI wraps each edit in an undo command: ``redo`` applies the edit and keeps the inverse it
returns, ``undo`` applies that inverse. Values are checked against the model before they are set,
so an edit can never put an impossible figure into the project.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Protocol

from advisor.domain.kpi_definitions import FIGURE_LABELS, PERIOD_FIELD_LABELS
from advisor.domain.project import (
    BusinessProfile,
    ImportedFile,
    KpiPeriod,
    Project,
    SurveyResults,
)
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


def checked_period_value(name: str, value: Any) -> Any:
    """``value`` checked for the period figure ``name``; raises ``SchemaError`` if it can't be."""
    if name.startswith("surveys."):
        return check_field(SurveyResults, name[8:], value, name)
    return check_field(KpiPeriod, name, value, name)


def _period_target(project: Project, index: int, name: str) -> tuple[object, type, str, str]:
    """The object holding a period figure, its class, the attribute and the path for messages."""
    period = project.kpi_periods[index]
    if name.startswith("surveys."):
        return period.surveys, SurveyResults, name[8:], f"kpi_periods[{index}].surveys"
    return period, KpiPeriod, name, f"kpi_periods[{index}]"


@dataclass(frozen=True)
class SetPeriodFigure:
    """Set one figure (or the label or a date) of one KPI period."""

    index: int
    name: str
    value: Any

    @property
    def merge_key(self) -> str:
        return f"kpi_periods[{self.index}].{self.name}"

    def apply(self, project: Project) -> SetPeriodFigure:
        target, cls, attribute, path = _period_target(project, self.index, self.name)
        value = check_field(cls, attribute, self.value, path)
        old = getattr(target, attribute)
        setattr(target, attribute, value)
        return SetPeriodFigure(self.index, self.name, old)

    def describe(self) -> str:
        label = FIGURE_LABELS.get(self.name) or PERIOD_FIELD_LABELS.get(self.name, self.name)
        return _("Edit {figure}").format(figure=_(label).lower())


@dataclass(frozen=True)
class SetCustomersAtEnd:
    """Set a period's customers at the end; the next period's customers at the start follow
    when they were empty or carried from it (equal to the old end), never when the user
    typed another figure there. One undo step with the typing of the figure."""

    index: int
    value: int | None

    @property
    def merge_key(self) -> str:
        return f"kpi_periods[{self.index}].customers_end"

    def apply(self, project: Project) -> EditBatch:
        periods = project.kpi_periods
        old_end = periods[self.index].customers_end
        edits: list[Edit] = [SetPeriodFigure(self.index, "customers_end", self.value)]
        following = periods[self.index + 1] if self.index + 1 < len(periods) else None
        if following is not None and following.customers_start in (None, old_end):
            edits.append(SetPeriodFigure(self.index + 1, "customers_start", self.value))
        return EditBatch(tuple(edits)).apply(project)

    def describe(self) -> str:
        return _("Edit {figure}").format(figure=_(FIGURE_LABELS["customers_end"]).lower())


@dataclass(frozen=True)
class InsertPeriod:
    """Insert a period of figures at ``index``."""

    index: int
    period: KpiPeriod

    @property
    def merge_key(self) -> str:
        return f"insert-period-{id(self)}"

    def apply(self, project: Project) -> RemovePeriod:
        project.kpi_periods.insert(self.index, copy.deepcopy(self.period))
        return RemovePeriod(self.index)

    def describe(self) -> str:
        return _("Add period")


@dataclass(frozen=True)
class RemovePeriod:
    """Remove the period at ``index`` (its figures come back on undo)."""

    index: int

    @property
    def merge_key(self) -> str:
        return f"remove-period-{id(self)}"

    def apply(self, project: Project) -> InsertPeriod:
        return InsertPeriod(self.index, project.kpi_periods.pop(self.index))

    def describe(self) -> str:
        return _("Remove period")


@dataclass(frozen=True)
class AddImportedFile:
    """Remember the summary of an imported file (never its rows), at ``index`` or last; undo
    forgets it."""

    file: ImportedFile
    index: int | None = None

    @property
    def merge_key(self) -> str:
        return f"add-imported-file-{id(self)}"

    def apply(self, project: Project) -> ForgetImportedFile:
        files = project.imported.files
        index = len(files) if self.index is None else self.index
        files.insert(index, copy.deepcopy(self.file))
        return ForgetImportedFile(index)

    def describe(self) -> str:
        return _("Import {file}").format(file=self.file.file_name)


@dataclass(frozen=True)
class ForgetImportedFile:
    """Forget the imported-file summary at ``index`` (it comes back there on undo)."""

    index: int

    @property
    def merge_key(self) -> str:
        return f"forget-imported-file-{id(self)}"

    def apply(self, project: Project) -> AddImportedFile:
        return AddImportedFile(project.imported.files.pop(self.index), self.index)

    def describe(self) -> str:
        return _("Forget imported file")


@dataclass(frozen=True)
class EditBatch:
    """Several edits applied as one undo step (a paste from a spreadsheet); all or nothing."""

    edits: tuple[Edit, ...]
    title: str = ""

    @property
    def merge_key(self) -> str:
        return f"batch-{id(self)}"

    def apply(self, project: Project) -> EditBatch:
        inverses: list[Edit] = []
        try:
            for edit in self.edits:
                inverses.append(edit.apply(project))
        except Exception:
            for inverse in reversed(inverses):
                inverse.apply(project)
            raise
        return EditBatch(tuple(reversed(inverses)), self.title)

    def describe(self) -> str:
        return _(self.title) if self.title else _("Paste")
