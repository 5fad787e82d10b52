"""The checks CI runs after the tests, here too: ruff, and the import-linter contracts of pyproject.toml.

Layers ui > app > models (ui may import app and models, app may import models, never the other way), and the core
(app, models) never imports PySide6, shiboken6 or pyqtgraph, so that `crm` and the services run without Qt.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    """The tool installed beside this Python (the project's venv), else on PATH; the test extras install both."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_import_contracts_are_kept() -> None:
    result = _run(_tool("lint-imports"), "--no-cache", "--no-logo", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_is_clean() -> None:
    result = _run(_tool("ruff"), "check", "--no-cache", ".", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("module", "source", "broken"), [
    ("app", "import ui\n", "app is not allowed to import ui"),
    ("models", "import app\n", "models is not allowed to import app"),
    ("app", "from PySide6 import QtCore\n", "app is not allowed to import PySide6"),
    ("models", "import shiboken6\n", "models is not allowed to import shiboken6"),
])
def test_the_contracts_catch_a_violation(tmp_path: Path, module: str, source: str, broken: str) -> None:
    """The same configuration over a tiny ui/app/models project with one bad import: lint-imports fails on it."""
    for package in ("ui", "app", "models"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text(source if package == module else "")
    result = _run(_tool("lint-imports"), "--no-cache", "--no-logo", str(ROOT / "pyproject.toml"), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in result.stdout
