"""Brand tokens, read from ``templates/theme.yaml``: shared by the stylesheet and the deck."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from briefing import source
from briefing.validate import validate_as

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
    title: str
    content: str
    title_only: str


class Deck(_Strict):
    title_pt: float = Field(gt=8, lt=80)
    body_pt: float = Field(gt=8, lt=60)
    min_body_pt: float = Field(gt=8, lt=60)
    table_pt: float = Field(gt=6, lt=40)
    min_table_pt: float = Field(gt=6, lt=40)
    small_pt: float = Field(gt=6, lt=30)
    layouts: DeckLayouts


class Theme(_Strict):
    colors: Colors
    fonts: Fonts
    document: Document
    deck: Deck


def load_theme(path: Path) -> Theme:
    """Read and check the theme tokens; problems are reported like content problems."""
    return validate_as(source.load(path), Theme)
