"""The content format, version 1: a typed, immutable model of one briefing.

Each field is declared on one line (its type, limits and default) with its
description as the docstring under it; the JSON Schema (``briefing schema``), the
format reference in docs/ and ``briefing new``'s comments are generated from this
one declaration (:func:`briefing.content.schema.field_docs` reads the docstrings).
Length limits are where a field stops fitting its place on a slide or a page;
they are checked here so an absurd value is rejected with a message naming
the field, never laid out badly.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    ValidationInfo,
    field_validator,
)

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# -- the ids the page gives its own parts (templates/briefing.html.j2): a section may not
#    take one, nor start with a prefix the page numbers its sources and footnotes with --
RESERVED_IDS = (
    "cover", "toc-title", "summary", "summary-title", "takeaways-title", "sources",
    "sources-title",
)  # fmt: skip
RESERVED_PREFIXES = ("source-", "fn-", "fnref")
# -- and what the page derives from a section's id (its title, points, table, figures) --
DERIVED_SUFFIXES = (r"-title", r"-points", r"-table", r"-figure-\d+", r"-chart-\d+(?:-title)?")


def _not_blank(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    return value


def _one_line(value: str) -> str:
    if "\n" in value:
        raise ValueError("must be one line; use the body for longer text")
    return value


def _iso_date(value: object) -> object:
    # -- an unquoted 2026-11-26 arrives as a date, a quoted one as text: take both --
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("must be a date written YYYY-MM-DD") from None
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
Line = Annotated[str, AfterValidator(_not_blank), AfterValidator(_one_line)]
OptionalLine = Line | None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# -- where a section, a table or a figure goes in the deck: on its slides in the argument
#    (the default), on a slide of its own (a table not beside the bullets), in the appendix
#    after the decision, or not at all (the briefing still has it) --
DeckPlace = Literal["main", "own", "appendix", "omit"]


class Table(_Strict):
    """A table shown natively in the briefing and on the section's slides."""

    data: Annotated[OptionalLine, Field(max_length=200)] = None
    """Where the cells come from: a name under the top-level `data:`, then `:` and a sheet, a range
    (`Sheet!A1:E6`), an Excel table or a defined name (see docs/data.md). The header row gives
    `columns`; `columns:` then picks columns by heading and `rows:` rows by first cell."""
    caption: Annotated[OptionalLine, Field(max_length=160)] = None
    """One line above the table, saying what it shows."""
    columns: list[Annotated[Line, Field(max_length=60)]] = Field(min_length=1, max_length=8)
    """Column headings, 1 to 8."""
    rows: list[list[Annotated[Line, Field(max_length=300)]]] = Field(min_length=1, max_length=60)
    """Rows of cells (inline Markdown), each as many cells as there are columns."""
    notes: Text | None = None
    """Markdown under the table in the briefing, and the speaker notes of its slide. Default notes:
    what the table shows."""
    highlight: Annotated[OptionalLine, Field(max_length=300)] = None
    """The first cell of the row to highlight, exactly as typed; a value that names no row is an
    error."""
    title: Annotated[OptionalLine, Field(max_length=200)] = None
    """The claim the table makes, as the action title of its own slide (inline Markdown). Default:
    the caption."""
    deck: DeckPlace = "main"
    """In the deck: `main` (beside the bullets when both fit), `own` (a slide of its own),
    `appendix` (after the decision) or `omit`."""

    @field_validator("highlight")
    @classmethod
    def _highlight_names_a_row(cls, value: str | None, info: ValidationInfo) -> str | None:
        rows = info.data.get("rows")
        if value is None or rows is None:
            return value
        firsts = [row[0] for row in rows if row]
        if value not in firsts:
            shown = ", ".join(repr(f) for f in firsts[:6])
            raise ValueError(f"names no row; the rows' first cells are: {shown}")
        return value


class KeyFigure(_Strict):
    """A number that carries a section or the whole briefing."""

    value: Annotated[Line, Field(max_length=16)]
    """The figure as it should read, with its unit (e.g. $14.3bn, 49%)."""
    label: Annotated[Line, Field(max_length=60)]
    """What the figure counts, in a few words."""
    context: Annotated[OptionalLine, Field(max_length=160)] = None
    """One short line of context (inline Markdown); cite its source here."""


# -- a section and the whole briefing take the same strip of 1 to 4 figures --
KeyFigures = Annotated[list[KeyFigure], Field(min_length=1, max_length=4)]


class Quote(_Strict):
    """A pull quote: someone's own words, with a citation."""

    text: Annotated[Line, Field(max_length=320)]
    """The words quoted (inline Markdown), citation as [@id] at the end."""
    by: Annotated[Line, Field(max_length=120)]
    """Who said it, and their role."""


