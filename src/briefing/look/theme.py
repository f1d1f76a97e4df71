"""Brand tokens, read from ``templates/theme.yaml``: shared by the stylesheet and the deck."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from briefing.content import source
from briefing.content.model_errors import validate_as
from briefing.errors import BriefingError, Problem

Colour = str


def _number(value: object) -> object:
    # -- YAML's true/false are numbers to pydantic (1.0, 0.0): a size of "true" is a mistake --
    if isinstance(value, bool):
        raise ValueError("should be a number, not true or false")
    return value


Number = Annotated[float, BeforeValidator(_number)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_HEX = r"^#[0-9A-Fa-f]{6}$"


class Colors(_Strict):
    ink: Colour = Field(pattern=_HEX)
    muted: Colour = Field(pattern=_HEX)
    accent: Colour = Field(pattern=_HEX)
    accent_soft: Colour = Field(pattern=_HEX)
    rule: Colour = Field(pattern=_HEX)
    paper: Colour = Field(pattern=_HEX)
    classification: Colour = Field(pattern=_HEX)
    series: list[Annotated[Colour, Field(pattern=_HEX)]] = Field(
        default=["#0B5CAD", "#7FA7D6", "#5B6676", "#B7C2CF", "#1F8A70", "#C9A227"],
        min_length=1,
        max_length=8,
    )
    """Chart series colours, in order; a highlight uses `accent` and mutes the rest to `rule`."""


# -- a family is a name; a metrics font is a file name, looked up in the system's font
#    folders: never a path or a pattern --
_FAMILY = r"^\w[\w .'&+-]{0,59}$"
_FONT_FILE = r"^\w[\w .+-]{0,80}\.(?:ttf|otf|ttc|TTF|OTF|TTC)$"


class Fonts(_Strict):
    body: str = Field(pattern=_FAMILY)
    """The PDF's reading font family."""
    heading: str = Field(pattern=_FAMILY)
    """The PDF's heading font family."""
    deck: str = Field(pattern=_FAMILY)
    """The deck's font family."""
    deck_metrics: list[Annotated[str, Field(pattern=_FONT_FILE)]] = Field(
        min_length=1, max_length=4
    )
    """Font file names (regular, bold) with the deck font's metrics, found in the system's font
    folders: names such as Carlito-Regular.ttf, never paths."""


class Document(_Strict):
    body_pt: Number = Field(gt=5, lt=20)
    small_pt: Number = Field(gt=5, lt=20)
    h1_pt: Number = Field(gt=5, lt=80)
    h2_pt: Number = Field(gt=5, lt=60)
    lead_pt: Number = Field(gt=5, lt=40)
    page: str = Field(pattern=r"^(A4|A5|letter|legal)$")
    margin_mm: Number = Field(ge=5, le=50)


class DeckLayouts(_Strict):
    """Names of the deck template's layouts the slides are made from."""

    title: str
    """Title and closing slides: a title and a subtitle placeholder."""
    content: str
    """Bullets: a title and a body placeholder."""
    title_only: str
    """Tables: a title placeholder."""


class Deck(_Strict):
    """The deck's type sizes in points (preferred, and the smallest text may shrink to),
    its layouts and, optionally, a corporate template to take them from."""

    title_pt: Number = Field(gt=8, lt=80)
    """Action titles, preferred."""
    min_title_pt: Number = Field(gt=8, lt=80)
    """Action titles never shrink below."""
    cover_title_pt: Number = Field(gt=8, lt=96)
    """Title and closing slides."""
    subtitle_pt: Number = Field(gt=8, lt=60)
    """Subtitle on the title slide."""
    body_pt: Number = Field(gt=8, lt=60)
    """Bullets, preferred."""
    min_body_pt: Number = Field(gt=8, lt=60)
    """Bullets never shrink below; past it they continue on the next slide."""
    table_pt: Number = Field(gt=6, lt=40)
    min_table_pt: Number = Field(gt=6, lt=40)
    small_pt: Number = Field(gt=6, lt=30)
    """Footer, kicker and source line."""
    template: str | None = None
    """A corporate .pptx, relative to the templates folder, whose layouts the deck uses (the
    --deck-template option overrides it)."""
    layouts: DeckLayouts
    agenda: Literal["auto", "on", "off"] = "auto"
    """The agenda slide: `auto` (the default) shows it only for more than five sections, `on`
    always, `off` never."""

    @model_validator(mode="after")
    def _minimums_below_preferred(self) -> Deck:
        for size, minimum in (
            ("title_pt", "min_title_pt"),
            ("body_pt", "min_body_pt"),
            ("table_pt", "min_table_pt"),
        ):
            if getattr(self, minimum) > getattr(self, size):
                raise ValueError(f"{minimum} must not be larger than {size}")
        return self


