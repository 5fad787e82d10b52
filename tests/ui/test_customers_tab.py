"""客户 tab and card: search as typed, filters, SQL sort, batch changes through their dialogs, the card, roles."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from sqlalchemy import select

from app import customer_service, pick
from app.context import Actor
from app.customer_service import CustomerData
from app.customers import new_customer
from app.documents import LineIn, add_order
from models import (
    BlacklistHistory,
    CodeEntry,
    Contact,
    CreditHistory,
    Customer,
    FollowUp,
    OwnerHistory,
    Product,
    Salesperson,
)
from ui.customers import batch
from ui.customers.card import ContactDialog, CustomerCardDialog, FollowUpDialog
from ui.customers.tab import CustomersTab

if TYPE_CHECKING:
    from tests.ui.conftest import Answers

TODAY = date.today()
CUSTOMERS = [  # code, name, owner, region
    ("C001", "北京华信电子有限公司", "a", "华北"),
    ("C002", "北京海天商贸", "b", "华北"),
    ("C003", "重庆渝丰五金机电", "a", "西南"),
    ("C004", "上海长江机电", None, "华东"),
    ("C005", "成都蜀兴建材", "b", "西南"),
]



@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path) -> None:  # noqa: ANN001
    """conftest isolates IniFormat only; ui.context.qsettings() uses the native format (an ini file on Linux too)."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))

@pytest.fixture
def world(company_db) -> dict[str, Any]:
    with company_db.sessions.begin() as s:
        a, b = Salesperson(code="S01", name="张伟"), Salesperson(code="S02", name="李娜")
        s.add_all([a, b])
        regions = {n: CodeEntry(kind="region", code=f"0{i}", name=n, sort_order=i * 10)
                   for i, n in enumerate(("华北", "华东", "西南"), start=1)}
        s.add_all(regions.values())
        s.add(CodeEntry(kind="customer_type", code="01", name="批发", sort_order=10))
        s.add(CodeEntry(kind="position", code="01", name="采购经理", sort_order=10))
        s.flush()
        owners = {"a": a.id, "b": b.id, None: None}
        ids = {}
        for code, name, owner, region in CUSTOMERS:
            ids[code] = new_customer(s, code=code, name=name, created=TODAY - timedelta(days=90),
                                     owner_id=owners[owner], region_id=regions[region].id, changed_by="boss").id
        s.flush()
        s.add(Contact(customer_id=ids["C004"], name="陈静", mobile="13912345678"))
        return {"a": a.id, "b": b.id, "ids": ids, "regions": {k: v.id for k, v in regions.items()}}


def make_tab(qtbot, ctx) -> CustomersTab:  # noqa: ANN001
    tab = CustomersTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    tab.show()
    wait(qtbot, tab)
    return tab


def wait(qtbot, tab: CustomersTab) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not tab.is_loading() and not tab.debounce.isActive(), timeout=10000)


def codes(tab: CustomersTab) -> list[str]:
    return [tab.model.row_of(r).code for r in range(tab.model.rowCount())]


def search(qtbot, tab: CustomersTab, text: str) -> list[str]:  # noqa: ANN001
    tab.search.clear()
    if text.isascii():
        qtbot.keyClicks(tab.search, text)
    else:
        tab.search.setText(text)  # what the input method commits
    wait(qtbot, tab)
    return codes(tab)


def select_codes(tab: CustomersTab, wanted: list[str]) -> None:
    model = tab.view.selectionModel()
    model.clearSelection()
    for row in range(tab.model.rowCount()):
        if tab.model.row_of(row).code in wanted:
            model.select(tab.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)


class Boxes:
    """What the tab and the card asked (asked) and showed (warned) through ui.ask — the `answers` fixture —, every
    question answered `answer`."""

    def __init__(self, answers: Answers, answer: bool) -> None:
        answers.default = answer
        self.answers = answers

    @property
    def asked(self) -> list[str]:
        return self.answers.questions

    @property
    def warned(self) -> list[str]:
        return self.answers.messages


def accept_with(monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], fill) -> list[QDialog]:  # noqa: ANN001
    """Make cls.exec() fill the dialog as a user would and press 确定 (the dialog's own checks still run)."""
    shown: list[QDialog] = []

    def fake_exec(self) -> int:  # noqa: ANN001
        shown.append(self)
        fill(self)
        self.accept()
        return self.result()

    monkeypatch.setattr(cls, "exec", fake_exec)
    return shown


