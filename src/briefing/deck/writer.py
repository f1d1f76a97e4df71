"""Write fitted slides as a native, editable PowerPoint deck.

``list[Slide] -> bytes (PPTX)``. Slides are made from the layouts of a deck
template (:mod:`briefing.deck.template`: python-pptx's own by default, laid out
for 16:9; or the user's corporate file, whose layouts are found by the names in
``theme.yaml`` and checked before anything is built). Titles go into title
placeholders, bullets into body placeholders, tables are native tables, notes
are speaker notes. Every box is placed where it was measured
(:mod:`briefing.deck.fitting`) and written at the sizes chosen there, with autofit off,
insets and line spacing explicit, so what fits here fits on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from briefing.content.model import Briefing
from briefing.deck import archetype_writing
from briefing.deck.accessibility import decorative, reading_order
from briefing.deck.fit import Fitted, Sizes, bullet_indent, decimal_pads
from briefing.deck.fitting import fit_slides
from briefing.deck.geometry import INSET_X, INSET_Y, SAFETY, Rect, title_box
from briefing.deck.identity import adopt, template_scheme
from briefing.deck.measure import Measurer, deck_measurer
from briefing.deck.oxml import (
    all_caps,
    bullet,
    cell_rule,
    character_style,
    copy_placeholder,
    remove_shape,
    restyle_slide_number_field,
    slide_number,
    superscript,
    table_header_only,
    to_back,
)
from briefing.deck.package import save_deck
from briefing.deck.shapes import (
    TextStyle,
    cell_fill,
    frame_defaults,
    notes,
    place,
    rectangle,
)
from briefing.deck.slides import (
    Boxed,
    Cover,
    FigureSlide,
    Listed,
    Rich,
    Run,
    Slide,
    body_of,
    table_of,
)
from briefing.deck.template import (
    BODY_TYPES,
    SUBTITLE_TYPES,
    TITLE_TYPES,
    Geometry,
    open_default,
    open_template,
    placeholder,
)
from briefing.deck.units import Emu, Inches, Pt
from briefing.document.assets import Assets
from briefing.epoch import zip_date_time
from briefing.errors import BriefingError, Problem
from briefing.look.theme import Theme, load_theme
from briefing.project import default_templates

WORD_JOINER = "\u2060"
# -- a layout's placeholders for the slide's foot: date, footer and slide number --
DATE_TYPE, FOOTER_TYPE, SLIDE_NUMBER_TYPE = 16, 15, 13
LAYOUT_FOOTER_TYPES = {DATE_TYPE, FOOTER_TYPE, SLIDE_NUMBER_TYPE}


def write_deck(
    slides: Sequence[Slide],
    *,
    briefing: Briefing,
    theme: Theme,
    template: str,
    deck_template: Path | None = None,
    epoch: int | None = None,
    continued: str,
    draft: str = "",
    assets: Assets | None = None,
) -> bytes:
    """The deck as PPTX bytes; the same input gives the same bytes. ``continued`` is the
    word that marks a slide carrying on from the one before; ``draft``, when given, is
    the mark every slide of a draft carries."""
    if deck_template is None:
        prs, found, geometry = open_default()
    else:
        prs, found, geometry = open_template(deck_template, theme)
        # -- the template's own colours and font, where theme.yaml keeps the defaults --
        default = load_theme(default_templates() / "theme.yaml")
        theme = adopt(theme, template_scheme(prs), default=default)
    measurer = deck_measurer(tuple(theme.fonts.deck_metrics))
    writer = _Writer(
        prs,
        found,
        geometry,
        theme,
        briefing,
        corporate=deck_template is not None,
        continued=continued,
        # -- figures: the pictures and logo read once for every output, the measurer for
        #    the points beside a drawing, the time a chart's workbook is stamped with --
        assets=assets if assets is not None else Assets(theme),
        measurer=measurer,
        stamp=zip_date_time(briefing.date, epoch),
        template=template,
    )
    sizes = Sizes.of(theme.deck)
    fitted = fit_slides(
        slides,
        frames=geometry.frames(),
        measurer=measurer,
        sizes=sizes,
        template=template,
        classification=briefing.classification or "",
        continued=continued,
        sections=[section.id for section in briefing.sections],
    )
    for number, item in enumerate(fitted, start=1):
        writer.add(item, number)
        if draft:
            writer.draft_mark(prs.slides[len(prs.slides) - 1], draft)
    return save_deck(prs, briefing, epoch)


def capitals(shape: Any) -> None:
    """Set a kicker in capitals by its font (``cap="all"``), its text as written: the
    section's title reads back as the content has it, and is measured in capitals."""
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            all_caps(run)


