"""Fit the executive archetypes to a slide's body box: where each part goes, at what size.

``Slide -> list[Fitted]`` with an archetype layout attached. The archetypes are
chosen from the content's shape, as the deck template describes it:

- a section slide with a table: bullets beside the table when both fit at
  their legible sizes, otherwise two slides that both keep the action title,
  the table's caption above it;
- a panel at the foot of the body box: "our view" on a section slide, the
  recommendation on the decision slide;
- key figures: one to four big numbers in columns, label and context below;
- a quote: the words large, who said it below;
- a chart or picture: its caption above, up to three points beside it where they fit.

What does not fit at the smallest sizes is an error naming the content field.
The writer (:mod:`briefing.deck.writer`) draws what is fitted here.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.deck.fit import (
    MIN_GAP,
    FigureFit,
    FiguresLayout,
    Fitted,
    Fitter,
    Panel,
    QuoteLayout,
    SectionLayout,
    Where,
    bullet_indent,
)
from briefing.deck.geometry import INSET_X_PT, INSET_Y_PT, SAFETY, Box
from briefing.deck.slides import (
    ArgumentSlide,
    FigureSlide,
    FiguresSlide,
    QuoteSlide,
    Rich,
    Run,
    View,
)
from briefing.deck.units import emu_cut, emu_rounded, points_of
from briefing.errors import FieldPath, format_path

COLUMN_GAP_PT = 26.0  # between bullets and a table, and between key figures
PANEL_GAP_PT = 12.0  # above a panel, and below a caption
PANEL_PAD_PT = 9.0  # inside a panel, around its text
PANEL_BAR_PT = 5.0  # the coloured bar at a panel's left edge
BULLETS_SHARE = 0.42  # of the body's width, when bullets sit beside a table
MAX_PANEL_SHARE = 0.55  # of the body's height a panel may take
FIGURE_RULE_PT = 4.0  # the accent rule over each key figure
POINTS_SHARE = 0.34  # of the body's width, for the points beside a chart or picture
MAX_POINTS = 3  # of a figure's points, beside it


def applies(slide: ArgumentSlide) -> bool:
    """Whether the archetype lays out this argument (else the plain bullets and table fit
    does): always the decision, a summary with its lead, a section with a view or a table."""
    match slide.layout:
        case "decision":
            return True
        case "summary":
            return bool(slide.lead)
        case "section":
            return slide.view is not None or slide.table is not None


def quoted(slide: QuoteSlide) -> Rich:
    """A quote's words inside quotation marks."""
    return (Run("\u201c"), *slide.quote, Run("\u201d"))


def panel_of(slide: ArgumentSlide) -> tuple[str, View] | None:
    """The panel a slide carries at its foot, if any."""
    if slide.view is not None:
        return "view", slide.view
    if slide.recommendation:
        return "recommendation", View("", (slide.recommendation,))
    if slide.lead:
        return "lead", View("", (slide.lead,))
    return None


def panel_on_top(slide: ArgumentSlide) -> bool:
    """A recommendation and a summary's lead come first, above the reasons; a view comes
    after the points it weighs."""
    found = panel_of(slide)
    return found is not None and found[0] != "view"


def caption_size(f: Fitter) -> float:
    return f.sizes.small + 5


# -- sections and the decision: bullets, a table, a panel --


def section(f: Fitter, slide: ArgumentSlide, title_pt: float) -> list[Fitted]:
    """The argument's slides: bullets and table beside each other, or one after the other,
    a panel at the foot or on top."""
    body = f.frames.body
    panel = _panel(f, slide)
    # -- a panel too tall is reported; the rest is fitted as if it had its largest size --
    most = body.height_pt * MAX_PANEL_SHARE
    panel_h = min(panel.height_pt, most) + PANEL_GAP_PT if panel else 0.0
    has_bullets = slide.body is not None and bool(slide.body.items)
    table = slide.table
    if has_bullets and table is not None:
        beside = _beside(f, slide, title_pt, panel, panel_h)
        if beside is not None:
            return [beside]
    parts: list[Fitted] = []
    if has_bullets or table is None:
        alone = replace(slide, table=None)
        source = f.source_height(alone)
        room = Box(body.width_pt, body.height_pt - panel_h)
        if has_bullets:
            parts = f.bullets(alone, f.place(title_pt, source, room))
        else:
            parts = [Fitted(alone, title_pt, f.sizes.body, source_pt=source)]
        if parts:  # -- none when the box had no room at all: that is reported already
            top = panel_on_top(slide)
            # -- a panel on top is said first: on the first slide; a view at the foot, last --
            at = 0 if top else -1
            parts[at] = replace(parts[at], archetype=SectionLayout(panel=panel, panel_top=top))
    if table is not None:
        # -- the table on a slide of its own, titled by its own claim: its title, else its
        #    caption (then not said again above it); the first of its kind, not continued --
        title = slide.table_title or slide.caption or slide.title
        rest = replace(
            slide,
            title=title,
            caption=slide.caption if slide.table_title else (),
            body=None,
            view=None,
            recommendation=(),
            lead=(),
            continued=slide.continued and not parts,
            source=slide.table_source,
            notes=slide.table_notes or (slide.notes if not parts else ""),
        )
        if title != slide.title:
            title_pt = f.title_size(rest)
        source = f.source_height(rest)
        caption_h = _caption_height(f, rest, body.width_pt)
        room = Box(body.width_pt, body.height_pt - caption_h)
        tables = f.table(rest, f.place(title_pt, source, room))
        parts += [replace(t, archetype=SectionLayout(caption_h_pt=caption_h)) for t in tables]
    return parts


