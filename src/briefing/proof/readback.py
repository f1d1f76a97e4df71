"""Read built outputs back as structure: the text, the tables cell by cell, the sources list.

``built file -> text, [table], [source entry]``. The PDF is read with poppler: its text
with ``pdftotext`` (which maps glyphs to characters through the fonts' own tables, so an
emoji or right-to-left digits do not garble the text around them, as they do in pypdf), its
tables and lists from the tagged structure with ``pdfinfo -struct-text`` (each cell's text
is what the page draws in that cell). The web page is parsed with lxml, the deck opened with
python-pptx. What a check compares is the text a reader sees; how it compares is the
caller's (:mod:`briefing.proof.verify`).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Table = list[list[str]]  # rows of cell texts, the header row first

POPPLER_HINT = "install poppler's command-line tools: apt-get install poppler-utils"


class ReadError(Exception):
    """An output that cannot be read back, or a missing reading tool: the message says which."""


def _poppler(tool: str, *args: str) -> str:
    found = shutil.which(tool)
    if found is None:
        raise ReadError(f"{tool} is not installed; {POPPLER_HINT}")
    try:
        done = subprocess.run(
            [found, *args], capture_output=True, timeout=120, check=False, text=False
        )
    except subprocess.TimeoutExpired:
        raise ReadError(f"{tool} took longer than two minutes") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(f"{tool}: {message[-1] if message else 'failed'}")
    return done.stdout.decode("utf-8", "replace")


def pdf_text(path: Path) -> str:
    """The text of every page, in reading order."""
    # -- -raw: in the order the page draws it, so boxes side by side are not interleaved --
    return _poppler("pdftotext", "-raw", "-enc", "UTF-8", str(path), "-")


@dataclass
class Node:
    """One element of a tagged PDF's structure tree, with its text and children."""

    kind: str
    children: list[Node] = field(default_factory=list)
    text: str = ""  # for a text leaf: what the page draws

    def all_text(self) -> str:
        return self.text + "".join(child.all_text() for child in self.children)

    def find(self, kind: str) -> list[Node]:
        """Every descendant of ``kind``, in document order (not inside one another)."""
        found = []
        for child in self.children:
            if child.kind == kind:
                found.append(child)
            else:
                found += child.find(kind)
        return found


def pdf_structure(path: Path) -> Node:
    """The tagged structure of a PDF (PDF/UA), as poppler prints it."""
    return parse_struct_text(_poppler("pdfinfo", "-struct-text", str(path)))


def parse_struct_text(output: str) -> Node:
    """The tree in ``pdfinfo -struct-text`` output: two spaces per level, text quoted."""
    root = Node("root")
    stack: list[tuple[int, Node]] = [(-1, root)]
    lines = output.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("/"):
            continue  # -- attributes (/Headers ...) and blank lines --
        indent = len(line) - len(stripped)
        if stripped.startswith('"'):
            text = stripped[1:]
            # -- a text that holds a line break continues on the next lines --
            while not text.endswith('"') and i < len(lines):
                text += "\n" + lines[i]
                i += 1
            node = Node("text", text=text[:-1] if text.endswith('"') else text)
        else:
            node = Node(stripped.split(" ", 1)[0].rstrip(":"))
        while stack[-1][0] >= indent:
            stack.pop()
        stack[-1][1].children.append(node)
        stack.append((indent, node))
    return root


def pdf_tables(structure: Node) -> list[Table]:
    """Each table of a tagged PDF, its header and body rows, each cell as drawn."""
    tables = []
    for table in structure.find("Table"):
        rows = [
            [cell.all_text() for cell in row.children if cell.kind in {"TH", "TD"}]
            for row in table.find("TR")
        ]
        tables.append(rows)
    return tables


def pdf_list_items(structure: Node) -> list[str]:
    """The text of every list item of a tagged PDF, nested ones too (the sources list is
    one such list)."""
    found = []
    pending = [structure]
    while pending:
        node = pending.pop()
        if node.kind == "LI":
            found.append(node.all_text())
        pending += reversed(node.children)
    return found


def html_tables(root: object) -> list[Table]:
    """Each ``<table>`` of a parsed page: its rows (header first), each cell's text."""
    tables = []
    for table in root.iter("table"):  # type: ignore[attr-defined]
        rows = [
            [cell.text_content() for cell in tr if cell.tag in {"th", "td"}]
            for tr in table.iter("tr")
        ]
        tables.append(rows)
    return tables


def html_sources(root: object) -> list[str]:
    """The entries of the page's Sources list (``#sources``), each as a reader sees it."""
    found = root.xpath('//*[@id="sources"]//li')  # type: ignore[attr-defined]
    return [item.text_content() for item in found]


@dataclass(frozen=True)
class Slide:
    title: str
    paragraphs: list[str]  # every paragraph of every text frame, in shape order
    tables: list[Table]


def pptx_slides(path: Path) -> list[Slide]:
    """Each slide's title, paragraphs and tables (not its notes)."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    def flat(shapes: Any) -> list[Any]:
        # -- a group's shapes (a chart's annotations) are read like the slide's own --
        found = []
        for shape in shapes:
            found += flat(shape.shapes) if shape.shape_type == MSO_SHAPE_TYPE.GROUP else [shape]
        return found

    slides = []
    for slide in Presentation(str(path)).slides:
        paragraphs: list[str] = []
        tables: list[Table] = []
        for shape in flat(slide.shapes):
            if shape.has_text_frame:
                paragraphs += [p.text for p in shape.text_frame.paragraphs]
            if getattr(shape, "has_table", False) and shape.has_table:
                tables.append([[cell.text for cell in row.cells] for row in shape.table.rows])
        title = slide.shapes.title
        slides.append(Slide(title.text_frame.text if title is not None else "", paragraphs, tables))
    return slides


def joined_tables(tables: list[Table]) -> list[Table]:
    """Tables continued over several slides, each joined back into one: a table whose header
    row repeats the one before's continues it (its header is dropped)."""
    joined: list[Table] = []
    for table in tables:
        if joined and table and joined[-1] and table[0] == joined[-1][0]:
            joined[-1] = joined[-1] + table[1:]
        else:
            joined.append([list(row) for row in table])
    return joined + _side_by_side(joined)


def _side_by_side(tables: list[Table]) -> list[Table]:
    """Tables too wide for a slide go on in their columns, the first column repeated: each
    run of tables sharing a first column, joined side by side. (Added to the tables read,
    not in place of them: two tables may share a first column by chance.)"""
    found: list[Table] = []
    current: Table | None = None
    for table in tables:
        if current is not None and [r[0] for r in table if r] == [r[0] for r in current if r]:
            current = [a + b[1:] for a, b in zip(current, table, strict=True)]
            found.append(current)
        else:
            current = table
    return found
