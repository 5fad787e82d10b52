"""The reminder panel on a demo company: the same items as `crm reminders --json` for each login, grouped with
counts; each item opens its record; dismiss and snooze from the panel; the badge; the 跟进记录 window; the settings
page; the follow-up form's new fields. Screenshots go to test-output/."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from app import startup
from app.context import Actor
from app.reminders import Reminder, sort_key
from tests.cli.test_cli import crm
from ui.context import AppContext
from ui.reminders.panel import ITEM_ROLE, ReminderPanel


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[startup.Database]:
    """A demo company of 120 customers (two years of documents up to today), made once for the module."""
    db = startup.open_database(f"sqlite:///{tmp_path_factory.mktemp('reminders') / 'demo.sqlite3'}")
    startup.generate_demo(db, customers=120, seed=5)
    yield db
    db.engine.dispose()


def actor(demo: startup.Database, login: str) -> Actor:
    from app.reminders import actor_of

    with demo.sessions() as s:
        return actor_of(s, login)


def open_panel(qtbot, demo: startup.Database, login: str) -> ReminderPanel:  # noqa: ANN001
    ctx = AppContext(demo, actor(demo, login))
    panel = ReminderPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=30000):
        panel.refresh()
    return panel


def shown_items(panel: ReminderPanel) -> list[Reminder]:
    out = []
    for n in range(panel.tree.topLevelItemCount()):
        top = panel.tree.topLevelItem(n)
        out += [top.child(k).data(0, ITEM_ROLE) for k in range(top.childCount())]
    return [i for i in out if isinstance(i, Reminder)]


def active_keys(panel: ReminderPanel) -> set[str]:
    return {i.key for i in shown_items(panel) if not panel._is_hidden(i)}


def headings(panel: ReminderPanel) -> list[str]:
    return [panel.tree.topLevelItem(n).text(0) for n in range(panel.tree.topLevelItemCount())]


@pytest.mark.parametrize("login", ["xiaoshou", "jingli", "caiwu", "admin"])
def test_the_panel_shows_what_the_command_prints(qtbot, demo, shot, login: str) -> None:  # noqa: ANN001
    panel = open_panel(qtbot, demo, login)
    result = crm("reminders", "--user", login, "--json", db=str(demo.engine.url))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [i.to_json() for i in sorted(shown_items(panel), key=sort_key)] == data["items"]
    titles = {"OVERDUE": "过期欠款", "DUE_SOON": "即将到期", "NEAR_LIMIT": "接近信用额度", "HELD": "待审批销售单",
              "DORMANT": "沉睡客户", "FOLLOW_UP_DUE": "待跟进", "VISIT_DUE": "待走访", "BIRTHDAY": "本周生日"}
    assert headings(panel) == [f"{titles[k]}（{n}）" for k, n in data["counts"].items() if n]
    assert panel.summary.text() == f"截至 {date.today().isoformat()}：共 {len(data['items'])} 条提醒"
    assert data["counts"]["HELD"] == 0 or login in ("jingli", "admin")
    if login in ("xiaoshou", "jingli"):
        panel.resize(980, 620)
        shot(panel, f"reminders_panel_{login}")


def test_a_kind_with_many_reminders_is_worded_when_opened(qtbot, demo, monkeypatch) -> None:  # noqa: ANN001
    """Kinds above EAGER come as counts, closed, with a 正在读取 row; opening one words it in the background and
    shows PAGE rows, then a 显示更多 row adds the next PAGE. Opened one by one, they equal the command's items."""
    from ui.reminders import panel as panel_module

    monkeypatch.setattr(panel_module, "EAGER", 0)
    monkeypatch.setattr(panel_module, "PAGE", 2)
    panel = open_panel(qtbot, demo, "jingli")
    assert panel.worded == {} and shown_items(panel) == []
    tops = [panel.tree.topLevelItem(n) for n in range(panel.tree.topLevelItemCount())]
    assert tops and all(not t.isExpanded() and t.child(0).text(0) == "正在读取…" for t in tops)
    for top in tops:
        kind = top.data(0, ITEM_ROLE)
        top.setExpanded(True)
        qtbot.waitUntil(lambda t=top: t.child(0).data(0, ITEM_ROLE) is not None, timeout=20000)
    assert [panel.tree.topLevelItem(n) for n in range(panel.tree.topLevelItemCount())] == tops  # in place
    big = next(t for t in tops if panel.result.counts[t.data(0, ITEM_ROLE)] > 4)
    kind = big.data(0, ITEM_ROLE)
    assert big.childCount() == 3 and big.child(2).data(0, ITEM_ROLE) == panel_module.MORE
    assert big.child(2).text(0) == f"显示更多（还有 {panel.result.counts[kind] - 2} 条）…"
    panel.open_current(big.child(2))
    assert big.childCount() == 5 and [big.child(k).data(0, ITEM_ROLE) for k in range(4)] == panel.worded[kind][0][:4]
    while big.child(big.childCount() - 1).data(0, ITEM_ROLE) == panel_module.MORE:
        panel.open_current(big.child(big.childCount() - 1))
    result = crm("reminders", "--user", "jingli", "--json", db=str(demo.engine.url))
    data = json.loads(result.stdout)
    worded = [i for kind in sorted(panel.worded) for i in panel.worded[kind][0]]
    assert [i.to_json() for i in worded] == data["items"]
    assert [i for i in shown_items(panel) if i.kind == kind] == panel.worded[kind][0]


