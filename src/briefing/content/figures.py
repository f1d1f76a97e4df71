"""Check the figures of a source beyond their types: ``Source -> list[Problem]``.

Run on the plain data with positions, alongside the model's own checks, so
every problem is reported at its ``FILE:LINE:COL``: a chart kind that does not
exist, a series with more or fewer numbers than categories, a value that is not
a number, a highlight or total that names nothing, a picture without alt text,
and a picture file that is missing, outside the source's folder, too large, of
a format not shown or (an SVG) not a static drawing. Pictures are read here, so
``briefing check`` finds a bad one without building anything.
"""

from __future__ import annotations

import difflib
import math
from pathlib import Path
from typing import Any

from briefing.content.model import CHART_KINDS, MAX_SLICES
from briefing.content.source import FieldPath, Source
from briefing.errors import Problem


def figure_problems(source: Source) -> list[Problem]:
    """Every problem of every ``sections[].figures[]`` entry of ``source``."""
    problems: list[Problem] = []
    sections = source.data.get("sections")
    if not isinstance(sections, list):
        return problems
    for i, section in enumerate(sections):
        figures = section.get("figures") if isinstance(section, dict) else None
        if not isinstance(figures, list):
            continue
        for j, figure in enumerate(figures):
            if not isinstance(figure, dict):
                continue
            at: FieldPath = ("sections", i, "figures", j)
            if "image" in figure:
                problems += _image(source, at, figure)
            else:
                problems += _chart(source, at, figure)
    return problems


def _problem(source: Source, path: FieldPath, message: str, hint: str) -> Problem:
    return Problem.at(source, path, message, hint=hint)


def _unlisted(
    source: Source, at: FieldPath, given: list[Any], known: list[str], what: str, *, also: str = ""
) -> list[Problem]:
    """Each entry of the list ``given`` (the field ``at``) that is not one of ``known``, the
    chart's ``what`` (its categories, its series); ``also`` ends the hint."""
    return [
        _problem(
            source,
            (*at, n),
            f"{name!r} is not one of the {what}",
            f"name one of: {', '.join(known)[:200]}{also}",
        )
        for n, name in enumerate(given)
        if str(name) not in known
    ]


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# -- a chart's numbers are finite and within +-10^12 (chart_geometry.VALUE_LIMIT): every
#    output draws, sums and labels them the same --
LIMIT = 1e12


def _value_problem(value: float) -> str | None:
    if math.isnan(value):
        return "is not a number (.nan): a chart cannot draw it"
    if math.isinf(value):
        return "is infinite: a chart cannot draw it"
    if abs(value) > LIMIT:
        return f"{value:g} is beyond the charts' range of \u00b110^12"
    return None


def _axis_ends(
    source: Source, at: FieldPath, axis: dict[str, Any], lowest: str, highest: str
) -> list[Problem]:
    """The ends an author fixed for an axis (the fields ``lowest`` and ``highest`` of the
    mapping ``axis``, at ``at``): numbers a chart can draw, the highest above the lowest."""
    problems = []
    for field in (lowest, highest):
        bound = axis.get(field)
        if isinstance(bound, int | float) and (said := _value_problem(float(bound))) is not None:
            problems.append(
                _problem(source, (*at, field), said, "write a finite number within \u00b110^12")
            )
    low, high = axis.get(lowest), axis.get(highest)
    if isinstance(low, int | float) and isinstance(high, int | float) and low >= high:
        problems.append(
            _problem(
                source,
                (*at, highest),
                f"{highest} {high} is not above {lowest} {low}",
                "make the maximum larger than the minimum, or leave one out",
            )
        )
    return problems


