"""What each chart draws, read back from the page's SVG (the PDF's drawing), the PDF's
text and the deck's chart XML, and compared: the two must show the same thing.

One small briefing holds the charts that once drew differently in the two outputs:
a waterfall whose running level crosses zero, a stack of mixed signs, a line whose
categories repeat, negative bars, a zero written ``-0.0``. ``verify`` passes on the
built files and fails when a drawing is put back the way it used to be drawn.
"""

from __future__ import annotations

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
from briefing.proof.chart_drawn import deck_drawn, deck_problems, svg_elements, svg_problems
from briefing.proof.verify import verify
from readback import pdf_pages
from support import figures_source

ROOT = Path(__file__).resolve().parent.parent
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

CHARTS = """\
- chart: waterfall
  caption: A level that crosses zero
  categories: [Start, Loss, Gain, Cost]
  series:
    - name: Result
      values: [5, -10, 3, -2]
- chart: stacked-column
  caption: Mixed signs in a stack
  categories: [a, b]
  series:
    - name: One
      values: [5, -5]
    - name: Two
      values: [-3, 7]
- chart: line
  caption: Repeated categories
  categories: [a, b, a, b]
  series:
    - name: Level
      values: [1, 2, 3, 4]
- chart: bar
  caption: Negative bars
  categories: [North, South, East]
  decimals: 1
  series:
    - name: Change
      values: [1200.5, -2.0, -1.9]
- chart: column
  caption: A zero written with a sign
  categories: [x, y]
  series:
    - name: Z
      values: [-0.0, 3]
"""


def write(folder: Path, language: str = "en", charts: str = CHARTS) -> Path:
    return figures_source(folder, charts, language=language, title="Charts drawn")


def make(folder: Path, language: str = "en") -> tuple[Briefing, dict[str, Path]]:
    source = write(folder, language)
    files = dict(build(source, project=find_project(ROOT), out_dir=folder / "out").files)
    return check(source), files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Briefing, dict[str, Path]]:
    return make(tmp_path_factory.mktemp("drawn"))


def charts_of(briefing: Briefing) -> list[Chart]:
    return [f for s in briefing.sections for f in s.figures if isinstance(f, Chart)]


def svgs(html: Path) -> dict[str, Any]:
    root = lxml.html.fromstring(html.read_bytes())
    return {svg.get("id"): svg for svg in root.iter("svg") if svg.get("id")}


def chart_parts(pptx: Path) -> list[Any]:
    return [
        shape.chart
        for slide in Presentation(str(pptx)).slides
        for shape in slide.shapes
        if shape.has_chart
    ]


def deck_labels(chart: Any) -> list[str]:
    """Every data label's own text in a deck chart, in series then point order."""
    root = etree.fromstring(chart.part.blob)
    return [
        "".join(label.itertext()).strip()
        for label in root.iter(f"{C}dLbl")
        if label.find(f"{C}tx") is not None
    ]


def svg_labels(svg: Any) -> list[str]:
    return [
        "".join(g.itertext()).strip() for g in svg.iter("g") if "-label-" in (g.get("id") or "")
    ]


def test_verify_passes_and_every_drawing_matches_its_data(built: Any) -> None:
    briefing, files = built
    report = verify(briefing, name="x", files=files)
    assert report.ok, report.missing
    drawings = svgs(files["html"])
    parts = chart_parts(files["pptx"])
    for n, chart in enumerate(charts_of(briefing)):
        ident = f"one-chart-{n}"
        assert svg_problems(chart, ident, svg_elements(drawings[ident])) == []
        assert deck_problems(chart, deck_drawn(parts[n].part.blob)) == []


def test_the_waterfall_crossing_zero_is_drawn_below_zero_in_the_deck(built: Any) -> None:
    briefing, files = built
    drawn = deck_drawn(chart_parts(files["pptx"])[0].part.blob)
    visible = [extents for _, extents, hidden in drawn["series"] if not hidden]
    loss = [e[1] for e in visible if e[1][0] != e[1][1]]
    # -- "Loss" goes from a level of 5 to -5: drawn 0..5 above zero and -5..0 below --
    assert sorted(v for extent in loss for v in extent) == [-5.0, 0.0, 0.0, 5.0]
    # -- the hidden-base form it used to have (base -5, bar 10) is caught --
    old = bytearray(chart_parts(files["pptx"])[0].part.blob)
    root = etree.fromstring(bytes(old))
    series = root.findall(f".//{C}ser")
    for ser in series:
        for point in ser.iter(f"{C}pt"):
            point.find(f"{C}v").text = "0"
    bases, bars = series[0], series[2]
    for ser, values in ((bases, [0, -5, -5, -4]), (bars, [5, 10, 3, 2])):
        for point, value in zip(ser.find(f"{C}val").iter(f"{C}pt"), values, strict=True):
            point.find(f"{C}v").text = str(value)
    said = deck_problems(charts_of(briefing)[0], deck_drawn(etree.tostring(root)))
    assert any(p.startswith("Loss: drawn from 0 to 10") for p in said), said


