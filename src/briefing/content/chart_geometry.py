"""What a chart draws, computed once for every output: ``Chart -> segments, axis, labels``.

The page's SVG (matplotlib) and the deck's native chart (PowerPoint) must draw the
same thing, and ``verify`` must be able to prove they do. So the geometry is decided
here, in plain Python, and both drawers follow it:

- :func:`segments`: each series' drawn extent per category, ``(base, top)``. Stacks
  put positives above zero and negatives below it, each in series order, as
  PowerPoint stacks (matplotlib's running sum would hide a series of mixed signs).
  A waterfall's bars float from the level before to the level after.
- :func:`waterfall_series`: a waterfall as a stacked chart PowerPoint draws right
  even when the running level crosses zero: invisible bases split by sign, and a
  bar that crosses zero drawn as its part above and its part below.
- :func:`axis`: the value axis, its limits and ticks, the same in both outputs,
  with tick decimals from the tick step (not from the values' decimals).
- :func:`number`: a value as the language writes it (Babel: separators, a true
  minus, no ``-0``).

No charting library is imported here: the proof reads it without drawing anything.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from briefing.content.model import Chart

if TYPE_CHECKING:
    from babel import Locale

# -- a value beyond this is refused at validation: every output draws it the same and a
#    sum of forty of them is still exact enough for the axis (docs/figures.md) --
VALUE_LIMIT = 1e12


def language(chart: Chart) -> str:
    """The language the chart's numbers are written in (the briefing's)."""
    return getattr(chart, "_language", None) or "en"


@functools.cache
def _locale(tag: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_number(value: float, decimals: int, tag: str = "en", *, sign: bool = False) -> str:
    """``value`` with ``decimals`` places, grouped and marked as ``tag`` writes numbers;
    a true minus; a value that rounds to zero is ``0`` (never ``-0``); ``sign`` adds ``+``."""
    from babel.numbers import format_decimal

    # -- half away from zero, as Excel and PowerPoint round (not Python's half to even) --
    value = float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP))
    if value == 0:
        value = 0.0  # -- also turns -0.0 into 0.0 --
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(abs(value), format=pattern, locale=_locale(tag))
    if value < 0:
        return "\u2212" + text
    return ("+" + text) if sign and value > 0 else text


def format_percent(rate: float, decimals: int, tag: str = "en", *, sign: bool = False) -> str:
    """A rate (0.052) as a percentage in the language's own form ("5.2%", "5,2 %": its
    own spacing and sign), ``decimals`` places; a true minus, ``+`` when ``sign``."""
    from babel.numbers import parse_pattern

    locale = _locale(tag)
    value = float(
        Decimal(repr(float(rate))).quantize(Decimal(1).scaleb(-decimals - 2), ROUND_HALF_UP)
    )
    own = locale.percent_formats[None]
    pattern = parse_pattern(own.pattern)
    pattern.frac_prec = (decimals, decimals)
    text: str = pattern.apply(abs(value), locale)
    if value < 0:
        return "\u2212" + text
    return ("+" + text) if sign and value > 0 else text


def number(value: float, chart: Chart, *, sign: bool = False) -> str:
    """A value as the chart writes it: its decimals, in the briefing's language."""
    return format_number(value, chart.decimals, language(chart), sign=sign)


Extent = tuple[float, float]  # (base, top): where a bar starts and where it ends


# -- a combo chart: columns, with some series drawn as lines over them, those the
#    secondary axis names scaled by a second value axis on the right --


def is_combo(chart: Chart) -> bool:
    """A column chart some of whose series are drawn as lines."""
    return chart.chart == "column" and bool(chart.lines)


def is_line(chart: Chart, series: int) -> bool:
    """Whether series ``series`` is drawn as a line (a line chart's, or a combo's line)."""
    return chart.chart == "line" or (is_combo(chart) and chart.series[series].name in chart.lines)


