"""Read a data file a briefing names, safely: ``Path -> DataFile``, then a reference
``Sheet!A1:E6`` -> the cells, each as the workbook shows it.

CSV (UTF-8, a header row, ``;`` or ``,`` told from it): text cells kept as written.
Excel (``.xlsx``): openpyxl in read-only mode with cached values only (``data_only``):
no formula is evaluated, no macro runs, external links are not loaded, embedded objects
are ignored, nothing is written back. A workbook is untrusted: its size, its number of
parts and their unpacked sizes are checked with :mod:`zipfile` before anything is
unzipped, and a file's cells are capped. openpyxl is imported only when a workbook is
read, and a sheet is read when a reference first names it. A reference names a cell,
a range, a sheet, an Excel table or a defined name; what cannot be resolved is a
:class:`DataError` naming the file, the sheet and the cell, with a hint.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.content.numfmt import format_value
from briefing.content.source import Source
from briefing.errors import InputError

MAX_FILE_BYTES = 20_000_000  # a workbook of a board paper's analysis; larger is a mistake
MAX_PARTS = 2_000  # zip entries of a workbook: sheets, styles, drawings...
MAX_PART_BYTES = 100_000_000  # one part, uncompressed
MAX_UNZIPPED_BYTES = 200_000_000  # all parts, uncompressed: a zip bomb stops here
MAX_CSV_ROWS = 200_000
MAX_FILE_CELLS = 2_000_000  # cells of one file in all: the memory a hostile sheet may take
MAX_CELLS = 5_000  # cells one reference may read (a table has at most 60 x 8)

CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
RANGE = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7}):\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384  # the size of an Excel sheet


class DataError(InputError):
    """A data reference that cannot be resolved, with a hint on how to mend it."""


@dataclass(slots=True)
class Cell:
    value: object  # the cached value: str, int, float, datetime, bool, or None
    format: str | None  # its Excel number format; None for a CSV's text, kept as written
    row: int
    col: int

    @property
    def ref(self) -> str:
        """A1 style."""
        return f"{column_letter(self.col)}{self.row}"

    @property
    def text(self) -> str:
        """The cell as the workbook (or the CSV) shows it; formatted only when asked for,
        since a reference reads a few cells of a large sheet."""
        if self.value is None:
            return ""
        if self.format is None:
            return str(self.value)
        return format_value(self.value, self.format)


# -- the confinement of data files: the pictures' rule, in one place to switch over --


def data_root(source: Source) -> Path:
    """The folder data files are named relative to, and must lie in: the source's own."""
    return source.path.absolute().parent


def read_confined(path: Path, root: Path) -> bytes:
    """The bytes of ``path``, a regular file inside ``root``; raise :class:`DataError`.
    The file is an input of the running build (:mod:`briefing.inputs`): the cache keys on
    its bytes and ``watch`` watches it."""
    from briefing.pdf.fetch import Named, Unreadable, read_named

    kind = Named(
        "data file",
        ".csv or .xlsx",
        MAX_FILE_BYTES,
        shrink="keep only the sheets the briefing reads in the file it names",
    )
    try:
        return read_named(path, root=root, kind=kind)
    except Unreadable as err:
        raise DataError(err.message, err.hint) from None


# -- reading: a grid of cells from a CSV or a workbook --


class Sheet:
    """One sheet (or a CSV) read into cells."""

    def __init__(self, name: str, rows: list[list[Cell]]) -> None:
        self.name = name
        self.rows = rows

    @property
    def size(self) -> tuple[int, int]:
        return len(self.rows), max((len(r) for r in self.rows), default=0)

    def cell(self, row: int, col: int) -> Cell:
        if row <= len(self.rows) and col <= len(self.rows[row - 1]):
            return self.rows[row - 1][col - 1]
        return Cell(None, None, row, col)


class DataFile:
    """A data file's sheets (a CSV has one, named ""), tables and defined names."""

    def __init__(self, name: str, path: Path, kind: str) -> None:
        self.name = name  # as the source names it (data/results.xlsx)
        self.path = path
        self.kind = kind  # "csv" or "xlsx"
        self.sheets: Mapping[str, Sheet] = {}
        self.sheet_order: list[str] = []
        self.tables: dict[str, tuple[str, str]] = {}  # table name -> (sheet, range)
        self.names: dict[str, tuple[str, str]] = {}  # defined name -> (sheet, range)
        self.separators = (",", ".")  # group and decimal: the briefing's language's
        self.raw: bytes = b""  # a workbook's bytes, to tell a formula cell with no value
        self.decimal_comma = False  # a CSV's numbers for a chart: 1.234,5
        self._formulas: dict[str, set[tuple[int, int]]] = {}

    def formula_at(self, sheet: str, row: int, col: int) -> bool:
        """Whether the cell holds a formula (asked only of a cell with no value)."""
        if self.kind != "xlsx":
            return False
        if sheet not in self._formulas:
            self._formulas[sheet] = _formula_cells(self.raw, only=sheet).get(sheet, set())
        return (row, col) in self._formulas[sheet]


