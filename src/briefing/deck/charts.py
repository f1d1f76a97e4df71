"""Place a figure on its slide: ``FigureRef + Chart | Picture -> native chart or picture``.

A chart becomes a native PowerPoint chart (python-pptx's chart API): editable,
its numbers in the workbook embedded beside it, in the theme's palette and the
deck's font. A waterfall is a stacked column chart whose first series, the
invisible base, lifts each change to where the one before ended. A picture is
placed whole, scaled without distortion to the room left, with its alt text as
the shape's description. The caption sits above the drawing; up to three of
the section's points go beside it when they fit at the bullets' smallest size
or larger (measured in the fit stage, :func:`briefing.deck.archetypes.figure`,
like every box), else the drawing takes the full width.
The workbook is written again with fixed times, so the deck repeats byte for byte.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.content.chart_geometry import (
    anchor_top,
    arrows,
    axis,
    cagr_ends,
    is_combo,
    is_line,
    is_pie,
    on_secondary,
    percent_stacked,
    secondary_axis,
    series_decimals,
    value_labels,
    value_line_text,
    waterfall_series,
)
from briefing.content.images import Picture
from briefing.content.model import Chart, Image
from briefing.deck.archetypes import POINTS_SHARE
from briefing.deck.fit import FigureFit, bullet_indent
from briefing.deck.geometry import Rect
from briefing.deck.oxml import (
    add_secondary_axes,
    arrow_head,
    bullet,
    hide_legend_entry,
    hole_size,
    lines_over_columns,
    manual_plot_layout,
    set_alt_text,
    value_axis_crosses_at_maximum,
)
from briefing.deck.shapes import TextStyle, frame_defaults, rgb
from briefing.deck.slides import FigureRef, Rich
from briefing.deck.units import Pt, emu_cut
from briefing.document.charts import colours, describe, label_colour, point_colours
from briefing.look.theme import Theme

if TYPE_CHECKING:
    from pptx.chart.axis import ValueAxis

GUTTER_PT = 18.0


@dataclass(frozen=True)
class FigureLayout:
    """Where a figure slide's parts go (EMU), and the sizes its text was measured at."""

    drawing: Rect
    caption: Rect | None = None
    caption_pt: float = 0.0
    points: Rect | None = None
    points_pt: float = 0.0
    gap_pt: float = 0.0
    shown: tuple[Rich, ...] = ()  # the points that fit, in order


def layout_figure(fit: FigureFit, body: Rect, *, source_pt: float) -> FigureLayout:
    """Place what the fit measured (:func:`briefing.deck.archetypes.figure`): the caption on
    top, the points at the right, the drawing in the rest of the body box."""
    left, top, width, height = body
    height -= emu_cut(source_pt)
    caption_rect = None
    if fit.caption_h:
        caption_rect = (left, top, width, fit.caption_h)
        top, height = top + fit.caption_h, height - fit.caption_h
    if not fit.points:
        return FigureLayout((left, top, width, height), caption_rect, fit.caption_pt)
    column = int(width * POINTS_SHARE)
    gutter = emu_cut(GUTTER_PT)
    return FigureLayout(
        (left, top, width - column - gutter, height),
        caption_rect,
        fit.caption_pt,
        (left + width - column, top, column, height),
        fit.points_pt,
        fit.gap_pt,
        fit.points,
    )


def add_figure(
    out: Any,
    layout: FigureLayout,
    ref: FigureRef,
    figure: Chart | Image,
    *,
    theme: Theme,
    picture: Picture | None,
    paragraph: Callable[..., None],
    stamp: tuple[int, int, int, int, int, int],
) -> None:
    """Write the caption, the drawing and the points of a figure slide."""
    c = theme.colors
    if layout.caption is not None:
        box = out.shapes.add_textbox(*layout.caption)
        frame_defaults(box.text_frame)
        paragraph(
            box.text_frame.paragraphs[0],
            ref.caption,
            TextStyle(layout.caption_pt, c.ink, bold=True),
        )
    if isinstance(figure, Chart):
        add_chart(out, figure, layout.drawing, theme=theme, stamp=stamp)
    elif picture is not None:
        add_picture(out, picture, layout.drawing, alt="" if figure.decorative else figure.alt)
    if layout.points is not None:
        box = out.shapes.add_textbox(*layout.points)
        frame = box.text_frame
        frame_defaults(frame)
        for index, rich in enumerate(layout.shown):
            p = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph(p, rich, TextStyle(layout.points_pt, c.ink))
            if index:
                p.space_before = Pt(layout.gap_pt)
            bullet(
                p,
                numbered=False,
                number=index + 1,
                indent=bullet_indent(layout.points_pt, False, len(layout.shown)),
                colour=c.accent,
            )