def test_opens_with_every_customer_and_the_model_is_sound(qtbot, qtmodeltester, make_ctx, world) -> None:
    tab = make_tab(qtbot, make_ctx())
    assert codes(tab) == ["C001", "C002", "C003", "C004", "C005"]
    assert tab.status_text() == "共 5 个客户"
    row = tab.model.row_of(0)
    assert (row.name, row.owner, row.region, row.status) == ("北京华信电子有限公司", "张伟", "华北", "正常")
    qtmodeltester.check(tab.model)


def test_search_by_initials_pinyin_chinese_code_and_phone(qtbot, make_ctx, world) -> None:
    tab = make_tab(qtbot, make_ctx())
    assert search(qtbot, tab, "bjhx") == ["C001"]
    assert search(qtbot, tab, "bj") == ["C001", "C002"]
    assert search(qtbot, tab, "beijinghaitian") == ["C002"]
    assert search(qtbot, tab, "BEIJING HAI") == ["C002"]
    assert search(qtbot, tab, "北京") == ["C001", "C002"]
    assert search(qtbot, tab, "五金") == ["C003"]
    assert search(qtbot, tab, "C004") == ["C004"]
    assert search(qtbot, tab, "13912345678") == ["C004"]
    assert search(qtbot, tab, "zzzz") == []
    assert tab.status_text() == "共 0 个客户"
    assert search(qtbot, tab, "") == ["C001", "C002", "C003", "C004", "C005"]


def test_typing_fast_queries_once_and_keeps_the_latest(qtbot, make_ctx, world, monkeypatch) -> None:
    tab = make_tab(qtbot, make_ctx())
    calls = []
    original = tab.refresh
    monkeypatch.setattr(tab, "refresh", lambda: (calls.append(tab.search.text()), original()))
    tab.debounce.timeout.disconnect()
    tab.debounce.timeout.connect(tab.refresh)
    qtbot.keyClicks(tab.search, "cqyf")
    wait(qtbot, tab)
    assert calls == ["cqyf"] and codes(tab) == ["C003"]
    # an answer to an older query that arrives late is dropped: ctx.query delivers only the newest one of a view
    older = tab.ctx._ticket(tab, "ids")
    tab.refresh()
    wait(qtbot, tab)
    tab.ctx._deliver(older, tab._loaded, [world["ids"]["C001"]])
    assert codes(tab) == ["C003"]


def test_filters_combine_with_search(qtbot, make_ctx, world) -> None:
    tab = make_tab(qtbot, make_ctx())
    tab.region_filter.setFocus()
    qtbot.keyClicks(tab.region_filter, "xn")
    qtbot.keyClick(tab.region_filter, Qt.Key.Key_Return)
    wait(qtbot, tab)
    assert tab.region_filter.text() == "西南"
    assert codes(tab) == ["C003", "C005"]
    qtbot.keyClicks(tab.search, "cd")
    wait(qtbot, tab)
    assert codes(tab) == ["C005"]
    tab.search.clear()
    wait(qtbot, tab)
    tab.owner_filter.set_current_id(world["a"])
    tab.refresh()
    wait(qtbot, tab)
    assert codes(tab) == ["C003"]
    tab.region_filter.clear_choice()
    tab.owner_filter.set_current_id(pick.SHARED_POOL_ID)
    tab.refresh()
    wait(qtbot, tab)
    assert codes(tab) == ["C004"]
    tab.clear_filters()
    wait(qtbot, tab)
    assert len(codes(tab)) == 5
    customer_service.set_blacklist(tab.ctx.sessions, tab.ctx.actor, [world["ids"]["C002"]], True, TODAY, "拖欠")
    tab.blacklist_filter.setCurrentIndex(tab.blacklist_filter.findData(True))
    wait(qtbot, tab)
    assert codes(tab) == ["C002"]
    tab.blacklist_filter.setCurrentIndex(tab.blacklist_filter.findData(False))
    wait(qtbot, tab)
    assert codes(tab) == ["C001", "C003", "C004", "C005"]
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("suspended"))
    wait(qtbot, tab)
    assert codes(tab) == []


