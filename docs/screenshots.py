"""The README's pictures: the demo company's tabs and main dialogs, drawn offscreen at 1280×800 into docs/images/.

Run it from the checkout after a change to the interface: `.venv/bin/python docs/screenshots.py` (one to two
minutes). It makes the demo company (seed 1) in a temporary database with the application's own generator, logs in as
the role each picture is about (the boss, a salesperson, the accountant, the administrator), opens each tab, page and
dialog in the interface language Chinese, renders the first page of a customer dossier PDF with pdftoppm (poppler-utils)
and saves the pictures as 256-colour optimised PNGs. The same seed gives the same company, customers and documents;
its dates run up to the day the script runs, as the demo company's do. Nothing of the user's is touched: the
database, settings and log live in a temporary folder that is removed.
"""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
SIZE = (1280, 800)
COLOURS = 256
DEMO_CUSTOMERS = 300  # the desktop's own demo company
TIMEOUT_S = 120.0
REMINDER_ROWS = 25  # lines the reminder panel shows in the picture
PDF_DPI = 110  # an A4 page 910×1286 pixels
CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei")  # the first installed one is used


def pump(seconds: float) -> None:
    from ui.selftest import pump as run  # ui/ is importable once main() has put the checkout on the path

    run(seconds)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # a fixed folder, not a random one: the login and start pictures show the database's path
    folder = Path(tempfile.gettempdir()) / "crm-screenshots"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(folder / name.lower())
        shots = Shots(folder)
        try:
            shots.run()
        finally:
            shots.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    total = sum(p.stat().st_size for p in shots.saved)
    print(f"{len(shots.saved)} pictures, {total / 1024:.0f} KiB in {IMAGES.relative_to(ROOT)}/", flush=True)
    return 0


