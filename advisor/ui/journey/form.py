"""The journey step's side form: every field of the selected stage and touchpoint.

Like the board, it never changes the map: each change becomes a domain edit sent through
:attr:`JourneyForm.edit_requested`. Typing in one field merges into one undo step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.domain.journey import (
    CHANNEL_LABELS,
    EMOTION_LABELS,
    KPI_TITLES,
    find_stage,
    find_touchpoint,
)
from advisor.domain.journey_edits import (
    STAGE_FIELD_LABELS,
    TOUCHPOINT_FIELD_LABELS,
    RemoveTouchpoint,
    SetStageField,
    SetTouchpointField,
    clean_lines,
)
from advisor.domain.project import Channel, JourneyMap, JourneyStage, Touchpoint
from advisor.i18n import _
from advisor.ui.common.widgets import Tone, help_label, set_tone

_LINE_FIELDS = ("name", "customer_goal", "owner")
_LIST_FIELDS = ("frictions", "opportunities")
_EMOTION_FIELDS = ("emotion", "emotion_to_be")


class JourneyForm(QWidget):
    """Edits the selected stage and, when a card is selected, its touchpoint."""

    #: The user asked for a change to the journey (a domain edit).
    edit_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage: JourneyStage | None = None
        self.touchpoint: Touchpoint | None = None
        self.lines = {name: QLineEdit() for name in _LINE_FIELDS}
        self.name_error = QLabel()
        set_tone(self.name_error, Tone.ERROR)
        self.name_error.hide()
        self.emotions = {name: QComboBox() for name in _EMOTION_FIELDS}
        self.moment_of_truth = QCheckBox()
        self.kpi = QComboBox()
        self.lists = {name: QPlainTextEdit() for name in _LIST_FIELDS}
        self.lists_help = help_label()
        self.channel = QComboBox()
        self.description = QLineEdit()
        self.remove_touchpoint = QPushButton()
        self.empty = help_label()
        self._labels: dict[str, QLabel] = {}
        self._build_layout()
        self._connect()
        self.retranslate_ui()
        self.show_selection(JourneyMap(), "", "")

    def _build_layout(self) -> None:
        self.stage_box = QGroupBox()
        stage_form = QFormLayout(self.stage_box)
        stage_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        widgets: dict[str, QWidget] = {
            "name": self.lines["name"],
            "customer_goal": self.lines["customer_goal"],
            "emotion": self.emotions["emotion"],
            "emotion_to_be": self.emotions["emotion_to_be"],
            "frictions": self.lists["frictions"],
            "opportunities": self.lists["opportunities"],
            "owner": self.lines["owner"],
            "kpi": self.kpi,
        }
        for name, widget in widgets.items():
            label = self._labels[name] = QLabel()
            label.setBuddy(widget)
            stage_form.addRow(label, widget)
            if name == "name":
                stage_form.addRow(self.name_error)
            if name == "opportunities":
                stage_form.addRow(self.lists_help)
        stage_form.addRow(self.moment_of_truth)
        for edit in self.lists.values():
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(70)
            edit.setMaximumHeight(120)
        self.touchpoint_box = QGroupBox()
        touchpoint_form = QFormLayout(self.touchpoint_box)
        touchpoint_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for name, widget in (("channel", self.channel), ("description", self.description)):
            label = self._labels[f"touchpoint.{name}"] = QLabel()
            label.setBuddy(widget)
            touchpoint_form.addRow(label, widget)
        touchpoint_form.addRow(self.remove_touchpoint)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.empty)
        column.addWidget(self.touchpoint_box)
        column.addWidget(self.stage_box)
        column.addStretch(1)

    def _connect(self) -> None:
        for name, line in self.lines.items():
            line.textEdited.connect(lambda text, n=name: self._edit_stage(n, text))
        for name, combo in self.emotions.items():
            combo.activated.connect(
                lambda _i, n=name, c=combo: self._edit_stage(n, c.currentData())
            )
        self.moment_of_truth.clicked.connect(lambda on: self._edit_stage("moment_of_truth", on))
        self.kpi.activated.connect(lambda _i: self._edit_stage("kpi", self.kpi.currentData()))
        for name, edit in self.lists.items():
            edit.textChanged.connect(
                lambda n=name, e=edit: self._edit_stage(n, clean_lines(e.toPlainText().split("\n")))
            )
        self.channel.activated.connect(
            lambda _i: self._edit_touchpoint("channel", self.channel.currentData())
        )
        self.description.textEdited.connect(lambda text: self._edit_touchpoint("description", text))
        self.remove_touchpoint.clicked.connect(self._remove_touchpoint)

    def _edit_stage(self, name: str, value: Any) -> None:
        if self.stage is None or getattr(self.stage, name) == value:
            return
        if name == "name":
            self.name_error.setVisible(not value.strip())
            if not value.strip():
                return
        self.edit_requested.emit(SetStageField(self.stage.id, name, value))

    def _edit_touchpoint(self, name: str, value: Any) -> None:
        if self.touchpoint is not None and getattr(self.touchpoint, name) != value:
            self.edit_requested.emit(SetTouchpointField(self.touchpoint.id, name, value))

    def _remove_touchpoint(self) -> None:
        if self.touchpoint is not None:
            self.edit_requested.emit(RemoveTouchpoint(self.touchpoint.id))

    def show_selection(self, journey: JourneyMap, stage_id: str, touchpoint_id: str) -> None:
        """Show the fields of the selected stage and touchpoint (the form hides without)."""
        try:
            self.stage = find_stage(journey, stage_id) if stage_id else None
            self.touchpoint = None
            if touchpoint_id:
                stage, index = find_touchpoint(journey, touchpoint_id)
                self.touchpoint = stage.touchpoints[index]
        except KeyError:
            self.stage = self.touchpoint = None
        self.empty.setVisible(self.stage is None)
        self.stage_box.setVisible(self.stage is not None)
        self.touchpoint_box.setVisible(self.touchpoint is not None)
        if self.stage is not None:
            self._fill_stage(self.stage)
        if self.touchpoint is not None:
            self.channel.setCurrentIndex(self.channel.findData(self.touchpoint.channel))
        if self.touchpoint is not None:
            self.channel.setCurrentIndex(self.channel.findData(self.touchpoint.channel))
            if self.description.text() != self.touchpoint.description:
                self.description.setText(self.touchpoint.description)

    def _fill_stage(self, stage: JourneyStage) -> None:
        self.stage_box.setTitle(_("Stage: {name}").format(name=stage.name))
        for name, line in self.lines.items():
            value = getattr(stage, name)
            typing = line.hasFocus()  # names are stored trimmed: keep the space being typed
            if name == "name" and typing and line.text().strip() in ("", value):
                continue
            if line.text() != value:
                line.setText(value)
        if self.lines["name"].text().strip():
            self.name_error.hide()
        for name, combo in self.emotions.items():
            combo.setCurrentIndex(combo.findData(getattr(stage, name)))
        self.moment_of_truth.setChecked(stage.moment_of_truth)
        self._fill_kpis(stage.kpi)
        for name, edit in self.lists.items():
            values = getattr(stage, name)
            if clean_lines(edit.toPlainText().split("\n")) != values:
                edit.blockSignals(True)
                edit.setPlainText("\n".join(values))
                edit.blockSignals(False)

    def _fill_kpis(self, current: str) -> None:
        self.kpi.clear()
        self.kpi.addItem(_("None"), "")
        for kpi_id, title in KPI_TITLES.items():
            self.kpi.addItem(_(title), kpi_id)
        if current and current not in KPI_TITLES:  # free text from an older file
            self.kpi.addItem(current, current)
        self.kpi.setCurrentIndex(self.kpi.findData(current))

    def focus_first_field(self) -> None:
        """Put the cursor where the user most likely wants to type."""
        target = self.description if self.touchpoint is not None else self.lines["name"]
        target.setFocus()
        target.selectAll()

    def retranslate_ui(self) -> None:
        for name, label in self._labels.items():
            if name.startswith("touchpoint."):
                label.setText(_(TOUCHPOINT_FIELD_LABELS[name.split(".")[1]]))
            else:
                label.setText(_(STAGE_FIELD_LABELS[name]))
        self.moment_of_truth.setText(_(STAGE_FIELD_LABELS["moment_of_truth"]))
        self.moment_of_truth.setToolTip(
            _("A moment that decides whether the customer stays: shown with a star.")
        )
        self.name_error.setText(_("A stage needs a name."))
        self.lists_help.setText(_("One friction point or opportunity per line."))
        self.touchpoint_box.setTitle(_("Touchpoint"))
        self.remove_touchpoint.setText(_("Remove touchpoint"))
        self.description.setPlaceholderText(_("e.g. Welcome e-mail after the first order"))
        self.lines["customer_goal"].setPlaceholderText(_("e.g. Find a coffee for my machine"))
        self.empty.setText(
            _("Select a stage or a card on the board to edit it here. Arrow keys move around.")
        )
        for combo in self.emotions.values():
            combo.clear()
            combo.addItem(_("Not set"), None)
            for level in range(2, -3, -1):
                sign = f"{level:+d}".replace("-", "−") if level else "0"
                combo.addItem(f"{sign}  {_(EMOTION_LABELS[level])}", level)
        self.channel.clear()
        for channel in Channel:
            self.channel.addItem(_(CHANNEL_LABELS[channel]), channel)
        if self.stage is not None:
            self._fill_stage(self.stage)
        if self.touchpoint is not None:
            self.channel.setCurrentIndex(self.channel.findData(self.touchpoint.channel))