def test_header_click_sorts_in_sql_and_is_remembered(qtbot, make_ctx, world) -> None:
    tab = make_tab(qtbot, make_ctx())
    header = tab.view.horizontalHeader()
    name_col = next(i for i, c in enumerate(tab.model.columns) if c.key == "name")

    def click(col: int) -> None:
        x = header.sectionViewportPosition(col) + 10
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
        wait(qtbot, tab)

    click(name_col)
    names = [tab.model.row_of(r).name for r in range(5)]
    by_name = sorted(names)
    assert names in (by_name, by_name[::-1])
    click(name_col)
    assert [tab.model.row_of(r).name for r in range(5)] == names[::-1]
    sort_before = tab._sort
    header.resizeSection(name_col, 333)
    tab.save_state()
    again = make_tab(qtbot, tab.ctx)
    assert again._sort == sort_before
    assert again.view.horizontalHeader().sectionSize(name_col) == 333
    assert [again.model.row_of(r).name for r in range(5)] == names[::-1]
    # the phone column cannot be sorted: the click is refused with a message, the order stays
    phone_col = next(i for i, c in enumerate(tab.model.columns) if c.key == "phone")
    click(phone_col)
    assert tab._sort == (None, False) and "不能排序" in tab.message.text()


def test_batch_reassign_through_the_dialog_writes_history(qtbot, make_ctx, world, monkeypatch, company_db,
                                                          answers) -> None:
    tab = make_tab(qtbot, make_ctx())
    select_codes(tab, ["C001", "C003"])
    assert tab.status_text() == "共 5 个客户，已选 2 个"
    effective = TODAY - timedelta(days=3)

    def fill(d: batch.ReassignDialog) -> None:
        d.salesperson.setFocus()
        qtbot.keyClicks(d.salesperson, "lina")
        qtbot.keyClick(d.salesperson, Qt.Key.Key_Return)
        d.effective.setDate(effective)
        d.reason.setText("区域调整")

    accept_with(monkeypatch, batch.ReassignDialog, fill)
    boxes = Boxes(answers, True)
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.act_reassign.trigger()
    assert len(boxes.asked) == 1 and "2 个客户" in boxes.asked[0] and "S02 李娜" in boxes.asked[0]
    wait(qtbot, tab)
    with company_db.sessions() as s:
        for code in ("C001", "C003"):
            history = s.execute(select(OwnerHistory.salesperson_id, OwnerHistory.effective, OwnerHistory.reason,
                                       OwnerHistory.changed_by)
                                .where(OwnerHistory.customer_id == world["ids"][code]).order_by(OwnerHistory.id)).all()
            assert [tuple(h) for h in history] == [(world["a"], TODAY - timedelta(days=90), None, "boss"),
                                                   (world["b"], effective, "区域调整", "boss")]
    assert sorted(tab.model.row_of(r).owner for r in tab.selected_rows()) == ["李娜", "李娜"]  # selection kept
    assert "已处理 2 个客户" in tab.message.text()


def test_saying_no_to_the_confirmation_changes_nothing(qtbot, make_ctx, world, monkeypatch, company_db,
                                                       answers) -> None:
    tab = make_tab(qtbot, make_ctx())
    select_codes(tab, ["C001"])
    accept_with(monkeypatch, batch.StatusDialog, lambda d: d.status.setCurrentIndex(d.status.findData("suspended")))
    boxes = Boxes(answers, False)
    tab.act_status.trigger()
    assert len(boxes.asked) == 1
    tab.ctx.tasks.wait()
    with company_db.sessions() as s:
        assert s.get(Customer, world["ids"]["C001"]).status == "active"


def test_other_batch_dialogs(qtbot, make_ctx, world, monkeypatch, company_db, answers) -> None:
    tab = make_tab(qtbot, make_ctx())
    boxes = Boxes(answers, True)
    ids = world["ids"]

    def run(action, cls, fill) -> None:  # noqa: ANN001
        accept_with(monkeypatch, cls, fill)
        with qtbot.waitSignal(tab.loaded, timeout=10000):
            action.trigger()
        wait(qtbot, tab)

    select_codes(tab, ["C002", "C005"])

    def credit(d: batch.CreditDialog) -> None:
        d.term.setValue(30)
        d.limit.setText("50000")
        d.accept()  # refused: no reason yet
        assert d.message.text() == "请填写原因"
        d.reason.setText("老客户")

    run(tab.act_credit, batch.CreditDialog, credit)
    assert "30 天" in boxes.asked[-1] and "50,000.00 元" in boxes.asked[-1]
    run(tab.act_blacklist, batch.BlacklistDialog, lambda d: d.reason.setText("拖欠货款"))
    run(tab.act_attributes, batch.AttributesDialog, lambda d: (d.fields["grade"][0].setChecked(True),
                                                                 d.grade.setCurrentIndex(d.grade.findData("C"))))
    with company_db.sessions() as s:
        c = s.get(Customer, ids["C005"])
        assert (c.term_days, c.credit_limit, c.blacklisted, c.grade) == (30, Decimal("50000.00"), True, "C")
        assert s.scalar(select(CreditHistory.reason).where(CreditHistory.customer_id == ids["C002"])
                        .order_by(CreditHistory.id.desc()).limit(1)) == "老客户"
        assert s.scalar(select(BlacklistHistory.reason).where(BlacklistHistory.customer_id == ids["C002"])) == "拖欠货款"
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.act_archive.trigger()
    wait(qtbot, tab)
    assert codes(tab) == ["C001", "C003", "C004"], tab._sort
    assert "归档" in boxes.asked[-1] and "2 个客户" in boxes.asked[-1]


