"""Fit a slide's parts to their boxes: choose type sizes and continue what does not fit.

``Slide -> list[Fitted]``, one part at a time (a title, bullets, a table), for
:mod:`briefing.deck.fitting`, which fits a whole deck, and
:mod:`briefing.deck.archetypes`, which lays out the executive slides with these
measures. What a fitted slide is (:class:`Fitted`, the archetypes' layouts) is
defined here. Every text box is measured with real font
metrics (:mod:`briefing.deck.measure`). Titles shrink from the theme's size to its
minimum; bullets likewise, and past their minimum the slide continues on the
next one, marked as continued. A single bullet taller than a whole slide is cut
between words (a word longer than a line, between letters) and carried over. A
table too tall continues with its header row repeated. What cannot fit at all
(a title, or one table row taller than a slide) is an error naming the slide
and the content field, never text outside its box.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace

from briefing.deck import geometry
from briefing.deck.geometry import INSET_X_PT, INSET_Y_PT, SAFETY, Box, Frames
from briefing.deck.measure import Measurer, words_of
from briefing.deck.slides import (
    Boxed,
    Cover,
    Listed,
    Rich,
    Run,
    Slide,
    Table,
    merge_runs,
    text_of,
)
from briefing.errors import FieldPath, Problem

LONG_WORD_EM = 10.0  # a word of text up to this wide is never broken in a table cell
SHORT_CELL_EM = 8.0  # a cell up to this wide stays on one line when the table has room
MIN_GAP = 0.35  # space before each bullet, in em: at least this ...
MAX_GAP = 2.0  # ... and, when the slide has room to spare, up to this (a short list is balanced)


@dataclass(frozen=True)
class Sizes:
    """Type sizes in points, from the theme: preferred and smallest allowed."""

    title: float
    min_title: float
    cover_title: float
    subtitle: float
    body: float
    min_body: float
    table: float
    min_table: float
    small: float

    @classmethod
    def of(cls, deck: object) -> Sizes:
        """The sizes the theme's ``deck:`` sets (``title_pt``, ``min_title_pt``, ...)."""
        return cls(**{f.name: getattr(deck, f"{f.name}_pt") for f in fields(cls)})


@dataclass(frozen=True)
class Place:
    """Where a body part is fitted: under a title of ``title_pt``, above a source line
    ``source_pt`` tall, in ``box``."""

    title_pt: float
    source_pt: float
    box: Box


@dataclass(frozen=True)
class Panel:
    """A boxed paragraph block at the foot of the body: "our view" or a recommendation."""

    kind: str  # "view", "lead" or "recommendation"
    label: str
    paragraphs: tuple[Rich, ...]
    label_pt: float
    text_pt: float
    height_pt: float  # the whole panel, padding included


@dataclass(frozen=True)
class SectionLayout:
    """Bullets, a table beside or below them, a panel at the foot."""

    beside: bool = False  # bullets on the left, the table on the right
    panel: Panel | None = None
    panel_top: bool = False  # the panel above the bullets: a recommendation, a summary's lead
    caption_h_pt: float = 0.0  # the caption's height above the table, gap included


@dataclass(frozen=True)
class FiguresLayout:
    """Key figures in columns: the sizes of value, label and context, and their heights."""

    value_pt: float
    label_pt: float
    context_pt: float
    value_h_pt: float
    label_h_pt: float
    context_h_pt: float


@dataclass(frozen=True)
class QuoteLayout:
    """A quote: its words' size and height, and the same of who said it."""

    quote_pt: float
    quote_h_pt: float
    by_pt: float
    by_h_pt: float


@dataclass(frozen=True)
class FigureFit:
    """A figure slide's measured text (:func:`briefing.deck.archetypes.figure`): the
    caption's box height in EMU (0: no caption) and its size; the points that fit beside
    the drawing (none: the drawing takes the body's width), their size and spacing."""

    caption_h: int
    caption_pt: float
    points: tuple[Rich, ...] = ()
    points_pt: float = 0.0
    gap_pt: float = 0.0


