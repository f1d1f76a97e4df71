"""The content format, version 1: a typed, immutable model of one briefing.

Each field carries its description, so the JSON Schema (``briefing schema``)
and the format reference in docs/ are generated from this one declaration.
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


def line(max_length: int, description: str) -> Any:
    """The Field of a one-line text: its length limit and its description.

    Used inside ``Annotated[Line, ...]`` (or ``OptionalLine``, default None) so
    the limit is checked after the line is stripped, as everywhere else.
    """
    return Field(max_length=max_length, description=description)


def optional(description: str) -> Any:
    """The Field of a value that may be left out (then None), with its description."""
    return Field(None, description=description)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Table(_Strict):
    """A table shown natively in the briefing and on the section's slides."""

    caption: Annotated[
        OptionalLine, line(160, "One line above the table, saying what it shows.")
    ] = None
    columns: list[Annotated[Line, Field(max_length=60)]] = Field(
        min_length=1, max_length=8, description="Column headings, 1 to 8."
    )
    rows: list[list[Annotated[Line, Field(max_length=300)]]] = Field(
        min_length=1,
        max_length=60,
        description="Rows of cells (inline Markdown), each as many cells as there are columns.",
    )
    notes: Text | None = optional(
        "Markdown under the table in the briefing, and the speaker notes of "
        "its slide. Default notes: what the table shows."
    )
    highlight: Annotated[
        OptionalLine,
        line(
            300,
            "The first cell of the row to highlight, exactly as typed; "
            "a value that names no row is an error.",
        ),
    ] = None

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

    value: Annotated[
        Line, line(16, "The figure as it should read, with its unit (e.g. $14.3bn, 49%).")
    ]
    label: Annotated[Line, line(60, "What the figure counts, in a few words.")]
    context: Annotated[
        OptionalLine,
        line(160, "One short line of context (inline Markdown); cite its source here."),
    ] = None


# -- a section and the whole briefing take the same strip of 1 to 4 figures --
KeyFigures = Annotated[list[KeyFigure], Field(min_length=1, max_length=4)]


class Quote(_Strict):
    """A pull quote: someone's own words, with a citation."""

    text: Annotated[
        Line, line(320, "The words quoted (inline Markdown), citation as [@id] at the end.")
    ]
    by: Annotated[Line, line(120, "Who said it, and their role.")]


class Option(_Strict):
    """One option the audience may choose."""

    title: Annotated[Line, line(80, "The option, in a few words.")]
    detail: Annotated[OptionalLine, line(240, "What it means (inline Markdown).")] = None


class Ask(_Strict):
    """What the audience is asked to decide or note."""

    request: Annotated[
        Line, line(240, "The decision or note asked for, in one line (inline Markdown).")
    ]
    options: list[Option] = Field(
        default_factory=list, max_length=4, description="The options, up to 4."
    )
    recommendation: Annotated[
        OptionalLine, line(240, "What the authors recommend (inline Markdown).")
    ] = None


class NextStep(_Strict):
    """One action agreed or proposed."""

    action: Annotated[Line, line(200, "What is to be done (inline Markdown).")]
    owner: Annotated[Line, line(60, "Who does it.")]
    due: Annotated[Line, line(40, "By when, as text.")]


CHART_KINDS = ("bar", "column", "line", "stacked-bar", "stacked-column", "waterfall")
# -- the tags of the figure union: pydantic puts them into error locations, validate drops them --
FIGURE_TAGS = ("Chart", "Image")


def _label(value: object) -> object:
    # -- a category such as 2027 arrives as a number: it is a label, so it is kept as written --
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


Label = Annotated[Line, BeforeValidator(_label), Field(max_length=40)]


class Series(_Strict):
    """One named row of numbers in a chart, one number per category."""

    name: Annotated[Line, line(60, "The series' name, shown in the legend.")]
    # -- finite and of a size a reader compares: .nan and .inf are YAML numbers, but no
    #    chart can draw them, and 1e300 leaves no room for the axis's labels --
    values: list[Annotated[float, Field(allow_inf_nan=False, ge=-1e15, le=1e15)]] = Field(
        min_length=1, max_length=40, description="One number per category, in their order."
    )


class Chart(_Strict):
    """A chart drawn from its data: vector in the document, a native chart in the deck."""

    chart: Literal["bar", "column", "line", "stacked-bar", "stacked-column", "waterfall"] = Field(
        description="The kind: bar, column, line, stacked-bar, stacked-column or waterfall "
        "(one series of changes; categories named in `totals` are levels drawn from zero)."
    )
    caption: Annotated[
        Line, line(200, "The chart's message, one line (inline Markdown; cite as [@id]).")
    ]
    categories: list[Label] = Field(
        min_length=1, max_length=40, description="The labels along the axis, in order."
    )
    series: list[Series] = Field(
        min_length=1, max_length=6, description="1 to 6 named series of numbers."
    )
    unit: Annotated[
        OptionalLine, line(20, "The unit of the values (e.g. kt, EUR m, %), shown on the axis.")
    ] = None
    decimals: int = Field(0, ge=0, le=4, description="Decimal places of the values shown.")
    highlight: Label | None = optional(
        "A category or series name to show in the accent colour; the rest muted."
    )
    totals: list[Label] = Field(
        default_factory=list,
        max_length=40,
        description="Waterfall only: the categories whose value is a level, not a change.",
    )
    alt: Annotated[Text, Field(max_length=1000)] | None = optional(
        "Text for readers who cannot see the chart. Default: from the data."
    )