def read_csv(data: bytes, name: str, path: Path) -> DataFile:
    """A CSV (UTF-8, a header row, ``;`` or ``,`` separated) as one sheet of text cells."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataError(
            f"the file is not UTF-8 (byte {err.start})",
            "save it as CSV UTF-8 (Excel: File > Save As > CSV UTF-8)",
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows: list[list[Cell]] = []
    count = 0
    for r, record in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        if r > MAX_CSV_ROWS:
            raise DataError(
                f"the file has more than {MAX_CSV_ROWS:,} rows",
                "keep the rows the briefing shows in a file of their own",
            )
        rows.append([Cell(v, None, r, c) for c, v in enumerate(record, 1)])
        count += len(record)
        if count > MAX_FILE_CELLS:
            raise _too_many_cells()
    out = DataFile(name, path, "csv")
    out.sheets = {"": Sheet("", rows)}
    out.sheet_order = [""]
    out.decimal_comma = delimiter == ";"  # -- 1.234,5 in a ;-separated file --
    return out


def _too_many_cells() -> DataError:
    return DataError(
        f"the file has more than {MAX_CSV_ROWS:,} rows or {MAX_FILE_CELLS:,} cells",
        "keep the data the briefing shows in a file of its own",
    )


def check_zip(data: bytes) -> None:
    """Refuse a workbook whose parts are too many or too large, before unzipping any."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise DataError(
            "the file is not an Excel workbook (.xlsx is a zip file; this is not one)",
            "save it from Excel or LibreOffice as .xlsx",
        ) from None
    if len(infos) > MAX_PARTS:
        raise DataError(
            f"the workbook has {len(infos):,} parts (at most {MAX_PARTS:,})",
            "save the sheets the briefing reads in a workbook of their own",
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART_BYTES or total > MAX_UNZIPPED_BYTES:
            raise DataError(
                "the workbook unpacks to more than "
                f"{min(MAX_PART_BYTES, MAX_UNZIPPED_BYTES):,} bytes",
                "save the sheets the briefing reads in a workbook of their own",
            )


def read_xlsx(data: bytes, name: str, path: Path) -> DataFile:
    """A workbook's cached values and formats (openpyxl, read-only: nothing evaluated)."""
    check_zip(data)
    import warnings

    import openpyxl  # -- here: a briefing without a workbook never imports it --

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # -- openpyxl warns of what it ignores --
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
    except Exception as err:
        raise DataError(
            f"the workbook cannot be read ({type(err).__name__}: {str(err)[:120]})",
            "open it in Excel or LibreOffice and save it again as .xlsx",
        ) from None
    out = DataFile(name, path, "xlsx")
    out.raw = data
    out.sheet_order = list(book.sheetnames)
    # -- a sheet is read when a reference first names it: a briefing that shows two
    #    sheets of a large workbook does not pay for the others --
    out.sheets = _LazySheets(out.sheet_order, lambda title: _read_sheet(book[title]))
    for defined in book.defined_names.values():
        for sheet, ref in defined.destinations:
            out.names[defined.name] = (sheet, ref.replace("$", ""))
    out.tables = _tables(data)
    return out


class _LazySheets(Mapping[str, "Sheet"]):
    """A workbook's sheets by title, each read on first use."""

    def __init__(self, titles: list[str], read: Callable[[str], Sheet]) -> None:
        self._titles = titles
        self._read = read
        self._done: dict[str, Sheet] = {}

    def __getitem__(self, title: str) -> Sheet:
        if title not in self._titles:
            raise KeyError(title)
        if title not in self._done:
            self._done[title] = self._read(title)
        return self._done[title]

    def __iter__(self) -> Iterator[str]:
        return iter(self._titles)

    def __len__(self) -> int:
        return len(self._titles)


def _read_sheet(ws: Any) -> Sheet:
    """One sheet's cached values and number formats, as openpyxl reads them."""
    try:
        return _sheet_cells(ws)
    except DataError:
        raise
    except Exception as err:  # -- a damaged part: said at the reference, never a traceback
        raise DataError(
            f"sheet {ws.title!r} cannot be read ({type(err).__name__}: {str(err)[:120]})",
            "open the workbook in Excel or LibreOffice and save it again as .xlsx",
        ) from None


def _sheet_cells(ws: Any) -> Sheet:
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # -- the cells as they are, not the size the file claims --
    rows: list[list[Cell]] = []
    count = 0
    for r, row in enumerate(ws.iter_rows(), 1):
        count += len(row)
        if r > MAX_CSV_ROWS or count > MAX_FILE_CELLS:
            raise _too_many_cells()
        rows.append(
            [
                Cell(getattr(cell, "value", None), getattr(cell, "number_format", "General"), r, c)
                for c, cell in enumerate(row, 1)
            ]
        )
    return Sheet(ws.title, rows)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> its part name (xl/worksheets/sheet1.xml), from the workbook's rels."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    book = etree.fromstring(archive.read("xl/workbook.xml"), parser)
    rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), parser)
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    parts = {}
    for sheet in book.iter("{*}sheet"):
        target = targets.get(sheet.get(rid), "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        parts[sheet.get("name", "")] = target
    return parts


def _formula_cells(data: bytes, only: str | None = None) -> dict[str, set[tuple[int, int]]]:
    """The cells (row, column) of each sheet (or of sheet ``only``) that hold a formula
    (an <f> element): read only to explain a cell with no value."""
    from lxml import etree

    found: dict[str, set[tuple[int, int]]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for title, part in _sheet_parts(archive).items():
                if only is not None and title != only:
                    continue
                marks: set[tuple[int, int]] = set()
                with archive.open(part) as stream:
                    for _, element in etree.iterparse(
                        stream, tag="{*}c", resolve_entities=False, no_network=True
                    ):
                        if len(element) and element.find("{*}f") is not None:
                            cell = CELL.match(element.get("r", ""))
                            if cell:
                                marks.add((int(cell.group(2)), column_number(cell.group(1))))
                        # -- what is read is let go: a large sheet is not held in memory --
                        element.clear()
                        while element.getprevious() is not None:
                            del element.getparent()[0]
                found[title] = marks
    except (KeyError, etree.XMLSyntaxError):
        return found
    return found


def _tables(data: bytes) -> dict[str, tuple[str, str]]:
    """Excel tables (Insert > Table): name -> (sheet, range), from the sheets' rels."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    found: dict[str, tuple[str, str]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        try:
            parts = _sheet_parts(archive)
        except (KeyError, etree.XMLSyntaxError):
            return found
        for title, part in parts.items():
            folder, leaf = part.rsplit("/", 1)
            rels = f"{folder}/_rels/{leaf}.rels"
            if rels not in names:
                continue
            for rel in etree.fromstring(archive.read(rels), parser):
                if not rel.get("Type", "").endswith("/table"):
                    continue
                target = _join(folder, rel.get("Target", ""))
                if target not in names:
                    continue
                table = etree.fromstring(archive.read(target), parser)
                ref = table.get("ref", "")
                for key in ("name", "displayName"):
                    if table.get(key):
                        found[table.get(key, "")] = (title, ref)
    return found


def _join(folder: str, target: str) -> str:
    parts = (
        [*folder.split("/"), *target.split("/")]
        if not target.startswith("/")
        else (target.lstrip("/").split("/"))
    )
    out: list[str] = []
    for part in parts:
        if part == "..":
            if out:
                out.pop()
        elif part and part != ".":
            out.append(part)
    return "/".join(out)


def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


# -- references: NAME[:TARGET], TARGET a cell, a range, a sheet, a table or a name --


@dataclass(frozen=True)
class Region:
    """A rectangle of a sheet: where a reference points."""

    file: DataFile
    sheet: Sheet
    top: int
    left: int
    bottom: int
    right: int

    @property
    def label(self) -> str:
        first = f"{column_letter(self.left)}{self.top}"
        last = f"{column_letter(self.right)}{self.bottom}"
        return first if first == last else f"{first}:{last}"

    @property
    def where(self) -> str:
        """The data file, the sheet and the cells, for a message."""
        sheet = f", sheet {self.sheet.name!r}" if self.sheet.name else ""
        kind = "cell" if ":" not in self.label else "range"
        return f"{self.file.name}{sheet}, {kind} {self.label}"

    def grid(self) -> list[list[Cell]]:
        """The cells, row by row; raise when every one of them is empty."""
        rows = [
            [self.sheet.cell(r, c) for c in range(self.left, self.right + 1)]
            for r in range(self.top, self.bottom + 1)
        ]
        if all(c.value in (None, "") for row in rows for c in row) and not any(
            self.file.formula_at(self.sheet.name, c.row, c.col) for row in rows for c in row
        ):
            raise DataError(
                f"{self.where} is empty",
                "name the cells that hold the data (the header row first), or fill them",
            )
        return rows


class Resolver:
    """Reads each named data file once and turns references into regions."""

    def __init__(self, source: Source) -> None:
        self.source = source
        raw = source.data.get("data")
        self.named: dict[str, str] = (
            {str(k): v for k, v in raw.items() if isinstance(v, str)}
            if isinstance(raw, dict)
            else {}
        )
        self.files: dict[str, DataFile] = {}
        self.separators = separators(source.data.get("language"))

    def file(self, name: str) -> DataFile:
        if name not in self.named:
            known = list(self.named)
            guess = difflib.get_close_matches(name, known, n=1)
            raise DataError(
                f"{name!r} names no data file",
                f"did you mean {guess[0]!r}?"
                if guess
                else "name it under `data:` at the top, e.g. `data: {"
                + name
                + ": data/file.xlsx}`",
            )
        if name not in self.files:
            self.files[name] = load(self.named[name], data_root(self.source))
            self.files[name].separators = self.separators
        return self.files[name]

    def region(self, reference: str) -> Region:
        name, _, target = reference.strip().partition(":")
        data = self.file(name.strip())
        return locate(data, target.strip())


def separators(language: object) -> tuple[str, str]:
    """The group and decimal separators of the briefing's ``language`` (Babel's CLDR data):
    a workbook's number formats mean "group" and "decimals", which a reader of that
    language sees as their own (1.234,5 in German). English when unknown."""
    if not isinstance(language, str) or language.split("-")[0].lower() in {"", "en"}:
        return (",", ".")
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return (",", ".")
    return (get_group_symbol(locale), get_decimal_symbol(locale))


def load(named: str, root: Path) -> DataFile:
    """Read the data file ``named`` (relative to ``root``): a .csv or an .xlsx."""
    path = root / named
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".xlsx", ".xlsm"}:
        raise DataError(
            f"{named}: not a .csv or .xlsx file",
            "save the data as CSV UTF-8 or as an Excel workbook (.xlsx)",
        )
    try:
        data = read_confined(path, root)
        if suffix == ".csv":
            return read_csv(data, named, path)
        return read_xlsx(data, named, path)
    except DataError as err:
        if err.message.startswith(named):
            raise
        raise DataError(f"{named}: {err.message}", err.hint) from None


def locate(data: DataFile, target: str) -> Region:
    """The region ``target`` names in ``data``: empty (all of the first sheet), a cell or a
    range (of the first sheet, or ``Sheet!A1:E6``), a sheet, an Excel table or a name."""
    sheet_name, _, cells = target.rpartition("!")
    sheet_name = sheet_name.strip()
    if sheet_name.startswith("'") and sheet_name.endswith("'") and len(sheet_name) > 1:
        sheet_name = sheet_name[1:-1].replace("''", "'")
    if not CELL.match(cells) and not RANGE.match(cells) and not sheet_name:
        # -- no cells: a sheet, a table, a defined name, or nothing (the first sheet) --
        if not target:
            return _whole(data, data.sheets[data.sheet_order[0]])
        if target in data.sheets:
            return _whole(data, data.sheets[target])
        for table in (data.tables, data.names):
            if target in table:
                sheet, ref = table[target]
                if sheet not in data.sheets:
                    break
                return _cells(data, data.sheets[sheet], ref.rpartition("!")[2])
        known = [s for s in data.sheet_order if s] + list(data.tables) + list(data.names)
        guess = difflib.get_close_matches(target, known, n=1)
        what = "sheet, table or name" if data.kind == "xlsx" else "cell or range"
        raise DataError(
            f"{data.name} has no {what} {target!r}",
            f"did you mean {guess[0]!r}?"
            if guess
            else f"name one of: {', '.join(known)[:200]}"
            if known
            else "write a cell (C4) or a range (A1:E6)",
        )
    if sheet_name:
        if data.kind == "csv":
            raise DataError(
                f"{data.name} is a CSV file: it has no sheets",
                f"write the cells alone, such as {cells}",
            )
        if sheet_name not in data.sheets:
            guess = difflib.get_close_matches(sheet_name, data.sheet_order, n=1)
            raise DataError(
                f"{data.name} has no sheet {sheet_name!r}",
                f"did you mean {guess[0]!r}?"
                if guess
                else f"the sheets are: {', '.join(data.sheet_order)[:200]}",
            )
        return _cells(data, data.sheets[sheet_name], cells)
    return _cells(data, data.sheets[data.sheet_order[0]], cells)


def _sheet(sheet: Sheet) -> str:
    return f", sheet {sheet.name!r}" if sheet.name else ""


def _whole(data: DataFile, sheet: Sheet) -> Region:
    rows, cols = sheet.size
    if not rows or not cols:
        where = f"sheet {sheet.name!r} of {data.name}" if sheet.name else data.name
        raise DataError(f"{where} is empty", "put the table in it, its header row first")
    return Region(data, sheet, 1, 1, rows, cols)


def _cells(data: DataFile, sheet: Sheet, cells: str) -> Region:
    one = CELL.match(cells)
    many = RANGE.match(cells)
    if one:
        left = right = column_number(one.group(1))
        top = bottom = int(one.group(2))
    elif many:
        left, top = column_number(many.group(1)), int(many.group(2))
        right, bottom = column_number(many.group(3)), int(many.group(4))
        left, right = min(left, right), max(left, right)
        top, bottom = min(top, bottom), max(top, bottom)
    else:
        raise DataError(
            f"{cells!r} is not a cell or a range",
            "write a cell as C4 and a range as A1:E6 (with its sheet: Summary!C4)",
        )
    where = f"sheet {sheet.name!r} of {data.name}" if sheet.name else data.name
    if top < 1 or left < 1 or bottom > MAX_ROW or right > MAX_COLUMN:
        raise DataError(
            f"{data.name}{_sheet(sheet)}: {cells} is outside the sheet (the last cell of "
            "a sheet is XFD1048576)",
            "name a cell inside the sheet",
        )
    rows, cols = sheet.size
    if top > rows or left > cols:
        last = f"{column_letter(cols)}{rows}" if rows and cols else "none"
        raise DataError(
            f"{cells} is outside the data of {where} (its last cell is {last})",
            "name cells that hold the data, or check the sheet",
        )
    if (bottom - top + 1) * (right - left + 1) > MAX_CELLS:
        raise DataError(
            f"{cells} spans more than {MAX_CELLS:,} cells",
            "name only the cells the briefing shows",
        )
    return Region(data, sheet, top, left, bottom, right)


# -- the values a reference gives --


def shown(cell: Cell, region: Region, fmt: str | None = None) -> str:
    """A cell as the workbook shows it (or with ``fmt``); raise when it shows nothing."""
    _cached(cell, region)
    if cell.value is None or cell.text == "":
        raise DataError(
            f"{_where(region, cell)} is empty",
            "fill the cell, or name another",
        )
    group, decimal = region.file.separators
    if fmt is not None:
        value = cell.value
        if region.file.kind == "csv":
            value = number(cell, region, quiet=True)
            value = cell.value if value is None else value
        return format_value(value, fmt, group=group, decimal=decimal)
    if cell.format is None:
        return cell.text  # -- a CSV's text, as written --
    return format_value(cell.value, cell.format, group=group, decimal=decimal)


def number(cell: Cell, region: Region, *, quiet: bool = False) -> float | None:
    """A cell's value as a number for a chart; raise (or None, ``quiet``) when it is none."""
    _cached(cell, region)
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and region.file.kind == "csv":
        parsed = _csv_number(value, region.file.decimal_comma)
        if parsed is not None:
            return parsed
    if quiet:
        return None
    what = "empty" if value in (None, "") else f"text ({str(value)[:40]!r}), not a number"
    raise DataError(
        f"{_where(region, cell)} is {what}",
        "a chart needs a number in every cell of its series; fix the cell or the range",
    )


def _csv_number(text: str, decimal_comma: bool) -> float | None:
    text = text.strip().replace("\u2212", "-").replace(" ", "").replace("\xa0", "")
    if decimal_comma:
        text = text.replace(".", "").replace(",", ".") if "," in text else text
    else:
        text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def _cached(cell: Cell, region: Region) -> None:
    if cell.value is None and region.file.formula_at(region.sheet.name, cell.row, cell.col):
        raise DataError(
            f"{_where(region, cell)} holds a formula with no saved value",
            "open the workbook in Excel or LibreOffice and save it: that stores each "
            "formula's value (briefing never calculates formulas)",
        )


def _where(region: Region, cell: Cell) -> str:
    sheet = f", sheet {region.sheet.name!r}" if region.sheet.name else ""
    return f"{region.file.name}{sheet}, cell {cell.ref}"
