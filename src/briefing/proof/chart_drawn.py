"""Prove what a chart draws, not only its numbers: ``Chart + SVG | chart XML -> problems``.

The page's SVG (the same drawing the PDF typesets) gives every bar, segment and line
an id (matplotlib's ``gid``) and the plot's box one too; the value axis's limits are
the shared ones (:func:`briefing.content.chart_geometry.axis`), so each drawn
rectangle or point maps back to values. The deck's chart XML is read the way
PowerPoint draws it: each series' cached values, stacked (positives up from zero,
negatives down, in series order) when the grouping stacks, a series with no fill
not drawn; its axis limits are read too. Both must equal what the data says is
drawn (:func:`briefing.content.chart_geometry.segments`) to half a percent of the
axis. A stack summed the wrong way, a waterfall's bar in the wrong place, two
categories of the same name merged into one place: each is a problem here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

from briefing.content.chart_geometry import (
    Extent,
    axis,
    close,
    is_combo,
    is_line,
    is_pie,
    on_secondary,
    segments,
    series_axis,
    waterfall_extents,
)
from briefing.content.model import Chart

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"c": C, "a": A}
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


def _points(d: str) -> list[tuple[float, float]]:
    values = [float(v) for v in _NUMBER.findall(d)]
    return list(zip(values[0::2], values[1::2], strict=False))


def svg_elements(svg: Any) -> dict[str, list[tuple[float, float]]]:
    """The points of every path under an element with an id, by that id (lxml element)."""
    found: dict[str, list[tuple[float, float]]] = {}
    for group in svg.iter("{*}g", "g"):
        ident = group.get("id")
        if not ident:
            continue
        path = next(iter(group.iter("{*}path", "path")), None)
        if path is not None and path.get("d"):
            found[ident] = _points(path.get("d"))
    return found


def svg_problems(
    chart: Chart, ident: str, elements: dict[str, list[tuple[float, float]]]
) -> list[str]:
    """What the SVG with id ``ident`` draws that the data does not say."""
    if is_pie(chart):
        return _pie_problems(chart, ident, elements)
    plot = elements.get(f"{ident}-plot")
    if not plot:
        return ["the plot's box (its id) is not in the drawing"]
    xs, ys = [p[0] for p in plot], [p[1] for p in plot]
    horizontal = chart.chart in {"bar", "stacked-bar"}
    scale = axis(chart)
    span = scale.high - scale.low

    def value(point: tuple[float, float]) -> float:
        # -- mapped through the axis that scales the series (a combo's right-hand one) --
        low, high = scale.low, scale.high
        if horizontal:
            return low + (point[0] - min(xs)) / (max(xs) - min(xs)) * (high - low)
        return low + (max(ys) - point[1]) / (max(ys) - min(ys)) * (high - low)

    def place(point: tuple[float, float]) -> float:
        return point[1] if horizontal else point[0]

    problems: list[str] = []
    expected = segments(chart)
    for i, series in enumerate(chart.series):
        scale = series_axis(chart, i)
        span = scale.high - scale.low
        if is_line(chart, i):
            drawn = elements.get(f"{ident}-s{i}", [])
            if len(drawn) != len(chart.categories):
                problems.append(
                    f"{series.name}: {len(drawn)} points drawn for {len(chart.categories)} "
                    "categories"
                )
                continue
            along = [place(p) for p in drawn]
            if any(b <= a for a, b in itertools.pairwise(along)):
                problems.append(f"{series.name}: the points are not one per category, in order")
            for j, point in enumerate(drawn):
                if not close(value(point), series.values[j], span):
                    problems.append(
                        f"{series.name}, {chart.categories[j]}: drawn at {value(point):g}, "
                        f"the data says {series.values[j]:g}"
                    )
            continue
        centres: list[float] = []
        for j, (base, top) in enumerate(expected[i]):
            corners = elements.get(f"{ident}-s{i}-c{j}")
            if not corners:
                problems.append(f"{series.name}, {chart.categories[j]}: no bar drawn")
                continue
            ends = [value(p) for p in corners]
            centres.append(sum(place(p) for p in corners) / len(corners))
            if said := _misdrawn(f"{series.name}, {chart.categories[j]}", ends, (base, top), span):
                problems.append(said)
        if len(set(round(c, 3) for c in centres)) != len(centres):
            problems.append(f"{series.name}: two categories drawn in one place")
    return problems


def _misdrawn(label: str, ends: Sequence[float], extent: Extent, span: float) -> str | None:
    """What is wrong with a bar or segment drawn across ``ends`` where the data says
    ``extent``, to half a percent of the axis's ``span``; None when it is right."""
    low, high = min(extent), max(extent)
    if close(min(ends), low, span) and close(max(ends), high, span):
        return None
    return f"{label}: drawn from {min(ends):g} to {max(ends):g}, the data says {low:g} to {high:g}"


