"""Boxes on a slide, the insets text keeps from their edges, and the room text has inside.

``Rect (EMU) -> Box (points) -> room``. The writer places shapes at ``Rect``s, in EMU
(python-pptx's lengths); the fitter measures text in points inside ``Box``es. Both take
the insets and the safety margin from here, so text is measured in exactly the box it is
written into.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from briefing.deck.units import Emu, Pt

Rect = tuple[int, int, int, int]  # left, top, width, height in EMU

# -- the insets the writer sets on every text frame and table cell: 0.1 in left and
#    right, 0.05 in top and bottom (PowerPoint's own defaults) --
INSET_X = Pt(7.2)
INSET_Y = Pt(3.6)
INSET_X_PT = INSET_X.pt
INSET_Y_PT = INSET_Y.pt
SAFETY = 0.95  # use at most this share of a box's height: renderers differ by a few per cent


class Box(NamedTuple):
    """The size of a text box, in points."""

    width_pt: float
    height_pt: float


@dataclass(frozen=True)
class Frames:
    """The boxes text goes into, read off the deck's geometry or the user's layouts."""

    title: Box  # the action title
    body: Box  # bullets or a table, with the source line at its foot
    kicker: Box  # one line above the title
    cover_title: Box  # the title and closing slides
    cover_subtitle: Box  # subtitle and meta line under it
    footer: Box  # the classification label


def box_of(rect: Rect) -> Box:
    """The size of a placed ``rect``, in points."""
    return Box(Emu(rect[2]).pt, Emu(rect[3]).pt)


def room(box: Box) -> tuple[float, float]:
    """Width and height text may take in ``box``, in points: inside the insets, and the
    height less the safety margin."""
    return box.width_pt - 2 * INSET_X_PT, (box.height_pt - 2 * INSET_Y_PT) * SAFETY


def title_box(rect: Rect, lines_pt: float) -> Rect:
    """A title's box at the foot of ``rect``, as tall as its measured lines (``lines_pt``)
    and its insets: the kicker above it then sits right on its first line."""
    left, top, width, height = rect
    need = min(height, int(Pt(lines_pt / SAFETY + 2 * INSET_Y_PT)))
    return (left, top + height - need, width, need)
