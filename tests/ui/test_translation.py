"""The English interface: ui/translations/crm_en.ts is complete, its .qm loads, and the main window speaks English."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLabel

from app import auth, credit_view, ledger, orders, receipts, returns, statement
from app.context import Actor
from app.customer_list import COLUMNS
from app.customers import new_customer
from app.documents import LineIn, add_order
from models import CodeEntry, Product, Salesperson
from models.customers import STATUSES
from ui.credit.tab import OverviewPage, QueuePage, StatementPage
from ui.main import TRANSLATIONS, install_translator
from ui.main_window import MainWindow, PlaceholderTab
from ui.settings.users import role_titles

TS = TRANSLATIONS / "crm_en.ts"


def _messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(context.findtext("name"), message) for context in root.iter("context")
            for message in context.findall("message")]


def test_ts_has_no_unfinished_message() -> None:
    messages = _messages()
    assert len(messages) > 400
    unfinished = [(c, m.findtext("source")) for c, m in messages
                  if m.find("translation").get("type") is not None or not (m.findtext("translation") or "").strip()]
    assert unfinished == []


def test_titles_from_app_and_models_are_in_the_ts() -> None:
    """CustomersTab and StatusDialog translate these through self.tr(variable): markers in ui/customers keep them in
    the .ts. A title added to app.customer_list.COLUMNS or models.customers.STATUSES needs a marker too."""
    sources = {(c, m.findtext("source")) for c, m in _messages()}
    wanted = {("CustomersTab", c.title) for c in COLUMNS}
    wanted |= {(context, title) for context in ("CustomersTab", "StatusDialog") for title in STATUSES.values()}
    assert wanted - sources == set()


def test_titles_of_the_sales_receipts_and_credit_windows_are_in_the_ts() -> None:
    """The app/ titles these windows pass to tr() as variables, under the contexts that translate them: list columns
    and cell statuses (SalesTab, ReceiptsTab, ReturnsPanel), the order form's status badge, the receipt dialog's
    status, aging buckets, document kinds and customer statuses (CreditTab), the credit pages' own column tuples and
    the role names (Roles). A title added in app/ needs its marker in ui/ too."""
    sources = {(c, m.findtext("source")) for c, m in _messages()}
    wanted = {("SalesTab", title) for _key, title in orders.ORDER_COLUMNS}
    wanted |= {(context, title) for context in ("SalesTab", "OrderDialog") for title in orders.STATUS_TITLES.values()}
    wanted |= {("ReceiptsTab", title) for _key, title in receipts.RECEIPT_COLUMNS}
    wanted |= {(context, title) for context in ("ReceiptsTab", "ReceiptDialog")
               for title in receipts.STATUS_TITLES.values()}
    wanted |= {("ReturnsPanel", title) for _key, title in returns.RETURN_COLUMNS}
    wanted |= {("ReturnsPanel", title) for title in returns.STATUS_TITLES.values()}
    wanted |= {("CreditTab", title) for title in (*ledger.BUCKET_TITLES.values(), *statement.KIND_TITLES.values(),
                                                  *credit_view.KIND_TITLES.values(), *STATUSES.values())}
    for page in (OverviewPage, QueuePage, StatementPage):
        wanted |= {(page.__name__, title) for _key, title, _kind in page.COLUMNS}
    wanted |= {("Roles", title) for title in auth.ROLE_TITLES.values()}
    assert wanted - sources == set()
    # ui.settings.users.role_titles() is where role names are translated: the same roles, the same Chinese
    assert role_titles() == auth.ROLE_TITLES


def test_chinese_without_a_translator() -> None:
    assert install_translator(QApplication.instance()) is None  # the default language needs none
    assert QCoreApplication.translate("MainWindow", "文件(&F)") == "文件(&F)"


def test_english_menus_and_tabs(english, qtbot, make_ctx) -> None:  # noqa: ANN001
    window = MainWindow(make_ctx(), tabs=[("Customers", PlaceholderTab("…"))])
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&Help"]
    assert window.actions_by_name["search"].text() == "&Find"
    assert window.actions_by_name["export"].text() == "&Export to Excel"
    assert window.windowTitle() == "测试贸易有限公司 — Customer Resource Management"
    # strings outside a class, translated with an explicit context
    assert QCoreApplication.translate("Startup", "无法打开数据库") == "Cannot Open Database"
    assert QCoreApplication.translate("Picker", "编码 / 名称 / 拼音") == "Code / name / pinyin"
    window.close()


def test_english_main_window_with_the_real_tabs(english, qtbot, make_ctx, company_db, shot) -> None:  # noqa: ANN001
    today = date.today()
    with company_db.sessions.begin() as s:
        zhang = Salesperson(code="S01", name="张伟")
        region = CodeEntry(kind="region", code="01", name="西南", sort_order=10)
        s.add_all([zhang, region])
        s.flush()
        new_customer(s, code="C001", name="重庆渝丰五金机电有限公司", created=today - timedelta(days=90),
                     owner_id=zhang.id, region_id=region.id, term_days=30, credit_limit=Decimal("50000"),
                     changed_by="boss")
        new_customer(s, code="C002", name="成都蜀兴建材", created=today - timedelta(days=30), status="prospect",
                     blacklisted=True, blacklist_reason="长期拖欠", changed_by="boss")
    ctx = make_ctx()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    tab = window.tabs.widget(0)
    qtbot.waitUntil(lambda: not tab.is_loading() and tab.model.rowCount() == 2, timeout=10000)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Customers", "Sales", "Receipts", "Credit", "Analysis", "Settings"]
    headers = [c.title for c in tab.model.columns]
    assert headers[:3] == ["Code", "Customer name", "Short name"] and "Owner" in headers and "Credit limit" in headers
    assert [tab.status_filter.itemText(i) for i in range(tab.status_filter.count())] == [
        "Status: all", "Prospect", "Active", "Suspended", "Terminated"]
    assert tab.status_text() == "2 customers"
    status = [c.key for c in tab.model.columns].index("status")
    assert [tab.model.index(r, status).data() for r in range(2)] == ["Active", "Prospect"]
    shot(window, "main_window_en")
    window.close()
    ctx.tasks.wait(5000)


def test_english_sales_receipts_and_credit_tabs(english, qtbot, make_ctx, company_db, shot) -> None:  # noqa: ANN001
    """Tab titles, list columns, filters, actions and the app/ statuses in the cells come up in English."""
    today = date.today()
    boss = Actor("boss", "admin")
    with company_db.sessions.begin() as s:
        zhang = Salesperson(code="S01", name="张伟")
        bank = CodeEntry(kind="payment_method", code="01", name="银行转账", sort_order=10)
        bolt = Product(code="P001", name="不锈钢螺栓", unit="箱", cost=Decimal("6.00"), price=Decimal("10.00"))
        s.add_all([zhang, bank, bolt])
        s.flush()
        customer = new_customer(s, code="C001", name="重庆渝丰五金机电有限公司", created=today - timedelta(days=400),
                                owner_id=zhang.id, term_days=30, credit_limit=Decimal("50000"), changed_by="boss")
        new_customer(s, code="C002", name="成都蜀兴建材", created=today - timedelta(days=30), status="prospect",
                     blacklisted=True, blacklist_reason="长期拖欠", changed_by="boss")
        s.flush()
        sold = add_order(s, number="XS-0001", date=today - timedelta(days=60), customer_id=customer.id,
                         handler_id=zhang.id, status="confirmed", lines=[LineIn(bolt.id, Decimal("100"), Decimal("10"))])
        add_order(s, number="XS-0002", date=today, customer_id=customer.id, handler_id=zhang.id, status="held",
                  lines=[LineIn(bolt.id, Decimal("10"), Decimal("10"))])
        ids = {"customer": customer.id, "bank": bank.id, "bolt": bolt.id, "sold": sold.id, "line": sold.lines[0].id}
    receipts.record(company_db.sessions, boss, receipts.ReceiptIn(ids["customer"], today - timedelta(days=10),
                                                                  Decimal("300.00"), ids["bank"]))
    returns.add(company_db.sessions, boss, returns.ReturnIn(ids["customer"], today - timedelta(days=5), (
        returns.ReturnLineIn(ids["bolt"], Decimal("5"), Decimal("10.00"), ids["line"]),), order_id=ids["sold"]))
    ctx = make_ctx()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    sales, receipts_tab, credit = window.tabs.widget(1), window.tabs.widget(2), window.tabs.widget(3)
    overview = credit.overview
    window.tabs.setCurrentWidget(credit)  # the credit pages load when first shown
    qtbot.waitUntil(lambda: not ctx.tasks.busy and sales.orders.model.rowCount() == 2
                    and sales.returns.model.rowCount() == 1 and receipts_tab.model.rowCount() == 1
                    and overview.model.rowCount() == 2, timeout=10000)
    assert [window.tabs.tabText(i) for i in (1, 2, 3)] == ["Sales", "Receipts", "Credit"]
    assert "User: boss (Admin)" in [label.text() for label in window.statusBar().findChildren(QLabel)]

    def cells(model, key: str) -> list[str]:  # noqa: ANN001
        column = [c.key for c in model.columns].index(key)
        return [model.index(row, column).data(Qt.ItemDataRole.DisplayRole) for row in range(model.rowCount())]

    # 销售: the two sub-tabs, the order list and its statuses
    assert [sales.tabs.tabText(i) for i in range(sales.tabs.count())] == ["Sales Orders", "Sales Returns"]
    assert [c.title for c in sales.orders.model.columns] == [
        "Number", "Date", "Code", "Customer name", "Handler", "Status", "Amount", "Due date", "Entered by"]
    status_filter = sales.orders.status_filter
    assert [status_filter.itemText(i) for i in range(status_filter.count())] == [
        "Status: all", "Draft", "Held", "Confirmed", "Cancelled"]
    assert sorted(cells(sales.orders.model, "status")) == ["Confirmed", "Held"]
    assert [sales.orders.act_new.text(), sales.orders.act_copy.text()] == ["New", "Copy as New"]
    assert sales.orders.status_text() == "2 sales order(s)"
    assert [c.title for c in sales.returns.model.columns][:2] == ["Return no.", "Date"]
    assert cells(sales.returns.model, "status") == ["Confirmed"]
    # 收款
    assert [c.title for c in receipts_tab.model.columns][4:8] == ["Amount", "Method", "Sales order", "Status"]
    assert cells(receipts_tab.model, "status") == ["Confirmed"]
    assert receipts_tab.act_open.text() == "Open/Allocate"
    assert receipts_tab.method_filter.placeholderText() == "Method: all"
    # 信用: sub-tabs, overview (a customer status, the shared pool, a blacklisted customer) and aging buckets
    assert [credit.tabs.tabText(i) for i in range(credit.tabs.count())] == [
        "Credit Overview", "Awaiting Approval", "Aging", "Statement of Account"]
    assert sorted(cells(overview.model, "status")) == ["Active", "Prospect"]
    assert sorted(cells(overview.model, "owner")) == ["Shared pool", "张伟"]
    assert sorted(cells(overview.model, "blacklisted")) == ["", "Yes"]
    assert [c.title for c in credit.aging.model.columns][3:9] == [
        "Balance", "Not due", "1-30 days", "31-60 days", "61-90 days", "Over 90 days"]
    for n, name in ((1, "sales_en"), (2, "receipts_en"), (3, "credit_en")):
        window.tabs.setCurrentIndex(n)
        shot(window, name)
    window.close()
    ctx.tasks.wait(5000)
