"""Low-level python-pptx helpers: shapes, text frames and table cells.

``slide, box, colour -> shape``. They know nothing of briefings: a box is a
``Rect`` in EMU, a colour a ``#rrggbb`` string. Text frames get the insets the
text was measured with (:mod:`briefing.deck.geometry`). What python-pptx has no API for
(bullets, table rules, slide-number fields) is in :mod:`briefing.deck.oxml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE

from briefing.deck.geometry import INSET_X, INSET_Y, Rect
from briefing.deck.oxml import drop_theme_style


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
    drop_theme_style(shape)
    return shape


def cell_fill(cell: Any, colour: str) -> None:
    """A table cell's solid background."""
    cell.fill.solid()
    cell.fill.fore_color.rgb = rgb(colour)


def notes(out: Any, text: str) -> None:
    """The slide's speaker notes; none when ``text`` is empty."""
    if text:
        out.notes_slide.notes_text_frame.text = text
