"""Read built outputs back as structure: the text, the tables cell by cell, the sources list.

``built file -> text, [table], [source entry]``. The PDF is read with poppler: its text
with ``pdftotext`` (which maps glyphs to characters through the fonts' own tables, so an
emoji or right-to-left digits do not garble the text around them, as they do in pypdf), its
tables and lists from the tagged structure with ``pdfinfo -struct-text`` (each cell's text
is what the page draws in that cell). The web page is parsed with lxml, the deck opened with
python-pptx. What a check compares is the text a reader sees; how it compares is the
caller's (:mod:`briefing.proof.verify`).

A proof opens each output once: :func:`open_output` reads its bytes, and every check
takes the parsed form from the `Output` it returns (poppler reads the same bytes on its
standard input; pypdf, lxml and python-pptx parse them in memory, each once).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

Table = list[list[str]]  # rows of cell texts, the header row first

POPPLER_HINT = "install poppler's command-line tools: apt-get install poppler-utils"


class ReadError(Exception):
    """An output that cannot be read back, or a missing reading tool: the message says which."""


def _poppler(tool: str, *args: str, data: bytes | None = None) -> str:
    """``tool ARGS``'s output; with ``data``, the PDF is given on its standard input (``-``)."""
    found = shutil.which(tool)
    if found is None:
        raise ReadError(f"{tool} is not installed; {POPPLER_HINT}")
    try:
        done = subprocess.run(
            [found, *args], input=data, capture_output=True, timeout=120, check=False, text=False
        )
    except subprocess.TimeoutExpired:
        raise ReadError(f"{tool} took longer than two minutes") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(f"{tool}: {message[-1] if message else 'failed'}")
    return done.stdout.decode("utf-8", "replace")


def pdf_text(path: Path | bytes) -> str:
    """The text of every page, in reading order (of a file, or of a PDF's bytes)."""
    data = path if isinstance(path, bytes) else None
    # -- -raw: in the order the page draws it, so boxes side by side are not interleaved --
    return _poppler("pdftotext", "-raw", "-enc", "UTF-8", _name(path), "-", data=data)


def _name(path: Path | bytes) -> str:
    return "-" if isinstance(path, bytes) else str(path)


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


def pdf_structure(path: Path | bytes) -> Node:
    """The tagged structure of a PDF (PDF/UA), as poppler prints it."""
    data = path if isinstance(path, bytes) else None
    return parse_struct_text(_poppler("pdfinfo", "-struct-text", _name(path), data=data))


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


def flat_shapes(shapes: Any) -> list[Any]:
    """A slide's shapes, a group's shapes (a chart's annotations) read like the slide's own."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    found = []
    for shape in shapes:
        found += flat_shapes(shape.shapes) if shape.shape_type == MSO_SHAPE_TYPE.GROUP else [shape]
    return found


def pptx_slides(path: Path | Any) -> list[Slide]:
    """Each slide's title, paragraphs and tables (not its notes), of a file or of an open
    ``pptx.Presentation``."""
    if isinstance(path, Path):
        from pptx import Presentation

        path = Presentation(str(path))
    flat = flat_shapes
    slides = []
    for slide in path.slides:
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


# -- each output opened once: its bytes read, each parsed form made on first use --


def read_output(path: Path) -> bytes:
    """An output's bytes: the one place a proof opens a built file."""
    return path.read_bytes()


@dataclass
class Output:
    """One built output, opened once: its bytes, parsed on first use into what checks read."""

    path: Path
    data: bytes


class PdfOutput(Output):
    @cached_property
    def text(self) -> str:
        """pdftotext's text of every page (page breaks as form feeds)."""
        return pdf_text(self.data)

    @cached_property
    def structure(self) -> Node:
        return pdf_structure(self.data)

    @cached_property
    def reader(self) -> Any:
        """The file parsed by pypdf (its outline, structure tree, pictures)."""
        from pypdf import PdfReader

        return PdfReader(io.BytesIO(self.data))


class HtmlOutput(Output):
    @cached_property
    def root(self) -> Any:
        """The page parsed by lxml."""
        import lxml.html

        return lxml.html.fromstring(self.data)


class PptxOutput(Output):
    @cached_property
    def presentation(self) -> Any:
        """The deck opened by python-pptx."""
        from pptx import Presentation

        return Presentation(io.BytesIO(self.data))

    @cached_property
    def slides(self) -> list[Slide]:
        return pptx_slides(self.presentation)

    @cached_property
    def package(self) -> zipfile.ZipFile:
        """The deck's parts as a zip (the chart workbooks are embedded there)."""
        return zipfile.ZipFile(io.BytesIO(self.data))


_KINDS: dict[str, type[Output]] = {"pdf": PdfOutput, "html": HtmlOutput, "pptx": PptxOutput}


def open_output(fmt: str, path: Path) -> Output:
    """The output ``path`` of format ``fmt``, its bytes read once (:func:`read_output`)."""
    if fmt not in _KINDS:
        raise ValueError(f"unknown format {fmt}")
    return _KINDS[fmt](path, read_output(path))