class Option(_Strict):
    """One option the audience may choose."""

    title: Annotated[Line, Field(max_length=80)]
    """The option, in a few words."""
    detail: Annotated[OptionalLine, Field(max_length=240)] = None
    """What it means (inline Markdown)."""
    effort: Annotated[OptionalLine, Field(max_length=80)] = None
    """What it takes (e.g. two analysts, EUR 2m)."""
    timing: Annotated[OptionalLine, Field(max_length=80)] = None
    """When it pays off or must start."""
    risk: Annotated[OptionalLine, Field(max_length=120)] = None
    """What could go wrong, in a few words."""


class Ask(_Strict):
    """What the audience is asked to decide or note."""

    request: Annotated[Line, Field(max_length=240)]
    """The decision or note asked for, in one line (inline Markdown)."""
    options: list[Option] = Field(default_factory=list, max_length=4)
    """The options, up to 4."""
    recommendation: Annotated[OptionalLine, Field(max_length=240)] = None
    """What the authors recommend (inline Markdown)."""
    reasons: list[Annotated[Line, Field(max_length=200)]] = Field(
        default_factory=list, max_length=3
    )
    """Up to 3 reasons for the recommendation (inline Markdown), under it on the deck's decision
    slide. Default: the first three takeaways."""


class NextStep(_Strict):
    """One action agreed or proposed."""

    action: Annotated[Line, Field(max_length=200)]
    """What is to be done (inline Markdown)."""
    owner: Annotated[Line, Field(max_length=60)]
    """Who does it."""
    due: Annotated[Line, Field(max_length=40)]
    """By when, as text."""


CHART_KINDS = (
    "bar",
    "column",
    "line",
    "stacked-bar",
    "stacked-column",
    "waterfall",
    "pie",
    "donut",
)
# -- a pie or donut of more slices than this is refused: its angles cannot be compared --
MAX_SLICES = 6
# -- the tags of the figure union: pydantic puts them into error locations, validate drops them --
FIGURE_TAGS = ("Chart", "Image")


def _label(value: object) -> object:
    # -- a category such as 2027 arrives as a number: it is a label, so it is kept as written --
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


Label = Annotated[Line, BeforeValidator(_label), Field(max_length=40)]


# -- a chart's number: finite and within +-10^12 (chart_geometry.VALUE_LIMIT), so every
#    output draws and sums it the same; -0.0 is 0 --
ChartValue = Annotated[
    float,
    Field(allow_inf_nan=False, ge=-1e12, le=1e12),
    AfterValidator(lambda v: v + 0.0),
]


# -- decimal places a chart writes: a figure on a board paper needs no more than four --
Decimals = Annotated[int, Field(ge=0, le=4)]


class Series(_Strict):
    """One named row of numbers in a chart, one number per category."""

    name: Annotated[Line, Field(max_length=60)]
    """The series' name, shown in the legend."""
    values: list[ChartValue] = Field(min_length=1, max_length=40)
    """One number per category, in their order: finite, at most 10^12 either way."""


class Cagr(_Strict):
    """An arrow from one category's value to a later one's, marked with the compound
    annual growth rate between them, computed from the data."""

    start: Label
    """The first category (its value must be above zero)."""
    end: Label
    """The last category (above zero too)."""
    series: Label | None = None
    """The series measured (default: the only series, or a stacked chart's totals)."""
    years: int | None = Field(None, ge=1, le=100)
    """The years from start to end (default: the difference of the two categories when both are
    years, else the places between them)."""


class Difference(_Strict):
    """An arrow between two bars, marked with how much the second differs from the
    first: two categories of one series, or two series at one category."""

    start: Label
    """The category compared with."""
    end: Label
    """The category compared (the same as `start` to compare two series)."""
    series: Label | None = None
    """The series at `start` (default: the only series, or a stacked chart's totals)."""
    end_series: Label | None = None
    """The series at `end` (default: `series`)."""
    show: Literal["absolute", "percent"] = "absolute"
    """The difference in the chart's unit, or in per cent."""


class ValueLine(_Strict):
    """A horizontal line across the plot at a value (a target, a budget, a capacity)."""

    value: ChartValue
    """Where the line is, in the chart's unit."""
    label: Annotated[Line, Field(max_length=40)]
    """What the line is, written at its right end."""


