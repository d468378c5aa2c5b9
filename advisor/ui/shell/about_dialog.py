"""Help › About: what the product is, its version and licence, and the third-party notices
(read from the running installation when asked, see :mod:`advisor.notices`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor import APP_NAME, __version__
from advisor.i18n import _

ICON_SIZE = 96


class AboutDialog(QDialog):
    """The product's icon, name and version, what it does, its licence and where the data
    stays; "Third-party notices…" opens :class:`NoticesDialog`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About {app}").format(app=APP_NAME))
        self.notices: NoticesDialog | None = None
        icon = QLabel()
        app_icon = QGuiApplication.windowIcon()
        if not app_icon.isNull():
            icon.setPixmap(app_icon.pixmap(ICON_SIZE, ICON_SIZE))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(
            "<h3>{app} {version}</h3><p>{what}</p><p>{licence}</p><p>{data}</p>".format(
                app=APP_NAME,
                version=__version__,
                what=_(
                    "A workshop companion that helps small businesses keep their customers: "
                    "journey map, retention diagnosis, KPIs and a printed action plan."
                ),
                licence=_("Licensed under the Apache License 2.0."),
                data=_("Your data stays on this computer: nothing is sent anywhere."),
            )
        )
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMinimumWidth(360)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.notices_button = QPushButton(_("Third-party &notices…"))
        buttons.addButton(self.notices_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.notices_button.clicked.connect(self.show_notices)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def show_notices(self) -> NoticesDialog:
        """Open the third-party notices beside this box (built once, then shown again)."""
        if self.notices is None:
            self.notices = NoticesDialog(self)
        self.notices.open()
        self.notices.raise_()
        return self.notices


class NoticesDialog(QDialog):
    """The third-party notices in a read-only, scrollable, selectable text view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from advisor.notices import third_party_notices  # read only when asked

        super().__init__(parent)
        self.setWindowTitle(_("Third-party notices"))
        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.view.setPlainText(third_party_notices())
        finally:
            QGuiApplication.restoreOverrideCursor()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(820, 600)


def show_about(parent: QWidget) -> AboutDialog:
    """Open the About box over ``parent`` without blocking; it is deleted when closed."""
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
