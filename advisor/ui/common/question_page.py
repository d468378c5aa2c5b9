"""What the question steps (retention type, churn causes) share: a title and an intro over a
column of questions on the left, beside it what the answers lead to, each column scrolling on
its own; and the questions answered by picking a choice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from advisor.domain.edits import Edit
from advisor.domain.project import Project
from advisor.ui.common.step_page import StepPage
from advisor.ui.common.widgets import heading, help_label

QUESTIONS_STRETCH, RESULT_STRETCH = 3, 2  # the questions take three fifths of the width


class QuestionPage(StepPage):
    """A step of questions whose result follows every answer.

    A page adds its questions to :attr:`questions` (which starts with :attr:`title` and
    :attr:`intro`) and places :attr:`unknown_note` among them, adds what the answers lead to
    to :attr:`results`, then calls :meth:`place_columns`. Answers go through
    :meth:`request_edit`.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self.title = heading()
        self.intro = help_label()
        #: Says which entries of the file this version does not know (hidden when none).
        self.unknown_note = help_label()
        self.unknown_note.hide()
        self.questions = QVBoxLayout()
        self.questions.addWidget(self.title)
        self.questions.addWidget(self.intro)
        self.results = QVBoxLayout()

    def place_columns(self) -> None:
        """Put the questions and, beside them, the results on the page, each column scrolling
        on its own; once both are filled."""
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(_scrolling(self.questions), QUESTIONS_STRETCH)
        outer.addWidget(_scrolling(self.results), RESULT_STRETCH)

    def request_edit(self, edit: Edit) -> None:
        """Ask for ``edit`` once a project is shown (answers before that change nothing)."""
        if self._project is not None:
            self.edit_requested.emit(edit)


def rich_label() -> QLabel:
    """A label for a result written as rich text, wrapped to the column's width."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def add_question(column: QVBoxLayout, text: QLabel, choices: QComboBox) -> None:
    """A question's text, wrapped, and under it the answer choices at their own width."""
    text.setWordWrap(True)
    text.setBuddy(choices)
    column.addWidget(text)
    column.addWidget(choices, 0, Qt.AlignmentFlag.AlignLeft)


def show_choice(choices: QComboBox, value: object) -> None:
    """Select the answer holding ``value``; the first ("not answered") when none does."""
    choices.setCurrentIndex(max(0, choices.findData(value)))


def fill_choices(choices: QComboBox, items: list[tuple[str, object]]) -> None:
    """Replace the answers by ``items`` (text, value), keeping the chosen value."""
    current = choices.currentData()
    choices.clear()
    for text, value in items:
        choices.addItem(text, value)
    show_choice(choices, current)


def _scrolling(column: QVBoxLayout) -> QScrollArea:
    """``column`` top to bottom (its items keep their height), as wide as the view, scrolling
    up and down only. A layout of its own rather than one nested in another: Qt gives a nested
    column of wrapped labels more height than they need."""
    column.addStretch(1)
    content = QWidget()
    content.setLayout(column)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    return scroll
