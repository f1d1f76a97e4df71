"""A figure slide's boxes: points beside the drawing only where they fit, measured in
the fit stage (every box of the deck is) and placed by the writer.

Up to three of the section's points go beside a chart or picture, at the bullets'
preferred size down to their smallest; when even one does not fit, the drawing takes
the whole width rather than the text overflowing. Nothing is placed outside the body.
"""

from __future__ import annotations

from pathlib import Path

from briefing.deck.archetypes import POINTS_SHARE
from briefing.deck.charts import FigureLayout, layout_figure
from briefing.deck.fit import Sizes
from briefing.deck.fitting import fit_slides
from briefing.deck.measure import deck_measurer
from briefing.deck.slides import FigureRef, FigureSlide, Run
from briefing.deck.template import default_geometry
from briefing.deck.units import Pt
from briefing.look.theme import load_theme

ROOT = Path(__file__).resolve().parent.parent
THEME = load_theme(ROOT / "templates" / "theme.yaml")
GEOMETRY = default_geometry()
BODY = GEOMETRY.body


def placed(figure: FigureRef, *, source: str = "") -> tuple[FigureLayout, float]:
    """The figure slide fitted as a deck's are, then placed; and its source line's height."""
    slide = FigureSlide(number=1, title=(Run("A chart"),), figure=figure, source=source)
    [fitted] = fit_slides(
        [slide],
        frames=GEOMETRY.frames(),
        measurer=deck_measurer(tuple(THEME.fonts.deck_metrics)),
        sizes=Sizes.of(THEME.deck),
        template="deck.html.j2",
        continued="continued",
    )
    assert fitted.figure is not None
    return layout_figure(fitted.figure, BODY, source_pt=fitted.source_pt), fitted.source_pt


def ref(*points: str, caption: str = "The message of the chart") -> FigureRef:
    return FigureRef(0, (Run(caption),), tuple((Run(p),) for p in points))


def inside(box: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return (
        box[0] >= outer[0]
        and box[1] >= outer[1]
        and box[0] + box[2] <= outer[0] + outer[2]
        and box[1] + box[3] <= outer[1] + outer[3]
    )


def test_three_short_points_go_beside_the_drawing() -> None:
    layout, _ = placed(ref("One", "Two", "Three", "Four"))
    assert len(layout.shown) == 3  # -- never more than three
    assert layout.points is not None and layout.caption is not None
    assert layout.points_pt == THEME.deck.body_pt
    assert layout.drawing[0] + layout.drawing[2] < layout.points[0]  # -- side by side
    assert layout.points[2] == int(BODY[2] * POINTS_SHARE)
    for box in (layout.drawing, layout.points, layout.caption):
        assert inside(box, BODY)
    assert layout.drawing[1] >= layout.caption[1] + layout.caption[3]  # -- under the caption


def test_long_points_shrink_then_drop_then_leave_the_drawing_the_width() -> None:
    long = "a point far too long to sit beside a chart " * 25
    layout, _ = placed(ref(long, long, long))
    assert layout.shown == () and layout.points is None
    assert layout.drawing[2] == BODY[2]
    medium = "a point of some length that needs a few lines beside the chart " * 2
    layout, _ = placed(ref(medium, medium, medium))
    assert 1 <= len(layout.shown) <= 3
    assert THEME.deck.min_body_pt <= layout.points_pt <= THEME.deck.body_pt


def test_the_source_line_is_kept_clear() -> None:
    layout, source_pt = placed(ref("One"), source="Source: [1] A report of the year")
    assert source_pt > 0
    assert layout.drawing[1] + layout.drawing[3] <= BODY[1] + BODY[3] - Pt(source_pt)
