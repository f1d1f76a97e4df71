"""A chart's CAGR arrow, difference arrows and value line, read back from both outputs.

The page's SVG (the PDF's drawing) carries each as elements with ids inside the chart's
``<svg role="img">``; the deck carries them as native shapes grouped with the chart,
placed on the plot's box. The printed rate is computed from the data, is in the PDF's
text, the deck's shapes and the alt text, and ``verify`` fails when one output says
another number.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from briefing.build import build, check
from briefing.errors import BriefingError
from briefing.project import find_project
from briefing.proof.verify import verify
from readback import pdf_pages
from support import figures_source

ROOT = Path(__file__).resolve().parent.parent
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

CHARTS = """\
- chart: stacked-column
  caption: Growth with a CAGR
  categories: [2026, 2028, 2030, 2032]
  series:
    - name: Automotive
      values: [71, 77, 83, 88]
    - name: Industrial
      values: [32, 34, 36, 38]
  cagr: {start: "2026", end: "2032"}
- chart: column
  caption: A difference and a hurdle
  categories: [A, B, C]
  series:
    - name: NPV
      values: [41, 96, 58]
  difference: {start: A, end: B, show: percent}
  value_line: {value: 50, label: Hurdle}
- chart: line
  caption: Two series apart
  categories: [2026, 2027, 2028]
  series:
    - name: Demand
      values: [118, 125, 150]
    - name: Capacity
      values: [130, 130, 130]
  difference: {start: "2028", end: "2028", series: Capacity, end_series: Demand}