def test_hand_over_all_customers_of_a_leaving_salesperson(qtbot, make_ctx, world, monkeypatch, company_db,
                                                          answers) -> None:
    tab = make_tab(qtbot, make_ctx())

    def fill(d: batch.HandOverDialog) -> None:
        d.source.setFocus()
        qtbot.keyClicks(d.source, "zw")
        qtbot.keyClick(d.source, Qt.Key.Key_Return)
        assert d.owned.text() == "名下共有 2 个客户"
        d.target.setFocus()
        qtbot.keyClicks(d.target, "gsgx")
        qtbot.keyClick(d.target, Qt.Key.Key_Return)

    accept_with(monkeypatch, batch.HandOverDialog, fill)
    boxes = Boxes(answers, True)
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.act_hand_over.trigger()
    assert "「S01 张伟」名下的 2 个客户全部移交给「公司共享客户」" in boxes.asked[0]
    wait(qtbot, tab)
    with company_db.sessions() as s:
        assert s.scalar(select(Customer.id).where(Customer.owner_id == world["a"])) is None
        assert s.get(Customer, world["ids"]["C001"]).owner_id is None


def test_roles_disable_actions_and_services_refuse(qtbot, make_ctx, world, monkeypatch, answers) -> None:
    sales = make_tab(qtbot, make_ctx(Actor("zw", "sales", world["a"])))
    assert codes(sales) == ["C001", "C003", "C004"]  # own customers and the shared pool
    select_codes(sales, ["C001"])
    assert sales.act_open.isEnabled() and sales.act_new.isEnabled()
    for action in (sales.act_reassign, sales.act_hand_over, sales.act_credit, sales.act_blacklist,
                   sales.act_archive, sales.act_status):  # 修改状态 (暂停/终止) is the credit role's
        assert not action.isEnabled(), action.text()
    # the service refuses even when the action is reached some other way, and its message is shown
    accept_with(monkeypatch, batch.CreditDialog, lambda d: (d.term.setValue(30), d.limit.setText("1000"),
                                                            d.reason.setText("试试")))
    Boxes(answers, True)
    sales.set_credit()
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=10000)
    assert "没有「修改信用额度和账期」的权限" in answers.messages[0]
    # another salesperson's customer: the card does not open, the message says why
    sales.open_customer(world["ids"]["C002"])
    qtbot.waitUntil(lambda: len(answers.messages) == 2, timeout=10000)
    assert "其他销售员的客户" in answers.messages[1]
    assert sales.last_card is None
    finance = make_tab(qtbot, make_ctx(Actor("acc", "finance")))
    select_codes(finance, ["C001"])
    assert finance.act_open.isEnabled() and not finance.act_new.isEnabled() and not finance.act_status.isEnabled()


def open_card_of(qtbot, tab: CustomersTab, code: str, world) -> CustomerCardDialog:  # noqa: ANN001
    tab.last_card = None
    tab.open_customer(world["ids"][code])
    qtbot.waitUntil(lambda: tab.last_card is not None, timeout=10000)
    card = tab.last_card
    return card


