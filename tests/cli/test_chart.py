"""`crm chart NAME … --png FILE`: the desktop's chart drawn headless, reached through the "crm.commands" entry point."""
from __future__ import annotations

import struct
from datetime import date
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from app.cli import build_parser
from tests.cli.test_cli import crm_process


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('chart') / 'demo.sqlite3'}"
    result = crm_process("demo", "--customers", "60", "--seed", "3", db=url)
    assert result.returncode == 0, result.stderr
    return url


def test_the_chart_command_is_a_registered_plugin() -> None:
    names = {e.name: e.value for e in entry_points(group="crm.commands")}
    assert names.get("chart") == "ui.chart_command:register", "pip install -e '.[test]' registers the entry point"
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")  # noqa: SLF001 - the subcommands argparse made
    assert "chart" in sub.choices


@pytest.mark.parametrize("args", [
    ("potential",),
    ("trend", "C0001"),
    ("activity", "--from", "{last_year}-01", "--to", "{this_month}"),
    ("company",),
])
def test_each_chart_is_a_png_of_at_least_600_by_400(demo_url: str, tmp_path: Path, args: tuple[str, ...]) -> None:
    today = date.today()
    filled = [a.format(last_year=today.year - 1, this_month=today.strftime("%Y-%m")) for a in args]
    out = tmp_path / f"{args[0]}.png"
    result = crm_process("chart", *filled, "--as-of", today.isoformat(), "--png", str(out), db=demo_url) \
        if args[0] != "activity" else crm_process("chart", *filled, "--png", str(out), db=demo_url)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "propagateSizeHints" not in result.stderr
    width, height = png_size(out)
    assert width >= 600 and height >= 400
    assert out.stat().st_size > 10_000  # a drawn chart, not an empty canvas


def test_the_size_can_be_chosen_but_not_below_600_by_400(demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "small.png"
    result = crm_process("chart", "company", "--width", "300", "--height", "200", "--png", str(out), db=demo_url)
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (600, 400)
    big = tmp_path / "big.png"
    assert crm_process("chart", "company", "--width", "1200", "--height", "800", "--png", str(big),
                       db=demo_url).returncode == 0
    assert png_size(big) == (1200, 800)


def test_mistakes_are_usage_errors_or_messages(demo_url: str, tmp_path: Path) -> None:
    out = str(tmp_path / "x.png")
    for args, code, text in (
        (("chart", "trend", "--png", out), 2, "客户编码"),
        (("chart", "activity", "--png", out), 2, "--from YYYY-MM"),
        (("chart", "nosuch", "--png", out), 2, "用法错误"),
        (("chart", "potential"), 2, "--png"),
        (("chart", "trend", "NOBODY", "--png", out), 1, "NOBODY"),
        (("chart", "potential", "--png", str(tmp_path / "missing" / "x.png")), 1, "无法写入"),
    ):
        result = crm_process(*args, db=demo_url)
        assert result.returncode == code, (args, result.stderr)
        assert text in result.stderr and "Traceback" not in result.stderr, (args, result.stderr)