class SecondaryAxis(_Strict):
    """A second value axis, on the right, for the line series it names (a combo chart)."""

    series: list[Label] = Field(min_length=1, max_length=5)
    """The series it scales: lines of the chart (named in `lines`), at least one; the columns stay
    on the left axis."""
    unit: Annotated[OptionalLine, Field(max_length=20)] = None
    """The unit of its values (e.g. %), shown beside the right axis."""
    decimals: Decimals | None = None
    """Decimal places of its series' values (default: the chart's `decimals`)."""
    min: ChartValue | None = None
    """Its lowest value (default: a round number at or below its series)."""
    max: ChartValue | None = None
    """Its highest value (default: a round number at or above its series)."""
    tick_decimals: Decimals | None = None
    """Decimal places of its tick labels (default: what its tick step needs)."""


class _OnSlide(_Strict):
    """What a figure, chart or picture, says on its own slide of the deck."""

    title: Annotated[OptionalLine, Field(max_length=200)] = None
    """The claim the figure makes, as the action title of its slide (inline Markdown). Default: the
    caption."""
    points: list[Annotated[Line, Field(max_length=240)]] = Field(default_factory=list, max_length=3)
    """Up to 3 bullets (inline Markdown) beside the figure on its slide. Default: none; the
    section's points are on the section's slide."""
    deck: DeckPlace = "main"
    """In the deck: `main` or `own` (its slide after the section's), `appendix` (after the decision)
    or `omit`."""


class Chart(_OnSlide):
    """A chart drawn from its data: vector in the document, a native chart in the deck."""

    chart: Literal[
        "bar", "column", "line", "stacked-bar", "stacked-column", "waterfall", "pie", "donut"
    ]
    """The kind: bar, column, line, stacked-bar, stacked-column, waterfall (one series of changes;
    categories named in `totals` are levels drawn from zero), pie or donut (one series of 2 to 6
    parts of a whole, each above zero)."""
    caption: Annotated[Line, Field(max_length=200)]
    """The chart's message, one line (inline Markdown; cite as [@id])."""
    categories: list[Label] = Field(min_length=1, max_length=40)
    """The labels along the axis, in order."""
    series: list[Series] = Field(min_length=1, max_length=6)
    """1 to 6 named series of numbers."""
    unit: Annotated[OptionalLine, Field(max_length=20)] = None
    """The unit of the values (e.g. kt, EUR m, %), shown on the axis."""
    decimals: Decimals = 0
    """Decimal places of the values shown."""
    highlight: Label | None = None
    """A category or series name to show in the accent colour; the rest muted."""
    totals: list[Label] = Field(default_factory=list, max_length=40)
    """Waterfall only: the categories whose value is a level, not a change."""
    alt: Annotated[Text, Field(max_length=1000)] | None = None
    """Text for readers who cannot see the chart. Default: from the data."""
    data: Annotated[OptionalLine, Field(max_length=200)] = None
    """Where the cells come from: a name under the top-level `data:`, then `:` and a sheet, a range
    (`Sheet!A1:E6`), an Excel table or a defined name (see docs/data.md). Categories from the first
    column (or the column named in `categories:`), one series per other column (or per column named
    in `series:`)."""
    axis_min: ChartValue | None = None
    """The value axis's lowest value (default: a round number at or below the data)."""
    axis_max: ChartValue | None = None
    """The value axis's highest value (default: a round number at or above the data)."""
    tick_decimals: Decimals | None = None
    """Decimal places of the axis's tick labels (default: what the tick step needs, whatever
    `decimals` is)."""
    labels: Literal["auto", "all", "none"] | list[Label] = "auto"
    """Value labels: `auto` (bars when there are at most 24, a line's last and highlighted points,
    stack totals), `all`, `none`, or a list of the categories to label."""
    label_position: Literal["auto", "outside", "inside"] = "auto"
    """Bars and columns: value labels beyond the bar's end (`outside`, below a negative bar), within
    it (`inside`), or `auto` (outside, inside where the end meets the axis's end)."""
    stack_totals: bool = True
    """Stacked charts of two or more series: each stack's total above it."""
    percent: bool = False
    """Stacked charts: each stack drawn to 100 %, its segments as shares (values zero or more)."""
    legend: Literal["top", "bottom", "right", "none"] = "top"
    """Where the legend goes (charts of two or more series), its entries in the series' order."""
    cagr: Cagr | None = None
    """An arrow between two categories marked with the growth rate a year (columns, stacked columns,
    lines; a waterfall's totals)."""
    difference: Difference | None = None
    """An arrow between two bars, or two series at a category, marked with the difference (columns,
    stacked columns, lines; a waterfall's totals)."""
    value_line: ValueLine | None = None
    """A line across the plot at a value, with its label (columns, lines, waterfalls)."""
    lines: list[Label] = Field(default_factory=list, max_length=5)
    """Column charts: the series drawn as lines over the columns (a combo chart); at least one
    series stays a column."""
    secondary_axis: SecondaryAxis | None = None
    """Column charts with `lines`: a value axis on the right, with its own unit, limits and tick
    format, for the lines it names."""
    _language: str = PrivateAttr("en")


