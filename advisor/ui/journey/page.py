"""Customer journey step: the board, its side form, templates, stage buttons and PNG export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from advisor.domain.journey import CHANNEL_LABELS, EMOTION_LABELS, new_stage_id
from advisor.domain.journey_edits import InsertStage, RemoveStage, ReplaceJourney
from advisor.domain.project import JourneyMap, JourneyStage, Project
from advisor.domain.wizard import StepId, completeness
from advisor.i18n import N_, _, current_language
from advisor.storage.journey_templates import load_journey_templates
from advisor.ui.common.step_page import StepPage
from advisor.ui.common.widgets import Tone, heading, help_label, set_heading, set_tone
from advisor.ui.journey.board_view import JourneyBoardView
from advisor.ui.journey.form import JourneyForm
from advisor.ui.journey.scene import JourneyScene

BLANK = "blank"


class JourneyPage(StepPage):
    """The journey map: a board to arrange, a form to fill; every change is undoable."""

    step_id = StepId.JOURNEY

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self._workshop = False
        self._shown = False
        self.title = heading()
        self.intro = help_label()
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.template = QComboBox()
        # as narrow as a short name: long template names would widen the page past the screen
        self.template.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.template.setMinimumContentsLength(12)
        self.use_template = QPushButton()
        self.add_stage = QPushButton()
        self.remove_stage = QPushButton()
        self.add_touchpoint = QPushButton()
        self.move_left = QToolButton()
        self.move_right = QToolButton()
        self.zoom_out = QToolButton()
        self.zoom_in = QToolButton()
        self.fit = QToolButton()
        self.export = QPushButton()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.scene = JourneyScene(self)
        self.view = JourneyBoardView(self.scene)
        self.form = JourneyForm()
        self.form_scroll = QScrollArea()
        self._build_layout()
        self._connect()
        self.retranslate_ui()

    def _build_layout(self) -> None:
        # Two rows, so the buttons fit a 1280-pixel window in French too.
        start_row, edit_row = QHBoxLayout(), QHBoxLayout()
        widget: QWidget
        for widget in (self.template, self.use_template):
            start_row.addWidget(widget)
        start_row.addStretch(1)
        for widget in (self.zoom_out, self.zoom_in, self.fit, self.export):
            start_row.addWidget(widget)
        for widget in (
            self.add_stage,
            self.remove_stage,
            self.move_left,
            self.move_right,
            self.add_touchpoint,
        ):
            edit_row.addWidget(widget)
        edit_row.addWidget(self.status, 1)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setMinimumWidth(260)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.form_scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([800, 300])
        self.splitter.setChildrenCollapsible(False)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for label in (self.title, self.intro, self.missing):
            column.addWidget(label)
        column.addLayout(start_row)
        column.addLayout(edit_row)
        column.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.scene.edit_requested.connect(self.edit_requested)
        self.form.edit_requested.connect(self.edit_requested)
        self.scene.current_changed.connect(self._on_current_changed)
        self.scene.form_requested.connect(self.form.focus_first_field)
        self.use_template.clicked.connect(self.start_from_template)
        self.add_stage.clicked.connect(self.add_new_stage)
        self.remove_stage.clicked.connect(self.remove_current_stage)
        self.add_touchpoint.clicked.connect(self.scene.add_touchpoint_to_selected_stage)
        self.move_left.clicked.connect(lambda: self.scene.move_selected_stage(-1))
        self.move_right.clicked.connect(lambda: self.scene.move_selected_stage(+1))
        self.zoom_out.clicked.connect(self.view.zoom_out)
        self.zoom_in.clicked.connect(self.view.zoom_in)
        self.fit.clicked.connect(self.view.fit_to_window)
        self.export.clicked.connect(self.export_dialog)

    # Showing the project

    def load(self, project: Project) -> None:
        self._project = project
        self.scene.load(project.journey)
        if not self.scene.selectedItems() and project.journey.stages:
            self.scene.select_stage(project.journey.stages[0].id)
        self._on_current_changed(*self.scene.current_ids())
        missing = completeness(project, self.step_id).missing
        if missing:
            names = ", ".join(_(label) for label in missing)
            self.missing.setText(_("Still to fill: {fields}").format(fields=names))
        else:
            self.missing.setText(_("The journey map is complete."))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self.view.fit_readable()

    def _on_current_changed(self, stage_id: str, touchpoint_id: str) -> None:
        journey = self._project.journey if self._project else JourneyMap()
        self.form.show_selection(journey, stage_id, touchpoint_id)
        self._announce(describe_selection(journey, stage_id, touchpoint_id))
        ids = [stage.id for stage in journey.stages]
        self.remove_stage.setEnabled(bool(stage_id))
        self.add_touchpoint.setEnabled(bool(stage_id))
        self.move_left.setEnabled(bool(stage_id) and ids.index(stage_id) > 0)
        self.move_right.setEnabled(bool(stage_id) and ids.index(stage_id) < len(ids) - 1)

    def _announce(self, text: str) -> None:
        """The board is painted, so a screen reader reads its selection from the view's
        description, told each time the arrow keys move it."""
        self.view.setAccessibleDescription(text)
        event = QAccessibleEvent(self.view, QAccessible.Event.DescriptionChanged)
        QAccessible.updateAccessibility(event)

    # Actions

    def start_from_template(self) -> None:
        """Replace the map with the chosen template (undoable) or with a blank map."""
        if self._project is None:
            return
        chosen = self.template.currentData()
        if chosen == BLANK:
            self.edit_requested.emit(ReplaceJourney(JourneyMap(), N_("Start a blank journey")))
            return
        template = next(t for t in load_journey_templates() if t.id == chosen)
        self.edit_requested.emit(ReplaceJourney(template.journey(current_language())))
        self.status.setText(
            _(
                "Journey started from the “{template}” template. Edit › Undo brings back the "
                "previous map."
            ).format(template=template.title(current_language()))
        )
        self.view.fit_readable()

    def add_new_stage(self) -> None:
        """Add a stage after the selected one (or at the end) and put the cursor on its name."""
        if self._project is None:
            return
        journey = self._project.journey
        stage_id, _touchpoint = self.scene.current_ids()
        ids = [stage.id for stage in journey.stages]
        index = ids.index(stage_id) + 1 if stage_id else len(ids)
        stage = JourneyStage(new_stage_id(journey), _("New stage"))
        self.edit_requested.emit(InsertStage(index, stage))
        self.scene.select_stage(stage.id)
        self.form.focus_first_field()

    def remove_current_stage(self) -> None:
        stage_id, _touchpoint = self.scene.current_ids()
        if stage_id:
            self.edit_requested.emit(RemoveStage(stage_id))
            self.status.setText(_("Stage removed. Edit › Undo brings it back."))

    def export_dialog(self) -> None:
        path = self.ask_png_path()
        if path is not None:
            self.export_png(path)

    def ask_png_path(self) -> Path | None:
        name = (self._project.profile.name if self._project else "") or _("journey")
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export the journey map"),
            str(Path.home() / f"{name}.png"),
            _("PNG images (*.png)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".png" else path.with_suffix(".png")

    def export_png(self, path: Path) -> bool:
        """Write the board to ``path``; says on the page whether it worked."""
        ok = self.scene.export_png(path)
        set_tone(self.status, Tone.NORMAL if ok else Tone.ERROR)
        self.status.setText(
            _("Journey map saved as {path}.").format(path=path)
            if ok
            else _(
                "Could not write {path}: check the folder exists and you may write there."
            ).format(path=path)
        )
        return ok

    def set_workshop_mode(self, on: bool) -> None:
        """On a projector the board takes the whole page at a size read from the back of the
        room (arrow keys pan from stage to stage; 0 shows it all); the form comes back when
        off."""
        if on == self._workshop:
            return
        self._workshop = on
        for widget in (self.form_scroll, self.intro, self.missing):
            widget.setVisible(not on)
        QTimer.singleShot(0, self.view.workshop_zoom if on else self.view.fit_readable)

    def retranslate_ui(self) -> None:
        set_heading(self.title, _("Customer journey"))
        for button, name in (
            (self.zoom_out, _("Zoom out")),
            (self.zoom_in, _("Zoom in")),
            (self.move_left, _("Move the stage left")),
            (self.move_right, _("Move the stage right")),
        ):
            button.setAccessibleName(name)
            button.setToolTip(name)
        self.intro.setText(
            _(
                "Map every step from discovering the business to coming back. Drag cards "
                "between stages (and stages by their header), click the emotion lane to set how "
                "customers feel, and note the friction points: they feed the diagnosis."
            )
        )
        self.template.clear()
        for template in load_journey_templates():
            self.template.addItem(template.title(current_language()), template.id)
        self.template.addItem(_("Blank map"), BLANK)
        self.template.setToolTip(_("Pick a ready-made journey for your kind of business"))
        self.use_template.setText(_("Start from this"))
        self.add_stage.setText(_("Add stage"))
        self.remove_stage.setText(_("Remove stage"))
        self.add_touchpoint.setText(_("Add touchpoint"))
        self.move_left.setText("←")
        self.move_left.setToolTip(_("Move the stage left"))
        self.move_right.setText("→")
        self.move_right.setToolTip(_("Move the stage right"))
        self.zoom_out.setText("−")
        self.zoom_out.setToolTip(_("Zoom out (−)"))
        self.zoom_in.setText("+")
        self.zoom_in.setToolTip(_("Zoom in (+)"))
        self.fit.setText(_("Fit"))
        self.fit.setToolTip(_("Fit the board to the window (0)"))
        self.export.setText(_("Export image…"))
        self.status.setText("")
        self.form.retranslate_ui()
        self.scene.update()
        if self._project is not None:
            self.load(self._project)
        self.view.setAccessibleName(_("Customer journey board"))
        self.view.setToolTip(
            _(
                "Arrows: move around · Ctrl+arrows: move the card or stage · Insert: add a "
                "card · Delete: remove the card · Enter: edit · +/−/0: zoom"
            )
        )
        self.view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


def describe_selection(journey: JourneyMap, stage_id: str, touchpoint_id: str) -> str:
    """The selected stage or card as a sentence a screen reader can say: where it is on the
    board, what it holds, and how the customer feels there."""
    stages = journey.stages
    index = next((i for i, s in enumerate(stages) if s.id == stage_id), None)
    if index is None:
        return _("Customer journey board: {count} stages.").format(count=len(stages))
    stage = stages[index]
    where = _("Stage {number} of {count}: {name}.").format(
        number=index + 1, count=len(stages), name=stage.name
    )
    cards = stage.touchpoints
    card = next((i for i, t in enumerate(cards) if t.id == touchpoint_id), None)
    if card is not None:
        touchpoint = cards[card]
        return " ".join(
            (
                where,
                _("Touchpoint {number} of {count}: {channel}, {text}.").format(
                    number=card + 1,
                    count=len(cards),
                    channel=_(CHANNEL_LABELS[touchpoint.channel]),
                    text=touchpoint.description,
                ),
            )
        )
    parts = [where]
    if stage.customer_goal:
        parts.append(_("Customer goal: {goal}.").format(goal=stage.customer_goal))
    parts.append(
        _("{cards} touchpoints, {frictions} friction points, {opportunities} opportunities.")
        .format(
            cards=len(cards), frictions=len(stage.frictions),
            opportunities=len(stage.opportunities),
        )
    )  # fmt: skip
    if stage.emotion is not None:
        parts.append(_("Emotion: {emotion}.").format(emotion=_(EMOTION_LABELS[stage.emotion])))
    return " ".join(parts)