def _chart(source: Source, at: FieldPath, chart: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    kind = chart.get("chart")
    if "chart" not in chart:
        problems.append(
            _problem(
                source,
                at,
                "a figure needs `chart: KIND` or `image: FILE`",
                f"add `chart:` ({', '.join(CHART_KINDS)}) or `image:` with a picture file",
            )
        )
    elif kind not in CHART_KINDS:
        guess = difflib.get_close_matches(str(kind), CHART_KINDS, n=1)
        problems.append(
            _problem(
                source,
                (*at, "chart"),
                f"unknown chart kind {kind!r}",
                f"did you mean '{guess[0]}'?" if guess else f"use one of: {', '.join(CHART_KINDS)}",
            )
        )
    categories = chart.get("categories")
    names = [str(c) for c in categories] if isinstance(categories, list) else []
    series = chart.get("series")
    series_names: list[str] = []
    for k, entry in enumerate(series if isinstance(series, list) else []):
        if not isinstance(entry, dict):
            continue
        series_names.append(str(entry.get("name", "")))
        values = entry.get("values")
        if not isinstance(values, list):
            continue
        where = (*at, "series", k, "values")
        for n, value in enumerate(values):
            if not _is_number(value):
                problems.append(
                    _problem(
                        source,
                        (*where, n),
                        f"{value!r} is not a number",
                        "write the number alone (1250.5, -3); put the unit in `unit:`",
                    )
                )
            elif (said := _value_problem(float(value))) is not None:
                problems.append(
                    _problem(
                        source,
                        (*where, n),
                        said,
                        "write a finite number within \u00b11,000,000,000,000; "
                        "give a large one in a larger unit (EUR bn, not EUR)",
                    )
                )
        if names and len(values) != len(names):
            problems.append(
                _problem(
                    source,
                    where,
                    f"has {len(values)} value{'s' * (len(values) != 1)} for "
                    f"{len(names)} categor{'ies' if len(names) != 1 else 'y'}",
                    "give one number per category, in the categories' order",
                )
            )
    highlight = chart.get("highlight")
    if highlight is not None and str(highlight) not in [*names, *series_names]:
        problems.append(
            _problem(
                source,
                (*at, "highlight"),
                f"{highlight!r} is neither a category nor a series",
                f"name one of: {', '.join([*names, *series_names])[:200]}",
            )
        )
    problems += _axis_ends(source, at, chart, "axis_min", "axis_max")
    chosen = chart.get("labels")
    if isinstance(chosen, list):
        also = "; or write all, none or auto"
        problems += _unlisted(source, (*at, "labels"), chosen, names, "categories", also=also)
    if chart.get("percent") is True:
        if kind not in ("stacked-bar", "stacked-column"):
            problems.append(
                _problem(
                    source,
                    (*at, "percent"),
                    f"`percent` draws stacks to 100 %: a {kind} has none",
                    "make the chart stacked-column or stacked-bar, or remove `percent`",
                )
            )
        for k, entry in enumerate(series if isinstance(series, list) else []):
            values = entry.get("values") if isinstance(entry, dict) else None
            for n, value in enumerate(values if isinstance(values, list) else []):
                if _is_number(value) and value < 0:
                    problems.append(
                        _problem(
                            source,
                            (*at, "series", k, "values", n),
                            f"{value} is below zero: a 100 % stack shows shares of a whole",
                            "give shares of zero or more, or draw the chart without `percent`",
                        )
                    )
        for field in ("cagr", "difference"):
            if isinstance(chart.get(field), dict):
                problems.append(
                    _problem(
                        source,
                        (*at, field),
                        f"a 100 % chart shows shares: `{field}` would measure them, not the values",
                        f"remove `{field}`, or draw the chart without `percent`",
                    )
                )
    problems += _annotations(source, at, chart, names, series_names)
    totals = chart.get("totals")
    if isinstance(totals, list) and totals:
        if kind != "waterfall":
            problems.append(
                _problem(
                    source,
                    (*at, "totals"),
                    "totals are for waterfall charts only",
                    "remove `totals:`, or make the chart `chart: waterfall`",
                )
            )
        problems += _unlisted(source, (*at, "totals"), totals, names, "categories")
    if kind in ("pie", "donut"):
        problems += _pie(source, at, chart, names)
    problems += _combo(source, at, chart, series_names)
    if kind == "waterfall" and isinstance(series, list) and len(series) != 1:
        problems.append(
            _problem(
                source,
                (*at, "series"),
                f"a waterfall shows one series of changes, not {len(series)}",
                "keep one series; show the others in a column chart",
            )
        )
    return problems


def _pie(source: Source, at: FieldPath, chart: dict[str, Any], names: list[str]) -> list[Problem]:
    """A pie or donut: one series, 2 to MAX_SLICES parts, each above zero; no axis options."""
    problems: list[Problem] = []
    kind = chart.get("chart")
    series = chart.get("series")
    if isinstance(series, list) and len(series) != 1:
        problems.append(
            _problem(
                source,
                (*at, "series"),
                f"a {kind} shows one series (the parts of one whole), not {len(series)}",
                "keep one series; compare several in a stacked-column chart with `percent: true`",
            )
        )
    if len(names) > MAX_SLICES or len(names) < 2:
        problems.append(
            _problem(
                source,
                (*at, "categories"),
                f"a {kind} of {len(names)} slice{'s' * (len(names) != 1)}: a reader compares "
                f"2 to {MAX_SLICES} angles, not more",
                "use a bar chart (lengths compare at any count), or group the small parts "
                "into one (Other)",
            )
        )
    if isinstance(series, list) and series and isinstance(series[0], dict):
        values = series[0].get("values")
        for n, value in enumerate(values if isinstance(values, list) else []):
            if _is_number(value) and value <= 0:
                problems.append(
                    _problem(
                        source,
                        (*at, "series", 0, "values", n),
                        f"{value} is not a part of a whole: a slice must be above zero",
                        "leave the part out, or show the values in a bar chart",
                    )
                )
    for field in ("axis_min", "axis_max", "tick_decimals", "totals", "percent", "value_line"):
        if chart.get(field) not in (None, [], False):
            problems.append(
                _problem(
                    source,
                    (*at, field),
                    f"a {kind} has no value axis: `{field}` does not apply",
                    f"remove `{field}`",
                )
            )
    return problems


def _combo(
    source: Source, at: FieldPath, chart: dict[str, Any], series_names: list[str]
) -> list[Problem]:
    """Lines over columns and a right-hand axis: on a column chart, naming its series, at
    least one series on each axis, the right axis's limits in order; arrows refused."""
    problems: list[Problem] = []
    kind = chart.get("chart")
    lines = chart.get("lines")
    lines = [str(n) for n in lines] if isinstance(lines, list) else []
    second = chart.get("secondary_axis")

    def say(path: FieldPath, message: str, hint: str) -> None:
        problems.append(_problem(source, path, message, hint))

    if lines and kind != "column":
        say(
            (*at, "lines"),
            f"`lines` draws series as lines over columns: a {kind} chart has no columns",
            "make the chart `chart: column`, or remove `lines`",
        )
    if isinstance(second, dict) and not lines:
        say(
            (*at, "secondary_axis"),
            "a secondary axis scales lines drawn over columns, and this chart has none",
            "name the series to draw as lines in `lines:` (and in `secondary_axis.series`), "
            "or remove `secondary_axis`",
        )
    if series_names:
        problems += _unlisted(source, (*at, "lines"), lines, series_names, "series")
    if lines and series_names and all(n in lines for n in series_names):
        say(
            (*at, "lines"),
            "every series is a line: a combo chart keeps at least one column",
            "leave one series out of `lines`, or make the chart `chart: line`",
        )
    if not lines:
        return problems
    if isinstance(second, dict):
        named = second.get("series")
        for n, name in enumerate(named if isinstance(named, list) else []):
            if str(name) not in lines:
                column = str(name) in series_names
                say(
                    (*at, "secondary_axis", "series", n),
                    f"{name!r} is a column: only lines go on the secondary axis"
                    if column
                    else f"{name!r} is not one of the lines",
                    "add it to `lines:` first (a column on a second axis would be drawn "
                    "over the others)"
                    if column
                    else f"name one of the lines: {', '.join(lines)[:200]}",
                )
        problems += _axis_ends(source, (*at, "secondary_axis"), second, "min", "max")
    if isinstance(second, dict) and isinstance(chart.get("value_line"), dict):
        say(
            (*at, "value_line"),
            "a value line's label is written past the plot's right end, where the "
            "secondary axis is",
            "remove `value_line`, or draw the lines on the left axis (no `secondary_axis`)",
        )
    for field in ("cagr", "difference"):
        if isinstance(chart.get(field), dict):
            say(
                (*at, field),
                f"`{field}` is not drawn on a combo chart: its two ends may sit on two "
                "axes of different units",
                f"remove `{field}`, or show it on a column or line chart of its own",
            )
    return problems


ARROW_KINDS = ("column", "stacked-column", "line", "waterfall")
LINE_KINDS = ("column", "stacked-column", "line", "waterfall")


def _annotations(
    source: Source,
    at: FieldPath,
    chart: dict[str, Any],
    names: list[str],
    series_names: list[str],
) -> list[Problem]:
    """A CAGR or difference arrow, or a value line, that names nothing or cannot be drawn."""
    problems: list[Problem] = []
    kind = chart.get("chart")
    found = chart.get("series")
    series: list[Any] = found if isinstance(found, list) else []
    totals = [str(t) for t in chart.get("totals") or []] if kind == "waterfall" else []

    def value_at(name: object, category: str) -> object:
        """The value an arrow measures at ``category``: a series' or a stack's total."""
        if category not in names:
            return None
        index = names.index(category)
        rows = [s.get("values") for s in series if isinstance(s, dict)]
        if name is None and kind == "stacked-column" and len(rows) > 1:
            column = [r[index] for r in rows if isinstance(r, list) and len(r) > index]
            return sum(column) if all(_is_number(v) for v in column) else None
        for entry in series:
            if not isinstance(entry, dict) or (
                name is not None and str(entry.get("name")) != str(name)
            ):
                continue
            values = entry.get("values")
            return values[index] if isinstance(values, list) and len(values) > index else None
        return None

    def say(path: FieldPath, message: str, hint: str) -> None:
        problems.append(_problem(source, path, message, hint))

    for field, kinds in (
        ("cagr", ARROW_KINDS),
        ("difference", ARROW_KINDS),
        ("value_line", LINE_KINDS),
    ):
        spec = chart.get(field)
        if not isinstance(spec, dict):
            continue
        where = (*at, field)
        if kind not in kinds:
            say(
                where,
                f"`{field}` is drawn on {', '.join(kinds)} charts, not on a {kind}",
                "make the chart one of those kinds, or remove it",
            )
            continue
        if field == "value_line":
            continue
        bad = False
        for key, known, what in (
            ("series", series_names, "series"),
            ("end_series", series_names, "series"),
            ("start", names, "categories"),
            ("end", names, "categories"),
        ):
            named = spec.get(key)
            if named is None:
                continue
            if str(named) not in known:
                say(
                    (*where, key),
                    f"{named!r} is not one of the {what}",
                    f"name one of: {', '.join(known)[:200]}",
                )
                bad = True
            elif what == "categories" and kind == "waterfall" and str(named) not in totals:
                say(
                    (*where, key),
                    f"{named!r} is a change: an arrow joins two levels",
                    f"name one of the totals: {', '.join(totals)[:200] or '(none)'}",
                )
                bad = True
        start, end = spec.get("start"), spec.get("end")
        if bad or start is None or end is None:
            continue  # -- the model reports a missing field --
        first = value_at(spec.get("series"), str(start))
        last_name = (
            spec.get("end_series", spec.get("series"))
            if field == "difference"
            else spec.get("series")
        )
        last = value_at(last_name, str(end))
        if field == "cagr":
            if names.index(str(end)) <= names.index(str(start)):
                say(
                    (*where, "end"),
                    "the CAGR's end comes before its start",
                    "name the earlier category in `start`, the later in `end`",
                )
            elif _is_number(first) and _is_number(last) and (first <= 0 or last <= 0):  # type: ignore[operator]
                say(
                    where,
                    f"a growth rate needs values above zero at both ends (here {first} and {last})",
                    "measure a series that is positive at both categories, or use `difference`",
                )
        elif spec.get("show") == "percent" and first == 0:
            say(
                (*where, "show"),
                "a difference in per cent of zero cannot be written",
                "use `show: absolute`, or compare with a value that is not zero",
            )
    return problems


def _image(source: Source, at: FieldPath, image: dict[str, Any]) -> list[Problem]:
    from briefing.content.images import ImageError, load_picture

    problems: list[Problem] = []
    if not image.get("alt") and image.get("decorative") is not True:
        problems.append(
            _problem(
                source,
                at,
                "the picture has no alt text",
                "add `alt:` saying what it shows, or `decorative: true` if it shows nothing "
                "a reader needs",
            )
        )
    if image.get("alt") and image.get("decorative") is True:
        problems.append(
            _problem(
                source,
                (*at, "decorative"),
                "a decorative picture has no alt text, and this one has one",
                "remove `decorative: true`, or remove the alt text",
            )
        )
    name = image.get("image")
    if not isinstance(name, str) or not name.strip():
        return problems  # -- the model reports the type --
    root = image_root(source)
    try:
        load_picture(root / name, root=root)
    except ImageError as err:
        problems.append(_problem(source, (*at, "image"), f"{name}: {err.message}", err.hint))
    return problems


def image_root(source: Source) -> Path:
    """The folder pictures are named relative to, and must lie in: the source's own."""
    return source.path.absolute().parent