def on_secondary(chart: Chart, series: int) -> bool:
    """Whether series ``series`` is scaled by the secondary (right-hand) axis."""
    spec = chart.secondary_axis
    return is_combo(chart) and spec is not None and chart.series[series].name in spec.series


def columns_of(chart: Chart) -> list[int]:
    """The series drawn as bars or columns, in order (a combo's lines left out)."""
    return [i for i in range(len(chart.series)) if not is_line(chart, i)]


def bar_offset(chart: Chart, series: int, width: float) -> float:
    """How far a clustered column sits from its category's centre (a line: none)."""
    if chart.chart not in {"column", "bar"} or is_line(chart, series):
        return 0.0
    bars = columns_of(chart)
    return (bars.index(series) - (len(bars) - 1) / 2) * width


def series_decimals(chart: Chart, series: int) -> int:
    """Decimal places of a series' values: the secondary axis's own, or the chart's."""
    spec = chart.secondary_axis
    if on_secondary(chart, series) and spec is not None and spec.decimals is not None:
        return spec.decimals
    return chart.decimals


def series_number(value: float, chart: Chart, series: int) -> str:
    """A value of series ``series`` as the chart writes it (its axis's decimals)."""
    return format_number(value, series_decimals(chart, series), language(chart))


def segments(chart: Chart) -> list[list[Extent]]:
    """Per series, per category: the drawn extent (a line's point is ``(v, v)``)."""
    values = [list(s.values) for s in chart.series]
    if is_pie(chart):
        # -- each slice's place around the whole, in per cent from 12 o'clock, clockwise --
        whole, start, slices = sum(values[0]), 0.0, []
        for v in values[0]:
            share = 100 * v / whole if whole else 0.0
            slices.append((start, start + share))
            start += share
        return [slices]
    if chart.chart == "waterfall":
        return [list(waterfall_extents(chart))]
    if chart.chart == "line":
        return [[(v, v) for v in row] for row in values]
    if not chart.chart.startswith("stacked"):
        return [
            [(v, v) if is_line(chart, i) else (0.0, v) for v in row] for i, row in enumerate(values)
        ]
    if chart.percent:
        # -- each stack to 100: a segment is its share of the category's sum --
        sums = [sum(row[j] for row in values) for j in range(len(chart.categories))]
        values = [
            [100 * v / sums[j] if sums[j] else 0.0 for j, v in enumerate(row)] for row in values
        ]
    up = [0.0] * len(chart.categories)
    down = [0.0] * len(chart.categories)
    out: list[list[Extent]] = []
    for row in values:
        drawn: list[Extent] = []
        for j, v in enumerate(row):
            if v >= 0:
                drawn.append((up[j], up[j] + v))
                up[j] += v
            else:
                drawn.append((down[j], down[j] + v))
                down[j] += v
        out.append(drawn)
    return out


def is_pie(chart: Chart) -> bool:
    """A pie or a donut: parts of one whole, no value axis."""
    return chart.chart in {"pie", "donut"}


def percent_stacked(chart: Chart) -> bool:
    """A stacked chart drawn to 100 % (its axis and labels are shares)."""
    return chart.percent and chart.chart.startswith("stacked")


def tick_text(value: float, scale: Axis, chart: Chart) -> str:
    """A tick's label: a number in the language, or a share on a 100 % chart."""
    if percent_stacked(chart):
        return format_percent(value / 100, scale.decimals, language(chart))
    return format_number(value, scale.decimals, language(chart))


def stack_totals(chart: Chart) -> list[float]:
    """Each category's total of a stacked chart (positives and negatives summed)."""
    return [sum(s.values[j] for s in chart.series) for j in range(len(chart.categories))]


def waterfall_extents(chart: Chart) -> list[Extent]:
    """A waterfall's bars: a total from zero to its level, a change from the level
    before to the level after (base below top when it goes down: ``(before, after)``)."""
    level = 0.0
    out: list[Extent] = []
    for category, value in zip(chart.categories, chart.series[0].values, strict=False):
        if category in chart.totals:
            level = value
            out.append((0.0, value))
        else:
            out.append((level, level + value))
            level += value
    return out