def test_card_edit_saves_and_a_stale_save_shows_the_conflict(qtbot, make_ctx, world, answers,
                                                             company_db) -> None:
    tab = make_tab(qtbot, make_ctx())
    card = open_card_of(qtbot, tab, "C003", world)
    assert card.name.text() == "重庆渝丰五金机电" and card.mnemonic.text() == "cqyfwjjd"
    assert card.region.text() == "西南" and not card.mnemonic_auto.isEnabled()
    card.name.clear()
    qtbot.keyClicks(card.name, "chongqing")  # the 助记码 follows the name until edited by hand
    assert card.mnemonic.text() == "chongqing"
    card.name.setText("重庆渝丰机电")
    card.name.textEdited.emit("重庆渝丰机电")
    assert card.mnemonic.text() == "cqyfjd"
    card.mnemonic.clear()
    qtbot.keyClicks(card.mnemonic, "yfjd")
    assert card.mnemonic_auto.isEnabled()
    card.address.setText("重庆市渝中区解放碑")
    changed = []
    tab.ctx.changed.connect(lambda news: changed.extend(sorted(news.kinds)))
    card.save_button.click()
    qtbot.waitUntil(lambda: not card.is_busy() and card.message.text() == "已保存", timeout=10000)
    assert changed == ["customer"]
    with company_db.sessions() as s:
        c = s.get(Customer, world["ids"]["C003"])
        assert (c.name, c.mnemonic, c.mnemonic_edited, c.address) == ("重庆渝丰机电", "yfjd", True, "重庆市渝中区解放碑")
    wait(qtbot, tab)
    assert search(qtbot, tab, "yfjd") == ["C003"]
    # 恢复自动
    card.mnemonic_auto.click()
    assert card.mnemonic.text() == "cqyfjd"
    card.save_button.click()
    qtbot.waitUntil(lambda: not card.is_busy() and card.message.text() == "已保存", timeout=10000)
    with company_db.sessions() as s:
        assert s.get(Customer, world["ids"]["C003"]).mnemonic_edited is False
    # someone on another PC saves first
    version = card.loaded.card.version
    customer_service.update(company_db.sessions, Actor("boss", "admin"), world["ids"]["C003"], version,
                            CustomerData(code="C003", name="另一台电脑改的"))
    answers.reply(True)  # 重新加载
    card.notes.setPlainText("我的修改")
    card.save_button.click()
    qtbot.waitUntil(lambda: bool(answers.questions), timeout=10000)
    assert "客户「C003 另一台电脑改的」 已被 boss 于 " in answers.questions[0] and "重新加载" in answers.questions[0]
    qtbot.waitUntil(lambda: card.name.text() == "另一台电脑改的" and not card.is_busy(), timeout=10000)
    assert card.notes.toPlainText() == "" and not card.is_dirty()


def test_new_customer_card(qtbot, make_ctx, world, company_db, answers) -> None:
    tab = make_tab(qtbot, make_ctx())
    tab.new_item()
    card = tab.last_card
    assert card.windowTitle() == "新建客户" and not card.tabs.isTabEnabled(1)
    card.save_button.click()
    qtbot.waitUntil(lambda: bool(answers.messages), timeout=10000)
    assert answers.messages == ["客户编码不能为空"]
    card.code.setText("C100")
    card.name.setText("广州珠江贸易")
    card.name.textEdited.emit("广州珠江贸易")
    card.owner.set_current_id(world["b"])
    card.save_button.click()
    qtbot.waitUntil(lambda: card.customer_id is not None and not card.is_busy(), timeout=10000)
    assert card.windowTitle() == "客户资料 — C100 广州珠江贸易" and card.tabs.isTabEnabled(1)
    with company_db.sessions() as s:
        c = s.get(Customer, card.customer_id)
        assert (c.code, c.mnemonic, c.owner_id) == ("C100", "gzzjmy", world["b"])
    wait(qtbot, tab)
    assert "C100" in codes(tab)