"""
CAGR = f"CAGR +{((88 + 38) / (71 + 32)) ** (1 / 6) * 100 - 100:.1f}%"  # -- 6 years --


def write(folder: Path, language: str = "en", charts: str = CHARTS) -> Path:
    return figures_source(folder, charts, language=language, title="Annotated charts")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("annotated")
    source = write(folder)
    return source, dict(build(source, project=find_project(ROOT), out_dir=folder / "out").files)


def svg(files: dict[str, Path], n: int) -> Any:
    root = lxml.html.fromstring(files["html"].read_bytes())
    return next(s for s in root.iter("svg") if s.get("id") == f"one-chart-{n}")


def by_id(drawing: Any, ident: str) -> Any:
    return next((g for g in drawing.iter("g") if g.get("id") == ident), None)


def groups(pptx: Path) -> list[Any]:
    return [
        shape
        for slide in Presentation(str(pptx)).slides
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP
    ]


def texts(group: Any) -> list[str]:
    return [s.text_frame.text for s in group.shapes if s.has_text_frame and s.text_frame.text]


def test_the_cagr_is_computed_and_printed_in_every_output(built: Any) -> None:
    _, files = built
    assert CAGR == "CAGR +3.4%"
    drawing = svg(files, 0)
    assert by_id(drawing, "one-chart-0-cagr") is not None  # -- the arrow, in the chart's SVG
    assert "".join(by_id(drawing, "one-chart-0-cagr-label").itertext()).strip() == CAGR
    assert CAGR in " ".join(pdf_pages(files["pdf"]))
    group = groups(files["pptx"])[0]
    assert CAGR in texts(group)
    chart = next(s for s in group.shapes if getattr(s, "has_chart", False) and s.has_chart)
    assert CAGR in chart._element.nvGraphicFramePr.cNvPr.get("descr")  # -- the alt text
    arrow = next(s for s in group.shapes if s.shape_type == MSO_SHAPE_TYPE.LINE)
    assert arrow._element.find(f".//{A}tailEnd").get("type") == "triangle"


def test_the_differences_and_the_value_line_say_the_same_in_both(built: Any) -> None:
    _, files = built
    assert (
        "".join(by_id(svg(files, 1), "one-chart-1-difference-label").itertext()).strip()
        == "+134.1%"
    )
    assert "".join(by_id(svg(files, 2), "one-chart-2-difference-label").itertext()).strip() == "+20"
    assert (
        "".join(by_id(svg(files, 1), "one-chart-1-value-line-label").itertext()).strip()
        == "Hurdle 50"
    )
    found = groups(files["pptx"])
    assert {"+134.1%", "Hurdle 50"} <= set(texts(found[1]))
    assert "+20" in texts(found[2])


def test_the_value_line_sits_where_the_deck_chart_draws_its_value(built: Any) -> None:
    _, files = built
    group = groups(files["pptx"])[1]
    frame = next(s for s in group.shapes if getattr(s, "has_chart", False) and s.has_chart)
    root = etree.fromstring(frame.chart.part.blob)
    manual = root.find(f".//{C}plotArea/{C}layout/{C}manualLayout")
    y, h = (float(manual.find(f"{C}{k}").get("val")) for k in ("y", "h"))
    scaling = root.find(f".//{C}valAx/{C}scaling")
    low, high = (float(scaling.find(f"{C}{k}").get("val")) for k in ("min", "max"))
    expected = frame.top + (y + (high - 50) / (high - low) * h) * frame.height
    dashed = [
        s
        for s in group.shapes
        if s.shape_type == MSO_SHAPE_TYPE.LINE
        and s.begin_y == s.end_y
        and s.width > frame.width / 2
    ]
    assert len(dashed) == 1 and abs(dashed[0].begin_y - expected) < frame.height * 0.005


def test_verify_fails_when_the_deck_prints_another_rate(built: Any, tmp_path: Path) -> None:
    source, files = built
    briefing = check(source)
    assert verify(briefing, name="x", files=files).ok
    prs = Presentation(str(files["pptx"]))
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                for inner in shape.shapes:
                    if inner.has_text_frame and inner.text_frame.text == CAGR:
                        inner.text_frame.paragraphs[0].runs[0].text = "CAGR +4.1%"
    broken = tmp_path / "x.pptx"
    prs.save(str(broken))
    shutil.copy(files["pdf"], tmp_path / "x.pdf")
    report = verify(briefing, name="x", files={**files, "pptx": broken})
    assert not report.ok
    assert any(CAGR in e.text for e in report.missing.get(("one fig 1", "pptx"), []))


def test_the_rate_follows_the_language(tmp_path: Path) -> None:
    source = write(tmp_path, "de", CHARTS.split("- chart: column")[0])
    files = dict(build(source, project=find_project(ROOT), out_dir=tmp_path / "out").files)
    label = "".join(by_id(svg(files, 0), "one-chart-0-cagr-label").itertext()).strip()
    assert label == "CAGR +3,4\u00a0%"
    assert label in texts(groups(files["pptx"])[0])


@pytest.mark.parametrize(
    ("figure", "said"),
    [
        (
            "- chart: column\n  caption: c\n  categories: [a, b]\n  series:\n"
            "    - name: S\n      values: [0, 3]\n  cagr: {start: a, end: b}\n",
            "values above zero",
        ),
        (
            "- chart: bar\n  caption: c\n  categories: [a, b]\n  series:\n"
            "    - name: S\n      values: [1, 3]\n  cagr: {start: a, end: b}\n",
            "not on a bar",
        ),
        (
            "- chart: waterfall\n  caption: c\n  categories: [a, b, c]\n  totals: [a, c]\n"
            "  series:\n    - name: S\n      values: [1, 3, 4]\n"
            "  difference: {start: a, end: b}\n",
            "is a change",
        ),
        (
            "- chart: column\n  caption: c\n  categories: [a, b]\n  series:\n"
            "    - name: S\n      values: [1, 3]\n  difference: {start: a, end: z}\n",
            "not one of the categories",
        ),
    ],
)
def test_an_arrow_that_cannot_be_drawn_is_refused(tmp_path: Path, figure: str, said: str) -> None:
    source = write(tmp_path, charts=figure)
    with pytest.raises(BriefingError) as caught:
        check(source)
    assert any(said in p.message for p in caught.value.problems), caught.value.problems
    assert all(p.line > 0 for p in caught.value.problems)
