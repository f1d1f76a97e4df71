"""A chart's options mean the same in the page's SVG and the deck's chart XML.

Axis limits, tick decimals, labels off or on chosen points, stack totals off, the
legend's place; a corporate template's accents as the series' colours in the deck.
Each case builds one small briefing and reads both outputs back.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from lxml import etree
from pptx import Presentation

from _support_deck import build_deck, corporate_templates
from briefing.build import build
from briefing.project import find_project
from corp_template import GREEN_SCHEME, make_template
from support import figures_source

ROOT = Path(__file__).resolve().parent.parent
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"

CHARTS = """\
- chart: column
  caption: Limits and tick decimals of the author's
  categories: [a, b, c]
  axis_min: 0
  axis_max: 50
  tick_decimals: 1
  series:
    - name: S
      values: [10, 20, 30]
- chart: column
  caption: Labels on chosen points
  categories: [a, b, c]
  labels: [c]
  series:
    - name: S
      values: [10, 20, 30]
- chart: stacked-column
  caption: No totals, no labels, the legend at the bottom
  categories: [a, b]
  labels: none
  stack_totals: false
  legend: bottom
  series:
    - name: P
      values: [1, 2]
    - name: Q
      values: [3, 4]
"""


def write(folder: Path, charts: str = CHARTS) -> Path:
    return figures_source(folder, charts, title="Chart options")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("options")
    return dict(build(write(folder), project=find_project(ROOT), out_dir=folder / "out").files)


def svg(files: dict[str, Path], n: int) -> Any:
    root = lxml.html.fromstring(files["html"].read_bytes())
    return next(s for s in root.iter("svg") if s.get("id") == f"one-chart-{n}")


def deck(files: dict[str, Path], n: int) -> Any:
    charts = [
        shape.chart.part.blob
        for slide in Presentation(str(files["pptx"])).slides
        for shape in slide.shapes
        if shape.has_chart
    ]
    return etree.fromstring(charts[n])


def svg_labels(drawing: Any) -> list[str]:
    return [
        "".join(g.itertext()).strip() for g in drawing.iter("g") if "-label-" in g.get("id", "")
    ]


def deck_labels(root: Any) -> list[str]:
    return [
        "".join(d.find(f"{C}tx").itertext()).strip()
        for d in root.iter(f"{C}dLbl")
        if d.find(f"{C}tx") is not None
    ]


def ticks(drawing: Any) -> list[str]:
    """The value axis's tick labels as the SVG writes them."""
    axis = next(g for g in drawing.iter("g") if g.get("id", "").startswith("matplotlib.axis_2"))
    return [t for t in ("".join(x.itertext()).strip() for x in axis.iter("text")) if t]


def test_the_authors_axis_limits_and_tick_decimals(built: dict[str, Path]) -> None:
    assert ticks(svg(built, 0)) == ["0.0", "10.0", "20.0", "30.0", "40.0", "50.0"]
    root = deck(built, 0)
    scaling = root.find(f".//{C}valAx/{C}scaling")
    assert (scaling.find(f"{C}min").get("val"), scaling.find(f"{C}max").get("val")) == (
        "0.0",
        "50.0",
    )
    assert root.find(f".//{C}valAx/{C}majorUnit").get("val") == "10.0"
    assert root.find(f".//{C}valAx/{C}numFmt").get("formatCode") == "#,##0.0"


def test_labels_on_chosen_points_only(built: dict[str, Path]) -> None:
    assert svg_labels(svg(built, 1)) == ["30"] == deck_labels(deck(built, 1))


def test_no_labels_no_totals_and_the_legend_below(built: dict[str, Path]) -> None:
    assert svg_labels(svg(built, 2)) == [] == deck_labels(deck(built, 2))
    root = deck(built, 2)
    assert root.find(f".//{C}legend/{C}legendPos").get("val") == "b"
    assert [s.find(f"{C}tx").find(f".//{C}v").text for s in root.iter(f"{C}ser")] == ["P", "Q"]
    drawing = svg(built, 2)
    legend = next(g for g in drawing.iter("g") if g.get("id", "").startswith("legend"))
    plot = next(g for g in drawing.iter("g") if g.get("id") == "one-chart-2-plot")
    plot_bottom = max(float(v) for v in re.findall(r"[\d.]+", plot.find("path").get("d"))[1::2])
    legend_top = min(float(t.get("y")) for t in legend.iter("text") if t.get("y"))
    assert legend_top > plot_bottom  # -- below the plot, not between the columns --


