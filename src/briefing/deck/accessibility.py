"""Make a written slide read well to a screen reader: decorative shapes and reading order.

``slide -> slide`` (in place). A shape drawn only for looks (a rule, a band, a
panel's fill) is marked decorative with PowerPoint's own extension
(``adec:decorative``), so accessibility checkers and screen readers skip it
instead of asking for its description. The shapes are then put in the order the
eye reads them (the tree order is the reading order): decorative shapes first
(drawn behind), then the kicker, the title, the body, the source line and the
footer.
"""

from __future__ import annotations

from typing import Any

from briefing.deck.oxml import is_decorative, reorder_shapes, set_decorative

# -- shape names the writer gives, by the place they take in reading order --
FIRST = ("Kicker",)
LAST = ("Source", "Footer", "Slide number")


def decorative(shape: Any) -> Any:
    """Mark ``shape`` as decorative; returns it."""
    set_decorative(shape)
    return shape


def reading_order(slide: Any) -> None:
    """Order a slide's shapes as they are read: decorative, kicker, title, body, source, footer."""
    shapes = list(slide.shapes)

    def rank(indexed: tuple[int, Any]) -> tuple[int, int]:
        index, shape = indexed
        if is_decorative(shape):
            return 0, index
        if shape.name in FIRST:
            return 1, index
        if shape.is_placeholder and int(shape.placeholder_format.type) in {1, 3}:
            return 2, index
        if shape.name in LAST:
            return 4 + LAST.index(shape.name), index
        return 3, index

    ordered = [shape for _, shape in sorted(enumerate(shapes), key=rank)]
    reorder_shapes(slide, ordered)
