"""`crm-desktop --self-test`: the smoke path of a fresh install, offscreen, on a temporary database.

It proves that an installed copy — above all the PyInstaller bundle, where a missing library, Qt plugin, data file
or hidden import shows only at run time — can do a day's work: make the demo company, log in, open the main window,
open a customer's card, confirm an order, record a receipt, show the aging, export it to Excel and write it as a
PDF, and draw a chart. Every question the interface asks is answered yes; a warning or an error box fails the test.
Nothing of the user's is touched: the database, settings and files live in a temporary folder that is removed.
Prints one line per step; exits 0, or 1 with the step and the reason.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEMO_CUSTOMERS = 60  # enough for every page to have rows; the full demo (300) only takes longer
TIMEOUT_S = 120.0  # per wait: a cold bundle on a slow CI machine


def pump(seconds: float) -> None:
    """Let Qt run its events for this long (offscreen drivers: the self-test, docs/screenshots.py)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.monotonic() + seconds
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if time.monotonic() >= end:
            return
        time.sleep(0.005)


class SelfTestFailed(Exception):
    pass


LOG_WITHOUT_CONSOLE = "crm-selftest.log"  # in the temporary folder, for the windowed crm-desktop.exe (Windows)


def run() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if sys.stdout is None or sys.stderr is None:  # a windowed executable has no console: the lines go to a file
        out = (Path(tempfile.gettempdir()) / LOG_WITHOUT_CONSOLE).open("w", encoding="utf-8")
        sys.stdout, sys.stderr = sys.stdout or out, sys.stderr or out
    with tempfile.TemporaryDirectory(prefix="crm-selftest-") as tmp:
        folder = Path(tmp)
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):  # the log and data folders (Linux)
            os.environ[name] = str(folder / name.lower())
        walk = _Walk(folder)
        try:
            walk.run()
        except Exception as exc:  # noqa: BLE001 - any failure is reported as the step that failed
            reason = " ".join(str(exc).split())  # one line, also when the message box's text had several
            print(f"self-test FAILED at {walk.step!r}: {type(exc).__name__}: {reason}", file=sys.stderr, flush=True)
            return 1
        finally:
            walk.close()
    print(f"self-test passed ({time.monotonic() - walk.started:.1f} s)", flush=True)
    return 0


def _qt_message(_mode: object, _context: object, message: str) -> None:
    """Qt's warnings go to stderr as usual, less the offscreen platform's notes on what it cannot do with a window."""
    if not message.startswith("This plugin does not support"):
        print(message, file=sys.stderr, flush=True)


