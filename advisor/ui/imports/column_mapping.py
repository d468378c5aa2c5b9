"""Which column is which, for an export whose layout is not recognised: the kind of file and,
for each value the reading needs (customer, date, amount…), the column holding it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor.analytics.layouts import ROLE_TITLES, recognise, resolve_columns  # no pandas
from advisor.i18n import N_, _

KINDS = (("orders", N_("Orders")), ("survey", N_("Survey answers")))
ROLES = {"orders": ("customer", "date", "amount", "order"), "survey": ("date", "score")}
MAPPED_ROLES = ("customer", "date", "amount", "order", "score")
ROLE_NAMES = {**ROLE_TITLES, "score": N_("Score (0–10, 1–5 or 1–7)")}


class ColumnMappingBox(QGroupBox):
    """The column chosen for each role; hidden while the layout is recognised by itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.kind_label, self.kind_combo = QLabel(), QComboBox()
        for key, _title in KINDS:
            self.kind_combo.addItem("", key)
        self.role_labels = {role: QLabel() for role in MAPPED_ROLES}
        self.role_combos = {role: QComboBox() for role in MAPPED_ROLES}
        self.read_again_button = QPushButton()
        self.form = QFormLayout()
        self.form.addRow(self.kind_label, self.kind_combo)
        for role in MAPPED_ROLES:
            self.form.addRow(self.role_labels[role], self.role_combos[role])
        again = QHBoxLayout()
        again.addStretch(1)
        again.addWidget(self.read_again_button)
        column = QVBoxLayout(self)
        column.addWidget(self.help)
        column.addLayout(self.form)
        column.addLayout(again)
        self.kind_combo.currentIndexChanged.connect(self.show_roles)

    def mapping(self) -> dict[str, str]:
        """The column chosen for each role the kind of file needs ({} while hidden)."""
        if self.isHidden():
            return {}
        roles = ROLES[self.kind_combo.currentData()]
        chosen = {role: self.role_combos[role].currentData() for role in roles}
        return {role: column for role, column in chosen.items() if column}

    def offer(
        self, headers: list[str], chosen: dict[str, str] | None = None, kind: str = "orders"
    ) -> None:
        """Column choices over the file's headers, with the columns recognised by name (or
        chosen before) already selected."""
        chosen = self.mapping() if chosen is None else chosen
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))
        guessed = resolve_columns(recognise(headers), headers, chosen)
        for role, combo in self.role_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("(none)") if role == "order" else _("(choose a column)"), "")
            for header in headers:
                combo.addItem(header, header)
            combo.setCurrentIndex(max(combo.findData(guessed.get(role, "")), 0))
            combo.blockSignals(False)
        self.show_roles()
        self.show()

    def show_roles(self) -> None:
        """The column choices an orders export or survey answers need."""
        kind = self.kind_combo.currentData()
        for role in MAPPED_ROLES:
            self.form.setRowVisible(self.role_combos[role], role in ROLES[kind])
        self.help.setText(
            _("This layout is not one we know. Pick the column holding the date of each answer "
              "and the one holding its score, then read the file again.") if kind == "survey"
            else _("This layout is not one we know. Pick the columns holding the customer, the "
                   "date and the amount (and the order number, if any), then read the file "
                   "again.")
        )  # fmt: skip

    def retranslate_ui(self) -> None:
        self.setTitle(_("Which column is which?"))
        self.kind_label.setText(_("The file holds:"))
        for index, (_key, title) in enumerate(KINDS):
            self.kind_combo.setItemText(index, _(title))
        self.show_roles()
        for role, label in self.role_labels.items():
            label.setText(_("{field}:").format(field=_(ROLE_NAMES[role])))
        self.read_again_button.setText(_("Read again"))
