"""The English interface: ui/translations/crm_en.ts is complete, its .qm loads, and the main window speaks English."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.customer_list import COLUMNS
from app.customers import new_customer
from models import CodeEntry, Salesperson
from models.customers import STATUSES
from ui.context import qsettings
from ui.main import TRANSLATIONS, install_translator
from ui.main_window import MainWindow, PlaceholderTab

TS = TRANSLATIONS / "crm_en.ts"


def _messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(context.findtext("name"), message) for context in root.iter("context")
            for message in context.findall("message")]


@pytest.fixture
def english(qtbot) -> Iterator[QTranslator]:  # noqa: ANN001
    """English for this test only: the translator and the default locale are put back afterwards."""
    app = QApplication.instance()
    locale = QLocale()
    qsettings().setValue("ui/language", "en")
    translator = install_translator(app)
    assert translator is not None, "ui/translations/crm_en.qm is missing: run pyside6-lrelease"
    yield translator
    app.removeTranslator(translator)
    translator.deleteLater()
    QLocale.setDefault(locale)


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
    shot(window, "main_window_en")
    window.close()
    ctx.tasks.wait(5000)