def test_card_contacts_add_edit_remove_and_followups(qtbot, make_ctx, world, monkeypatch, company_db,
                                                     answers) -> None:
    tab = make_tab(qtbot, make_ctx())
    card = open_card_of(qtbot, tab, "C001", world)
    card.tabs.setCurrentIndex(1)

    def fill(d: ContactDialog) -> None:
        d.name.setText("王强")
        qtbot.keyClicks(d.position, "cg")
        qtbot.keyClick(d.position, Qt.Key.Key_Return)
        d.mobile.setText("13800001111")

    accept_with(monkeypatch, ContactDialog, fill)
    card.add_contact_button.click()
    qtbot.waitUntil(lambda: card.contacts.rowCount() == 1 and not card.is_busy(), timeout=10000)
    assert [card.contacts.item(0, c).text() for c in range(4)] == ["王强", "采购经理", "", "13800001111"]
    card.contacts.setCurrentCell(0, 0)
    accept_with(monkeypatch, ContactDialog, lambda d: d.phone.setText("023-6666"))
    card.edit_contact_button.click()
    qtbot.waitUntil(lambda: card.contacts.item(0, 2).text() == "023-6666" and not card.is_busy(), timeout=10000)
    with company_db.sessions() as s:
        k = s.scalars(select(Contact).where(Contact.customer_id == world["ids"]["C001"])).one()
        assert (k.name, k.phone, k.mobile) == ("王强", "023-6666", "13800001111")

    def followup(d: FollowUpDialog) -> None:
        d.content.setPlainText("电话询价，下周送样")
        d.contact.setCurrentIndex(1)

    accept_with(monkeypatch, FollowUpDialog, followup)
    card.add_followup_button.click()
    qtbot.waitUntil(lambda: card.followups.rowCount() == 1 and not card.is_busy(), timeout=10000)
    assert card.followups.item(0, 3).text() == "王强" and card.followups.item(0, 5).text() == "电话询价，下周送样"

    # a second contact, then removed (after one confirmation)
    accept_with(monkeypatch, ContactDialog, lambda d: d.name.setText("李四"))
    card.add_contact_button.click()
    qtbot.waitUntil(lambda: card.contacts.rowCount() == 2 and not card.is_busy(), timeout=10000)
    answers.reply(True)
    card.contacts.setCurrentCell(1, 0)
    card.remove_contact_button.click()
    assert "李四" in answers.questions[0]
    qtbot.waitUntil(lambda: card.contacts.rowCount() == 1 and not card.is_busy(), timeout=10000)
    assert not answers.messages
    with company_db.sessions() as s:
        assert list(s.scalars(select(Contact.name).where(Contact.customer_id == world["ids"]["C001"]))) == ["王强"]
        assert s.scalar(select(FollowUp.content)) == "电话询价，下周送样"


def test_card_histories_and_figures(qtbot, make_ctx, world, company_db) -> None:
    admin = Actor("boss", "admin")
    cid = world["ids"]["C002"]
    customer_service.set_credit(company_db.sessions, admin, [cid], 45, Decimal("123456.78"), TODAY, "年度评审")
    customer_service.reassign(company_db.sessions, admin, [cid], None, TODAY, "离职")
    tab = make_tab(qtbot, make_ctx())
    card = open_card_of(qtbot, tab, "C002", world)
    owner = card.histories["owner"]
    assert owner.rowCount() == 2 and owner.item(1, 1).text() == "公司共享客户" and owner.item(1, 3).text() == "离职"
    assert card.histories["credit"].item(1, 1).text() == "账期 45 天，额度 123,456.78"
    assert card.figure_labels["credit_limit"].text() == "¥123,456.78"
    assert card.figure_labels["available"].text() == "¥123,456.78"
    assert card.figure_labels["term_days"].text() == "45 天"
    assert card.figure_labels["last_order"].text() == "无"


def test_keyboard_search_enter_opens_the_only_match(qtbot, make_ctx, world) -> None:
    tab = make_tab(qtbot, make_ctx())
    tab.focus_search()
    qtbot.keyClicks(tab.search, "shcj")
    wait(qtbot, tab)
    tab.last_card = None
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.last_card is not None, timeout=10000)
    assert tab.last_card.code.text() == "C004"
    tab.last_card.reject()
    qtbot.keyClick(tab.search, Qt.Key.Key_Escape)
    wait(qtbot, tab)
    assert len(codes(tab)) == 5
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    assert tab.view.currentIndex().row() == 0
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    tab.last_card = None
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)  # Enter on a row opens its card
    qtbot.waitUntil(lambda: tab.last_card is not None, timeout=10000)
    assert tab.last_card.code.text() == "C002"


def test_reacts_to_changes_elsewhere(qtbot, make_ctx, world, company_db) -> None:
    tab = make_tab(qtbot, make_ctx())
    customer_service.create(company_db.sessions, Actor("boss", "admin"), CustomerData(code="C200", name="新客户"))
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.ctx.announce("customer")
    assert "C200" in codes(tab)


# --- with more customers: progress, and pictures of everything ---------------------------------------------------