class Shots:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.saved: list[Path] = []
        self.windows: list[Any] = []
        self.db: Any = None

    # --- the pictures -------------------------------------------------------------------------------------------

    def run(self) -> None:
        self.start_qt()
        self.first_start()
        self.demo_company()
        self.boss()
        self.salesperson()
        self.accountant()
        self.dossier()
        self.administrator()

    def first_start(self) -> None:
        from app import startup
        from ui.dialogs.start import StartDialog

        db = startup.open_database(f"sqlite:///{self.folder / 'new.sqlite3'}")
        dialog = StartDialog(db)
        dialog.company.setText("重庆渝丰五金机电有限公司")
        self.dialog_alone(dialog, "start")
        db.engine.dispose()

    def demo_company(self) -> None:
        from app import startup
        from ui.dialogs.login import LoginDialog

        print(f"making the demo company ({DEMO_CUSTOMERS} customers)…", flush=True)
        self.db = startup.open_database(f"sqlite:///{self.folder / 'crm.sqlite3'}")
        startup.generate_demo(self.db, customers=DEMO_CUSTOMERS, seed=1)
        with self.db.sessions() as s:
            from app import settings as app_settings

            company = app_settings.load(s).company_name
        dialog = LoginDialog(self.db, company)
        dialog.login.setText("xiaoshou")
        dialog.password.setText(startup.DEMO_PASSWORD)
        self.dialog_alone(dialog, "login")

    def boss(self) -> None:
        window = self.main_window("jingli")
        window.reminders.start()
        panel = window.reminders.panel
        self.wait("the reminders", lambda: panel.result is not None and not panel.is_loading())
        customers = self.tab(window, "CustomersTab")
        self.wait("the customer list", lambda: not customers.is_loading() and customers.model.rowCount() > 0)
        # every kind of reminder as a heading with its count; those that fit on the page opened
        tree = panel.tree
        tree.collapseAll()
        room = REMINDER_ROWS - tree.topLevelItemCount()
        for n in range(tree.topLevelItemCount()):
            group = tree.topLevelItem(n)
            if 0 < group.childCount() <= room:
                group.setExpanded(True)
                room -= group.childCount()
        self.save(self.over(window, panel), "boss-reminders")
        panel.hide()
        self.save(window.grab(), "customers")
        credit = self.tab(window, "CreditTab")
        for page, name in ((credit.queue, "credit-approvals"), (credit.overview, "credit-overview"),
                           (credit.aging, "credit-aging")):
            credit.tabs.setCurrentWidget(page)
            self.wait(name, lambda p=page: not p.is_loading() and not p.stale)
            self.save(window.grab(), name)
        analysis = self.tab(window, "AnalysisTab")
        for page, name in ((analysis.company, "analysis-company"), (analysis.potential, "analysis-potential"),
                           (analysis.activity, "analysis-activity"), (analysis.grades, "analysis-grades")):
            analysis.tabs.setCurrentWidget(page)
            self.wait(name, lambda p=page: not p.is_loading())
            self.save(window.grab(), name)
        self.close_window(window)

    def salesperson(self) -> None:
        window = self.main_window("xiaoshou")
        customers = self.tab(window, "CustomersTab")
        self.wait("the customer list", lambda: not customers.is_loading() and customers.model.rowCount() > 0)
        customers.last_card = None
        customers.open_customer(customers.model.row_of(0).id)
        self.wait("the card", lambda: customers.last_card is not None and customers.last_card.loaded is not None
                  and not customers.last_card.is_busy())
        self.save(self.over(window, customers.last_card), "customer-card")
        customers.last_card.reject()
        code = customers.model.row_of(0).code

        page = self.tab(window, "SalesPage")
        sales = page.orders
        page.tabs.setCurrentWidget(sales)
        self.wait("the order list", lambda: not sales.is_loading())
        self.save(window.grab(), "sales")
        sales.last_dialog = None
        sales.new_item()
        self.wait("the order form", lambda: sales.last_dialog is not None and not sales.last_dialog.is_busy())
        form = sales.last_dialog
        self.choose(form.customer, code)
        for row, (product, qty) in enumerate(self.products(2)):
            while form.lines.line_count() <= row:
                form.lines.add_line()
            line = form.lines.line(row)
            self.choose(line.picker, product)
            line.qty.selectAll()
            self.type(line.qty, qty)
        self.wait("the customer's figures", lambda: not form.figures_pending())
        self.save(self.over(window, form), "order-form")
        form.reject()
        page.tabs.setCurrentWidget(page.returns)
        self.wait("the return list", lambda: not page.returns.is_loading())
        self.save(window.grab(), "returns")
        self.close_window(window)

    def accountant(self) -> None:
        window = self.main_window("caiwu")
        receipts = self.tab(window, "ReceiptsTab")
        self.wait("the receipts", lambda: not receipts.is_loading() and receipts.model.rowCount() > 0)
        self.save(window.grab(), "receipts")
        code, balance = self.customer_with_debts()
        receipts.last_dialog = None
        receipts.new_item()
        self.wait("the receipt form", lambda: receipts.last_dialog is not None)
        dialog = receipts.last_dialog
        self.choose(dialog.customer, code)
        self.wait("the open orders", lambda: not dialog.is_loading())
        self.choose(dialog.method, "yhzz")  # 银行转账 by its pinyin initials (QTest types ASCII only)
        self.type(dialog.amount, str(int(balance * 6 / 10 // 100 * 100)))  # pays the oldest orders, not all
        self.wait("the allocation", lambda: not dialog.is_loading())
        self.save(self.over(window, dialog), "receipt-form")
        dialog.reject()
        credit = self.tab(window, "CreditTab")
        page = credit.statement
        credit.tabs.setCurrentWidget(page)
        self.choose(page.customer, code)
        self.wait("the statement", lambda: page.statement is not None and not page.is_loading())
        self.save(window.grab(), "credit-statement")
        self.close_window(window)

    def dossier(self) -> None:
        """The first page of a customer's dossier PDF, as `crm dossier` writes it, drawn by pdftoppm."""
        from datetime import date

        from PIL import Image

        from app import settings as app_settings
        from app.customers import by_code
        from app.exports.dossier import write_dossier_pdf

        code, _balance = self.customer_with_debts()
        pdf = self.folder / "dossier.pdf"
        with self.db.sessions() as s:
            company = app_settings.load(s).company_name
            write_dossier_pdf(s, [by_code(s, code).id], date.today(), pdf, company=company, printed_by="经理")
        subprocess.run(["pdftoppm", "-png", "-r", str(PDF_DPI), "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(self.folder / "dossier")], check=True, timeout=120)
        self.save_image(Image.open(self.folder / "dossier.png"), "dossier")

    def administrator(self) -> None:
        window = self.main_window("admin")
        settings = self.tab(window, "SettingsTab")
        settings.select("users")
        pump(1.0)
        self.save(window.grab(), "settings")
        self.close_window(window)

    # --- the application ------------------------------------------------------------------------------------------

    def start_qt(self) -> None:
        from PySide6.QtCore import QSettings
        from PySide6.QtGui import QFont, QFontDatabase
        from PySide6.QtWidgets import QApplication

        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(self.folder / "settings"))
        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        self.app.setApplicationName("crm-desktop")
        self.app.setOrganizationName("crm-desktop")
        from ui import ask
        from ui.fonts import ensure_chinese_font
        from ui.main import install_translator

        install_translator(self.app)
        ensure_chinese_font()
        installed = set(QFontDatabase.families())
        family = next((f for f in CJK_FONTS if f in installed), None)
        if family is not None:
            self.app.setFont(QFont(family, 10))
        print(f"font: {self.app.font().family()}", flush=True)
        ask._present = self._answer

    def main_window(self, login: str) -> Any:  # noqa: ANN401 - ui.main_window.MainWindow
        from app import startup
        from ui.context import AppContext
        from ui.main_window import MainWindow

        actor = startup.login(self.db, login, startup.DEMO_PASSWORD)
        ctx = AppContext(self.db, actor)
        window = MainWindow(ctx)
        window.resize(*SIZE)
        window.show()
        window.resize(*SIZE)
        self.windows.append(window)
        print(f"logged in as {login} ({actor.role})", flush=True)
        return window

    def close_window(self, window: Any) -> None:  # noqa: ANN401
        window.ctx.tasks.wait()
        window.close()
        window.deleteLater()
        pump(0.2)

    def tab(self, window: Any, class_name: str) -> Any:  # noqa: ANN401
        for n in range(window.tabs.count()):
            if type(window.tabs.widget(n)).__name__ == class_name:
                window.tabs.setCurrentIndex(n)
                pump(0.1)
                return window.tabs.widget(n)
        raise RuntimeError(f"the main window has no {class_name}")

    def products(self, count: int) -> list[tuple[str, str]]:
        from sqlalchemy import select

        from models import Product

        with self.db.sessions() as s:
            codes = s.scalars(select(Product.code).order_by(Product.code).limit(count)).all()
        return [(code, qty) for code, qty in zip(codes, ("20", "5"), strict=False)]

    def customer_with_debts(self) -> tuple[str, Decimal]:
        """A customer owing in the most aging buckets (open orders, some overdue), the smallest balance of those."""
        from datetime import date

        from app.reports import aging

        with self.db.sessions() as s:
            rows = aging.build(s, as_of=date.today()).rows
        buckets = ("not_due", "d1_30", "d31_60", "d61_90", "d90_plus")
        best = max(rows, key=lambda r: (sum(r[k] > 0 for k in buckets), -r["balance"]))
        return str(best["customer_code"]), best["balance"]

    def _answer(self, _parent: object, q: Any) -> bool | str | None:  # noqa: ANN401 - ui.ask.Question
        from ui import ask

        if q.kind in (ask.WARN, ask.ERROR):
            raise RuntimeError(f"the interface showed 「{q.title}」 {q.text} {q.detail}")
        return False if q.kind == ask.CONFIRM else None

    # --- pictures -------------------------------------------------------------------------------------------------

    def dialog_alone(self, dialog: Any, name: str) -> None:  # noqa: ANN401
        dialog.show()
        pump(0.3)
        self.save(dialog.grab(), name)
        dialog.close()

    def over(self, window: Any, dialog: Any) -> Any:  # noqa: ANN401 - a QPixmap
        """The window with the dialog drawn over its middle, as the user sees them."""
        from PySide6.QtCore import QPoint, QRect
        from PySide6.QtGui import QColor, QPainter

        pump(0.3)
        if dialog.width() > SIZE[0] - 40 or dialog.height() > SIZE[1] - 40:
            dialog.resize(min(dialog.width(), SIZE[0] - 40), min(dialog.height(), SIZE[1] - 40))
            pump(0.3)
        picture = window.grab()
        top = dialog.grab()
        at = QPoint((picture.width() - top.width()) // 2, (picture.height() - top.height()) // 2)
        painter = QPainter(picture)
        painter.fillRect(picture.rect(), QColor(0, 0, 0, 40))
        painter.fillRect(QRect(at + QPoint(5, 5), top.size()), QColor(0, 0, 0, 70))
        painter.drawPixmap(at, top)
        painter.setPen(QColor("#808080"))
        painter.drawRect(QRect(at, top.size()).adjusted(-1, -1, 0, 0))
        painter.end()
        return picture

    def save(self, pixmap: Any, name: str) -> None:  # noqa: ANN401 - a QPixmap
        """A 256-colour PNG: a tenth of the full-colour file, and text stays sharp."""
        from PIL import Image
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice

        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pixmap.toImage().save(buffer, "PNG")
        buffer.close()
        self.save_image(Image.open(io.BytesIO(bytes(data))), name)

    def save_image(self, image: Any, name: str) -> None:  # noqa: ANN401 - a PIL image
        from PIL import Image

        image = image.convert("RGB")
        IMAGES.mkdir(parents=True, exist_ok=True)
        path = IMAGES / f"{name}.png"
        image.quantize(COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
        self.saved.append(path)
        print(f"  {path.relative_to(ROOT)}  {image.width}×{image.height}  {path.stat().st_size / 1024:.0f} KiB",
              flush=True)

    # --- waiting ----------------------------------------------------------------------------------------------------

    def wait(self, what: str, condition: Callable[[], bool]) -> None:
        end = time.monotonic() + TIMEOUT_S
        while not condition():
            pump(0.02)
            if time.monotonic() > end:
                raise RuntimeError(f"timed out waiting for {what}")
        for window in self.windows:  # then until no background job is left, and the last paint is done
            while window.ctx.tasks.busy and time.monotonic() < end:
                pump(0.02)
        pump(0.3)

    def type(self, widget: Any, text: str) -> None:  # noqa: ANN401
        from PySide6.QtTest import QTest

        widget.setFocus()
        QTest.keyClicks(widget, text)

    def choose(self, picker: Any, text: str) -> None:  # noqa: ANN401 - a ui.widgets.picker.Picker
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        picker.setFocus()
        QTest.keyClicks(picker, text)
        QTest.keyClick(picker, Qt.Key.Key_Return)
        self.wait(f"the choice of {text}", lambda: picker.current_id() is not None and not picker.is_querying())

    def close(self) -> None:
        for window in self.windows:
            with contextlib.suppress(RuntimeError):  # deleted already
                window.ctx.tasks.wait()
        if self.db is not None:
            self.db.engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