# -- how an executive archetype lays out a slide's body (:mod:`briefing.deck.archetypes`) --
Archetype = SectionLayout | FiguresLayout | QuoteLayout


@dataclass(frozen=True)
class Fitted:
    """A slide with the sizes it is written at."""

    slide: Slide
    title_pt: float
    body_pt: float = 0.0
    gap_pt: float = 0.0  # space before each bullet
    source_pt: float = 0.0  # height of the source line at the foot of the body box
    subtitle_pt: float = 0.0
    title_h_pt: float = 0.0  # height the action title's lines take, at title_pt
    table_pt: float = 0.0
    column_widths: tuple[float, ...] = ()  # shares of the table width
    row_heights_pt: tuple[float, ...] = ()  # header first
    # -- how an executive archetype is laid out (:mod:`briefing.deck.archetypes`) --
    archetype: Archetype | None = None
    figure: FigureFit | None = None  # -- a figure slide's caption and points, measured


# -- what a part of a slide shows, by its part: the content field of a section's slide ... --
_SECTION_FIELDS: dict[str, FieldPath] = {
    "body": ("points",),
    "table": ("table", "rows"),
    "source": (),  # -- the section's sources: the section as a whole
    "kicker": ("title",),
}
# -- ... and of the fixed slides (deck.html.j2) --
_SLIDE_FIELDS: dict[tuple[str, str], FieldPath] = {
    ("title", "title"): ("title",),
    ("title", "subtitle"): ("subtitle",),
    ("closing", "title"): ("title",),
    ("takeaways", "body"): ("takeaways",),
    ("sources", "body"): ("sources",),
}

# -- a part of a slide, for a message: the content field it shows, when that is known,
#    and how the template's part is named otherwise --
Where = tuple[FieldPath | None, str]


