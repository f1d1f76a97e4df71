"""Bad data gets a clear error at the reference's FILE:LINE:COL, naming the data file's
sheet and cell; exit 1, no traceback, and the previous outputs are left as they were.

Each case is a small briefing and a workbook (or CSV) in a temporary content folder,
built with ``briefing build`` as a user would: a missing file, sheet, range or name, a
range of the wrong shape for a chart, a text cell where a chart needs a number, a
formula with no saved value, an empty range, a cell outside the sheet, a file outside
the project and a zip bomb.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from briefing.content import datafiles
from support import previous_outputs, run_cli, snapshot

HEAD = """\
title: Data
date: 2026-11-26
author: Tests
data:
  results: results.xlsx
  plain: plain.csv
summary: A summary.
takeaways: [A takeaway.]
sections:
  - id: one
    title: One
    headline: The so-what.
    body: Some prose.
    points: [A point.]
"""


def project(folder: Path) -> Path:
    content = folder / "content"
    content.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Summary"
    sheet.append(["Year", "Sales", "Note"])
    sheet.append([2026, 10, "steady"])
    sheet.append([2027, "n/a", "unknown"])
    sheet.append([2028, "=B2*2", "formula"])  # -- openpyxl stores no value for it --
    book.create_sheet("Blank")
    book.save(content / "results.xlsx")
    (content / "plain.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return content


def build(
    folder: Path, extra: str, capsys: pytest.CaptureFixture[str], *, text: str | None = None
) -> tuple[str, int, Path]:
    content = project(folder)
    source = content / "x.yaml"
    source.write_text(text if text is not None else HEAD + extra, encoding="utf-8")
    out = folder / "out"
    before = previous_outputs(out, "x")
    run = run_cli(["build", str(source), "-o", str(out)], capsys)
    assert run.status == 1, run.err
    assert "Traceback" not in run.err
    assert snapshot(out) == before  # -- nothing written over the previous outputs --
    marked = [line for line in extra.splitlines() if "{" in line or "data:" in line]
    return run.err, _line(source, marked[-1] if marked else ""), source


def _line(source: Path, text: str) -> int:
    lines = source.read_text(encoding="utf-8").splitlines()
    return next((n for n, line in enumerate(lines, 1) if text and text in line), 0)


def point(reference: str) -> str:
    return f'    key_figures:\n      - value: "{reference}"\n        label: a figure\n'


def table(reference: str) -> str:
    return f"    table:\n      data: {reference}\n"


def chart(reference: str) -> str:
    return f"    figures:\n      - chart: column\n        caption: C\n        data: {reference}\n"


def test_a_missing_data_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = HEAD.replace("plain: plain.csv", "gone: data/gone.xlsx")
    err, _, source = build(tmp_path, "", capsys, text=text)
    assert f"{source}:6:9: data.gone: data/gone.xlsx: no such file" in err


def test_a_missing_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err, line, source = build(tmp_path, point("{results:Sumary!B2}"), capsys)
    assert f"{source}:{line}:" in err
    assert "results.xlsx has no sheet 'Sumary'" in err
    assert "did you mean 'Summary'?" in err


def test_a_missing_range_or_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err, line, source = build(tmp_path, table("results:Sales2026"), capsys)
    assert f"{source}:{line}:" in err and "sections[0].table.data" in err
    assert "results.xlsx has no sheet, table or name 'Sales2026'" in err


def test_a_range_of_the_wrong_shape_for_a_chart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err, line, source = build(tmp_path, chart("results:Summary!A1:A3"), capsys)
    assert f"{source}:{line}:" in err
    assert "sheet 'Summary', range A1:A3 is 3 x 1 cells" in err


def test_a_text_cell_where_a_chart_needs_a_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err, line, source = build(tmp_path, chart("results:Summary!A1:B3"), capsys)
    assert f"{source}:{line}:" in err
    assert "results.xlsx, sheet 'Summary', cell B3 is text ('n/a'), not a number" in err


def test_a_formula_with_no_saved_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err, line, source = build(tmp_path, point("{results:Summary!B4}"), capsys)
    assert f"{source}:{line}:" in err
    assert "sheet 'Summary', cell B4 holds a formula with no saved value" in err
    assert "Excel or LibreOffice" in err


def test_an_empty_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err, line, source = build(tmp_path, table("results:Blank"), capsys)
    assert f"{source}:{line}:" in err
    assert "sheet 'Blank' of results.xlsx is empty" in err


def test_a_cell_outside_the_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err, line, source = build(tmp_path, point("{results:Summary!B1048577}"), capsys)
    assert f"{source}:{line}:" in err
    assert "results.xlsx, sheet 'Summary': B1048577 is outside the sheet" in err
    err, line, source = build(tmp_path / "b", point("{results:Summary!H40}"), capsys)
    assert "H40 is outside the data of sheet 'Summary' of results.xlsx (its last cell is C4)" in err


def test_a_name_that_is_not_under_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err, line, source = build(tmp_path, point("{result:Summary!B2}"), capsys)
    assert f"{source}:{line}:" in err
    assert "'result' names no data file" in err and "did you mean 'results'?" in err


def test_a_data_file_outside_the_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "secret.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    text = HEAD.replace("plain: plain.csv", "plain: ../secret.csv")
    err, _, _ = build(tmp_path / "b", "", capsys, text=text)
    assert "outside the project's content folder" in err


def test_a_zip_bomb_is_refused_before_unzipping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # -- the limits scaled down a hundredfold, so the bomb is small to write --
    monkeypatch.setattr(datafiles, "MAX_PART_BYTES", 1_000_000)
    monkeypatch.setattr(datafiles, "MAX_UNZIPPED_BYTES", 2_000_000)
    content = project(tmp_path / "b")
    with zipfile.ZipFile(content / "results.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/worksheets/sheet1.xml", b"\0" * 3_000_000)
    source = content / "x.yaml"
    source.write_text(HEAD + point("{results:Summary!B2}"), encoding="utf-8")
    run = run_cli(["check", str(source)], capsys)
    assert run.status == 1 and "Traceback" not in run.err
    assert "the workbook unpacks to more than" in run.err


def test_a_table_from_data_without_a_data_map(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEAD.replace("data:\n  results: results.xlsx\n  plain: plain.csv\n", "")
    extra = table("results:Summary")
    err, _, source = build(tmp_path, extra, capsys, text=text + extra)
    line = _line(source, "data: results:Summary")
    assert f"{source}:{line}:" in err and "'results' names no data file" in err
    assert "required field is missing" not in err  # -- the table is judged on its data alone
