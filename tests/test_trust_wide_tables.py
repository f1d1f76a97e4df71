"""A table written in a body's Markdown fits the page: up to eight columns are set across the
measure, long words broken inside their column, every cell on the page in its row and column;
a wider table is refused at its line (tests/test_trust_bounded_work.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from _support_trust import run_cli
from briefing.proof.readback import pdf_structure, pdf_tables
from briefing.proof.verify import fold
from test_trust_bounded_work import with_body

COLUMNS = 8
HEADINGS = [f"Heading number {i}" for i in range(COLUMNS)]
ROW = [f"value{i}-" + "x" * 24 for i in range(COLUMNS)]


def _words_past_the_page(pdf: Path) -> list[str]:
    """Words drawn beyond a page's right edge: cut off for every reader."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    bbox = subprocess.run(
        [tool, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    past = []
    for page in re.finditer(r'<page width="([\d.]+)".*?</page>', bbox, re.S):
        width = float(page.group(1))
        for word in re.finditer(r'xMax="([\d.]+)"[^>]*>([^<]*)<', page.group(0)):
            if float(word.group(1)) > width:
                past.append(word.group(2))
    return past


def test_an_eight_column_markdown_table_fits_the_page_cell_by_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = "\n".join(
        [
            "| " + " | ".join(HEADINGS) + " |",
            "|" + "---|" * COLUMNS,
            "| " + " | ".join(ROW) + " |",
        ]
    )
    source = tmp_path / "wide.yaml"
    source.write_text(with_body("Wide:\n\n" + table + "\n\nAfter."), encoding="utf-8")
    run = run_cli(["build", str(source), "-o", str(tmp_path / "out"), "--only", "pdf"], capsys)
    assert run.status == 0, run.err
    pdf = tmp_path / "out" / "wide.pdf"
    tables = [[[fold(c) for c in row] for row in t] for t in pdf_tables(pdf_structure(pdf))]
    assert [[fold(c) for c in HEADINGS], [fold(c) for c in ROW]] in tables
    assert _words_past_the_page(pdf) == []
