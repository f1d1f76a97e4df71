"""A combo chart (columns with lines, some on a right-hand axis) read back from both
outputs: the page's SVG (the PDF's drawing), the PDF's text and tags, and the deck's
native chart XML. ``verify`` passes on the built files and fails when either output
draws a series on the wrong axis or at the wrong value (the files are tampered with).
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from lxml import etree
from pptx import Presentation

from briefing.build import build, check
from briefing.content.model import Briefing, Chart
from briefing.errors import BriefingError
from briefing.project import find_project
from briefing.proof import readback as proof_readback
from briefing.proof.chart_drawn import deck_drawn, deck_problems, svg_elements, svg_problems
from briefing.proof.verify import verify
from readback import pdf_pages
from support import figures_source

ROOT = Path(__file__).resolve().parent.parent
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"

COMBO = """\
- chart: column
  caption: Revenue grows and the margin with it
  categories: ["2022", "2023", "2024", "2025", "2026"]
  unit: EUR m
  series:
    - name: Revenue
      values: [820, 905, 980, 1040, 1125]
    - name: Volume
      values: [700, 720, 760, 800, 830]
    - name: EBIT margin
      values: [8.1, 9.4, 10.2, 11.0, 12.3]
  lines: [EBIT margin]
  secondary_axis:
    series: [EBIT margin]
    unit: "%"
    decimals: 1
    max: 15
    tick_decimals: 0
