"""The deck's one vocabulary of lengths: python-pptx's ``Length`` family, and what it lacks.

``points or inches -> Emu``. Every length in :mod:`briefing.deck` is an ``Emu`` (an
``int``), made with python-pptx's ``Pt``, ``Inches`` or ``Emu`` and read back in points
with ``Length.pt``; modules import them from here, so a length is spelled one way.

What the family lacks is the figure slide's measure (:func:`briefing.deck.archetypes.figure`
and :func:`briefing.deck.charts.layout_figure`), which works in whole EMU and converts
through the reciprocal of the EMU-per-point ratio: :func:`emu_rounded`, :func:`emu_cut`,
:func:`points_of`. ``Pt(x)`` multiplies by the ratio instead, which can land one EMU away
(for about one source height in sixteen), so the fit and the writer of a figure slide both
use these three, and the written decks stay what they were. This is the only module of the
deck stage that names the ratio.
"""

from __future__ import annotations

from pptx.util import Emu, Inches, Length, Pt

__all__ = ["EMU_PER_PT", "Emu", "Inches", "Length", "Pt", "emu_cut", "emu_rounded", "points_of"]

EMU_PER_PT = int(Pt(1))
_PT_PER_EMU = 1 / EMU_PER_PT  # -- the figure measure's factor (see the module's note) --


def emu_rounded(points: float) -> Emu:
    """``points`` in the nearest whole EMU."""
    return Emu(round(points / _PT_PER_EMU))


def emu_cut(points: float) -> Emu:
    """``points`` in whole EMU, the fraction cut off (as python-pptx's ``Pt`` does)."""
    return Emu(int(points / _PT_PER_EMU))


def points_of(emu: int) -> float:
    """``emu`` in points, as the figure measure computes them."""
    return emu * _PT_PER_EMU