# -- pictures --


def add_picture(out: Any, picture: Picture, box: Rect, *, alt: str | None) -> Any:
    """The picture scaled to fit ``box`` whole (no distortion), centred, alt text set."""
    left, top, width, height = box
    scale = min(width / picture.width, height / picture.height)
    w, h = int(picture.width * scale), int(picture.height * scale)
    shape = out.shapes.add_picture(
        io.BytesIO(raster(picture)), left + (width - w) // 2, top + (height - h) // 2, w, h
    )
    set_alt_text(shape, alt or "")
    return shape


def raster(picture: Picture) -> bytes:
    """PNG or JPEG bytes PowerPoint shows: an SVG is drawn at twice its size by CairoSVG."""
    if not picture.is_svg:
        return picture.data
    import cairosvg

    from briefing.content.images import DECK_MAX_PIXELS

    # -- twice its size, but never more than DECK_MAX_PIXELS (a big drawing is drawn smaller) --
    scale = min(2.0, (DECK_MAX_PIXELS / (picture.width * picture.height)) ** 0.5)
    png: bytes = cairosvg.svg2png(
        bytestring=picture.data,
        output_width=max(1, int(picture.width * scale)),
        output_height=max(1, int(picture.height * scale)),
        unsafe=False,
    )
    return png


# -- charts --


def chart_type(chart: Chart) -> Any:
    from pptx.enum.chart import XL_CHART_TYPE

    if chart.percent and chart.chart == "stacked-bar":
        return XL_CHART_TYPE.BAR_STACKED_100
    if chart.percent and chart.chart == "stacked-column":
        return XL_CHART_TYPE.COLUMN_STACKED_100

    return {
        "bar": XL_CHART_TYPE.BAR_CLUSTERED,
        "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
        "line": XL_CHART_TYPE.LINE_MARKERS,
        "stacked-bar": XL_CHART_TYPE.BAR_STACKED,
        "stacked-column": XL_CHART_TYPE.COLUMN_STACKED,
        "waterfall": XL_CHART_TYPE.COLUMN_STACKED,
        "pie": XL_CHART_TYPE.PIE,
        "donut": XL_CHART_TYPE.DOUGHNUT,
    }[chart.chart]


# -- an invisible series of zeros on top of a stack: its labels, just above each stack,
#    are the totals (and a waterfall's values); out of the legend --
TOTALS_SERIES = "Total"


def carries_labels(chart: Chart) -> bool:
    """Whether the deck's chart has the series of zeros that carries labels above bars."""
    return any(label.series < 0 for label in value_labels(chart))


def deck_series(chart: Chart) -> list[tuple[str, tuple[float, ...]]]:
    """The series the deck's chart holds: the source's (a waterfall as bases split by
    sign and bars split at zero), then the carrier of the labels above the stacks."""
    if chart.chart == "waterfall":
        series = waterfall_series(chart)
    else:
        series = [(s.name, tuple(s.values)) for s in chart.series]
    if carries_labels(chart):
        series.append((TOTALS_SERIES, tuple(0.0 for _ in chart.categories)))
    return series


