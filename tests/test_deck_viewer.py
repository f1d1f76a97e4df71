"""A real client: LibreOffice opens the deck, and what it draws stays on the slide, apart.

Each deck is converted with ``soffice --headless --convert-to pdf`` and read back as word
boxes with poppler's ``pdftotext -bbox-layout``: every headline is there, no word lies
outside its slide or the margins, no word is drawn on top of another line's words, and the
footer band holds only the footer. Needs LibreOffice and poppler (``make system``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches, Pt

from _support_deck import (
    Page,
    build_deck,
    colliding_words,
    corporate_templates,
    many_sources,
    squash,
    through_libreoffice,
    viewer_available,
)
from briefing.build import check
from corp_template import BODY_BOX, make_template
from support import DECK_CUT, DECK_LONG, DECK_WIDE, INSTALL_SYSTEM, MUSE_SPARK, Builds

pytestmark = pytest.mark.slow  # -- LibreOffice converts six decks --

MUSE, LONG, CUT, WIDE = MUSE_SPARK, DECK_LONG, DECK_CUT, DECK_WIDE
MARGIN_PT = 0.6 * 72  # the built-in look's side margins
FOOTER_TOP_PT = 6.9 * 72  # the footer band: only the label and the slide number below this


@pytest.fixture(scope="module", params=["muse", "long", "cut", "many", "wide", "corp"])
def viewed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, builds: Builds
) -> tuple:
    """(source, pages as LibreOffice drew them, built with the corporate template?)."""
    if not viewer_available():
        pytest.fail(f"LibreOffice or poppler is not installed; install them with: {INSTALL_SYSTEM}")
    name = request.param
    folder = tmp_path_factory.mktemp(f"view-{name}")
    source = {"muse": MUSE, "long": LONG, "cut": CUT, "wide": WIDE, "corp": MUSE}.get(name)
    if name == "many":
        source = many_sources(folder)
    assert source is not None
    if name == "corp":
        pptx = build_deck(
            source,
            folder,
            templates=corporate_templates(folder),
            deck_template=make_template(folder / "corp.pptx"),
        )
    elif name == "many":
        pptx = build_deck(source, folder)
    else:
        pptx = builds.of(source).pptx
    return source, through_libreoffice(pptx, folder / "pdf"), name == "corp"


def test_every_headline_and_slide_title_is_drawn(viewed: tuple) -> None:
    source, pages, _ = viewed
    briefing = check(source)
    drawn = squash(" ".join(page.text for page in pages))
    assert squash(briefing.title) in drawn
    for section in briefing.sections:
        assert squash(section.headline) in drawn, section.id
    for takeaway in briefing.takeaways:
        assert squash(takeaway) in drawn


def test_no_word_lies_outside_its_slide(viewed: tuple) -> None:
    _, pages, _ = viewed
    for number, page in enumerate(pages, start=1):
        outside = [
            w.text
            for w in page.words
            if w.x0 < 0 or w.y0 < 0 or w.x1 > page.width or w.y1 > page.height
        ]
        assert outside == [], f"page {number}"


def test_no_word_is_drawn_on_top_of_other_text(viewed: tuple) -> None:
    _, pages, _ = viewed
    for number, page in enumerate(pages, start=1):
        hits = [(a.text, b.text) for a, b in colliding_words(page)]
        assert hits == [], f"page {number}"


def test_text_keeps_to_the_margins_and_the_footer_band_holds_only_the_footer(
    viewed: tuple,
) -> None:
    source, pages, corporate = viewed
    # -- the built-in look's margins, or the corporate template's body placeholder --
    margin, footer_top = (
        (BODY_BOX[0] / 12700, 5.1 * 72) if corporate else (MARGIN_PT, FOOTER_TOP_PT)
    )
    label = (check(source).classification or "").upper()
    for number, page in enumerate(pages, start=1):
        assert min(w.x0 for w in page.words) >= margin - 1, f"page {number}"
        assert max(w.x1 for w in page.words) <= page.width - margin + 1, f"page {number}"
        if number == 1:
            continue  # -- the title slide has no footer --
        footer = sorted((w for w in page.words if w.y1 > footer_top), key=lambda w: w.x0)
        assert " ".join(w.text for w in footer) == f"{label} {number}", f"page {number}"


def test_the_check_itself_sees_text_that_overflows_onto_other_text(tmp_path: Path) -> None:
    if not viewer_available():
        pytest.fail(f"LibreOffice or poppler is not installed; install them with: {INSTALL_SYSTEM}")
    # -- a deck made wrong on purpose: a box too small for its text, above another box --
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    top = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(0.5))
    top.text_frame.word_wrap = True
    top.text_frame.text = "This sentence is far too long for its small box and runs down " * 4
    top.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    below = slide.shapes.add_textbox(Inches(1), Inches(1.6), Inches(4), Inches(0.5))
    below.text_frame.text = "Text that sits below it and is drawn over"
    below.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    prs.save(str(tmp_path / "wrong.pptx"))
    pages: list[Page] = through_libreoffice(tmp_path / "wrong.pptx", tmp_path / "pdf")
    assert colliding_words(pages[0])
