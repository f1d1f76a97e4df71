"""The deck's package tells the truth and reads well to a screen reader: decorative shapes
marked, shapes in reading order, titles unique, docProps/app.xml and the slide size right."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from _support_deck import FIXTURES
from support import ROOT, Builds

ADEC = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


@pytest.fixture(scope="module", params=["muse", "board"])
def deck(request: pytest.FixtureRequest, builds: Builds) -> Path:
    source = {
        "muse": ROOT / "content" / "muse-spark.yaml",
        "board": FIXTURES / "briefing_board_ready.yaml",
    }[request.param]
    return builds.of(source).pptx


def _decorative(shape: object) -> bool:
    return shape._element.find(f".//{ADEC}") is not None  # type: ignore[attr-defined]


def test_every_shape_without_words_is_marked_decorative(deck: Path) -> None:
    for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
        for shape in slide.shapes:
            words = shape.has_text_frame and shape.text_frame.text.strip()
            # -- a picture with alt text carries words too: it is content, not decoration --
            words = words or shape._element.xpath("./*/p:cNvPr/@descr")
            if shape.has_table or shape.is_placeholder or words:
                assert not _decorative(shape), (number, shape.name)
            else:
                assert _decorative(shape), (number, shape.name)


def test_shapes_are_read_kicker_title_body_source_footer(deck: Path) -> None:
    for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
        shapes = list(slide.shapes)
        marked = [_decorative(s) for s in shapes]
        # -- the decorative shapes first, behind everything --
        assert marked == sorted(marked, reverse=True), number
        names = [s.name for s in shapes if not _decorative(s)]
        title = slide.shapes.title.name
        assert names[: names.index(title) + 1] in (["Kicker", title], [title]), number
        tail = [n for n in names if n in {"Source", "Footer", "Slide number"}]
        assert names[len(names) - len(tail) :] == tail, number
        assert tail == sorted(tail, key=["Source", "Footer", "Slide number"].index), number


def test_every_slide_has_a_title_of_its_own(deck: Path) -> None:
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(deck)).slides]
    assert all(titles)
    assert len(set(titles)) == len(titles), titles


def test_app_properties_count_the_slides_and_notes_and_say_16_by_9(deck: Path) -> None:
    prs = Presentation(str(deck))
    with zipfile.ZipFile(deck) as package:
        app = etree.fromstring(package.read("docProps/app.xml"))
        presentation = etree.fromstring(package.read("ppt/presentation.xml"))
    assert app.findtext(f"{EP}Slides") == str(len(prs.slides))
    notes = sum(1 for s in prs.slides if s.has_notes_slide and s.notes_slide.notes_text_frame.text)
    assert app.findtext(f"{EP}Notes") == str(notes) == str(len(prs.slides))
    assert "16:9" in (app.findtext(f"{EP}PresentationFormat") or "")
    titles = [e.text for e in app.iter("{*}lpstr")]
    assert titles[-len(prs.slides) :] == [s.shapes.title.text_frame.text for s in prs.slides]
    size = presentation.find("{*}sldSz")
    assert size is not None and size.get("type") == "screen16x9"
