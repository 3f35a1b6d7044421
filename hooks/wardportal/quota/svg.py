"""Small bar charts as inline SVG: readable without JavaScript, printable, no external file.

Each bar carries its number as text and a <title>, and the target is a dashed mark, so the
chart does not rely on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Bar:
    label: str  # short, under the bar (e.g. `T3`)
    title: str  # full, for the tooltip and screen readers (e.g. `Tháng 3/2026: 4/6 – Chưa đạt`)
    value: int
    target: int | None
    status: str  # met, exceeded, behind, no_target (a CSS class)


BAR_WIDTH = 28
GAP = 10
HEIGHT = 120
TOP = 16
BOTTOM = 20


def bar_chart(bars: list[Bar], caption: str) -> str:
    """An <svg> element; its height scales to the largest value or target."""
    peak = max([1] + [bar.value for bar in bars] + [bar.target or 0 for bar in bars])
    width = GAP + len(bars) * (BAR_WIDTH + GAP)
    scale = (HEIGHT - TOP - BOTTOM) / peak
    base = HEIGHT - BOTTOM
    parts = [f'<svg class="ward-chart" role="img" aria-label="{escape(caption)}" '
             f'viewBox="0 0 {width} {HEIGHT}" width="{width}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(caption)}</title>",
             f'<line class="ward-chart__axis" x1="0" y1="{base}" x2="{width}" y2="{base}"/>']
    for position, bar in enumerate(bars):
        x = GAP + position * (BAR_WIDTH + GAP)
        height = round(bar.value * scale, 1)
        parts.append(f'<g class="ward-chart__bar ward-status--{bar.status}"><title>{escape(bar.title)}</title>'
                     f'<rect x="{x}" y="{base - height}" width="{BAR_WIDTH}" height="{height}"/>'
                     f'<text x="{x + BAR_WIDTH / 2}" y="{base - height - 3}" text-anchor="middle">{bar.value}</text>')
        if bar.target:
            y = round(base - bar.target * scale, 1)
            parts.append(f'<line class="ward-chart__target" x1="{x - 3}" y1="{y}" x2="{x + BAR_WIDTH + 3}" y2="{y}"/>')
        parts.append(f'<text class="ward-chart__label" x="{x + BAR_WIDTH / 2}" y="{HEIGHT - 5}" '
                     f'text-anchor="middle">{escape(bar.label)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
