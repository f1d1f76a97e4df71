"""Nothing is set outside the page: every box of the typeset PDF lies inside its page's area.

The PDF's own bytes do not say where a line ends, so this lays the same HTML out with
WeasyPrint, with the same fonts, and checks its boxes page by page.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from briefing.build import document_html, prepare
from briefing.look.fonts import document_font_faces
from briefing.project import find_project
from support import LONG_TABLE, MUSE_SPARK, ROOT


@functools.cache  # -- once per source for the session: both tests read the same layout --
def typeset(source: Path) -> list[object]:
    import weasyprint

    # -- the build's own chain up to the HTML the PDF is typeset from --
    html = document_html(prepare(find_project(ROOT), source))
    fonts = weasyprint.text.fonts.FontConfiguration()
    faces = weasyprint.CSS(string=document_font_faces(), font_config=fonts)
    document = weasyprint.HTML(string=html).render(stylesheets=[faces], font_config=fonts)
    return [page._page_box for page in document.pages]


def outside_the_area(page: object) -> list[tuple[str, str, int, int]]:
    """Boxes of a page box that reach outside its page area (the margins are for running heads)."""
    from weasyprint.formatting_structure import boxes

    left, top = page.margin_left, page.margin_top  # type: ignore[attr-defined]
    right = page.margin_width() - page.margin_right  # type: ignore[attr-defined]
    bottom = page.margin_height() - page.margin_bottom  # type: ignore[attr-defined]
    found = []
    stack = list(getattr(page, "children", []))
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.MarginBox):
            continue
        x, y = box.position_x, box.position_y
        # -- a bottom margin at the foot of a page is truncated (CSS 2.1, 13.3.3): not counted --
        x1, y1 = x + box.margin_width(), y + box.margin_height() - box.margin_bottom
        if x < left - 0.5 or x1 > right + 0.5 or y < top - 0.5 or y1 > bottom + 0.5:
            tag = getattr(getattr(box, "element", None), "tag", "")
            found.append((type(box).__name__, tag, round(x1), round(y1)))
        stack.extend(getattr(box, "children", []))
    return found


@pytest.mark.parametrize("source", [MUSE_SPARK, LONG_TABLE], ids=lambda p: p.stem)
def test_every_box_lies_inside_its_page_area(source: Path) -> None:
    outside = {
        n: boxes for n, page in enumerate(typeset(source), 1) if (boxes := outside_the_area(page))
    }
    assert outside == {}


HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "caption"}


def last_line_owner(page: object) -> str:
    """Tag (and class) of the element that owns the lowest line of text in the page area."""
    from weasyprint.formatting_structure import boxes

    lowest: tuple[float, str] = (-1.0, "")
    stack: list[tuple[object, str]] = [(child, "") for child in getattr(page, "children", [])]
    while stack:
        box, owner = stack.pop()
        if isinstance(box, boxes.MarginBox):
            continue
        element = getattr(box, "element", None)
        if isinstance(box, boxes.BlockBox | boxes.TableCaptionBox) and element is not None:
            owner = f"{element.tag}.{element.get('class') or ''}"
        if isinstance(box, boxes.LineBox):
            bottom = box.position_y + box.height  # type: ignore[attr-defined]
            if bottom > lowest[0]:
                lowest = (bottom, owner)
        stack.extend((child, owner) for child in getattr(box, "children", []))
    return lowest[1]


@pytest.mark.parametrize("source", [MUSE_SPARK, LONG_TABLE], ids=lambda p: p.stem)
def test_no_page_ends_with_a_heading_kicker_or_lead(source: Path) -> None:
    pages = typeset(source)[1:]  # -- the cover is a page of headings by design --
    endings = {n: last_line_owner(page) for n, page in enumerate(pages, start=2)}
    alone = {
        n: owner
        for n, owner in endings.items()
        if owner.split(".")[0] in HEADINGS or owner.split(".")[1] in {"chapter-number", "lead"}
    }
    assert all(endings.values())
    assert alone == {}