def test_a_stack_of_mixed_signs_is_drawn_by_sign_in_the_page(built: Any) -> None:
    briefing, files = built
    svg = svgs(files["html"])["one-chart-1"]
    chart = charts_of(briefing)[1]
    elements = svg_elements(svg)
    assert svg_problems(chart, "one-chart-1", elements) == []
    # -- "Two" in b is +7 on top of nothing above zero: 0..7, not -5..2 (the running sum) --
    shifted = dict(elements)
    plot = elements["one-chart-1-plot"]
    per_unit = (max(y for _, y in plot) - min(y for _, y in plot)) / 15  # the axis: -5..10
    shifted["one-chart-1-s1-c1"] = [(x, y + 5 * per_unit) for x, y in elements["one-chart-1-s1-c1"]]
    said = svg_problems(chart, "one-chart-1", shifted)
    assert said and said[0].startswith("Two, b: drawn from -5 to 2"), said


def test_repeated_categories_are_places_of_their_own_in_both(built: Any) -> None:
    briefing, files = built
    chart = charts_of(briefing)[2]
    points = svg_elements(svgs(files["html"])["one-chart-2"])["one-chart-2-s0"]
    assert len(points) == 4 and [x for x, _ in points] == sorted({x for x, _ in points})
    assert deck_drawn(chart_parts(files["pptx"])[2].part.blob)["categories"] == list(
        chart.categories
    )
    folded = [(x % 2, y) for x, y in points]  # -- two places, as matplotlib once drew them --
    assert svg_problems(
        chart,
        "one-chart-2",
        {
            "one-chart-2-s0": folded,
            **{
                k: v
                for k, v in svg_elements(svgs(files["html"])["one-chart-2"]).items()
                if k.endswith("-plot")
            },
        },
    )


def test_negative_bars_keep_their_labels_low_and_the_axis_ends_at_a_needed_stop(
    built: Any,
) -> None:
    _, files = built
    part = chart_parts(files["pptx"])[3].part.blob
    root = etree.fromstring(part)
    assert root.find(f".//{C}catAx/{C}tickLblPos").get("val") == "low"
    drawn = deck_drawn(part)
    assert (drawn["low"], drawn["high"]) == (-250.0, 1250.0)
    page = " ".join(pdf_pages(files["pdf"]))
    assert "\u2212250" in page and "\u2212500" not in page
    # -- ticks take the step's decimals (none), not the values' (one) --
    assert "1,250" in page and "1,250.0" not in page
    fmt = root.find(f".//{C}valAx/{C}numFmt").get("formatCode")
    assert fmt == "#,##0"


def test_the_labels_are_the_same_words_in_both_outputs(built: Any) -> None:
    briefing, files = built
    drawings = svgs(files["html"])
    parts = chart_parts(files["pptx"])
    for n, _chart in enumerate(charts_of(briefing)):
        assert sorted(svg_labels(drawings[f"one-chart-{n}"])) == sorted(deck_labels(parts[n]))
    # -- the waterfall's changes signed, the stack's totals, the line's last point --
    assert svg_labels(drawings["one-chart-0"]) == ["+5", "\u221210", "+3", "\u22122"]
    assert sorted(deck_labels(parts[1])) == ["2", "2", "5", "7", "\u22123", "\u22125"]
    assert deck_labels(parts[2]) == ["4"]
    # -- -0.0 is 0 in both --
    assert (
        sorted(svg_labels(drawings["one-chart-4"])) == ["0", "3"] == sorted(deck_labels(parts[4]))
    )


def test_the_legend_is_above_the_plot_in_the_series_order_in_both(built: Any) -> None:
    _, files = built
    svg = svgs(files["html"])["one-chart-1"]
    legend = next(g for g in svg.iter("g") if (g.get("id") or "").startswith("legend"))
    assert [t for t in ("".join(x.itertext()).strip() for x in legend.iter("text")) if t] == [
        "One",
        "Two",
    ]
    root = etree.fromstring(chart_parts(files["pptx"])[1].part.blob)
    assert root.find(f".//{C}legend/{C}legendPos").get("val") == "t"
    names = [s.find(f"{C}tx").find(f".//{C}v").text for s in root.iter(f"{C}ser")]
    assert names == ["One", "Two", "Total"]
    hidden = [e.find(f"{C}idx").get("val") for e in root.iter(f"{C}legendEntry")]
    assert hidden == ["2"]  # -- the carrier of the totals is not in the legend --


def test_numbers_follow_the_language(tmp_path: Path) -> None:
    briefing, files = make(tmp_path, "de")
    drawings = svgs(files["html"])
    parts = chart_parts(files["pptx"])
    assert "1.200,5" in svg_labels(drawings["one-chart-3"])
    assert "1.200,5" in deck_labels(parts[3])
    page = " ".join(pdf_pages(files["pdf"]))
    assert "1.250" in page  # -- a tick --
    alt = next(
        t.text_content()
        for t in lxml.html.fromstring(files["html"].read_bytes()).iter("title")
        if "Negative" in t.text_content() or "Change" in t.text_content()
    )
    assert "1.200,5" in alt and "\u22122,0" in alt
    assert verify(briefing, name="x", files=files).ok


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1.0e+308", "-2.0e+12"])
def test_a_value_that_cannot_be_drawn_is_refused_at_its_line(tmp_path: Path, value: str) -> None:
    source = write(
        tmp_path,
        charts=f"""\
- chart: column
  caption: One bad value
  categories: [a, b]
  series:
    - name: S
      values:
        - 1
        - {value}
""",
    )
    with pytest.raises(BriefingError) as caught:
        check(source)
    lines = source.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.strip() == f"- {value}")
    assert [p.line for p in caught.value.problems] == [line]
    assert "1,000,000,000,000" in caught.value.problems[0].hint
