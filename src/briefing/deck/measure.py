"""Measure text with real font metrics, so a slide's text is known to fit before it is written.

The deck names a font the presenter has (Calibri); it is measured with a file
of the same metrics (Carlito). Without that file, a wider font (DejaVu Sans)
is used, so the estimate errs on the safe side: text may end up a little
roomier than needed, never overflowing.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

from briefing.errors import BriefingError, Fault, Problem
from briefing.look.fonts import FALLBACK_METRICS, find_font

_UNITS = 1000  # fonts are measured once at this size, then scaled
# -- a character the measuring font lacks is drawn from some other font: count it a
#    little wider than such fonts draw it (CJK 1 em, emoji up to about 1.3 em, other
#    scripts less than 1 em) and its lines as tall as theirs (Noto CJK 1.45 em), so
#    such text still errs on the safe side --
FOREIGN_LINE = 1.5


def _foreign_em(char: str) -> float:
    if unicodedata.category(char) == "So":
        return 1.4  # -- emoji and other pictographs --
    if unicodedata.east_asian_width(char) in {"W", "F"}:
        return 1.05  # -- CJK ideographs, kana, hangul, full-width forms --
    return 1.2


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
        self._covered = (_characters(regular), _characters(bold))

    def covers(self, text: str) -> bool:
        """Whether the measuring font has every character of ``text``."""
        return all(ord(char) in self._covered[0] for char in text if char not in "\n\t")

    @functools.lru_cache(maxsize=65536)  # noqa: B019 -- one measurer per build
    def width(self, text: str, bold: bool = False) -> float:
        """Width of ``text`` at 1 pt, in points."""
        font, covered = self._fonts[int(bold)], self._covered[int(bold)]
        if all(ord(char) in covered for char in text):
            return float(font.getlength(text)) / _UNITS
        total, run = 0.0, ""
        for char in text:
            if ord(char) in covered:
                run += char
            else:
                total += _foreign_em(char)
        return total + float(font.getlength(run)) / _UNITS

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
                for piece in self.break_word(word.text, word.bold, limit):
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

    def break_word(self, text: str, bold: bool, limit_em: float) -> list[str]:
        """``text`` in pieces each as long as fits ``limit_em`` (one letter at least): how a
        word longer than a line is broken, here and where a bullet is cut (fit.py)."""
        pieces, current = [], ""
        for char in text:
            if current and self.width(current + char, bold) > limit_em:
                pieces.append(current)
                current = char
            else:
                current += char
        if current:
            pieces.append(current)
        return pieces

    def line_height(self, size_pt: float, text: str = "") -> float:
        """Height of one line of ``text``; taller if the font lacks some of its characters."""
        factor = self.line_factor if self.covers(text) else max(self.line_factor, FOREIGN_LINE)
        return factor * size_pt


def _characters(path: Path) -> frozenset[int]:
    """The code points a font file has glyphs for."""
    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


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
        try:
            return Measurer(found[0], found[1])  # type: ignore[arg-type]
        except OSError as err:  # -- a file of that name that is no font --
            raise BriefingError(
                Problem.in_file(
                    "templates/theme.yaml",
                    f"{found[0]} or {found[1]} is not a font file ({err})",
                    hint="name TrueType or OpenType files, such as Carlito-Regular.ttf",
                    path="fonts.deck_metrics",
                    fault=Fault.TEMPLATE,
                )
            ) from None
    fallback = [find_font(name) for name in FALLBACK_METRICS]
    if all(fallback):
        return Measurer(fallback[0], fallback[1], least_line=1.25)  # type: ignore[arg-type]
    raise BriefingError(
        # -- what is missing is a font on this machine, not a fault in the theme: said as
        #    the PDF's missing fonts are, naming the theme setting that lists them --
        Problem.in_file(
            "fonts",
            f"no font to measure the deck with: neither {', '.join(metrics)} (the theme's "
            f"fonts.deck_metrics) nor {', '.join(FALLBACK_METRICS)} is installed",
            hint="install fonts-crosextra-carlito (or fonts-dejavu-core), e.g. with `make system`",
            fault=Fault.TOOL,
        )
    )