class Image(_Strict):
    """A picture file inside the project, shown in every output."""

    image: Annotated[
        Line,
        line(300, "A PNG, JPEG or SVG file, relative to the source file's folder and inside it."),
    ]
    alt: Annotated[
        OptionalLine,
        line(
            1000,
            "What the picture shows, for readers who cannot see it. Required unless decorative.",
        ),
    ] = None
    decorative: bool = Field(
        False, description="True for a picture that carries no information (then no alt)."
    )
    caption: Annotated[
        OptionalLine, line(200, "One line under the picture (inline Markdown; cite as [@id]).")
    ] = None
    credit: Annotated[
        OptionalLine, line(200, "Who made the picture (inline Markdown; cite as [@id]).")
    ] = None


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

    id: str = Field(
        pattern=SLUG,
        max_length=40,
        description="Unique slug ([a-z0-9-]+): the anchor, the bookmark, what tests name. "
        "Not one of the page's own anchors ("
        + ", ".join(f"`{r}`" for r in RESERVED_IDS)
        + "), nor starting with "
        + ", ".join(f"`{p}`" for p in RESERVED_PREFIXES)
        + ", nor another section's id followed by `-title`, `-points`, `-table`, "
        "`-figure-N` or `-chart-N`.",
    )
    title: Annotated[Line, line(80, "Short chapter title, shown in the contents and the agenda.")]
    headline: Annotated[
        Line,
        line(
            200,
            "One sentence, the so-what (inline Markdown): the slide's action title "
            "and the chapter's lead.",
        ),
    ]
    body: Text = Field(
        description="Markdown prose for the briefing (prose Markdown, see above); cite "
        "sources as [@id]."
    )
    points: list[Annotated[Line, Field(max_length=240)]] = Field(
        min_length=1,
        max_length=8,
        description="1 to 8 bullets (inline Markdown) for the slide and the key-points box.",
    )
    notes: Text | None = optional("Speaker notes (prose Markdown). Default: derived from the body.")
    table: Table | None = optional("An optional table, native in both outputs.")
    view: Text | None = optional(
        "Markdown: the briefing's own analysis, set apart from reported fact "
        'under one label ("Our view") in every output.'
    )
    key_figures: KeyFigures | None = optional(
        "1 to 4 figures that carry the section: a strip in the briefing, "
        "a big-number slide in the deck."
    )
    quote: Quote | None = optional("A pull quote in the chapter, and a quote slide in the deck.")
    figures: list[Figure] = Field(
        default_factory=list,
        max_length=6,
        description="Charts (`chart: KIND`) and pictures (`image: FILE`), each after the "
        "section's text in the document and on a slide of its own in the deck.",
    )


class SourceRef(_Strict):
    """A work the briefing cites as [@id]."""

    id: str = Field(pattern=SLUG, max_length=40, description="What [@id] citations name.")
    title: Annotated[Line, line(300, "Title of the work.")]
    publisher: Annotated[OptionalLine, line(160, "Who published it.")] = None
    date: Annotated[
        OptionalLine,
        line(
            40,
            "When it was published, quoted or not: 2026-11-20, 2026-11 or 2026 "
            "(or any text, such as Spring 2026).",
        ),
    ] = None
    url: Annotated[Line, Field(max_length=2000, pattern=r"^https?://\S+$")] | None = optional(
        "Where to read it: an http or https address."
    )


class Briefing(_Strict):
    """One executive briefing: the single source of the PDF, the web page and the deck."""

    title: Annotated[Line, line(120, "The briefing's title.")]
    subtitle: Annotated[OptionalLine, line(200, "One line under the title.")] = None
    date: Annotated[dt.date, BeforeValidator(_iso_date)] = Field(
        description="The edition date, YYYY-MM-DD, quoted or not. Also the date in the "
        "files' metadata."
    )
    author: Annotated[Line, line(120, "Who wrote it.")]
    audience: Annotated[OptionalLine, line(120, "Who it is for.")] = None
    classification: Annotated[
        OptionalLine, line(60, "Handling label, shown on every page and slide (e.g. Internal).")
    ] = None
    language: str = Field(
        "en",
        pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$",
        description="BCP 47 language tag: HTML lang, PDF language, hyphenation, and the "
        "words and dates the templates add (templates/labels.yaml).",
    )
    summary: Text = Field(description="Prose Markdown: the bottom line up front.")
    takeaways: list[Annotated[Line, Field(max_length=200)]] = Field(
        min_length=1, max_length=6, description="1 to 6 one-line messages (inline Markdown)."
    )
    sections: list[Section] = Field(
        min_length=1, max_length=300, description="The chapters, at least one; ids unique."
    )
    sources: list[SourceRef] = Field(
        default_factory=list,
        max_length=200,
        description="Works cited; every [@id] must name one. They are numbered in the "
        "order they are first cited, then the uncited in this order.",
    )
    key_figures: KeyFigures | None = optional(
        "1 to 4 figures that carry the whole briefing: a strip under the "
        "summary, a big-number slide after it."
    )
    ask: Ask | None = optional(
        'What the audience is asked to decide or note: a "Decision requested" '
        "box after the summary, and the deck's closing slide."
    )
    next_steps: list[NextStep] | None = Field(
        None,
        min_length=1,
        max_length=10,
        description="Actions with owner and due date: a table in the briefing, a slide in "
        "the deck.",
    )
    status: Literal["draft", "final"] = Field(
        "final",
        description="`draft` puts a DRAFT mark on every page of the PDF and every slide; "
        "`final` (the default) none.",
    )
    version: Annotated[
        OptionalLine,
        line(
            40,
            "The edition's version (`v0.3`, `Review 2`), shown in the PDF's "
            "footer and written into its metadata.",
        ),
    ] = None
    contents: bool = Field(
        True, description="Whether the PDF has a contents page (true, the default)."
    )
    key_points: bool = Field(
        True,
        description="Whether each chapter shows its points in a key-points box (true, the "
        "default); the slides always show them.",
    )
