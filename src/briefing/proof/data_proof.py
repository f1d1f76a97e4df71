"""Prove that what came from data files is in every output as the cells read now:
``Briefing + files -> Report`` entries in its ``data`` row.

``verify`` validates the source again, so the briefing it proves holds the data files'
cells as they are now (:mod:`briefing.content.data`). The data row then holds: each
figure bound in a text (``{results:Summary!C4}``) exactly as formatted, in each output
(the deck's slides or its speaker notes, where a body goes); each data table's gaps,
cell by cell (as :func:`briefing.proof.verify.table_gaps` finds them); each data
chart's gaps (its values in the PDF's and the page's drawing, as their alt text, and in
the deck's chart); and each data chart's values in the workbook embedded in the deck,
read with openpyxl. A cell changed since the build is therefore a gap in every output.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

from briefing.content.model import Briefing, Chart
from briefing.proof.readback import Output, PptxOutput
from briefing.proof.report import Expectation, Report, figure_row, fold

ROW = "data"
_FIGURE = re.compile(r"^sections\[(\d+)\]\.figures\[(\d+)\]$")


def check_data(
    briefing: Briefing, files: Mapping[str, Output], report: Report, texts: dict[str, str]
) -> None:
    """Add to ``report``'s data row each bound value an output lacks. ``texts`` holds
    each readable output's folded text (slides and speaker notes for the deck)."""
    deck = files.get("pptx") if "pptx" in texts else None
    workbooks: Workbooks | None = None
    for binding in briefing.bindings:
        if binding.kind == "text":
            for fmt, text in texts.items():
                if fmt not in _outputs_of(binding.field):
                    continue
                if fold(binding.text) not in text:
                    _miss(report, fmt, f"{binding.where} in {binding.field}", binding.text)
        elif binding.kind == "table":
            sid = _section_id(briefing, binding.field)
            for (row, fmt), gaps in list(report.missing.items()):
                for gap in gaps if row == sid else []:
                    if gap.what.startswith("table"):
                        _miss(report, fmt, f"{binding.where}: {gap.what}", gap.text)
        elif binding.kind == "chart":
            match = _FIGURE.match(binding.field)
            if match is None:
                continue
            i, j = int(match.group(1)), int(match.group(2))
            section = briefing.sections[i]
            row = figure_row(section.id, j + 1)
            for (name, fmt), gaps in list(report.missing.items()):
                for gap in gaps if name == row else []:
                    _miss(report, fmt, f"{binding.where}: {gap.what}", gap.text)
            chart = section.figures[j]
            if workbooks is None and isinstance(deck, PptxOutput):
                workbooks = _deck_workbooks(deck)  # -- once, for every chart bound to data --
            if (
                isinstance(chart, Chart)
                and workbooks is not None
                and not _in_workbooks(chart, workbooks)
            ):
                _miss(report, "pptx", f"{binding.where}: chart workbook", _summary(chart))


def _outputs_of(field: str) -> tuple[str, ...]:
    """The outputs whose text shows a field: a section's speaker notes are the deck's
    alone; a chart's alt text is proved as such (figure_proof), not as running text."""
    if re.fullmatch(r"sections\[\d+\]\.notes", field):
        return ("pptx",)
    if field.endswith(".alt"):
        return ()
    return ("html", "pdf", "pptx")


def _miss(report: Report, fmt: str, what: str, text: str) -> None:
    report.missing.setdefault((ROW, fmt), []).append(Expectation(ROW, what, text, (fmt,)))


def _section_id(briefing: Briefing, field: str) -> str:
    match = re.match(r"^sections\[(\d+)\]", field)
    return briefing.sections[int(match.group(1))].id if match else ""


def _summary(chart: Chart) -> str:
    return "; ".join(f"{s.name}: {', '.join(f'{v:g}' for v in s.values)}" for s in chart.series)


Workbooks = list[tuple[list[str], dict[str, list[float]]]]


def _deck_workbooks(output: PptxOutput) -> Workbooks:
    """Each chart workbook embedded in the deck: its categories and named series (column A
    the categories, row 1 the series' names), read with openpyxl."""
    import openpyxl

    found: Workbooks = []
    deck = output.package
    for name in deck.namelist():
        if not (name.startswith("ppt/embeddings/") and name.endswith(".xlsx")):
            continue
        book = openpyxl.load_workbook(io.BytesIO(deck.read(name)), read_only=True, data_only=True)
        try:
            rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
        if not rows:
            continue
        header = rows[0]
        categories = [str(r[0]) for r in rows[1:] if r and r[0] is not None]
        series: dict[str, list[float]] = {}
        for c in range(1, len(header)):
            if header[c] is None:
                continue
            values: list[Any] = [
                r[c] if c < len(r) else None for r in rows[1 : 1 + len(categories)]
            ]
            series[str(header[c])] = [
                float(v) if isinstance(v, int | float) else float("nan") for v in values
            ]
        found.append((categories, series))
    return found


def _in_workbooks(chart: Chart, books: Workbooks) -> bool:
    from briefing.deck.charts import deck_series, same_numbers

    want = deck_series(chart)
    return any(
        categories == list(chart.categories)
        and all(name in series and same_numbers(series[name], values) for name, values in want)
        for categories, series in books
    )