def excel_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def add_chart(
    out: Any,
    chart: Chart,
    box: Rect,
    *,
    theme: Theme,
    stamp: tuple[int, int, int, int, int, int],
) -> Any:
    """A native chart of ``chart`` in ``box``; its workbook pinned to ``stamp``."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION

    if is_pie(chart):
        return _add_pie(out, chart, box, theme=theme, stamp=stamp)
    c, d = theme.colors, theme.deck
    scale = axis(chart)
    data = CategoryChartData(number_format=excel_format(chart.decimals))
    data.categories = list(chart.categories)
    series_data = deck_series(chart)
    for index, (name, values) in enumerate(series_data):
        # -- a secondary line's values in its own decimals (its labels, the workbook) --
        own = series_decimals(chart, index) if index < len(chart.series) else chart.decimals
        data.add_series(name, values, number_format=excel_format(own))
    frame = out.shapes.add_chart(chart_type(chart), *box, data)
    set_alt_text(frame, describe(chart))
    made = frame.chart
    if is_combo(chart):
        lines = {i: on_secondary(chart, i) for i in range(len(chart.series)) if is_line(chart, i)}
        lines_over_columns(made, lines, _SECONDARY_IDS)
    made.font.name = theme.fonts.deck
    made.font.size = Pt(d.small_pt + 1)
    made.font.color.rgb = rgb(c.ink)
    waterfall_chart = chart.chart == "waterfall"
    made.has_title = False  # -- the caption above says what the chart shows --
    made.has_legend = len(chart.series) > 1 and chart.legend != "none"
    if made.has_legend:
        made.legend.position = {
            "top": XL_LEGEND_POSITION.TOP,
            "bottom": XL_LEGEND_POSITION.BOTTOM,
            "right": XL_LEGEND_POSITION.RIGHT,
        }[chart.legend]
        made.legend.include_in_layout = False
        made.legend.font.size = Pt(d.small_pt + 1)
        if carries_labels(chart):
            # -- a horizontal chart lists its legend from the last series (as its bars stack
            #    upward from the axis), so the carrier, last, is the first entry --
            last = len(series_data) - 1
            horizontal = chart.chart in {"bar", "stacked-bar"}
            hide_legend_entry(made, 0 if horizontal else last)
    value_axis, category_axis = made.value_axis, made.category_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = rgb(c.rule)
    value_axis.format.line.fill.background()
    # -- the same limits and ticks as the page's drawing: no stop beyond the data --
    # -- a 100 % chart's axis runs 0 to 1, shown as per cent --
    unit = 100.0 if percent_stacked(chart) else 1.0
    value_axis.minimum_scale = scale.low / unit
    value_axis.maximum_scale = scale.high / unit
    value_axis.major_unit = scale.step / unit
    value_axis.tick_labels.number_format = (
        "0%" if percent_stacked(chart) else excel_format(scale.decimals)
    )
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.tick_labels.font.color.rgb = rgb(c.muted)
    category_axis.format.line.color.rgb = rgb(c.rule)
    category_axis.tick_labels.font.color.rgb = rgb(c.muted)
    # -- category names at the low end of the value axis, never across negative bars --
    category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if chart.unit:
        _axis_title(value_axis, chart.unit, theme)
    if chart.chart in {"bar", "stacked-bar"}:
        category_axis.reverse_order = True  # -- the first category on top, as it is read --
        # -- and the value axis still below: it crosses the (reversed) categories at their
        #    maximum. python-pptx's setter writes the other axis's element, so set it here --
        value_axis_crosses_at_maximum(value_axis)
    plot = made.plots[0]
    if chart.chart != "line":
        plot.gap_width = 60
        if chart.chart.startswith("stacked") or waterfall_chart:
            plot.overlap = 100
    fills = colours(chart, theme)
    shown = len(chart.series)
    # -- every series in the source's order, whichever plot (columns, lines) holds it --
    every = sorted((s for p in made.plots for s in p.series), key=lambda s: s.index)
    for index, series in enumerate(every):
        # -- a waterfall's two bases and the carrier of labels above are not drawn --
        invisible = index not in (2, 3) if waterfall_chart else index >= shown
        if invisible:
            series.format.fill.background()  # -- a base, or the carrier of labels --
            series.format.line.fill.background()
            continue
        source_index = 0 if waterfall_chart else index
        colour = fills[source_index % len(fills)]
        if is_line(chart, index):
            series.format.line.color.rgb = rgb(colour)
            series.format.line.width = Pt(2.5 if chart.highlight == series.name else 2)
            series.smooth = False
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = rgb(colour)
            series.marker.format.line.color.rgb = rgb(colour)
            continue
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(colour)
        for point, shade in enumerate(point_colours(chart, theme, source_index) or []):
            fill = series.points[point].format.fill
            fill.solid()
            fill.fore_color.rgb = rgb(shade)
    _labels(every, chart, theme, fills)
    if secondary_axis(chart) is not None:
        _secondary_axes(made, chart, theme)
    _pin_workbook(frame.chart, stamp)
    if annotated(chart):
        return _annotate(out, frame, chart, box, theme)
    return frame


# -- a combo chart: python-pptx has no API for two chart types in one plot area, so the
#    line series are moved from the column chart into a c:lineChart beside it; the
#    secondary lines' one is scaled by a second value axis on the right (and a hidden
#    category axis it crosses), as PowerPoint writes a combo chart --

# -- the hidden category axis and the right-hand value axis, in the order a chart type
#    names its axes (category first: LibreOffice reads them so) --
_SECONDARY_IDS = ("60000002", "60000001")


def _secondary_axes(made: Any, chart: Chart, theme: Theme) -> None:
    """The right-hand value axis (the shared rule's limits and ticks, its own number
    format and unit) and the hidden category axis it crosses at its maximum."""
    scale, spec = secondary_axis(chart), chart.secondary_axis
    assert scale is not None and spec is not None
    right = add_secondary_axes(made, *_SECONDARY_IDS)
    c = theme.colors
    right.minimum_scale = scale.low
    right.maximum_scale = scale.high
    right.major_unit = scale.step
    right.tick_labels.number_format = excel_format(scale.decimals)
    right.tick_labels.number_format_is_linked = False
    right.tick_labels.font.color.rgb = rgb(c.muted)
    right.format.line.color.rgb = rgb(c.rule)
    if spec.unit:
        _axis_title(right, spec.unit, theme)


def _axis_title(axis: ValueAxis, unit: str, theme: Theme) -> None:
    """``unit`` as the axis's title, small and muted like its tick labels."""
    axis.has_title = True
    title = axis.axis_title.text_frame
    title.text = unit
    run = title.paragraphs[0].runs[0]
    run.font.size = Pt(theme.deck.small_pt)
    run.font.bold = False
    run.font.color.rgb = rgb(theme.colors.muted)