def waterfall_signs(chart: Chart) -> list[int]:
    """1 a rise, -1 a fall, 0 a total drawn from zero."""
    return [
        0 if c in chart.totals else (1 if v >= 0 else -1)
        for c, v in zip(chart.categories, chart.series[0].values, strict=False)
    ]


# -- the deck's waterfall: four stacked series PowerPoint draws as the bars above --
WATERFALL_BASES = (" ", "  ")  # invisible, named blank so the legend and labels say nothing


def waterfall_series(chart: Chart) -> list[tuple[str, tuple[float, ...]]]:
    """Base above zero, base below zero (both invisible), then the bar's part above zero
    and its part below: stacked by sign, each bar lands exactly on its extent."""
    base_up: list[float] = []
    base_down: list[float] = []
    bar_up: list[float] = []
    bar_down: list[float] = []
    for base, top in waterfall_extents(chart):
        lo, hi = min(base, top), max(base, top)
        if lo >= 0:
            parts = (lo, 0.0, hi - lo, 0.0)
        elif hi <= 0:
            parts = (0.0, hi, 0.0, lo - hi)
        else:
            parts = (0.0, 0.0, hi, lo)
        for column, part in zip((base_up, base_down, bar_up, bar_down), parts, strict=True):
            column.append(part + 0.0)
    name = chart.series[0].name
    return [
        (WATERFALL_BASES[0], tuple(base_up)),
        (WATERFALL_BASES[1], tuple(base_down)),
        (name, tuple(bar_up)),
        (f"{name} (below zero)", tuple(bar_down)),
    ]


def drawn_range(chart: Chart, *, secondary: bool = False) -> tuple[float, float]:
    """The lowest and highest point anything is drawn at on the primary (or the secondary)
    axis (bars from zero include it)."""
    ends = [
        e
        for i, row in enumerate(segments(chart))
        if on_secondary(chart, i) == secondary
        for extent in row
        for e in extent
    ]
    if chart.chart != "line":
        ends.append(0.0)  # -- a combo's right axis from zero too, as Excel's would --
    return min(ends), max(ends)


@dataclass(frozen=True)
class Axis:
    """The value axis both outputs draw: limits, tick step, decimals of the tick labels."""

    low: float
    high: float
    step: float
    decimals: int

    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [self.low + i * self.step for i in range(count + 1)]


def _nice(span: float) -> float:
    """A tick step of 1, 2, 2.5 or 5 times a power of ten giving about five intervals."""
    raw = span / 5
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power  # pragma: no cover -- the loop ends at 10 --


def _step_decimals(step: float) -> int:
    for places in range(0, 7):
        if abs(round(step, places) - step) < 1e-9 * max(1.0, step):
            return places
    return 6


def _scale(
    low: float, high: float, fixed_low: float | None, fixed_high: float | None
) -> tuple[float, float, float, float]:
    """Limits on ticks around ``low``..``high`` (or the author's own), the step, and the
    top the limits were set from (the author's maximum, else the data's)."""
    if fixed_low is not None:
        low = float(fixed_low)
    if fixed_high is not None:
        high = float(fixed_high)
    if high <= low:
        high = low + 1.0
    step = _nice(high - low)
    lo = low if fixed_low is not None else math.floor(low / step + 1e-9) * step
    hi = high if fixed_high is not None else math.ceil(high / step - 1e-9) * step
    return lo, hi, step, high