class Theme(_Strict):
    colors: Colors
    fonts: Fonts
    document: Document
    deck: Deck
    sections: Literal["page", "flow"] = "page"
    """In the PDF, `page` starts every chapter on a new page; `flow` runs them on, a heading always
    kept with what follows it."""
    logo: str | None = None
    """A PNG, JPEG or SVG logo, relative to the theme file's folder: on the PDF's cover and running
    head, the web page's header, the deck's title slide and footer."""
    # -- pages (#26): a short paper reads short --
    contents: Literal["auto", "always", "never"] = "auto"
    """The PDF's contents: `auto` only for a briefing of at least `contents_min_sections` sections,
    `always`, or `never` (the content's `contents: false` leaves it out whatever this says)."""
    contents_min_sections: int = Field(6, ge=1, le=99)
    """With `contents: auto`, the fewest sections that earn one."""
    contents_headlines: bool = False
    """Each contents entry with its section's headline; without, titles and page numbers only, and
    the contents shares its page with the executive summary when there is room."""
    cover: Literal["page", "memo"] = "page"
    """The PDF's opening: `page`, a cover page of its own; `memo`, a title block on page 1 with the
    executive summary under it."""


def load_theme(path: Path) -> Theme:
    """Read and check the theme tokens; problems are reported like content problems.

    A project's theme gives only the tokens it changes: what it leaves out is taken
    from the built-in theme (mappings merged key by key, a list replaced whole), and a
    problem is still reported at its line in the project's file."""
    read = source.load(path, kind=source.TEMPLATE_DATA)
    from briefing.project import default_templates

    default = default_templates() / "theme.yaml"
    if path.resolve() != default.resolve() and default.is_file():
        base = source.load(default, kind=source.TEMPLATE_DATA)
        read = dataclasses.replace(read, data=merged(base.data, read.data))
    return validate_as(read, Theme, extra_checks=_logo)


def merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` on top of ``base``: mappings merged key by key, anything else replaced."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def _logo(src: source.Source) -> list[Problem]:
    """A logo must be a picture inside the theme's own folder, like any picture."""
    name = src.data.get("logo")
    if not isinstance(name, str) or not name.strip():
        return []
    from briefing.content.images import ImageError, load_picture

    folder = src.path.absolute().parent
    try:
        load_picture(folder / name, root=folder)
    except ImageError as err:
        return [Problem.at(src, ("logo",), f"{name}: {err.message}", hint=err.hint)]
    return []


def named_deck_template(path: Path, theme: Theme) -> Path | None:
    """The deck template ``theme`` names (relative to its file ``path``), or None; one that
    is not a file is an error at its line in the theme."""
    if not theme.deck.template:
        return None
    from briefing.project import Outside, confine

    named = path.parent / theme.deck.template
    if not named.is_file():
        read = source.load(path, kind=source.TEMPLATE_DATA)
        raise BriefingError(
            Problem.at(
                read,
                ("deck", "template"),
                f"{named}: no such deck template",
                hint="name a .pptx relative to this theme's folder, or remove the line",
            )
        )
    try:
        # -- the theme's folder, the project around it (templates/ sits in the project),
        #    or the working directory (the project, as find_project takes it) --
        roots = [path.parent, path.parent.parent, Path.cwd()]
        confine(named, roots=roots, what="deck template")
    except Outside as err:
        read = source.load(path, kind=source.TEMPLATE_DATA)
        raise BriefingError(
            Problem.at(read, ("deck", "template"), err.reason, hint=err.hint)
        ) from None
    return named