@pytest.fixture
def many(company_db, world) -> dict[str, Any]:
    names = ["华信", "海星", "渝丰", "长江", "蜀兴", "鑫达", "宏远", "恒通", "金桥", "永泰"]
    cities = ["北京", "上海", "重庆", "成都", "广州", "深圳", "武汉", "西安", "杭州", "南京"]
    trades = ["电子", "五金", "机电", "建材", "商贸", "化工"]
    with company_db.sessions.begin() as s:  # one transaction
        for n in range(300):
            name = f"{cities[n % 10]}{names[(n // 10) % 10]}{trades[n % 6]}有限公司"
            new_customer(s, code=f"K{n:04d}", name=name, created=TODAY - timedelta(days=n), changed_by="boss",
                         owner_id=(world["a"], world["b"], None)[n % 3], region_id=world["regions"]["华北"],
                         term_days=30 if n % 4 == 0 else 0, credit_limit=Decimal(n * 1000),
                         grade="ABCD"[n % 4], status="active" if n % 7 else "prospect")
    return world


def test_big_batch_shows_progress(qtbot, make_ctx, many, monkeypatch, company_db, answers) -> None:
    tab = make_tab(qtbot, make_ctx())
    assert tab.status_text() == "共 305 个客户"
    tab.view.selectAll()
    assert tab.status_text() == "共 305 个客户，已选 305 个"
    accept_with(monkeypatch, batch.StatusDialog, lambda d: d.status.setCurrentIndex(d.status.findData("suspended")))
    Boxes(answers, True)
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        tab.act_status.trigger()
        assert tab.last_progress is not None
    with company_db.sessions() as s:
        assert s.query(Customer).filter_by(status="suspended").count() == 305


def test_render_tab_card_dialogs_and_picker(qtbot, make_ctx, many, shot, company_db) -> None:
    ctx = make_ctx()
    ids = many["ids"]
    admin = Actor("boss", "admin")
    customer_service.set_credit(company_db.sessions, admin, [ids["C001"]], 60, Decimal("200000"), TODAY, "年度评审")
    customer_service.set_blacklist(company_db.sessions, admin, [ids["C002"]], True, TODAY, "多次拖欠货款")
    customer_service.save_contact(company_db.sessions, admin, ids["C001"], customer_service.ContactData(
        "王强", None, "010-88886666", "13800001111", "wq@huaxin.cn", date(1980, 5, 1), "钓鱼"))
    with company_db.sessions.begin() as s:
        product = Product(code="P001", name="不锈钢螺栓", cost=Decimal("6.00"), price=Decimal("10.00"))
        s.add(product)
        s.flush()
        add_order(s, number="XS0001", date=TODAY - timedelta(days=100), customer_id=ids["C001"], status="confirmed",
                  lines=[LineIn(product.id, Decimal("3000"), Decimal("10.00"))])
        add_order(s, number="XS0002", date=TODAY - timedelta(days=5), customer_id=ids["C001"], status="confirmed",
                  lines=[LineIn(product.id, Decimal("12000"), Decimal("10.50"))])
    tab = make_tab(qtbot, ctx)
    tab.resize(1280, 640)
    select_codes(tab, ["C001", "C002", "K0003"])
    shot(tab, "customers_tab")
    qtbot.keyClicks(tab.search, "bj")
    wait(qtbot, tab)
    shot(tab, "customers_tab_search_bj")

    card = open_card_of(qtbot, tab, "C001", many)
    card.resize(900, 620)
    for n, name in enumerate(("basic", "contacts", "followups", "history", "figures")):
        card.tabs.setCurrentIndex(n)
        shot(card, f"customer_card_{name}")
    card.reject()
    tab.new_item()
    shot(tab.last_card, "customer_card_new")
    tab.last_card.reject()

    dialogs = {
        "batch_reassign": batch.ReassignDialog(ctx, 3, tab),
        "batch_hand_over": batch.HandOverDialog(ctx, tab),
        "batch_attributes": batch.AttributesDialog(ctx, 3, tab),
        "batch_credit": batch.CreditDialog(ctx, 3, tab),
        "batch_blacklist": batch.BlacklistDialog(ctx, 3, True, tab),
        "batch_status": batch.StatusDialog(ctx, 3, tab),
    }
    dialogs["batch_hand_over"].source.set_current_id(many["a"])
    dialogs["batch_hand_over"].source.picked.emit(many["a"])
    for name, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        dialog.show()
        shot(dialog, name)
        dialog.reject()
    contact = ContactDialog(ctx, None, tab)
    qtbot.addWidget(contact)
    contact.show()
    shot(contact, "contact_dialog")
    followup = FollowUpDialog(ctx, [(1, "王强")], tab)
    qtbot.addWidget(followup)
    followup.show()
    shot(followup, "followup_dialog")

    reassign = batch.ReassignDialog(ctx, 3, tab)
    qtbot.addWidget(reassign)
    reassign.show()
    reassign.salesperson.setFocus()
    qtbot.keyClick(reassign.salesperson, Qt.Key.Key_F4)
    shot_with_popup(shot, reassign, reassign.salesperson, "picker_popup_salespeople")
    qtbot.keyClick(reassign.salesperson, Qt.Key.Key_Escape)
    tab.search.clear()
    wait(qtbot, tab)
    tab.region_filter.setFocus()
    qtbot.keyClick(tab.region_filter, Qt.Key.Key_F4)
    shot_with_popup(shot, tab, tab.region_filter, "picker_popup_regions")
    qtbot.keyClick(tab.region_filter, Qt.Key.Key_Escape)
    contact.position.setFocus()
    qtbot.keyClicks(contact.position, "cg")
    shot_with_popup(shot, contact, contact.position, "picker_popup_positions")


