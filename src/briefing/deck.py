"""Write fitted slides as a native, editable PowerPoint deck.

``list[Slide] -> bytes (PPTX)``. Slides are made from the layouts of a deck
template (python-pptx's own by default, laid out here for 16:9; or the user's
corporate file), found by the names in ``theme.yaml``. Titles go into title
placeholders, bullets into body placeholders, tables are native tables, notes
are speaker notes. Text is measured first (:mod:`briefing.fit`) and written at
the sizes chosen there, with autofit off, so what fits here fits on screen.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from briefing.epoch import zip_date_time
from briefing.errors import BriefingError, Problem
from briefing.fit import Box, Fitted, Frames, fit_slides
from briefing.measure import deck_measurer
from briefing.model import Briefing
from briefing.slides import Rich, Slide, text_of
from briefing.theme import Theme

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
CONTENT_W = WIDTH - 2 * MARGIN
# -- default geometry (16:9): kicker, action title, body, source line, footer --
KICKER = (MARGIN, Inches(0.35), CONTENT_W, Inches(0.4))
TITLE = (MARGIN, Inches(0.72), CONTENT_W, Inches(1.38))
BODY = (MARGIN, Inches(2.3), CONTENT_W, Inches(4.1))
SOURCE = (MARGIN, Inches(6.45), CONTENT_W, Inches(0.4))
FOOTER_Y, FOOTER_H = Inches(6.95), Inches(0.35)

_TITLE_TYPES = {1, 3}  # TITLE, CENTER_TITLE
_BODY_TYPES = {2, 7, 4}  # BODY, OBJECT, SUBTITLE


def write_deck(slides: Sequence[Slide], *, briefing: Briefing, theme: Theme,
               template: str, deck_template: Path | None = None,
               epoch: int | None = None) -> bytes:
    """The deck as PPTX bytes; the same input gives the same bytes."""
    prs = Presentation(str(deck_template)) if deck_template else Presentation()
    if deck_template is None:
        prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    writer = _Writer(prs, theme, briefing, corporate=deck_template is not None)
    measurer = deck_measurer(tuple(theme.fonts.deck_metrics))
    d = theme.deck
    fitted = fit_slides(slides, frames=writer.frames(), measurer=measurer,
                        title_pt=d.title_pt, body_pt=d.body_pt, min_body_pt=d.min_body_pt,
                        table_pt=d.table_pt, min_table_pt=d.min_table_pt, template=template)
    for number, item in enumerate(fitted, start=1):
        writer.add(item, number)
    _core_properties(prs, briefing)
    out = io.BytesIO()
    prs.save(out)
    return _pin_zip_times(out.getvalue(), briefing.date, epoch)


class _Writer:
    def __init__(self, prs: Any, theme: Theme, briefing: Briefing, *, corporate: bool) -> None:
        self.prs = prs
        self.theme = theme
        self.briefing = briefing
        self.corporate = corporate
        names = theme.deck.layouts
        self.layouts = {"title": self.layout(names.title), "content": self.layout(names.content),
                        "title_only": self.layout(names.title_only)}

    def layout(self, name: str) -> Any:
        for layout in self.prs.slide_layouts:
            if layout.name == name:
                return layout
        known = ", ".join(repr(layout.name) for layout in self.prs.slide_layouts)
        raise BriefingError(Problem("theme.yaml", 0, 0, "deck.layouts",
                                    f"the deck template has no layout named {name!r}",
                                    f"its layouts are: {known}"))

    def frames(self) -> Frames:
        if not self.corporate:
            return Frames(Box(TITLE[2] * _PT, TITLE[3] * _PT), Box(BODY[2] * _PT, BODY[3] * _PT))
        content = self.layouts["content"]
        title = _placeholder(content, _TITLE_TYPES)
        body = _placeholder(content, _BODY_TYPES)
        if title is None or body is None:
            raise BriefingError(Problem("theme.yaml", 0, 0, "deck.layouts.content",
                                        f"layout {content.name!r} needs a title and a body "
                                        "placeholder"))
        return Frames(Box(title.width * _PT, title.height * _PT),
                      Box(body.width * _PT, body.height * _PT))

    # -- slides --

    def add(self, item: Fitted, number: int) -> None:
        slide = item.slide
        if slide.layout in {"title", "closing"}:
            self.title_slide(item)
        else:
            self.content_slide(item, number)

    def title_slide(self, item: Fitted) -> None:
        s = item.slide
        out = self.prs.slides.add_slide(self.layouts["title"])
        c = self.theme.colors
        if not self.corporate:
            bar = out.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(0.28), HEIGHT)
            _fill(bar, c.accent)
        title = _placeholder(out, _TITLE_TYPES)
        subtitle = _placeholder(out, _BODY_TYPES)
        if title is not None:
            if not self.corporate:
                _place(title, (MARGIN, Inches(2.2), CONTENT_W, Inches(1.7)))
            self.fill(title.text_frame, [s.title], 44, c.ink, bold=True, anchor=MSO_ANCHOR.BOTTOM)
        lines = [x for x in (s.subtitle, s.meta) if x]
        if subtitle is not None:
            if not self.corporate:
                _place(subtitle, (MARGIN, Inches(4.05), CONTENT_W, Inches(1.5)))
            frame = subtitle.text_frame
            self.fill(frame, [((_run(s.subtitle),)) if s.subtitle else ()], 22, c.muted,
                      anchor=MSO_ANCHOR.TOP)
            if s.meta:
                p = frame.add_paragraph()
                self.runs(p, (_run(s.meta),), 14, c.muted)
                p.space_before = Pt(18)
        elif lines:
            self.textbox(out, (MARGIN, Inches(4.05), CONTENT_W, Inches(1.5)), " · ".join(lines),
                         18, c.muted)
        if self.briefing.classification:
            self.textbox(out, (MARGIN, Inches(0.5), CONTENT_W, Inches(0.4)),
                         self.briefing.classification.upper(), 12, c.classification, bold=True)
        _notes(out, s.notes)

    def content_slide(self, item: Fitted, number: int) -> None:
        s = item.slide
        c, d = self.theme.colors, self.theme.deck
        kind = "title_only" if s.table is not None or s.body is None else "content"
        out = self.prs.slides.add_slide(self.layouts[kind])
        title = _placeholder(out, _TITLE_TYPES)
        if title is not None:
            if not self.corporate:
                _place(title, TITLE)
            self.fill(title.text_frame, [s.title], item.title_pt, c.accent, bold=True,
                      anchor=MSO_ANCHOR.BOTTOM)
        kicker = s.kicker + (" (continued)" if s.continued else "")
        if kicker:
            self.textbox(out, KICKER, kicker.upper(), d.small_pt + 1, c.muted, bold=True)
        if not self.corporate:
            rule = out.shapes.add_shape(MSO_SHAPE.RECTANGLE, MARGIN + Inches(0.1),
                                        TITLE[1] + TITLE[3] + Inches(0.06), Inches(1.1),
                                        Inches(0.05))
            _fill(rule, c.accent)
        body = _placeholder(out, _BODY_TYPES)
        if s.body is not None:
            assert body is not None
            if not self.corporate:
                _place(body, BODY)
            self.bullets(body.text_frame, s, item.body_pt)
        elif body is not None:
            body._element.getparent().remove(body._element)
        if s.table is not None:
            self.table(out, item)
        if s.source:
            self.textbox(out, SOURCE, s.source, d.small_pt, c.muted, italic=True)
        self.footer(out, number)
        _notes(out, s.notes)

    def bullets(self, frame: Any, slide: Slide, size: float) -> None:
        assert slide.body is not None
        frame.clear()
        _no_autofit(frame)
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for index, item in enumerate(slide.body.items):
            p = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            self.runs(p, item, size, self.theme.colors.ink)
            p.space_before = Pt(0.35 * size)
            _bullet(p, size, numbered=slide.body.numbered, start=slide.body.start,
                    colour=self.theme.colors.accent)

    def table(self, out: Any, item: Fitted) -> None:
        s = item.slide
        assert s.table is not None
        c = self.theme.colors
        rows = (s.table.header, *s.table.rows)
        columns = len(item.column_widths)
        left, top, width, _ = BODY
        height = Emu(int(sum(item.row_heights_pt) / _PT))
        shape = out.shapes.add_table(len(rows), columns, left, top, width, height)
        table = shape.table
        for i, share in enumerate(item.column_widths):
            table.columns[i].width = Emu(int(width * share))
        for r, cells in enumerate(rows):
            table.rows[r].height = Emu(int(item.row_heights_pt[r] / _PT))
            for k in range(columns):
                cell = table.cell(r, k)
                rich = cells[k] if k < len(cells) else ()
                cell.margin_left = cell.margin_right = Pt(7.2)
                cell.margin_top = cell.margin_bottom = Pt(3.6)
                frame = cell.text_frame
                frame.word_wrap = True
                self.runs(frame.paragraphs[0], rich, item.table_pt,
                          c.paper if r == 0 else c.ink, bold=r == 0)
                if r == 0:
                    _cell_fill(cell, c.accent)
                else:
                    _cell_fill(cell, c.accent_soft if r % 2 == 0 else c.paper)

    def footer(self, out: Any, number: int) -> None:
        c, d = self.theme.colors, self.theme.deck
        if self.briefing.classification:
            self.textbox(out, (MARGIN, FOOTER_Y, Inches(6), FOOTER_H),
                         self.briefing.classification.upper(), d.small_pt, c.classification,
                         bold=True)
        box = out.shapes.add_textbox(WIDTH - MARGIN - Inches(2), FOOTER_Y, Inches(2), FOOTER_H)
        p = box.text_frame.paragraphs[0]
        p.alignment = PP_ALIGN.RIGHT
        _slide_number(p, number, d.small_pt, c.muted, self.theme.fonts.deck)

    # -- text --

    def fill(self, frame: Any, paragraphs: Sequence[Rich], size: float, colour: str, *,
             bold: bool = False, anchor: Any = None) -> None:
        frame.clear()
        _no_autofit(frame)
        if anchor is not None:
            frame.vertical_anchor = anchor
        for index, rich in enumerate(paragraphs):
            p = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            self.runs(p, rich, size, colour, bold=bold)

    def textbox(self, out: Any, box: tuple[int, int, int, int], text: str, size: float,
                colour: str, *, bold: bool = False, italic: bool = False) -> None:
        shape = out.shapes.add_textbox(*box)
        frame = shape.text_frame
        frame.word_wrap = True
        _no_autofit(frame)
        self.runs(frame.paragraphs[0], (_run(text),), size, colour, bold=bold, italic=italic)

    def runs(self, p: Any, rich: Rich, size: float, colour: str, *, bold: bool = False,
             italic: bool = False) -> None:
        for piece in rich:
            run = p.add_run()
            run.text = piece.text
            font = run.font
            font.name = self.theme.fonts.deck
            font.size = Pt(size)
            font.bold = bold or piece.bold or None
            font.italic = italic or piece.italic or None
            font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
            if piece.superscript:
                run.font._element.set("baseline", "30000")
            if piece.code:
                font.name = "Consolas"
            if piece.link and piece.link.startswith(("http://", "https://", "mailto:")):
                run.hyperlink.address = piece.link


_PT = 1 / 12700  # points per EMU


def _run(text: str) -> Any:
    from briefing.slides import Run

    return Run(text)


def _placeholder(owner: Any, types: set[int]) -> Any:
    for ph in owner.placeholders:
        if int(ph.placeholder_format.type) in types:
            return ph
    return None


def _place(shape: Any, box: tuple[int, int, int, int]) -> None:
    shape.left, shape.top, shape.width, shape.height = box


def _no_autofit(frame: Any) -> None:
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.word_wrap = True


def _fill(shape: Any, colour: str) -> None:
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
    shape.line.fill.background()
    shape.shadow.inherit = False


def _cell_fill(cell: Any, colour: str) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))


def _bullet(p: Any, size: float, *, numbered: bool, start: int, colour: str) -> None:
    ppr = p._p.get_or_add_pPr()
    indent = int(Pt(0.9 * size))
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum", "a:buClr", "a:buFont"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    clr = etree.SubElement(ppr, qn("a:buClr"))
    etree.SubElement(clr, qn("a:srgbClr")).set("val", colour.lstrip("#"))
    if numbered:
        num = etree.SubElement(ppr, qn("a:buAutoNum"))
        num.set("type", "arabicPeriod")
        if start != 1:
            num.set("startAt", str(start))
    else:
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
        etree.SubElement(ppr, qn("a:buChar")).set("char", "•")


def _slide_number(p: Any, number: int, size: float, colour: str, font: str) -> None:
    # -- a real slide-number field, so the number stays right when slides move --
    fld = etree.SubElement(p._p, qn("a:fld"))
    fld.set("id", "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"slide/{number}")).upper() + "}")
    fld.set("type", "slidenum")
    rpr = etree.SubElement(fld, qn("a:rPr"))
    rpr.set("lang", "en-US")
    rpr.set("sz", str(int(size * 100)))
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", colour.lstrip("#"))
    etree.SubElement(rpr, qn("a:latin")).set("typeface", font)
    etree.SubElement(fld, qn("a:t")).text = str(number)


def _notes(out: Any, text: str) -> None:
    if text:
        out.notes_slide.notes_text_frame.text = text


def _core_properties(prs: Any, briefing: Briefing) -> None:
    props = prs.core_properties
    moment = dt.datetime.combine(briefing.date, dt.time(0, 0))
    props.title = briefing.title
    props.author = briefing.author
    props.subject = briefing.subtitle or briefing.title
    props.keywords = ", ".join(s.title for s in briefing.sections)
    props.created = moment
    props.modified = moment
    props.last_modified_by = briefing.author
    props.revision = 1
    props.language = briefing.language
    props.category = briefing.classification or ""
    props.comments = ""


def _pin_zip_times(data: bytes, day: dt.date, epoch: int | None) -> bytes:
    """Rewrite the zip with fixed entry times: the content's date, or SOURCE_DATE_EPOCH."""
    stamp = zip_date_time(day, epoch)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def deck_text(slide: Slide) -> str:
    """All the text a slide description carries (for messages and checks)."""
    return text_of(slide.title)
