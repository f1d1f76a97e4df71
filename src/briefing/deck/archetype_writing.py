"""Draw the executive archetypes fitted by :mod:`briefing.deck.archetypes` on a slide.

``Fitted -> shapes``. Bullets beside a table, a table under its caption, a
panel at the foot ("our view", the recommendation), key figures in columns, a
quote; and the cover's classification label. Boxes are placed where they were
measured, each as tall as its measured text, so what fits there fits here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from briefing.deck import identity
from briefing.deck.accessibility import decorative
from briefing.deck.archetypes import (
    BULLETS_SHARE,
    COLUMN_GAP_PT,
    FIGURE_RULE_PT,
    PANEL_BAR_PT,
    PANEL_GAP_PT,
    PANEL_PAD_PT,
    quoted,
)
from briefing.deck.fit import MIN_GAP, FiguresLayout, Fitted, Panel, QuoteLayout, SectionLayout
from briefing.deck.geometry import INSET_X_PT, INSET_Y_PT, SAFETY, Rect
from briefing.deck.shapes import TextStyle, frame_defaults, place, rectangle, rgb
from briefing.deck.slides import (
    ArgumentSlide,
    FiguresSlide,
    ListSlide,
    QuoteSlide,
    Run,
    Slide,
    body_of,
    table_of,
    text_of,
)
from briefing.deck.template import decorations
from briefing.deck.units import Inches, Pt

if TYPE_CHECKING:
    from briefing.deck.writer import _Writer


def draws(item: Fitted) -> bool:
    """Whether an archetype draws this slide's body."""
    return item.archetype is not None


tint = identity.tint


def list_anchor(item: Fitted) -> Any:
    """Where a list sits in its box: in the middle when it had room to spare (a short list
    is balanced, not pressed against the title), at the top when it fills the box, so a
    viewer that sets a line more than measured spills below, never over the title. A list
    of sources is read from the top, as a reference list is, however short."""
    body = body_of(item.slide)
    full = body is None or item.gap_pt <= MIN_GAP * item.body_pt + 0.01 or item.slide.continued
    sources = isinstance(item.slide, ListSlide) and item.slide.layout == "sources"
    return MSO_ANCHOR.TOP if full or sources else MSO_ANCHOR.MIDDLE


def box_height(text_pt: float) -> int:
    """A text box's height for text measured at ``text_pt``: the insets and the margin the
    fit keeps for renderers."""
    return Pt(text_pt / SAFETY + 2 * INSET_Y_PT)


def draw(w: _Writer, out: Any, item: Fitted, body: Any) -> None:
    """Draw the archetype's body on ``out``; ``body`` is the layout's body placeholder."""
    match item.archetype, item.slide:
        case SectionLayout() as layout, ArgumentSlide() as slide:
            _section(w, out, item, layout, body, slide)
        case FiguresLayout() as layout, FiguresSlide() as slide:
            _figures(w, out, item, layout, slide)
        case QuoteLayout() as layout, QuoteSlide() as slide:
            _quote(w, out, item, layout, slide)
        case _:
            raise AssertionError(f"no archetype draws a {item.slide.layout!r} slide")