# -- annotations: native shapes over the plot, grouped with the chart --

# -- the plot's inner box as fractions of the chart (a manual layout), so a shape can be
#    put where a bar's top is: left, top (legend above or not), width, height --
PLOT_LEFT, PLOT_RIGHT, PLOT_BOTTOM = 0.12, 0.03, 0.12


def annotated(chart: Chart) -> bool:
    return chart.cagr is not None or chart.difference is not None or chart.value_line is not None


def plot_box(chart: Chart, box: Rect) -> tuple[float, float, float, float]:
    """The plot's inner box on the slide (EMU): left, top, width, height."""
    left, top, width, height = box
    legend = len(chart.series) > 1 and chart.legend == "top"
    y = 0.13 if legend else 0.06
    bottom = PLOT_BOTTOM + (0.07 if len(chart.series) > 1 and chart.legend == "bottom" else 0.0)
    # -- a value line's label goes past the plot's right end: room for it --
    right = PLOT_RIGHT + (0.16 if chart.value_line is not None else 0.0)
    return (
        left + PLOT_LEFT * width,
        top + y * height,
        (1 - PLOT_LEFT - right) * width,
        (1 - y - bottom) * height,
    )


def _manual_layout(made: Any, chart: Chart, box: Rect) -> None:
    """Pin the plot at :func:`plot_box`, where the annotations are drawn."""
    left, top, width, height = box
    x, y, w, h = plot_box(chart, box)
    manual_plot_layout(made, (x - left) / width, (y - top) / height, w / width, h / height)