class _Walk:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.step = "start"
        self.started = time.monotonic()
        self.problems: list[str] = []
        self.window: Any = None
        self.db: Any = None
        self.present: Any = None  # ui.ask's own _present, put back at the end

    # --- the path ---------------------------------------------------------------------------------------------

    def run(self) -> None:
        self.begin("start Qt offscreen")
        from PySide6.QtCore import QSettings, qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        qInstallMessageHandler(_qt_message)

        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(self.folder / "settings"))
        app = QApplication.instance() or QApplication([sys.argv[0]])
        from ui import ask
        from ui.fonts import ensure_chinese_font
        from ui.main import app_icon, install_translator

        app.setApplicationName("crm-desktop")
        app.setOrganizationName("crm-desktop")
        app.setWindowIcon(app_icon())
        if app.windowIcon().isNull():
            raise SelfTestFailed("the application icon did not load")
        install_translator(app)
        self.translations(app)
        ensure_chinese_font()
        self.present, ask._present = ask._present, self._answer  # every box of the interface goes through it

        self.every_module()
        self.demo_company()
        self.main_window()
        self.customer_card()
        self.order()
        self.receipt()
        page = self.aging()
        self.excel(page)
        self.pdf(page)
        self.chart()
        self.begin("close")
        self.window.close()
        pump(0.2)

    def translations(self, app: Any) -> None:  # noqa: ANN401 - the QApplication
        """The interface's English and Qt's own Chinese (the buttons of every box) are there to load."""
        from PySide6.QtCore import Qt, QTranslator

        import resources
        from ui.main import QT_TRANSLATOR

        if not QTranslator().load(str(resources.translation("en"))):
            raise SelfTestFailed(f"the English translation does not load: {resources.translation('en')}")
        if app.findChild(QTranslator, QT_TRANSLATOR, Qt.FindChildOption.FindDirectChildrenOnly) is None:
            raise SelfTestFailed("Qt's own translation (qtbase_zh_CN.qm) did not load")

    def every_module(self) -> None:
        """Every module of the application imports: in a bundle, a library or Qt module that only a window off the
        smoke path needs (a missing hidden import, an excluded Qt module) fails here, not at a user's click."""
        import importlib
        import pkgutil

        import app
        import models
        import ui

        self.begin("import every module")
        names = [m.name for package in (app, models, ui)
                 for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
                 if not m.name.startswith(("app.migrations.", "ui.selftest"))]
        for name in names:
            importlib.import_module(name)
        if len(names) < 50:
            raise SelfTestFailed(f"only {len(names)} modules were found: the bundle lacks the application's code")
        self.note(f"{len(names)} modules")

    def demo_company(self) -> None:
        from app import startup
        from ui.dialogs.login import LoginDialog

        self.begin(f"make the demo company ({DEMO_CUSTOMERS} customers)")
        self.db = startup.open_database(f"sqlite:///{self.folder / 'crm.sqlite3'}")
        if self.db.state != "new":
            raise SelfTestFailed(f"a new database file is {self.db.state!r}")
        startup.create_demo(self.db, customers=DEMO_CUSTOMERS)
        self.begin("log in as admin")
        self.login = LoginDialog(self.db, "")
        self.login.show()
        self.login.login.setText(startup.DEMO_USERS[0][0])
        self.login.password.setText(startup.DEMO_PASSWORD)
        self.login.try_login()
        self.wait("the login", lambda: self.login.actor is not None or bool(self.login.message.text()
                                                                           and self.login.buttons.isEnabled()))
        if self.login.actor is None:
            raise SelfTestFailed(f"the login was refused: {self.login.message.text()}")

    def main_window(self) -> None:
        from ui.context import AppContext
        from ui.main_window import MainWindow

        self.begin("open the main window")
        self.ctx = AppContext(self.db, self.login.actor)
        self.window = MainWindow(self.ctx)
        self.window.show()
        self.customers = self.window.tabs.widget(0)
        self.window.tabs.setCurrentWidget(self.customers)
        self.wait("the customer list", lambda: not self.customers.is_loading() and self.customers.model.rowCount() > 0)

    def customer_card(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        self.begin("open a customer's card")
        tab = self.customers
        self.code = tab.model.row_of(0).code
        tab.focus_search()
        QTest.keyClicks(tab.search, self.code)
        self.wait("the search", lambda: not tab.is_loading() and tab.model.rowCount() >= 1
                  and tab.model.row_of(0).code == self.code)
        tab.last_card = None
        QTest.keyClick(tab.search, Qt.Key.Key_Return)
        self.wait("the card", lambda: tab.last_card is not None)
        if tab.last_card.code.text() != self.code:
            raise SelfTestFailed(f"the card shows {tab.last_card.code.text()!r}, not {self.code!r}")
        tab.last_card.reject()

    def order(self) -> None:
        from models import SalesOrder

        self.begin("confirm a sales order")
        sales = self.switch_to("SalesPage").orders
        before = self.count(SalesOrder)
        sales.last_dialog = None
        sales.new_item()
        self.wait("the order form", lambda: sales.last_dialog is not None and not sales.last_dialog.is_busy())
        form = sales.last_dialog
        self.choose(form.customer, self.code)
        line = form.lines.line(0)
        self.choose(line.picker, self.first_product_code())
        line.qty.selectAll()
        from PySide6.QtTest import QTest

        QTest.keyClicks(line.qty, "2")
        self.wait("the customer's figures", lambda: not form.figures_pending())
        form.last_outcome = None
        form.confirm_button.click()
        self.wait("the order to be saved", lambda: form.last_outcome is not None and not form.is_busy())
        if self.count(SalesOrder) != before + 1:
            raise SelfTestFailed("the order was not saved")
        self.note(f"{form.last_outcome.number} for {self.code}: {form.last_outcome.status}")
        form.reject()

    def receipt(self) -> None:
        from PySide6.QtTest import QTest
        from sqlalchemy import select

        from models import CodeEntry, Receipt

        self.begin("record a receipt")
        tab = self.switch_to("ReceiptsTab")
        before = self.count(Receipt)
        tab.last_dialog = None
        tab.new_item()
        self.wait("the receipt form", lambda: tab.last_dialog is not None)
        dialog = tab.last_dialog
        self.choose(dialog.customer, self.code)
        self.wait("the customer's open orders", lambda: not dialog.is_loading())
        QTest.keyClicks(dialog.amount, "100")
        if dialog.method.current_id() is None:
            with self.db.sessions() as s:
                dialog.method.set_current_id(s.scalars(select(CodeEntry.id).where(
                    CodeEntry.kind == "payment_method").order_by(CodeEntry.sort_order)).first())
        self.wait("the allocation", lambda: not dialog.is_loading())
        saved: list[Any] = []
        dialog.saved.connect(saved.append)
        dialog.save()
        self.wait("the receipt to be saved", lambda: dialog.result() == dialog.DialogCode.Accepted and saved)
        self.note(f"{saved[0].number} for {self.code}: 100.00")
        if self.count(Receipt) != before + 1:
            raise SelfTestFailed("the receipt was not saved")

    def aging(self) -> Any:  # noqa: ANN401 - the aging page
        self.begin("show the aging")
        credit = self.switch_to("CreditTab")
        page = credit.aging
        credit.tabs.setCurrentWidget(page)
        self.wait("the aging", lambda: not page.is_loading() and not page.stale and not self.ctx.tasks.busy)
        if page.result is None or not page.result.reconciles:
            raise SelfTestFailed(f"the aging does not reconcile: {page.check.text()}")
        if page.model.rowCount() < 2:
            raise SelfTestFailed("the aging shows no customer")
        self.note(f"{page.model.rowCount() - 1} customers, balance {page.result.totals.balance:,.2f}, reconciled")
        return page

    def excel(self, page: Any) -> None:  # noqa: ANN401
        self.begin("export the aging to Excel")
        target = self.out("aging.xlsx")
        self.window.actions_by_name["export"].trigger()
        self.wait("the workbook", lambda: target.exists() and not self.ctx.tasks.busy)
        pump(0.2)
        with zipfile.ZipFile(target) as book:
            if "xl/workbook.xml" not in book.namelist():
                raise SelfTestFailed(f"{target.name} is not a workbook")
        import openpyxl

        sheet = openpyxl.load_workbook(target, read_only=True).active
        if sum(1 for _row in sheet.iter_rows()) < page.model.rowCount():
            raise SelfTestFailed("the workbook has fewer rows than the aging shows")
        self.note(f"{target.name}: {target.stat().st_size:,} bytes")

    def pdf(self, page: Any) -> None:  # noqa: ANN401
        self.begin("write the aging as a PDF")
        target = self.out("aging.pdf")
        self.window.actions_by_name["export_pdf"].trigger()
        self.wait("the PDF", lambda: target.exists() and not self.ctx.tasks.busy)
        pump(0.2)
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(str(target))
        text = document[0].get_textpage().get_text_range()
        document.close()
        if not any("\u4e00" <= c <= "\u9fff" for c in text):
            raise SelfTestFailed("the PDF has no Chinese text (the font is missing)")
        self.note(f"{target.name}: {target.stat().st_size:,} bytes, Chinese text found")

    def chart(self) -> None:
        self.begin("draw the company chart")
        analysis = self.switch_to("AnalysisTab")
        page = analysis.company
        analysis.tabs.setCurrentWidget(page)
        self.wait("the company figures", lambda: page.table is not None and not page.is_loading())
        pump(0.2)
        if page.chart.plot is None:
            raise SelfTestFailed(f"no chart was drawn: {page.message.text()}")
        if self.window.grab().isNull():
            raise SelfTestFailed("the main window did not render")

    # --- helpers ----------------------------------------------------------------------------------------------

    def begin(self, step: str) -> None:
        self.step = step
        print(f"self-test: {step}", flush=True)

    def note(self, text: str) -> None:
        print(f"           {text}", flush=True)

    def out(self, name: str) -> Path:
        (self.folder / "out").mkdir(exist_ok=True)
        return self.folder / "out" / name

    def _answer(self, _parent: object, q: Any) -> bool | str | None:  # noqa: ANN401 - ui.ask.Question
        from ui import ask

        if q.kind in (ask.WARN, ask.ERROR):
            self.problems.append(f"「{q.title}」 {q.text} {q.detail}".strip())
            return None
        if q.kind == ask.SAVE_FILE:
            return str(self.out(Path(q.text).name).with_name("aging" + Path(q.text).suffix))
        if q.kind == ask.TEXT:
            return "self-test"
        return True if q.kind == ask.CONFIRM else None

    def wait(self, what: str, condition: Callable[[], bool]) -> None:
        end = time.monotonic() + TIMEOUT_S
        while True:
            pump(0.01)
            if self.problems:
                raise SelfTestFailed(f"the application showed an error: {self.problems[0]}")
            if condition():
                return
            if time.monotonic() > end:
                raise SelfTestFailed(f"timed out after {TIMEOUT_S:.0f} s waiting for {what}")

    def switch_to(self, class_name: str) -> Any:  # noqa: ANN401 - the tab
        tabs = self.window.tabs
        for n in range(tabs.count()):
            if type(tabs.widget(n)).__name__ == class_name:
                tabs.setCurrentIndex(n)
                return tabs.widget(n)
        raise SelfTestFailed(f"the main window has no {class_name}")

    def choose(self, picker: Any, text: str) -> None:  # noqa: ANN401 - a ui.widgets.picker.Picker
        """Type into a picker and press Enter, as a user does."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        picker.setFocus()
        QTest.keyClicks(picker, text)
        QTest.keyClick(picker, Qt.Key.Key_Return)
        self.wait(f"the choice of {text}", lambda: picker.current_id() is not None and not picker.is_querying())
        picker.window().activateWindow()

    def count(self, model: type) -> int:
        from sqlalchemy import func, select

        with self.db.sessions() as s:
            return s.scalar(select(func.count()).select_from(model))

    def first_product_code(self) -> str:
        from sqlalchemy import select

        from models import Product

        with self.db.sessions() as s:
            return s.scalars(select(Product.code).order_by(Product.code)).first()

    def close(self) -> None:
        """Put everything away, also after a failure halfway (an open dialog, a task still running): Qt objects left
        to the interpreter's exit can crash it, and the exit status must be the test's."""
        from PySide6.QtCore import QThreadPool
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            for widget in QApplication.topLevelWidgets():
                widget.close()
            QThreadPool.globalInstance().waitForDone(int(TIMEOUT_S * 1000))
            pump(0.2)
            for widget in QApplication.topLevelWidgets():
                widget.deleteLater()
            pump(0.1)
        if self.present is not None:
            from ui import ask

            ask._present = self.present
        if self.db is not None:
            self.db.engine.dispose()
