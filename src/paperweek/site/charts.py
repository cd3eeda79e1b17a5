"""The stats page's charts: SVG written at build time with ElementTree (no JavaScript).

ElementTree escapes every text and attribute, so tag names and labels from the
log are safe. Colours come from classes styled in ``assets/style.css`` (the
page's Content-Security-Policy forbids inline styles).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from paperweek.days import format_date
from paperweek.periods import nouns, period_end, period_start
from paperweek.render.headings import span_dates

SVG_NS = "http://www.w3.org/2000/svg"


@dataclass
class WeekCount:
    start: dt.date
    count: int


@dataclass
class Bar:
    label: str
    value: int


@dataclass
class Share:
    label: str
    part: int
    total: int


def _svg(chart_id: str, title: str, desc: str, width: int, height: int) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "class": "chart",
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "id": chart_id,
        },
    )
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = desc
    return svg


def _text(parent: ET.Element, x: float, y: float, text: str, cls: str, anchor: str = "start") -> None:
    ET.SubElement(parent, "text", {"x": _n(x), "y": _n(y), "class": cls, "text-anchor": anchor}).text = text


def _n(value: float) -> str:
    """Numbers in attributes: short and stable."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def _tostring(svg: ET.Element) -> str:
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)


def period_counts(starts_counts: Sequence[tuple[dt.date, int]], period: str = "week") -> list[WeekCount]:
    """Counts per period, oldest first; periods missing between logged ones count 0 when every
    start is one of the log's period starts (weeks: the same weekday as the first)."""
    if not starts_counts:
        return []
    ordered = sorted(starts_counts)
    first = ordered[0][0]
    if any(period_start(start, period, first.weekday()) != start for start, _ in ordered):
        return [WeekCount(start, count) for start, count in ordered]
    by_start: dict[dt.date, int] = {}
    for start, count in ordered:
        by_start[start] = by_start.get(start, 0) + count
    out = []
    day = first
    while day <= ordered[-1][0]:
        out.append(WeekCount(day, by_start.get(day, 0)))
        try:
            day = period_end(day, period) + dt.timedelta(days=1)
        except (OverflowError, ValueError):
            break  # the calendar's last period
    return out


def period_name(start: dt.date, period: str) -> str:
    """A period as the chart names it: a week by its first day, a day or a month as itself
    (``April 15, 2024``, ``April 2024``)."""
    if period == "week":
        return format_date(start)
    return span_dates(start, period_end(start, period))


def bar_name(start: dt.date, period: str) -> str:
    """A bar's tooltip: ``Week of April 15, 2024``, ``April 15, 2024``, ``April 2024``."""
    name = period_name(start, period)
    return f"Week of {name}" if period == "week" else name