def secondary_axis(chart: Chart) -> Axis | None:
    """The right-hand axis of a combo chart's secondary lines (None: the chart has none):
    limits and ticks by the same rule as the value axis, from its own series alone and
    zero (the gridlines are the left axis's)."""
    spec = chart.secondary_axis
    if (
        not is_combo(chart)
        or spec is None
        or not any(on_secondary(chart, i) for i in range(len(chart.series)))
    ):
        return None
    low, high = drawn_range(chart, secondary=True)
    lo, hi, step, _ = _scale(low, high, spec.min, spec.max)
    decimals = spec.tick_decimals
    if decimals is None:
        decimals = _step_decimals(step)
    return Axis(lo + 0.0, hi + 0.0, step, int(decimals))


def series_axis(chart: Chart, series: int) -> Axis:
    """The axis that scales series ``series``: the secondary one, or the value axis."""
    second = secondary_axis(chart) if on_secondary(chart, series) else None
    return second if second is not None else axis(chart)


def axis(chart: Chart) -> Axis:
    """The value axis: limits on ticks around what is drawn (or the author's own), a step
    of 1, 2, 2.5 or 5 x 10^n, no stop beyond the data; tick decimals from the step."""
    if percent_stacked(chart) or is_pie(chart):
        return Axis(0.0, 100.0, 20.0, 0)
    low, high = drawn_range(chart)
    fixed_high = chart.axis_max
    lo, hi, step, high = _scale(low, high, chart.axis_min, fixed_high)
    if chart.value_line is not None:
        lo = min(lo, math.floor(chart.value_line.value / step + 1e-9) * step)
        hi = max(hi, math.ceil(chart.value_line.value / step - 1e-9) * step)
    above = chart.chart == "waterfall" or (
        chart.chart.startswith("stacked") and len(chart.series) > 1 and chart.stack_totals
    )
    if above and fixed_high is None and high > 0 and hi - high < 0.08 * (hi - lo):
        hi += step  # -- room for the totals written above the highest bar --
    if secondary_axis(chart) is not None and fixed_high is None:
        # -- room above the columns, where the right-hand axis's lines mostly run --
        while hi - max(high, 0.0) < 0.24 * (hi - lo):
            hi += step
    if (chart.cagr is not None or chart.difference is not None) and fixed_high is None:
        # -- room above the bars for an arrow and its label: about a fifth of the plot --
        while hi - max(high, 0.0) < 0.26 * (hi - lo):
            hi += step
    decimals = chart.tick_decimals
    if decimals is None:
        decimals = _step_decimals(step)
    return Axis(lo + 0.0, hi + 0.0, step, int(decimals))


@dataclass(frozen=True)
class ValueLabel:
    """One value label: which point, its words, the value it is anchored at, and where:
    ``outside`` beyond the bar's end, ``inside`` within it, ``center`` of a segment,
    ``above`` a stack or waterfall bar (series -1: a total), ``right`` of a line's point."""

    series: int
    index: int
    text: str
    at: float
    place: str


def chosen(chart: Chart, index: int) -> bool | None:
    """Whether the author asked for the label of category ``index`` (None: the default)."""
    wanted = chart.labels
    if wanted == "all":
        return True
    if wanted == "none":
        return False
    if isinstance(wanted, list):
        return chart.categories[index] in wanted
    return None


def _line_labels(chart: Chart, series: int) -> list[ValueLabel]:
    """A line's labels: its last and highlighted points by default, right of each point,
    in its axis's decimals."""
    n, out = len(chart.categories), []
    for j, value in enumerate(chart.series[series].values):
        want = chosen(chart, j)
        if want is None:
            want = j == n - 1 or chart.categories[j] == chart.highlight
        if want:
            out.append(ValueLabel(series, j, series_number(value, chart, series), value, "right"))
    return out