class _Writer:
    def __init__(
        self,
        prs: Any,
        layouts: dict[str, Any],
        geometry: Geometry,
        theme: Theme,
        briefing: Briefing,
        *,
        corporate: bool,
        continued: str,
        assets: Assets,
        measurer: Measurer,
        stamp: tuple[int, int, int, int, int, int],
        template: str,
    ) -> None:
        self.prs = prs
        self.layouts = layouts
        self.g = geometry
        self.theme = theme
        self.briefing = briefing
        self.corporate = corporate
        self.continued = continued
        self.said: set[str] = set()  # -- speaker notes already given on a slide
        self.assets = assets
        self.measurer = measurer
        self.stamp = stamp
        self.template = template
        self.logo_alt = "Logo"
        # -- the edition date, for a template's date placeholder --
        self.long_date = briefing.date.isoformat()

    def add(self, item: Fitted, number: int) -> None:
        slide = item.slide
        match slide:
            case Cover():
                self.cover(item, slide, number)
            case _:
                self.content(item, slide, number)

    def cover(self, item: Fitted, s: Cover, number: int) -> None:
        c, g = self.theme.colors, self.g
        out = self.prs.slides.add_slide(self.layouts["title"])
        ink, soft = c.ink, c.muted
        if not self.corporate:
            # -- the PDF cover's tokens: a dark ink panel, the accent as a rule under the
            #    title and a band at the foot; reads from across a room --
            panel = decorative(rectangle(out, (0, 0, g.width, g.height), c.ink))
            to_back(panel)
            decorative(
                rectangle(
                    out,
                    (
                        g.cover_title[0] + INSET_X,
                        g.cover_title[1] + g.cover_title[3] + Inches(0.12),
                        Inches(1.4),
                        Inches(0.08),
                    ),
                    c.accent,
                )
            )
            band = (0, g.height - Inches(0.14), g.width, Inches(0.14))
            decorative(rectangle(out, band, c.accent))
            ink, soft = c.paper, c.accent_soft
        title = placeholder(out, TITLE_TYPES)
        place(title, g.cover_title)
        self.fill(
            title.text_frame,
            [s.title],
            TextStyle(item.title_pt, ink, bold=True),
            anchor=MSO_ANCHOR.BOTTOM,
            align=PP_ALIGN.LEFT,
        )
        if s.kicker:
            # -- the kicker sits right above the title's first line, as on content slides --
            left, title_top, width, _ = box = title_box(g.cover_title, item.title_h_pt)
            place(title, box)
            capitals(
                self.textbox(
                    out,
                    (left, title_top - g.kicker[3], width, g.kicker[3]),
                    s.kicker,
                    TextStyle(self.theme.deck.small_pt + 1, soft, bold=True),
                    anchor=MSO_ANCHOR.BOTTOM,
                    name="Kicker",
                )
            )
        subtitle = placeholder(out, SUBTITLE_TYPES)
        place(subtitle, g.cover_subtitle)
        frame = subtitle.text_frame
        self.fill(
            frame,
            [(Run(s.subtitle),)] if s.subtitle else [],
            TextStyle(item.subtitle_pt, soft),
            anchor=MSO_ANCHOR.TOP,
            align=PP_ALIGN.LEFT,
        )
        if s.meta:
            p = frame.add_paragraph() if s.subtitle else frame.paragraphs[0]
            self.paragraph(p, (Run(s.meta),), TextStyle(item.subtitle_pt * 0.75, soft))
            p.space_before = Pt(0.6 * item.subtitle_pt)
            p.alignment = PP_ALIGN.LEFT
        if s.layout != "title":
            self.footer(out, number, on_brand=not self.corporate)
        elif self.briefing.classification:
            # -- the title slide carries the label on top, and no slide number --
            archetype_writing.classification_label(self, out)
        if self.assets.logo is not None and s.layout in {"title", "closing"}:
            self.logo(out, cover=True)
        notes(out, self.own_notes(s))
        reading_order(out)

    def content(self, item: Fitted, s: Boxed, number: int) -> None:
        c, d, g = self.theme.colors, self.theme.deck, self.g
        slide_body, slide_table = body_of(s), table_of(s)
        kind = "content" if slide_body is not None else "title_only"
        out = self.prs.slides.add_slide(self.layouts[kind])
        title = placeholder(out, TITLE_TYPES)
        # -- the title at one position on every content slide: the top of its box, the
        #    kicker right above; a continuation says so in its title, so every title is its own
        place(title, g.title)
        heading = (*s.title, Run(f" ({self.continued})")) if s.continued else s.title
        self.fill(
            title.text_frame,
            [heading],
            TextStyle(item.title_pt, c.ink, bold=True),
            anchor=MSO_ANCHOR.TOP,
            align=PP_ALIGN.LEFT,
        )
        if s.kicker:
            capitals(
                self.textbox(
                    out,
                    g.kicker,
                    s.kicker,
                    TextStyle(d.small_pt + 1, c.accent, bold=True),
                    anchor=MSO_ANCHOR.BOTTOM,
                    name="Kicker",
                )
            )
        if not self.corporate:
            # -- the rule right under the title's last line --
            left, top, width, height = g.title
            need = min(height, Pt(item.title_h_pt / SAFETY + 2 * INSET_Y.pt))
            decorative(
                rectangle(
                    out,
                    (
                        left + Inches(0.1),
                        top + need + Inches(0.07),
                        width - Inches(0.2),
                        Pt(1.25),
                    ),
                    c.accent,
                )
            )
        body = placeholder(out, BODY_TYPES)
        if archetype_writing.draws(item):
            if body is not None and slide_body is None:
                remove_shape(body)
            archetype_writing.draw(self, out, item, body)
        elif slide_body is not None:
            left, top, width, height = g.body
            place(body, (left, top, width, height - Pt(item.source_pt)))
            self.bullets(body.text_frame, item)
            body.text_frame.vertical_anchor = archetype_writing.list_anchor(item)
        elif body is not None:
            remove_shape(body)
        if slide_table is not None and not archetype_writing.draws(item):
            self.table(out, item)
        if isinstance(s, FigureSlide):
            self.figure(out, s, item)
        if s.source:
            left, top, width, height = g.body
            size = Pt(item.source_pt)
            self.textbox(
                out,
                (left, top + height - size, width, size),
                s.source,
                TextStyle(d.small_pt, c.muted, italic=True),
                anchor=MSO_ANCHOR.BOTTOM,
                name="Source",
            )
        self.footer(out, number)
        notes(out, self.own_notes(s))
        reading_order(out)

    def own_notes(self, s: Slide) -> str:
        """The slide's notes; a continuation whose notes were said on the slide before gets
        what it shows instead (its bullets with their markers, its table's rows), so no
        slide repeats another's notes."""
        text = s.notes
        if text in self.said:
            text = archetype_writing.continued_notes(s, self.continued)
        self.said.add(text)
        return text

    def figure(self, out: Any, s: FigureSlide, item: Fitted) -> None:
        """A figure slide's caption, chart or picture, and points (:mod:`briefing.deck.charts`)."""
        from briefing.deck.charts import add_figure, layout_figure

        found = [x for x in self.briefing.sections if x.id == s.section]
        if not found or not 0 <= s.figure.index < len(found[0].figures):
            raise BriefingError(
                Problem.in_template(
                    self.template,
                    f"<figure data-figure={s.figure.index}> names no figure of "
                    f"section {s.section!r}",
                    hint="number a section's figures from 0, in data-section's section",
                    part=f"slide {s.number}",
                )
            )
        figure = found[0].figures[s.figure.index]
        assert item.figure is not None  # -- every figure slide is fitted with its measures
        layout = layout_figure(item.figure, self.g.body, source_pt=item.source_pt)
        add_figure(
            out,
            layout,
            s.figure,
            figure,
            theme=self.theme,
            picture=self.assets.pictures.get((s.section, s.figure.index)),
            paragraph=self.paragraph,
            stamp=self.stamp,
        )

    def logo(self, out: Any, *, cover: bool) -> None:
        """The theme's logo: on a light plate at the title slide's top left (the handling
        label is at the right), or small in the footer beside the slide number."""
        from briefing.deck.charts import add_picture

        logo = self.assets.logo
        assert logo is not None
        g, c = self.g, self.theme.colors
        right = g.body[0] + g.body[2]
        if cover:
            left, top = g.cover_title[0] + INSET_X, Inches(0.5)
            scale = min(Inches(2.6) / logo.width, Inches(0.55) / logo.height)
            box: Rect = (left, top, int(logo.width * scale), int(logo.height * scale))
            if not self.corporate:
                pad = Inches(0.1)
                plate = (left - pad, top - pad, box[2] + 2 * pad, box[3] + 2 * pad)
                decorative(rectangle(out, plate, c.paper))
            add_picture(out, logo, box, alt=self.logo_alt)
            return
        _, bottom, _, height = g.footer
        box = (right - Inches(1.5) - Inches(1.8), bottom, Inches(1.7), height)
        shape = add_picture(out, logo, box, alt=self.logo_alt)
        shape.left = box[0] + box[2] - shape.width  # -- flush right, beside the number --

    def bullets(self, frame: Any, item: Fitted) -> None:
        body, size = body_of(item.slide), item.body_pt
        assert body is not None
        style = TextStyle(size, self.theme.colors.ink)
        self.fill(frame, [], style, anchor=MSO_ANCHOR.TOP)
        number = body.start
        indent = bullet_indent(size, body.numbered, body.start + len(body.items) - 1)
        for index, rich in enumerate(body.items):
            p = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            carried = index == 0 and body.continued_first
            # -- a viewer sets a list's number in the style of the item's first character:
            #    an item that starts in bold starts with an invisible plain word joiner, so
            #    every number of a list reads alike --
            lead = body.numbered and not carried and bool(rich) and rich[0].bold
            self.paragraph(p, (Run(WORD_JOINER), *rich) if lead else rich, style)
            if index:
                p.space_before = Pt(item.gap_pt)
            bullet(
                p,
                numbered=body.numbered,
                number=None if carried or body.plain else number,
                indent=0.0 if body.plain else indent,
                colour=self.theme.colors.accent,
            )
            number += 0 if carried else 1

    def table(self, out: Any, item: Fitted, box: Rect | None = None) -> None:
        s, c = item.slide, self.theme.colors
        assert isinstance(s, Listed) and s.table is not None  # -- a table's slide: fitted so
        rows = (s.table.header, *s.table.rows)
        columns = len(item.column_widths)
        # -- inset like the text boxes, so the table's edges line up with the text above --
        left, top, width, room = box or self.g.body
        left, width = left + INSET_X, width - 2 * INSET_X
        # -- a short table is given air, up to twice its rows' height, so it does not
        #    leave the foot of the slide empty --
        room_pt = (Emu(room).pt - item.source_pt) * SAFETY
        stretch = max(1.0, min(2.2, room_pt / max(1.0, sum(item.row_heights_pt))))
        heights = [h * stretch for h in item.row_heights_pt]
        height = Pt(sum(heights))
        numeric = s.table.numeric
        marked = s.table.marked
        # -- a figure stands off the cell's right edge by what lines its column up on the
        #    decimal point, measured as the fitter measured it --
        pads = decimal_pads(s.table, self.measurer)
        shape = out.shapes.add_table(len(rows), columns, left, top, width, height)
        table = shape.table
        # -- widths in whole EMU that add up to the frame's width exactly --
        edges = [round(width * sum(item.column_widths[:i])) for i in range(columns + 1)]
        edges[-1] = width
        for i in range(columns):
            table.columns[i].width = Emu(edges[i + 1] - edges[i])
        table_header_only(table)
        for r, cells in enumerate(rows):
            table.rows[r].height = Pt(heights[r])
            highlight = r > 0 and r - 1 < len(marked) and marked[r - 1]
            for k in range(columns):
                cell = table.cell(r, k)
                rich = cells[k] if k < len(cells) else ()
                pad = pads[r - 1][k] if r and k < len(pads[r - 1]) else 0.0
                cell.margin_left = INSET_X
                cell.margin_right = Emu(INSET_X + Pt(pad * item.table_pt))
                cell.margin_top = cell.margin_bottom = INSET_Y
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE if stretch > 1 else MSO_ANCHOR.TOP
                frame = cell.text_frame
                frame.word_wrap = True
                # -- the first column names the row: bold, as in the PDF --
                self.paragraph(
                    frame.paragraphs[0],
                    rich,
                    TextStyle(
                        item.table_pt,
                        c.paper if r == 0 else c.ink,
                        bold=r == 0 or k == 0 or highlight,
                    ),
                )
                if k < len(numeric) and numeric[k]:
                    frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
                cell_rule(cell, c.rule)
                band = c.accent_soft if r % 2 == 0 else c.paper
                fill = archetype_writing.tint(c.accent, 0.22) if highlight else band
                cell_fill(cell, c.accent if r == 0 else fill)

    def draft_mark(self, out: Any, word: str) -> None:
        """The draft's mark, a filled label in the slide's top right corner: readable on
        the brand panel and on white alike."""
        size = self.theme.deck.small_pt + 1
        width, height = Pt(size * 0.75 * len(word) + 16), Pt(size * 1.9)
        box = (self.prs.slide_width - width - Inches(0.3), Inches(0.12), width, height)
        rectangle(out, box, self.theme.colors.classification)
        self.textbox(
            out,
            box,
            word.upper(),
            TextStyle(size, self.theme.colors.paper, bold=True),
            anchor=MSO_ANCHOR.MIDDLE,
        )
        out.shapes[-1].text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER

    def footer(self, out: Any, number: int, *, on_brand: bool = False) -> None:
        """Classification label left, slide number right; light on the brand panel. On a
        corporate template whose layout has footer and slide-number placeholders, those:
        placed, styled and coloured as the template draws them."""
        if self.corporate and self.layout_footer(out, number):
            return
        c, d, g = self.theme.colors, self.theme.deck, self.g
        left, top, _, height = g.footer
        right = g.body[0] + g.body[2]
        if not self.corporate:
            rule = c.accent_soft if on_brand else c.rule
            decorative(rectangle(out, (left, top - Inches(0.04), right - left, Pt(0.75)), rule))
        if self.briefing.classification:
            self.textbox(
                out,
                g.footer,
                self.briefing.classification.upper(),
                TextStyle(d.small_pt, c.paper if on_brand else c.classification, bold=True),
                name="Footer",
            )
        if self.assets.logo is not None and not on_brand:
            self.logo(out, cover=False)
        box = out.shapes.add_textbox(right - Inches(1.5), top, Inches(1.5), height)
        box.name = "Slide number"
        frame_defaults(box.text_frame)
        p = box.text_frame.paragraphs[0]
        p.alignment = PP_ALIGN.RIGHT
        colour = c.accent_soft if on_brand else c.muted
        slide_number(p, number, d.small_pt, colour, self.theme.fonts.deck)

    def layout_footer(self, out: Any, number: int) -> bool:
        """Fill the slide layout's own footer (the classification), slide-number and date
        placeholders, copied onto the slide as PowerPoint does; False when the layout has
        no slide-number placeholder, or a classification but no footer placeholder."""
        found = {
            int(ph.placeholder_format.type): ph
            for ph in out.slide_layout.placeholders
            if int(ph.placeholder_format.type) in LAYOUT_FOOTER_TYPES
        }
        label = (self.briefing.classification or "").upper()
        if SLIDE_NUMBER_TYPE not in found or (label and FOOTER_TYPE not in found):
            return False
        texts = {
            FOOTER_TYPE: label,
            DATE_TYPE: self.long_date,
            SLIDE_NUMBER_TYPE: str(number),
        }
        for kind, ph in sorted(found.items()):
            text = texts[kind]
            if not text:
                continue
            shape = copy_placeholder(out, ph)
            # -- the layout's own slide-number field, so the number follows a moved slide;
            #    at the deck's small size and in its font, as measured --
            if kind == SLIDE_NUMBER_TYPE and restyle_slide_number_field(
                shape, text, self.theme.deck.small_pt, self.theme.fonts.deck
            ):
                continue
            frame = shape.text_frame
            frame.clear()
            if kind == SLIDE_NUMBER_TYPE:
                slide_number(
                    frame.paragraphs[0],
                    number,
                    self.theme.deck.small_pt,
                    self.theme.colors.muted,
                    self.theme.fonts.deck,
                )
            else:
                run = frame.paragraphs[0].add_run()
                run.text = text
                run.font.size = Pt(self.theme.deck.small_pt)
                run.font.name = self.theme.fonts.deck
        return True

    # -- text --

    def fill(
        self,
        frame: Any,
        paragraphs: Sequence[Rich],
        style: TextStyle,
        *,
        anchor: Any = None,
        align: Any = None,
    ) -> None:
        frame.clear()
        frame_defaults(frame)
        if anchor is not None:
            frame.vertical_anchor = anchor
        for index, rich in enumerate(paragraphs):
            p = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            self.paragraph(p, rich, style)
            if align is not None:
                p.alignment = align

    def textbox(
        self,
        out: Any,
        box: Rect,
        text: str,
        style: TextStyle,
        *,
        anchor: Any = None,
        name: str = "",
    ) -> Any:
        shape = out.shapes.add_textbox(*box)
        if name:
            shape.name = name
        # -- a new box holds one empty paragraph: fill's clear() leaves it as it is --
        self.fill(shape.text_frame, [(Run(text),)], style, anchor=anchor)
        return shape

    def paragraph(self, p: Any, rich: Rich, style: TextStyle) -> None:
        p.line_spacing = 1.0  # -- the spacing the text was measured at, whatever the master says
        p.space_before = Pt(0)
        for piece in rich:
            run = p.add_run()
            run.text = piece.text
            character_style(
                run,
                typeface=self.theme.fonts.deck,
                size=Pt(style.size),
                bold=style.bold or piece.bold,
                italic=style.italic or piece.italic,
                colour=style.colour,
            )
            if piece.superscript:
                superscript(run)
            # -- code stays in the deck font: a monospaced face is wider than the metrics
            #    the text was measured with, and not on every presenter's machine --
            if piece.link and piece.link.startswith(("http://", "https://", "mailto:")):
                run.hyperlink.address = piece.link
