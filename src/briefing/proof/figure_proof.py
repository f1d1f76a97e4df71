"""Prove that every figure is in every built output: ``Briefing + files -> Report`` entries.

Text (captions, category labels) is checked by :mod:`briefing.proof.verify` with the
rest; this module reads what text cannot show. In the PDF: the alt text of each
tagged Figure (its structure tree) and the pixel size of each embedded picture.
On the web page: the bytes of each embedded picture. In the deck: each native
chart's categories and numbers (the chart part's XML, as python-pptx reads it)
and each picture's bytes. A figure that is not found adds a missing entry to
its row of the report, so ``briefing verify`` fails.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

from briefing.content.model import Briefing, Chart, Image
from briefing.proof.readback import HtmlOutput, Output, PdfOutput, PptxOutput, flat_shapes
from briefing.proof.report import Expectation, Report, figure_row, fold


def check_figures(
    briefing: Briefing, files: dict[str, Output], report: Report, *, images_dir: Path | None
) -> None:
    """Add a missing entry to ``report`` for each figure an output lacks."""
    from briefing.document.charts import describe

    found: dict[str, Any] = {}
    for fmt, output in files.items():
        if fmt in report.unreadable:
            continue
        try:
            found[fmt] = _figures(output)
        except Exception as err:
            report.unreadable[fmt] = f"{output.path}: its figures cannot be read: {err}"
    for section in briefing.sections:
        for n, figure in enumerate(section.figures, 1):
            row = figure_row(section.id, n)
            # -- a figure left out of the deck by the source is proved in the briefing alone --
            there = found
            if section.deck == "omit" or figure.deck == "omit":
                there = {fmt: v for fmt, v in found.items() if fmt != "pptx"}
            if isinstance(figure, Chart):
                _chart(row, figure, describe(figure), there, report)
                _drawn(row, figure, f"{section.id}-chart-{n - 1}", there, report)
            elif images_dir is not None:
                _picture(row, figure, images_dir, there, report)


def _miss(report: Report, row: str, fmt: str, what: str, text: str) -> None:
    report.missing.setdefault((row, fmt), []).append(Expectation(row, what, text, (fmt,)))


def _chart(row: str, chart: Chart, alt: str, found: dict[str, Any], report: Report) -> None:
    from briefing.deck.charts import deck_series, same_numbers

    if "pdf" in found and fold(alt) not in {fold(a) for a in found["pdf"]["alts"]}:
        _miss(report, row, "pdf", "Figure alt text", alt)
    if "html" in found and fold(alt) not in {fold(a) for a in found["html"]["alts"]}:
        _miss(report, row, "html", "chart title", alt)
    if "pptx" in found:
        want = deck_series(chart)
        for categories, series, _drawn in found["pptx"]["charts"]:
            if categories == list(chart.categories) and all(
                name in series and same_numbers(series[name], values) for name, values in want
            ):
                break
        else:
            _miss(
                report, row, "pptx", "chart data", f"{chart.chart}: {', '.join(chart.categories)}"
            )


def _drawn(row: str, chart: Chart, ident: str, found: dict[str, Any], report: Report) -> None:
    """Each output draws what the data says: the page's SVG (the PDF's drawing) and the
    deck's chart, read as PowerPoint stacks it (:mod:`briefing.proof.chart_drawn`)."""
    from briefing.deck.charts import deck_series, same_numbers
    from briefing.proof.chart_drawn import deck_problems, svg_problems

    if "html" in found:
        elements = found["html"]["drawn"].get(ident)
        said = svg_problems(chart, ident, elements or {})
        for problem in said[:5]:
            _miss(report, row, "html", "chart as drawn (the PDF's drawing too)", problem)
    if "pptx" in found:
        want = deck_series(chart)
        candidates = [
            drawn
            for categories, series, drawn in found["pptx"]["charts"]
            if categories == list(chart.categories)
            and all(name in series and same_numbers(series[name], v) for name, v in want)
        ]
        if candidates:
            said = min((deck_problems(chart, drawn) for drawn in candidates), key=len)
            for problem in said[:5]:
                _miss(report, row, "pptx", "chart as drawn", problem)