def _beside(
    f: Fitter, slide: ArgumentSlide, title_pt: float, panel: Panel | None, panel_h: float
) -> Fitted | None:
    """Bullets and table side by side, if each fits whole at its legible size."""
    assert slide.table is not None and slide.body is not None
    body = f.frames.body
    both = replace(slide, source=slide.both_source or slide.source)
    source = f.source_height(both)
    left = (body.width_pt - COLUMN_GAP_PT) * BULLETS_SHARE
    right = body.width_pt - COLUMN_GAP_PT - left
    height = body.height_pt - panel_h
    bullets = f.bullets(replace(both, table=None), f.place(title_pt, source, Box(left, height)))
    if len(bullets) != 1:
        return None
    caption_h = _caption_height(f, both, right)
    tried = f.trial()
    tables = tried.table(
        replace(both, body=None), f.place(title_pt, source, Box(right, height - caption_h))
    )
    if tried.problems or len(tables) != 1 or tables[0].table_pt < f.sizes.min_table:
        return None
    # -- a table is at its smallest only when it could not fit larger: then it is too big --
    t = tables[0]
    if sum(t.row_heights_pt) > (height - caption_h - source) * SAFETY:
        return None
    notes = "\n".join(n for n in (slide.notes, slide.table_notes) if n)
    return replace(
        bullets[0],
        slide=replace(both, notes=notes),
        table_pt=t.table_pt,
        column_widths=t.column_widths,
        row_heights_pt=t.row_heights_pt,
        archetype=SectionLayout(beside=True, panel=panel, caption_h_pt=caption_h),
    )


def _briefing_field(field: FieldPath) -> Where:
    """A field of the briefing as a whole (``ask.recommendation``), named as it is."""
    return field, format_path(field)


def _caption_height(f: Fitter, slide: ArgumentSlide, width_pt: float) -> float:
    if not slide.caption:
        return 0.0
    size = caption_size(f)
    text = f.height(slide.caption, width_pt - 2 * INSET_X_PT, size, bold=True)
    return text / SAFETY + 2 * INSET_Y_PT + PANEL_GAP_PT / 2


def _panel(f: Fitter, slide: ArgumentSlide) -> Panel | None:
    found = panel_of(slide)
    if found is None:
        return None
    kind, view = found
    body = f.frames.body
    width = body.width_pt - PANEL_BAR_PT - 2 * PANEL_PAD_PT - 2 * INSET_X_PT
    label_pt = f.sizes.small + 1
    label_h = f.m.line_height(label_pt) / SAFETY + 2 * INSET_Y_PT if view.label else 0.0
    limit = body.height_pt * MAX_PANEL_SHARE
    # -- a panel never outranks the content: smaller than the deck's body text --
    size = f.sizes.body - 4
    floor = min(f.floor_body, size) - 2
    while True:
        # -- half an em spare, as for table cells: a line that nearly fills the panel is
        #    wrapped by some viewers (LibreOffice), and must still end inside it --
        text = sum(f.height(p, width - size / 2, size) for p in view.paragraphs)
        text += 0.3 * size * max(0, len(view.paragraphs) - 1)
        height = label_h + text / SAFETY + 2 * INSET_Y_PT + 2 * PANEL_PAD_PT
        if height <= limit or size <= floor:
            break
        size -= 1
    if height > limit:
        field = {"view": "view", "lead": "summary"}.get(kind, "recommendation")
        where: Where = (
            f.where(slide, "body", name=(field,))
            if slide.section
            else _briefing_field(("summary",) if kind == "lead" else ("ask", field))
        )
        f.fail(
            where,
            f"the {field} takes more than half a slide even at {size:g} pt",
            "shorten it to a few sentences; the briefing's body has room for the rest",
        )
    return Panel(kind, view.label, view.paragraphs, label_pt, size, height)


# -- key figures --


