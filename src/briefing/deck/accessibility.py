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

from lxml import etree
from pptx.oxml.ns import qn

DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
# -- shape names the writer gives, by the place they take in reading order --
FIRST = ("Kicker",)
LAST = ("Source", "Footer", "Slide number")


def decorative(shape: Any) -> Any:
    """Mark ``shape`` as decorative; returns it."""
    c_nv_pr = shape._element.find(".//" + qn("p:cNvPr"))
    ext_lst = c_nv_pr.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"))
    ext.set("uri", DECORATIVE_URI)
    mark = etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC})
    mark.set("val", "1")
    return shape


def is_decorative(shape: Any) -> bool:
    """Whether ``shape`` is marked decorative."""
    return shape._element.find(f".//{{{ADEC}}}decorative") is not None


def reading_order(slide: Any) -> None:
    """Order a slide's shapes as they are read: decorative, kicker, title, body, source, footer."""
    tree = slide.shapes._spTree
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
    for shape in ordered:
        tree.remove(shape._element)
    # -- shapes go before the tree's own extension list, if it has one --
    end = tree.find(qn("p:extLst"))
    for shape in ordered:
        if end is None:
            tree.append(shape._element)
        else:
            end.addprevious(shape._element)
