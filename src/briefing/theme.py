"""Brand tokens, read from ``templates/theme.yaml``: shared by the stylesheet and the deck."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from briefing.content import source
from briefing.content.model_errors import validate_as

Colour = str


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


class Fonts(_Strict):
    body: str
    heading: str
    deck: str
    deck_metrics: list[str] = Field(min_length=1, max_length=4)


class Document(_Strict):
    body_pt: float = Field(gt=5, lt=20)
    small_pt: float = Field(gt=5, lt=20)
    h1_pt: float = Field(gt=5, lt=80)
    h2_pt: float = Field(gt=5, lt=60)
    lead_pt: float = Field(gt=5, lt=40)
    page: str = Field(pattern=r"^(A4|A5|letter|legal)$")
    margin_mm: float = Field(ge=5, le=50)


class DeckLayouts(_Strict):
    """Names of the deck template's layouts the slides are made from."""

    title: str = Field(description="Title and closing slides: a title and a subtitle placeholder.")
    content: str = Field(description="Bullets: a title and a body placeholder.")
    title_only: str = Field(description="Tables: a title placeholder.")


class Deck(_Strict):
    """The deck's type sizes in points (preferred, and the smallest text may shrink to),
    its layouts and, optionally, a corporate template to take them from."""

    title_pt: float = Field(gt=8, lt=80, description="Action titles, preferred.")
    min_title_pt: float = Field(gt=8, lt=80, description="Action titles never shrink below.")
    cover_title_pt: float = Field(gt=8, lt=96, description="Title and closing slides.")
    subtitle_pt: float = Field(gt=8, lt=60, description="Subtitle on the title slide.")
    body_pt: float = Field(gt=8, lt=60, description="Bullets, preferred.")
    min_body_pt: float = Field(
        gt=8,
        lt=60,
        description="Bullets never shrink below; past it they continue on the next slide.",
    )
    table_pt: float = Field(gt=6, lt=40)
    min_table_pt: float = Field(gt=6, lt=40)
    small_pt: float = Field(gt=6, lt=30, description="Footer, kicker and source line.")
    template: str | None = Field(
        None,
        description="A corporate .pptx, relative to the templates folder, whose layouts "
        "the deck uses (the --deck-template option overrides it).",
    )
    layouts: DeckLayouts

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
    sections: Literal["page", "flow"] = Field(
        "page",
        description="In the PDF, `page` starts every chapter on a new page; `flow` runs "
        "them on, a heading always kept with what follows it.",
    )


def load_theme(path: Path) -> Theme:
    """Read and check the theme tokens; problems are reported like content problems."""
    return validate_as(source.load(path, kind=source.TEMPLATE_DATA), Theme)
