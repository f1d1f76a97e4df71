"""A figure slide's boxes: points beside the drawing only where they fit, measured.

Up to three of the section's points go beside a chart or picture, at the bullets'
preferred size down to their smallest; when even one does not fit, the drawing takes
the whole width rather than the text overflowing. Nothing is placed outside the body.
"""

from __future__ import annotations

from pathlib import Path

from pptx.util import Inches

from briefing.deck.charts import POINTS_SHARE, layout_figure
from briefing.deck.measure import Measurer, deck_measurer
from briefing.deck.slides import FigureRef, Run
from briefing.look.theme import load_theme

ROOT = Path(__file__).resolve().parent.parent
THEME = load_theme(ROOT / "templates" / "theme.yaml")
BODY = (Inches(0.6), Inches(2.3), Inches(12.133), Inches(4.4))


def measurer() -> Measurer:
    return deck_measurer(tuple(THEME.fonts.deck_metrics))


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
    layout = layout_figure(
        ref("One", "Two", "Three", "Four"), BODY, measurer=measurer(), theme=THEME, source_pt=0
    )
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
    layout = layout_figure(
        ref(long, long, long), BODY, measurer=measurer(), theme=THEME, source_pt=0
    )
    assert layout.shown == () and layout.points is None
    assert layout.drawing[2] == BODY[2]
    medium = "a point of some length that needs a few lines beside the chart " * 2
    layout = layout_figure(
        ref(medium, medium, medium), BODY, measurer=measurer(), theme=THEME, source_pt=0
    )
    assert 1 <= len(layout.shown) <= 3
    assert THEME.deck.min_body_pt <= layout.points_pt <= THEME.deck.body_pt


def test_the_source_line_is_kept_clear() -> None:
    layout = layout_figure(ref("One"), BODY, measurer=measurer(), theme=THEME, source_pt=20)
    assert layout.drawing[1] + layout.drawing[3] <= BODY[1] + BODY[3] - 20 * 12700