def value_labels(chart: Chart) -> list[ValueLabel]:
    """Every value label both outputs write, and where (the same rule for both)."""
    ax = axis(chart)
    span = ax.high - ax.low
    n, count = len(chart.categories), len(chart.series)
    out: list[ValueLabel] = []
    drawn = segments(chart)
    if is_pie(chart):
        # -- a slice's name and share beside it (a pie has no legend) --
        for j, (start, end) in enumerate(drawn[0]):
            if chosen(chart, j) is False:
                continue
            share = format_percent((end - start) / 100, chart.decimals, language(chart))
            out.append(
                ValueLabel(0, j, f"{chart.categories[j]} {share}", (start + end) / 2, "slice")
            )
        return out
    if chart.chart == "waterfall":
        signs = waterfall_signs(chart)
        for j, ((base, top), sign, value) in enumerate(
            zip(drawn[0], signs, chart.series[0].values, strict=False)
        ):
            if chosen(chart, j) is False:
                continue
            text = number(value, chart, sign=sign != 0)
            out.append(ValueLabel(-1, j, text, max(base, top, 0.0), "above"))
        return out
    if chart.chart == "line":
        return [label for i in range(count) for label in _line_labels(chart, i)]
    stacked = chart.chart.startswith("stacked")
    default = n * len(columns_of(chart)) <= 24
    for i, series in enumerate(chart.series):
        if is_line(chart, i):
            out += _line_labels(chart, i)  # -- a combo's line, labelled as a line chart's --
            continue
        for j, value in enumerate(series.values):
            want = chosen(chart, j)
            base, top = drawn[i][j]
            if stacked:
                # -- a segment too thin for its words is left bare (a zero has no segment) --
                thick = abs(top - base) >= 0.06 * span
                if want is False or value == 0 or (want is None and not (default and thick)):
                    continue
                words = (
                    format_percent((top - base) / 100, chart.decimals, language(chart))
                    if chart.percent
                    else number(value, chart)
                )
                out.append(ValueLabel(i, j, words, (base + top) / 2, "center"))
                continue
            if want is False or (want is None and not default):
                continue
            limit = ax.high if value >= 0 else ax.low
            place = "inside" if abs(limit - top) < 0.08 * span else "outside"
            if chart.label_position != "auto":
                place = chart.label_position
            out.append(ValueLabel(i, j, number(value, chart), top, place))
    if stacked and count > 1 and chart.stack_totals and not chart.percent:
        up = [max(b, t) for row in drawn for b, t in row]
        for j, total in enumerate(stack_totals(chart)):
            if chosen(chart, j) is False:
                continue
            top = max([0.0, *(up[i * n + j] for i in range(count))])
            out.append(ValueLabel(-1, j, number(total, chart), top, "above"))
    return out


def positions(chart: Chart) -> list[int]:
    """Each category's place along the axis: by position, so a repeated name is a
    second place, the same in both outputs."""
    return list(range(len(chart.categories)))


def close(a: float, b: float, span: float, share: float = 0.005) -> bool:
    """Two drawn values the same to ``share`` of the axis span (a drawing's precision)."""
    return abs(a - b) <= share * max(span, 1e-12)


def same_extents(a: Sequence[Extent], b: Sequence[Extent], span: float) -> bool:
    """Two lists of extents equal as drawn (each ordered low to high first)."""
    if len(a) != len(b):
        return False
    return all(
        close(min(x), min(y), span) and close(max(x), max(y), span)
        for x, y in zip(a, b, strict=True)
    )


# -- annotations: the arrows and the value line a board chart's message rests on --


@dataclass(frozen=True)
class Arrow:
    """An arrow between two anchors ``(category index, series index or -1 for a stack's
    total)``, their values, and the words printed on it."""

    kind: str  # "cagr" or "difference"
    start: tuple[int, int]
    end: tuple[int, int]
    start_value: float
    end_value: float
    text: str


def _series_index(chart: Chart, name: str | None) -> int:
    names = [s.name for s in chart.series]
    if name is not None:
        return names.index(name)
    return -1 if chart.chart.startswith("stacked") and len(names) > 1 else 0


def anchor_value(chart: Chart, category: int, series: int) -> float:
    """The value an arrow measures: a series' value or (-1) a stack's total."""
    if series < 0:
        return stack_totals(chart)[category]
    return chart.series[series].values[category]  # -- a waterfall's total is its level --


