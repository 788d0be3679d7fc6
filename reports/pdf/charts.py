"""Charts drawn with ReportLab's own graphics, legible in print and in greyscale: grey levels far apart,
black outlines, values printed on the bars and slices, lines told apart by dash pattern and marker."""

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from reports.pdf import fonts

GREYS = (colors.Color(0.2, 0.2, 0.2), colors.Color(0.55, 0.55, 0.55), colors.Color(0.8, 0.8, 0.8), colors.white)
DASHES = (None, (4, 2), (1, 2), (6, 2, 1, 2))
MARKERS = ("FilledSquare", "FilledCircle", "FilledTriangle", "FilledDiamond")


def _legend(x: float, y: float, items: list[tuple[object, str]]) -> Legend:
    legend = Legend()
    legend.x, legend.y, legend.fontName, legend.fontSize = x, y, fonts.SANS, 7.5
    legend.alignment, legend.columnMaximum, legend.dx, legend.dy = "right", 1, 8, 8
    legend.deltax, legend.dxTextSpace = 75, 4
    legend.colorNamePairs = items
    legend.strokeColor = colors.black
    legend.strokeWidth = 0.4
    return legend


def _title(drawing: Drawing, text: str, width: float, height: float) -> None:
    drawing.add(String(width / 2, height - 10, text, fontName=fonts.SANS_BOLD, fontSize=9, textAnchor="middle"))


def bar_chart(
    *,
    title: str,
    categories: list[str],
    series: list[tuple[str, list[float | None]]],
    width: float,
    height: float = 170,
    value_max: float | None = 100,
    suffix: str = "",
) -> Drawing:
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 36, 42, width - 50, height - 70
    chart.data = [[v or 0 for v in values] for _label, values in series]
    chart.categoryAxis.categoryNames = categories
    for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
        axis.fontName, axis.fontSize = fonts.SANS, 7
    chart.valueAxis.valueMin = 0
    if value_max is not None:
        chart.valueAxis.valueMax, chart.valueAxis.valueStep = value_max, value_max / 5
    else:
        chart.valueAxis.valueMax = max([1, *(v or 0 for _l, values in series for v in values)]) * 1.15
    chart.barLabelFormat = "%.1f" + suffix if suffix else "%d"
    chart.barLabels.fontName, chart.barLabels.fontSize, chart.barLabels.nudge = fonts.SANS, 6, 6
    chart.groupSpacing, chart.barSpacing = 8, 1
    for index in range(len(series)):
        chart.bars[index].fillColor = GREYS[index % len(GREYS)]
        chart.bars[index].strokeColor, chart.bars[index].strokeWidth = colors.black, 0.4
    drawing.add(chart)
    _title(drawing, title, width, height)
    if len(series) > 1:
        drawing.add(_legend(40, 12, [(GREYS[i], label) for i, (label, _v) in enumerate(series)]))
    return drawing


def line_chart(
    *, title: str, categories: list[str], series: list[tuple[str, list[int]]], width: float, height: float = 170
) -> Drawing:
    drawing = Drawing(width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 36, 42, width - 50, height - 70
    chart.data = [values for _label, values in series]
    chart.categoryAxis.categoryNames = categories
    for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
        axis.fontName, axis.fontSize = fonts.SANS, 7
    top = max([1, *(v for _l, values in series for v in values)])
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top + max(1, top // 5)
    chart.valueAxis.valueStep = max(1, (top + 4) // 5)
    for index in range(len(series)):
        line = chart.lines[index]
        line.strokeColor, line.strokeWidth = colors.black, 1
        line.strokeDashArray = DASHES[index % len(DASHES)]
        line.symbol = makeMarker(MARKERS[index % len(MARKERS)], size=4)
        line.symbol.fillColor = GREYS[index % len(GREYS)]
        line.symbol.strokeColor = colors.black
    drawing.add(chart)
    _title(drawing, title, width, height)
    drawing.add(_legend(40, 12, [(GREYS[i], label) for i, (label, _v) in enumerate(series)]))
    return drawing


def pie_chart(*, title: str, items: list[tuple[str, int]], width: float, height: float = 170) -> Drawing:
    drawing = Drawing(width, height)
    shown = [(label, value) for label, value in items if value]
    _title(drawing, title, width, height)
    if not shown:
        drawing.add(String(width / 2, height / 2, "無資料", fontName=fonts.SANS, fontSize=9, textAnchor="middle"))
        return drawing
    pie = Pie()
    size = min(height - 50, width / 2)
    pie.x, pie.y, pie.width, pie.height = 70, 20, size, size
    pie.data = [value for _label, value in shown]
    pie.labels = [f"{label} {value}" for label, value in shown]  # named on the slice: no colour needed
    pie.slices.strokeColor, pie.slices.strokeWidth = colors.black, 0.5
    pie.slices.fontName, pie.slices.fontSize = fonts.SANS, 7
    pie.sideLabels = True
    fills = tuple(colors.Color(g, g, g) for g in (0.15, 0.85, 0.45, 1.0, 0.65, 0.3))
    for index in range(len(shown)):
        pie.slices[index].fillColor = fills[index % len(fills)]
    drawing.add(pie)
    legend = _legend(size + 150, height - 30, [(fills[i % len(fills)], label) for i, (label, _v) in enumerate(shown)])
    legend.alignment, legend.columnMaximum = "right", 8
    drawing.add(legend)
    return drawing
