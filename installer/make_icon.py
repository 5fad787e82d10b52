"""Draw the application icon into resources/icons/: crm-<size>.png for every size and crm.ico holding them all.

The design: a blue rounded square with 客 (customer) in white, drawn with Qt from the font the application ships,
each size rendered at its own pixel size (the character gets a little larger on the small ones). Run from the
repository root after changing the design; the files are committed:

    QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make_icon.py
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402 - Pillow comes with reportlab; it writes the multi-size .ico
from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import resources  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256)
TOP, BOTTOM = QColor("#2f80e4"), QColor("#1356b4")
GLYPH = "客"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = 0.0 if size <= 24 else size * 0.04
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    gradient = QLinearGradient(box.topLeft(), box.bottomLeft())
    gradient.setColorAt(0, TOP)
    gradient.setColorAt(1, BOTTOM)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(gradient)
    p.drawRoundedRect(box, box.width() * 0.22, box.width() * 0.22)

    family = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(resources.FONT)))[0]
    path = QPainterPath()
    path.addText(QPointF(0, 0), QFont(family, 100), GLYPH)
    bounds = path.boundingRect()
    share = 0.78 if size <= 24 else 0.64  # how much of the square the character's larger side takes
    scale = box.width() * share / max(bounds.width(), bounds.height())
    p.translate(box.center())
    p.scale(scale, scale)
    p.translate(-bounds.center())
    weight = (2.2 if size <= 32 else 1.6) / scale * size / 64  # a stroke around the outline: a bolder character
    p.setPen(QPen(QColor("white"), weight, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))
    p.setBrush(QColor("white"))
    p.drawPath(path)
    p.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841 - fonts and painting need one
    folder = resources.path("icons")
    folder.mkdir(exist_ok=True)
    pngs = []
    for size in SIZES:
        target = folder / f"crm-{size}.png"
        if not draw(size).save(str(target)):
            raise SystemExit(f"cannot write {target}")
        pngs.append(Image.open(target))
    largest = pngs[-1]
    largest.save(folder / "crm.ico", format="ICO", sizes=[(s, s) for s in SIZES], append_images=pngs[:-1])
    print(f"wrote {len(pngs)} PNGs and crm.ico to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