class Fitter:
    def __init__(
        self,
        frames: Frames,
        measurer: Measurer,
        sizes: Sizes,
        template: str,
        sections: Mapping[str, int],
        *,
        theme: Sizes | None = None,
    ) -> None:
        self.frames = frames
        self.m = measurer
        self.sizes = sizes
        self.template = template
        self.sections = sections  # -- a section's id -> its index in the content
        # -- the theme's own sizes, before the deck's one voice: a figure's points keep them --
        self.theme = sizes if theme is None else theme
        self.problems: list[Problem] = []

    @property
    def floor_body(self) -> float:
        """The deck's smallest body size, the theme's (``sizes`` may hold the deck's voice)."""
        return self.theme.min_body

    def trial(self) -> Fitter:
        """A fitter for a trial fit: its problems are its own, not the build's."""
        return Fitter(
            self.frames, self.m, self.sizes, self.template, self.sections, theme=self.theme
        )

    def fail(self, where: Where, message: str, hint: str, *, template: bool = False) -> None:
        """Report what does not fit: at the content field it shows, or (``template``: the
        template's box is at fault, or the field is not known) at the template's part."""
        field, part = where
        if field is None or template:
            problem = Problem.in_template(self.template, message, part=part, hint=hint)
        else:
            problem = Problem.of_field(field, message, hint=hint, shown_in=self.template)
        self.problems.append(problem)

    def where(self, slide: Slide, part: str, *, name: FieldPath | None = None) -> Where:
        """The content field ``part`` of ``slide`` shows (``name``: that field of its
        section), and the part's name in the template for when it shows none."""
        if not slide.section:
            label = f"slide {slide.number} ({slide.layout}) {part}"
            return _SLIDE_FIELDS.get((slide.layout, part)), label
        if name is None and part == "title":
            # -- a section's slide is titled by its headline, a table's by its caption --
            headline = slide.layout in {"section", "figure"}
            name = ("headline",) if headline else ("table", "caption")
        elif name is None:
            name = _SECTION_FIELDS[part]
        label = f"sections[id={slide.section}].{'.'.join(map(str, name)) or 'sources'}"
        index = self.sections.get(slide.section)
        return (None if index is None else ("sections", index, *name)), label

    def height(self, rich: Rich, width: float, size: float, *, bold: bool = False) -> float:
        """Height of a paragraph; ``bold`` when the writer sets all of it bold (titles, headers)."""
        words = words_of([(run.text, run.bold or bold) for run in rich])
        return self.m.lines(words, width, size) * self.m.line_height(size, text_of(rich))

    def one_line(
        self, text: str, box: Box, size: float, bold: bool, where: Where, hint: str
    ) -> None:
        width, room = geometry.room(box)
        if text and self.height((Run(text, bold=bold),), width, size) > room:
            self.fail(where, f"{text[:60]!r} does not fit its one line at {size:g} pt", hint)

    def shrink(
        self,
        paragraphs: Sequence[Rich],
        box: Box,
        preferred: float,
        smallest: float,
        gap: float = 0.0,
        bold: bool = False,
    ) -> float | None:
        """The largest size, from ``preferred`` down to ``smallest``, at which text fits."""
        width, room = geometry.room(box)
        size = preferred
        while size >= smallest:
            total = sum(self.height(p, width, size, bold=bold) for p in paragraphs if p)
            if total + gap * size * max(0, len(paragraphs) - 1) <= room:
                return size
            size -= 1
        return None

    def cover(self, slide: Cover) -> Fitted:
        s = self.sizes
        title = self.shrink(
            [slide.title], self.frames.cover_title, s.cover_title, s.min_title, bold=True
        )
        if title is None:
            self.fail(
                self.where(slide, "title"),
                f"the title does not fit its box even at {s.min_title:g} pt",
                "shorten the title",
            )
        lines = [(Run(t),) for t in (slide.subtitle, slide.meta) if t]
        subtitle = self.shrink(lines, self.frames.cover_subtitle, s.subtitle, s.small, gap=0.6)
        if subtitle is None:
            self.fail(
                self.where(slide, "subtitle"),
                f"the subtitle and meta line do not fit even at {s.small:g} pt",
                "shorten the subtitle",
            )
        self.one_line(
            slide.kicker.upper(),
            self.frames.kicker,
            s.small + 1,
            True,
            (None, f"slide {slide.number} ({slide.layout}) kicker"),
            "shorten the kicker",
        )
        size = title or s.min_title
        width, _ = geometry.room(self.frames.cover_title)
        return Fitted(
            slide,
            size,
            subtitle_pt=subtitle or s.small,
            title_h_pt=self.height(slide.title, width, size, bold=True),
        )

    def with_title_height(self, part: Fitted, continued: str) -> Fitted:
        """``part`` with the height its title's lines take, as written (a continuation's
        title ends with the word that says so)."""
        slide = part.slide
        title = (*slide.title, Run(f" ({continued})")) if slide.continued else slide.title
        width, _ = geometry.room(self.frames.title)
        return replace(part, title_h_pt=self.height(title, width, part.title_pt, bold=True))

    def title_size(self, slide: Slide, continued: str = "") -> float:
        """The action title's size, with room for the word that marks a continuation,
        so every slide's title is its own."""
        s = self.sizes
        title = (*slide.title, Run(f" ({continued})")) if continued else slide.title
        size = self.shrink([title], self.frames.title, s.title, s.min_title, bold=True)
        if size is None:
            self.fail(
                self.where(slide, "title"),
                f"the slide title does not fit its box even at {s.min_title:g} pt: "
                f"{text_of(slide.title)[:60]!r}...",
                "shorten it to one sentence, the so-what",
            )
            return s.min_title
        return size

    def source_height(self, slide: Boxed) -> float:
        """Height of the source line: it sits at the foot of the body box, which shrinks."""
        source = slide.source
        if not source:
            return 0.0
        width, room = geometry.room(self.frames.body)
        size = self.sizes.small
        height = self.height((Run(source),), width, size) + 2 * INSET_Y_PT
        if height > room / 3:
            self.fail(
                self.where(slide, "source"),
                "the source line takes more than a third of the slide",
                "cite fewer sources on this slide, or shorten their titles",
            )
        return height

    def place(self, title_pt: float, source: float, within: Box | None = None) -> Place:
        """The room under a title of ``title_pt`` and above a source line ``source``
        points tall, in the body box or ``within`` it when something shares the box."""
        outer = within or self.frames.body
        return Place(title_pt, source, Box(outer.width_pt, outer.height_pt - source))

    # -- bullets --

    def bullets(self, slide: Listed, at: Place) -> list[Fitted]:
        """The bullets at the largest size that fits ``at``, or continued over several slides."""
        body = slide.body
        assert body is not None
        width, room = geometry.room(at.box)
        items = body.items
        largest = body.start + len(items)  # -- at least the last number: the indent is safe
        s = self.sizes
        size = s.body
        while size >= s.min_body:
            indent = 0.0 if body.plain else bullet_indent(size, body.numbered, largest)
            text = [self.height(i, width - indent, size) for i in items]
            if sum(text) + MIN_GAP * size * (len(items) - 1) <= room:
                spare = (room - sum(text)) / max(1, len(items) - 1) / size
                gap = max(MIN_GAP, min(MAX_GAP, spare)) * size
                return [Fitted(slide, at.title_pt, size, gap, at.source_pt)]
            size -= 1
        size = s.min_body
        gap = MIN_GAP * size
        width -= 0.0 if body.plain else bullet_indent(size, body.numbered, largest)
        try:
            pages = paginate_bullets(
                items,
                start=body.start,
                continued_first=body.continued_first,
                room=room,
                gap=gap,
                height=lambda item: self.height(item, width, size),
                cut=lambda item, free: self.cut(item, width, size, free),
            )
        except BodyTooSmall:
            self.fail(
                self.where(slide, "body"),
                "the body box is too small for one line",
                "give the layout's body placeholder more height",
                template=True,
            )
            return []
        return [
            Fitted(
                replace(
                    slide,
                    continued=slide.continued or part > 0,
                    body=replace(
                        body, items=page.items, start=page.first, continued_first=page.carried
                    ),
                ),
                at.title_pt,
                size,
                gap,
                at.source_pt,
            )
            for part, page in enumerate(pages)
        ]

    def cut(self, item: Rich, width: float, size: float, room: float) -> tuple[Rich, Rich]:
        """Split ``item`` into the longest head that fits ``room`` and the rest."""
        tokens = _tokens(item, self.m, width / size)
        lo, hi = 0, len(tokens)  # -- the largest prefix that fits: binary search --
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.height(merge_runs(tokens[:mid], fold=False), width, size) <= room:
                lo = mid
            else:
                hi = mid - 1
        return merge_runs(tokens[:lo], fold=False), merge_runs(tokens[lo:], fold=False)

    # -- tables --

    def table(self, slide: Listed, at: Place) -> list[Fitted]:
        """The table at the largest size that fits ``at``, or continued with its header
        repeated. No word or figure is broken (fidelity, #20): the type narrows to its
        floor, then the columns go on several slides, the first column repeated on each."""
        table = slide.table
        assert table is not None
        box = at.box
        columns = max(len(r) for r in (table.header, *table.rows))
        room = box.height_pt * SAFETY
        size = self.sizes.table
        # -- widths in em do not depend on the size: measure once, share at each size --
        words, lines = self.column_text_em(table, columns)
        inner = box.width_pt - 2 * INSET_X_PT
        # -- what must stay whole: a figure, and a word of text up to LONG_WORD_EM (a longer
        #    one, an address or a code, breaks as it must) --
        kept = [
            w if i < len(table.numeric) and table.numeric[i] else min(w, LONG_WORD_EM)
            for i, w in enumerate(words)
        ]
        while True:
            whole = tokens_fit(kept, inner, size)
            shares = column_shares(words, lines, inner, size)
            widths = [inner * s - 2 * INSET_X_PT for s in shares]
            header_h = self.row_height(table.header, widths, size, bold=True)
            row_hs = [self.row_height(r, widths, size) for r in table.rows]
            if (whole and header_h + sum(row_hs) <= room) or size <= self.sizes.min_table:
                break
            size -= 1
        if not whole:
            return self.table_in_parts(slide, at, kept, inner)
        for index, h in enumerate(row_hs):
            if header_h + h > room:
                field, part = self.where(slide, "table")
                self.fail(
                    (None if field is None else (*field, index), f"{part}[{index}]"),
                    f"this row is taller than a slide even at {size:g} pt",
                    "shorten its cells; put detail in the briefing's body",
                )
        return [
            Fitted(
                replace(
                    slide,
                    table=replace(
                        table,
                        rows=tuple(table.rows[i] for i in page),
                        marked=tuple(table.marked[i] for i in page if i < len(table.marked)),
                    ),
                    continued=slide.continued or part > 0,
                ),
                at.title_pt,
                size,
                source_pt=at.source_pt,
                table_pt=size,
                column_widths=tuple(shares),
                row_heights_pt=(header_h, *(row_hs[i] for i in page)),
            )
            for part, page in enumerate(paginate_rows(row_hs, header_h, room))
        ]

    def table_in_parts(
        self, slide: Listed, at: Place, words: Sequence[float], inner: float
    ) -> list[Fitted]:
        """A table too wide to set whole on one slide: its columns in groups that fit at the
        smallest size, each group after the first column (repeated) on slides of its own;
        or, when even two columns cannot be set whole, an error naming the table."""
        table = slide.table
        assert table is not None
        size = self.sizes.min_table
        groups: list[list[int]] = []
        for column in range(1, len(words)):
            if groups and tokens_fit([words[i] for i in (0, *groups[-1], column)], inner, size):
                groups[-1].append(column)
            else:
                groups.append([column])
        if len(words) < 3 or not all(
            tokens_fit([words[i] for i in (0, *g)], inner, size) for g in groups
        ):
            self.fail(
                self.where(slide, "table"),
                f"a word or figure of this table is wider than its column even at {size:g} pt "
                "with two columns to a slide",
                "shorten the longest cells or headers (a figure in £m rather than £)",
            )
            return []
        parts: list[Fitted] = []
        for n, group in enumerate(groups):
            keep = (0, *group)

            def pick(row: tuple[Rich, ...], keep: tuple[int, ...] = keep) -> tuple[Rich, ...]:
                return tuple(row[i] for i in keep if i < len(row))

            part = replace(
                table,
                header=pick(table.header),
                rows=tuple(pick(r) for r in table.rows),
                numeric=tuple(table.numeric[i] for i in keep if i < len(table.numeric)),
            )
            piece = replace(slide, table=part, continued=slide.continued or n > 0)
            parts += self.table(piece, at)
        return parts

    def row_height(
        self, cells: Sequence[Rich], widths: Sequence[float], size: float, *, bold: bool = False
    ) -> float:
        tallest = max(
            (self.height(c, w, size, bold=bold) for c, w in zip(cells, widths, strict=False)),
            default=self.m.line_height(size),
        )
        return tallest + 2 * INSET_Y_PT

    def column_text_em(self, table: Table, columns: int) -> tuple[list[float], list[float]]:
        """Per column, in em: its longest word (a figure, "- 5%" or "£6,001.2m", counts as
        one word: it is never broken), and its longest cell on one line. A figure counts
        with the space that lines it up on the decimal point (:func:`decimal_pads`)."""
        word, line = [0.0] * columns, [0.0] * columns
        pads = decimal_pads(table, self.m)
        for r, row in enumerate((table.header, *table.rows)):
            for i, cell in enumerate(row[:columns]):
                text = text_of(cell)
                bold = r == 0 or cell_bold(table, r - 1, i)
                figure = r > 0 and i < len(table.numeric) and table.numeric[i]
                tokens = [text] if figure else text.split()
                pad = pads[r - 1][i] if figure else 0.0
                word[i] = max(word[i], *(self.m.width(w, bold) + pad for w in tokens), 0.0)
                line[i] = max(line[i], self.m.width(text, bold) + pad)
        return word, line


