"""The message catalogue: complete in both languages, every code app/ uses is in it, texts render per language."""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

import app
from app import auth, messages, settings
from app.analytics import GradeSuggestion, potential_reason
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from app.master_data import USED_BY_TITLES, _usage_text
from app.messages import msg
from models import CODE_KINDS
from models.customers import STATUSES

APP = Path(app.__file__).parent
ERROR_NAMES = ("UserError", "ValidationError", "NotFound", "PermissionDenied", "ConflictError", "NotAvailable")
ERRORS = f"(?:{'|'.join(ERROR_NAMES)})"
CODE = re.compile(r"^[a-z_]+\.[A-Za-z_.]+$")
# an error raised with Chinese text written in the code instead of a catalogue code
LITERAL_CHINESE = re.compile(rf"\b{ERRORS}\(\s*f?(['\"])[^'\"]*[\u3400-\u9fff]")


def _sources() -> Iterator[tuple[Path, str]]:
    for path in sorted(APP.rglob("*.py")):
        yield path, path.read_text(encoding="utf-8")


@pytest.fixture
def english() -> Iterator[None]:
    before = messages.language()
    messages.set_language("en")
    try:
        yield
    finally:
        messages.set_language(before)


def test_catalogue_has_no_problems() -> None:
    assert messages.problems() == []


def _first_literals(text: str) -> Iterator[str]:
    """String literals passed first to an error or a message: UserError("x.y", …), msg("x.y", …) (calls only,
    so examples in docstrings do not count)."""
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        first = node.args[0]
        candidates = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]  # msg("a" if x else "b")
        if name in (*ERROR_NAMES, "msg", "Message"):
            yield from (c.value for c in candidates if isinstance(c, ast.Constant) and isinstance(c.value, str))


def test_every_code_used_in_app_is_in_the_catalogue() -> None:
    known = messages.catalogue()
    used = {
        (path.relative_to(APP.parent).as_posix(), literal)
        for path, text in _sources() for literal in _first_literals(text) if CODE.match(literal)
    }
    assert len(used) > 50  # the scan finds the codes at all
    assert sorted(f"{where}: {code}" for where, code in used if code not in known) == []


def test_titles_built_from_keys_are_in_the_catalogue_with_the_same_chinese() -> None:
    """Codes made at run time (f"role.{role}" …) and the Chinese dictionaries kept for the interface agree."""
    zh = {code: texts["zh"] for code, texts in messages.catalogue().items()}
    assert {f"permission.{p}" for p in auth.PERMISSIONS} <= set(zh)
    assert {k: zh.get(f"role.{k}") for k in auth.ROLE_TITLES} == auth.ROLE_TITLES
    assert {k: zh.get(f"master.kind.{k}") for k in CODE_KINDS} == CODE_KINDS
    assert {k: zh.get(f"master.used_by.{k}") for k in USED_BY_TITLES} == USED_BY_TITLES
    assert {k: zh.get(f"customer.status.{k}") for k in STATUSES} == STATUSES
    assert {k: zh.get(f"settings.rule_{k}") for k in settings.SALES_CREDIT_RULES} == settings.SALES_CREDIT_RULES


def test_permission_denied_in_both_languages(english: None) -> None:
    salesperson = Actor(login="zw", role="sales", salesperson_id=1)
    with pytest.raises(PermissionDenied) as denied:
        auth.require(salesperson, "customers.view_all")
    # raised once, shown in whatever language the interface has when it is shown
    assert denied.value.code == "auth.no_permission"
    assert str(denied.value) == 'You (Sales) do not have the permission "View all customers"'
    messages.set_language("zh")
    assert str(denied.value) == "您（销售）没有「查看全部客户」的权限"


def test_grade_and_potential_reasons_in_both_languages(english: None) -> None:
    ranked = GradeSuggestion("A", 30000, rank=1, before=0, total=40000).reason
    graded_d = GradeSuggestion("D", 0, d_reason=msg("analytics.reasons", reasons=(
        msg("analytics.blacklisted"), msg("analytics.overdue_90", amount=Decimal("100.00"))))).reason
    unranked = GradeSuggestion("C", 0).reason
    new = potential_reason(123400, 0, 3)
    assert str(ranked) == ("Net revenue in the last 12 months 300.00 yuan, rank 1; "
                           "the customers ranked before hold 0.00% of the total")
    assert str(graded_d) == "Blacklisted customer; 100.00 yuan overdue by more than 90 days"
    assert str(unranked) == "No positive net revenue in the last 12 months"
    assert str(new) == ("New customer: no sales in the 6 months before, 1234.00 yuan in the last 6 months; "
                        "sales in 3 of the last 6 months")
    assert ranked.text("zh") == "近12月净销售额 300.00 元，排名第1，排在前面的客户累计占比 0.00%"
    assert graded_d.text("zh") == "黑名单客户；有逾期超过90天的欠款 100.00 元"
    assert new.text("zh") == "新客户：前6月无销售，近6月销售 1234.00 元，近6个月中有3个月有销售"


def test_nested_arguments_follow_the_language(english: None) -> None:
    in_use = ValidationError("master.in_use", name="华东", counts=_usage_text({"customer": 1200, "contact": 3}))
    refused = ValidationError("master.required", what=msg("master.what.product_code"))
    assert str(in_use) == "华东 is in use (customers: 1,200, contacts: 3): it can be deactivated, not deleted"
    assert str(refused) == "The product code is required"
    messages.set_language("zh")
    assert str(in_use) == "「华东」已被使用（客户 1,200 条、联系人 3 条），只能停用，不能删除"
    assert str(refused) == "商品编码不能为空"


def test_no_module_raises_literal_chinese_text() -> None:
    """Every refusal app/ raises comes from the catalogue, so English mode shows it in English."""
    left = {
        path.relative_to(APP.parent).as_posix(): n
        for path, text in _sources() if (n := len(LITERAL_CHINESE.findall(text)))
    }
    assert left == {}
