"""Files the application ships beside its code (fonts, icons, translations): found through this one module, in a
checkout, an installed package and a bundle alike.

- `fonts/`: WenQuanYi Micro Hei and its licence (fonts/README.md) — the PDFs embed it, Qt uses it where no Chinese
  font is installed;
- `icons/`: the application icon, crm-<size>.png and crm.ico (drawn by installer/make_icon.py);
- `translations/`: the compiled interface translations crm_<language>.qm, written here by pyside6-lrelease from
  ui/translations/crm_<language>.ts (ui/translations/README.md).
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

ROOT = Path(str(files(__name__)))  # a folder on disk: a checkout, site-packages, or the bundle's resources/
FONT = ROOT / "fonts" / "wqy-microhei.ttc"  # TrueType collection; face 0 is WenQuanYi Micro Hei
FONT_FAMILY = "WenQuanYi Micro Hei"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def path(*parts: str) -> Path:
    return ROOT.joinpath(*parts)


def icon_png(size: int) -> Path:
    return ROOT / "icons" / f"crm-{size}.png"


def translation(language: str) -> Path:
    """The compiled translation of the interface into `language` (it may be missing)."""
    return ROOT / "translations" / f"crm_{language}.qm"
