"""Small bar charts as inline SVG, for pages without JavaScript.

Each chart is one ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that say what it shows
(the page puts the numbers behind it in a table too). Colours are given as presentation
attributes, never as ``style``, so the console's policy (``style-src 'self'``) holds, and they
have at least 3:1 contrast on white (WCAG 1.4.11). Every text is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

#: The series' colours: the console's brand, its red, a dark grey.
COLOURS = ("#0b5563", "#a4161a", "#5f6b76")
_WIDTH, _HEIGHT = 640, 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 52, 12, 34, 36
_INK, _MUTED, _GRID = "#1d2329", "#4f5b66", "#d5dbe1"


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def _head(chart_id: str, title: str, desc: str, height: int) -> list[str]:
    return [f'<svg class="chart" id="{escape(chart_id)}" role="img" '
            f'aria-labelledby="{escape(chart_id)}-t {escape(chart_id)}-d" '
            f'viewBox="0 0 {_WIDTH} {height}" xmlns="http://www.w3.org/2000/svg" '
            f'font-family="system-ui, sans-serif" font-size="12">',
            f'<title id="{escape(chart_id)}-t">{escape(title)}</title>',
            f'<desc id="{escape(chart_id)}-d">{escape(desc)}</desc>']


def bar_chart(chart_id: str, title: str, desc: str, labels: Sequence[str],
              series: Sequence[tuple[str, Sequence[float | None]]],
              maximum: float | None = None, unit: str = "") -> str:
    """Return a chart of grouped columns: one group per label, one column per series.

    Args:
        chart_id: The element's id (its title and description get ``-t`` and ``-d``).
        title: What the chart shows, in a few words.
        desc: The chart said in a sentence (e.g. its highest and lowest value).
        labels: The groups along the bottom (weeks).
        series: Each series' name and its values, one per label (None: no value).
        maximum: The top of the scale (default: the largest value, at least 1).
        unit: Put after the values of the scale and the tooltips (" %").

    """
    values = [v for _, vs in series for v in vs if v is not None]
    # Without a maximum, a scale of whole numbers: the largest value rounded up to fourths.
    top = maximum if maximum is not None else 4.0 * math.ceil(max([4.0, *values]) / 4)
    lines = _head(chart_id, title, desc, _HEIGHT)
    inner_w, inner_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM
    for step in range(5):  # the scale: 0, ¼, ½, ¾ and the top
        tick = top * step / 4
        y = _TOP + inner_h - inner_h * step / 4
        lines.append(f'<line x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="{_GRID if step else _MUTED}" stroke-width="1"/>')
        lines.append(f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
                     f'fill="{_MUTED}">{escape(_number(tick) + unit)}</text>')
    group_w = inner_w / max(1, len(labels))
    bar_w = max(2.0, min(28.0, group_w * 0.8 / max(1, len(series))))
    every = max(1, round(len(labels) / 13 + 0.49))  # at most about 13 labels fit
    for index, label in enumerate(labels):
        x0 = _LEFT + group_w * index + (group_w - bar_w * len(series)) / 2
        for number, (name, vs) in enumerate(series):
            value = vs[index] if index < len(vs) else None
            if value is None:
                continue
            height = inner_h * min(value, top) / top if top else 0
            x, y = x0 + bar_w * number, _TOP + inner_h - height
            lines.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" '
                         f'height="{height:.1f}" fill="{COLOURS[number % len(COLOURS)]}">'
                         f'<title>{escape(f"{label}, {name}: {_number(value)}{unit}")}</title>'
                         '</rect>')
        if index % every == 0:
            lines.append(f'<text x="{_LEFT + group_w * (index + .5):.1f}" '
                         f'y="{_HEIGHT - _BOTTOM + 16}" text-anchor="middle" '
                         f'fill="{_INK}">{escape(label)}</text>')
    lines += _legend([name for name, _ in series])
    lines.append("</svg>")
    return "\n".join(lines)


def _legend(names: Sequence[str]) -> list[str]:
    out, x = [], float(_LEFT)
    for number, name in enumerate(names):
        out.append(f'<rect x="{x:.1f}" y="8" width="12" height="12" '
                   f'fill="{COLOURS[number % len(COLOURS)]}"/>')
        out.append(f'<text x="{x + 17:.1f}" y="18" fill="{_INK}">{escape(name)}</text>')
        x += 30 + 7.2 * len(name)
    return out


def bar_list(chart_id: str, title: str, desc: str,
             rows: Sequence[tuple[str, float]]) -> str:
    """Return a chart of horizontal bars, one per row (label and value), largest first."""
    left, row_h = 210, 26
    height = _TOP - 20 + row_h * max(1, len(rows)) + 8
    top = max([1.0, *(value for _, value in rows)])
    lines = _head(chart_id, title, desc, height)
    width = _WIDTH - left - 60
    for index, (label, value) in enumerate(rows):
        y = 14 + row_h * index
        length = width * value / top
        lines.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" '
                     f'fill="{_INK}">{escape(label[:32])}</text>')
        lines.append(f'<rect x="{left}" y="{y + 3}" width="{length:.1f}" height="{row_h - 8}" '
                     f'fill="{COLOURS[0]}"/>')
        lines.append(f'<text x="{left + length + 6:.1f}" y="{y + 15}" '
                     f'fill="{_INK}">{escape(_number(value))}</text>')
    lines.append("</svg>")
    return "\n".join(lines)