def _first(panel: ReminderPanel, kind: str) -> Reminder | None:
    return next((i for i in shown_items(panel) if i.kind == kind), None)


def _select(panel: ReminderPanel, item: Reminder) -> None:
    for n in range(panel.tree.topLevelItemCount()):
        top = panel.tree.topLevelItem(n)
        for k in range(top.childCount()):
            if top.child(k).data(0, ITEM_ROLE) is item:
                panel.tree.setCurrentItem(top.child(k))
                return
    raise AssertionError(item)


def test_each_item_opens_its_record(qtbot, demo, shot, answers) -> None:  # noqa: ANN001
    from ui.credit.tab import DrillDialog
    from ui.customers.card import CustomerCardDialog
    from ui.sales.order_form import OrderDialog

    panel = open_panel(qtbot, demo, "jingli")
    opened = {}
    for kind in ("OVERDUE", "HELD", "DUE_SOON", "VISIT_DUE", "DORMANT"):
        item = _first(panel, kind)
        if item is None:
            continue
        panel.last_opened = None
        _select(panel, item)
        panel.open_button.click()
        qtbot.waitUntil(lambda: panel.last_opened is not None, timeout=20000)
        widget = panel.last_opened
        opened[kind] = widget
        if kind == "OVERDUE":
            assert isinstance(widget, DrillDialog) and widget.property("customer_id") == item.customer_id
            assert widget.items and all(i.days_past_due > 0 for i in widget.items)
            assert f"{item.customer_code} {item.customer_name}" in widget.windowTitle()
            shot(widget, "reminders_open_overdue")
        elif kind in ("HELD", "DUE_SOON"):
            assert isinstance(widget, OrderDialog)
            qtbot.waitUntil(lambda w=widget, i=item: w.order_id == i.document_id, timeout=20000)
        else:
            assert isinstance(widget, CustomerCardDialog)
            assert widget.loaded.card.id == item.customer_id
            expected_page = "跟进记录" if kind == "VISIT_DUE" else "实时数据"
            assert widget.tabs.tabText(widget.tabs.currentIndex()) == expected_page
        widget.close()
    assert {"OVERDUE", "HELD", "VISIT_DUE"} <= set(opened)