def papers_per_period_chart(counts: list[WeekCount], period: str = "week") -> str:
    """A bar per period, oldest on the left; each bar has a tooltip title."""
    words = nouns(period)
    width, height = 720, 260
    left, right, top, bottom = 44, 12, 16, 36
    total = sum(c.count for c in counts)
    desc = (
        f"{total} papers over {len(counts)} {words.many}, "
        f"from {period_name(counts[0].start, period)} to {period_name(counts[-1].start, period)}."
        if counts
        else "No papers logged yet."
    )
    svg = _svg("chart-weeks", f"Papers per {words.one}", desc, width, height)
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((c.count for c in counts), default=0) or 1
    axis = ET.SubElement(svg, "g", {"class": "axis"})
    for tick in sorted({0, (peak + 1) // 2, peak}):
        y = top + plot_h - plot_h * tick / peak
        ET.SubElement(axis, "line", {"x1": _n(left), "x2": _n(width - right), "y1": _n(y), "y2": _n(y), "class": "grid"})
        _text(axis, left - 6, y + 4, str(tick), "tick", "end")
    if counts:
        step = plot_w / len(counts)
        bar_w = max(step * 0.8, 0.5)
        bars = ET.SubElement(svg, "g", {"class": "bars"})
        last_year = None
        last_label_x = -1000.0
        for i, c in enumerate(counts):
            x = left + i * step + (step - bar_w) / 2
            h = plot_h * c.count / peak
            rect = ET.SubElement(
                bars,
                "rect",
                {"x": _n(x), "y": _n(top + plot_h - h), "width": _n(bar_w), "height": _n(h), "class": "bar"},
            )
            noun = "paper" if c.count == 1 else "papers"
            ET.SubElement(rect, "title").text = f"{bar_name(c.start, period)}: {c.count} {noun}"
            year = c.start.year
            if year != last_year and left + i * step - last_label_x >= 34:
                _text(axis, left + i * step, height - bottom + 18, str(year), "tick")
                last_label_x = left + i * step
            last_year = year
    return _tostring(svg)


def _count(value: int, unit: str) -> str:
    return f"{value} {unit}" if value == 1 else f"{value} {unit}s"


def horizontal_bars_chart(chart_id: str, title: str, bars: list[Bar], unit: str = "paper") -> str:
    """Labelled horizontal bars, largest first (used for the top tags)."""
    row, label_w, width = 26, 230, 720
    height = max(row * len(bars), row) + 8
    desc = "; ".join(f"{b.label}: {_count(b.value, unit)}" for b in bars) if bars else "No tags yet."
    svg = _svg(chart_id, title, desc, width, height)
    peak = max((b.value for b in bars), default=0) or 1
    plot_w = width - label_w - 60
    for i, b in enumerate(bars):
        y = 4 + i * row
        label = b.label if len(b.label) <= 22 else b.label[:21] + "…"  # fits label_w at phone font size
        _text(svg, label_w - 8, y + 17, label, "label", "end")
        w = max(plot_w * b.value / peak, 1)
        rect = ET.SubElement(svg, "rect", {"x": _n(label_w), "y": _n(y + 3), "width": _n(w), "height": "18", "class": "bar"})
        ET.SubElement(rect, "title").text = f"{b.label}: {_count(b.value, unit)}"
        _text(svg, label_w + w + 6, y + 17, str(b.value), "value")
    if not bars:
        _text(svg, 8, 20, "No tags yet.", "label")
    return _tostring(svg)


def share_chart(chart_id: str, title: str, shares: list[Share]) -> str:
    """One 100% bar per row (e.g. per year): the part with code, the rest, and the percentage."""
    row, label_w, width = 30, 90, 720
    height = max(row * len(shares), row) + 8
    desc = "; ".join(f"{s.label}: {s.part} of {s.total} ({_pct(s)})" for s in shares) if shares else "No papers yet."
    svg = _svg(chart_id, title, desc, width, height)
    plot_w = width - label_w - 70
    for i, s in enumerate(shares):
        y = 4 + i * row
        _text(svg, label_w - 8, y + 19, s.label, "label", "end")
        part_w = plot_w * s.part / s.total if s.total else 0
        rest = ET.SubElement(
            svg, "rect", {"x": _n(label_w), "y": _n(y + 4), "width": _n(plot_w), "height": "20", "class": "bar-rest"}
        )
        ET.SubElement(rest, "title").text = f"{s.label}: {s.total - s.part} of {s.total} without code"
        part = ET.SubElement(
            svg, "rect", {"x": _n(label_w), "y": _n(y + 4), "width": _n(part_w), "height": "20", "class": "bar"}
        )
        ET.SubElement(part, "title").text = f"{s.label}: {s.part} of {s.total} with code"
        _text(svg, label_w + plot_w + 6, y + 19, _pct(s), "value")
    if not shares:
        _text(svg, 8, 20, "No papers yet.", "label")
    return _tostring(svg)


def _pct(share: Share) -> str:
    return f"{round(100 * share.part / share.total)}%" if share.total else "–"
