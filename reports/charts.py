"""Server-side charts as inline SVG (no JavaScript, no CDN): pure functions from figures to markup.

Every bar carries its value as text and a <title> (screen readers, tooltips); series differ by shade and
by hatching, so the charts stay legible in greyscale print.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Series colours (dark → light) and hatch patterns: legible on screen, in greyscale and for colour blindness.
SERIES = ("#1f4e79", "#4f86c6", "#f0a500", "#b3261e")
PATTERNS = ("", "hatch-diagonal", "hatch-dots", "hatch-cross")
BAR_HEIGHT, GAP, LABEL_WIDTH, WIDTH = 22, 8, 150, 640


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # what is printed beside the bar ("66.7%", "12")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


def _defs() -> str:
    return (
        "<defs>"
        '<pattern id="hatch-diagonal" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#4f86c6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/>'
        "</pattern>"
        '<pattern id="hatch-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<rect width="5" height="5" fill="#f0a500"/><circle cx="2.5" cy="2.5" r="1.2" fill="#fff"/></pattern>'
        '<pattern id="hatch-cross" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#b3261e"/><path d="M0 0L6 6M6 0L0 6" stroke="#fff" stroke-width="1"/>'
        "</pattern></defs>"
    )


def _fill(index: int) -> str:
    pattern = PATTERNS[index % len(PATTERNS)]
    return f"url(#{pattern})" if pattern else SERIES[index % len(SERIES)]


def _svg(*, width: int, height: int, title: str, body: str) -> SafeString:
    return mark_safe(  # noqa: S308 — every text below passed through escape()
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{_defs()}{body}</svg>"
    )


def horizontal_bars(*, title: str, bars: list[Bar], maximum: float | None = None) -> SafeString:
    """One bar per row, value printed at its end (e.g. compliance rate per level, clocks on time)."""
    top = maximum if maximum is not None else max([bar.value for bar in bars] + [1])
    plot = WIDTH - LABEL_WIDTH - 70
    parts = []
    for index, bar in enumerate(bars):
        y = index * (BAR_HEIGHT + GAP)
        length = 0 if not top else plot * float(bar.value) / float(top)
        parts.append(
            f"<g><title>{escape(bar.label)}: {escape(bar.text)}</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" class="label">{escape(bar.label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{plot}" height="{BAR_HEIGHT}" fill="#eef2f6"/>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{SERIES[0]}"/>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 15}" class="value">{escape(bar.text)}</text></g>'
        )
    height = max(len(bars), 1) * (BAR_HEIGHT + GAP)
    return _svg(width=WIDTH, height=height, title=title, body="".join(parts))


def stacked_columns(*, title: str, categories: list[str], series: list[Series]) -> SafeString:
    """Columns per category, one stacked segment per series, with a legend (e.g. incidents by month and level)."""
    height, bottom, left = 240, 200, 40
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    top = max(totals + [1])
    step = (WIDTH - left - 10) / max(len(categories), 1)
    parts = [_axis(left=left, bottom=bottom, top=top)]
    for i, category in enumerate(categories):
        x, y = left + i * step + step * 0.15, float(bottom)
        for index, serie in enumerate(series):
            value = serie.values[i]
            if value:
                h = (bottom - 20) * value / top
                y -= h
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" fill="{_fill(index)}" '
                    f'stroke="#fff" stroke-width="0.5"><title>{escape(category)} {escape(serie.name)}: '
                    f"{value:g}</title></rect>"
                )
        parts.append(
            f'<text x="{x + step * 0.35:.1f}" y="{bottom + 16}" text-anchor="middle" class="label">{escape(category)}</text>'
        )
        if totals[i]:
            parts.append(
                f'<text x="{x + step * 0.35:.1f}" y="{y - 4:.1f}" text-anchor="middle" class="value">{totals[i]:g}</text>'
            )
    parts.append(_legend([s.name for s in series], y=height - 12, left=left))
    return _svg(width=WIDTH, height=height, title=title, body="".join(parts))


def _axis(*, left: int, bottom: int, top: float) -> str:
    return (
        f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - 10}" y2="{bottom}" stroke="#888"/>'
        f'<text x="{left - 6}" y="24" text-anchor="end" class="label">{top:g}</text>'
        f'<text x="{left - 6}" y="{bottom}" text-anchor="end" class="label">0</text>'
    )


def _legend(names: list[str], *, y: int, left: int) -> str:
    parts = []
    for index, name in enumerate(names):
        x = left + index * 130
        parts.append(
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{_fill(index)}"/>'
            f'<text x="{x + 18}" y="{y}" class="label">{escape(name)}</text>'
        )
    return "".join(parts)


def grouped_bars(*, title: str, categories: list[str], series: list[Series]) -> SafeString:
    """One labelled group per category with a bar per series (e.g. open clocks: running vs overdue)."""
    top = max([value for serie in series for value in serie.values] + [1])
    plot, bar, parts = WIDTH - LABEL_WIDTH - 70, BAR_HEIGHT - 8, []
    group_height = len(series) * (bar + 2) + GAP
    for i, category in enumerate(categories):
        y0 = i * group_height
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y0 + bar + 2}" text-anchor="end" class="label">{escape(category)}</text>'
        )
        for index, serie in enumerate(series):
            value, y = serie.values[i], y0 + index * (bar + 2)
            length = plot * value / top
            parts.append(
                f"<g><title>{escape(category)} {escape(serie.name)}: {value:g}</title>"
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{bar}" fill="{_fill(index)}"/>'
                f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + bar - 3}" class="value">{value:g}</text></g>'
            )
    legend_y = len(categories) * group_height + 14
    parts.append(_legend([serie.name for serie in series], y=legend_y, left=LABEL_WIDTH))
    return _svg(width=WIDTH, height=legend_y + 6, title=title, body="".join(parts))


def rate_text(rate: Decimal | None) -> str:
    return "—" if rate is None else f"{rate}%"
