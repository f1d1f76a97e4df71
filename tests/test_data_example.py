"""The example's numbers come from its workbook: change one cell, as a user's Excel
would (LibreOffice headless saves it, with the formulas' values), rebuild, and that
number changes in the PDF, the web page, the deck's slide text and the deck chart's
workbook, and nothing else does; ``verify`` fails on the old outputs and proves the new.
"""

from __future__ import annotations

import importlib.util
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from briefing.build import build, check
from briefing.project import find_project
from briefing.proof.verify import verify
from support import INSTALL_SYSTEM, Builds

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "expansion"

pytestmark = pytest.mark.slow


def _resave() -> object:
    spec = importlib.util.spec_from_file_location(
        "example_data", ROOT / "scripts" / "example_data.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.resave


def pdf_lines(path: Path) -> list[str]:
    """The PDF's text, line by line, as poppler's ``pdftotext`` reads it (pages apart by a
    form feed): a tenth of the time pypdf takes over the example's pages."""
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
        timeout=120,
    )
    return done.stdout.splitlines()


def html_lines(path: Path) -> list[str]:
    root = lxml.html.fromstring(path.read_bytes())
    for bad in root.xpath("//style|//script"):
        bad.getparent().remove(bad)
    return [line.strip() for line in root.text_content().splitlines() if line.strip()]


def deck_lines(path: Path) -> list[str]:
    lines = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                lines += [p.text for p in shape.text_frame.paragraphs]
            if shape.has_table:
                lines += [c.text for row in shape.table.rows for c in row.cells]
    return lines


def chart_books(path: Path) -> list[list[tuple[object, ...]]]:
    books = []
    with zipfile.ZipFile(path) as deck:
        for name in sorted(deck.namelist()):
            if name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
                book = load_workbook(io.BytesIO(deck.read(name)), data_only=True)
                books.append([tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)])
    return books


def only_changed(before: list[str], after: list[str], old: str, new: str) -> int:
    """How many lines changed; each changed line must read as before with old -> new."""
    import difflib

    diff = list(difflib.unified_diff(before, after, lineterm="", n=0))
    assert len(before) == len(after), "\n".join(diff[:40])
    changed = 0
    for a, b in zip(before, after, strict=True):
        if a != b:
            assert a.replace(old, new) == b, (a, b)
            changed += 1
    return changed


def test_a_changed_cell_changes_that_number_everywhere_and_nothing_else(
    tmp_path: Path, builds: Builds
) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    if shutil.which("pdftotext") is None:
        pytest.fail(f"poppler's pdftotext is not installed; install it with: {INSTALL_SYSTEM}")
    # -- before: the example as the session built it (other modules read it too) --
    example = builds.of(EXAMPLE / "content" / "expansion.yaml", project=find_project(EXAMPLE))
    old_files = {"pdf": example.pdf, "html": example.html, "pptx": example.pptx}
    before = {
        "pdf": pdf_lines(old_files["pdf"]),
        "html": html_lines(old_files["html"]),
        "pptx": deck_lines(old_files["pptx"]),
    }
    books_before = chart_books(old_files["pptx"])
    assert any("EUR 96 m" in line for line in before["pdf"])
    assert not any("98" in line for lines in before.values() for line in lines)

    # -- option B's NPV, 96 -> 98, saved by LibreOffice as a user's Excel would --
    project_dir = tmp_path / "expansion"
    shutil.copytree(EXAMPLE, project_dir)
    source = project_dir / "content" / "expansion.yaml"
    workbook = project_dir / "content" / "data" / "eastfield.xlsx"
    book = load_workbook(workbook)
    book["Options"]["C3"] = 98
    edited = tmp_path / "edited" / "eastfield.xlsx"
    edited.parent.mkdir()
    book.save(edited)
    _resave()(edited, workbook, profile=tmp_path / "lo-profile")  # type: ignore[operator]

    # -- the briefing as the edited workbook gives it, read once for both proofs --
    expected = check(source)
    stale = verify(expected, name="expansion", files=old_files, images_dir=source.parent)
    assert not stale.ok
    assert all(stale.missing.get(("data", fmt)) for fmt in ("html", "pdf", "pptx"))

    # -- the PDF typeset in this process (no worker to start and warm up): the parallel
    #    build's bytes are the plain chain's (tests/test_rebuilds.py); that a changed cell
    #    rebuilds a cached build is tests/test_data_rebuild.py's --
    built = build(source, project=find_project(project_dir), out_dir=tmp_path / "out")
    files = built.files
    after = {
        "pdf": pdf_lines(files["pdf"]),
        "html": html_lines(files["html"]),
        "pptx": deck_lines(files["pptx"]),
    }
    for fmt in ("pdf", "html", "pptx"):
        assert only_changed(before[fmt], after[fmt], "96", "98") >= 3, fmt
        assert any("EUR 98 m" in line for line in after[fmt]), fmt
    books_after = chart_books(files["pptx"])
    differing = [(a, b) for a, b in zip(books_before, books_after, strict=True) if a != b]
    assert len(differing) == 1  # -- the NPV bar chart; the waterfall's NPV is its own sum --
    old, new = differing[0]
    cells = [
        (x, y)
        for ra, rb in zip(old, new, strict=True)
        for x, y in zip(ra, rb, strict=True)
        if x != y
    ]
    assert cells == [(96, 98)]
    report = verify(expected, name="expansion", files=files, images_dir=source.parent)
    assert report.ok, report.missing
    assert "data" in report.rows
