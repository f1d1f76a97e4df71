"""Tables, charts and figures in the text read from CSV and Excel files.

Each case writes a small briefing and its data file into a temporary content folder
(workbooks made with openpyxl, whose plain values are what Excel caches) and reads the
typed briefing back: the table shows the cells as the workbook formats them, the chart
holds the cells' numbers, a ``{name:Sheet!C4}`` in a text is the cell as shown. The
Excel number formats are checked against what Excel shows for them.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table

from briefing.build import check, prepare
from briefing.content.model import Chart
from briefing.content.numfmt import format_value
from briefing.project import find_project

ROOT = Path(__file__).resolve().parent.parent


def source(folder: Path, body: str, *, data: str = "results: results.xlsx") -> Path:
    content = folder / "content"
    content.mkdir(exist_ok=True)
    path = content / "x.yaml"
    head = f"title: Data\ndate: 2026-11-26\nauthor: Tests\ndata:\n  {data}\n"
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return path


SECTION = """\
summary: Revenue rose to {results:Summary!B2}.
takeaways: ["Margin {results:Summary!B3}"]
sections:
  - id: one
    title: One
    headline: "Revenue was {results:Summary!B2|#,##0.0} in the year"
    body: Some prose.
    points: ["Costs were {results:Summary!B4}"]
"""


def workbook(folder: Path) -> Path:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Summary"
    rows = [
        ("Figure", "Value"),
        ("Revenue", 1234.5),
        ("Margin", 0.1234),
        ("Costs", -2500),
    ]
    for row in rows:
        summary.append(row)
    summary["B2"].number_format = '"EUR "#,##0" m"'
    summary["B3"].number_format = "0.0%"
    summary["B4"].number_format = "#,##0;(#,##0)"
    options = book.create_sheet("Options")
    options.append(["Option", "Capital", "NPV", "Share"])
    options.append(["A. Small", 38, 41.25, 0.2])
    options.append(["B. Large", 1420, -96, 0.5])
    options.append(["C. Other", 205, 58, 0.3])
    for r in range(2, 5):
        options.cell(r, 2).number_format = "#,##0"
        options.cell(r, 3).number_format = "#,##0.0;(#,##0.0)"
        options.cell(r, 4).number_format = "0%"
    options.add_table(Table(displayName="OptionTable", ref="A1:D4"))
    book.defined_names["Capitals"] = DefinedName("Capitals", attr_text="Options!$A$1:$B$4")
    path = folder / "content" / "results.xlsx"
    path.parent.mkdir(exist_ok=True)
    book.save(path)
    return path


def test_a_figure_in_the_text_is_the_cell_as_the_workbook_shows_it(tmp_path: Path) -> None:
    workbook(tmp_path)
    briefing = check(source(tmp_path, SECTION))
    assert briefing.summary == "Revenue rose to EUR 1,235 m."
    assert briefing.takeaways == ["Margin 12.3%"]
    # -- a format in the reference overrides the cell's --
    assert briefing.sections[0].headline == "Revenue was 1,234.5 in the year"
    assert briefing.sections[0].points == ["Costs were (2,500)"]
    where = {(b.field, b.where) for b in briefing.bindings}
    assert ("summary", "results.xlsx, Summary!B2") in where
    assert ("sections[0].points[0]", "results.xlsx, Summary!B4") in where


def test_a_key_figure_from_a_cell(tmp_path: Path) -> None:
    workbook(tmp_path)
    body = SECTION + 'key_figures:\n  - value: "{results:Summary!B3}"\n    label: margin\n'
    briefing = check(source(tmp_path, body))
    assert briefing.key_figures is not None
    assert briefing.key_figures[0].value == "12.3%"


def test_text_that_only_looks_like_a_reference_is_left_as_written(tmp_path: Path) -> None:
    workbook(tmp_path)
    body = SECTION.replace(
        "Some prose.",
        "|\n      Templates write {{ name }}; a set is {a: 1}; escaped: \\{results:Summary!B2}.",
    )
    briefing = check(source(tmp_path, body))
    assert briefing.sections[0].body == (
        "Templates write {{ name }}; a set is {a: 1}; escaped: \\{results:Summary!B2}."
    )


PLAIN = """\
summary: A summary.
takeaways: [A takeaway.]
sections:
  - id: one
    title: One
    headline: The so-what.
    body: Some prose.
    points: [A point.]
