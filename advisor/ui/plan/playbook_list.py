"""The plan step's list of playbooks: those recommended for this diagnosis, best first, with
their rank, score and reason; on request, every other playbook of the library after them, so a
consultant can add a play the matching did not propose."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from advisor.domain.matching import Recommendation
from advisor.domain.playbooks import Playbook
from advisor.i18n import _
from advisor.i18n.formatting import format_number

PLAYBOOK_ID_ROLE = Qt.ItemDataRole.UserRole


class PlaybookList(QTreeWidget):
    """Rank, title and score of each playbook; the others, unranked and in italics."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)

    def fill(
        self,
        recommendations: list[Recommendation],
        others: Iterable[Playbook],
        picked: set[str],
        language: str,
        currency: str,
    ) -> None:
        """Show ``recommendations`` ranked, then ``others`` (their titles in alphabetical
        order); playbooks already in the plan say so."""
        self.blockSignals(True)
        self.clear()

        def title(playbook: Playbook) -> str:
            text = playbook.title.get(language)
            return _("{title} (in the plan)").format(title=text) if playbook.id in picked else text

        for rank, item in enumerate(recommendations, 1):
            score = format_number(item.score, language, 1)
            row = QTreeWidgetItem([str(rank), title(item.playbook), score])
            row.setData(0, PLAYBOOK_ID_ROLE, item.playbook.id)
            row.setToolTip(1, item.reason_line(language, currency))
            self.addTopLevelItem(row)
        italic = QFont(self.font())
        italic.setItalic(True)
        for playbook in sorted(others, key=lambda p: p.title.get(language).casefold()):
            row = QTreeWidgetItem(["—", title(playbook), ""])
            row.setData(0, PLAYBOOK_ID_ROLE, playbook.id)
            row.setFont(1, italic)
            row.setToolTip(1, _("Not matched to this diagnosis; it can still be added."))
            self.addTopLevelItem(row)
        self.blockSignals(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    def current_id(self) -> str:
        item = self.currentItem()
        return str(item.data(0, PLAYBOOK_ID_ROLE)) if item is not None else ""

    def select(self, playbook_id: str) -> bool:
        """Make ``playbook_id`` the current row; returns whether it is listed."""
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            if item is not None and item.data(0, PLAYBOOK_ID_ROLE) == playbook_id:
                self.setCurrentItem(item)
                return True
        return False

    def retranslate_ui(self) -> None:
        self.setHeaderLabels(["#", _("Playbook"), _("Score")])
