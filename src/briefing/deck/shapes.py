"""Low-level python-pptx helpers: shapes, text frames, table cells and paragraph XML.

``slide, box, colour -> shape``. They know nothing of briefings: a box is a
``Rect`` in EMU, a colour a ``#rrggbb`` string. Text frames get the insets the
text was measured with (:mod:`briefing.deck.geometry`); bullets, table rules and
slide-number fields are written as the XML python-pptx has no API for.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn

from briefing.deck.geometry import INSET_X, INSET_Y, Rect
from briefing.deck.units import Pt


@dataclass(frozen=True)
class TextStyle:
    """How a run of text is set: its size in points, its ``#rrggbb`` colour, and
    whether it is bold or italic throughout (a run's own emphasis adds to it)."""

    size: float
    colour: str
    bold: bool = False
    italic: bool = False


def rgb(colour: str) -> RGBColor:
    """A ``#rrggbb`` colour as python-pptx's colour."""
    make: Any = RGBColor  # -- python-pptx is untyped --
    return make(*bytes.fromhex(colour.lstrip("#")))  # type: ignore[no-any-return]


def rect_of(shape: Any) -> Rect:
    """Where a shape or placeholder sits, in EMU."""
    return (int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def place(shape: Any, box: Rect) -> None:
    """Move and size a shape to ``box``."""
    shape.left, shape.top, shape.width, shape.height = box


def frame_defaults(frame: Any) -> None:
    """Autofit off, wrapping on, the insets the text was measured with."""
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = INSET_X
    frame.margin_top = frame.margin_bottom = INSET_Y


def rectangle(out: Any, box: Rect, colour: str) -> Any:
    """A filled rectangle with no outline and no shadow, on top of the slide's shapes."""
    shape = out.shapes.add_shape(MSO_SHAPE.RECTANGLE, *box)
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(colour)
    shape.line.fill.background()
    shape.shadow.inherit = False
    # -- no theme style: its effect reference draws a shadow in some viewers (LibreOffice) --
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    return shape


def to_back(shape: Any) -> None:
    """Move a shape behind every other shape on its slide."""
    tree = shape._element.getparent()
    tree.remove(shape._element)
    tree.insert(2, shape._element)  # after the group's own properties


def cell_fill(cell: Any, colour: str) -> None:
    """A table cell's solid background."""
    cell.fill.solid()
    cell.fill.fore_color.rgb = rgb(colour)


def cell_rule(cell: Any, colour: str) -> None:
    """A hairline under each row, no vertical rules: the consulting-table look."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for child in list(tc_pr):
        if child.tag in {qn("a:lnL"), qn("a:lnR"), qn("a:lnT"), qn("a:lnB")}:
            tc_pr.remove(child)
    for index, tag in enumerate(("a:lnL", "a:lnR", "a:lnT", "a:lnB")):  # schema order, first
        line = etree.Element(qn(tag), w="9525" if tag == "a:lnB" else "0")
        if tag == "a:lnB":
            fill = etree.SubElement(line, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr")).set("val", colour.lstrip("#"))
        else:
            etree.SubElement(line, qn("a:noFill"))
        tc_pr.insert(index, line)


def bullet(p: Any, *, numbered: bool, number: int | None, indent: float, colour: str) -> None:
    """A paragraph's marker (square or number, or none) and hanging indent in points."""
    ppr = p._p.get_or_add_pPr()
    ppr.set("marL", str(int(Pt(indent))))
    ppr.set("indent", str(-int(Pt(indent))))
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum", "a:buClr", "a:buFont", "a:buSzPct"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    if number is None:  # -- the rest of a bullet begun on the slide before: no marker --
        etree.SubElement(ppr, qn("a:buNone"))
        return
    clr = etree.SubElement(ppr, qn("a:buClr"))
    etree.SubElement(clr, qn("a:srgbClr")).set("val", colour.lstrip("#"))
    if numbered:
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "+mj-lt")
        num = etree.SubElement(ppr, qn("a:buAutoNum"))
        num.set("type", "arabicPeriod")
        num.set("startAt", str(number))
    else:
        etree.SubElement(ppr, qn("a:buSzPct")).set("val", "70000")
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
        etree.SubElement(ppr, qn("a:buChar")).set("char", "■")


def slide_number(p: Any, number: int, size: float, colour: str, font: str) -> None:
    """Append the slide's number to a paragraph, as a field."""
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


def notes(out: Any, text: str) -> None:
    """The slide's speaker notes; none when ``text`` is empty."""
    if text:
        out.notes_slide.notes_text_frame.text = text