"""
TABLE = (
    PLAIN
    + """\
    table:
      caption: The options
      data: {ref}
"""
)


@pytest.mark.parametrize(
    "ref",
    ["results:Options", "results:Options!A1:D4", "results:OptionTable"],
)
def test_a_table_from_a_sheet_a_range_or_an_excel_table(tmp_path: Path, ref: str) -> None:
    workbook(tmp_path)
    table = check(source(tmp_path, TABLE.format(ref=ref))).sections[0].table
    assert table is not None
    assert table.columns == ["Option", "Capital", "NPV", "Share"]
    assert table.rows == [
        ["A. Small", "38", "41.3", "20%"],
        ["B. Large", "1,420", "(96.0)", "50%"],
        ["C. Other", "205", "58.0", "30%"],
    ]


def test_a_table_from_a_defined_name_with_columns_and_rows_picked(tmp_path: Path) -> None:
    workbook(tmp_path)
    body = TABLE.format(ref="results:OptionTable") + (
        "      columns: [NPV, Option]\n      rows: [C. Other, A. Small]\n"
    )
    table = check(source(tmp_path, body)).sections[0].table
    assert table is not None
    assert table.columns == ["NPV", "Option"]
    assert [r[0] for r in table.rows] == ["58.0", "41.3"]
    named = check(source(tmp_path, TABLE.format(ref="results:Capitals"))).sections[0].table
    assert named is not None and named.columns == ["Option", "Capital"]


def test_a_csv_table_keeps_its_text_as_written_either_separator(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    semi = tmp_path / "content" / "semi.csv"
    semi.write_text("Land;Umsatz\nNord;1.234,5\nSüd;-7\n", encoding="utf-8")
    comma = tmp_path / "content" / "comma.csv"
    comma.write_text('Region,Sales\nNorth,"1,234.5"\nSouth,-7\n', encoding="utf-8-sig")
    for name, first in (("semi", ["Land", "Umsatz"]), ("comma", ["Region", "Sales"])):
        table = check(source(tmp_path, TABLE.format(ref="t"), data=f"t: {name}.csv"))
        table = table.sections[0].table
        assert table is not None
        assert table.columns == first
        assert table.rows[0][1] == ("1.234,5" if name == "semi" else "1,234.5")


CHART = (
    PLAIN
    + """\
    figures:
      - chart: column
        caption: The options
        data: {ref}