def test_a_corporate_templates_accents_colour_the_deck_charts(tmp_path: Path) -> None:
    template = make_template(tmp_path / "corp.pptx", scheme=GREEN_SCHEME)
    stacked = write(
        tmp_path, "- chart: stacked-column" + CHARTS.split("- chart: stacked-column")[1]
    )
    pptx = build_deck(
        stacked, tmp_path / "out", templates=corporate_templates(tmp_path), deck_template=template
    )
    with zipfile.ZipFile(pptx) as package:
        xml = "".join(
            package.read(n).decode("utf-8") for n in package.namelist() if "charts/chart" in n
        )
    used = {c.upper() for c in re.findall(r'srgbClr val="([0-9A-Fa-f]{6})"', xml)}
    assert {GREEN_SCHEME["accent1"], GREEN_SCHEME["accent2"]} <= used
    assert "0B5CAD" not in used and "7FA7D6" not in used  # -- the default palette, gone --


PERCENT = """\
- chart: stacked-column
  caption: Shares
  categories: [a, b]
  percent: true
  series:
    - name: P
      values: [1, 3]
    - name: Q
      values: [3, 1]
- chart: stacked-bar
  caption: Shares across
  categories: [a, b]
  percent: true
  series:
    - name: P
      values: [2, 1]
    - name: Q
      values: [2, 4]
"""


def test_a_100_percent_stack_draws_shares_in_both(tmp_path: Path) -> None:
    from briefing.build import check
    from briefing.content.model import Chart
    from briefing.proof.chart_drawn import deck_drawn, deck_problems, svg_elements, svg_problems

    source = write(tmp_path, PERCENT)
    files = dict(build(source, project=find_project(ROOT), out_dir=tmp_path / "out").files)
    charts = [f for s in check(source).sections for f in s.figures if isinstance(f, Chart)]
    for n, chart in enumerate(charts):
        root = deck(files, n)
        assert root.find(f".//{C}grouping").get("val") == "percentStacked"
        assert root.find(f".//{C}valAx/{C}numFmt").get("formatCode") == "0%"
        assert deck_problems(chart, deck_drawn(etree.tostring(root))) == []
        drawing = svg(files, n)
        assert svg_problems(chart, f"one-chart-{n}", svg_elements(drawing)) == []
        assert sorted(svg_labels(drawing)) == sorted(deck_labels(root))
    assert sorted(svg_labels(svg(files, 0))) == ["25%", "25%", "75%", "75%"]
    assert ticks(svg(files, 0))[-1] == "100%"
    # -- a segment drawn at its value (25 of 4), not its share, is caught --
    elements = svg_elements(svg(files, 0))
    plot = elements["one-chart-0-plot"]
    height = max(y for _, y in plot) - min(y for _, y in plot)
    bottom = max(y for _, y in plot)
    elements["one-chart-0-s0-c0"] = [
        (x, bottom - (bottom - y) * 0.04) if y < bottom else (x, y)
        for x, y in elements["one-chart-0-s0-c0"]
    ]
    assert height > 0 and svg_problems(charts[0], "one-chart-0", elements)


def test_percent_is_refused_where_it_cannot_be_drawn(tmp_path: Path) -> None:
    from briefing.build import check
    from briefing.errors import BriefingError

    source = write(
        tmp_path,
        "- chart: stacked-column\n  caption: c\n  categories: [a]\n  percent: true\n"
        "  series:\n    - name: P\n      values: [-1]\n    - name: Q\n      values: [2]\n",
    )
    with pytest.raises(BriefingError) as caught:
        check(source)
    assert any("below zero" in p.message for p in caught.value.problems)


