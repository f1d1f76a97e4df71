"""Draw a chart for the web page and the PDF: ``Chart -> str (SVG)``, with matplotlib.

The SVG keeps its words as text (``svg.fonttype: none``): axis labels and
values are real, selectable, searchable text in the PDF and on the page, set
in the theme's heading font at the document's small size, in the theme's
palette. The drawing carries its alt text as ``<title>`` (which WeasyPrint
writes as the PDF Figure's /Alt) and is the same bytes on every build
(fixed hash salt, no date). matplotlib is imported only when a chart is drawn:
a briefing without charts never loads it (docs/figures.md has the choice and
its cost). The numbers shown (:func:`plotted`) and the alt text
(:func:`describe`) are shared with the deck, so every output shows the same.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.cache import read_from_user_cache, store_in_user_cache, user_cache
from briefing.content.chart_geometry import (
    Axis,
    anchor_top,
    arrows,
    axis,
    bar_offset,
    cagr_ends,
    columns_of,
    format_number,
    is_combo,
    is_line,
    is_pie,
    language,
    number,
    on_secondary,
    positions,
    secondary_axis,
    segments,
    series_number,
    tick_text,
    value_labels,
    value_line_text,
    waterfall_extents,
    waterfall_signs,
)
from briefing.content.model import Chart
from briefing.look.theme import Theme

__all__ = ["chart_svg", "colours", "describe", "number", "point_colours", "waterfall"]

WIDTH_IN = 6.4  # about the text width of an A4 page at the theme's margins
HEIGHT_IN = 3.2
KIND_NAMES = {
    "bar": "Bar chart",
    "column": "Column chart",
    "line": "Line chart",
    "stacked-bar": "Stacked bar chart",
    "stacked-column": "Stacked column chart",
    "waterfall": "Waterfall chart",
    "pie": "Pie chart",
    "donut": "Donut chart",
}


def describe(chart: Chart) -> str:
    """The chart's alt text: the author's, or one written from its data, its numbers in
    the briefing's language."""
    if chart.alt:
        return chart.alt
    unit = f" ({chart.unit})" if chart.unit else ""
    names = ", ".join(s.name for s in chart.series)
    span = (
        chart.categories[0]
        if len(chart.categories) == 1
        else f"{chart.categories[0]} to {chart.categories[-1]}"
    )
    kind = KIND_NAMES[chart.chart]
    if chart.percent and chart.chart.startswith("stacked"):
        kind = "100 % " + kind[0].lower() + kind[1:] + ", each category's shares"
    parts = [f"{kind} of {names}{unit}, {span}."]
    if is_combo(chart):
        parts = [combo_sentence(chart, span)]
    for i, series in enumerate(chart.series):
        pairs = "; ".join(
            f"{c}: {series_number(v, chart, i)}"
            for c, v in zip(chart.categories, series.values, strict=False)
        )
        parts.append(f"{series.name}: {pairs}.")
    parts += annotation_sentences(chart)
    return " ".join(parts)


def combo_sentence(chart: Chart, span: str) -> str:
    """A combo chart's first sentence: its columns, its lines, and each axis's unit and
    range (the numbers in the briefing's language)."""
    tag = language(chart)

    def names(indices: list[int]) -> str:
        return ", ".join(chart.series[i].name for i in indices)

    def scale(ax: Axis, unit: str | None) -> str:
        low, high = (format_number(v, ax.decimals, tag) for v in (ax.low, ax.high))
        return f"{unit + ', ' if unit else ''}{low} to {high}"

    count = len(chart.series)
    lines = [i for i in range(count) if is_line(chart, i)]
    left = [i for i in lines if not on_secondary(chart, i)]
    right = [i for i in lines if on_secondary(chart, i)]
    said = f"Column chart of {names(columns_of(chart))} with "
    if left:
        said += f"{names(left)} as a line{'s' * (len(left) > 1)}"
    second, spec = secondary_axis(chart), chart.secondary_axis
    if right and second is not None and spec is not None:
        said += " and " if left else ""
        said += f"{names(right)} as a line{'s' * (len(right) > 1)} on the right axis"
        said += f", {span}. Left axis: {scale(axis(chart), chart.unit)}; right axis: "
        return said + f"{scale(second, spec.unit)}."
    return said + f", {span}. Axis: {scale(axis(chart), chart.unit)}."