def _annotate(out: Any, frame: Any, chart: Chart, box: Rect, theme: Theme) -> Any:
    """The CAGR and difference arrows and the value line as native, editable shapes at
    the places the chart draws its bars (its plot box set by a manual layout), grouped
    with the chart so they move with it."""
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.enum.text import PP_ALIGN

    _manual_layout(frame.chart, chart, box)
    c, d = theme.colors, theme.deck
    scale = axis(chart)
    px, py, pw, ph = plot_box(chart, box)
    n, count = len(chart.categories), len(chart.series)
    slot = pw / n
    group_w = slot / 1.6  # -- gap width 60 % of a bar group --
    bar_w = group_w / count if chart.chart == "column" else group_w

    def x_of(category: int, series: int) -> float:
        centre = px + (category + 0.5) * slot
        if chart.chart == "column" and count > 1 and series >= 0:
            return centre - group_w / 2 + (series + 0.5) * bar_w
        return centre

    def y_of(value: float) -> float:
        return py + (scale.high - value) / (scale.high - scale.low) * ph

    shapes: list[Any] = []
    size = d.small_pt + 1  # -- the chart's own type size, never below the deck's floor --
    line_h = Pt(size * 1.9)

    def connector(
        a: tuple[float, float], b: tuple[float, float], *, dashed: bool, head: bool
    ) -> None:
        shape = out.shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT, int(a[0]), int(a[1]), int(b[0]), int(b[1])
        )
        shape.line.color.rgb = rgb(c.ink if not dashed else c.muted)
        shape.line.width = Pt(1)
        if dashed:
            from pptx.enum.dml import MSO_LINE

            shape.line.dash_style = MSO_LINE.DASH
        if head:
            arrow_head(shape)
        shapes.append(shape)

    def words(text: str, centre: tuple[float, float], *, boxed: bool, align: str) -> None:
        width = Pt(size * 0.6 * len(text) + 14)
        left = {"center": centre[0] - width / 2, "left": centre[0], "right": centre[0] - width}[
            align
        ]
        kind = MSO_SHAPE.ROUNDED_RECTANGLE if boxed else MSO_SHAPE.RECTANGLE
        shape = out.shapes.add_shape(
            kind, int(left), int(centre[1] - line_h / 2), int(width), int(line_h)
        )
        if boxed:
            shape.fill.solid()
            shape.fill.fore_color.rgb = rgb(c.paper)
            shape.line.color.rgb = rgb(c.ink)
            shape.line.width = Pt(0.75)
        else:
            shape.fill.background()
            shape.line.fill.background()
        shape.shadow.inherit = False
        frame_ = shape.text_frame
        frame_.margin_left = frame_.margin_right = Pt(3)
        frame_.margin_top = frame_.margin_bottom = Pt(1)
        frame_.word_wrap = False
        paragraph = frame_.paragraphs[0]
        paragraph.alignment = {
            "center": PP_ALIGN.CENTER,
            "left": PP_ALIGN.LEFT,
            "right": PP_ALIGN.RIGHT,
        }[align]
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = True
        run.font.name = theme.fonts.deck
        run.font.color.rgb = rgb(c.ink)
        shapes.append(shape)

    for arrow in arrows(chart):
        (i, si), (j, sj) = arrow.start, arrow.end
        xa, xb = x_of(i, si), x_of(j, sj)
        ya, yb = anchor_top(chart, i, si), anchor_top(chart, j, sj)
        if arrow.kind == "cagr":
            high_a, high_b = cagr_ends(chart, arrow)
            start, end = (xa, y_of(high_a)), (xb, y_of(high_b))
            connector(start, end, dashed=False, head=True)
            words(
                arrow.text,
                ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2),
                boxed=True,
                align="center",
            )
        else:
            line_chart = chart.chart == "line"
            side = xb - 0.12 * slot if line_chart else xb + bar_w / 2 + 0.08 * slot
            connector((xa, y_of(ya)), (side, y_of(ya)), dashed=True, head=False)
            connector((side, y_of(ya)), (side, y_of(yb)), dashed=False, head=True)
            middle = y_of((ya + yb) / 2)
            if line_chart:
                words(arrow.text, (side - Pt(4), middle), boxed=True, align="right")
            else:
                words(arrow.text, (side + Pt(4), middle), boxed=True, align="left")
    if chart.value_line is not None:
        y = y_of(chart.value_line.value)
        connector((px, y), (px + pw, y), dashed=True, head=False)
        shapes[-1].line.color.rgb = rgb(c.ink)
        words(value_line_text(chart), (px + pw + Pt(2), y), boxed=False, align="left")
    group = out.shapes.add_group_shape([frame, *shapes])
    group.name = f"{frame.name} with annotations"
    return group


