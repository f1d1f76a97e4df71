"""Measure text with real font metrics, so a slide's text is known to fit before it is written.

The deck names a font the presenter has (Calibri); it is measured with a file
of the same metrics (Carlito). Without that file, a wider font (DejaVu Sans)
is used, so the estimate errs on the safe side: text may end up a little
roomier than needed, never overflowing.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from briefing.errors import BriefingError, Problem
from briefing.fonts import FALLBACK_METRICS, find_font

_UNITS = 1000  # fonts are measured once at this size, then scaled


@dataclass(frozen=True)
class Word:
    text: str
    bold: bool = False


class Measurer:
    """Widths and line heights of text in one font family (regular and bold)."""

    def __init__(self, regular: Path, bold: Path, *, least_line: float = 1.2) -> None:
        self.files = (regular, bold)
        self._fonts = (
            ImageFont.truetype(str(regular), _UNITS),
            ImageFont.truetype(str(bold), _UNITS),
        )
        # -- PowerPoint's single line spacing is about 1.2 em; LibreOffice uses the font's
        #    own ascent + descent + line gap (1.22 em for Carlito), which is FreeType's
        #    line height: take the larger --
        self.line_factor = max(least_line, float(self._fonts[0].font.height) / _UNITS)

    @functools.lru_cache(maxsize=65536)  # noqa: B019 -- one measurer per build
    def width(self, text: str, bold: bool = False) -> float:
        """Width of ``text`` at 1 pt, in points."""
        return float(self._fonts[int(bold)].getlength(text)) / _UNITS

    def lines(self, words: Sequence[Word], width_pt: float, size_pt: float) -> int:
        """How many lines ``words`` take in a box ``width_pt`` wide, wrapping as PowerPoint does."""
        if not words:
            return 1
        limit = width_pt / size_pt
        space = self.width(" ")
        count, used = 1, 0.0
        for word in words:
            w = self.width(word.text, word.bold)
            if w > limit:
                # -- a word longer than the line is broken across lines --
                pieces = _break_word(self, word, limit)
                for piece in pieces:
                    pw = self.width(piece, word.bold)
                    if used and used + space + pw > limit:
                        count += 1
                        used = pw
                    else:
                        used += (space if used else 0) + pw
                continue
            if used and used + space + w > limit:
                count += 1
                used = w
            else:
                used += (space if used else 0) + w
        return count

    def line_height(self, size_pt: float) -> float:
        return self.line_factor * size_pt


def _break_word(measurer: Measurer, word: Word, limit: float) -> list[str]:
    pieces, current = [], ""
    for char in word.text:
        if current and measurer.width(current + char, word.bold) > limit:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def words_of(runs: Sequence[tuple[str, bool]]) -> list[Word]:
    """Split (text, bold) runs into words; a word keeps the boldness of its first run."""
    words: list[Word] = []
    glue = False  # the previous run ended inside a word
    for text, bold in runs:
        parts = text.split(" ")
        for i, part in enumerate(parts):
            if not part:
                glue = False
                continue
            if i == 0 and glue and words:
                words[-1] = Word(words[-1].text + part, words[-1].bold)
            else:
                words.append(Word(part, bold))
            glue = True
        if text.endswith(" "):
            glue = False
    return words


@functools.cache
def deck_measurer(metrics: tuple[str, ...]) -> Measurer:
    """The measurer for the deck font: the theme's metric files, else a wider fallback.

    The fallback (DejaVu Sans) sets wider than Calibri, and its lines are counted at
    1.25 em, more than Calibri's 1.22: an estimate made with it errs on the safe side.
    """
    found = [find_font(name) for name in metrics[:2]]
    if all(found) and len(found) == 2:
        return Measurer(found[0], found[1])  # type: ignore[arg-type]
    fallback = [find_font(name) for name in FALLBACK_METRICS]
    if all(fallback):
        return Measurer(fallback[0], fallback[1], least_line=1.25)  # type: ignore[arg-type]
    raise BriefingError(
        Problem(
            "templates/theme.yaml",
            0,
            0,
            "fonts.deck_metrics",
            f"no font to measure the deck with: neither {', '.join(metrics)} nor "
            f"{', '.join(FALLBACK_METRICS)} is installed",
            "install fonts-crosextra-carlito (or fonts-dejavu-core), e.g. with `make system`",
        )
    )