def annotation_sentences(chart: Chart) -> list[str]:
    """The alt text's words for the chart's arrows and value line: what each prints."""
    said = []
    for arrow in arrows(chart):
        (i, si), (j, sj) = arrow.start, arrow.end
        if arrow.kind == "cagr":
            said.append(f"{arrow.text}, {chart.categories[i]} to {chart.categories[j]}.")
        elif i == j:
            a, b = chart.series[si].name, chart.series[sj].name
            said.append(f"Difference, {chart.categories[i]}, {a} to {b}: {arrow.text}.")
        else:
            said.append(
                f"Difference, {chart.categories[i]} to {chart.categories[j]}: {arrow.text}."
            )
    if chart.value_line is not None:
        said.append(f"Line at {value_line_text(chart)}.")
    return said


@dataclass(frozen=True)
class Waterfall:
    """A waterfall as floating bars: where each starts, how tall it is, which way it goes."""

    bottoms: tuple[float, ...]
    heights: tuple[float, ...]  # always >= 0
    signs: tuple[int, ...]  # 1 up, -1 down, 0 a total drawn from zero


def waterfall(chart: Chart) -> Waterfall:
    """The floating bars of a waterfall chart's one series of changes and totals."""
    extents = waterfall_extents(chart)
    return Waterfall(
        tuple(min(b, t) for b, t in extents),
        tuple(abs(t - b) for b, t in extents),
        tuple(waterfall_signs(chart)),
    )


def colours(chart: Chart, theme: Theme) -> list[str]:
    """One colour per series: the palette, or the accent for the highlight, rule for the rest."""
    palette = theme.colors.series
    names = [s.name for s in chart.series]
    if chart.highlight in names:
        muted = theme.colors.muted if chart.chart == "line" else theme.colors.rule
        return [theme.colors.accent if n == chart.highlight else muted for n in names]
    if is_combo(chart):
        # -- a combo's lines take the palette from its far end, apart from the columns --
        bars = columns_of(chart)
        lines = [i for i in range(len(names)) if i not in bars]
        out = [""] * len(names)
        for k, i in enumerate(bars):
            out[i] = palette[k % len(palette)]
        for k, i in enumerate(lines):
            out[i] = palette[-1 - k % len(palette)]
        return out
    return [palette[i % len(palette)] for i in range(len(names))]


def point_colours(chart: Chart, theme: Theme, series: int) -> list[str] | None:
    """Per-category colours where a category is highlighted (or a waterfall), else None."""
    c = theme.colors
    if chart.chart == "waterfall" and chart.highlight not in chart.categories:
        shape = waterfall(chart)
        return [
            c.ink if sign == 0 else (c.accent if sign > 0 else c.classification)
            for sign in shape.signs
        ]
    if chart.highlight in chart.categories:
        base = colours(chart, theme)[series]
        return [base if cat == chart.highlight else c.rule for cat in chart.categories]
    return None


def label_colour(fill: str, theme: Theme) -> str:
    """Ink on a light fill, paper on a dark one: a value label inside a bar stays legible."""
    red, green, blue = (int(fill.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    light = 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.55
    return theme.colors.ink if light else theme.colors.paper


@functools.cache
def _matplotlib(font_family: str) -> Any:
    """matplotlib, set up once per process: SVG text as text, the document fonts known."""
    import matplotlib

    matplotlib.use("svg")
    _import_figure()
    from matplotlib import font_manager

    from briefing.look.fonts import face_files

    # -- only the chart font's own faces: each file registered costs a parse --
    for path in face_files(font_family):
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",  # -- words stay text, set in the page's own font --
            "text.parse_math": False,  # -- a label with $...$ is text, not a formula --
            "text.usetex": False,
            "font.family": [font_family, "DejaVu Sans"],
            "axes.unicode_minus": True,
            "svg.image_inline": True,
        }
    )
    return matplotlib


def _import_figure() -> None:
    """Import matplotlib's figure and SVG backend without the property tables of its docs.

    As each Artist class is defined, matplotlib writes a table of all its properties into
    the docstring of its ``set`` method: about a fifth of the import's CPU time, for text
    no build reads. The table is left empty while the classes are defined, then the real
    function is put back. Docstrings only: what is drawn is unchanged (the example's
    outputs hash the same), and without ``kwdoc`` the import simply runs as it is.
    """
    import matplotlib.artist

    kwdoc = getattr(matplotlib.artist, "kwdoc", None)
    if kwdoc is not None:
        matplotlib.artist.kwdoc = lambda artist: ""
    try:
        import matplotlib.backends.backend_svg
        import matplotlib.figure
    finally:
        if kwdoc is not None:
            matplotlib.artist.kwdoc = kwdoc