def _add_pie(
    out: Any, chart: Chart, box: Rect, *, theme: Theme, stamp: tuple[int, int, int, int, int, int]
) -> Any:
    """A native pie or doughnut: slices from 12 o'clock clockwise, each in its colour,
    labelled with its name and share (outside a pie, in a doughnut's ring)."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION

    from briefing.document.charts import DONUT_WIDTH, slice_colours

    c, d = theme.colors, theme.deck
    donut = chart.chart == "donut"
    data = CategoryChartData(number_format=excel_format(chart.decimals))
    data.categories = list(chart.categories)
    data.add_series(chart.series[0].name, tuple(chart.series[0].values))
    kind = XL_CHART_TYPE.DOUGHNUT if donut else XL_CHART_TYPE.PIE
    frame = out.shapes.add_chart(kind, *box, data)
    set_alt_text(frame, describe(chart))
    made = frame.chart
    made.font.name = theme.fonts.deck
    made.font.size = Pt(d.small_pt + 1)
    made.font.color.rgb = rgb(c.ink)
    made.has_title = False
    made.has_legend = False  # -- each slice is named beside it --
    plot = made.plots[0]
    plot.vary_by_categories = True
    fills = slice_colours(chart, theme)
    series = plot.series[0]
    for j, fill in enumerate(fills):
        point = series.points[j].format
        point.fill.solid()
        point.fill.fore_color.rgb = rgb(fill)
        point.line.color.rgb = rgb(c.paper)
    for label in value_labels(chart):
        data_label = series.points[label.index].data_label
        if not donut:
            data_label.position = XL_LABEL_POSITION.OUTSIDE_END
        text = data_label.text_frame
        text.text = label.text
        run = text.paragraphs[0].runs[0]
        run.font.size = Pt(d.small_pt)
        run.font.color.rgb = rgb(label_colour(fills[label.index], theme) if donut else c.ink)
    if donut:
        hole_size(plot, round(100 * (1 - DONUT_WIDTH)))
    _pin_workbook(frame.chart, stamp)
    return frame


def _labels(series: list[Any], chart: Chart, theme: Theme, fills: list[str]) -> None:
    """Each value label :func:`value_labels` decides, as its own text (the numbers in
    the briefing's language) at its place: beyond or inside a bar's end, centred in a
    segment, just above a stack (on the carrier), right of a line's point."""
    from pptx.enum.chart import XL_LABEL_POSITION as POS

    c = theme.colors
    waterfall_chart = chart.chart == "waterfall"
    for label in value_labels(chart):
        if label.series < 0:
            target = series[-1]
            colour, place = c.ink, POS.INSIDE_BASE
        else:
            target = series[label.series]
            shades = point_colours(chart, theme, label.series) or [fills[label.series % len(fills)]]
            fill = shades[label.index % len(shades)]
            if label.place == "right":
                line_colour = fills[label.series % len(fills)]
                colour, place = (c.ink if is_combo(chart) else line_colour), POS.RIGHT
            elif label.place == "center":
                colour, place = label_colour(fill, theme), POS.CENTER
            elif label.place == "inside":
                colour, place = label_colour(fill, theme), POS.INSIDE_END
            else:
                colour, place = c.ink, POS.OUTSIDE_END
        data_label = target.points[label.index].data_label
        data_label.position = place
        frame = data_label.text_frame
        frame.text = label.text
        run = frame.paragraphs[0].runs[0]
        run.font.size = Pt(theme.deck.small_pt)
        run.font.color.rgb = rgb(colour)
        run.font.bold = label.series < 0 and not waterfall_chart


_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _pin_workbook(chart: Any, stamp: tuple[int, int, int, int, int, int]) -> None:
    """Write the chart's workbook again with fixed zip times and document dates: XlsxWriter
    stamps the clock's time into both."""
    workbook = chart.part.chart_workbook
    blob = workbook.xlsx_part.blob
    year, month, day, hour, minute, second = stamp
    moment = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}Z"
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATES.sub(rb"\g<1>" + moment.encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data)
    workbook.update_from_xlsx_blob(out.getvalue())


def same_numbers(a: Sequence[float], b: Sequence[float]) -> bool:
    return len(a) == len(b) and all(
        abs(x - y) < 1e-9 * max(1.0, abs(x)) for x, y in zip(a, b, strict=True)
    )
