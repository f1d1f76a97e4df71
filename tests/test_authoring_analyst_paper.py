"""A board paper written without defensive quoting builds, and every character arrives.

The fixture (tests/fixtures/authoring/analyst_board_paper.yaml) has unquoted dates,
numbers and yes/no words in a table, `key: value` points, `#1` and `C#` in prose, a
trailing comment after the title, bold-led bullets quoted as the error message says,
and Markdown sub-headings, an aligned pipe table, a footnote and a list nested by two
spaces. Each is looked for in the web page, the PDF and the deck (slides and notes).
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

import pytest

from readback import plain_md, slide_text, slides
from support import FIXTURES, Builds

PAPER = FIXTURES / "authoring" / "analyst_board_paper.yaml"


class _Page(HTMLParser):
    """The web page's text, and the tags each piece of text sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.pieces: list[tuple[tuple[str, ...], dict[str, str | None], str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in {"br", "hr", "img", "meta", "link"}:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] in {"style", "script"}:
            return
        self.text.append(data)
        if data.strip():
            tags = tuple(t for t, _ in self.stack)
            self.pieces.append((tags, self.stack[-1][1] if self.stack else {}, data.strip()))


def _squeeze(text: str) -> str:
    """Spacing and line breaks folded away; every other character kept."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def outputs(builds: Builds) -> dict[str, object]:
    built = builds.of(PAPER)  # -- the session's: the accessibility checkers read it too --
    page = _Page()
    page.feed(built.html.read_text(encoding="utf-8"))
    deck = slides(built.pptx)
    return {
        "page": page,
        "html": "".join(page.text),
        "pdf": "\n".join(built.pages),
        "pptx": "\n".join(slide_text(s) + "\n" + str(s["notes"]) for s in deck),
        "slides": deck,
    }


# -- as the author typed them, in every output --
EVERYWHERE = [
    "Kestrel Grid Connection",
    "Kestrel is ranked #1 in Central Europe by installed base, and C# tooling",
    "Ranked #1 in Central Europe by installed base",
    "Candidate connection slots: Q3 2027 or Q2 2028",
    "Capex: €62m over three years",
    "Installed base: 4,210 units",
    "Margin: 11.5% against 14% for the leader",
    "Risk: price war in CEE",
    "Two slots: Q3 2027 or Q2 2028",
    "Q3 2027: earlier revenue, tighter build",
    "Q2 2028: more float, later revenue",
    "Why now",
    "Nordics: +18%",
    "Letter of 2026-01-15 to all applicants.",
    "Counts are year-end figures.",
]
CELLS = ["3.50", "10.2", "Yes", "No", "NO", "~", "TBC", "12:30", "010", "2026-02-01", "n/a"]


@pytest.mark.parametrize("fmt", ["html", "pdf", "pptx"])
def test_every_line_arrives_whole(outputs: dict[str, object], fmt: str) -> None:
    text = _squeeze(str(outputs[fmt]))
    missing = [t for t in EVERYWHERE if _squeeze(t) not in text]
    assert missing == []
    assert "#the cover title" not in text  # -- the trailing comment stays a comment --


def test_numbers_dates_and_yes_no_are_table_cells_as_written(outputs: dict[str, object]) -> None:
    page = outputs["page"]
    assert isinstance(page, _Page)
    html_cells = {text for tags, _, text in page.pieces if tags and tags[-1] in {"td", "th"}}
    deck_cells = {
        cell
        for s in outputs["slides"]  # type: ignore[attr-defined]
        for table in s["tables"]
        for row in table
        for cell in row
    }
    pdf = str(outputs["pdf"])
    for cell in CELLS:
        assert cell in html_cells
        assert cell in deck_cells
        assert re.search(rf"(?<![\w.:~/-]){re.escape(cell)}(?![\w.:~/-])", pdf), cell


def test_source_dates_unquoted_and_partial(outputs: dict[str, object]) -> None:
    for fmt in ("html", "pdf", "pptx"):
        text = _squeeze(str(outputs[fmt]))
        for date in ("20 January 2026", "January 2026", "2025"):
            assert _squeeze(date) in text, (fmt, date)


def test_markdown_in_the_web_page_is_structure_not_text(outputs: dict[str, object]) -> None:
    page = outputs["page"]
    assert isinstance(page, _Page)
    found = {(tags[-1], text) for tags, _, text in page.pieces if tags}
    assert ("h3", "Why now") in found
    assert ("h4", "Method") in found
    nested = [tags for tags, _, text in page.pieces if text == "Nordics: +18%"]
    assert nested and nested[0][-4:] == ("ul", "li", "ul", "li")
    right = {text for tags, attrs, text in page.pieces if attrs.get("align") == "right"}
    assert {"Units", "1,900", "45%"} <= right
    notes = [tags for tags, _, text in page.pieces if text.startswith("Letter of 2026-01-15")]
    assert notes and "div" in notes[0] and "ol" in notes[0]
    html = str(outputs["html"])
    for literal in ("[^1]", "###", "- Nordics", "|:---"):
        assert literal not in html


def test_markdown_in_the_pdf_and_the_notes(outputs: dict[str, object]) -> None:
    pdf = str(outputs["pdf"])
    assert "[^1]" not in pdf and "###" not in pdf and "- Nordics" not in pdf
    assert re.search(r"DACH\s+1,900\s+45%", pdf)
    notes = "\n".join(str(s["notes"]) for s in outputs["slides"])  # type: ignore[attr-defined]
    assert "\nWhy now\n" in notes
    assert "[1] Letter of 2026-01-15 to all applicants." in notes
    assert "DACH | 1,900 | 45%" in notes
    assert "[^1]" not in notes and "###" not in notes
    assert plain_md("**Risk**: price war in CEE") in str(outputs["pptx"])
