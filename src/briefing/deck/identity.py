"""Give the deck one identity with its corporate template: the template's own theme.

``(theme tokens, corporate .pptx) -> theme tokens``. A corporate template carries
its brand in its theme part: a colour scheme (dark and light text colours, six
accents) and a font scheme (heading and body typefaces). The deck's accents,
text colour and font are taken from there, so the tool's default blue never
sits on a green master; a token that the project's ``theme.yaml`` sets to
something other than the built-in default is the user's choice and wins. A
template font is used only when its metrics are installed (Calibri measured by
Carlito, Arial by Liberation Sans, ...): the deck is measured with the font it
names, or it keeps the theme's.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from briefing.deck.oxml import theme_body_font, theme_schemes
from briefing.look.fonts import find_font
from briefing.look.theme import Theme

# -- a typeface -> the metric-compatible files it is measured with --
METRICS = {
    "Calibri": ["Carlito-Regular.ttf", "Carlito-Bold.ttf"],
    "Carlito": ["Carlito-Regular.ttf", "Carlito-Bold.ttf"],
    "Arial": ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"],
    "Helvetica": ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"],
    "Liberation Sans": ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"],
    "Times New Roman": ["LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"],
    "Cambria": ["Caladea-Regular.ttf", "Caladea-Bold.ttf"],
}


# -- a typeface's metric files -> the Debian package that installs them --
INSTALLS = {
    "Carlito": "fonts-crosextra-carlito",
    "Caladea": "fonts-crosextra-caladea",
    "Liberation": "fonts-liberation",
}


def font_note(typeface: str, theme: Theme) -> str:
    """What to tell the user when the template's ``typeface`` cannot be measured here: the
    font the deck keeps and is measured with instead, and the package that would install
    the template's; nothing when the template's font is the deck's."""
    metrics = METRICS.get(typeface)
    if not typeface or typeface == theme.fonts.deck:
        return ""
    if metrics is None:
        return (
            f"the deck template's font {typeface} has no metric-compatible font known here: "
            f"the deck names {theme.fonts.deck} and is measured with "
            f"{', '.join(theme.fonts.deck_metrics)}"
        )
    if all(find_font(name) for name in metrics):
        return ""
    package = next((p for k, p in INSTALLS.items() if metrics[0].startswith(k)), "")
    return (
        f"the deck template's font {typeface} is not installed ({metrics[0]} measures it): "
        f"the deck names {theme.fonts.deck} and is measured with "
        f"{', '.join(theme.fonts.deck_metrics)}"
        + (
            f"; install {package} (e.g. apt-get install {package}) to keep {typeface}"
            if package
            else ""
        )
    )


def template_font(path: Path) -> str:
    """The body typeface of a corporate template's theme, read from the file's theme part
    (no deck is opened); empty when it names none or cannot be read."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(
                n for n in archive.namelist() if re.match(r"ppt/theme/theme\d+\.xml$", n)
            )
            if not names:
                return ""
            info = archive.getinfo(names[0])
            if info.file_size > 4 * 1024 * 1024:  # -- an untrusted file: a bounded read --
                return ""
            xml = archive.read(names[0])
    except (OSError, zipfile.BadZipFile, KeyError):
        return ""
    return theme_body_font(xml)


@dataclass(frozen=True)
class Scheme:
    """What a template's theme says: its colours (``#RRGGBB`` by scheme name) and fonts."""

    colours: dict[str, str]
    heading_font: str
    body_font: str


def template_scheme(prs: Any) -> Scheme | None:
    """The colour and font scheme of the template's first slide master, if it has a theme."""
    try:
        part = prs.slide_master.part.part_related_by(RT.THEME)
    except KeyError:
        return None
    return Scheme(*theme_schemes(part.blob))


def adopt(theme: Theme, scheme: Scheme | None, *, default: Theme) -> Theme:
    """``theme`` with every token still at the built-in default taken from ``scheme``."""
    if scheme is None:
        return theme
    c, d = theme.colors, default.colors
    colours: dict[str, str] = {}
    accent = scheme.colours.get("accent1")
    if accent and c.accent == d.accent:
        colours["accent"] = accent
    if accent and c.accent_soft == d.accent_soft:
        colours["accent_soft"] = tint(colours.get("accent", c.accent), 0.12)
    # -- charts' series in the template's accents, in order, as its own charts would be --
    accents = [scheme.colours[f"accent{n}"] for n in range(1, 7) if f"accent{n}" in scheme.colours]
    series = {"series": accents} if accents and c.series == d.series else {}
    ink = scheme.colours.get("dk1")
    if ink and c.ink == d.ink:
        colours["ink"] = ink
    fonts: dict[str, object] = {}
    typeface = scheme.body_font
    metrics = METRICS.get(typeface)
    if (
        metrics
        and theme.fonts.deck == default.fonts.deck
        and all(find_font(name) for name in metrics)
    ):
        fonts = {"deck": typeface, "deck_metrics": metrics}
    return theme.model_copy(
        update={
            "colors": c.model_copy(update={**colours, **series}),
            "fonts": theme.fonts.model_copy(update=fonts),
        }
    )


def tint(colour: str, share: float) -> str:
    """``colour`` mixed with white: ``share`` of the colour, the rest white."""
    rgb = bytes.fromhex(colour.lstrip("#"))
    return "#" + "".join(f"{round(255 - (255 - v) * share):02X}" for v in rgb)
