"""`crm-desktop`: start the Qt application and show the main window."""
from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("客户资源管理"))
        tabs = QTabWidget()
        for title in (self.tr("客户"), self.tr("销售"), self.tr("收款"), self.tr("信用"), self.tr("分析"), self.tr("设置")):
            placeholder = QLabel(self.tr("此功能正在建设中"))
            placeholder.setMargin(24)
            tabs.addTab(placeholder, title)
        self.setCentralWidget(tabs)
        self.resize(1100, 700)
        geometry = QSettings().value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event) -> None:  # noqa: ANN001 - Qt event
        QSettings().setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)


def main() -> int:
    QCoreApplication.setOrganizationName("crm-desktop")
    QCoreApplication.setApplicationName("crm-desktop")
    app = QApplication(sys.argv)
    window = MainWindow()
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