# -- a figure's integer part: digits, with thousands separators between them --
_INTEGER = re.compile(r"\d(?:[,\u202f\u00a0' ]?\d)*")


def cell_bold(table: Table, row: int, column: int) -> bool:
    """Whether a body cell is set bold: the first column names its row, a highlighted row
    stands out, or the cell's own runs are bold."""
    marked = row < len(table.marked) and table.marked[row]
    cells = table.rows[row]
    runs = cells[column] if column < len(cells) else ()
    return column == 0 or marked or any(run.bold for run in runs)


def decimal_pads(table: Table, measurer: Measurer) -> list[list[float]]:
    """For each body cell, the space (in em, to multiply by the cell's size) to leave
    right of it so that a right-aligned column of figures lines up on the decimal point:
    ``191.1p`` over ``(2.0)%`` over ``£11,797.1m`` over ``-5%``. What stands right of a
    figure's units digit is measured in the deck's font; a column lines up where the
    figure reaching furthest right ends. A blank (``—``, ``n/a``) or a cell of text
    columns gets 0."""
    pads = [[0.0] * len(row) for row in table.rows]
    for column, numeric in enumerate(table.numeric):
        if not numeric:
            continue
        reach: dict[int, float] = {}
        for r, row in enumerate(table.rows):
            text = text_of(row[column]).strip() if column < len(row) else ""
            digits = _INTEGER.search(text)
            if digits is not None:
                reach[r] = measurer.width(text[digits.end() :], cell_bold(table, r, column))
        most = max(reach.values(), default=0.0)
        for r, right in reach.items():
            pads[r][column] = most - right
    return pads


