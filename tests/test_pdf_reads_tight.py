"""A PDF that reads tight: sections that flow, contents and key points that can be left out,
tables of figures set as figures, URLs that break where a reader expects, and a draft that
says so on every page and slide, with its version."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from lxml import html as lxml_html

from _support_pdf import MUSE_SPARK, ROOT, one_line
from briefing.build import build
from briefing.errors import BriefingError
from briefing.project import find_project
from readback import slides
from support import Builds

# -- slow: the shipped briefing typeset in page and flow modes (the edit loop skips it) --
pytestmark = pytest.mark.slow

DRAFT = ROOT / "tests" / "fixtures" / "briefing_draft_review.yaml"


def _pdftotext(path: Path, *args: str) -> str:
    try:
        run = subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True)
    except FileNotFoundError:
        pytest.fail("pdftotext is missing; install it with: sudo apt-get install poppler-utils")
    return run.stdout


@pytest.fixture(scope="module")
def draft(builds: Builds) -> dict[str, Path]:
    built = builds.of(DRAFT)  # -- the session's: the accessibility checkers read it too --
    return {"html": built.html, "pdf": built.pdf, "pptx": built.pptx}


def _text_bottoms(path: Path) -> list[float]:
    """For each page, how far down its body text reaches, as a share of the page's height
    (running heads and feet left out: they sit in the top and bottom 10 %)."""
    shares = []
    for page in pypdf.PdfReader(path).pages:
        height = float(page.mediabox.height)
        ys: list[float] = []

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            *_: object,
            height: float = height,
            ys: list[float] = ys,
        ) -> None:
            y = tm[5] * cm[3] + cm[5]
            if text.strip() and 0.1 * height < y < 0.9 * height:
                ys.append(y)

        page.extract_text(visitor_text=visit)
        shares.append((height - min(ys)) / height if ys else 0.0)
    return shares


def test_flowing_sections_leave_no_page_half_empty_but_a_parts_last(
    tmp_path: Path, builds: Builds
) -> None:
    flow = builds.of(MUSE_SPARK).pdf
    # -- the same briefing with the theme set to start every part on a new page --
    project = tmp_path / "paged"
    (project / "templates").mkdir(parents=True)
    theme = (ROOT / "templates" / "theme.yaml").read_text(encoding="utf-8")
    assert "sections: flow" in theme
    (project / "templates" / "theme.yaml").write_text(
        theme.replace("sections: flow", "sections: page"), encoding="utf-8"
    )
    paged = build(MUSE_SPARK, project=find_project(project), out_dir=project / "out").files["pdf"]
    flow_pages = len(pypdf.PdfReader(flow).pages)
    assert flow_pages < len(pypdf.PdfReader(paged).pages)
    reader = pypdf.PdfReader(flow)
    opening = {
        reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list)
    }
    bottoms = _text_bottoms(flow)
    for number in range(3, flow_pages):  # -- after the cover and the contents --
        if number + 1 not in opening:  # -- not the last page of a part --
            assert bottoms[number - 1] > 0.5, f"page {number} is more than half empty"


def test_a_briefing_can_leave_out_its_contents_page_and_key_points(
    draft: dict[str, Path],
) -> None:
    pages = [one_line(p) for p in _pdftotext(draft["pdf"]).split("\f")]
    assert "Contents" not in pages[1]
    assert "Executive summary" in pages[1]
    assert not any("KEY POINTS" in page for page in pages)
    page = lxml_html.fromstring(draft["html"].read_bytes())
    assert not page.xpath("//aside[@class='key-points']")
    # -- the web page keeps its contents rail; only the printed page goes --
    assert page.xpath("//nav[@class='toc screen-only']")
    # -- the slides still carry the points --
    assert any("Operations saved the most" in t for s in slides(draft["pptx"]) for t in s["texts"])


def test_figures_are_right_aligned_with_true_minus_and_one_row_highlighted(
    draft: dict[str, Path],
) -> None:
    page = lxml_html.fromstring(draft["html"].read_bytes())
    table = page.xpath("//table[@class='data']")[0]
    header = [th.get("class") or "" for th in table.xpath("thead//th")]
    assert header == ["", "num", "num", "num", "num"]
    rows = table.xpath("tbody/tr")
    assert [r.get("class") for r in rows] == ["highlight", None, None]
    assert rows[0].xpath("td")[-1].text_content() == "\u221284"
    widths = [float(c.get("style").split(":")[1].rstrip("%")) for c in table.xpath(".//col")]
    assert sum(widths) <= 100 and widths[0] == max(widths)
    text = _pdftotext(draft["pdf"])
    assert "\u221284" in text and "\u221233" in text
    assert not re.search(r"(?<![\w-])-84\b", text)


def test_a_highlight_that_starts_no_row_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "x.yaml"
    text = DRAFT.read_text(encoding="utf-8").replace(
        "highlight: Operations", "highlight: Operation"
    )
    source.write_text(text, encoding="utf-8")
    line = text.splitlines().index("      highlight: Operation") + 1
    with pytest.raises(BriefingError) as caught:
        build(source, project=find_project(ROOT), out_dir=tmp_path / "out")
    message = str(caught.value)
    assert f"x.yaml:{line}:18: sections[0].table.highlight:" in message
    assert "names no row" in message and "'Operations'" in message
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_long_url_breaks_after_a_slash_or_before_a_dot(draft: dict[str, Path]) -> None:
    lines = _pdftotext(draft["pdf"]).splitlines()
    start = next(i for i, line in enumerate(lines) if "https://" in line)
    # -- "https://" whole, and the break after a slash or before a dot, not mid-word --
    assert lines[start].split(" ")[-1].startswith("https://intranet")
    assert lines[start].endswith("/") or lines[start + 1].startswith(".")


def test_a_draft_says_so_on_every_page_and_slide_with_its_version(
    draft: dict[str, Path],
) -> None:
    pages = _pdftotext(draft["pdf"]).split("\f")[:-1]
    assert pages and all("DRAFT" in page for page in pages)
    assert all("Review 2" in page for page in pages[1:])  # -- in the footer --
    metadata = pypdf.PdfReader(draft["pdf"]).metadata
    assert metadata is not None and metadata["/Version"] == "Review 2"
    deck = slides(draft["pptx"])
    assert deck and all("DRAFT" in s["texts"] for s in deck)
    colophon = lxml_html.fromstring(draft["html"].read_bytes()).xpath(
        "//footer[@class='colophon']"
    )[0]
    assert "Review 2" in colophon.text_content() and "Draft" in colophon.text_content()


def test_a_final_briefing_has_no_draft_mark(tmp_path: Path) -> None:
    out = tmp_path / "final"
    shutil.copy(DRAFT, tmp_path / "final.yaml")
    source = tmp_path / "final.yaml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("status: draft", "status: final"),
        encoding="utf-8",
    )
    files = build(source, project=find_project(ROOT), out_dir=out, formats=("pdf",)).files
    assert "DRAFT" not in _pdftotext(files["pdf"])
