"""Gather what a briefing shows besides text: ``Briefing -> Assets`` (pictures, charts, logo).

Pictures and the theme's logo are read once, through :mod:`briefing.content.images`
(the confined fetcher, format from the bytes, limits, SVG allow-list), and
handed to every output, so the web page, the PDF and the deck show the same
bytes. Charts are drawn to SVG on demand (:mod:`briefing.document.charts`), so a
briefing without charts never loads the charting library.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from briefing.content.images import ImageError, Picture, load_picture
from briefing.content.model import Briefing, Chart, Image
from briefing.errors import BriefingError, Fault, Problem
from briefing.look.theme import Theme


@dataclass
class Assets:
    """The pictures of a briefing by (section id, figure index), its logo, its charts' SVG."""

    theme: Theme
    pictures: dict[tuple[str, int], Picture] = field(default_factory=dict)
    logo: Picture | None = None
    _svg: dict[tuple[str, int], str] = field(default_factory=dict)

    def chart_svg(self, section: str, index: int, chart: Chart) -> str:
        """The chart's SVG element, drawn once."""
        key = (section, index)
        if key not in self._svg:
            from briefing.document.charts import chart_svg

            self._svg[key] = chart_svg(chart, theme=self.theme, ident=f"{section}-chart-{index}")
        return self._svg[key]

    def figure_html(self, section: str, index: int, figure: Chart | Image) -> Markup:
        """The figure's drawing for the page: an inline SVG chart, or an embedded picture."""
        if isinstance(figure, Chart):
            return Markup(self.chart_svg(section, index, figure))
        picture = self.pictures[(section, index)]
        alt = "" if figure.decorative else (figure.alt or "")
        return Markup(
            f'<img class="picture" src="{data_uri(picture)}" alt="{escape(alt)}" '
            f'width="{picture.width}" height="{picture.height}">'
        )

    @property
    def logo_uri(self) -> str:
        return data_uri(self.logo) if self.logo is not None else ""


def data_uri(picture: Picture) -> str:
    """The picture as a ``data:`` URI: the page stays one file."""
    return f"data:{picture.mime};base64,{base64.b64encode(picture.data).decode('ascii')}"


def load_assets(briefing: Briefing, *, theme: Theme, images_dir: Path, theme_dir: Path) -> Assets:
    """Read every picture of ``briefing`` (below ``images_dir``) and the theme's logo."""
    assets = Assets(theme)
    problems: list[Problem] = []
    for section in briefing.sections:
        for index, figure in enumerate(section.figures):
            if isinstance(figure, Image):
                try:
                    assets.pictures[(section.id, index)] = load_picture(
                        images_dir / figure.image, root=images_dir
                    )
                except ImageError as err:  # -- checked at validation; changed since --
                    problems.append(
                        Problem.in_file(
                            str(images_dir / figure.image),
                            err.message,
                            hint=err.hint,
                            path=f"{section.id}.figures[{index}].image",
                        )
                    )
    if theme.logo:
        try:
            assets.logo = load_picture(theme_dir / theme.logo, root=theme_dir)
        except ImageError as err:
            problems.append(
                Problem.in_file(
                    str(theme_dir / "theme.yaml"),
                    f"{theme.logo}: {err.message}",
                    hint=err.hint,
                    path="logo",
                    fault=Fault.TEMPLATE,
                )
            )
    if problems:
        raise BriefingError(problems)
    return assets
