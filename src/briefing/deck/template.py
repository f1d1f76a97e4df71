"""The deck's template: its layouts, their placeholders, and where each box sits.

``theme -> (presentation, layouts, Geometry)``. The built-in template is
python-pptx's own, laid out here for 16:9. A user's corporate ``.pptx`` is
opened and checked up front (as an untrusted file: :mod:`briefing.deck.untrusted`):
every layout named in ``theme.yaml`` must exist and have the placeholders the
deck fills, and all that is missing is reported at once. Its geometry is then
read off those placeholders.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx import Presentation

from briefing.deck.geometry import Frames, Rect, box_of
from briefing.deck.oxml import drop_sample_slides
from briefing.deck.shapes import rect_of
from briefing.deck.units import Inches
from briefing.deck.untrusted import check_package, check_slide_size, strip, template_problem
from briefing.errors import BriefingError, Fault, Problem
from briefing.look.theme import Theme

TITLE_TYPES = {1, 3}  # TITLE, CENTER_TITLE
BODY_TYPES = {2, 7}  # BODY, OBJECT
SUBTITLE_TYPES = {4, 2, 7}  # SUBTITLE, or a body on a title layout


@dataclass(frozen=True)
class Geometry:
    """Where each box sits on a slide, in EMU."""

    width: int
    height: int
    kicker: Rect
    title: Rect
    body: Rect
    cover_title: Rect
    cover_subtitle: Rect
    footer: Rect  # classification, bottom left; the slide number mirrors it on the right

    def frames(self) -> Frames:
        return Frames(
            box_of(self.title),
            box_of(self.body),
            box_of(self.kicker),
            box_of(self.cover_title),
            box_of(self.cover_subtitle),
            box_of(self.footer),
        )


def default_geometry() -> Geometry:
    """The built-in 16:9 look: kicker, action title, rule, body, footer."""
    width, height, margin = Inches(13.333), Inches(7.5), Inches(0.6)
    inner = width - 2 * margin
    return Geometry(
        width,
        height,
        kicker=(margin, Inches(0.36), inner, Inches(0.42)),
        title=(margin, Inches(0.78), inner, Inches(1.3)),
        body=(margin, Inches(2.3), inner, Inches(4.4)),
        cover_title=(Inches(1.0), Inches(1.7), Inches(10.4), Inches(2.4)),
        cover_subtitle=(Inches(1.0), Inches(4.35), Inches(10.4), Inches(1.6)),
        footer=(margin, Inches(6.96), Inches(6.0), Inches(0.36)),
    )


def open_default() -> tuple[Any, dict[str, Any], Geometry]:
    """python-pptx's own template at 16:9, its layouts by kind, and the built-in geometry."""
    prs: Any = Presentation()
    geometry = default_geometry()
    prs.slide_width, prs.slide_height = geometry.width, geometry.height
    layouts = {
        "title": "Title Slide",
        "content": "Title and Content",
        "title_only": "Title Only",
    }
    found = {kind: _layout_named(prs, name) for kind, name in layouts.items()}
    strip(prs)  # -- python-pptx's own thumbnail and printer settings are not the deck's --
    return prs, found, geometry


def open_template(path: Path, theme: Theme) -> tuple[Any, dict[str, Any], Geometry]:
    """Open a corporate template and check it has every layout and placeholder the deck uses.

    All problems are reported together, each naming the layout and what it lacks.
    """
    where = str(path)
    if not path.is_file():
        raise BriefingError(
            Problem.in_file(
                where,
                "no such deck template",
                hint="check deck.template in the theme",
                fault=Fault.TEMPLATE,
            )
        )
    check_package(path)
    try:
        prs = Presentation(str(path))
    except Exception as err:  # python-pptx raises several kinds for a file that is not a deck
        raise BriefingError(
            Problem.in_file(
                where,
                f"not a PowerPoint file: {err}",
                hint="pass a .pptx (or .potx saved as .pptx)",
                fault=Fault.TEMPLATE,
            )
        ) from None
    names = theme.deck.layouts
    wanted = {
        "title": (names.title, {"title": TITLE_TYPES, "subtitle": SUBTITLE_TYPES}),
        "content": (names.content, {"title": TITLE_TYPES, "body": BODY_TYPES}),
        "title_only": (names.title_only, {"title": TITLE_TYPES}),
    }
    try:
        return _checked(path, prs, wanted)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as err:
        # -- python-pptx reads what the XML says: a value it cannot take is the file's fault --
        raise template_problem(
            path,
            f"the template has a value PowerPoint's format does not allow: {err}",
            "open and save it in PowerPoint, or fix the layouts' placeholders",
        ) from None