def anchor_top(chart: Chart, category: int, series: int) -> float:
    """Where an anchor's bar or point ends on the value axis (a stack: its top above zero)."""
    drawn = segments(chart)
    if series < 0:
        return max([0.0, *(max(row[category]) for row in drawn)])
    base, top = drawn[series][category]
    return top if chart.chart == "line" else max(base, top) if top >= 0 else min(base, top)


def periods(chart: Chart, start: int, end: int) -> int:
    """Years between two categories: the author's, the difference when both are years
    (2026, 2030), else the places between them."""
    if chart.cagr is not None and chart.cagr.years is not None:
        return chart.cagr.years
    a, b = chart.categories[start], chart.categories[end]
    if a.isdigit() and b.isdigit() and len(a) == len(b) == 4:
        return int(b) - int(a)
    return end - start


def cagr_rate(chart: Chart) -> float | None:
    """The compound annual growth rate of the chart's ``cagr`` (None: none asked for)."""
    spec = chart.cagr
    if spec is None:
        return None
    series = _series_index(chart, spec.series)
    start, end = chart.categories.index(spec.start), chart.categories.index(spec.end)
    first, last = anchor_value(chart, start, series), anchor_value(chart, end, series)
    return float((last / first) ** (1 / periods(chart, start, end)) - 1)


def arrows(chart: Chart) -> list[Arrow]:
    """The chart's CAGR and difference arrows, their words in the briefing's language."""
    tag = language(chart)
    out: list[Arrow] = []
    if chart.cagr is not None:
        series = _series_index(chart, chart.cagr.series)
        start = chart.categories.index(chart.cagr.start)
        end = chart.categories.index(chart.cagr.end)
        rate = cagr_rate(chart) or 0.0
        text = "CAGR " + format_percent(rate, 1, tag, sign=True)
        out.append(
            Arrow(
                "cagr",
                (start, series),
                (end, series),
                anchor_value(chart, start, series),
                anchor_value(chart, end, series),
                text,
            )
        )
    spec = chart.difference
    if spec is not None:
        first_series = _series_index(chart, spec.series)
        last_series = (
            first_series if spec.end_series is None else _series_index(chart, spec.end_series)
        )
        a = (chart.categories.index(spec.start), first_series)
        b = (chart.categories.index(spec.end), last_series)
        first, last = anchor_value(chart, *a), anchor_value(chart, *b)
        if spec.show == "percent":
            text = format_percent(last / first - 1, 1, tag, sign=True)
        else:
            text = number(last - first, chart, sign=True)
        out.append(Arrow("difference", a, b, first, last, text))
    return out


def annotation_texts(chart: Chart) -> list[str]:
    """Every word an annotation prints (checked in every output like any number)."""
    texts = [a.text for a in arrows(chart)]
    if chart.value_line is not None:
        texts.append(value_line_text(chart))
    return texts


def value_line_text(chart: Chart) -> str:
    """The value line's label: its words and its value."""
    spec = chart.value_line
    assert spec is not None
    return f"{spec.label} {number(spec.value, chart)}"


def cagr_ends(chart: Chart, arrow: Arrow) -> tuple[float, float]:
    """The values the CAGR arrow's two ends are drawn at: a tenth of the axis above the
    two bars' tops, raised as a whole until it passes over every bar (and its label)
    between them."""
    scale = axis(chart)
    lift = 0.14 * (scale.high - scale.low)
    (i, si), (j, sj) = arrow.start, arrow.end
    ya = max(anchor_top(chart, i, si), 0.0) + lift
    yb = max(anchor_top(chart, j, sj), 0.0) + lift
    raise_by = 0.0
    for k in range(i + 1, j):
        top = max([0.0, *(max(row[k]) for row in segments(chart))]) + lift
        under = ya + (yb - ya) * (k - i) / (j - i)
        raise_by = max(raise_by, top - under)
    return ya + raise_by, yb + raise_by
