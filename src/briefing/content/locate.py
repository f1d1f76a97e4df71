"""Point a problem found while laying out the outputs at the content field it comes from.

``Problem (template, sections[id=lab].headline) + Source -> Problem (content:LINE:COL)``.
The deck's fitting measures text in slides and names what does not fit by the
field it came from; the author must change the content file, so the message
carries that file's line and column. A problem the template itself causes (a
layout box too small for any text) keeps the template's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.content import source as content_source
from briefing.content.source import FieldPath, Source
from briefing.errors import BriefingError, Problem

_SECTION_FIELD = re.compile(r"sections\[id=(?P<id>[^\]]+)\]\.(?P<rest>[\w.]+)(?:\[(?P<i>\d+)\])?")
_SLIDE_PART = re.compile(r"slide \d+ \((?P<layout>[\w-]+)\) (?P<part>\w+)")
# -- the content field a slide part of the fixed slides shows (deck.html.j2) --
_SLIDE_FIELDS: dict[tuple[str, str], FieldPath] = {
    ("title", "title"): ("title",),
    ("title", "subtitle"): ("subtitle",),
    ("closing", "title"): ("title",),
    ("takeaways", "body"): ("takeaways",),
    ("sources", "body"): ("sources",),
}
_TEMPLATE_AT_FAULT = ("layout", "placeholder", "template")


@contextmanager
def in_content(path: Path) -> Iterator[None]:
    """Re-raise a layout problem at the line and column of the content that causes it."""
    try:
        yield
    except BriefingError as err:
        try:
            source = content_source.load(path)
        except BriefingError:
            raise err from None
        raise BriefingError([locate(p, source) for p in err.problems]) from None


def locate(problem: Problem, source: Source) -> Problem:
    """``problem`` at the content field it names, or as it was when it names none."""
    if any(word in problem.hint for word in _TEMPLATE_AT_FAULT):
        return problem
    loc = _field(problem.path, source)
    if loc is None:
        return problem
    return Problem.at(source, loc, problem.message, hint=problem.hint)


def _field(where: str, source: Source) -> FieldPath | None:
    if where == "classification":
        return ("classification",)
    part = _SLIDE_PART.fullmatch(where)
    if part:
        return _SLIDE_FIELDS.get((part["layout"], part["part"]))
    match = _SECTION_FIELD.fullmatch(where)
    if match is None:
        return None
    sections = source.data.get("sections")
    ids = [s.get("id") if isinstance(s, dict) else None for s in sections or []]
    if match["id"] not in ids:
        return None
    loc: FieldPath = ("sections", ids.index(match["id"]), *match["rest"].split("."))
    if match["rest"] == "sources":
        return loc[:2]
    return (*loc, int(match["i"])) if match["i"] is not None else loc
