"""The expansion example's figures, read back from the three built files.

The deck: every chart is a native chart whose categories and numbers are the source's
(python-pptx's chart plots and the embedded workbook), pictures carry alt text and keep
their proportions on the slide. The PDF: each figure is a tagged Figure with its alt
text; captions and category labels are text. The web page: figure, figcaption, an SVG
whose words are text and whose title is the alt text, pictures as data URIs. The logo
is in all three. And a figure missing from any output makes verify fail.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from briefing.build import check
from briefing.content import citations
from briefing.content.images import load_picture
from briefing.content.model import Briefing, Chart, Image
from briefing.deck.charts import deck_series
from briefing.document.charts import describe
from briefing.project import find_project
from briefing.proof import readback
from briefing.proof.figure_proof import pdf_figures
from briefing.proof.verify import fold, verify
from support import Builds

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "expansion"
SOURCE = EXAMPLE / "content" / "expansion.yaml"
KINDS = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "stacked-bar": XL_CHART_TYPE.BAR_STACKED,
    "stacked-column": XL_CHART_TYPE.COLUMN_STACKED,
    "waterfall": XL_CHART_TYPE.COLUMN_STACKED,
}


@pytest.fixture(scope="module")
def built(builds: Builds) -> dict[str, Path]:
    """The example's outputs, shared with every module that reads them (built once a run)."""
    example = builds.of(SOURCE, project=find_project(EXAMPLE))
    return {"html": example.html, "pdf": example.pdf, "pptx": example.pptx}


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return check(SOURCE)


def flat(shapes: object) -> list[object]:
    """A slide's shapes, a group's (a chart and its annotations) taken out of it."""
    found: list[object] = []
    for shape in shapes:  # type: ignore[attr-defined]
        found += flat(shape.shapes) if shape.shape_type == MSO_SHAPE_TYPE.GROUP else [shape]
    return found


def charts(briefing: Briefing) -> list[Chart]:
    return [f for s in briefing.sections for f in s.figures if isinstance(f, Chart)]


def test_the_example_shows_every_chart_kind_and_a_picture(briefing: Briefing) -> None:
    assert {c.chart for c in charts(briefing)} == set(KINDS)
    assert any(isinstance(f, Image) for s in briefing.sections for f in s.figures)


def test_every_chart_is_a_native_chart_with_the_sources_data(
    built: dict[str, Path], briefing: Briefing
) -> None:
    found = []
    for slide in Presentation(str(built["pptx"])).slides:
        for shape in flat(slide.shapes):
            assert shape.shape_type != MSO_SHAPE_TYPE.PICTURE or not shape.name.startswith("Chart")
            if shape.has_chart:
                plot = shape.chart.plots[0]
                # -- a combo chart's lines are a plot of their own; the series in order --
                every = sorted(
                    (s for p in shape.chart.plots for s in p.series), key=lambda s: s.index
                )
                found.append(
                    (
                        shape.chart.chart_type,
                        list(plot.categories),
                        [(s.name, tuple(s.values)) for s in every],
                    )
                )
    expected = [
        (KINDS[c.chart], list(c.categories), [(n, tuple(v)) for n, v in deck_series(c)])
        for c in charts(briefing)
    ]
    assert found == expected
    # -- the waterfall's visible bars are the changes (above zero here), lifted by the
    #    invisible base above zero; nothing below zero; then the carrier of its labels --
    waterfall = next(c for c in charts(briefing) if c.chart == "waterfall")
    names = [name for name, _ in deck_series(waterfall)]
    assert names == [" ", "  ", "Option B", "Option B (below zero)", "Total"]
    assert deck_series(waterfall)[2][1] == (231.0, 12.0, 142.0, 5.0, 96.0)
    assert deck_series(waterfall)[0][1] == (0.0, 231.0, 101.0, 96.0, 0.0)
    assert deck_series(waterfall)[1][1] == deck_series(waterfall)[3][1] == (0.0,) * 5


def test_each_charts_workbook_holds_its_data(built: dict[str, Path]) -> None:
    prs = Presentation(str(built["pptx"]))
    shape = next(s for slide in prs.slides for s in flat(slide.shapes) if s.has_chart)
    blob = shape.chart.part.chart_workbook.xlsx_part.blob
    with zipfile.ZipFile(io.BytesIO(blob)) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "Demand" in strings and "Capacity" in strings and "2032" in strings
    assert "<v>168</v>" in sheet


def test_a_figure_slide_is_titled_by_its_claim_and_stays_on_the_slide(
    built: dict[str, Path], briefing: Briefing
) -> None:
    prs = Presentation(str(built["pptx"]))
    width, height = prs.slide_width, prs.slide_height
    figure_slides = [
        slide for slide in prs.slides if any(_is_figure(s) for s in flat(slide.shapes))
    ]
    assert len(figure_slides) >= 7
    # -- a figure's own claim: its title, else its caption, else the section's headline --
    claims = {
        fold(citations.strip(f.title or f.caption or s.headline))
        for s in briefing.sections
        for f in s.figures
    }
    for slide in figure_slides:
        title = re.sub(r"\[\d+(?:, \d+)*\]", "", slide.shapes.title.text_frame.text)
        assert fold(title) in claims
        for shape in flat(slide.shapes):
            assert shape.left >= 0 and shape.left + shape.width <= width, shape.name
            assert shape.top >= 0 and shape.top + shape.height <= height, shape.name


def _is_picture(shape: object) -> bool:
    return getattr(shape, "shape_type", None) == MSO_SHAPE_TYPE.PICTURE


