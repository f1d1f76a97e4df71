"""Numbers from the analysis itself: ``Source -> Source`` with every data reference
resolved into typed values, and the bindings that say where each came from.

A source names its data files once, in a top-level ``data:`` map (short name ->
path relative to the source, inside the project like pictures). Then:

- a table ``table: {data: results:Options!A1:E4}`` takes its header row and rows
  from the cells, each cell shown as the workbook shows it (its number format);
- a chart ``data: demand`` (or a range) takes its categories from the first (or a
  named) column and one series per other (or named) column;
- any text field may hold ``{results:Summary!C4}`` (or ``{results:Summary!C4|0.0%}``
  with a format of its own), replaced by the cell's value as formatted.

Resolution happens before the model is built, so drawing, the deck and ``verify``
see ordinary typed tables, charts and text. The files are read, as untrusted input,
by :mod:`briefing.content.datafiles`. Every problem is reported at the reference's
``FILE:LINE:COL`` naming the data file, the sheet and the cell.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from briefing.content.datafiles import (
    CELL,
    RANGE,
    DataError,
    Region,
    Resolver,
    data_root,
    number,
    read_confined,
    shown,
)
from briefing.content.source import FieldPath, Source
from briefing.errors import Problem, format_path

__all__ = ["Binding", "Bound", "bind", "data_root", "read_confined"]

_NAME = r"[A-Za-z0-9][A-Za-z0-9_-]*"
# -- {name:target} or {name:target|format}; not {{...}}, not \{...} --
TEXT_REFERENCE = re.compile(
    r"(?<![{\\])\{(" + _NAME + r"):((?:'[^'\n]+'|[^{}|\n'])+?)(?:\|([^{}\n]+))?\}(?!\})"
)
_MARKDOWN = re.compile(r"([\\`*_\[\]>{}])")
# -- what starts a block (a heading, a list item) at the start of a cell --
_BLOCK_START = re.compile(r"^(\s*)(#|[-+*](?=\s)|\d+(?=[.)]\s))")
# -- fields shown as plain text, not Markdown: a value bound there is not escaped --
_PLAIN_FIELDS = {"title", "subtitle", "author", "audience", "classification", "value",
                 "label", "by", "owner", "due", "version"}  # fmt: skip


@dataclass(frozen=True)
class Binding:
    """One value in the outputs that comes from a data file."""

    kind: str  # "text", "table" or "chart"
    field: str  # the field it is in, e.g. sections[1].points[0]
    row: str  # the verify row and slide it belongs to: a section id, or "summary"
    file: str  # the data file as named in the source
    sheet: str  # the sheet ("" for a CSV)
    cells: str  # C4, or A1:E6
    text: str = ""  # a text binding: the value as shown

    @property
    def where(self) -> str:
        """File, sheet and cell, as a reader looks them up."""
        return (
            f"{self.file}, {self.sheet}!{self.cells}"
            if self.sheet
            else (f"{self.file}, {self.cells}")
        )


@dataclass
class Bound:
    """A source with its data references resolved."""

    source: Source
    bindings: list[Binding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # field paths not to judge again


def escaped(text: str) -> str:
    """A cell's text with what Markdown reads in it escaped: it shows as written."""
    text = _MARKDOWN.sub(r"\\\1", text.replace("&", "&amp;")).replace("<", "&lt;")
    start = _BLOCK_START.match(text)
    if start is None:
        return text
    at = start.end() if start.group(2)[0].isdigit() else start.start(2)
    return text[:at] + "\\" + text[at:]


# -- binding a source --

AtOffset = Callable[[Source, FieldPath, str, int, str, str], Problem]


