"""Fit slides to their boxes: choose type sizes and continue what does not fit.

``list[Slide] -> list[Slide]``. Every text box is measured with real font
metrics. Bullets shrink from the theme's size down to its minimum and no
further; past that the slide continues on the next one, marked as continued.
A table too tall continues with its header row repeated. A title that does not
fit even at the smallest size is an error naming the slide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefing.errors import BriefingError, Problem
from briefing.measure import Measurer, words_of
from briefing.slides import Bullets, Rich, Slide, Table, text_of

PT_PER_EMU = 1 / 12700
TITLE_MIN_PT = 20.0
INSET_X_PT = 7.2  # python-pptx and PowerPoint default insets: 0.1 in left and right
INSET_Y_PT = 3.6  # and 0.05 in top and bottom
PARAGRAPH_GAP = 0.35  # space before each bullet, in em
CELL_INSET_X_PT = 7.2
CELL_INSET_Y_PT = 3.6
SAFETY = 0.94  # use at most this share of a box's height: renderers differ by a few per cent


@dataclass(frozen=True)
class Box:
    width_pt: float
    height_pt: float


@dataclass(frozen=True)
class Frames:
    """The boxes text goes into, read off the deck's layouts."""

    title: Box
    body: Box


@dataclass(frozen=True)
class Fitted:
    """A slide with the sizes it is written at."""

    slide: Slide
    title_pt: float
    body_pt: float
    table_pt: float = 0.0
    column_widths: tuple[float, ...] = ()  # shares of the table width
    row_heights_pt: tuple[float, ...] = ()  # header first


def fit_slides(slides: Sequence[Slide], *, frames: Frames, measurer: Measurer, title_pt: float,
               body_pt: float, min_body_pt: float, table_pt: float, min_table_pt: float,
               template: str) -> list[Fitted]:
    """Sizes for every slide, and continuation slides where content overflows."""
    fitter = _Fitter(frames, measurer, template)
    fitted: list[Fitted] = []
    for slide in slides:
        size = fitter.title_size(slide, title_pt)
        if slide.table is not None:
            fitted += fitter.table(slide, size, table_pt, min_table_pt)
        elif slide.body is not None and slide.layout not in {"title", "closing"}:
            fitted += fitter.bullets(slide, size, body_pt, min_body_pt)
        else:
            fitted.append(Fitted(slide, size, body_pt))
    if fitter.problems:
        raise BriefingError(fitter.problems)
    return fitted


class _Fitter:
    def __init__(self, frames: Frames, measurer: Measurer, template: str) -> None:
        self.frames = frames
        self.m = measurer
        self.template = template
        self.problems: list[Problem] = []

    def height(self, rich: Rich, width: float, size: float) -> float:
        words = words_of([(run.text, run.bold) for run in rich])
        return self.m.lines(words, width, size) * self.m.line_height(size)

    def title_size(self, slide: Slide, preferred: float) -> float:
        if slide.layout in {"title", "closing"}:
            return preferred
        box = self.frames.title
        width, room = box.width_pt - 2 * INSET_X_PT, (box.height_pt - 2 * INSET_Y_PT) * SAFETY
        size = preferred
        while size >= TITLE_MIN_PT:
            if self.height(slide.title, width, size) <= room:
                return size
            size -= 1
        self.problems.append(Problem(
            self.template, 0, 0, f"slide {slide.number}",
            f"the title does not fit its box even at {TITLE_MIN_PT:g} pt: "
            f"{text_of(slide.title)[:60]!r}...",
            "shorten the headline (one sentence, the so-what)"))
        return TITLE_MIN_PT

    def bullets(self, slide: Slide, title_pt: float, preferred: float,
                minimum: float) -> list[Fitted]:
        assert slide.body is not None
        box = self.frames.body
        width = box.width_pt - 2 * INSET_X_PT - _bullet_indent(preferred)
        room = (box.height_pt - 2 * INSET_Y_PT) * SAFETY
        items = slide.body.items
        size = preferred
        while size >= minimum:
            heights = [self.height(i, width, size) + PARAGRAPH_GAP * size for i in items]
            if sum(heights) <= room:
                return [Fitted(slide, title_pt, size)]
            size -= 1
        size = minimum
        heights = [self.height(i, width, size) + PARAGRAPH_GAP * size for i in items]
        chunks: list[list[int]] = [[]]
        used = 0.0
        for index, h in enumerate(heights):
            if chunks[-1] and used + h > room:
                chunks.append([])
                used = 0.0
            chunks[-1].append(index)
            used += h
        result = []
        for part, chunk in enumerate(chunks):
            body = Bullets(tuple(items[i] for i in chunk), slide.body.numbered,
                           slide.body.start + chunk[0])
            result.append(Fitted(replace(slide, body=body, continued=part > 0), title_pt, size))
        return result

    def table(self, slide: Slide, title_pt: float, preferred: float,
              minimum: float) -> list[Fitted]:
        table = slide.table
        assert table is not None
        box = self.frames.body
        columns = max(len(table.header), *(len(r) for r in table.rows)) if table.rows else len(
            table.header)
        shares = self.column_shares(table, columns)
        room = box.height_pt * SAFETY
        size = preferred
        while True:
            widths = [box.width_pt * s - 2 * CELL_INSET_X_PT for s in shares]
            header_h = self.row_height(table.header, widths, size)
            row_hs = [self.row_height(r, widths, size) for r in table.rows]
            if header_h + sum(row_hs) <= room or size <= minimum:
                break
            size -= 1
        chunks: list[list[int]] = [[]]
        used = header_h
        for index, h in enumerate(row_hs):
            if chunks[-1] and used + h > room:
                chunks.append([])
                used = header_h
            chunks[-1].append(index)
            used += h
        result = []
        for part, chunk in enumerate(chunks):
            piece = Table(table.header, tuple(table.rows[i] for i in chunk))
            result.append(Fitted(replace(slide, table=piece, continued=part > 0), title_pt,
                                 size, size, tuple(shares),
                                 (header_h, *(row_hs[i] for i in chunk))))
        return result

    def row_height(self, cells: Sequence[Rich], widths: Sequence[float], size: float) -> float:
        tallest = max((self.height(c, w, size) for c, w in zip(cells, widths, strict=False)),
                      default=self.m.line_height(size))
        return tallest + 2 * CELL_INSET_Y_PT

    def column_shares(self, table: Table, columns: int) -> list[float]:
        # -- share the width by how much text each column holds, within sensible bounds --
        weight = [1.0] * columns
        for row in (table.header, *table.rows):
            for i, cell in enumerate(row[:columns]):
                weight[i] = max(weight[i], self.m.width(text_of(cell)) ** 0.5)
        total = sum(weight)
        shares = [max(0.5 / columns, w / total) for w in weight]
        scale = sum(shares)
        return [s / scale for s in shares]


def _bullet_indent(size: float) -> float:
    return 0.9 * size  # the hanging indent the writer gives bullets