def _section(
    w: _Writer, out: Any, item: Fitted, layout: SectionLayout, body: Any, s: ArgumentSlide
) -> None:
    left, top, width, height = w.g.body
    source = Pt(item.source_pt)
    panel = layout.panel
    panel_h = Pt(panel.height_pt + PANEL_GAP_PT) if panel else 0
    region = height - panel_h  # -- bullets and table, the source line at its foot --
    gap = Pt(COLUMN_GAP_PT)
    # -- a recommendation or a lead is said first: its panel on top, the list below it --
    below = top + panel_h if panel is not None and layout.panel_top else top
    if layout.beside:
        bullets_w = int((width - gap) * BULLETS_SHARE)
        table_box: Rect = (left + bullets_w + gap, below, width - bullets_w - gap, region)
        bullets_box: Rect = (left, below, bullets_w, region - source)
    else:
        table_box = (left, below, width, height - (below - top))
        bullets_box = (left, below, width, region - source)
    if s.body is not None and body is not None:
        place(body, bullets_box)
        w.bullets(body.text_frame, item)
        # -- beside a table, the list starts where the table does: two columns, one top --
        body.text_frame.vertical_anchor = MSO_ANCHOR.TOP if layout.beside else list_anchor(item)
    if s.table is not None:
        caption_h = Pt(layout.caption_h_pt)
        if s.caption:
            tl, tt, tw, _ = table_box
            box = (tl, tt, tw, caption_h - Pt(PANEL_GAP_PT / 2))
            shape = out.shapes.add_textbox(*box)
            shape.name = "Caption"
            frame = shape.text_frame
            frame_defaults(frame)
            frame.vertical_anchor = MSO_ANCHOR.BOTTOM
            caption = TextStyle(caption_size_of(w), w.theme.colors.ink, bold=True)
            w.paragraph(frame.paragraphs[0], s.caption, caption)
        tl, tt, tw, th = table_box
        w.table(out, item, (tl, tt + caption_h, tw, th - caption_h))
    if panel is not None and layout.panel_top:
        _panel(w, out, panel, (left, top, width))
    elif panel is not None:
        _panel(w, out, panel, (left, top + height - source - Pt(panel.height_pt), width))


def caption_size_of(w: _Writer) -> float:
    return w.theme.deck.small_pt + 5


def _panel(w: _Writer, out: Any, panel: Panel, where: tuple[int, int, int]) -> None:
    """A tinted box with a coloured bar at its left, its label and its paragraphs."""
    c = w.theme.colors
    left, top, width = where
    height = Pt(panel.height_pt)
    # -- "our view" and a summary's lead in the accent's tint, a recommendation in the ink's --
    view = panel.kind in {"view", "lead"}
    decorative(
        rectangle(out, (left, top, width, height), c.accent_soft if view else tint(c.ink, 0.08))
    )
    decorative(rectangle(out, (left, top, Pt(PANEL_BAR_PT), height), c.accent if view else c.ink))
    inner_left = left + Pt(PANEL_BAR_PT + PANEL_PAD_PT)
    inner_width = width - Pt(PANEL_BAR_PT + 2 * PANEL_PAD_PT)
    y = top + Pt(PANEL_PAD_PT)
    if panel.label:
        label_h = box_height(w.measurer.line_height(panel.label_pt))
        w.textbox(
            out,
            (inner_left, y, inner_width, label_h),
            panel.label.upper(),
            TextStyle(panel.label_pt, c.accent, bold=True),
            name="Panel label",
        )
        y += label_h
    shape = out.shapes.add_textbox(inner_left, y, inner_width, top + height - Pt(PANEL_PAD_PT) - y)
    shape.name = {"view": "Our view", "lead": "Lead"}.get(panel.kind, "Recommendation")
    frame = shape.text_frame
    frame_defaults(frame)
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for index, rich in enumerate(panel.paragraphs):
        p = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        w.paragraph(p, rich, TextStyle(panel.text_pt, c.ink))
        if index:
            p.space_before = Pt(0.3 * panel.text_pt)