def bind(source: Source, at_offset: AtOffset) -> Bound:
    """``source`` with every data reference resolved, what each came from, and problems."""
    data = source.data
    bound = Bound(source)
    named = data.get("data")
    if named is None and not _has_references(data) and not _has_data_figures(data):
        return bound  # -- the common case: no data, nothing read, openpyxl not imported --
    resolver = Resolver(source)
    new = _copy(data)
    if named is not None and not isinstance(named, dict):
        bound.problems.append(
            Problem.at(
                source,
                ("data",),
                "expected a mapping of short names to data files",
                hint="write `data:` then lines such as `  results: data/results.xlsx`",
            )
        )
        named = {}
    for key, value in (named or {}).items():
        if not isinstance(value, str) or not value.strip():
            bound.problems.append(
                Problem.at(
                    source,
                    ("data", key),
                    "expected a file name",
                    hint="name a .csv or .xlsx file relative to the source file",
                )
            )
            continue
        try:
            resolver.file(str(key))
        except DataError as err:
            bound.problems.append(Problem.at(source, ("data", key), err.message, hint=err.hint))
    broken = {str(k) for k in resolver.named if str(k) not in resolver.files}
    _bind_texts(source, resolver, new, bound, at_offset, broken)
    for i, section in enumerate(new.get("sections") or []):
        if not isinstance(section, dict):
            continue
        sid = str(section.get("id", f"section {i + 1}"))
        table = section.get("table")
        if isinstance(table, dict) and "data" in table:
            at: FieldPath = ("sections", i, "table")
            _bind_region("table", source, resolver, table, at, sid, bound, broken)
        for j, figure in enumerate(section.get("figures") or []):
            if isinstance(figure, dict) and "data" in figure and "image" not in figure:
                at = ("sections", i, "figures", j)
                _bind_region("chart", source, resolver, figure, at, sid, bound, broken)
    bound.source = replace(source, data=new)
    return bound


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _has_data_figures(data: dict[str, Any]) -> bool:
    sections = data.get("sections")
    for section in sections if isinstance(sections, list) else []:
        if not isinstance(section, dict):
            continue
        table = section.get("table")
        figures = section.get("figures")
        parts = [table, *(figures if isinstance(figures, list) else [])]
        if any(isinstance(p, dict) and "data" in p for p in parts):
            return True
    return False


def _has_references(data: dict[str, Any]) -> bool:
    return any(TEXT_REFERENCE.search(text) for _, text in _texts(data))


_NOT_TEXT = {"id", "url", "date", "language", "data", "image"}


