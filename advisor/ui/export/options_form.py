"""What goes in the printed plan and how it looks: paper, language, sections, an orders export
for cohorts and RFM, the accent colour and the cover logo. The form shows the choices and
keeps the preferences; the page asks for files and colours and turns a language into an edit.

reportlab and jinja2 load on the first look at the sections, never at start-up.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.domain.project import Language, Project
from advisor.i18n import LANGUAGE_NAMES, _
from advisor.ui.common.widgets import heading, set_heading
from advisor.ui.shell.settings import PAPERS, AppSettings

PAPER_NAMES = {"a4": "A4", "letter": "Letter"}
HOUSE_ACCENT = "#1f5f8b"


class ExportOptionsForm(QWidget):
    """The options of the PDF, under "What goes in" and "Branding"."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.options_title = heading(level=2)
        self.paper = QComboBox()
        for key in PAPERS:
            self.paper.addItem(PAPER_NAMES[key], key)
        self.language = QComboBox()
        for code in Language:
            self.language.addItem(LANGUAGE_NAMES[code.value], code.value)
        self.orders: Path | None = None  # an orders export for cohorts and RFM, this session
        self.orders_label = QLabel()
        self.orders_button = QPushButton()
        self.orders_remove = QPushButton()
        self.section_boxes: dict[str, QCheckBox] = {}
        sections = QVBoxLayout()
        sections.setSpacing(2)
        for key in _section_ids():
            box = QCheckBox()
            box.setChecked(True)
            self.section_boxes[key] = box
            sections.addWidget(box)
        self.branding_title = heading(level=2)
        self.accent_button = QPushButton()
        self.accent_reset = QPushButton()
        self.logo_label = QLabel()
        self.logo_button = QPushButton()
        self.logo_remove = QPushButton()

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self._labels = [QLabel() for _ in range(6)]
        self.form.addRow(self._labels[0], self.paper)
        self.form.addRow(self._labels[1], self.language)
        self.form.addRow(self._labels[2], sections)
        self.form.addRow(
            self._labels[5], row(self.orders_label, self.orders_button, self.orders_remove)
        )
        self.branding = QFormLayout()
        self.branding.addRow(self._labels[3], row(self.accent_button, self.accent_reset))
        self.branding.addRow(
            self._labels[4], row(self.logo_label, self.logo_button, self.logo_remove)
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.options_title)
        column.addLayout(self.form)
        column.addWidget(self.branding_title)
        column.addLayout(self.branding)

        self.paper.setCurrentIndex(max(0, self.paper.findData(settings.report_paper)))
        self.paper.activated.connect(
            lambda _i: setattr(self.settings, "report_paper", self.paper.currentData())
        )
        self.accent_reset.clicked.connect(lambda: self.set_accent(""))
        self.logo_remove.clicked.connect(lambda: self.set_logo(None))
        self.orders_remove.clicked.connect(lambda: self.set_orders(None))

    def set_accent(self, colour: str) -> None:
        """Use ``colour`` ("#rrggbb"; "" for the house colour) from now on."""
        self.settings.report_accent = colour
        self.show_choices()

    def set_logo(self, path: Path | None) -> None:
        """Put the image at ``path`` on the cover from now on (None: no logo)."""
        self.settings.report_logo = path
        self.show_choices()

    def set_orders(self, path: Path | None) -> None:
        """Read the orders export at ``path`` for cohorts and RFM (None: none)."""
        self.orders = path
        self.show_choices()

    def show_choices(self) -> None:
        """Show the accent colour, the logo and the orders export chosen."""
        accent = self.settings.report_accent
        swatch = accent or HOUSE_ACCENT
        square = QPixmap(14, 14)
        square.fill(QColor(swatch))
        self.accent_button.setIcon(QIcon(square))
        self.accent_button.setText(accent or _("House colour"))
        self.accent_reset.setEnabled(bool(accent))
        logo = self.settings.report_logo
        self.logo_label.setText(logo.name if logo else _("No logo"))
        self.logo_label.setToolTip(str(logo) if logo else "")
        self.logo_remove.setEnabled(logo is not None)
        self.orders_label.setText(self.orders.name if self.orders else _("None"))
        self.orders_label.setToolTip(str(self.orders) if self.orders else "")
        self.orders_remove.setEnabled(self.orders is not None)

    def show_project(self, project: Project) -> None:
        """The project's report language; sections it has nothing for greyed out."""
        self.language.setCurrentIndex(
            max(0, self.language.findData(project.profile.report_language.value))
        )
        filled = _sections_with_content(project)
        for key, box in self.section_boxes.items():
            box.setEnabled(key in filled)
            box.setToolTip("" if key in filled else _("Nothing to print yet for this section."))

    def chosen_sections(self) -> frozenset[str]:
        usable = {key for key, box in self.section_boxes.items() if box.isEnabled()}
        if self.orders is not None:
            usable.add("kpis")  # the cohorts and segments go in the KPI section
        return frozenset(key for key in usable if self.section_boxes[key].isChecked())

    def retranslate_ui(self) -> None:
        from advisor.report.model import SECTION_TITLES

        set_heading(self.options_title, _("What goes in"))
        set_heading(self.branding_title, _("Branding"))
        for label, text in zip(
            self._labels,
            (
                _("Paper"),
                _("Language"),
                _("Sections"),
                _("Accent colour"),
                _("Logo on the cover"),
                _("Orders (cohorts, RFM)"),
            ),
            strict=True,
        ):
            label.setText(text)
        for key, box in self.section_boxes.items():
            box.setText(_(SECTION_TITLES[key]))
        self.accent_reset.setText(_("Use the house colour"))
        self.logo_button.setText(_("Choose…"))
        self.logo_remove.setText(_("Remove"))
        self.orders_button.setText(_("Choose…"))
        self.orders_remove.setText(_("Remove"))
        self.show_choices()


def row(*widgets: QWidget) -> QHBoxLayout:
    """``widgets`` side by side, at their own width, from the left."""
    line = QHBoxLayout()
    for widget in widgets:
        line.addWidget(widget)
    line.addStretch(1)
    return line


def _section_ids() -> tuple[str, ...]:
    from advisor.report.model import SECTIONS

    return SECTIONS


def _sections_with_content(project: Project) -> set[str]:
    from advisor.report.model import ReportOptions, build_report

    report = build_report(project, ReportOptions())
    return {key for key in _section_ids() if getattr(report, key) is not None}
