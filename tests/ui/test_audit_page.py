"""设置 → 操作日志: administrators and managers read the audit log page by page, filter it by period, login, kind and
customer or document, and export what the filter shows to Excel; other roles see a note."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
from PySide6.QtCore import QDate

from app.context import Actor
from app.customers import new_customer
from models import AuditLog
from ui.settings.audit import AuditPage

BOSS = Actor("boss", "admin")
NOW = datetime.now().replace(microsecond=0)


def _entries(company_db) -> None:  # noqa: ANN001
    """Five entries over 40 days besides the ones creating the company wrote."""
    with company_db.sessions.begin() as s:
        c = new_customer(s, code="C001", name="重庆渝丰五金", created=date(2025, 1, 1))
        s.flush()
        rows = [
            (NOW - timedelta(days=40), "mgr", "customer.credit", "customer", c.id,
             {"credit_limit": ["1000.00", "5000.00"], "reason": "去年评审"}),
            (NOW - timedelta(days=3), "boss", "login.ok", "user", 1, {}),
            (NOW - timedelta(days=2), "mgr", "customer.credit", "customer", c.id,
             {"credit_limit": ["5000.00", "8000.00"], "reason": "年度评审"}),
            (NOW - timedelta(days=1), "cli:alice", "import", "workbook", None, {"file": "客户.xlsx"}),
            (NOW - timedelta(hours=1), "mgr", "customer.blacklist", "customer", c.id, {"blacklisted": True}),
        ]
        for at, login, action, entity, entity_id, detail in rows:
            s.add(AuditLog(at=at, login=login, action=action, entity=entity, entity_id=entity_id,
                           detail=json.dumps(detail, ensure_ascii=False)))


def _page(qtbot, make_ctx, actor: Actor) -> AuditPage:  # noqa: ANN001
    page = AuditPage(make_ctx(actor))
    qtbot.addWidget(page)
    page.resize(1100, 520)
    page.show()
    page.load()
    if page.list is not None:
        qtbot.waitUntil(lambda: not page.list.is_loading(), timeout=10000)
    return page


def _shown(page: AuditPage) -> list[tuple[str, str]]:
    model = page.list.model
    return [(model.row_of(r).login, model.row_of(r).action) for r in range(model.rowCount())]


def test_the_log_filtered_and_exported(qtbot, make_ctx, company_db, answers, tmp_path: Path, shot) -> None:  # noqa: ANN001
    _entries(company_db)
    page = _page(qtbot, make_ctx, BOSS)
    lst = page.list
    assert lst is not None
    # the last 30 days, newest first: the 40-day-old entry is not there; the company's creation (today) is
    shown = _shown(page)
    assert shown[0] == ("system", "user.add")  # the company's administrator, created a moment ago
    assert shown[1:5] == [("mgr", "customer.blacklist"), ("cli:alice", "import"), ("mgr", "customer.credit"),
                         ("boss", "login.ok")]
    assert ("mgr", "customer.credit") in shown and len([s for s in shown if s[1] == "customer.credit"]) == 1
    assert "条操作记录" in page.status_text()
    path = shot(page, "audit_log")
    assert path.stat().st_size > 10_000

    lst.dates.set_period("all")
    qtbot.waitUntil(lambda: not lst.is_loading() and len([s for s in _shown(page) if s[1] == "customer.credit"]) == 2,
                    timeout=10000)
    lst.kind.setCurrentIndex(lst.kind.findData("credit"))
    qtbot.waitUntil(lambda: not lst.is_loading() and _shown(page) == [("mgr", "customer.credit")] * 2,
                    timeout=10000)
    lst.search.setText("年度评审")
    qtbot.waitUntil(lambda: not lst.is_loading() and len(_shown(page)) == 1, timeout=10000)
    row = lst.model.row_of(0)
    assert (row.action_title, row.target) == ("修改信用额度和账期", "C001 重庆渝丰五金")
    assert "5000.00" in row.detail and "8000.00" in row.detail  # the old and the new limit

    lst.search.setText("")
    lst.kind.setCurrentIndex(lst.kind.findData(None))
    lst.login.setText("cli:")
    qtbot.waitUntil(lambda: not lst.is_loading() and _shown(page) == [("cli:alice", "import")], timeout=10000)

    # a custom period: the day of the 40-day-old entry only
    lst.login.setText("")
    lst.dates.set_period("custom")
    day = (NOW - timedelta(days=40)).date()
    lst.dates.start.setDate(QDate(day.year, day.month, day.day))
    lst.dates.end.setDate(QDate(day.year, day.month, day.day))
    qtbot.waitUntil(lambda: not lst.is_loading() and _shown(page) == [("mgr", "customer.credit")], timeout=10000)

    # 导出 Excel: the rows the filter shows, through the common export path
    lst.dates.set_period("last_7")
    lst.kind.setCurrentIndex(lst.kind.findData("credit"))
    qtbot.waitUntil(lambda: not lst.is_loading() and len(_shown(page)) == 1, timeout=10000)
    target = tmp_path / "操作日志.xlsx"
    answers.reply(str(target))
    lst.export()
    qtbot.waitUntil(lambda: "已导出到" in lst.message.text(), timeout=10000)
    sheet = openpyxl.load_workbook(target).active
    assert sheet["A1"].value == "操作日志"
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "时间")
    assert [sheet.cell(header, c).value for c in range(1, 6)] == ["时间", "登录名", "操作", "对象", "内容"]
    assert [sheet.cell(header + 1, c).value for c in range(2, 5)] == ["mgr", "修改信用额度和账期", "C001 重庆渝丰五金"]
    assert sheet.cell(header + 2, 2).value is None  # one row: what the filter shows
    params = " ".join(str(sheet.cell(r, c).value) for r in range(1, header) for c in range(1, 4))
    assert "信用额度" in params  # the filter in the header


def test_a_manager_reads_it_and_other_roles_see_a_note(qtbot, make_ctx, company_db) -> None:  # noqa: ANN001
    _entries(company_db)
    page = _page(qtbot, make_ctx, Actor("mgr", "manager"))
    assert page.list is not None and len(_shown(page)) == 5
    for actor in (Actor("acc", "finance"), Actor("zw", "sales", 1)):
        page = _page(qtbot, make_ctx, actor)
        assert page.list is None and page.loaded