def _figures(w: _Writer, out: Any, item: Fitted, layout: FiguresLayout, s: FiguresSlide) -> None:
    c = w.theme.colors
    figures = s.figures
    left, top, width, height = w.g.body
    n = max(1, len(figures))
    gap = Pt(COLUMN_GAP_PT)
    column = (width - gap * (n - 1)) // n
    value_h = box_height(layout.value_h_pt)
    label_h = box_height(layout.label_h_pt)
    context_h = box_height(layout.context_h_pt) if layout.context_h_pt else 0
    rule = Pt(FIGURE_RULE_PT)
    block = rule + Pt(PANEL_GAP_PT) + value_h + label_h + context_h
    # -- the strip in the middle of the room the source line leaves --
    y0 = top + max(0, (height - Pt(item.source_pt) - block) // 2)
    for index, figure in enumerate(figures):
        x = left + index * (column + gap)
        decorative(
            rectangle(out, (x + Pt(INSET_X_PT), y0, column - 2 * Pt(INSET_X_PT), rule), c.accent)
        )
        y = y0 + rule + Pt(PANEL_GAP_PT)
        for text, style, h, name in (
            (
                (Run(figure.value),),
                TextStyle(layout.value_pt, c.accent, bold=True),
                value_h,
                "Figure value",
            ),
            (
                (Run(figure.label),),
                TextStyle(layout.label_pt, c.ink, bold=True),
                label_h,
                "Figure label",
            ),
            (figure.context, TextStyle(layout.context_pt, c.muted), context_h, "Figure context"),
        ):
            if text and h:
                shape = out.shapes.add_textbox(x, y, column, h)
                shape.name = name
                frame = shape.text_frame
                frame_defaults(frame)
                w.paragraph(frame.paragraphs[0], text, style)
            y += h


def _quote(w: _Writer, out: Any, item: Fitted, layout: QuoteLayout, s: QuoteSlide) -> None:
    c = w.theme.colors
    left, top, width, height = w.g.body
    quote_h = box_height(layout.quote_h_pt)
    by_h = box_height(layout.by_h_pt)
    block = quote_h + Pt(PANEL_GAP_PT) + by_h
    y = top + max(0, (height - Pt(item.source_pt) - block) // 2)
    decorative(rectangle(out, (left + Pt(INSET_X_PT), y, Pt(PANEL_BAR_PT), block), c.accent))
    inner = left + Pt(PANEL_BAR_PT + PANEL_PAD_PT)
    inner_w = width - Pt(PANEL_BAR_PT + PANEL_PAD_PT)
    shape = out.shapes.add_textbox(inner, y, inner_w, quote_h)
    shape.name = "Quote"
    frame_defaults(shape.text_frame)
    quote = TextStyle(layout.quote_pt, c.ink, italic=True)
    w.paragraph(shape.text_frame.paragraphs[0], quoted(s), quote)
    shape = out.shapes.add_textbox(inner, y + quote_h + Pt(PANEL_GAP_PT), inner_w, by_h)
    shape.name = "Quote by"
    frame_defaults(shape.text_frame)
    w.paragraph(shape.text_frame.paragraphs[0], s.by, TextStyle(layout.by_pt, c.muted))


def classification_label(w: _Writer, out: Any) -> None:
    """The cover's handling label: white on the classification colour, at the top right,
    as on the PDF's cover; legible from across a room."""
    c, d, g = w.theme.colors, w.theme.deck, w.g
    text = (w.briefing.classification or "").upper()
    size = d.small_pt + 3
    measurer = w.measurer
    width = Pt(measurer.width(text, True) * size * 1.06 + 4 * INSET_X_PT + 2)
    height = box_height(measurer.line_height(size, text))
    right = g.cover_title[0] + g.cover_title[2]
    top = int(Inches(0.5))
    # -- never on the master's logo or band: left of whatever the master and the cover's
    #    layout draw there, measured from their shapes --
    drawn = decorations(w.prs.slide_master) + decorations(out.slide_layout)
    for _ in range(len(drawn)):
        hit = [
            x
            for x, y, dw, dh in drawn
            if x < right and x + dw > right - width and y < top + height and y + dh > top
        ]
        if not hit:
            break
        right = min(hit) - int(Inches(0.1))
    box = (right - width, top, width, height)
    shape = w.textbox(out, box, text, TextStyle(size, c.paper, bold=True), name="Classification")
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(c.classification)
    shape.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
    shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE


def continued_notes(s: Slide, word: str) -> str:
    """Notes for a continuation: what it shows, list markers kept."""
    lines = [f"({word}) {text_of(s.title)}"]
    body, table = body_of(s), table_of(s)
    if body is not None:
        number = body.start
        for index, item in enumerate(body.items):
            carried = index == 0 and body.continued_first
            marker = "" if carried else (f"{number}. " if body.numbered else "\u2022 ")
            lines.append(marker + text_of(item))
            number += 0 if carried else 1
    if table is not None:
        lines += ["\u2022 " + " | ".join(text_of(cell) for cell in row) for row in table.rows]
    return "\n".join(lines)
