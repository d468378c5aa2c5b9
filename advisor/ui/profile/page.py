"""Business profile step: who the business is, its size, and who runs the workshop."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from advisor.domain.edits import SetProfileField
from advisor.domain.project import CURRENCIES, BusinessModel, Language, Project
from advisor.domain.wizard import PROFILE_FIELD_LABELS, StepId, completeness
from advisor.i18n import LANGUAGE_NAMES, N_, _
from advisor.i18n.formatting import currency_sign
from advisor.ui.common.step_page import StepPage
from advisor.ui.common.widgets import NumberField, heading, help_label, scrolling_page, set_heading

BUSINESS_MODEL_TEXTS: dict[BusinessModel, tuple[str, str]] = {
    BusinessModel.SUBSCRIPTION: (
        N_("Subscription or contract"),
        N_("Customers pay regularly until they cancel (boxes, software, memberships)."),
    ),
    BusinessModel.REPEAT_RETAIL: (
        N_("Repeat retail"),
        N_("Customers decide each time whether to buy again (shops, e-shops, cafés)."),
    ),
    BusinessModel.SERVICES: (
        N_("Services or projects"),
        N_("Work is sold per job or project (agencies, trades, consultants)."),
    ),
    BusinessModel.MARKETPLACE: (
        N_("Marketplace"),
        N_("You connect buyers and sellers and keep both sides coming back."),
    ),
    BusinessModel.OTHER: (N_("Other"), N_("None of these fits; describe it in the notes.")),
}

SECTOR_SUGGESTIONS = (
    N_("Retail shop"),
    N_("Online shop"),
    N_("Café or restaurant"),
    N_("Food and drink production"),
    N_("Hair and beauty"),
    N_("Health and wellness"),
    N_("Fitness and sport"),
    N_("Professional services"),
    N_("Software and online services"),
    N_("Trades and home services"),
    N_("Hotel and tourism"),
    N_("Education and training"),
)


SELLS_TO_TEXTS: dict[str, str] = {
    "": N_("Not said"),
    "businesses": N_("Businesses (B2B)"),
    "consumers": N_("Consumers (B2C)"),
    "both": N_("Both"),
}


class ProfilePage(StepPage):
    """The form for the business profile; every change is one undoable edit."""

    step_id = StepId.PROFILE

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self.title = heading()
        self.intro = help_label()
        self.missing = QLabel()
        self.missing.setWordWrap(True)

        self.name = QLineEdit()
        self.sector = QLineEdit()
        self.sector_completer = QCompleter()
        self.sector_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.sector.setCompleter(self.sector_completer)
        self.business_model = QComboBox()
        self.business_model_help = help_label()
        self.sells_to = QComboBox()
        self.customers = NumberField(whole=True)
        self.yearly_revenue = NumberField(whole=False)
        self.currency = QComboBox()
        self.currency.addItems(CURRENCIES)
        self.report_language = QComboBox()
        for code in Language:
            self.report_language.addItem(LANGUAGE_NAMES[code.value], code.value)
        self.facilitator_name = QLineEdit()
        self.facilitator_firm = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(90)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels: dict[str, QLabel] = {}
        for field, widget in self._fields().items():
            label = QLabel()
            label.setBuddy(widget.edit if isinstance(widget, NumberField) else widget)
            self._labels[field] = label
            if field == "business_model":
                widget = _stacked(widget, self.business_model_help)
            self.form.addRow(label, widget)

        scrolling_page(self, self.title, self.intro, self.missing, self.form)

        self._connect()
        self.retranslate_ui()

    def _fields(self) -> dict[str, QWidget]:
        return {
            "name": self.name,
            "sector": self.sector,
            "business_model": self.business_model,
            "sells_to": self.sells_to,
            "customers": self.customers,
            "yearly_revenue": self.yearly_revenue,
            "currency": self.currency,
            "report_language": self.report_language,
            "facilitator_name": self.facilitator_name,
            "facilitator_firm": self.facilitator_firm,
            "notes": self.notes,
        }

    def _connect(self) -> None:
        for field in ("name", "sector", "facilitator_name", "facilitator_firm"):
            line: QLineEdit = getattr(self, field)
            line.textEdited.connect(lambda text, f=field: self._edit(f, text))
        self.sector_completer.activated.connect(lambda text: self._edit("sector", text))
        self.notes.textChanged.connect(lambda: self._edit("notes", self.notes.toPlainText()))
        self.customers.value_edited.connect(lambda v: self._edit("customers", v))
        self.yearly_revenue.value_edited.connect(lambda v: self._edit("yearly_revenue", v))
        self.business_model.activated.connect(
            lambda _i: self._edit("business_model", self.business_model.currentData())
        )
        self.sells_to.activated.connect(
            lambda _i: self._edit("sells_to", self.sells_to.currentData())
        )
        self.currency.activated.connect(
            lambda _i: self._edit("currency", self.currency.currentText())
        )
        self.report_language.activated.connect(
            lambda _i: self._edit("report_language", self.report_language.currentData())
        )

    def _edit(self, field: str, value: Any) -> None:
        if self._project is not None and getattr(self._project.profile, field) != value:
            self.edit_requested.emit(SetProfileField(field, value))

    def load(self, project: Project) -> None:
        self._project = project
        profile = project.profile
        for field in ("name", "sector", "facilitator_name", "facilitator_firm"):
            line: QLineEdit = getattr(self, field)
            if line.text() != getattr(profile, field):
                line.setText(getattr(profile, field))
        if self.notes.toPlainText() != profile.notes:
            self.notes.blockSignals(True)
            self.notes.setPlainText(profile.notes)
            self.notes.blockSignals(False)
        self.customers.set_value(profile.customers)
        self.yearly_revenue.set_value(profile.yearly_revenue)
        model = profile.business_model.value if profile.business_model else None
        self.business_model.setCurrentIndex(max(0, self.business_model.findData(model)))
        self.sells_to.setCurrentIndex(max(0, self.sells_to.findData(profile.sells_to)))
        self.currency.setCurrentText(profile.currency)
        self.report_language.setCurrentIndex(
            self.report_language.findData(profile.report_language.value)
        )
        self._refresh_hints()

    def _refresh_hints(self) -> None:
        if self._project is None:
            return
        profile = self._project.profile
        model = profile.business_model
        self.business_model_help.setText(_(BUSINESS_MODEL_TEXTS[model][1]) if model else "")
        self.business_model_help.setVisible(model is not None)
        self._labels["yearly_revenue"].setText(
            _("Yearly revenue ({currency})").format(currency=currency_sign(profile.currency))
        )
        missing = completeness(self._project, self.step_id).missing
        if missing:
            names = ", ".join(_(label) for label in missing)
            self.missing.setText(_("Still to fill: {fields}").format(fields=names))
        else:
            self.missing.setText(_("The profile is complete."))

    def retranslate_ui(self) -> None:
        set_heading(self.title, _("Business profile"))
        self.intro.setText(
            _(
                "Describe the business once: the diagnosis, the KPIs and the printed plan all "
                "start from here. Only the name, sector and business model are needed to begin."
            )
        )
        for field, label in self._labels.items():
            label.setText(_(PROFILE_FIELD_LABELS[field]))
        tips = _field_tips()
        for field, widget in self._fields().items():
            target = widget.edit if isinstance(widget, NumberField) else widget
            target.setToolTip(tips.get(field, ""))
            target.setWhatsThis(tips.get(field, ""))
            target.setAccessibleName(_(PROFILE_FIELD_LABELS[field]))
        self.business_model.clear()
        self.business_model.addItem(_("Choose…"), None)
        for model, (title, _help) in BUSINESS_MODEL_TEXTS.items():
            self.business_model.addItem(_(title), model.value)
        self.sells_to.clear()
        for value, title in SELLS_TO_TEXTS.items():
            self.sells_to.addItem(_(title), value)
        self.sector_completer.setModel(
            QStringListModel([_(s) for s in SECTOR_SUGGESTIONS], self.sector_completer)
        )
        self.name.setPlaceholderText(_("e.g. Brûlerie des Canuts"))
        self.customers.edit.setPlaceholderText(_("active customers today"))
        self.yearly_revenue.edit.setPlaceholderText(_("last full year"))
        self.facilitator_name.setPlaceholderText(_("who runs the workshop"))
        self.notes.setPlaceholderText(_("Anything the team should keep in mind"))
        if self._project is not None:
            self.load(self._project)


def _field_tips() -> dict[str, str]:
    """What each field is for, in the current language (tooltips and What's This)."""
    return {
        "name": _("The business's name, as the plan's cover prints it."),
        "sector": _(
            "What the business does, in a few words (a hair salon, a coffee roaster): the "
            "cover prints it, and benchmarks measured in that sector are preferred."
        ),
        "business_model": _(
            "How customers buy: it suggests answers to the retention-type questions and picks "
            "the benchmarks the KPIs are judged against."
        ),
        "sells_to": _("Picks the benchmarks measured on businesses like yours (B2B or B2C)."),
        "customers": _(
            "How many customers the business has today, for scale; the KPI step takes its "
            "figures period by period."
        ),
        "yearly_revenue": _(
            "Revenue of the last full year, for scale; the KPI step takes its figures period "
            "by period."
        ),
        "currency": _("The currency of every amount in the project and in the printed plan."),
        "report_language": _(
            "The language of the printed plan. The window's language is in View › Language."
        ),
        "facilitator_name": _("Who runs the workshop: printed on the plan's cover."),
        "facilitator_firm": _("The facilitator's firm: printed on the plan's cover."),
        "notes": _("Anything the team should keep in mind; kept in the project file."),
    }


def _stacked(top: QWidget, below: QWidget) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(top)
    column.addWidget(below)
    return box
