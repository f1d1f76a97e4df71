"""Read built outputs back as a user's tools would: a PDF reader, python-pptx, an HTML parser."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pptx import Presentation
from pypdf import PdfReader


def squash(text: str) -> str:
    """Text with case, hyphenation, quotes and spacing folded away, for 'is it there' checks."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


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
