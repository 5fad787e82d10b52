"""Charts of app.charts drawn with pyqtgraph, on screen and headless (`crm chart … --png`): the same code draws both.

pyqtgraph costs ~0.45 s to import, so nothing here imports it at module level: it is imported when the first chart
is drawn (a ChartView shown with a chart, or a PNG rendered). Hover and click find the nearest point with numpy over
the series' own arrays (no per-point item), so a scatter of tens of thousands of customers stays responsive.
"""
from __future__ import annotations

import linecache
import math
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolTip, QVBoxLayout, QWidget

from app.charts import Chart, Series

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
           "#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd")
ROLE_COLORS = {"strong": "#202020", "muted": "#9aa5b1", "accent": "#c62828"}
PNG_SIZE = (1000, 620)
MIN_PNG = (600, 400)
HIT_PX = 6  # how near (pixels) the pointer must be to a point beyond its radius
SIZE_PX = (5, 24)  # smallest and largest scatter point


def pyqtgraph() -> Any:
    """The pyqtgraph module, imported (and configured) on first use."""
    already = "pyqtgraph" in sys.modules
    import pyqtgraph as pg

    if not already:
        _first_use(pg)
    return pg


def _first_use(pg: Any) -> None:  # noqa: ANN401 - the module
    pg.setConfigOptions(antialias=True, background="w", foreground="#333333")
    # PySide6's import hook read the source of pyqtgraph's ~230 modules into linecache (~9 MB), after the main window
    # dropped the others' (ui.main_window); a traceback reads what it needs again
    linecache.clearcache()


@dataclass
class _Drawn:
    """What hover and click search: one series as drawn (plot coordinates) with its labels and keys."""

    series: Series
    xs: Any  # numpy arrays
    ys: Any
    radius: Any  # per point, pixels