def _pie_problems(
    chart: Chart, ident: str, elements: dict[str, list[tuple[float, float]]]
) -> list[str]:
    """Each slice's angle as drawn (its outer arc, clockwise from 12 o'clock) against its
    share of the whole, to one degree."""
    import math

    wedges = [elements.get(f"{ident}-s0-c{j}") for j in range(len(chart.categories))]
    if not all(wedges):
        return ["a slice is not in the drawing"]
    every = [p for w in wedges for p in w or []]
    cx = (min(x for x, _ in every) + max(x for x, _ in every)) / 2
    cy = (min(y for _, y in every) + max(y for _, y in every)) / 2
    radius = max(math.hypot(x - cx, y - cy) for x, y in every)
    problems = []
    for j, ((start, end), points) in enumerate(zip(segments(chart)[0], wedges, strict=True)):
        # -- the outer arc's points (and its curves' control points, on the same angles) --
        outer = [p for p in points or [] if math.hypot(p[0] - cx, p[1] - cy) > 0.9 * radius]
        # -- clockwise from 12 o'clock in degrees (the SVG's y runs down), followed along
        #    the arc so that a slice past 180° is not folded back --
        turns = [math.degrees(math.atan2(x - cx, cy - y)) % 360 for x, y in outer]
        if not turns:
            problems.append(f"{chart.categories[j]}: no arc drawn")
            continue
        first = start * 3.6
        unwrapped = [(turns[0] - first + 180) % 360 - 180 + first]
        for before, after in itertools.pairwise(turns):
            unwrapped.append(unwrapped[-1] + (after - before + 180) % 360 - 180)
        # -- whole turns do not count: the arc may be walked from either end --
        turn = round((min(unwrapped) - first) / 360) * 360
        drawn = (min(unwrapped) - turn, max(unwrapped) - turn)
        if abs(drawn[0] - start * 3.6) > 1 or abs(drawn[1] - end * 3.6) > 1:
            problems.append(
                f"{chart.categories[j]}: drawn from {drawn[0]:.0f}° to {drawn[1]:.0f}°, "
                f"its share is {start * 3.6:.0f}° to {end * 3.6:.0f}°"
            )
    return problems


def deck_drawn(chart_xml: bytes) -> dict[str, Any]:
    """What PowerPoint draws from a chart part: the axis limits and, per drawn series,
    its extent per category, stacked as PowerPoint stacks."""
    from lxml import etree

    root = etree.fromstring(chart_xml)
    plot = root.find(".//c:plotArea", NS)
    kinds = (
        [el for el in plot if isinstance(el.tag, str) and el.tag.endswith("Chart")]
        if plot is not None
        else []
    )
    if not kinds:
        return {"series": [], "low": None, "high": None, "categories": []}
    found = _drawn_kind(root, kinds[0])
    # -- a combo's further plots (its lines): each series with the axis that scales it --
    found["placed"] = [row for kind in kinds for row in _drawn_kind(root, kind)["placed"]]
    return found


def _drawn_kind(root: Any, kind: Any) -> dict[str, Any]:
    """One chart type of a plot area as PowerPoint draws it, its series on its axes."""
    from lxml import etree

    grouping_el = kind.find("c:grouping", NS)
    grouping = grouping_el.get("val") if grouping_el is not None else "clustered"
    line = etree.QName(kind).localname == "lineChart"
    categories: list[str] = []
    rows: list[tuple[str, list[float], bool]] = []
    for ser in kind.iterfind("c:ser", NS):
        name = "".join(ser.xpath("./c:tx//c:v/text()", namespaces=NS))
        if not categories:
            categories = [str(v) for v in ser.xpath("./c:cat//c:pt/c:v/text()", namespaces=NS)]
        values = [float(v) for v in ser.xpath("./c:val//c:pt/c:v/text()", namespaces=NS)]
        hidden = bool(ser.xpath("./c:spPr/a:noFill", namespaces=NS)) and not line
        rows.append((name, values, hidden))
    stacked = grouping in {"stacked", "percentStacked"}
    share = grouping == "percentStacked"
    if share:
        # -- PowerPoint draws each stack to 100 %: a value is its share of the sum --
        sums = [
            sum(values[j] for _, values, _ in rows if j < len(values))
            for j in range(len(categories))
        ]
        rows = [
            (name, [100 * v / sums[j] if sums[j] else 0.0 for j, v in enumerate(values)], hidden)
            for name, values, hidden in rows
        ]
    up = [0.0] * len(categories)
    down = [0.0] * len(categories)
    drawn: list[tuple[str, list[Extent], bool]] = []
    for name, values, hidden in rows:
        extents: list[Extent] = []
        for j, v in enumerate(values):
            if line:
                extents.append((v, v))
            elif stacked and v >= 0:
                extents.append((up[j], up[j] + v))
                up[j] += v
            elif stacked:
                extents.append((down[j], down[j] + v))
                down[j] += v
            else:
                extents.append((0.0, v))
        drawn.append((name, extents, hidden))

    ids = set(kind.xpath("./c:axId/@val", namespaces=NS))
    # -- the value axis this chart type is drawn on: one of its two axis ids --
    value_axes = [v for v in root.iterfind(".//c:valAx", NS) if v.find("c:axId", NS) is not None]
    mine = next((v for v in value_axes if v.find("c:axId", NS).get("val") in ids), None)
    if mine is None and value_axes:
        mine = value_axes[0]

    def limit(tag: str) -> float | None:
        found = mine.xpath(f"./c:scaling/c:{tag}/@val", namespaces=NS) if mine is not None else []
        return float(found[0]) * (100 if share else 1) if found else None

    side = mine.xpath("./c:axPos/@val", namespaces=NS) if mine is not None else []
    angle = root.xpath(".//c:firstSliceAng/@val", namespaces=NS)
    where = {"low": limit("min"), "high": limit("max"), "side": side[0] if side else None}
    return {
        "series": drawn,
        "low": where["low"],
        "high": where["high"],
        "categories": categories,
        "first_angle": int(angle[0]) if angle else 0,
        "placed": [
            {"name": n, "extents": e, "hidden": h, "line": line, **where} for n, e, h in drawn
        ],
    }


