"""GUI test fixtures: offscreen Qt, a company database in a temp folder, and a folder for screenshots."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from app import startup  # noqa: E402
from app.context import Actor  # noqa: E402

OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Window geometry and column widths go to a temp folder, not the developer's real settings."""
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


@pytest.fixture
def company_db(tmp_path: Path) -> Iterator[startup.Database]:
    """A new company with an administrator `boss` / `secret-1`."""
    db = startup.open_database(f"sqlite:///{tmp_path / 'crm.sqlite3'}")
    startup.create_company(db, "测试贸易有限公司", "boss", "secret-1")
    yield db
    db.engine.dispose()


@pytest.fixture
def make_ctx(qtbot, company_db: startup.Database) -> Callable[..., object]:  # noqa: ANN001
    from ui.context import AppContext

    def make(actor: Actor | None = None) -> AppContext:
        return AppContext(company_db, actor or Actor("boss", "admin"))

    return make


@pytest.fixture
def shot() -> Callable[[object, str], Path]:
    """shot(widget, "name") saves widget.grab() to test-output/name.png and returns the path."""
    OUTPUT.mkdir(exist_ok=True)

    def save(widget, name: str) -> Path:  # noqa: ANN001
        path = OUTPUT / f"{name}.png"
        assert widget.grab().save(str(path)), path
        return path

    return save