"""
)


def test_a_chart_from_named_columns(tmp_path: Path) -> None:
    workbook(tmp_path)
    body = CHART.format(ref="results:OptionTable") + "        series: [NPV, Capital]\n"
    chart = check(source(tmp_path, body)).sections[0].figures[0]
    assert isinstance(chart, Chart)
    assert chart.categories == ["A. Small", "B. Large", "C. Other"]
    assert [(s.name, s.values) for s in chart.series] == [
        ("NPV", [41.25, -96.0, 58.0]),
        ("Capital", [38.0, 1420.0, 205.0]),
    ]
    assert chart.data == "results:OptionTable"


def test_a_chart_from_a_csv_with_categories_named_and_rows_picked(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "d.csv").write_text(
        "Demand;Year;Supply\n1,5;2026;2\n2,5;2027;3\n4;2028;5\n", encoding="utf-8"
    )
    body = CHART.format(ref="d") + "        categories: Year\n        rows: [2026, 2028]\n"
    chart = check(source(tmp_path, body, data="d: d.csv")).sections[0].figures[0]
    assert isinstance(chart, Chart)
    assert chart.categories == ["2026", "2028"]
    assert [(s.name, s.values) for s in chart.series] == [
        ("Demand", [1.5, 4.0]),
        ("Supply", [2.0, 5.0]),
    ]


def test_the_data_files_are_inputs_of_the_build(tmp_path: Path) -> None:
    workbook(tmp_path)
    path = source(tmp_path, SECTION, data="results: results.xlsx")
    prepared = prepare(find_project(tmp_path), path)
    assert (tmp_path / "content" / "results.xlsx").resolve() in prepared.inputs
    flow = tmp_path / "content" / "y.yaml"
    flow.write_text(
        path.read_text(encoding="utf-8").replace(
            "data:\n  results: results.xlsx", "data: {results: results.xlsx}"
        ),
        encoding="utf-8",
    )
    assert "data: {results" in flow.read_text(encoding="utf-8")
    assert (tmp_path / "content" / "results.xlsx").resolve() in prepare(
        find_project(tmp_path), flow
    ).inputs


def test_a_briefing_without_data_does_not_import_openpyxl() -> None:
    code = (
        "import sys; from pathlib import Path; from briefing.build import check; "
        f"check(Path({str(ROOT / 'content' / 'muse-spark.yaml')!r})); "
        "print('openpyxl' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (1234.5, "#,##0", "1,235"),
        (1234.5, "#,##0.00", "1,234.50"),
        (0.1234, "0.0%", "12.3%"),
        (0.06, "0%", "6%"),
        (-1234, "#,##0;(#,##0)", "(1,234)"),
        (-1234, "#,##0;[Red](#,##0)", "(1,234)"),
        (-1234, "#,##0", "-1,234"),
        (1234567, "#,##0,", "1,235"),
        (96, '"EUR "#,##0" m"', "EUR 96 m"),
        (96.25, "[$€-407] #,##0.00", "€ 96.25"),
        (-5, "$#,##0.00_);($#,##0.00)", "($5.00)"),
        (0, '#,##0;(#,##0);"n/a"', "n/a"),
        (2.5, "0", "3"),  # -- half away from zero, as Excel rounds --
        (2026, "General", "2026"),
        (0.1 + 0.2, "General", "0.3"),
        ("text", "@", "text"),
        (dt.datetime(2026, 11, 26), "yyyy-mm-dd", "2026-11-26"),
        (dt.datetime(2026, 11, 26), "d mmm yyyy", "26 Nov 2026"),
    ],
)
def test_excel_number_formats(value: object, code: str, shown: str) -> None:
    assert format_value(value, code) == shown


def test_a_workbook_number_reads_with_the_briefing_languages_separators(tmp_path: Path) -> None:
    workbook(tmp_path)
    body = "language: de\n" + SECTION
    briefing = check(source(tmp_path, body))
    assert briefing.summary == "Revenue rose to EUR 1.235 m."
    assert briefing.takeaways == ["Margin 12,3%"]
    assert briefing.sections[0].headline == "Revenue was 1.234,5 in the year"


def test_verify_proves_the_bound_figures_against_the_cells_as_they_are_now(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing.proof.verify import verify
    from support import run_cli

    csv_file = tmp_path / "content" / "d.csv"
    csv_file.parent.mkdir()
    csv_file.write_text("Region,Sales\nNorth,1234\n", encoding="utf-8")
    body = PLAIN.replace("[A point.]", '["North sold {d:B2}"]') + "    notes: Notes say {d:A2}.\n"
    path = source(tmp_path, body, data="d: d.csv")
    out = tmp_path / "out"
    assert run_cli(["build", str(path), "-o", str(out), "--only", "html"], capsys).status == 0
    files = {"html": out / "x.html"}
    report = verify(check(path), name="x", files=files)
    assert report.ok and "data" in report.rows
    csv_file.write_text("Region,Sales\nNorth,4321\n", encoding="utf-8")
    stale = verify(check(path), name="x", files=files)
    assert [e.text for e in stale.missing[("data", "html")]] == ["4321"]


def test_a_csv_cell_that_reads_as_markdown_shows_as_written(tmp_path: Path) -> None:
    from briefing.document.markup import Renderer, plain

    cells = ["1. first", "#2 item", "- dash", "a_b*c*", "<b>x</b>", "R&amp;D", "[@id]"]
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "t.csv").write_text(
        "Text,N\n" + "".join(f'"{c}",{n}\n' for n, c in enumerate(cells)), encoding="utf-8"
    )
    table = check(source(tmp_path, TABLE.format(ref="t"), data="t: t.csv")).sections[0].table
    assert table is not None
    shown = [plain(Renderer({}).inline(row[0])) for row in table.rows]
    assert shown == cells
