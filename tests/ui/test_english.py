"""English mode shows no Chinese that the application wrote: a company whose data is all English, every tab, sub-page
and the main dialogs opened in English, and every text on screen (labels, buttons, menus, headers, cells, tooltips,
message boxes) scanned for Chinese. Anything found is interface text that bypassed the translation or the message
catalogue (app/catalogue.toml)."""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTreeWidget,
    QWidget,
)

from app import customer_service, messages, orders, receipts, returns
from app import settings as app_settings
from app.context import Actor
from app.customers import new_customer
from app.documents import LineIn
from models import CodeEntry, Contact, Product, Salesperson

CHINESE = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
ENDONYMS = {"简体中文"}  # the language chooser names each language in itself
BOSS = Actor("boss", "admin")


def _english_company(db) -> dict[str, int]:  # noqa: ANN001
    """Everything a user typed is English: codes, names, reasons. Documents go through the services (in English mode,
    so what they store for people to read — the cash receipt's note — is written in English)."""
    today = date.today()
    with db.sessions.begin() as s:
        app_settings.save(s, company_name="Acme Trading Co.")
        tom = Salesperson(code="S01", name="Tom Lee")
        bank = CodeEntry(kind="payment_method", code="01", name="Bank transfer", sort_order=10)
        north = CodeEntry(kind="region", code="01", name="North", sort_order=10)
        buyer = CodeEntry(kind="position", code="01", name="Buyer", sort_order=10)
        bolt = Product(code="P001", name="Steel bolt", unit="box", cost=Decimal("6.00"), price=Decimal("10.00"))
        s.add_all([tom, bank, north, buyer, bolt])
        s.flush()
        alpha = new_customer(s, code="C001", name="Alpha Hardware", created=today - timedelta(days=400),
                             owner_id=tom.id, term_days=30, credit_limit=Decimal("1000"), region_id=north.id,
                             changed_by="boss")
        beta = new_customer(s, code="C002", name="Beta Tools", created=today - timedelta(days=300), term_days=10,
                            credit_limit=Decimal("5000"), changed_by="boss")
        s.flush()
        s.add(Contact(customer_id=alpha.id, name="John Smith", position_id=buyer.id, phone="555-0100"))
        ids = {"alpha": alpha.id, "beta": beta.id, "bank": bank.id, "bolt": bolt.id, "tom": tom.id}
    line = (LineIn(ids["bolt"], Decimal("60"), Decimal("10.00")),)
    sold = orders.confirm(db.sessions, BOSS, orders.OrderIn(ids["alpha"], today - timedelta(days=45), line,
                                                            ids["tom"]), today=today - timedelta(days=45))
    orders.confirm(db.sessions, BOSS, orders.OrderIn(ids["alpha"], today, line, ids["tom"]), today=today)  # held
    cash = orders.OrderIn(ids["beta"], today, (LineIn(ids["bolt"], Decimal("5"), Decimal("10.00")),),
                          cash_amount=Decimal("50.00"), cash_method_id=ids["bank"])
    orders.confirm(db.sessions, BOSS, cash, today=today)
    draft = orders.save_draft(db.sessions, BOSS, orders.OrderIn(ids["beta"], today, line))
    orders.cancel(db.sessions, BOSS, draft.order_id, draft.version, "Customer changed plans")
    customer_service.set_blacklist(db.sessions, BOSS, [ids["beta"]], True, today, "Never pays")
    blocked = orders.confirm(db.sessions, BOSS, orders.OrderIn(ids["beta"], today, line), today=today)
    assert blocked.status == "draft"
    receipts.record(db.sessions, BOSS, receipts.ReceiptIn(ids["alpha"], today - timedelta(days=10),
                                                          Decimal("200.00"), ids["bank"]))
    with db.sessions() as s:
        order_line = orders.view(s, BOSS, sold.order_id).lines[0].id
    returns.add(db.sessions, BOSS, returns.ReturnIn(ids["alpha"], today - timedelta(days=5), (
        returns.ReturnLineIn(ids["bolt"], Decimal("2"), Decimal("10.00"), order_line),), order_id=sold.order_id))
    ids.update(sold=sold.order_id, blocked=blocked.order_id)
    return ids