"""


def write(folder: Path, charts: str = COMBO, language: str = "en") -> Path:
    return figures_source(folder, charts, language=language, title="Combo")


def make(folder: Path, language: str = "en") -> tuple[Briefing, dict[str, Path]]:
    source = write(folder, language=language)
    files = dict(build(source, project=find_project(ROOT), out_dir=folder / "out").files)
    return check(source), files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Briefing, dict[str, Path]]:
    return make(tmp_path_factory.mktemp("combo"))


def the_chart(briefing: Briefing) -> Chart:
    figure = briefing.sections[0].figures[0]
    assert isinstance(figure, Chart)
    return figure


def svg_of(html: Path) -> Any:
    root = lxml.html.fromstring(html.read_bytes())
    return next(svg for svg in root.iter("svg") if svg.get("id") == "one-chart-0")


def chart_xml(pptx: Path) -> bytes:
    for slide in Presentation(str(pptx)).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                blob: bytes = shape.chart.part.blob
                return blob
    raise AssertionError("no chart in the deck")


def texts(svg: Any) -> list[str]:
    return ["".join(t.itertext()).strip() for t in svg.iter("text")]


def test_verify_passes_and_both_drawings_match_the_data(built: Any) -> None:
    briefing, files = built
    assert verify(briefing, name="x", files=files).ok
    chart = the_chart(briefing)
    assert svg_problems(chart, "one-chart-0", svg_elements(svg_of(files["html"]))) == []
    assert deck_problems(chart, deck_drawn(chart_xml(files["pptx"]))) == []


def test_the_deck_holds_columns_and_a_line_on_a_right_hand_axis(built: Any) -> None:
    _, files = built
    root = etree.fromstring(chart_xml(files["pptx"]))
    area = root.find(f".//{C}plotArea")
    tags = [etree.QName(el).localname for el in area]
    # -- the schema's order: the chart types, then the axes --
    assert (
        tags
        == ["layout", "barChart", "lineChart", "catAx", "valAx", "catAx", "valAx"][
            tags[0] != "layout" :
        ]
    )
    bars, line = area.find(f"{C}barChart"), area.find(f"{C}lineChart")
    names = ["".join(s.find(f"{C}tx").itertext(f"{C}v")) for s in bars.iterfind(f"{C}ser")]
    assert names == ["Revenue", "Volume"]
    assert ["".join(s.find(f"{C}tx").itertext(f"{C}v")) for s in line.iterfind(f"{C}ser")] == [
        "EBIT margin"
    ]
    line_ids = {a.get("val") for a in line.iterfind(f"{C}axId")}
    right = next(v for v in area.iterfind(f"{C}valAx") if v.find(f"{C}axId").get("val") in line_ids)
    assert right.find(f"{C}axPos").get("val") == "r"
    assert right.find(f"{C}scaling/{C}max").get("val") == "15.0"
    assert right.find(f"{C}scaling/{C}min").get("val") == "0.0"
    assert right.find(f"{C}numFmt").get("formatCode") == "#,##0"
    assert "".join(right.find(f"{C}title").itertext()) == "%"
    hidden = next(
        c for c in area.iterfind(f"{C}catAx") if c.find(f"{C}axId").get("val") in line_ids
    )
    assert hidden.find(f"{C}delete").get("val") == "1"
    # -- the line's last point labelled in its own decimals --
    labels = ["".join(d.itertext()).strip() for d in line.iter(f"{C}dLbl")]
    assert labels == ["12.3"]
    # -- python-pptx reads it back as two plots, one legend for all three series --
    chart = next(
        s.chart for sl in Presentation(str(files["pptx"])).slides for s in sl.shapes if s.has_chart
    )
    assert [p.series[0].name for p in chart.plots] == ["Revenue", "EBIT margin"]
    assert chart.has_legend


def test_the_page_draws_the_right_axis_its_ticks_unit_and_legend(built: Any) -> None:
    _, files = built
    svg = svg_of(files["html"])
    words = texts(svg)
    for tick in ("0", "5", "10", "15"):
        assert tick in words
    assert "%" in words and "EUR m" in words
    assert {"Revenue", "Volume", "EBIT margin"} <= set(words)
    assert "12.3" in words  # -- the line's last point, in its own decimals --
    page = pdf_pages(files["pdf"])
    assert any("12.3" in text and "EBIT margin" in text for text in page)


def test_the_alt_text_says_both_axes_and_every_series(built: Any) -> None:
    _, files = built
    alt = "".join(svg_of(files["html"]).find("title").itertext())
    assert alt.startswith(
        "Column chart of Revenue, Volume with EBIT margin as a line on the right axis, "
        "2022 to 2026. Left axis: EUR m, 0 to 1,500; right axis: %, 0 to 15."
    )
    assert "EBIT margin: 2022: 8.1;" in alt and "Revenue: 2022: 820;" in alt
    from briefing.proof.figure_proof import pdf_figures

    assert alt in pdf_figures(proof_readback.open_output("pdf", files["pdf"]))["alts"]


def test_numbers_follow_the_language(tmp_path: Path) -> None:
    briefing, files = make(tmp_path, language="de")
    svg = svg_of(files["html"])
    assert "12,3" in texts(svg) and "1.125" in texts(svg)
    assert "rechte" not in "".join(svg.find("title").itertext())  # -- the words stay English --
    assert "right axis: %, 0 to 15" in "".join(svg.find("title").itertext())
    assert verify(briefing, name="x", files=files).ok


def _tamper_deck(path: Path, change: Any) -> None:
    data = io.BytesIO(path.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if re.fullmatch(r"ppt/charts/chart\d+\.xml", info.filename):
                blob = change(blob)
            target.writestr(info, blob)
    path.write_bytes(out.getvalue())


def test_verify_fails_when_the_deck_draws_the_line_on_the_left_axis(
    built: Any, tmp_path: Path
) -> None:
    briefing, files = built
    files = {fmt: shutil.copy(p, tmp_path / p.name) for fmt, p in files.items()}

    def onto_the_left(blob: bytes) -> bytes:
        root = etree.fromstring(blob)
        area = root.find(f".//{C}plotArea")
        left = [a.get("val") for a in area.find(f"{C}barChart").iterfind(f"{C}axId")]
        for axis_id, value in zip(
            area.find(f"{C}lineChart").iterfind(f"{C}axId"), left, strict=True
        ):
            axis_id.set("val", value)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    _tamper_deck(files["pptx"], onto_the_left)
    report = verify(briefing, name="x", files=files)
    said = [e.text for key, found in report.missing.items() if key[1] == "pptx" for e in found]
    assert any("EBIT margin: scaled by the left axis" in s for s in said), said


def test_verify_fails_when_the_deck_moves_a_line_point(built: Any, tmp_path: Path) -> None:
    briefing, files = built
    files = {fmt: shutil.copy(p, tmp_path / p.name) for fmt, p in files.items()}
    chart = the_chart(briefing)

    def line_as_columns(blob: bytes) -> bytes:
        # -- the line's series put back among the columns: drawn as a column, on the left --
        root = etree.fromstring(blob)
        area = root.find(f".//{C}plotArea")
        line, bars = area.find(f"{C}lineChart"), area.find(f"{C}barChart")
        for ser in list(line.iterfind(f"{C}ser")):
            bars.find(f"{C}gapWidth").addprevious(ser)
        area.remove(line)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    _tamper_deck(files["pptx"], line_as_columns)
    said = deck_problems(chart, deck_drawn(chart_xml(files["pptx"])))
    assert any("EBIT margin: drawn as columns" in s for s in said), said
    assert not verify(briefing, name="x", files=files).ok


def test_verify_fails_when_the_page_draws_the_line_on_the_wrong_scale(
    built: Any, tmp_path: Path
) -> None:
    briefing, files = built
    files = {fmt: shutil.copy(p, tmp_path / p.name) for fmt, p in files.items()}
    html = files["html"].read_text(encoding="utf-8")
    # -- the line's points as the left axis would place 8.1 ... 12.3: at the very bottom --
    root = lxml.html.fromstring(html)
    group = next(g for g in root.iter("g") if g.get("id") == "one-chart-0-s2")
    path = next(group.iter("path"))
    plot = svg_elements(svg_of(files["html"]))["one-chart-0-plot"]
    bottom = max(y for _, y in plot)
    old = path.get("d")
    new = re.sub(
        r"(-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)", lambda m: f"{m.group(1)} {bottom - 1:.3f}", old
    )
    files["html"].write_text(html.replace(f'd="{old}"', f'd="{new}"'), encoding="utf-8")
    said = svg_problems(the_chart(briefing), "one-chart-0", svg_elements(svg_of(files["html"])))
    assert any(s.startswith("EBIT margin, 2022: drawn at") for s in said), said
    assert not verify(briefing, name="x", files=files).ok


@pytest.mark.parametrize(
    ("change", "field", "said"),
    [
        ("chart: column", "chart: bar", "a bar chart has no columns"),
        ("lines: [EBIT margin]", "lines: [Revenue, Volume, EBIT margin]", "every series is a line"),
        ("lines: [EBIT margin]", "lines: [Margin]", "'Margin' is not one of the series"),
        ("series: [EBIT margin]", "series: [Revenue]", "'Revenue' is a column"),
        ("max: 15", "min: 20\n    max: 15", "max 15 is not above min 20"),
        ("max: 15", "max: .nan", "is not a number"),
        ("tick_decimals: 0", "tick_decimals: 0\n  cagr: {start: '2022', end: '2026'}", "combo"),
        ("tick_decimals: 0", "tick_decimals: 0\n  value_line: {value: 5, label: T}", "right"),
    ],
)
def test_a_combo_that_cannot_be_drawn_is_refused_at_its_line(
    tmp_path: Path, change: str, field: str, said: str
) -> None:
    assert change in COMBO
    source = write(tmp_path, COMBO.replace(change, field, 1))
    with pytest.raises(BriefingError) as caught:
        check(source)
    problems = caught.value.problems
    assert any(said in p.message for p in problems), [p.message for p in problems]
    problem = next(p for p in problems if said in p.message)
    assert problem.line > 0 and problem.column > 0 and problem.hint
    assert problem.file.endswith("x.yaml")


def test_a_secondary_axis_without_lines_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path, COMBO.replace("  lines: [EBIT margin]\n", ""))
    with pytest.raises(BriefingError) as caught:
        check(source)
    problem = caught.value.problems[0]
    assert "secondary axis scales lines" in problem.message
    assert "lines:" in problem.hint
    assert problem.path.endswith("figures[0].secondary_axis") and problem.line > 0