def shot_with_popup(shot, window: QWidget, picker, name: str) -> None:  # noqa: ANN001
    """The window with the picker's open list drawn where it shows (a popup is a window of its own)."""
    assert picker.popup.isVisible()
    below = picker.mapTo(window, QPoint(0, picker.height()))
    popup = picker.popup.grab()
    canvas = QPixmap(max(window.width(), below.x() + popup.width()), max(window.height(), below.y() + popup.height()))
    canvas.fill(QColor("#808080"))
    painter = QPainter(canvas)
    painter.drawPixmap(0, 0, window.grab())
    painter.drawPixmap(below, popup)
    painter.end()
    holder = QLabel()
    holder.setPixmap(canvas)
    holder.resize(canvas.size())
    shot(holder, name)


def test_batch_credit_refuses_a_bad_term_or_limit(qtbot, make_ctx, world, shot) -> None:  # noqa: ANN001
    dialog = batch.CreditDialog(make_ctx(), 2)
    qtbot.addWidget(dialog)
    dialog.reason.setText("年度调整")
    dialog.term.setText("3651")
    dialog.limit.setText("1e15")  # the old validator kept "115"
    assert dialog.message.text() == "账期不能超过 3650 天"
    dialog.term.setText("45")
    assert dialog.message.text() == "信用额度不能用科学计数法（如 1e15），请直接写出数字"
    dialog.show()
    qtbot.waitExposed(dialog)
    shot(dialog, "batch_credit_invalid")
    dialog.accept()
    assert dialog.result() == 0 and dialog.limit.text() == "1e15"
    dialog.limit.setText("")
    dialog.accept()  # required: an empty limit would silently mean 0 (cash only)
    assert dialog.message.text() == "请填写信用额度" and dialog.result() == 0
    dialog.limit.setText("¥80,000")
    dialog.accept()
    assert dialog.result() == 1
    assert dialog.values()["term_days"] == 45 and dialog.values()["credit_limit"] == Decimal("80000.00")


def test_the_lazy_model_keeps_only_the_pages_it_shows(qtbot) -> None:  # noqa: ANN001
    """Scrolling through 100,000 rows keeps a few pages of rows, the least recently shown dropped first; the ids are
    an array, and a page is asked for with a plain list of ids."""
    from ui.table_model import KEEP_PAGES, PAGE, ColumnSpec, LazyTableModel

    class Row:
        def __init__(self, i: int) -> None:
            self.id = i

        def value(self, _key: str) -> int:
            return self.id

    asked: list[list[int]] = []

    def fetch(ids: list[int]) -> list[Row]:
        assert type(ids) is list
        asked.append(ids)
        return [Row(i) for i in ids]

    model = LazyTableModel([ColumnSpec("n", "n", "int")], fetch)
    model.set_ids(list(range(100_000)))
    asked.clear()
    for row in range(0, 100_000, PAGE // 2):  # every page, twice
        assert model.row_of(row).id == row
    assert len(asked) == 100_000 // PAGE
    assert len(model._pages) == KEEP_PAGES  # noqa: SLF001
    model.row_of(100_000 - KEEP_PAGES * PAGE)  # the oldest page kept: shown again, it is not fetched again
    model.row_of(0)  # dropped long ago: fetched again, and the page shown again above stays
    assert len(asked) == 100_000 // PAGE + 1 and (100_000 - KEEP_PAGES * PAGE) // PAGE in model._pages  # noqa: SLF001
    assert model.ids()[:3] == [0, 1, 2] and model.id_at(99_999) == 99_999
