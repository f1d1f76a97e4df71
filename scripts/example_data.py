"""Write the example's workbook and CSV: ``examples/expansion/content/data/``.

The workbook is made with openpyxl (formulas, number formats, an Excel table), then
saved through LibreOffice headless so that every formula carries the cached value a
user's Excel would store: briefing reads cached values only. Run it again after
changing a number here; commit the .xlsx it writes. All numbers are fictional.

    .venv/bin/python scripts/example_data.py
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.table import Table, TableStyleInfo

OUT = Path(__file__).resolve().parent.parent / "examples" / "expansion" / "content" / "data"
KT = '0" kt"'
EUR_M = '"EUR "#,##0" m"'


def workbook() -> Workbook:
    book = Workbook()
    forecast = book.active
    assert forecast is not None
    forecast.title = "Forecast"
    forecast.append(["Year", "Demand", "Capacity", "Unserved demand", "Share unserved"])
    demand = [118, 125, 133, 141, 150, 159, 168]
    for i, (year, value) in enumerate(zip(range(2026, 2033), demand, strict=True), 2):
        # -- the share of demand turned away, in per cent (the combo chart's line) --
        forecast.append([year, value, 130, f"=MAX(0,B{i}-C{i})", f"=ROUND(100*D{i}/B{i},1)"])
    for row in forecast.iter_rows(min_row=2, min_col=2, max_col=4):
        for cell in row:
            cell.number_format = "#,##0"
    for row in forecast.iter_rows(min_row=2, min_col=5, max_col=5):
        for cell in row:
            cell.number_format = "0.0"

    options = book.create_sheet("Options")
    options.append(["Option", "Capital", "NPV", "Added capacity", "Ready"])
    options.append(["A. Debottleneck", 38, 41, 19, 2027])
    options.append(["B. New hall", 142, 96, 40, 2029])
    options.append(["C. Second site", 205, 58, 45, 2031])
    for row in options.iter_rows(min_row=2, min_col=2, max_col=4):
        for cell in row:
            cell.number_format = "#,##0"
    table = Table(displayName="OptionTable", ref="A1:E4")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    options.add_table(table)

    capital = book.create_sheet("Capital")
    capital.append(["Option", "Land and building", "Lines and tooling", "Ramp-up"])
    capital.append(["A. Debottleneck", 0, 31, 7])
    capital.append(["B. New hall", 48, 80, 14])
    capital.append(["C. Second site", 92, 88, 25])

    value = book.create_sheet("Value")
    value.append(["Step", "Option B"])
    value.append(["Margin on volume", 231])
    value.append(["Logistics saved", 12])
    value.append(["Capital", "=-Options!B3"])
    value.append(["Running costs", -5])
    value.append(["NPV", "=SUM(B2:B5)"])
    for row in value.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.number_format = "#,##0;(#,##0)"

    summary = book.create_sheet("Summary", 0)
    summary.append(["Figure", "Value", "Where from"])
    rows = [
        ("Demand in 2026", "=Forecast!B2", KT, "Forecast"),
        ("Capacity today", "=Forecast!C2", KT, "Forecast"),
        ("Gap in 2032", "=Forecast!D8", KT, "Forecast"),
        ("Demand growth a year", "=(Forecast!B8/Forecast!B2)^(1/6)-1", "0%", "Forecast"),
        ("Option B NPV", "=Options!C3", EUR_M, "Options"),
        ("Option B capital", "=Options!B3", EUR_M, "Options"),
        ("Option A added capacity", "=Options!D2", KT, "Options"),
        ("Logistics saved", "=Value!B3", EUR_M, "Value"),
        ("Margin on volume", "=Value!B2", EUR_M, "Value"),
    ]
    for r, (label, formula, fmt, origin) in enumerate(rows, 2):
        summary.append([label, formula, origin])
        summary.cell(r, 2).number_format = fmt
    summary.column_dimensions["A"].width = 26
    return book


def segments(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Year", "Automotive", "Industrial", "Energy storage"])
        writer.writerow([2026, 71, 32, 15])
        writer.writerow([2028, 77, 34, 22])
        writer.writerow([2030, 83, 36, 31])
        writer.writerow([2032, 88, 38, 42])


def save_through_libreoffice(book: Workbook, target: Path) -> None:
    """Save ``book`` as LibreOffice would: formulas with their cached values."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed to store the formulas' values")
    with tempfile.TemporaryDirectory(prefix="example-data-") as tmp:
        raw = Path(tmp) / "raw" / target.name
        raw.parent.mkdir()
        book.save(raw)
        resave(raw, target, profile=Path(tmp) / "profile")


def resave(path: Path, target: Path, *, profile: Path) -> None:
    """Open ``path`` in LibreOffice headless and save it as ``target`` (.xlsx)."""
    soffice = shutil.which("soffice") or "soffice"
    out = target.parent / ".lo-out"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.absolute().as_uri()}",
            "--headless",
            "--calc",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (out / path.with_suffix(".xlsx").name).replace(target)
    out.rmdir()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    save_through_libreoffice(workbook(), OUT / "eastfield.xlsx")
    segments(OUT / "segments.csv")
    print(f"wrote {OUT / 'eastfield.xlsx'} and {OUT / 'segments.csv'}")


if __name__ == "__main__":
    main()