# -- pagination: which items go on which slide, given only their heights --


@dataclass(frozen=True)
class BulletPage:
    """The bullets of one slide."""

    items: tuple[Rich, ...]
    first: int  # the number of the slide's first whole bullet
    carried: bool  # the slide starts with the rest of a bullet cut on the slide before


class BodyTooSmall(Exception):
    """Not even one line of a bullet fits an empty body box."""


def paginate_bullets(
    items: Sequence[Rich],
    *,
    start: int,
    continued_first: bool,
    room: float,
    gap: float,
    height: Callable[[Rich], float],
    cut: Callable[[Rich, float], tuple[Rich, Rich]],
) -> list[BulletPage]:
    """Bullets on as many slides as they take, each slide ``room`` points tall with ``gap``
    between bullets. A bullet that fits a slide of its own moves on whole; one taller than
    a slide is ``cut`` (head that fits the room left, rest) and carried over. ``start`` is
    the first bullet's number; ``continued_first`` says it is the rest of a cut bullet."""
    pages: list[list[Rich]] = [[]]
    carried = [continued_first]
    firsts = [start]
    number = start
    used = 0.0
    queue = [(item, i == 0 and continued_first) for i, item in enumerate(items)]
    while queue:
        item, tail = queue.pop(0)
        need = height(item) + (gap if pages[-1] else 0.0)
        if used + need <= room:
            pages[-1].append(item)
            used += need
            number += 0 if tail else 1
            continue
        if need > room:
            head, rest = cut(item, room - used - (gap if pages[-1] else 0.0))
            if not head and not pages[-1]:
                raise BodyTooSmall
            if head:
                pages[-1].append(head)
                number += 0 if tail else 1
                queue.insert(0, (rest, True))
            else:
                queue.insert(0, (item, tail))
        else:
            queue.insert(0, (item, tail))
        pages.append([])
        carried.append(queue[0][1])
        firsts.append(number)
        used = 0.0
    return [
        BulletPage(tuple(page), firsts[part], carried[part])
        for part, page in enumerate(pages)
        if page
    ]