def deck_problems(chart: Chart, drawn: dict[str, Any]) -> list[str]:
    """What the deck's chart draws that the data does not say."""
    scale = axis(chart)
    span = scale.high - scale.low
    problems: list[str] = []
    if len(drawn["categories"]) != len(chart.categories):
        problems.append(
            f"{len(drawn['categories'])} categories in the deck's chart for {len(chart.categories)}"
        )
        return problems
    if is_pie(chart):
        # -- PowerPoint's slices are the values' shares, from 12 o'clock, clockwise --
        values = [e[1] for e in drawn["series"][0][1]] if drawn["series"] else []
        whole = sum(values)
        shares = [100 * v / whole if whole else 0.0 for v in values]
        for j, (start, end) in enumerate(segments(chart)[0]):
            if j >= len(shares) or abs(shares[j] - (end - start)) > 0.3:
                problems.append(f"{chart.categories[j]}: not its share of the whole")
        if drawn.get("first_angle", 0) != 0:
            problems.append("the first slice does not start at 12 o'clock")
        return problems
    if drawn["low"] is None or not close(drawn["low"], scale.low, span):
        problems.append(f"the value axis starts at {drawn['low']}, not {scale.low:g}")
    if drawn["high"] is None or not close(drawn["high"], scale.high, span):
        problems.append(f"the value axis ends at {drawn['high']}, not {scale.high:g}")
    if is_combo(chart):
        return problems + _combo_problems(chart, drawn)
    visible = [(name, extents) for name, extents, hidden in drawn["series"] if not hidden]
    if chart.chart == "waterfall":
        for j, (base, top) in enumerate(waterfall_extents(chart)):
            parts = [e[j] for _, e in visible if abs(e[j][1] - e[j][0]) > 0]
            low = min([min(p) for p in parts], default=0.0)
            high = max([max(p) for p in parts], default=0.0)
            covered = sum(abs(p[1] - p[0]) for p in parts)
            if not (
                close(low, min(base, top), span)
                and close(high, max(base, top), span)
                and close(covered, high - low, span)
            ):
                problems.append(
                    f"{chart.categories[j]}: drawn from {low:g} to {high:g}, the data says "
                    f"{min(base, top):g} to {max(base, top):g}"
                )
        return problems
    for i, (series, expected) in enumerate(zip(chart.series, segments(chart), strict=True)):
        if i >= len(visible):
            problems.append(f"{series.name}: not drawn")
            continue
        for j, extent in enumerate(expected):
            got = visible[i][1][j]
            if said := _misdrawn(f"{series.name}, {chart.categories[j]}", got, extent, span):
                problems.append(said)
    return problems


def _combo_problems(chart: Chart, drawn: dict[str, Any]) -> list[str]:
    """A combo chart in the deck: each series drawn as a column or a line as the source
    says, on the axis that scales it (its side and limits), at its values."""
    placed = {row["name"]: row for row in drawn.get("placed", [])}
    problems: list[str] = []
    for i, (series, expected) in enumerate(zip(chart.series, segments(chart), strict=True)):
        row = placed.get(series.name)
        if row is None or row["hidden"]:
            problems.append(f"{series.name}: not drawn")
            continue
        want_line, secondary = is_line(chart, i), on_secondary(chart, i)
        if row["line"] != want_line:
            problems.append(
                f"{series.name}: drawn as {'a line' if row['line'] else 'columns'}, the "
                f"source says {'a line' if want_line else 'columns'}"
            )
        scale = series_axis(chart, i)
        span = scale.high - scale.low
        side = "r" if secondary else "l"
        if row["side"] != side or not (
            row["low"] is not None
            and row["high"] is not None
            and close(row["low"], scale.low, span)
            and close(row["high"], scale.high, span)
        ):
            problems.append(
                f"{series.name}: scaled by the {'right' if row['side'] == 'r' else 'left'} "
                f"axis ({row['low']} to {row['high']}), the source says the "
                f"{'right' if secondary else 'left'} one ({scale.low:g} to {scale.high:g})"
            )
        for j, extent in enumerate(expected):
            got = row["extents"][j] if j < len(row["extents"]) else (float("nan"),) * 2
            if said := _misdrawn(f"{series.name}, {chart.categories[j]}", got, extent, span):
                problems.append(said)
    return problems
