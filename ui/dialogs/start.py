"""First run: create a company (name and administrator) or open the demo company, with a progress bar."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import auth, startup
from app.context import Actor
from app.startup import Database
from ui.tasks import Tasks


class StartDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.tasks = Tasks(self)
        self.setWindowTitle(self.tr("欢迎使用客户资源管理"))
        intro = QLabel(self.tr("<h2>欢迎使用客户资源管理</h2><p>数据库：{0}</p><p>这是第一次使用。请创建您的公司，"
                               "或先打开演示公司看看。</p>").format(db.label))
        intro.setWordWrap(True)

        self.company = QLineEdit()
        self.company.setPlaceholderText(self.tr("例如：重庆渝丰五金机电有限公司"))
        self.admin = QLineEdit("admin")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("公司名称："), self.company)
        form.addRow(self.tr("管理员登录名："), self.admin)
        self.password.setPlaceholderText(self.tr("至少 {0} 位，不能全是数字").format(auth.MIN_PASSWORD))
        form.addRow(self.tr("密码："), self.password)
        form.addRow(self.tr("再次输入密码："), self.password2)
        self.create_button = QPushButton(self.tr("创建公司"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_company)
        new_box = QGroupBox(self.tr("创建新公司"))
        new_layout = QVBoxLayout(new_box)
        new_layout.addLayout(form)
        new_layout.addWidget(self.create_button)

        self.demo_button = QPushButton(self.tr("打开演示公司"))
        self.demo_button.clicked.connect(self.open_demo)
        demo_box = QGroupBox(self.tr("演示公司"))
        demo_layout = QVBoxLayout(demo_box)
        demo_text = QLabel(self.tr("生成一家虚构的贸易公司：8 名销售员、约 300 家客户、两年的销售和收款。"
                                   "登录名 admin / jingli / xiaoshou / caiwu，密码均为 {0}。").format(
            startup.DEMO_PASSWORD))
        demo_text.setWordWrap(True)
        demo_layout.addWidget(demo_text)
        demo_layout.addWidget(self.demo_button)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        quit_button = QPushButton(self.tr("退出"))
        quit_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(quit_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(new_box)
        layout.addWidget(demo_box)
        layout.addWidget(self.progress)
        layout.addLayout(bottom)
        self.setMinimumWidth(520)
        self.company.setFocus()

    def _busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)
        self.demo_button.setEnabled(not busy)

    def create_company(self) -> None:
        if self.password.text() != self.password2.text():
            self.message.setText(self.tr("两次输入的密码不一致"))
            return
        self._busy(True)
        self.message.setText("")
        self.tasks.run(startup.create_company, self.db, self.company.text(), self.admin.text(), self.password.text(),
                       on_done=self._done, on_error=self._failed)

    def open_demo(self) -> None:
        self._busy(True)
        self.message.setText("")
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.tasks.run(startup.create_demo, self.db, on_done=self._done, on_error=self._failed,
                       on_progress=self._step)

    def _step(self, stage: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{stage} %p%")

    def _done(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._busy(False)
        self.progress.setVisible(False)
        self.message.setText(str(exc))