def paginate_rows(heights: Sequence[float], header: float, room: float) -> list[list[int]]:
    """The rows (indices) of each slide of a table ``room`` points tall, whose header row,
    ``header`` points tall, is repeated on every slide; at least one row a slide."""
    pages: list[list[int]] = [[]]
    used = header
    for index, h in enumerate(heights):
        if pages[-1] and used + h > room:
            pages.append([])
            used = header
        pages[-1].append(index)
        used += h
    return pages


def column_shares(
    words: Sequence[float], lines: Sequence[float], room_pt: float, size: float
) -> list[float]:
    """Each column's share of a table ``room_pt`` wide, set at ``size`` points, from its
    longest word and longest line in em (:meth:`Fitter.column_text_em`).

    Much as a browser lays out an automatic table: every column first gets the
    whole of a short cell, or else its longest word, so neither is broken where
    that fits; what width is left goes to the columns with the longest lines, so
    short columns stay narrow. Where even the longest words do not fit, they are
    broken, and no column is narrower than its insets and one em."""
    # -- the cell's insets, and half an em so a viewer's rounding does not wrap it --
    room_em, pad = room_pt / size, 2 * INSET_X_PT / size + 0.5
    word = [w + pad for w in words]
    most = [w + pad for w in lines]
    # -- a short cell ("Region 01", "Gemini 3.1 Pro") is better kept on one line --
    short = [max(w, min(m, SHORT_CELL_EM + pad)) for w, m in zip(word, most, strict=True)]
    floor = [pad + 1.0] * len(word)
    if sum(most) <= room_em:
        return [m / sum(most) for m in most]  # -- every cell on one line --
    widths = floor  # -- more columns than room: even shares --
    for least in (short, word, floor):
        if sum(least) <= room_em:
            # -- the spare width goes where lines are longest (sum > 0: most > room) --
            stretch = [max(m - n, 0.0) for m, n in zip(most, least, strict=True)]
            spare = room_em - sum(least)
            widths = [n + spare * d / sum(stretch) for n, d in zip(least, stretch, strict=True)]
            break
    total = sum(widths)
    return [w / total for w in widths]