class Image(_OnSlide):
    """A picture file inside the project, shown in every output."""

    image: Annotated[Line, Field(max_length=300)]
    """A PNG, JPEG or SVG file, relative to the source file's folder and inside it."""
    alt: Annotated[OptionalLine, Field(max_length=1000)] = None
    """What the picture shows, for readers who cannot see it. Required unless decorative."""
    decorative: bool = False
    """True for a picture that carries no information (then no alt)."""
    caption: Annotated[OptionalLine, Field(max_length=200)] = None
    """One line under the picture (inline Markdown; cite as [@id])."""
    credit: Annotated[OptionalLine, Field(max_length=200)] = None
    """Who made the picture (inline Markdown; cite as [@id])."""


def _figure_tag(value: Any) -> str:
    if isinstance(value, dict) and "image" in value:
        return "Image"
    return "Chart"


Figure = Annotated[
    Annotated[Chart, Tag("Chart")] | Annotated[Image, Tag("Image")],
    Discriminator(_figure_tag),
]


class Section(_Strict):
    """One chapter of the briefing and one or more slides of the deck."""

    id: str = Field(pattern=SLUG, max_length=40)
    """Unique slug ([a-z0-9-]+): the anchor, the bookmark, what tests name. Not one of the page's
    own anchors (`cover`, `toc-title`, `summary`, `summary-title`, `takeaways-title`, `sources`,
    `sources-title`), nor starting with `source-`, `fn-`, `fnref`, nor another section's id followed
    by `-title`, `-points`, `-table`, `-figure-N` or `-chart-N`."""
    title: Annotated[Line, Field(max_length=80)]
    """Short chapter title, shown in the contents and the agenda."""
    headline: Annotated[Line, Field(max_length=200)]
    """One sentence, the so-what (inline Markdown): the slide's action title and the chapter's
    lead."""
    body: Text
    """Markdown prose for the briefing (prose Markdown, see above); cite sources as [@id]."""
    points: list[Annotated[Line, Field(max_length=240)]] = Field(min_length=1, max_length=8)
    """1 to 8 bullets (inline Markdown) for the slide and the key-points box."""
    notes: Text | None = None
    """Speaker notes (prose Markdown). Default: derived from the body."""
    table: Table | None = None
    """An optional table, native in both outputs."""
    analysis: bool = False
    """True for a section that is the authors' own analysis rather than the sources' (what the facts
    mean for the reader, a watch list): every output marks it, the label `analysis` ("Our analysis")
    by its number on the page and in its slides' kicker."""
    view: Text | None = None
    """Markdown: the briefing's own analysis, set apart from reported fact under one label ("Our
    view") in every output."""
    key_figures: KeyFigures | None = None
    """1 to 4 figures that carry the section: a strip in the briefing, a big-number slide in the
    deck."""
    quote: Quote | None = None
    """A pull quote in the chapter, and a quote slide in the deck."""
    figures: list[Figure] = Field(default_factory=list, max_length=6)
    """Charts (`chart: KIND`) and pictures (`image: FILE`), each after the section's text in the
    document and on a slide of its own in the deck."""
    deck: DeckPlace = "main"
    """In the deck: `main` (its slides in the argument), `appendix` (after the decision) or `omit`
    (the briefing still has it)."""


class ExtraSlide(_Strict):
    """A slide of the deck that belongs to no section: a divider, or a decision at a glance."""

    title: Annotated[Line, Field(max_length=200)]
    """The slide's title (inline Markdown)."""
    kicker: Annotated[OptionalLine, Field(max_length=60)] = None
    """One line above the title."""
    points: list[Annotated[Line, Field(max_length=240)]] = Field(default_factory=list, max_length=6)
    """Up to 6 bullets (inline Markdown); none makes a divider."""
    after: str = Field(
        "decision", pattern=r"^(decision|summary|[a-z0-9]+(?:-[a-z0-9]+)*)$", max_length=40
    )
    """Where it goes: `decision` (after the decision slide, the default), `summary` (after the
    summary), or a section's id (after that section)."""
    notes: Text | None = None
    """Speaker notes (prose Markdown)."""