def chart_svg(chart: Chart, *, theme: Theme, ident: str) -> str:
    """The chart as an inline ``<svg>`` element for the page, its alt text as its title.

    Cached by a hash of everything the drawing is made from (the chart's data and
    options, its language, the theme, the id, the drawing code and matplotlib's
    version): in this process, and as a file under the cache folder
    (``$XDG_CACHE_HOME/briefing/charts`` or ``BRIEFING_CACHE_DIR``), so a rebuild whose
    charts did not change draws none and does not import matplotlib. A cache file that
    cannot be read or written costs a drawing, never a wrong one: it is named by its key
    and checked to be an SVG of this id.
    """
    key = _key(chart, theme, ident)
    if key in _DRAWN:
        return _DRAWN[key]
    folder = user_cache("charts")
    cached = folder / f"{key}.svg"
    kept = read_from_user_cache(cached)
    try:
        text = kept.decode("utf-8") if kept is not None else ""
    except UnicodeDecodeError:
        text = ""
    if text.startswith(f'<svg class="chart" id="{ident}" '):
        _DRAWN[key] = text
        return text
    text = _draw_svg(chart, theme=theme, ident=ident)
    _DRAWN[key] = text
    store_in_user_cache(cached, text.encode("utf-8"))
    return text


_DRAWN: dict[str, str] = {}


def _key(chart: Chart, theme: Theme, ident: str) -> str:
    import hashlib
    from importlib import metadata

    digest = hashlib.sha256()
    for part in (
        chart.model_dump_json(),
        language(chart),
        theme.model_dump_json(),
        ident,
        metadata.version("matplotlib"),
    ):
        digest.update(part.encode("utf-8") + b"\0")
    for module in (Path(__file__), Path(__file__).parent.parent / "content" / "chart_geometry.py"):
        digest.update(module.read_bytes())
    return digest.hexdigest()


def _draw_svg(chart: Chart, *, theme: Theme, ident: str) -> str:
    """Draw the chart with matplotlib (no cache)."""
    _matplotlib(theme.fonts.heading)
    import matplotlib
    from matplotlib.figure import Figure

    c, size = theme.colors, theme.document.small_pt
    with matplotlib.rc_context(
        {
            "svg.hashsalt": ident,  # -- ids fixed per figure, unique on the page --
            "font.size": size,
            "text.color": c.ink,
            "axes.labelcolor": c.muted,
            "axes.edgecolor": c.rule,
            "xtick.color": c.muted,
            "ytick.color": c.muted,
            "axes.titlesize": size,
            "legend.fontsize": size,
            "legend.frameon": False,
        }
    ):
        figure = Figure(figsize=(WIDTH_IN, _height(chart)))
        axes = figure.add_subplot()
        _draw(axes, chart, theme, ident)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.tight_layout(pad=0.8)  # -- room for a screen font wider than the one measured
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _inline(buffer.getvalue(), ident=ident, title=describe(chart))


def _height(chart: Chart) -> float:
    """Inches: a horizontal bar chart grows with its bars, up to most of a page."""
    if chart.chart in {"bar", "stacked-bar"}:
        bars = len(chart.categories) * (1 if chart.chart == "stacked-bar" else len(chart.series))
        return min(7.5, max(HEIGHT_IN, 0.8 + 0.28 * bars))
    return HEIGHT_IN


