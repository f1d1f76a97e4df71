"""The PDF's pages as a reader sees them: each line of text where it sits on its page.

``pdftotext -bbox-layout`` (poppler-utils) gives every line with its box in points, top
down. A page is split by the theme's margins into its running head (above the page area),
its body and its footer (below it), so tests can compare the head with what the page's
body opens with, and find where a page's text ends.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

from briefing.look.labels import Labels
from briefing.look.theme import Theme
from support import INSTALL_SYSTEM, Built, one_line, straight

MM = 72 / 25.4
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    y0: float  # -- top, in points from the page's top edge --
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    number: int  # -- 1-based --
    width: float
    height: float
    head: list[Line]
    body: list[Line]
    foot: list[Line]
    body_top: float
    body_bottom: float

    @property
    def right_head(self) -> str:
        """The running head's right half: the part the page is in."""
        words = [ln.text for ln in self.head if ln.x0 > self.width * 0.4]
        return normal(" ".join(words))

    def opening(self, lines: int = 3) -> str:
        """The first lines of the page's body, joined."""
        return normal(" ".join(ln.text for ln in self.body[:lines]))

    @property
    def blank_below(self) -> float:
        """The share of the page area left empty below its last line of text."""
        if not self.body:
            return 1.0
        last = max(ln.y1 for ln in self.body)
        return max(0.0, (self.body_bottom - last) / (self.body_bottom - self.body_top))


def normal(text: str) -> str:
    """Text compared as a reader reads it: straight quotes, one space, no soft breaks."""
    return straight(one_line(text)).strip()


def pdf_layout(pdf: Path, theme: Theme) -> list[Page]:
    """Every page of ``pdf``: its lines, sorted top down, split at the theme's margins."""
    if shutil.which("pdftotext") is None:
        pytest.fail(f"pdftotext is not installed; install it with: {INSTALL_SYSTEM}")
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    # -- the XHTML has a DOCTYPE but no entities beyond XML's own --
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", xml))
    margin = theme.document.margin_mm
    pages = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        width, height = float(page.get("width", 0)), float(page.get("height", 0))
        # -- the @page margins of briefing.css.j2: margin + 5 mm above, margin + 3 mm below --
        top, bottom = (margin + 5) * MM, height - (margin + 3) * MM
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = [w.text or "" for w in line.iter(f"{XHTML}word")]
            box = [float(line.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")]
            lines.append(Line(" ".join(words), *box))
        lines.sort(key=lambda ln: (round(ln.y0), ln.x0))
        pages.append(
            Page(
                number,
                width,
                height,
                head=[ln for ln in lines if ln.y1 <= top + 0.5],
                body=[ln for ln in lines if ln.y1 > top + 0.5 and ln.y0 < bottom - 0.5],
                foot=[ln for ln in lines if ln.y0 >= bottom - 0.5],
                body_top=top,
                body_bottom=bottom,
            )
        )
    return pages


def opens_with(page: Page, title: str) -> bool:
    """Whether the page's body begins with the heading ``title``, or with a kicker (a line
    in capitals, such as SECTION 3) and then the heading, which may wrap."""
    if page.opening(2).startswith(title):
        return True
    rest = normal(" ".join(ln.text for ln in page.body[1:4]))
    return bool(page.body) and page.body[0].text.isupper() and rest.startswith(title)


class Paged:
    """A built PDF read for its page flow: the pages' lines and the parts' bookmarks."""

    def __init__(self, built: Built, theme: Theme, labels: Labels) -> None:
        self.built = built
        self.theme = theme
        self.labels = labels

    @cached_property
    def pages(self) -> list[Page]:
        return pdf_layout(self.built.pdf, self.theme)

    @cached_property
    def parts(self) -> list[tuple[str, int]]:
        """Each part's title (its bookmark) and the page its heading is on, in order."""
        return [(normal(title), page) for title, page in self.built.outline()]

    def part_at_top(self, page: Page) -> str:
        """The part current at the top of ``page``: one whose heading opens the page (under
        its kicker), else the last part that began on an earlier page; '' before any."""
        for title, start in self.parts:
            if start == page.number and opens_with(page, title):
                return title
        earlier = [title for title, start in self.parts if start < page.number]
        return earlier[-1] if earlier else ""