def test_dismiss_and_snooze_from_the_panel(qtbot, demo, monkeypatch) -> None:  # noqa: ANN001
    from ui.reminders import panel as panel_module

    panel = open_panel(qtbot, demo, "xiaoshou")
    before = panel.result.total
    counts: list[int] = []
    panel.count_changed.connect(counts.append)
    item = shown_items(panel)[0]
    _select(panel, item)
    with qtbot.waitSignal(panel.loaded, timeout=30000):
        panel.dismiss_button.click()
    assert panel.result.total == before - 1 and counts[-1] == before - 1
    assert item.key not in active_keys(panel)
    panel.show_hidden.setChecked(True)
    hidden = next(i for i in shown_items(panel) if i.key == item.key)
    assert any("另有 1 条已忽略" in h for h in headings(panel))
    _select(panel, hidden)
    assert panel.restore_button.isEnabled() and not panel.dismiss_button.isEnabled()
    with qtbot.waitSignal(panel.loaded, timeout=30000):
        panel.restore_button.click()
    assert panel.result.total == before
    # snooze the next one until the day after tomorrow
    monkeypatch.setattr(panel_module.SnoozeDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(panel_module.SnoozeDialog, "until", lambda self: date.today() + timedelta(days=2))
    second = shown_items(panel)[1]
    _select(panel, second)
    with qtbot.waitSignal(panel.loaded, timeout=30000):
        panel.snooze_button.click()
    assert second.key not in active_keys(panel) and panel.result.total == before - 1
    with demo.sessions() as s:
        from app.reminders import reminders_for

        later = reminders_for(s, actor(demo, "xiaoshou"), date.today() + timedelta(days=2))
    assert second.key in {i.key for i in later.items}


def test_badge_and_panel_after_login(qtbot, demo, shot) -> None:  # noqa: ANN001
    from ui.main_window import MainWindow

    ctx = AppContext(demo, actor(demo, "xiaoshou"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.reminders.panel.loaded, timeout=30000):
        window.reminders.start()
    total = window.reminders.panel.result.total
    assert total > 0 and window.reminders.panel.isVisible()
    assert window.reminders.count_text() == f"提醒 ({total})"
    window.reminders.panel.close()
    window.resize(1280, 500)
    qtbot.wait(50)  # the toolbar lays the longer text out
    shot(window, "reminders_badge_main_window")
    window.reminders.panel.at_start.setChecked(False)
    window.reminders.start()
    assert not window.reminders.panel.isVisible()
    window.reminders.action.trigger()
    assert window.reminders.panel.isVisible()
    ctx.tasks.wait(30000)


def test_grade_review_links_to_the_analysis_page(qtbot, demo) -> None:  # noqa: ANN001
    from ui.main_window import MainWindow

    ctx = AppContext(demo, actor(demo, "jingli"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    panel = window.reminders.panel
    assert panel.review_button.isVisibleTo(panel)
    panel.review_grades()
    analysis = window.tabs.currentWidget()
    assert analysis.tabs.currentWidget() is analysis.grades is panel.last_opened
    assert analysis.grades.show_filter.currentData() == "differs"
    qtbot.waitUntil(lambda: not analysis.grades.is_loading(), timeout=60000)
    ctx.tasks.wait(30000)
    sales = ReminderPanel(AppContext(demo, actor(demo, "xiaoshou")))
    qtbot.addWidget(sales)
    assert not sales.review_button.isVisibleTo(sales)


def test_follow_up_window_by_week_and_salesperson(qtbot, demo, shot, answers, tmp_path: Path) -> None:  # noqa: ANN001
    from app import followups
    from app.followups import FollowUpData, FollowUpFilter
    from ui.followups.page import show_followups

    me = actor(demo, "xiaoshou")
    with demo.sessions() as s:
        customer = next(iter(followups.rows(s, followups.matching_ids(s, me, FollowUpFilter())))).customer_id
    followups.add(demo.sessions, me, customer, FollowUpData(date.today(), "拜访客户，介绍新品", result="客户同意试用",
                                                            card_exchanged=True, samples_given=True))
    panel = open_panel(qtbot, demo, "xiaoshou")
    panel.followups_button.click()
    window = panel.last_opened
    page = window.page
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=20000)
    rows = page.model.rows()
    assert rows and all(r.row.salesperson.startswith("S001") for r in rows)  # a salesperson starts at their own
    monday, sunday = followups.week_of(date.today())
    assert all(monday <= r.row.date <= sunday for r in rows)
    assert any(r.value("content") == "拜访客户，介绍新品" and r.value("steps") == "交换名片、赠送样品" for r in rows)
    page.set_period("all")
    qtbot.waitUntil(lambda: not page.is_loading() and page.model.rowCount() > len(rows), timeout=20000)
    page.view.setCurrentIndex(page.model.index(0, 0))
    target = tmp_path / "跟进记录.xlsx"
    answers.reply(str(target))
    page.export()
    qtbot.waitUntil(lambda: "已导出到" in page.message.text(), timeout=20000)
    sheet = openpyxl.load_workbook(target).active
    assert sheet["A1"].value == "跟进记录"
    assert show_followups(page.ctx, panel.parentWidget() or panel) is not None
    window.resize(1200, 520)
    page.set_period("this_week")
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=20000)
    shot(window, "followups_window")
    page.ctx.tasks.wait(30000)


def test_settings_page(qtbot, demo, shot) -> None:  # noqa: ANN001
    from app import settings as app_settings
    from ui.settings.reminders import RemindersPage

    ctx = AppContext(demo, actor(demo, "admin"))
    page = RemindersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loaded, timeout=20000)
    assert (page.due_soon_days.value(), page.near_limit_percent.value(), page.counts["C"].value(),
            page.by["A"].currentData()) == (7, 90, 2, "leader")
    page.resize(820, 560)
    shot(page, "settings_reminders")
    page.counts["C"].setValue(3)
    page.cash_threshold.setText("800")
    page.save()
    qtbot.waitUntil(lambda: page.saved_label.text() == "已保存", timeout=20000)
    with demo.sessions() as s:
        saved = app_settings.load(s)
    assert saved.visits("C") == (3, "owner") and str(saved.aftersales_cash_threshold) == "800.00"
    from app import master_data

    master_data.save_settings(demo.sessions, ctx.actor, visit_c_count=2, aftersales_cash_threshold=1000)
    clerk = RemindersPage(AppContext(demo, actor(demo, "caiwu")))
    qtbot.addWidget(clerk)
    assert not clerk.save_button.isEnabled()


def test_follow_up_form_records_result_and_first_steps(qtbot, demo, shot) -> None:  # noqa: ANN001
    from ui.customers.card import FollowUpDialog

    dialog = FollowUpDialog(AppContext(demo, actor(demo, "xiaoshou")), [(1, "王经理")])
    qtbot.addWidget(dialog)
    dialog.content.setPlainText("初次拜访")
    dialog.outcome.setText("约好下周送样")
    dialog.card_exchanged.setChecked(True)
    dialog.company_introduced.setChecked(True)
    values = dialog.values()
    assert (values.result, values.card_exchanged, values.samples_given, values.company_introduced) == (
        "约好下周送样", True, False, True)
    dialog.show()
    shot(dialog, "followup_dialog")


def test_a_kind_read_when_opened_heads_what_it_read(qtbot, demo, monkeypatch) -> None:  # noqa: ANN001
    """A kind counted at refresh and read when opened (FOLLOW_UP_DUE): a follow-up planned from another PC in
    between is among its rows, and its heading counts the rows read, not the older count."""
    from app import followups, reminders
    from app.followups import FollowUpData
    from models import Customer
    from ui.reminders import panel as panel_module

    monkeypatch.setattr(panel_module, "EAGER", 0)
    monkeypatch.setattr(reminders, "FEW", 0)  # counted, not read with the count
    panel = open_panel(qtbot, demo, "xiaoshou")
    assert "FOLLOW_UP_DUE" in panel.result.counted
    before = panel.result.counts["FOLLOW_UP_DUE"]
    sales = actor(demo, "xiaoshou")
    with demo.sessions() as s:
        mine = s.scalar(select(Customer.id).where(Customer.owner_id == sales.salesperson_id).limit(1))
    today = date.today()
    followups.add(demo.sessions, sales, mine, FollowUpData(today - timedelta(days=3), "电话：下周再联系",
                                                           next_date=today - timedelta(days=1)))
    top = next(panel.tree.topLevelItem(n) for n in range(panel.tree.topLevelItemCount())
               if panel.tree.topLevelItem(n).data(0, ITEM_ROLE) == "FOLLOW_UP_DUE")
    assert top.text(0) == f"待跟进（{before}）"
    top.setExpanded(True)
    qtbot.waitUntil(lambda: top.child(0).data(0, ITEM_ROLE) is not None, timeout=20000)
    assert len(panel.worded["FOLLOW_UP_DUE"][0]) == before + 1
    assert top.text(0) == f"待跟进（{before + 1}）"
    assert any(i.text.endswith("电话：下周再联系") for i in panel.worded["FOLLOW_UP_DUE"][0])