def _draw(axes: Any, chart: Chart, theme: Theme, ident: str) -> None:
    """Draw what :mod:`briefing.content.chart_geometry` decided; every bar, line and value
    label carries an id (``gid``) so ``verify`` can read back where it was drawn."""
    from matplotlib.ticker import FixedLocator, FuncFormatter

    if is_pie(chart):
        _draw_pie(axes, chart, theme, ident)
        return
    c = theme.colors
    scale = axis(chart)
    horizontal = chart.chart in {"bar", "stacked-bar"}
    value_axis = axes.xaxis if horizontal else axes.yaxis
    (axes.set_xlim if horizontal else axes.set_ylim)(scale.low, scale.high)
    value_axis.set_major_locator(FixedLocator(scale.ticks()))
    value_axis.set_major_formatter(FuncFormatter(lambda value, _: tick_text(value, scale, chart)))
    axes.grid(True, axis="x" if horizontal else "y", color=c.rule, linewidth=0.5)
    axes.set_axisbelow(True)
    axes.patch.set_gid(f"{ident}-plot")  # -- the plot's box: the value axis's extent --
    if chart.unit:
        (axes.set_xlabel if horizontal else axes.set_ylabel)(chart.unit)
    cats = list(chart.categories)
    places = positions(chart)
    series_colours = colours(chart, theme)
    count = len(chart.series)
    stacked = chart.chart.startswith("stacked") or chart.chart == "waterfall"
    bars_count = max(1, len(columns_of(chart)))
    width = 0.6 if chart.chart == "waterfall" else (0.7 if stacked else 0.8 / bars_count)
    drawn = segments(chart)
    handles = []
    fills_of: list[list[str]] = []
    twin = _secondary(axes, chart, theme, ident)
    for i, series in enumerate(chart.series):
        if chart.chart == "waterfall":
            fills = point_colours(chart, theme, 0) or [c.accent] * len(cats)
        else:
            fills = point_colours(chart, theme, i) or [series_colours[i]] * len(cats)
        fills_of.append(fills)
        if is_line(chart, i):
            drawer = twin if twin is not None and on_secondary(chart, i) else axes
            (line,) = drawer.plot(
                places,
                series.values,
                color=series_colours[i],
                linewidth=2
                if series.name == chart.highlight or count == 1 or is_combo(chart)
                else 1.5,
                marker="o",
                markersize=3,
                label=series.name,
            )
            line.set_gid(f"{ident}-s{i}")
            handles.append(line)
            continue
        offset = 0.0 if stacked else bar_offset(chart, i, width)
        where = [p + offset for p in places]
        bases = [b for b, _ in drawn[i]]
        lengths = [t - b for b, t in drawn[i]]
        if horizontal:
            bars = axes.barh(where, lengths, left=bases, height=width, color=fills)
        else:
            bars = axes.bar(where, lengths, bottom=bases, width=width, color=fills)
        bars.set_label(series.name)
        for j, patch in enumerate(bars.patches):
            patch.set_gid(f"{ident}-s{i}-c{j}")
        handles.append(bars)
    (axes.set_yticks if horizontal else axes.set_xticks)(places, cats)
    if horizontal:
        axes.invert_yaxis()  # -- the first category on top, as it is read --
    _write_labels(axes, chart, theme, ident, fills_of, series_colours, width, horizontal, twin=twin)
    if not horizontal and sum(len(c) for c in cats) > 70:
        # -- many or long labels under columns: slanted, so they do not run into each other --
        axes.tick_params(axis="x", labelrotation=35)
        for label in axes.get_xticklabels():
            label.set_horizontalalignment("right")
    _legend(axes, chart, handles)
    _annotate(axes, chart, theme, ident, width)


def _secondary(axes: Any, chart: Chart, theme: Theme, ident: str) -> Any:
    """A combo chart's right-hand axis (matplotlib's twin of the plot), with its own
    limits, ticks, tick format and unit; None when the chart has none."""
    from matplotlib.ticker import FixedLocator, FuncFormatter

    scale = secondary_axis(chart)
    spec = chart.secondary_axis
    if scale is None or spec is None:
        return None
    twin = axes.twinx()
    twin.set_ylim(scale.low, scale.high)
    twin.yaxis.set_major_locator(FixedLocator(scale.ticks()))
    twin.yaxis.set_major_formatter(
        FuncFormatter(lambda value, _: format_number(value, scale.decimals, language(chart)))
    )
    for side in ("top", "left"):
        twin.spines[side].set_visible(False)
    twin.spines["right"].set_color(theme.colors.rule)
    if spec.unit:
        twin.set_ylabel(spec.unit)
    return twin


def anchor_x(chart: Chart, category: int, series: int, width: float) -> float:
    """Where an anchor sits along the category axis (a clustered bar is off the centre)."""
    clustered = chart.chart in {"column", "bar"} and len(chart.series) > 1 and series >= 0
    return category + ((series - (len(chart.series) - 1) / 2) * width if clustered else 0.0)