class ChartView(QWidget):
    """One chart with 复位 (reset zoom and pan) and 导出图片… above it; wheel zooms, dragging pans. `clicked` gives the
    key of the point or category clicked (app.charts.Series.keys: a customer id, a month, a segment …)."""

    clicked = Signal(object)
    save_png = Signal()

    def __init__(self, parent: QWidget | None = None, toolbar: bool = True) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.plot: Any = None  # the pyqtgraph PlotWidget, made when the first chart is drawn
        self._drawn: list[_Drawn] = []
        self._drawn_chart: Chart | None = None
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-weight: bold; font-size: 11pt; padding: 2px")
        self.title.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #555; padding: 2px 6px")
        self.empty = QLabel(self.tr("没有可以画图的数据"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #777")
        self.canvas = QWidget()  # what a PNG shows: title, plot and notes (not the buttons)
        self.canvas.setStyleSheet("background: white")
        self.canvas_layout = QVBoxLayout(self.canvas)
        self.canvas_layout.setContentsMargins(4, 4, 4, 4)
        self.canvas_layout.setSpacing(2)
        self.canvas_layout.addWidget(self.title)
        self.canvas_layout.addWidget(self.empty, 1)
        self.canvas_layout.addWidget(self.notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.reset_button = QPushButton(self.tr("复位"))
        self.reset_button.setToolTip(self.tr("恢复初始的缩放和位置（滚轮缩放，拖动平移）"))
        self.reset_button.clicked.connect(self.reset_view)
        self.png_button = QPushButton(self.tr("导出图片…"))
        self.png_button.clicked.connect(self.save_png.emit)
        for button in (self.reset_button, self.png_button):
            button.setAutoDefault(False)
            button.setEnabled(False)
        if toolbar:
            bar = QHBoxLayout()
            bar.addStretch(1)
            bar.addWidget(self.reset_button)
            bar.addWidget(self.png_button)
            layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)

    # --- content ----------------------------------------------------------------------------------------------

    def set_chart(self, chart: Chart | None) -> None:
        """Show this chart (drawn now when the view is on screen, else when it is first shown)."""
        self.chart = chart
        self.title.setText(chart.title if chart else "")
        self.notes.setText("\n".join(chart.notes) if chart else "")
        self.notes.setVisible(bool(chart and chart.notes))
        has_data = chart is not None and any(any(v is not None for v in s.values) for s in chart.series)
        for button in (self.reset_button, self.png_button):
            button.setEnabled(has_data)
        if self.isVisible() or self.plot is not None:
            self.draw()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt signature
        super().showEvent(event)
        if self.chart is not None and self._drawn_chart is not self.chart:
            self.draw()

    def draw(self) -> None:
        """Draw the current chart now (importing pyqtgraph the first time)."""
        chart = self.chart
        has_data = chart is not None and any(any(v is not None for v in s.values) for s in chart.series)
        if not has_data:
            if self.plot is not None:
                self.plot.setVisible(False)
            self.empty.setVisible(True)
            self._drawn, self._drawn_chart = [], chart
            return
        self._ensure_plot()
        self.empty.setVisible(False)
        self.plot.setVisible(True)
        _draw(self.plot, chart, self._drawn)
        self._drawn_chart = chart
        self.reset_view()

    def _ensure_plot(self) -> None:
        if self.plot is not None:
            return
        pg = pyqtgraph()
        self.plot = pg.PlotWidget(axisItems={"bottom": _axis_class()("bottom"), "left": _axis_class()("left")})
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)  # its menus are English-only pyqtgraph texts; 复位 and 导出图片 replace them
        item.hideButtons()
        item.showGrid(x=False, y=True, alpha=0.25)
        self.plot.scene().sigMouseMoved.connect(self._hovered)
        self.plot.scene().sigMouseClicked.connect(self._mouse_clicked)
        self.canvas_layout.insertWidget(2, self.plot, 1)

    def reset_view(self) -> None:
        """The first view: every point, or the chart's chosen y range."""
        if self.plot is None or self.chart is None or not self._drawn:
            return
        item = self.plot.getPlotItem()
        item.enableAutoRange()
        item.autoRange(padding=0.05)
        chart = self.chart
        if chart.y_view is not None:
            low, high = (chart.y.drawn(v) for v in chart.y_view)
            item.setYRange(low, high, padding=0.05)
        if chart.x.kind == "category":
            item.setXRange(-0.6, len(chart.x.categories) - 0.4, padding=0)
        if chart.y.kind == "category":
            item.setYRange(-0.6, len(chart.y.categories) - 0.4, padding=0)

    # --- hover and click --------------------------------------------------------------------------------------

    def _view_point(self, scene_pos: QPointF) -> QPointF | None:
        item = self.plot.getPlotItem()
        vb = item.getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        return vb.mapSceneToView(scene_pos)

    def hit(self, at: QPointF) -> tuple[str, Any] | None:
        """(tooltip, key) of what lies under a point in plot coordinates, or None."""
        chart = self._drawn_chart
        if chart is None or not self._drawn:
            return None
        scatters = [d for d in self._drawn if d.series.kind == "scatter"]
        if scatters:
            return self._nearest_point(scatters, at)
        return self._category_at(chart, at)

    def _nearest_point(self, scatters: list[_Drawn], at: QPointF) -> tuple[str, Any] | None:
        import numpy as np

        vb = self.plot.getPlotItem().getViewBox()
        px, py = vb.viewPixelSize()
        best: tuple[float, _Drawn, int] | None = None
        for d in scatters:
            if not len(d.xs):
                continue
            gap = np.hypot((d.xs - at.x()) / px, (d.ys - at.y()) / py) - d.radius
            i = int(np.argmin(gap))
            if gap[i] <= HIT_PX and (best is None or gap[i] < best[0]):
                best = (float(gap[i]), d, i)
        if best is None:
            return None
        _gap, d, i = best
        return d.series.labels[i] if d.series.labels else "", d.series.keys[i] if d.series.keys else None

    def _category_at(self, chart: Chart, at: QPointF) -> tuple[str, Any] | None:
        axis, coordinate = (chart.x, at.x()) if chart.x.kind == "category" else (chart.y, at.y())
        if axis.kind != "category":
            return None
        n = len(axis.categories)
        i = round(coordinate)
        if chart.y.kind == "category":
            i = n - 1 - i  # horizontal bars: the first category at the top
        if not 0 <= i < n or abs(coordinate - round(coordinate)) > 0.45:
            return None
        lines = [axis.categories[i]]
        key = None
        for d in self._drawn:
            s = d.series
            value = s.values[i] if i < len(s.values) else None
            if s.labels and i < len(s.labels) and s.kind in ("bar", "hbar") and len(self._drawn) == 1:
                lines = [s.labels[i]]
            else:
                lines.append(f"{s.name}：{_value_text(chart, value)}")
            if key is None and s.keys and i < len(s.keys):
                key = s.keys[i]
        return "\n".join(lines), key

    def hover_text(self, at: QPointF) -> str:
        found = self.hit(at)
        return found[0] if found else ""

    def _hovered(self, scene_pos: QPointF) -> None:
        if self.plot is None:
            return
        at = self._view_point(scene_pos)
        text = self.hover_text(at) if at is not None else ""
        if text:
            QToolTip.showText(self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos).toPoint()), text, self.plot)
        else:
            QToolTip.hideText()

    def _mouse_clicked(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.plot is None:
            return
        at = self._view_point(event.scenePos())
        found = self.hit(at) if at is not None else None
        if found is not None and found[1] is not None:
            self.clicked.emit(found[1])

    # --- pictures ---------------------------------------------------------------------------------------------

    def image(self) -> QImage:
        """The chart as it is shown: title, plot and notes."""
        return self.canvas.grab().toImage()

    def write_png(self, path: str | Path) -> Path:
        path = Path(path)
        if not self.image().save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
        return path


def _value_text(chart: Chart, value: Decimal | None) -> str:
    if value is None:
        return "—"
    axis = chart.y if chart.y.kind != "category" else chart.x
    if axis.percent:
        return f"{value * 100:.2f}%"
    if axis.money:
        return f"{value:,.2f}"
    return f"{value:,}"


_AXIS: list[type] = []


def _axis_class() -> type:
    """An AxisItem whose numbers read as people write them (thousands separators, log axes as plain amounts) and
    whose category axes show their labels."""
    if _AXIS:
        return _AXIS[0]
    pg = pyqtgraph()

    class ChartAxis(pg.AxisItem):
        def __init__(self, orientation: str) -> None:
            super().__init__(orientation)
            self.enableAutoSIPrefix(False)
            self.log = False

        def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:  # noqa: N802, N803
            if not self.log:
                return super().tickValues(minVal, maxVal, size)
            # amounts at 1, 2 and 5 of each decade (log10 positions)
            low, high = math.floor(minVal), math.ceil(maxVal)
            major = [float(d) for d in range(low, high + 1) if minVal <= d <= maxVal]
            minor = [d + math.log10(k) for d in range(low, high + 1) for k in (2, 5) if minVal <= d + math.log10(k) <= maxVal]
            return [(1.0, major), (0.3, minor if len(major) < 4 else [])]

        def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
            if self.log:
                return [_number(round(10 ** v, 6)) for v in values]
            return [_number(v * scale, spacing * scale) for v in values]

    _AXIS.append(ChartAxis)
    return ChartAxis


def _number(value: float, spacing: float | None = None) -> str:
    if spacing is not None and spacing < 1:
        places = min(3, max(0, -math.floor(math.log10(spacing))))
        return f"{value:,.{places}f}"
    if abs(value) < 1 and value != 0:
        return f"{value:.2g}"
    return f"{value:,.0f}"


def _color(series: Series, index: int) -> str:
    return ROLE_COLORS.get(series.role) or PALETTE[index % len(PALETTE)]


def _draw(plot: Any, chart: Chart, drawn: list[_Drawn]) -> None:
    """Put the chart's series, axes, legend and reference lines on a PlotWidget."""
    import numpy as np

    pg = pyqtgraph()
    item = plot.getPlotItem()
    item.clear()
    drawn.clear()
    if item.legend is not None:  # addLegend makes a new legend each time: the old one goes
        old, item.legend = item.legend, None
        if old.scene() is not None:
            old.scene().removeItem(old)
    font = QFont()
    font.setPointSize(9)
    bottom, left = item.getAxis("bottom"), item.getAxis("left")
    for axis_item, axis in ((bottom, chart.x), (left, chart.y)):
        axis_item.setStyle(tickFont=font)
        axis_item.setLabel(axis.title, **{"font-size": "10pt"})
        axis_item.log = axis.kind == "log"
        axis_item.setTicks(None)
        # the categories of horizontal bars name themselves (a vertical title would crowd their labels)
        axis_item.showLabel(not (axis_item is left and axis.kind == "category"))
    if chart.x.kind == "category":
        # every k-th label as the major level (always written), the others as a level pyqtgraph writes when room
        metrics = QFontMetrics(font)
        widest = max((metrics.horizontalAdvance(c) for c in chart.x.categories), default=1) + 12
        room = max(plot.width() - 120, 200)
        step = max(1, math.ceil(widest * len(chart.x.categories) / room))
        ticks = list(enumerate(chart.x.categories))
        bottom.setTicks([ticks[::step], [t for n, t in enumerate(ticks) if n % step]])
    if chart.y.kind == "category":
        n = len(chart.y.categories)
        left.setTicks([[(n - 1 - i, label) for i, label in enumerate(chart.y.categories)]])
        widest = max((QFontMetrics(font).horizontalAdvance(c) for c in chart.y.categories), default=40)
        left.setWidth(min(widest + 16, 320))
    else:
        left.setWidth(None)
    legend = None
    if len(chart.series) > 1:  # one series: the title names it
        legend = item.addLegend(offset=(8, 8), labelTextSize="9pt", brush=pg.mkBrush(255, 255, 255, 215),
                                pen=pg.mkPen("#cccccc"))
        legend.setColumnCount(1 if len(chart.series) <= 6 else math.ceil(len(chart.series) / 8))
    bars = [s for s in chart.series if s.kind == "bar"]
    # many lines (30 salespeople): no point markers, which cost more to draw than the lines and hide them
    markers = sum(1 for s in chart.series if s.kind == "line") <= 10
    for index, s in enumerate(chart.series):
        color = _color(s, index)
        if s.kind == "scatter":
            drawn.append(_scatter(pg, item, chart, s, color))
            continue
        values = np.array([math.nan if v is None else _drawn_value(chart, v) for v in s.values], dtype=float)
        positions = np.arange(len(values), dtype=float)
        if s.kind == "line":
            pen = pg.mkPen(color, width=3 if s.role == "strong" else 2,
                           style=Qt.PenStyle.DashLine if s.dashed else Qt.PenStyle.SolidLine)
            item.plot(positions, values, pen=pen, symbol="o" if markers else None, symbolSize=6, symbolBrush=color,
                      symbolPen=color, name=s.name if legend is not None else None, connect="finite")
        elif s.kind == "bar":
            width = 0.7 / max(len(bars), 1)
            offset = (bars.index(s) - (len(bars) - 1) / 2) * width
            bar = pg.BarGraphItem(x=positions + offset, height=np.nan_to_num(values), width=width * 0.9,
                                  brush=QColor(color).lighter(115), pen=pg.mkPen(color))
            item.addItem(bar)
            if legend is not None:
                legend.addItem(bar, s.name)
        else:  # hbar: the first category at the top
            n = len(values)
            bar = pg.BarGraphItem(x0=0, y=(n - 1 - positions), width=np.nan_to_num(values), height=0.65,
                                  brush=QColor(color).lighter(115), pen=pg.mkPen(color))
            item.addItem(bar)
            if legend is not None:
                legend.addItem(bar, s.name)
        drawn.append(_Drawn(s, positions, values, np.zeros(len(values))))
    for line in chart.lines:
        axis = chart.x if line.axis == "x" else chart.y
        value = axis.drawn(line.value)
        if axis.kind == "log":
            value = math.log10(value) if value > 0 else 0.0
        item.addItem(pg.InfiniteLine(
            pos=value, angle=90 if line.axis == "x" else 0, pen=pg.mkPen("#555555", width=1, style=Qt.PenStyle.DashLine),
            # a vertical line's label left of it (the A-grade line is near the right edge: its label was cut off),
            # a horizontal one's above it at the left
            label=line.label, labelOpts={"position": 0.93 if line.axis == "x" else 0.04, "color": "#444444",
                                         "fill": (255, 255, 255, 200),
                                         "anchors": [(1, 0), (1, 0)] if line.axis == "x" else [(0, 0), (0, 0)]}))


def _drawn_value(chart: Chart, value: Decimal) -> float:
    axis = chart.y if chart.y.kind != "category" else chart.x
    return axis.drawn(value)


def _scatter(pg: Any, item: Any, chart: Chart, s: Series, color: str) -> _Drawn:
    import numpy as np

    xs = np.array([chart.x.drawn(v) for v in s.at], dtype=float)
    if chart.x.kind == "log":
        xs = np.log10(np.clip(xs, 1e-9, None))
    ys = np.array([chart.y.drawn(v) for v in s.values], dtype=float)
    sizes = np.array([float(v) for v in s.sizes], dtype=float) if s.sizes else np.zeros(len(xs))
    biggest = float(sizes.max()) if len(sizes) and sizes.max() > 0 else 1.0
    low, high = SIZE_PX
    # area ∝ value; whole pixels so that pyqtgraph renders each size once
    px = np.rint(low + (high - low) * np.sqrt(np.clip(sizes, 0, None) / biggest))
    brush = QColor(color)
    brush.setAlpha(150 if s.role == "muted" else 200)
    scatter = pg.ScatterPlotItem(x=xs, y=ys, size=px, brush=pg.mkBrush(brush), pen=pg.mkPen(QColor(color).darker(130)),
                                 name=s.name)
    item.addItem(scatter)  # with a name: the legend lists it
    return _Drawn(s, xs, ys, px / 2)


# --- headless ---------------------------------------------------------------------------------------------------


def application() -> Any:
    """The running QApplication, or a new offscreen one (the shipped Chinese font registered) for drawing headless."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import qInstallMessageHandler

        previous = None

        def quiet(kind: Any, context: Any, text: str) -> None:
            # the offscreen platform says so for every top-level widget: noise on a command's stderr
            if "propagateSizeHints" not in text and previous is not None:
                previous(kind, context, text)
            elif "propagateSizeHints" not in text:
                sys.stderr.write(text + "\n")

        previous = qInstallMessageHandler(quiet)
        app = QApplication([sys.argv[0] if sys.argv else "crm"])
        from ui.fonts import ensure_chinese_font

        ensure_chinese_font()
    return app


def render_png(chart: Chart, path: str | Path, size: tuple[int, int] = PNG_SIZE,
               before: Callable[[ChartView], None] | None = None) -> Path:
    """Draw a chart headless, exactly as the desktop draws it, and write it as a PNG of `size` pixels."""
    application()
    width, height = max(size[0], MIN_PNG[0]), max(size[1], MIN_PNG[1])
    view = ChartView(toolbar=False)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.resize(width, height)
    view.set_chart(chart)
    view.show()
    view.draw()
    if before is not None:
        before(view)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    try:
        return view.write_png(path)
    finally:
        view.close()
        view.deleteLater()