def _texts(value: Any, path: FieldPath = ()) -> list[tuple[FieldPath, str]]:
    found: list[tuple[FieldPath, str]] = []
    if isinstance(value, str):
        found.append((path, value))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_TEXT and not (not path and key == "sources"):
                found += _texts(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _texts(item, (*path, i))
    return found


def _row_of(data: dict[str, Any], path: FieldPath) -> str:
    if path and path[0] == "sections" and len(path) > 1 and isinstance(path[1], int):
        sections = data.get("sections") or []
        if path[1] < len(sections) and isinstance(sections[path[1]], dict):
            return str(sections[path[1]].get("id", ""))
    return "summary"


def _set(data: Any, path: FieldPath, value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _bind_texts(
    source: Source,
    resolver: Resolver,
    new: dict[str, Any],
    bound: Bound,
    at_offset: AtOffset,
    broken: set[str],
) -> None:
    for path, text in _texts(source.data):
        if "{" not in text:
            continue
        pieces: list[str] = []
        last = 0
        failed = False
        for match in TEXT_REFERENCE.finditer(text):
            name, target, fmt = match.group(1), match.group(2).strip(), match.group(3)
            if name not in resolver.named and not _looks_like_cells(target):
                continue  # -- {word: text} an analyst typed: not a reference --
            if name in broken:
                failed = True
                continue  # -- the data file's own problem is said at its line --
            try:
                region = resolver.region(f"{name}:{target}")
                if region.label.count(":"):
                    raise DataError(
                        f"{region.where}: a figure in the text names one cell, not a range",
                        "name one cell, such as Summary!C4",
                    )
                cell = region.grid()[0][0]
                value = shown(cell, region, fmt.strip() if fmt else None)
            except DataError as err:
                bound.problems.append(
                    at_offset(source, path, text, match.start(), err.message, err.hint)
                )
                failed = True
                continue
            plain = isinstance(path[-1], str) and path[-1] in _PLAIN_FIELDS
            pieces += [text[last : match.start()], value if plain else escaped(value)]
            last = match.end()
            bound.bindings.append(
                Binding(
                    "text",
                    format_path(path),
                    _row_of(source.data, path),
                    region.file.name,
                    region.sheet.name,
                    region.label,
                    value,
                )
            )
        if failed:
            bound.failed.append(format_path(path))
        if pieces:
            _set(new, path, "".join(pieces) + text[last:])


def _looks_like_cells(target: str) -> bool:
    cells = target.rpartition("!")[2].strip()
    return "!" in target or bool(CELL.match(cells) or RANGE.match(cells))


def _reference(
    source: Source, spec: dict[str, Any], at: FieldPath, bound: Bound, broken: set[str]
) -> str | None:
    reference = spec.get("data")
    if not isinstance(reference, str) or not reference.strip():
        bound.problems.append(
            Problem.at(
                source,
                (*at, "data"),
                "expected a data reference",
                hint="write NAME, NAME:Sheet, NAME:Sheet!A1:E6 or NAME:TableName",
            )
        )
        bound.failed.append(format_path(at))
        return None
    if reference.partition(":")[0].strip() in broken:
        bound.failed.append(format_path(at))
        return None
    return reference


def _fail(source: Source, at: FieldPath, bound: Bound, err: DataError) -> None:
    """``err`` at the table's or chart's ``data:`` (or the entry it names), and the
    table or chart not judged again: its cells were never filled in."""
    where = (*at, *err.path) if isinstance(err, _Misnamed) else (*at, "data")
    bound.problems.append(Problem.at(source, where, err.message, hint=err.hint))
    bound.failed.append(format_path(at))


def _bind_region(
    kind: Literal["table", "chart"],
    source: Source,
    resolver: Resolver,
    spec: dict[str, Any],
    at: FieldPath,
    row: str,
    bound: Bound,
    broken: set[str],
) -> None:
    """Fill the table or chart ``spec`` (the field ``at``) from the cells its ``data:``
    names, and record where they came from; a problem is said at the reference, and then
    ``spec`` is as written."""
    reference = _reference(source, spec, at, bound, broken)
    if reference is None:
        return
    try:
        region = resolver.region(reference)
        (_fill_table if kind == "table" else _fill_chart)(spec, region)
    except DataError as err:
        _fail(source, at, bound, err)
        return
    bound.bindings.append(
        Binding(kind, format_path(at), row, region.file.name, region.sheet.name, region.label)
    )


def _fill_table(table: dict[str, Any], region: Region) -> None:
    """A table's header row and rows from ``region``: the columns and rows it picks, in
    its order, each cell as shown; written only once all are read."""
    grid = region.grid()
    if len(grid) < 2:
        raise DataError(
            f"{region.where}: a table needs a header row and at least one row",
            "widen the range to take in the rows under the header",
        )
    texts = [[shown(c, region) for c in r] for r in grid]
    header = texts[0]
    picked_cols = list(range(len(header)))
    wanted = table.get("columns")
    if isinstance(wanted, list):
        picked_cols = [
            _column(header, str(w), region, ("columns", n)) for n, w in enumerate(wanted)
        ]
    body = _rows(texts[1:], [r[0] for r in texts[1:]], table.get("rows"), region, "row starting")
    table["columns"] = [escaped(header[c]) for c in picked_cols]  # -- as shown, in order --
    table["rows"] = [[escaped(r[c]) for c in picked_cols] for r in body]


class _Misnamed(DataError):
    def __init__(self, path: tuple[Any, ...], message: str, hint: str) -> None:
        super().__init__(message, hint)
        self.path = path


def _fill_chart(chart: dict[str, Any], region: Region) -> None:
    """A chart's categories (its first column, or the one it names) and one series per
    other column (or per column it names) from ``region``, the rows it picks in its order;
    written only once all are read."""
    grid = region.grid()
    if len(grid) < 2 or len(grid[0]) < 2:
        raise DataError(
            f"{region.where} is {len(grid)} x {len(grid[0])} cells: a chart needs a "
            "header row over a column of categories and at least one column of numbers",
            "widen the range: categories in its first column, one series per column",
        )
    header = [shown(c, region) for c in grid[0]]
    category_col = 0
    named = chart.get("categories")
    if isinstance(named, str):
        category_col = _column(header, named, region, "categories")
    series_cols = [c for c in range(len(header)) if c != category_col]
    wanted = chart.get("series")
    if isinstance(wanted, list) and all(isinstance(w, str) for w in wanted):
        series_cols = [_column(header, str(w), region, ("series", n)) for n, w in enumerate(wanted)]
    labels = [shown(r[category_col], region) for r in grid[1:]]
    body = _rows(grid[1:], labels, chart.get("rows"), region, "category")
    categories = [shown(r[category_col], region) for r in body]
    series = [
        {"name": header[c], "values": [number(r[c], region) for r in body]} for c in series_cols
    ]
    chart["categories"] = categories
    chart["series"] = series
    chart.pop("rows", None)


def _column(header: list[str], name: str, region: Region, key: object) -> int:
    path = key if isinstance(key, tuple) else (key,)
    return _named(header, name, region, "column", path)


def _rows(
    body: list[Any], labels: list[str], wanted: object, region: Region, noun: str
) -> list[Any]:
    """The rows of ``body`` that ``wanted`` names by their label, in its order (all without)."""
    if not isinstance(wanted, list):
        return body
    return [body[_named(labels, str(w), region, noun, ("rows", n))] for n, w in enumerate(wanted)]


def _named(labels: list[str], name: str, region: Region, noun: str, path: tuple[Any, ...]) -> int:
    """Where ``name`` is among ``labels``; else the error names the nearest, or lists them."""
    if name in labels:
        return labels.index(name)
    guess = difflib.get_close_matches(name, labels, n=1)
    raise _Misnamed(
        path,
        f"{region.where} has no {noun} {name!r}",
        f"did you mean {guess[0]!r}?" if guess else f"there are: {', '.join(labels)[:200]}",
    )