def _texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a user can read in `root` and its children that are shown."""
    out: list[tuple[str, str]] = []

    def add(where: QWidget | str, text: str | None) -> None:
        if text:
            out.append((where if isinstance(where, str) else type(where).__name__, text))

    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) and w is not root:
            continue
        add(w, w.toolTip())
        if w.isWindow():
            add(w, w.windowTitle())
        if isinstance(w, QLabel | QAbstractButton):
            add(w, w.text())
        elif isinstance(w, QLineEdit):
            add(w, w.placeholderText())
            add(w, w.text())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, w.itemText(i))
        elif isinstance(w, QGroupBox):
            add(w, w.title())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(w, w.tabText(i))
        if isinstance(w, QTreeWidget):
            for i in range(w.topLevelItemCount()):
                item = w.topLevelItem(i)
                add(w, " ".join(item.text(c) for c in range(w.columnCount())))
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            for c in range(columns):
                add(w, model.headerData(c, Qt.Orientation.Horizontal))
            for r in range(min(model.rowCount(), 60)):
                for c in range(columns):
                    add(w, model.index(r, c).data(Qt.ItemDataRole.DisplayRole))
                    add(w, model.index(r, c).data(Qt.ItemDataRole.ToolTipRole))
        for action in w.actions():
            add(w, action.text().replace("&", ""))
            add(w, action.toolTip())
            if action.menu() is not None:
                for sub in action.menu().actions():
                    add(w, sub.text())
    for menu in root.findChildren(QMenu):
        for action in menu.actions():
            add(menu, action.text())
    return [(where, str(text)) for where, text in out if CHINESE.search(str(text)) and str(text) not in ENDONYMS]


def _settle(qtbot, ctx) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=20000)
    qtbot.wait(30)
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=20000)


def test_english_mode_shows_no_chinese_the_application_wrote(english, qtbot, make_ctx, company_db, answers,
                                                             shot) -> None:
    from ui.customers.card import CustomerCardDialog
    from ui.main_window import MainWindow
    from ui.receipts.entry import ReceiptDialog
    from ui.sales.order_form import OrderDialog
    from ui.sales.returns import ReturnDialog

    assert messages.language() == "en"
    ids = _english_company(company_db)
    answers.default = True
    ctx = make_ctx(BOSS)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    found: dict[str, list[tuple[str, str]]] = {}

    def look(name: str, widget: QWidget) -> None:
        _settle(qtbot, ctx)
        shot(widget, f"english_{name}")
        chinese = _texts(widget)
        if chinese:
            found[name] = chinese

    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        for inner in page.findChildren(type(window.tabs)):  # sub-tabs: 销售单/退货单, the credit pages, settings
            for n in range(inner.count()):
                inner.setCurrentIndex(n)
                _settle(qtbot, ctx)
                if hasattr(inner.widget(n), "group"):  # aging: grouped by owner too
                    look(f"{index}_{n}", window)
                    inner.widget(n).group.setCurrentIndex(1)
                if hasattr(inner.widget(n), "customer") and hasattr(inner.widget(n), "opening"):  # statement
                    inner.widget(n).customer.set_current_id(ids["alpha"])
                    inner.widget(n).refresh()
                look(f"{index}_{n}", window)
        look(f"tab_{index}", window)
        settings = getattr(page, "pages", None)
        if isinstance(settings, dict):  # the settings tab: a list of sections beside a stack of pages
            for key, section in settings.items():
                page.stack.setCurrentWidget(section)
                look(f"settings_{key}", window)

    dialogs: list[QWidget] = []
    credit = window.tabs.widget(3)
    credit.tabs.setCurrentWidget(credit.aging)
    _settle(qtbot, ctx)
    aging = credit.aging
    aging.group.setCurrentIndex(0)
    _settle(qtbot, ctx)
    row = next(r for r in range(aging.model.rowCount()) if aging.model.row_at(r) is not None
               and aging.model.row_at(r).code == "C001")
    column = [c.key for c in aging.model.columns].index("d31_60")
    aging.drill(aging.model, aging.model.index(row, column))
    dialogs.append(aging.last_drill)
    for order_id in (ids["sold"], ids["blocked"]):
        dialogs.append(OrderDialog(ctx, order_id=order_id))
    dialogs.append(CustomerCardDialog(ctx, None))
    dialogs.append(ReceiptDialog(ctx))
    dialogs.append(ReturnDialog(ctx, order_id=ids["sold"]))
    for n, dialog in enumerate(dialogs):
        qtbot.addWidget(dialog)
        dialog.show()
        look(f"dialog_{n}_{type(dialog).__name__}", dialog)
    from ui.customers.card import open_card

    opened: list[QWidget] = []
    open_card(ctx, window, ids["alpha"], opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    look("customer_card", opened[0])
    # a refusal from a service, shown the way every view shows one (ui.ask through ctx.op)
    with company_db.sessions() as s:
        sold = orders.view(s, BOSS, ids["sold"])
    ctx.op(orders.cancel, sold.id, sold.version, "Wrong customer", owner=window, title="Cancel sales order")
    _settle(qtbot, ctx)
    assert any("cannot be cancelled" in q.text for q in answers.seen)
    # what the services said through message boxes (refusals, outcomes) is English too
    said = [(q.kind, f"{q.title} {q.text} {q.detail}") for q in answers.seen]
    found.update({"boxes": [(k, t) for k, t in said if CHINESE.search(t)]} if any(
        CHINESE.search(t) for _k, t in said) else {})
    window.close()
    ctx.tasks.wait(5000)
    report = "\n".join(f"{name}: {where}: {text!r}" for name, items in found.items() for where, text in items)
    assert found == {}, report
