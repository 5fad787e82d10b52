"""Print preview and printing of the PDFs app/exports writes: the preview shows those very pages, and the printer gets
them too (each page rendered at the printer's resolution), so paper, preview and PDF file have one layout."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ui import ask
from ui.context import qsettings

SCREEN_DPI = 96
PRINT_DPI = 300
GEOMETRY_KEY = "print_preview/geometry"


def page_images(pdf: bytes, dpi: float, pages: range | None = None) -> Iterator[QImage]:
    """The PDF's pages as images at `dpi` (white background)."""
    document = pdfium.PdfDocument(pdf)
    try:
        for n in pages if pages is not None else range(len(document)):
            page = document[n]
            bitmap = page.render(scale=dpi / 72, force_bitmap_format=pdfium_c.FPDFBitmap_BGRA, fill_color=(255, 255,
                                                                                                            255, 255))
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_ARGB32)
            yield image.copy()  # the bitmap's memory is freed with it
            bitmap.close()
            page.close()
    finally:
        document.close()


def page_count(pdf: bytes) -> int:
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Send every page to `printer` (or the page range chosen in its dialog); returns the pages printed."""
    first, last = printer.fromPage(), printer.toPage()
    count = page_count(pdf)
    pages = range(first - 1, min(last, count)) if first > 0 and last > 0 else range(count)
    dpi = min(printer.resolution(), PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        for image in page_images(pdf, dpi, pages):
            if printed:
                printer.newPage()
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
            printed += 1
    finally:
        painter.end()
    return printed


def choose_printer(parent: QWidget | None, pdf: bytes) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFromTo(1, page_count(pdf))
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


class PreviewDialog(QDialog):
    """The pages as they print: zoom, page count, 打印… and 另存为 PDF…."""

    def __init__(self, pdf: bytes, title: str, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf, self.file_name = pdf, file_name
        self.setWindowTitle(self.tr("打印预览 — {0}").format(title))
        self.pages = page_count(pdf)
        self.zoom = QSlider(Qt.Orientation.Horizontal)
        self.zoom.setRange(50, 200)
        self.zoom.setValue(100)
        self.zoom.setMaximumWidth(180)
        self.zoom.valueChanged.connect(lambda _v: self._render())
        self.info = QLabel(self.tr("共 {0} 页").format(self.pages))
        top = QHBoxLayout()
        top.addWidget(self.info)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("缩放：")))
        top.addWidget(self.zoom)
        self.canvas = QWidget()
        self.canvas_layout = QVBoxLayout(self.canvas)
        self.canvas_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.canvas_layout.setSpacing(12)
        self.canvas.setStyleSheet("background: #808080")
        scroll = QScrollArea()
        scroll.setWidget(self.canvas)
        scroll.setWidgetResizable(True)
        self.scroll = scroll
        buttons = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_)
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.save_button.clicked.connect(self.save_pdf)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, activated=lambda: self.zoom.setValue(self.zoom.value() + 25))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, activated=lambda: self.zoom.setValue(self.zoom.value() - 25))
        self.resize(QSize(1000, 860))
        geometry = qsettings().value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.labels: list[QLabel] = []
        self._fitted = False
        self._render()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """The first time: a zoom that shows the page's whole width."""
        super().showEvent(event)
        if not self._fitted and self.labels:
            self._fitted = True
            page_width = self.labels[0].pixmap().width() * 100 / self.zoom.value()
            room = self.scroll.viewport().width() - 40
            if page_width > room > 0:
                self.zoom.setValue(max(50, int(room * 100 / page_width)))

    def _render(self) -> None:
        """Every page at the zoom chosen (the whole document: a preview is for pages people will read)."""
        for label in self.labels:
            label.deleteLater()
        self.labels = []
        dpi = SCREEN_DPI * self.zoom.value() / 100
        for image in page_images(self.pdf, dpi):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #404040")
            self.canvas_layout.addWidget(label)
            self.labels.append(label)

    def print_(self) -> None:
        printer = choose_printer(self, self.pdf)
        if printer is not None:
            print_pdf(self.pdf, printer)

    def save_pdf(self) -> None:
        folder = qsettings().value("export/folder", "", str)
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("另存为 PDF"), f"{folder}/{self.file_name}.pdf"
                                                    if folder else f"{self.file_name}.pdf", "PDF (*.pdf)")
        if not path:
            return
        try:
            with open(path, "wb") as f:
                f.write(self.pdf)
        except OSError as exc:
            ask.error(self, self.tr("另存为 PDF"), self.tr("无法写入文件 {0}：{1}").format(path, exc.strerror or exc))
            return
        qsettings().setValue("export/folder", str(Path(path).parent))

    def done(self, result: int) -> None:
        qsettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        super().done(result)