def _annotate(axes: Any, chart: Chart, theme: Theme, ident: str, width: float) -> None:
    """The CAGR and difference arrows and the value line, each with an id: part of the
    chart's SVG, inside its ``<svg role="img">`` and described by its alt text."""
    c = theme.colors
    box = {"boxstyle": "round,pad=0.3", "facecolor": c.paper, "edgecolor": c.ink, "linewidth": 0.6}
    for arrow in arrows(chart):
        (i, si), (j, sj) = arrow.start, arrow.end
        xa, xb = anchor_x(chart, i, si, width), anchor_x(chart, j, sj, width)
        ya, yb = anchor_top(chart, i, si), anchor_top(chart, j, sj)
        if arrow.kind == "cagr":
            high_a, high_b = cagr_ends(chart, arrow)
            start, end = (xa, high_a), (xb, high_b)
            middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        else:
            # -- a dashed level from the first bar's top, a vertical arrow beside the second --
            # -- beside the second bar; left of a line's point, whose label is on its right --
            side = xb - 0.12 if chart.chart == "line" else xb + width / 2 + 0.08
            (level,) = axes.plot(
                [xa, side], [ya, ya], color=c.muted, linewidth=0.8, linestyle=(0, (3, 2))
            )
            level.set_gid(f"{ident}-difference-level")
            start, end = (side, ya), (side, yb)
            middle = (side, (ya + yb) / 2)
        drawn = axes.annotate(
            "",
            xy=end,
            xytext=start,
            arrowprops={
                "arrowstyle": "-|>",
                "color": c.ink,
                "linewidth": 1.0,
                "shrinkA": 0,
                "shrinkB": 0,
            },
            annotation_clip=False,
        )
        drawn.arrow_patch.set_gid(f"{ident}-{arrow.kind}")
        words = axes.annotate(
            arrow.text,
            middle,
            xytext=(0, 0) if arrow.kind == "cagr" else (-4 if chart.chart == "line" else 4, 0),
            textcoords="offset points",
            ha="center" if arrow.kind == "cagr" else ("right" if chart.chart == "line" else "left"),
            va="center",
            color=c.ink,
            fontweight="bold",
            bbox=box,
            annotation_clip=False,
        )
        words.set_gid(f"{ident}-{arrow.kind}-label")
    if chart.value_line is not None:
        value = chart.value_line.value
        line = axes.axhline(value, color=c.ink, linewidth=1.0, linestyle=(0, (5, 3)))
        line.set_gid(f"{ident}-value-line")
        # -- its label past the plot's right end, clear of the bars and their labels --
        words = axes.annotate(
            value_line_text(chart),
            (len(chart.categories) - 0.5, value),
            xytext=(4, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            color=c.ink,
            fontweight="bold",
            annotation_clip=False,
        )
        words.set_gid(f"{ident}-value-line-label")


def slice_colours(chart: Chart, theme: Theme) -> list[str]:
    """A pie's slices in the palette's order; a highlighted slice in the accent, the rest
    muted."""
    c = theme.colors
    if chart.highlight in chart.categories:
        return [c.accent if cat == chart.highlight else c.rule for cat in chart.categories]
    return [c.series[j % len(c.series)] for j in range(len(chart.categories))]


DONUT_WIDTH = 0.42  # -- the ring's share of the radius: the deck's hole is the rest --


def _draw_pie(axes: Any, chart: Chart, theme: Theme, ident: str) -> None:
    """Slices clockwise from 12 o'clock (PowerPoint's start), each with an id; a pie's
    labels outside it, a donut's in its ring, as the deck places them."""
    import math

    c = theme.colors
    fills = slice_colours(chart, theme)
    donut = chart.chart == "donut"
    wedge = {"edgecolor": c.paper, "linewidth": 1.0}
    if donut:
        wedge["width"] = DONUT_WIDTH
    wedges, _ = axes.pie(
        chart.series[0].values, colors=fills, startangle=90, counterclock=False, wedgeprops=wedge
    )
    for j, patch in enumerate(wedges):
        patch.set_gid(f"{ident}-s0-c{j}")
    axes.set_aspect("equal")
    axes.set_axis_off()
    for label in value_labels(chart):
        angle = math.radians(90 - 3.6 * label.at)
        radius = 1 - DONUT_WIDTH / 2 if donut else 1.08
        x, y = radius * math.cos(angle), radius * math.sin(angle)
        if donut:
            ha, colour = "center", label_colour(fills[label.index], theme)
        else:
            ha, colour = ("left" if x >= 0 else "right"), c.ink
        text = axes.annotate(
            label.text, (x, y), ha=ha, va="center", color=colour, annotation_clip=False
        )
        text.set_gid(f"{ident}-label-0-{label.index}")


def _legend(axes: Any, chart: Chart, handles: list[Any]) -> None:
    """The legend outside the plot (never over the bars), entries in the series' order,
    as the deck's legend lists them."""
    count = len(chart.series)
    if count < 2 or chart.legend == "none":
        return
    names = [s.name for s in chart.series]
    if chart.legend == "right":
        axes.legend(handles, names, loc="center left", bbox_to_anchor=(1.01, 0.5), ncol=1)
    elif chart.legend == "bottom":
        axes.legend(handles, names, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=count)
    else:
        axes.legend(
            handles,
            names,
            loc="lower left",
            bbox_to_anchor=(0.0, 1.02),
            ncol=count,
            borderaxespad=0.0,
            handlelength=1.2,
            columnspacing=1.2,
        )


def _write_labels(
    axes: Any,
    chart: Chart,
    theme: Theme,
    ident: str,
    fills_of: list[list[str]],
    series_colours: list[str],
    width: float,
    horizontal: bool,
    *,
    twin: Any = None,
) -> None:
    """Each value label where :func:`value_labels` puts it, in a colour that reads there
    (a secondary line's on the right-hand axis, whose scale it is written in)."""
    c = theme.colors
    stacked = chart.chart.startswith("stacked") or chart.chart == "waterfall"
    for label in value_labels(chart):
        x = float(label.index)
        if not stacked and chart.chart != "line" and label.series >= 0:
            x += bar_offset(chart, label.series, width)
        value = label.at
        colour = c.ink
        outward = 1 if value >= 0 else -1
        if label.place == "right":
            # -- a combo's line labels in ink: its line's colour is chosen to stand apart
            #    from the columns, not to be read as text --
            colour = c.ink if is_combo(chart) else series_colours[label.series]
            offset, ha, va = (4, 0), "left", "center"
        elif label.place in {"center", "inside"}:
            colour = label_colour(fills_of[label.series][label.index], theme)
            step = 0 if label.place == "center" else -3 * outward
            offset = (step, 0) if horizontal else (0, step)
            if horizontal:
                ha = "center" if label.place == "center" else ("right" if outward > 0 else "left")
                va = "center"
            else:
                ha = "center"
                va = "center" if label.place == "center" else ("top" if outward > 0 else "bottom")
        else:  # -- outside or above: beyond the end, away from zero --
            if label.place == "above":
                outward = 1
            offset = (3 * outward, 0) if horizontal else (0, 3 * outward)
            if horizontal:
                ha, va = ("left" if outward > 0 else "right"), "center"
            else:
                ha, va = "center", ("bottom" if outward > 0 else "top")
        point = (value, x) if horizontal else (x, value)
        secondary = twin is not None and label.series >= 0 and on_secondary(chart, label.series)
        text = (twin if secondary else axes).annotate(
            label.text,
            point,
            xytext=offset,
            textcoords="offset points",
            ha=ha,
            va=va,
            color=colour,
            fontweight="bold" if label.series < 0 and chart.chart != "waterfall" else "normal",
            annotation_clip=False,
        )
        text.set_gid(f"{ident}-label-{label.series}-{label.index}")


_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


def _inline(svg: str, *, ident: str, title: str) -> str:
    """matplotlib's SVG file as an element for inside the page: no prologue or metadata, a
    title (the alt text) and a role, sized by the page."""
    from xml.sax.saxutils import escape

    svg = _METADATA.sub("", _PROLOGUE.sub("", svg, count=1))
    head_end = svg.index(">") + 1
    head = svg[:head_end]
    head = re.sub(r'\swidth="[^"]*"', "", head, count=1)
    head = re.sub(r'\sheight="[^"]*"', "", head, count=1)
    head = head.replace(
        "<svg",
        f'<svg class="chart" id="{ident}" role="img" aria-labelledby="{ident}-title"',
        1,
    )
    title_element = f'<title id="{ident}-title">{escape(title)}</title>'
    return head + title_element + svg[head_end:].rstrip() + "\n"
