"""What reading data files costs: a 10,000-row CSV and a 5-sheet workbook.

    python bench/data.py [--repeat 5]

1. A CSV of 10,000 rows and 6 columns, read into cells (briefing.content.data.read_csv).
2. A workbook of 5 sheets of 200 rows and 6 columns each, numbers with formats, saved
   by openpyxl: every sheet read with its cached values and formats and every cell
   formatted as Excel shows it; then what a briefing pays that names one sheet (sheets
   are read when first named). In this process after a first read (openpyxl imported),
   and the whole read cold in a fresh process (Python's start and the imports included).

The issue's goal: at most 0.2 s for the workbook. Figures only: nothing asserts a time.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_csv(path: Path, rows: int = 10_000) -> None:
    lines = ["Region,Year,Revenue,Cost,Margin,Note"]
    lines += [f"R{i % 40},{2000 + i % 30},{i * 1.5:.1f},{i * 0.9:.1f},{i * 0.6:.1f},row {i}"
              for i in range(rows)]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_workbook(path: Path, sheets: int = 5, rows: int = 200) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for s in range(sheets):
        sheet = book.active if s == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = f"Sheet{s + 1}"
        sheet.append(["Item", "Revenue", "Cost", "Margin", "Share", "Year"])
        for r in range(rows):
            sheet.append([f"Item {r}", r * 1000.5, -r * 700.25, r * 300.25, r / rows, 2000 + r])
        for row in sheet.iter_rows(min_row=2, min_col=2, max_col=5):
            row[0].number_format = "#,##0"
            row[1].number_format = "#,##0;(#,##0)"
            row[2].number_format = '"EUR "#,##0.0" m"'
            row[3].number_format = "0.0%"
    book.save(path)


def read_all(data: bytes, path: Path) -> None:
    from briefing.content.datafiles import read_xlsx

    book = read_xlsx(data, path.name, path)
    for title in book.sheet_order:
        for row in book.sheets[title].rows:
            for cell in row:
                _ = cell.text


def read_one(data: bytes, path: Path) -> None:
    from briefing.content.datafiles import read_xlsx

    book = read_xlsx(data, path.name, path)
    _ = book.sheets[book.sheet_order[2]].rows


def best(repeat: int, run: object) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from briefing.content.datafiles import read_csv

    with tempfile.TemporaryDirectory(prefix="bench-data-") as tmp:
        folder = Path(tmp)
        csv_path, book_path = folder / "big.csv", folder / "book.xlsx"
        make_csv(csv_path)
        make_workbook(book_path)
        csv_bytes, book_bytes = csv_path.read_bytes(), book_path.read_bytes()
        read_all(book_bytes, book_path)  # -- the import, once --
        csv_time = best(args.repeat, lambda: read_csv(csv_bytes, "big.csv", csv_path))
        book_time = best(args.repeat, lambda: read_all(book_bytes, book_path))
        one_time = best(args.repeat, lambda: read_one(book_bytes, book_path))
        code = (
            "import sys, time; t = time.perf_counter(); from pathlib import Path; "
            f"sys.path.insert(0, {str(Path(__file__).parent)!r}); from data import read_all; "
            f"p = Path({str(book_path)!r}); read_all(p.read_bytes(), p); "
            "print(time.perf_counter() - t)"
        )
        cold = min(
            float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout)
            for _ in range(max(1, args.repeat // 2))
        )  # fmt: skip
        print(f"CSV, 10,000 rows x 6 columns ({len(csv_bytes):,} bytes):  {csv_time:.3f} s")
        print(f"workbook, 5 sheets x 200 rows x 6 columns ({len(book_bytes):,} bytes):")
        print(f"  every sheet, openpyxl imported:                  {book_time:.3f} s")
        print(f"  one sheet named (what a briefing reads):         {one_time:.3f} s")
        print(f"  every sheet, cold in a fresh process:            {cold:.3f} s")
        print("  goal: at most 0.2 s for the workbook")


if __name__ == "__main__":
    main()
