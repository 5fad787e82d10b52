"""`crm credit check --amount`: a zero, negative or malformed amount is bad usage (exit 2, a Chinese reason on stderr,
no traceback); a good one reaches the check."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from app.cli import main


def crm(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(("amount", "why"), [
    ("0", "金额必须大于 0：0"),
    ("0.00", "金额必须大于 0"),
    ("-5", "金额必须大于 0：-5"),
    ("-0.01", "金额必须大于 0"),
    ("1e3", "金额应直接写出数字"),
    ("NaN", "金额应直接写出数字"),
    ("Infinity", "金额应直接写出数字"),
    ("abc", "金额无效：abc"),
    ("1.001", "金额最多两位小数"),
    ("1000000000000", "金额不能超过 999,999,999,999.99"),
])
def test_a_bad_amount_is_a_usage_error(tmp_path: Path, amount: str, why: str) -> None:
    code, out, err = crm("--db", f"sqlite:///{tmp_path / 'crm.sqlite3'}", "credit", "check", "C001",
                         f"--amount={amount}")
    assert (code, out) == (2, "")
    assert why in err and "用法错误" in err and "Traceback" not in err


def test_a_negative_amount_as_its_own_argument_is_refused_too(tmp_path: Path) -> None:
    code, _out, err = crm("--db", f"sqlite:///{tmp_path / 'crm.sqlite3'}", "credit", "check", "C001",
                          "--amount", "-5")
    assert code == 2 and "金额必须大于 0：-5" in err


def test_a_good_amount_reaches_the_check(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'crm.sqlite3'}"
    assert crm("--db", db, "init")[0] == 0
    code, _out, err = crm("--db", db, "credit", "check", "NOPE", "--amount", "1,000.50")
    assert code == 1 and "NOPE" in err and "用法错误" not in err  # parsed; the customer does not exist
