"""Print the page or slide numbers the gallery pictures, found in the built files.

    python scripts/gallery_pages.py pdf build/muse-spark.pdf shift
        -> the page where section `shift` starts (its named destination)
    python scripts/gallery_pages.py pptx build/muse-spark.pptx
        -> "SECTION TABLE": the first slide with a table, and the slide before it
    python scripts/gallery_pages.py chart build/expansion.pptx
        -> the first slide with a native chart
    python scripts/gallery_pages.py text build/expansion.pdf "turn away 38 kt"
        -> the first page (of a PDF, or of LibreOffice's PDF of a deck) with those words
    python scripts/gallery_pages.py sheet build/muse-spark.pdf docs/images/pages.png
        -> every page of the PDF, small, side by side in rows of five (needs pdftoppm)

So the pictures follow the content instead of fixed numbers.
"""

from __future__ import annotations

import sys
from pathlib import Path


def pdf_page(path: Path, anchor: str) -> int:
    from pypdf import PdfReader

    reader = PdfReader(path)
    destination = reader.named_destinations.get(anchor)
    if destination is None:
        raise SystemExit(f"{path}: no section with id {anchor!r}")
    return reader.get_destination_page_number(destination) + 1


def table_slides(path: Path) -> tuple[int, int]:
    from pptx import Presentation

    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        if any(shape.has_table for shape in slide.shapes):
            return number - 1, number
    raise SystemExit(f"{path}: no slide with a table")


def chart_slide(path: Path) -> int:
    from pptx import Presentation

    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        if any(getattr(shape, "has_chart", False) and shape.has_chart for shape in slide.shapes):
            return number
    raise SystemExit(f"{path}: no slide with a chart")


def text_page(path: Path, words: str) -> int:
    from pypdf import PdfReader

    for number, page in enumerate(PdfReader(path).pages, start=1):
        if words in " ".join((page.extract_text() or "").split()):
            return number
    raise SystemExit(f"{path}: no page with {words!r}")


def contact_sheet(path: Path, target: Path, *, per_row: int = 5) -> int:
    """Every page of ``path`` rendered small, in rows, with a gap between pages."""
    import subprocess
    import tempfile

    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-png", "-r", "36", str(path), f"{folder}/p"], check=True)
        pages = [Image.open(p) for p in sorted(Path(folder).glob("p-*.png"))]
        width, height = pages[0].size
        gap = 12
        rows = (len(pages) + per_row - 1) // per_row
        sheet = Image.new(
            "RGB",
            (per_row * (width + gap) + gap, rows * (height + gap) + gap),
            (226, 231, 238),
        )
        for index, page in enumerate(pages):
            x = gap + (index % per_row) * (width + gap)
            y = gap + (index // per_row) * (height + gap)
            sheet.paste(page, (x, y))
        sheet.save(target, optimize=True)
    return len(pages)


if __name__ == "__main__":
    kind, file = sys.argv[1], Path(sys.argv[2])
    if kind == "sheet":
        print(contact_sheet(file, Path(sys.argv[3])))
    elif kind == "pdf":
        print(pdf_page(file, sys.argv[3]))
    elif kind == "chart":
        print(chart_slide(file))
    elif kind == "text":
        print(text_page(file, sys.argv[3]))
    else:
        print(*table_slides(file))