def _checked(
    path: Path, prs: Any, wanted: dict[str, tuple[str, dict[str, set[int]]]]
) -> tuple[Any, dict[str, Any], Geometry]:
    where = str(path)
    check_slide_size(path, prs)
    known = ", ".join(repr(layout.name) for layout in prs.slide_layouts)
    problems, found = [], {}
    for kind, (name, placeholders) in wanted.items():
        layout = _layout_named(prs, name)
        if layout is None:
            problems.append(
                Problem.in_template(
                    where,
                    f"the template has no layout named {name!r}",
                    part=f"theme deck.layouts.{kind}",
                    hint=f"its layouts are: {known}; map one in templates/theme.yaml",
                )
            )
            continue
        found[kind] = layout
        for ph in layout.placeholders:
            # -- read now what adding a slide reads later: a bad value is an error up front --
            int(ph.placeholder_format.idx), ph.placeholder_format.type
        for role, types in placeholders.items():
            if placeholder(layout, types) is None:
                problems.append(
                    Problem.in_template(
                        where,
                        f"has no {role} placeholder",
                        part=f"layout {name!r}",
                        hint=f"add a {role} placeholder to the layout {name!r}, or "
                        f"map deck.layouts.{kind} to a layout that has one",
                    )
                )
    if problems:
        raise BriefingError(problems)
    # -- a template often carries sample slides: the deck starts empty --
    drop_sample_slides(prs)
    strip(prs)
    return prs, found, _template_geometry(path, prs, found)


def placeholder(owner: Any, types: set[int]) -> Any:
    """The first placeholder of a layout or slide whose type is one of ``types``, or None."""
    for ph in owner.placeholders:
        if int(ph.placeholder_format.type) in types:
            return ph
    return None


def _placed(path: Path, layout: Any, types: set[int], role: str) -> Rect:
    """Where a layout's placeholder sits; an error when the template does not say."""
    ph = placeholder(layout, types)
    box = (ph.left, ph.top, ph.width, ph.height)
    if any(v is None for v in box) or int(box[2]) <= 0 or int(box[3]) <= 0:
        raise template_problem(
            path,
            f"the {role} placeholder of layout {layout.name!r} has no position or size",
            "place it on the layout (or on the master) in PowerPoint",
        )
    return rect_of(ph)


def _template_geometry(path: Path, prs: Any, layouts: dict[str, Any]) -> Geometry:
    width, height = int(prs.slide_width), int(prs.slide_height)
    title = _placed(path, layouts["content"], TITLE_TYPES, "title")
    body = _placed(path, layouts["content"], BODY_TYPES, "body")
    kicker_h = Inches(0.42)
    if title[1] >= kicker_h + Inches(0.06):
        kicker = (title[0], title[1] - kicker_h - Inches(0.04), title[2], kicker_h)
    else:  # -- no room above the title: the kicker takes the top of the title's box --
        kicker = (title[0], title[1], title[2], kicker_h)
        title = (title[0], title[1] + kicker_h, title[2], title[3] - kicker_h)
    # -- the kicker ends before a logo or picture the master draws beside it --
    clear = _clear_of(
        (int(kicker[0]), int(kicker[1]), int(kicker[2]), int(kicker[3])),
        decorations(prs.slide_master) + decorations(layouts["content"]),
    )
    footer_h = Inches(0.36)
    footer_y = max(body[1] + body[3], height - footer_h - Inches(0.12))
    footer_y = min(footer_y, height - footer_h)
    # -- never on the master's decoration: above a band or picture at the foot of the slide
    #    where the footer would sit (measured off the master's and the layout's shapes) --
    for top in _foot_decorations(prs, layouts["content"], footer_y, footer_h, height):
        footer_y = min(footer_y, top - footer_h - Inches(0.04))
    footer = (body[0], max(body[1] + body[3] // 2, footer_y), body[2] // 2, footer_h)
    if footer[1] < body[1] + body[3]:
        # -- the footer moved up off a band: the body ends above it, so nothing overlaps --
        body = (body[0], body[1], body[2], footer[1] - int(Inches(0.04)) - body[1])
    return Geometry(
        width,
        height,
        clear,
        title,
        body,
        _placed(path, layouts["title"], TITLE_TYPES, "title"),
        _placed(path, layouts["title"], SUBTITLE_TYPES, "subtitle"),
        footer,
    )


def decorations(owner: Any) -> list[Rect]:
    """Where the shapes that are not placeholders sit on a master or layout: its bands,
    pictures and logos, which text must not be drawn over."""
    found = []
    for shape in owner.shapes:
        if shape.is_placeholder:
            continue
        box = (shape.left, shape.top, shape.width, shape.height)
        if all(v is not None for v in box) and int(box[2]) > 0 and int(box[3]) > 0:
            found.append(tuple(int(v) for v in box))
    return found  # type: ignore[return-value]


def _clear_of(box: Rect, shapes: list[Rect]) -> Rect:
    """``box`` shortened from the right so that it ends before every shape it overlaps
    that starts right of its middle."""
    left, top, width, height = box
    for x, y, w, h in shapes:
        overlaps = x < left + width and x + w > left and y < top + height and y + h > top
        if overlaps and x > left + width // 2:
            width = min(width, x - left - int(Inches(0.1)))
    return (left, top, width, height)


def _foot_decorations(prs: Any, layout: Any, top: int, height: int, slide_h: int) -> list[int]:
    """The tops of the decorations in the lower half of the slide that the footer's strip
    (``top``, ``height`` tall) would overlap."""
    tops = []
    for _, y, _, h in decorations(prs.slide_master) + decorations(layout):
        if y >= slide_h // 2 and y < top + height and y + h > top:
            tops.append(y)
    return tops


def _layout_named(prs: Any, name: str) -> Any:
    for layout in prs.slide_layouts:
        if layout.name == name:
            return layout
    return None