def figures(f: Fitter, slide: FiguresSlide, title_pt: float) -> Fitted:
    """Key figures in columns, the values as large as they go."""
    body = f.frames.body
    source = f.source_height(slide)
    n = max(1, len(slide.figures))
    column = (body.width_pt - COLUMN_GAP_PT * (n - 1)) / n - 2 * INSET_X_PT
    room = (body.height_pt - source) * SAFETY
    value_pt = 72.0 if n <= 2 else 60.0
    # -- the value on one line, as large as it goes: it is the slide --
    while value_pt > 28 and any(
        f.m.width(fig.value, True) * value_pt > column for fig in slide.figures
    ):
        value_pt -= 2
    label_pt, context_pt = f.sizes.body - 2, f.floor_body
    while True:
        value_h = max(f.height((Run(x.value),), column, value_pt, bold=True) for x in slide.figures)
        label_h = max(f.height((Run(x.label),), column, label_pt, bold=True) for x in slide.figures)
        context_h = max(
            (f.height(x.context, column, context_pt) for x in slide.figures if x.context),
            default=0.0,
        )
        total = FIGURE_RULE_PT + PANEL_GAP_PT + value_h + label_h + context_h + 6 * INSET_Y_PT
        if total <= room or label_pt <= 12:
            break
        value_pt, label_pt, context_pt = (
            max(28, value_pt - 4),
            label_pt - 1,
            max(11, context_pt - 1),
        )
    if total > room:
        f.fail(
            f.where(slide, "body", name=("key_figures",))
            if slide.section
            else _briefing_field(("key_figures",)),
            "the key figures do not fit a slide",
            "shorten their labels and context",
        )
    return Fitted(
        slide,
        title_pt,
        source_pt=source,
        archetype=FiguresLayout(value_pt, label_pt, context_pt, value_h, label_h, context_h),
    )


# -- a quote --


def quote(f: Fitter, slide: QuoteSlide, title_pt: float) -> Fitted:
    """A quote, its words large, who said it below."""
    body = f.frames.body
    source = f.source_height(slide)
    width = body.width_pt - PANEL_BAR_PT - PANEL_PAD_PT - 2 * INSET_X_PT
    room = (body.height_pt - source) * SAFETY
    by_pt = f.sizes.body - 4
    by_h = f.height(slide.by, width, by_pt)
    size = 40.0
    while True:
        quote_h = f.height(quoted(slide), width, size)
        if quote_h + by_h + PANEL_GAP_PT + 4 * INSET_Y_PT <= room or size <= f.sizes.min_body:
            break
        size -= 2
    if quote_h + by_h + PANEL_GAP_PT + 4 * INSET_Y_PT > room:
        f.fail(
            f.where(slide, "body", name=("quote",)),
            "the quote does not fit a slide",
            "quote fewer words",
        )
    return Fitted(
        slide, title_pt, source_pt=source, archetype=QuoteLayout(size, quote_h, by_pt, by_h)
    )


# -- a chart or picture --


def figure(f: Fitter, slide: FigureSlide, title_pt: float) -> Fitted:
    """A figure slide's caption above the drawing, and up to three of its points beside it
    when they fit at the theme's body size down to its smallest (fewer points, or none,
    else: the drawing is what the slide is for). Measured in whole EMU, as the writer
    places the boxes (:func:`briefing.deck.charts.layout_figure`)."""
    source = f.source_height(slide)
    ref = slide.figure
    width = emu_rounded(f.frames.body.width_pt)
    height = emu_rounded(f.frames.body.height_pt) - emu_cut(source)
    caption_pt, caption_h = f.sizes.small + 3, 0
    if ref.caption:
        need = f.height(ref.caption, points_of(width) - 2 * INSET_X_PT, caption_pt, bold=True)
        caption_h = emu_cut(need / SAFETY + 2 * INSET_Y_PT)
        height -= caption_h
    points = tuple(ref.points[:MAX_POINTS])
    room_w = points_of(int(width * POINTS_SHARE)) - 2 * INSET_X_PT
    room_h = (points_of(height) - 2 * INSET_Y_PT) * SAFETY
    while points:
        size = f.theme.body
        while size >= f.theme.min_body:
            indent = bullet_indent(size, False, len(points))
            total = sum(f.height(p, room_w - indent, size) for p in points)
            total += MIN_GAP * size * (len(points) - 1)
            if total <= room_h:
                fit = FigureFit(caption_h, caption_pt, points, size, MIN_GAP * size)
                return Fitted(slide, title_pt, f.sizes.body, source_pt=source, figure=fit)
            size -= 1
        points = points[:-1]
    fit = FigureFit(caption_h, caption_pt)
    return Fitted(slide, title_pt, f.sizes.body, source_pt=source, figure=fit)
