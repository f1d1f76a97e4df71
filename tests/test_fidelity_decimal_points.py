"""Figures line up on the decimal point (#20), read back where a reader sees them: the
PDF as WeasyPrint wrote it, and the deck as LibreOffice draws it.

Where a figure's units digit stands is read from the PDF itself, character by character:
poppler's ``pdftotext`` keeps only the characters inside a crop box, so the narrowest crop
from the cell's left that holds the whole integer part (``191`` of ``191.1p``, ``11,797``
of ``£11,797.1m``) ends at that digit. A column of figures lines up when those ends agree.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from _support_deck import through_libreoffice, viewer_available
from support import FIXTURES

BENCHMARK = FIXTURES / "fidelity" / "uk_results_benchmark.yaml"
TOLERANCE_PT = 0.6  # -- the crop's step is a tenth of a point; a glyph's rounding --
_INTEGER = re.compile(r"\d(?:[,' ]?\d)*")
_BLANK = {"", "-", "\u2013", "\u2014", "n/a"}
_DPI = 720  # -- crop boxes in tenths of a point --

pytestmark = pytest.mark.slow  # -- builds the benchmark, LibreOffice converts its deck --


def _crop(pdf: Path, page: int, box: tuple[float, float, float, float]) -> str:
    x0, y0, x1, y1 = (round(v * _DPI / 72) for v in box)
    out = subprocess.run(
        [
            *("pdftotext", "-r", str(_DPI), "-f", str(page), "-l", str(page)),
            *("-x", str(x0), "-y", str(y0), "-W", str(x1 - x0), "-H", str(y1 - y0)),
            *(str(pdf), "-"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return "".join(out.stdout.split())


def units_digit_x(pdf: Path, page: int, box: tuple[float, float, float, float], text: str) -> float:
    """Where the figure ``text``, drawn inside ``box`` (points, top-left origin), has its
    units digit: the right end of the narrowest crop from the box's left that holds the
    integer part whole."""
    digits = _INTEGER.search(text)
    assert digits is not None, text
    whole = "".join(text[: digits.end()].split())
    x0, y0, x1, y1 = box
    assert _crop(pdf, page, box).startswith(whole), (text, _crop(pdf, page, box))
    lo, hi = x0, x1
    while hi - lo > 0.1:
        mid = (lo + hi) / 2
        if _crop(pdf, page, (x0, y0, mid, y1)).startswith(whole):
            hi = mid
        else:
            lo = mid
    return hi


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from briefing.cli import main

    out = tmp_path_factory.mktemp("decimal")
    assert main(["build", str(BENCHMARK), "-o", str(out), "--only", "pdf,pptx"]) == 0
    return out


def _spread(xs: list[float]) -> float:
    return max(xs) - min(xs)


@pytest.mark.skipif(not viewer_available(), reason="needs LibreOffice and poppler (make system)")
def test_deck_figures_line_up_on_the_decimal_point_as_libreoffice_draws_them(
    built: Path,
) -> None:
    pptx = built / "uk_results_benchmark.pptx"
    through_libreoffice(pptx, built / "lo")
    pdf = built / "lo" / "uk_results_benchmark.pdf"
    deck = Presentation(str(pptx))
    checked = 0
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_table or shape.table.cell(0, 0).text != "Measure":
                continue
            table = shape.table
            widths = [c.width for c in table.columns]
            heights = [r.height for r in table.rows]
            lefts = [shape.left + sum(widths[:i]) for i in range(len(widths) + 1)]
            tops = [shape.top + sum(heights[:i]) for i in range(len(heights) + 1)]
            for k in range(1, len(table.columns)):
                xs = []
                for r in range(1, len(table.rows)):
                    text = table.cell(r, k).text.strip()
                    if text in _BLANK:
                        continue
                    box = tuple(Emu(v).pt for v in (lefts[k], tops[r], lefts[k + 1], tops[r + 1]))
                    xs.append(units_digit_x(pdf, number, box, text))  # type: ignore[arg-type]
                assert len(xs) >= 3
                assert _spread(xs) <= TOLERANCE_PT, (table.cell(0, k).text, xs)
                checked += 1
    # -- every figure column of the 8-column table, on however many slides it went --
    assert checked >= 7


def _pdf_rows(pdf: Path) -> list[tuple[int, list[tuple[float, float, float, float, str]]]]:
    """The words of each page standing on one baseline, left to right, as
    (page, [(x0, y0, x1, y1, word), ...])."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    rows = []
    for number, page in enumerate(re.split(r"<page ", out)[1:], start=1):
        baselines: dict[float, list[tuple[float, float, float, float, str]]] = {}
        for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            page,
        ):
            baselines.setdefault(round(float(d)), []).append(
                (float(a), float(b), float(c), float(d), html.unescape(w))
            )
        rows += [(number, sorted(words)) for _, words in sorted(baselines.items())]
    return rows


def _cells(words: list[tuple[float, float, float, float, str]]) -> list[list[float | str]]:
    """Words a space apart make one cell ("- 5%", a minus sign); cells stand further apart."""
    merged: list[list[float | str]] = []
    for x0, y0, x1, y1, w in words:
        if merged and x0 - float(merged[-1][2]) < 0.4 * (y1 - y0):
            merged[-1][2], merged[-1][4] = x1, f"{merged[-1][4]} {w}"
        else:
            merged.append([x0, y0, x1, y1, w])
    return merged


def test_pdf_figures_line_up_on_the_decimal_point(built: Path) -> None:
    import yaml

    pdf = built / "uk_results_benchmark.pdf"
    table = yaml.safe_load(BENCHMARK.read_text())["sections"][0]["table"]
    columns: dict[int, list[float]] = {}
    lines = _pdf_rows(pdf)
    for row in table["rows"]:
        figures = [" ".join(f.replace("-", "\u2212").split()) for f in row[1:]]
        # -- the row's line: its label's first words, then its figures as typed --
        found = []
        for page, words in lines:
            cells = _cells(words)
            texts = [str(c[4]).replace("-", "\u2212") for c in cells[-len(figures) :]]
            if len(cells) > len(figures) and texts == figures:
                found.append((page, cells[-len(figures) :]))
        assert len(found) == 1, (row, found)
        page, cells = found[0]
        for k, (cell, typed) in enumerate(zip(cells, row[1:], strict=True), start=1):
            if typed.strip() in _BLANK:
                continue
            x0, y0, x1, y1, text = cell
            box = (float(x0) - 1, float(y0) - 1, float(x1) + 1, float(y1) + 1)
            columns.setdefault(k, []).append(units_digit_x(pdf, page, box, str(text)))
    assert len(columns) == 7
    for k, xs in columns.items():
        assert _spread(xs) <= TOLERANCE_PT, (table["columns"][k], xs)
