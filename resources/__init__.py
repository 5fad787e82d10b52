"""Files the application ships beside its code (fonts, icons, translations): found through this one module, in a
checkout, an installed package and a bundle alike."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent
FONT = ROOT / "fonts" / "wqy-microhei.ttc"  # TrueType collection; face 0 is WenQuanYi Micro Hei
FONT_FAMILY = "WenQuanYi Micro Hei"


def path(*parts: str) -> Path:
    return ROOT.joinpath(*parts)