def _picture(
    row: str, image: Image, images_dir: Path, found: dict[str, Any], report: Report
) -> None:
    from briefing.content.images import ImageError, load_picture
    from briefing.deck.charts import raster

    try:
        picture = load_picture(images_dir / image.image, root=images_dir)
    except ImageError as err:
        for fmt in found:
            _miss(report, row, fmt, "picture", f"{image.image}: {err.message}")
        return
    if "html" in found and picture.sha256 not in found["html"]["pictures"]:
        _miss(report, row, "html", "picture", f"{image.image} (sha256 {picture.sha256[:12]})")
    if "pdf" in found:
        if not picture.is_svg and (picture.width, picture.height) not in found["pdf"]["sizes"]:
            _miss(
                report, row, "pdf", "picture", f"{image.image} ({picture.width} x {picture.height})"
            )
        if image.alt and fold(image.alt) not in {fold(a) for a in found["pdf"]["alts"]}:
            _miss(report, row, "pdf", "Figure alt text", image.alt)
    if "pptx" in found:
        digest = hashlib.sha256(raster(picture)).hexdigest()
        if digest not in found["pptx"]["pictures"]:
            _miss(report, row, "pptx", "picture", f"{image.image} (sha256 {digest[:12]})")


# -- readers: what each output holds of figures --


def _figures(output: Output) -> dict[str, Any]:
    if isinstance(output, PdfOutput):
        return pdf_figures(output)
    if isinstance(output, HtmlOutput):
        return html_figures(output)
    if isinstance(output, PptxOutput):
        return pptx_figures(output)
    raise ValueError(f"unknown output {output.path}")


def pdf_figures(pdf: PdfOutput) -> dict[str, Any]:
    """The alt texts of the PDF's Figure structure elements and its pictures' pixel sizes."""
    from pypdf.generic import ArrayObject, DictionaryObject

    reader = pdf.reader
    alts: list[str] = []
    root: Any = reader.trailer["/Root"].get_object()
    tree = root.get("/StructTreeRoot")
    stack = [tree.get_object()] if tree is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, ArrayObject):
            stack += [item.get_object() for item in node]
            continue
        if not isinstance(node, DictionaryObject) or id(node) in seen:
            continue
        seen.add(id(node))
        if node.get("/S") == "/Figure" and "/Alt" in node:
            alts.append(str(node["/Alt"]))
        kids = node.get("/K")
        if kids is not None:
            stack.append(kids.get_object())
    sizes: set[tuple[int, int]] = set()
    for page in reader.pages:
        resources: Any = page.get("/Resources")
        objects: Any = resources.get_object().get("/XObject") if resources is not None else None
        for ref in objects.get_object().values() if objects is not None else []:
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                sizes.add((int(xobject["/Width"]), int(xobject["/Height"])))
    return {"alts": alts, "sizes": sizes}


def html_figures(page: HtmlOutput) -> dict[str, Any]:
    """The titles of the page's SVG charts and the sha256 of its embedded pictures."""
    from briefing.proof.chart_drawn import svg_elements

    root = page.root
    alts = [t.text_content() for t in root.iter("title") if t.getparent().tag == "svg"]
    drawn = {svg.get("id"): svg_elements(svg) for svg in root.iter("svg") if svg.get("id")}
    pictures = set()
    for img in root.iter("img"):
        src = img.get("src", "")
        if src.startswith("data:image/") and ";base64," in src:
            data = base64.b64decode(src.split(",", 1)[1])
            pictures.add(hashlib.sha256(data).hexdigest())
    return {"alts": alts, "pictures": pictures, "drawn": drawn}


def pptx_figures(deck: PptxOutput) -> dict[str, Any]:
    """Each native chart's categories and named series, and the sha256 of each picture."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from briefing.proof.chart_drawn import deck_drawn

    charts: list[tuple[list[str], dict[str, list[float]], dict[str, Any]]] = []
    pictures: set[str] = set()
    # -- a chart with annotations is grouped with their shapes --
    for slide in deck.presentation.slides:
        for shape in flat_shapes(slide.shapes):
            if getattr(shape, "has_chart", False) and shape.has_chart:
                plot = shape.chart.plots[0]
                # -- a combo chart's lines are in a plot of their own --
                series = {
                    s.name: [float(v) for v in s.values]
                    for p in shape.chart.plots
                    for s in p.series
                }
                drawn = deck_drawn(shape.chart.part.blob)
                charts.append(([str(c) for c in plot.categories], series, drawn))
            elif shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                pictures.add(hashlib.sha256(shape.image.blob).hexdigest())
    return {"charts": charts, "pictures": pictures}
