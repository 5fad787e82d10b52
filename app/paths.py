"""Where the application keeps its files on this PC (no database code: the desktop asks this before it loads any)."""
from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "crm-desktop"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "crm.sqlite3"
