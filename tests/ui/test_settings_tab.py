"""The 设置 tab: code tables (add, reorder, deactivate, delete refused when in use), salespeople, products, company
settings, login accounts, language; what each role may touch; every page and dialog rendered to PNG."""
from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt

from app import auth, master_data, startup
from app.context import Actor
from app.customers import new_customer
from app.master_data import ProductData
from models import CodeEntry, Salesperson
from ui.context import qsettings
from ui.settings.common import Col, RowsModel
from ui.settings_tab import SettingsTab

ADMIN = Actor("boss", "admin")


@pytest.fixture(autouse=True)
def _native_qsettings_isolated(tmp_path: Path) -> None:
    """ui.context.qsettings() uses the native format, which conftest's IniFormat path does not cover on Linux."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings-native"))


class Shown:
    """The texts of the messages shown so far (a live list view over the `answers` fake)."""

    def __init__(self, answers) -> None:  # noqa: ANN001
        self.answers = answers

    def __bool__(self) -> bool:
        return bool(self.answers.messages)

    def __getitem__(self, index: int) -> str:
        return self.answers.messages[index]

    def __eq__(self, other: object) -> bool:
        return self.answers.messages == other

    def __len__(self) -> int:
        return len(self.answers.messages)


@pytest.fixture
def messages(answers) -> Shown:  # noqa: ANN001 - the ui.ask fake of tests/ui/conftest.py
    """Confirmations are answered Yes; warnings and errors are collected instead of shown."""
    answers.default = True
    return Shown(answers)


def _tab(qtbot, ctx) -> SettingsTab:  # noqa: ANN001
    tab = SettingsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1100, 640)
    tab.show()
    return tab


def _open(qtbot, tab: SettingsTab, key: str):  # noqa: ANN001, ANN202
    page = tab.select(key)
    qtbot.waitUntil(lambda: page.loaded)
    return page


def _names(page) -> list[str]:  # noqa: ANN001
    return [r.name for r in page.model.rows()]


def _select(page, name: str) -> None:  # noqa: ANN001
    row = next(n for n, r in enumerate(page.model.rows()) if r.name == name)
    page.view.selectRow(row)


def _save(qtbot, dialog) -> None:  # noqa: ANN001
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.busy and not dialog.isVisible() and dialog.result() == 1)


def test_row_models(qtmodeltester) -> None:
    items = [master_data.CodeItem(i, "region", f"0{i}", name, i * 10, i != 2, 1)
             for i, name in enumerate(["华东", "华南", "西南"], start=1)]
    model = RowsModel([Col("code", "编码"), Col("name", "名称"), Col("active", "状态", "flag", "启用", "停用")],
                      movable=True, dim=lambda r: not r.active)
    model.set_rows(items)
    qtmodeltester.check(model)
    assert model.data(model.index(1, 2)) == "停用" and model.data(model.index(1, 2), Qt.ItemDataRole.ForegroundRole)
    asked: list[list[int]] = []
    model.order_requested.connect(asked.append)
    # drag 西南 (row 2) above 华东 (row 0); then 华东 to the very end
    assert model.dropMimeData(model.mimeData([model.index(2, 0)]), Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    model.dropMimeData(model.mimeData([model.index(0, 1)]), Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    model.dropMimeData(model.mimeData([model.index(1, 0)]), Qt.DropAction.MoveAction, 1, 0, QModelIndex())  # no-op
    assert asked == [[3, 1, 2], [2, 3, 1]]
    assert model.rowCount() == 3  # the page saves the order and reloads; the model never moves rows itself


def test_products_model(qtbot, qtmodeltester, make_ctx) -> None:
    ctx = make_ctx()
    for i in range(1, 4):
        master_data.add_product(ctx.sessions, ADMIN, ProductData(f"P{i}", f"商品{i}", price=Decimal("1234.5")))
    tab = _tab(qtbot, ctx)
    page = _open(qtbot, tab, "products")
    qtmodeltester.check(page.model)
    assert page.model.data(page.model.index(0, 6)) == "1,234.50"
    assert page.model.data(page.model.index(0, 7)) == "在售"


def test_code_table_add_reorder_deactivate_delete(qtbot, make_ctx, messages) -> None:
    ctx = make_ctx()
    announced: list[str] = []
    ctx.changed.connect(lambda news: announced.extend(sorted(news.kinds)))
    tab = _tab(qtbot, ctx)
    page = _open(qtbot, tab, "region")
    assert page.model.rowCount() == 0 and not page.edit_button.isEnabled()
    for name in ("华东", "华南", "西南"):
        page.add_button.click()
        dialog = page.dialog
        assert dialog.code.text() == f"0{_names(page).__len__() + 1}"  # the next code is suggested
        dialog.name.setText(name)
        _save(qtbot, dialog)
        qtbot.waitUntil(lambda name=name: name in _names(page))
    assert _names(page) == ["华东", "华南", "西南"]
    assert announced == ["code"] * 3
    assert page.current().name == "西南"  # the new entry is selected
    assert "共 3 项" in tab.status_text()

    # a duplicate name is refused inside the dialog, which keeps what was typed
    page.add_button.click()
    page.dialog.name.setText("华东")
    page.dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: page.dialog.message.isVisible())
    assert "已有名称「华东」" in page.dialog.message.text() and page.dialog.isVisible()
    page.dialog.reject()

    page.up_button.click()  # 西南 up
    qtbot.waitUntil(lambda: _names(page) == ["华东", "西南", "华南"])
    assert page.current().name == "西南"
    page.model.dropMimeData(page.model.mimeData([page.model.index(2, 0)]), Qt.DropAction.MoveAction, 0, 0,
                            QModelIndex())  # drag 华南 to the top
    qtbot.waitUntil(lambda: _names(page) == ["华南", "华东", "西南"])
    with ctx.sessions() as s:  # the order every dropdown uses
        assert [c.name for c in master_data.list_codes(s, "region")] == ["华南", "华东", "西南"]

    _select(page, "华东")
    assert page.active_button.text() == "停用"
    page.active_button.click()
    qtbot.waitUntil(lambda: not page.model.rows()[1].active)
    assert page.active_button.text() == "启用"
    assert "1 项已停用" in tab.status_text()

    with ctx.sessions.begin() as s:  # 西南 is in use
        west = s.query(CodeEntry).filter_by(name="西南").one()
        new_customer(s, code="C001", name="重庆渝丰五金", created=date(2025, 1, 1), region_id=west.id)
    _select(page, "西南")
    page.delete_button.click()
    qtbot.waitUntil(lambda: bool(messages))
    assert "只能停用" in messages[0]
    _select(page, "华南")
    page.delete_button.click()
    qtbot.waitUntil(lambda: _names(page) == ["华东", "西南"])


def test_salesperson_add_edit_leave(qtbot, make_ctx, messages) -> None:
    ctx = make_ctx()
    tab = _tab(qtbot, ctx)
    page = _open(qtbot, tab, "salespeople")
    page.add_button.click()
    dialog = page.dialog
    dialog.code.setText("S001")
    dialog.name.setText("张伟")
    dialog.department.setText("华东销售部")
    dialog.phone.setText("13800000001")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: _names(page) == ["张伟"])
    page.add_button.click()
    assert page.dialog.code.text() == "S002"
    page.dialog.name.setText("李娜")
    _save(qtbot, page.dialog)
    qtbot.waitUntil(lambda: _names(page) == ["张伟", "李娜"])
    _select(page, "李娜")
    page.employed_button.click()
    qtbot.waitUntil(lambda: not page.model.rows()[1].employed)
    assert page.model.data(page.model.index(1, 5)) == "已离职"
    assert tab.status_text() == "共 2 名销售员，在职 1 名"
    with ctx.sessions() as s:
        zw = s.query(Salesperson).filter_by(code="S001").one()
        assert (zw.department, zw.phone, zw.initials) == ("华东销售部", "13800000001", "zw")


def test_products_page_add_search_and_cost_for_sales(qtbot, make_ctx, messages, shot) -> None:  # noqa: ANN001
    ctx = make_ctx()
    cat = master_data.add_code(ctx.sessions, ADMIN, "product_category", "01", "紧固件")
    tab = _tab(qtbot, ctx)
    page = _open(qtbot, tab, "products")
    page.add_button.click()
    d = page.dialog
    d.code.setText("P001")
    d.name.setText("六角螺栓")
    d.spec.setText("M8×30")
    d.unit.setText("个")
    d.category.set_current_id(cat.id)
    d.cost.setText("0.35")
    d.price.setText("1,200.5")
    _save(qtbot, d)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    row = page.model.row_of(0)
    assert (row.category, row.cost, row.price) == ("紧固件", Decimal("0.35"), Decimal("1200.50"))
    page.add_button.click()
    page.dialog.code.setText("P002")
    page.dialog.name.setText("不锈钢螺母")
    page.dialog.price.setText("abc")
    page.dialog.buttons.accepted.emit()
    assert "不是有效的金额" in page.dialog.message.text()
    page.dialog.cost.setText("-5")  # shown as typed, with the reason, as it is typed
    page.dialog.price.setText("1e15")
    assert page.dialog.message.text() == "成本价不能为负数" and page.dialog.price.text() == "1e15"
    page.dialog.cost.setText("0.001")
    assert page.dialog.message.text() == "成本价最多两位小数"
    page.dialog.cost.setText("1.20")
    assert page.dialog.message.text() == "销售价不能用科学计数法（如 1e15），请直接写出数字"
    qtbot.waitExposed(page.dialog)
    shot(page.dialog, "product_dialog_invalid")
    page.dialog.buttons.accepted.emit()
    assert page.dialog.isVisible() and page.model.rowCount() == 1
    page.dialog.price.setText("2")
    _save(qtbot, page.dialog)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)

    page.search.setText("ljls")  # 六角螺栓 by initials
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.row_of(0).name == "六角螺栓"
    assert tab.status_text() == "共 1 个商品"

    sales = master_data.add_salesperson(ctx.sessions, ADMIN, "S001", "张伟")
    sales_tab = _tab(qtbot, make_ctx(Actor("zw", "sales", sales.id)))
    sales_page = _open(qtbot, sales_tab, "products")
    titles = [c.title for c in sales_page.model.columns]
    assert "成本价" not in titles and "销售价" in titles
    assert sales_page.model.row_of(0).cost is None
    assert not sales_page.add_button.isEnabled() and not sales_page.edit_button.isEnabled()


def test_company_settings_save(qtbot, make_ctx, messages) -> None:
    ctx = make_ctx()
    tab = _tab(qtbot, ctx)
    page = _open(qtbot, tab, "company")
    assert page.company_name.text() == "测试贸易有限公司" and page.by_owner.isChecked()
    page.company_name.setText("重庆渝丰五金机电有限公司")
    page.company_address.setText("重庆市渝中区解放碑 88 号")
    page.by_handler.setChecked(True)
    page.dormant_days.setValue(120)
    assert page.return_limit.value() == Decimal("1000.00")  # the default
    page.return_limit.setText("5,000")
    page.save_button.click()
    qtbot.waitUntil(lambda: page.saved_label.text() == "已保存")
    with ctx.sessions() as s:
        saved = master_data.get_settings(s)
    assert (saved.company_name, saved.company_address, saved.sales_credit, saved.dormant_days,
            saved.return_approval_limit) == (
        "重庆渝丰五金机电有限公司", "重庆市渝中区解放碑 88 号", "handler", 120, Decimal("5000.00"))
    page.company_name.setText("")
    page.save_button.click()
    qtbot.waitUntil(lambda: bool(messages))
    assert messages == ["公司名称不能为空"]


def test_user_add_dialog_reset_and_disable(qtbot, make_ctx, messages) -> None:
    ctx = make_ctx()
    sp = master_data.add_salesperson(ctx.sessions, ADMIN, "S001", "张伟")
    tab = _tab(qtbot, ctx)
    page = _open(qtbot, tab, "users")
    assert [r.login for r in page.model.rows()] == ["boss"]
    assert not page.active_button.isEnabled() or page.current() is None
    page.add_button.click()
    d = page.dialog
    assert d.role.currentData() == "sales" and d.salesperson.isEnabled()
    d.login.setText("zw")
    d.display_name.setText("张伟")
    d.salesperson.set_current_id(sp.id)
    d.password.setText("secret-2")
    d.password2.setText("secret-x")
    d.buttons.accepted.emit()
    assert d.message.text() == "两次输入的密码不一致"
    d.password2.setText("secret-2")
    _save(qtbot, d)
    qtbot.waitUntil(lambda: len(page.model.rows()) == 2)
    assert page.current().login == "zw"
    assert page.model.data(page.model.index(1, 2)) == "销售"
    assert page.model.data(page.model.index(1, 3)) == "S001 张伟"
    with ctx.sessions() as s:
        assert auth.authenticate(s, "zw", "secret-2") == Actor("zw", "sales", sp.id)

    page.reset_button.click()
    page.dialog.password.setText("secret-3")
    page.dialog.password2.setText("secret-3")
    _save(qtbot, page.dialog)
    qtbot.waitUntil(lambda: "已重置" in page.info.text())
    page.active_button.click()
    qtbot.waitUntil(lambda: not page.model.rows()[1].active)
    with ctx.sessions() as s, pytest.raises(Exception, match="已停用"):
        auth.authenticate(s, "zw", "secret-3")
    page.view.selectRow(0)  # one's own account cannot be disabled here
    assert not page.active_button.isEnabled()


def test_finance_sees_editing_disabled(qtbot, make_ctx, messages) -> None:
    ctx = make_ctx()
    master_data.add_code(ctx.sessions, ADMIN, "region", "01", "华东")
    master_data.add_salesperson(ctx.sessions, ADMIN, "S001", "张伟")
    master_data.add_product(ctx.sessions, ADMIN, ProductData("P1", "螺栓", cost=Decimal("1"), price=Decimal("2")))
    tab = _tab(qtbot, make_ctx(Actor("acc", "finance")))
    region = _open(qtbot, tab, "region")
    region.view.selectRow(0)
    assert _names(region) == ["华东"]
    assert not any(b.isEnabled() for b in region.buttons)
    assert not region.model.movable and not region.model.flags(region.model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    region.new_item()  # Ctrl+N does nothing either
    assert region.dialog is None
    people = _open(qtbot, tab, "salespeople")
    people.view.selectRow(0)
    assert not people.add_button.isEnabled() and not people.employed_button.isEnabled()
    products = _open(qtbot, tab, "products")
    assert "成本价" in [c.title for c in products.model.columns]  # finance sees costs, cannot edit
    assert not products.add_button.isEnabled()
    company = _open(qtbot, tab, "company")
    assert company.company_name.text() == "测试贸易有限公司" and not company.save_button.isEnabled()
    users = _open(qtbot, tab, "users")
    assert users.view.isHidden() and users.own_button.isEnabled()
    # the services refuse too, whatever the interface shows
    with pytest.raises(Exception, match="没有"):
        master_data.add_code(ctx.sessions, Actor("acc", "finance"), "region", "02", "华南")


def test_own_password_and_language(qtbot, make_ctx, messages) -> None:
    ctx = make_ctx()
    tab = _tab(qtbot, ctx)
    users = _open(qtbot, tab, "users")
    users.own_button.click()
    d = users.dialog
    d.old.setText("wrong-1")
    d.password.setText("secret-9")
    d.password2.setText("secret-9")
    d.buttons.accepted.emit()
    qtbot.waitUntil(lambda: d.message.text() == "原密码不正确")
    d.old.setText("secret-1")
    _save(qtbot, d)
    with ctx.sessions() as s:
        assert auth.authenticate(s, "boss", "secret-9").role == "admin"

    language = _open(qtbot, tab, "language")
    assert language.buttons["zh_CN"].isChecked()
    language.buttons["en"].setChecked(True)
    assert qsettings().value("ui/language") == "en"
    assert "重新启动" in language.saved_label.text()


def test_state_remembered(qtbot, make_ctx) -> None:
    ctx = make_ctx()
    tab = _tab(qtbot, ctx)
    page = _open(qtbot, tab, "industry")
    page.view.setColumnWidth(1, 333)
    tab.splitter.setSizes([222, 800])
    tab.save_state()
    again = _tab(qtbot, ctx)
    assert again.current_key() == "industry"
    assert again.pages["industry"].view.columnWidth(1) == 333
    assert again.splitter.sizes()[0] == 222
    qtbot.waitUntil(lambda: again.pages["industry"].loaded)
    assert again.status_text() == "行业：共 0 项"
    assert not again.pages["region"].loaded  # a page loads when first shown


def test_keyboard_and_main_window_actions(qtbot, make_ctx) -> None:
    from PySide6.QtGui import QKeySequence

    from ui.main_window import MainWindow

    ctx = make_ctx()
    tab = SettingsTab(ctx)
    window = MainWindow(ctx, tabs=[("设置", tab)])
    qtbot.addWidget(window)
    window.show()
    tab.select("salespeople")
    tab.sections.setFocus()
    qtbot.keyClick(tab.sections, Qt.Key.Key_Up)  # the 基础资料 heading is passed over
    assert tab.current_key() == "followup_method"
    page = tab.current_page()
    qtbot.waitUntil(lambda: page.loaded)
    window.actions_by_name["new"].trigger()  # Ctrl+N
    assert page.dialog is not None and page.dialog.isVisible()
    page.dialog.reject()
    products = tab.select("products")
    window.actions_by_name["search"].trigger()  # Ctrl+F
    assert products.search.hasFocus()
    assert window.actions_by_name["new"].shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    window.actions_by_name["refresh"].trigger()  # F5
    qtbot.waitUntil(lambda: products.loaded)
    assert tab.status_text() == "共 0 个商品"


# --- pictures with the demo company ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = startup.open_database(f"sqlite:///{path}")
    startup.create_demo(db, customers=40)
    db.engine.dispose()
    return path


def test_render_every_page_and_dialog(qtbot, tmp_path, demo_file, shot, messages) -> None:
    from ui.context import AppContext

    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, copy)
    db = startup.open_database(f"sqlite:///{copy}")
    try:
        for actor, suffix in ((Actor("admin", "admin"), ""), (Actor("caiwu", "finance"), "_finance")):
            ctx = AppContext(db, actor)
            tab = _tab(qtbot, ctx)
            for key in tab.pages:
                page = _open(qtbot, tab, key)
                if getattr(page, "view", None) is not None and page.model.rowCount():
                    page.view.selectRow(1)
                shot(tab, f"settings_{key}{suffix}")
                if suffix:
                    continue
                for button in ("edit_button", "reset_button"):
                    if getattr(page, button, None) is not None and page.dialog is None:
                        getattr(page, button).click()
                        if page.dialog is not None:
                            qtbot.waitExposed(page.dialog)
                            shot(page.dialog, f"settings_{key}_edit_dialog")
                            page.dialog.reject()
                if getattr(page, "add_button", None) is not None:
                    page.add_button.click()
                    qtbot.waitExposed(page.dialog)
                    shot(page.dialog, f"settings_{key}_add_dialog")
                    page.dialog.reject()
            if not suffix:
                users = tab.pages["users"]
                users.own_button.click()
                shot(users.dialog, "settings_users_own_password_dialog")
                users.dialog.reject()
            tab.close()
    finally:
        db.engine.dispose()