class SourceRef(_Strict):
    """A work the briefing cites as [@id]."""

    id: str = Field(pattern=SLUG, max_length=40)
    """What [@id] citations name."""
    title: Annotated[Line, Field(max_length=300)]
    """Title of the work."""
    publisher: Annotated[OptionalLine, Field(max_length=160)] = None
    """Who published it."""
    date: Annotated[OptionalLine, Field(max_length=40)] = None
    """When it was published, quoted or not: 2026-11-20, 2026-11 or 2026 (or any text, such as
    Spring 2026)."""
    url: Annotated[Line, Field(max_length=2000, pattern=r"^https?://\S+$")] | None = None
    """Where to read it: an http or https address."""


class Briefing(_Strict):
    """One executive briefing: the single source of the PDF, the web page and the deck."""

    title: Annotated[Line, Field(max_length=120)]
    """The briefing's title."""
    subtitle: Annotated[OptionalLine, Field(max_length=200)] = None
    """One line under the title."""
    date: Annotated[dt.date, BeforeValidator(_iso_date)]
    """The edition date, YYYY-MM-DD, quoted or not. Also the date in the files' metadata."""
    author: Annotated[Line, Field(max_length=120)]
    """Who wrote it."""
    audience: Annotated[OptionalLine, Field(max_length=120)] = None
    """Who it is for."""
    classification: Annotated[OptionalLine, Field(max_length=60)] = None
    """Handling label, shown on every page and slide (e.g. Internal)."""
    language: str = Field("en", pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
    """BCP 47 language tag: HTML lang, PDF language, hyphenation, and the words and dates the
    templates add (templates/labels.yaml)."""
    summary: Text
    """Prose Markdown: the bottom line up front."""
    takeaways: list[Annotated[Line, Field(max_length=200)]] = Field(min_length=1, max_length=6)
    """1 to 6 one-line messages (inline Markdown)."""
    sections: list[Section] = Field(min_length=1, max_length=300)
    """The chapters, at least one; ids unique."""
    sources: list[SourceRef] = Field(default_factory=list, max_length=200)
    """Works cited; every [@id] must name one. They are numbered in the order they are first cited,
    then the uncited in this order."""
    data: dict[str, Annotated[Line, Field(max_length=300)]] | None = Field(None, max_length=20)
    """Data files the briefing reads: a short name -> a .csv or .xlsx file, relative to the source
    file's folder and inside it. Tables and charts name them with `data:`; any text field shows a
    cell as {name:Sheet!C4} (docs/data.md)."""
    key_figures: KeyFigures | None = None
    """1 to 4 figures that carry the whole briefing: a strip under the summary, a big-number slide
    after it."""
    ask: Ask | None = None
    """What the audience is asked to decide or note: a "Decision requested" box after the summary,
    and the deck's closing slide."""
    next_steps: list[NextStep] | None = Field(None, min_length=1, max_length=10)
    """Actions with owner and due date: a table in the briefing, a slide in the deck."""
    slides: list[ExtraSlide] = Field(default_factory=list, max_length=20)
    """Deck slides that belong to no section: dividers, a decision at a glance. The document does
    not show them."""
    status: Literal["draft", "final"] = "final"
    """`draft` puts a DRAFT mark on every page of the PDF and every slide; `final` (the default)
    none."""
    version: Annotated[OptionalLine, Field(max_length=40)] = None
    """The edition's version (`v0.3`, `Review 2`), shown in the PDF's footer and written into its
    metadata."""
    contents: bool = True
    """Whether the PDF has a contents page (true, the default)."""
    key_points: bool = True
    """Whether each chapter shows its points in a key-points box (true, the default); the slides
    always show them."""
    summary_slide: bool = True
    """Whether the deck has an executive summary slide after the decision (true, the default).
    False, when the decision slide gives every takeaway as a reason and the summary only says the
    decision again: the summary is then spoken in the decision slide's speaker notes."""
    # -- where each value read from a data file came from (briefing.content.data.Binding),
    #    set by validation: for verify and the speaker notes, not part of the format --
    _bindings: tuple[Any, ...] = PrivateAttr(default=())

    @property
    def bindings(self) -> tuple[Any, ...]:
        """Every value read from a data file, with its file, sheet and cells."""
        return self._bindings

    def bound(self, row: str) -> list[Any]:
        """The bindings of one section (its id) or of the briefing's front (``summary``)."""
        seen: dict[tuple[Any, ...], Any] = {}
        for b in self._bindings:
            if b.row == row:  # -- a cell named twice on one slide is said once --
                seen.setdefault((b.kind, b.file, b.sheet, b.cells, b.text), b)
        return list(seen.values())

    def model_post_init(self, context: Any, /) -> None:
        # -- a chart writes its numbers in the briefing's language (not a field of its own) --
        for section in self.sections:
            for figure in section.figures:
                if isinstance(figure, Chart):
                    figure._language = self.language
