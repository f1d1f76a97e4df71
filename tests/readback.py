"""Read built outputs back as a user's tools would: a PDF reader, python-pptx, an HTML parser."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from pptx import Presentation
from pypdf import PdfReader


def squash(text: str) -> str:
    """Text with case, hyphenation, quotes and spacing folded away, for 'is it there' checks."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def _version(path: Path) -> tuple[str, int, int]:
    """What tells one state of a file from another: a rebuilt output is read again."""
    stat = Path(path).stat()
    return str(path), stat.st_mtime_ns, stat.st_size


def pdf_pages(path: Path) -> list[str]:
    """The PDF's text, page by page, as pypdf extracts it (read once per state of the file:
    many tests read the same shared build)."""
    return list(_pdf_pages(_version(path)))


@functools.lru_cache(maxsize=64)
def _pdf_pages(version: tuple[str, int, int]) -> tuple[str, ...]:
    return tuple(page.extract_text() or "" for page in PdfReader(version[0]).pages)


def pdf_outline(path: Path) -> list[str]:
    reader = PdfReader(path)
    titles: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))  # type: ignore[attr-defined]

    walk(reader.outline)
    return titles


def slides(path: Path) -> list[dict[str, object]]:
    """Each slide as its layout name, texts (shape by shape), tables and notes."""
    result = []
    for slide in Presentation(str(path)).slides:
        texts, tables = [], []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                tables.append([[c.text for c in row.cells] for row in shape.table.rows])
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        result.append(
            {
                "layout": slide.slide_layout.name,
                "title": title,
                "texts": texts,
                "tables": tables,
                "notes": notes,
            }
        )
    return result


def slide_text(slide: dict[str, object]) -> str:
    parts = list(slide["texts"])  # type: ignore[call-overload]
    for table in slide["tables"]:  # type: ignore[attr-defined]
        parts += [cell for row in table for cell in row]
    return "\n".join(parts)


def plain_md(text: str) -> str:
    """Inline Markdown as a reader sees it: no citation brackets, emphasis marks or link targets."""
    text = re.sub(r"\[@[^\]]+\]", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return re.sub(r"[*_`]", "", text).strip()


def pdf_flow(path: Path) -> str:
    """The PDF's text without the running head and foot (WeasyPrint writes a page's margin
    boxes after its flow: the last two lines of every page after the cover), so a
    paragraph that runs over a page break reads on."""
    pages = pdf_pages(path)
    return "\n".join([pages[0], *("\n".join(p.splitlines()[:-2]) for p in pages[1:])])


_CITE = "\u2063"  # -- an invisible separator: where a citation was, the text is split --


_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "pre", "dt", "dd"}


def pieces(markdown_text: str) -> list[str]:
    """Markdown as a reader sees it, block by block (paragraph, list item, heading, cell) and
    cut where a citation was, squashed: each piece is text that must read on in an output.

    Rendered with the Markdown library and read back with lxml, not with the project's own
    renderer, so a rendering bug cannot hide itself. A PDF's extracted text may give blocks
    in another order (a list after the paragraph that follows it), never a block cut up."""
    import lxml.html
    import markdown

    marked = re.sub(r"\[@[^\]]+\]", _CITE, markdown_text)
    root = lxml.html.fromstring(f"<div>{markdown.markdown(marked, extensions=['tables'])}</div>")

    def own_text(block: object) -> str:
        parts = [block.text or ""]  # type: ignore[attr-defined]
        for child in block:  # type: ignore[attr-defined]
            if child.tag not in _BLOCKS and child.tag not in {"ul", "ol", "table"}:
                parts.append(child.text_content())
            parts.append(child.tail or "")
        return "".join(parts)

    found = []
    for block in root.iter(*_BLOCKS):
        found += [s for s in (squash(part) for part in own_text(block).split(_CITE)) if s]
    return found


def html_parts(path: Path) -> dict[str, str]:
    """Each element with an id on the parsed web page -> its text, squashed."""
    import lxml.html

    root = lxml.html.fromstring(path.read_bytes())
    return {str(e.get("id")): squash(e.text_content()) for e in root.iter() if e.get("id")}