PIES = """\
- chart: pie
  caption: Revenue by segment
  categories: [Automotive, Industrial, Energy storage]
  series:
    - name: Revenue
      values: [60, 25, 15]
- chart: donut
  caption: Capital by kind
  categories: [Building, Lines, Ramp-up, Other]
  highlight: Lines
  series:
    - name: Capital
      values: [48, 80, 14, 6]
"""


def test_a_pie_and_a_donut_draw_the_same_slices_in_both(tmp_path: Path) -> None:
    from briefing.build import check
    from briefing.content.model import Chart
    from briefing.proof.chart_drawn import deck_drawn, deck_problems, svg_elements, svg_problems
    from briefing.proof.verify import verify

    source = write(tmp_path, PIES)
    files = dict(build(source, project=find_project(ROOT), out_dir=tmp_path / "out").files)
    briefing = check(source)
    assert verify(briefing, name="x", files=files).ok
    charts = [f for s in briefing.sections for f in s.figures if isinstance(f, Chart)]
    for n, (chart, kind) in enumerate(zip(charts, ("pieChart", "doughnutChart"), strict=True)):
        root = deck(files, n)
        assert root.find(f".//{C}{kind}") is not None
        assert deck_problems(chart, deck_drawn(etree.tostring(root))) == []
        assert svg_problems(chart, f"one-chart-{n}", svg_elements(svg(files, n))) == []
        assert sorted(svg_labels(svg(files, n))) == sorted(deck_labels(root))
    assert sorted(svg_labels(svg(files, 0))) == [
        "Automotive 60%",
        "Energy storage 15%",
        "Industrial 25%",
    ]
    # -- two slices drawn in each other's place are caught --
    elements = svg_elements(svg(files, 0))
    elements["one-chart-0-s0-c0"], elements["one-chart-0-s0-c1"] = (
        elements["one-chart-0-s0-c1"],
        elements["one-chart-0-s0-c0"],
    )
    assert svg_problems(charts[0], "one-chart-0", elements)


@pytest.mark.parametrize(
    ("figure", "said"),
    [
        (
            "categories: [a, b, c, d, e, f, g]\n  series:\n    - name: S\n"
            "      values: [1, 1, 1, 1, 1, 1, 1]\n",
            "2 to 6 angles",
        ),
        ("categories: [a, b]\n  series:\n    - name: S\n      values: [3, -1]\n", "above zero"),
    ],
)
def test_a_pie_that_cannot_be_read_is_refused(tmp_path: Path, figure: str, said: str) -> None:
    from briefing.build import check
    from briefing.errors import BriefingError

    source = write(tmp_path, "- chart: pie\n  caption: c\n  " + figure)
    with pytest.raises(BriefingError) as caught:
        check(source)
    assert any(said in p.message for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize(("where", "deck_position"), [("inside", "inEnd"), ("outside", "outEnd")])
def test_the_label_position_is_the_same_in_both(
    tmp_path: Path, where: str, deck_position: str
) -> None:
    source = write(
        tmp_path,
        "- chart: column\n  caption: c\n  categories: [a, b]\n"
        f"  label_position: {where}\n  series:\n    - name: S\n      values: [40, -20]\n",
    )
    files = dict(build(source, project=find_project(ROOT), out_dir=tmp_path / "out").files)
    root = deck(files, 0)
    assert [p.get("val") for p in root.iter(f"{C}dLblPos")] == [deck_position] * 2
    drawing = svg(files, 0)
    bars = {
        g.get("id"): g for g in drawing.iter("g") if g.get("id", "").startswith("one-chart-0-s0-c")
    }
    for j, value in enumerate((40, -20)):
        label = next(
            g for g in drawing.iter("g") if g.get("id") == f"one-chart-0-label-0-{j}"
        ).find(".//text")
        ys = [
            float(v)
            for v in re.findall(r"[-\d.]+", bars[f"one-chart-0-s0-c{j}"].find("path").get("d"))[
                1::2
            ]
        ]
        y = float(label.get("y"))
        inside = min(ys) <= y <= max(ys)
        assert inside == (where == "inside"), (value, y, ys)
