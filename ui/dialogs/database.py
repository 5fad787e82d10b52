"""数据库设置: the embedded file (where it lives) or a shared PostgreSQL server, with a connection test."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.paths import default_db_path
from ui.store import qsettings
from ui.tasks import Tasks


def configured_url() -> str:
    """The database this PC opens: the saved choice, else the embedded file in the user's data folder."""
    saved = qsettings().value("db/url", "", str)
    return saved or f"sqlite:///{default_db_path()}"


class DatabaseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = Tasks(self)
        self.setWindowTitle(self.tr("数据库设置"))
        url = configured_url()
        self.embedded = QRadioButton(self.tr("本机文件（单台电脑使用）"))
        self.server = QRadioButton(self.tr("PostgreSQL 服务器（多台电脑共用）"))
        group = QButtonGroup(self)
        group.addButton(self.embedded)
        group.addButton(self.server)
        self.path = QLineEdit(url.removeprefix("sqlite:///") if url.startswith("sqlite") else str(default_db_path()))
        browse = QPushButton(self.tr("更改…"))
        browse.clicked.connect(self.choose_file)
        self.url = QLineEdit(url if not url.startswith("sqlite") else "postgresql+psycopg://用户名:密码@服务器地址:5432/crm")
        test = QPushButton(self.tr("测试连接"))
        test.clicked.connect(self.test)
        self.result = QLabel()
        self.result.setWordWrap(True)
        (self.embedded if url.startswith("sqlite") else self.server).setChecked(True)
        grid = QGridLayout()
        grid.addWidget(self.embedded, 0, 0, 1, 3)
        grid.addWidget(QLabel(self.tr("文件位置：")), 1, 0)
        grid.addWidget(self.path, 1, 1)
        grid.addWidget(browse, 1, 2)
        grid.addWidget(self.server, 2, 0, 1, 3)
        grid.addWidget(QLabel(self.tr("服务器地址：")), 3, 0)
        grid.addWidget(self.url, 3, 1)
        grid.addWidget(test, 3, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        note = QLabel(self.tr("更改数据库后需要重新启动程序。"))
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.result)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

    def chosen_url(self) -> str:
        if self.embedded.isChecked():
            return f"sqlite:///{self.path.text().strip()}"
        return self.url.text().strip()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("数据库文件"), self.path.text(),
                                              self.tr("数据库文件 (*.sqlite3)"),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.path.setText(path)
            self.embedded.setChecked(True)

    def test(self) -> None:
        self.result.setText(self.tr("正在连接…"))
        self.tasks.run(_check_connection, self.chosen_url(), on_done=self.result.setText,
                       on_error=lambda exc: self.result.setText(str(exc)))

    def save(self) -> None:
        url = self.chosen_url()
        default = f"sqlite:///{default_db_path()}"
        qsettings().setValue("db/url", "" if url == default else url)
        self.accept()


def _check_connection(url: str) -> str:
    from app import startup

    return startup.check_connection(url)