def tokens_fit(words: Sequence[float], room_pt: float, size: float) -> bool:
    """Whether every column can hold its longest word (in em, from
    :meth:`Fitter.column_text_em`) whole in a table ``room_pt`` wide at ``size`` points,
    with the insets and the half-em spare :func:`column_shares` gives each column."""
    pad = 2 * INSET_X_PT / size + 0.5
    return sum(w + pad for w in words) <= room_pt / size


def bullet_indent(size: float, numbered: bool, largest: int = 9) -> float:
    """The hanging indent of a bullet, in points: room for the marker, or for the widest
    number of the list ("9." or "120.") and a gap, so the text starts at the indent."""
    if not numbered:
        return 1.1 * size
    return (0.55 * len(str(largest)) + 0.8) * size


def _tokens(rich: Rich, measurer: Measurer, limit_em: float) -> list[Run]:
    """Words and spaces of ``rich``, each with its style; words wider than a line in pieces."""
    tokens: list[Run] = []
    for run in rich:
        for part in re.split(r"( +)", run.text):
            if not part:
                continue
            if part.strip() and measurer.width(part, run.bold) > limit_em:
                *whole, part = measurer.break_word(part, run.bold, limit_em)
                tokens += [replace(run, text=piece) for piece in whole]
            tokens.append(replace(run, text=part))
    return tokens