def _is_figure(shape: object) -> bool:
    """A chart, or a picture that is not the logo."""
    if getattr(shape, "has_chart", False):
        return True
    return _is_picture(shape) and shape._element.nvPicPr.cNvPr.get("descr") != "Logo"  # type: ignore[attr-defined]


def test_the_picture_keeps_its_proportions_and_alt_text(
    built: dict[str, Path], briefing: Briefing
) -> None:
    image = next(f for s in briefing.sections for f in s.figures if isinstance(f, Image))
    folder = SOURCE.parent
    picture = load_picture(folder / image.image, root=folder)
    prs = Presentation(str(built["pptx"]))
    shapes = [
        s
        for slide in prs.slides
        for s in flat(slide.shapes)
        if _is_picture(s) and s.image.blob == picture.data
    ]
    assert len(shapes) == 1
    shape = shapes[0]
    assert shape._element.nvPicPr.cNvPr.get("descr") == image.alt
    assert abs(shape.width / shape.height - picture.width / picture.height) < 0.01
    assert shape.width > Inches(4)  # -- at least four inches wide: the slide is for it


def test_the_pdf_tags_every_figure_with_its_alt_text(
    built: dict[str, Path], briefing: Briefing
) -> None:
    read = pdf_figures(readback.open_output("pdf", built["pdf"]))
    for chart in charts(briefing):
        assert describe(chart) in read["alts"]
    image = next(f for s in briefing.sections for f in s.figures if isinstance(f, Image))
    assert image.alt in read["alts"]
    assert (960, 540) in read["sizes"]  # -- the site plan, embedded at its own pixels
    assert "Logo" in read["alts"]


def test_the_pdf_has_captions_and_axis_labels_as_text(
    built: dict[str, Path], briefing: Briefing
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils (or make system)")
    text = subprocess.run(
        ["pdftotext", "-layout", str(built["pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    squashed = " ".join(text.split())
    for chart in charts(briefing):
        assert fold(chart.caption.split(" [@")[0]) in fold(text)
        for category in chart.categories:
            assert category in squashed, category
    assert "Margin on volume" in squashed and "\u2212142" in squashed  # -- a true minus


def test_the_web_page_has_figures_with_captions_and_readable_descriptions(
    built: dict[str, Path], briefing: Briefing
) -> None:
    root = lxml.html.fromstring(built["html"].read_bytes())
    figures = root.xpath("//figure[@class='figure']")
    assert len(figures) == sum(len(s.figures) for s in briefing.sections)
    svgs = [f.find("svg") for f in figures if f.find("svg") is not None]
    assert len(svgs) == len(charts(briefing))
    for svg, chart in zip(svgs, charts(briefing), strict=True):
        assert svg.get("role") == "img"
        title = svg.find("title")
        assert title.text_content() == describe(chart)
        assert svg.get("aria-labelledby") == title.get("id")
        words = " ".join(t.text_content() for t in svg.iter("text"))
        assert all(c in words for c in chart.categories)
    for figure in figures:
        assert figure.find("figcaption") is not None
    img = root.xpath("//figure[@class='figure']//img")[0]
    assert img.get("src").startswith("data:image/png;base64,")
    assert img.get("alt")
    # -- one file: nothing is fetched from elsewhere --
    sources = [e.get("src") for e in root.iter("img")]
    assert all(s.startswith("data:") for s in sources)
    logo = root.xpath("//header[@class='cover']//img[@class='logo']")[0]
    assert base64.b64decode(logo.get("src").split(",", 1)[1]).startswith(b"<svg")


def test_the_deck_shows_the_logo_on_the_title_slide_and_in_the_footer(
    built: dict[str, Path],
) -> None:
    prs = Presentation(str(built["pptx"]))
    slides = list(prs.slides)
    for slide in (slides[0], slides[3]):
        logos = [
            s
            for s in flat(slide.shapes)
            if _is_picture(s) and s._element.nvPicPr.cNvPr.get("descr") == "Logo"
        ]
        assert len(logos) == 1


@pytest.mark.slow  # -- builds whole briefings: the full tier's --
def test_verify_lists_figures_and_fails_when_one_is_missing(
    built: dict[str, Path], briefing: Briefing, tmp_path: Path
) -> None:
    report = verify(briefing, name="expansion", files=built, images_dir=SOURCE.parent)
    assert report.ok
    assert "value fig 1" in report.rows and "site fig 1" in report.rows
    # -- take the waterfall out of the deck and the picture out of the page --
    deck = Presentation(str(built["pptx"]))
    for slide in deck.slides:
        for shape in list(slide.shapes):
            if shape.has_chart and shape.chart.plots[0].categories[0] == "Margin on volume":
                shape._element.getparent().remove(shape._element)
    broken = {**built, "pptx": tmp_path / "x.pptx", "html": tmp_path / "x.html"}
    deck.save(str(broken["pptx"]))
    page = built["html"].read_text(encoding="utf-8")
    start = page.index('<img class="picture"')
    broken["html"].write_text(page[:start] + page[page.index(">", start) + 1 :], encoding="utf-8")
    report = verify(briefing, name="expansion", files=broken, images_dir=SOURCE.parent)
    assert not report.ok
    # -- the waterfall's numbers come from the workbook: the data row says so too --
    assert set(report.missing) == {
        ("value fig 1", "pptx"),
        ("site fig 1", "html"),
        ("data", "pptx"),
    }
    assert "✗" in report.matrix()
