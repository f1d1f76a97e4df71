"""A real client: LibreOffice opens the deck, and what it draws stays on the slide, apart.

Each deck is converted with ``soffice --headless --convert-to pdf`` and read back as word
boxes with poppler's ``pdftotext -bbox-layout``: every headline is there, no word lies
outside its slide or the margins, no word is drawn on top of another line's words, and the
footer band holds only the footer. Needs LibreOffice and poppler (``make system``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu, Inches, Pt

from _support_deck import (
    Page,
    Word,
    build_deck,
    colliding_words,
    corporate_templates,
    drawn_by_libreoffice,
    many_sources,
    squash,
    viewer_available,
)
from briefing.build import check
from briefing.project import find_project
from corp_template import BODY_BOX, make_template
from support import (
    DECK_CUT,
    DECK_LONG,
    DECK_WIDE,
    FIXTURES,
    INSTALL_SYSTEM,
    MUSE_SPARK,
    ROOT,
    Builds,
)

pytestmark = pytest.mark.slow  # -- LibreOffice converts ten decks, in one run --

MUSE, LONG, CUT, WIDE = MUSE_SPARK, DECK_LONG, DECK_CUT, DECK_WIDE
EXAMPLE = ROOT / "examples" / "expansion"  # -- every chart kind, a picture and a logo
MARGIN_PT = 0.6 * 72  # the built-in look's side margins
FOOTER_TOP_PT = 6.9 * 72  # the footer band: only the label and the slide number below this


BOARD = FIXTURES / "briefing_board_ready.yaml"  # -- every executive archetype
BESIDE = FIXTURES / "deck-short-list-beside-table.yaml"  # -- room to spare beside a table


class Viewed(tuple):  # type: ignore[type-arg]
    """(source, pages, corporate?), and the deck that was drawn."""

    pptx: Path


SHIPPED = ["muse", "corp", "board", "boardcorp"]  # -- the decks users get, and the archetypes
VIEWED = [
    "muse",
    "long",
    "cut",
    "many",
    "wide",
    "corp",
    "board",
    "boardcorp",
    "expansion",
    "beside",
]


def _wrong_deck(path: Path) -> Path:
    """A deck made wrong on purpose: a box too small for its text, above another box."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    top = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(0.5))
    top.text_frame.word_wrap = True
    top.text_frame.text = "This sentence is far too long for its small box and runs down " * 4
    top.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    below = slide.shapes.add_textbox(Inches(1), Inches(1.6), Inches(4), Inches(0.5))
    below.text_frame.text = "Text that sits below it and is drawn over"
    below.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    prs.save(str(path))
    return path


@pytest.fixture(scope="module")
def drawn(builds: Builds, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Viewed]:
    """Every deck of this module, as LibreOffice drew it: one LibreOffice run for them all.
    The decks other tests read too are the session's builds; the corporate ones and the
    long list of sources are built here."""
    if not viewer_available():
        pytest.fail(f"LibreOffice or poppler is not installed; install them with: {INSTALL_SYSTEM}")
    folder = tmp_path_factory.mktemp("view")
    corp = folder / "corp"
    templates = corporate_templates(corp)
    template = make_template(corp / "corp.pptx")
    sources = {
        "muse": MUSE,
        "long": LONG,
        "cut": CUT,
        "many": many_sources(folder),
        "wide": WIDE,
        "corp": MUSE,
        "expansion": EXAMPLE / "content" / "expansion.yaml",
        "board": BOARD,
        "boardcorp": BOARD,
        "beside": BESIDE,
    }
    decks = {
        "muse": builds.of(MUSE).pptx,
        "long": builds.of(LONG).pptx,
        "cut": builds.of(CUT).pptx,
        "many": build_deck(sources["many"], folder / "many"),
        "wide": builds.of(WIDE).pptx,
        "corp": build_deck(MUSE, corp / "muse", templates=templates, deck_template=template),
        "expansion": builds.of(sources["expansion"], project=find_project(EXAMPLE)).pptx,
        "board": builds.of(BOARD).pptx,
        "boardcorp": build_deck(BOARD, corp / "board", templates=templates, deck_template=template),
        "beside": builds.of(BESIDE).pptx,
        "wrong": _wrong_deck(folder / "wrong.pptx"),
    }
    pages = drawn_by_libreoffice(decks, folder / "pdf")
    views = {}
    for name, source in sources.items():
        viewed = Viewed((source, pages[name], name in {"corp", "boardcorp"}))
        viewed.pptx = decks[name]
        views[name] = viewed
    views["wrong"] = Viewed((None, pages["wrong"], False))
    return views


@pytest.fixture(scope="module", params=VIEWED)
def viewed(request: pytest.FixtureRequest, drawn: dict[str, Viewed]) -> tuple:
    """(source, pages as LibreOffice drew them, built with the corporate template?)."""
    return drawn[request.param]


@pytest.fixture(scope="module", params=SHIPPED)
def shipped(request: pytest.FixtureRequest, drawn: dict[str, Viewed]) -> Viewed:
    """A shipped deck as LibreOffice drew it."""
    return drawn[request.param]


def test_every_headline_and_slide_title_is_drawn(viewed: tuple) -> None:
    source, pages, _ = viewed
    briefing = check(source)
    drawn = squash(" ".join(page.text for page in pages))
    assert squash(briefing.title) in drawn
    # -- a section the source leaves out of the deck (`deck: omit`) is the briefing's --
    for section in [s for s in briefing.sections if s.deck != "omit"]:
        assert squash(section.headline) in drawn, section.id
    # -- a cited takeaway is drawn with its number, "[1]", where the source has [@id] --
    uncited = re.sub(r"\[\d+\]", "", drawn)
    for takeaway in briefing.takeaways:
        assert squash(takeaway) in uncited


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
        (Emu(BODY_BOX[0]).pt, 5.1 * 72) if corporate else (MARGIN_PT, FOOTER_TOP_PT)
    )
    briefing = check(source)
    label = (briefing.classification or "").upper()
    for number, page in enumerate(pages, start=1):
        assert min(w.x0 for w in page.words) >= margin - 1, f"page {number}"
        assert max(w.x1 for w in page.words) <= page.width - margin + 1, f"page {number}"
        if number == 1:
            continue  # -- the title slide has no footer --
        footer = sorted((w for w in page.words if w.y1 > footer_top), key=lambda w: w.x0)
        # -- a corporate layout's date placeholder carries the edition date too --
        expected = " ".join(filter(None, (label, str(number))))  # -- no label, no space --
        dated = f"{briefing.date.isoformat()} {expected}"
        shown = " ".join(w.text for w in footer)
        assert shown == expected or (corporate and shown == dated), f"page {number}"


def test_the_check_itself_sees_text_that_overflows_onto_other_text(
    drawn: dict[str, Viewed],
) -> None:
    # -- the deck made wrong on purpose (`_wrong_deck`), drawn with the others --
    _, pages, _ = drawn["wrong"]
    assert colliding_words(pages[0])


def _content_pages(viewed: Viewed) -> list[tuple[int, Page, str]]:
    """(number, page, title) of every slide but the title, divider and closing slides."""
    _, pages, _ = viewed
    prs = Presentation(str(viewed.pptx))
    cover = prs.slides[0].slide_layout.name
    found = []
    for number, (slide, page) in enumerate(zip(prs.slides, pages, strict=True), start=1):
        if slide.slide_layout.name == cover:  # -- title, divider and closing slides
            continue
        if any(
            shape.shape_type == MSO_SHAPE_TYPE.PICTURE and shape.width > prs.slide_width / 3
            for shape in slide.shapes
        ):
            continue  # -- a picture's slide (not a logo): its content is the picture, not words

        found.append((number, page, slide.shapes.title.text_frame.text))
    return found


def test_the_title_sits_at_one_position_on_every_content_slide(viewed: Viewed) -> None:
    tops = {}
    for number, page, title in _content_pages(viewed):
        # -- the title's first drawn line: the top third's first line of words that are all
        #    the title's (the kicker above is in capitals) --
        lines: dict[int, list[Word]] = {}
        for w in page.words:
            if w.y0 < page.height / 3:
                lines.setdefault(w.line, []).append(w)
        drawn = [
            min(w.y0 for w in words)
            for words in lines.values()
            if all(w.text in title for w in words) and not all(w.text.isupper() for w in words)
        ]
        assert drawn, f"page {number}: title not drawn near the top"
        tops[number] = min(drawn)
    assert max(tops.values()) - min(tops.values()) <= 2.0, tops


def _pt(emu: int, prs: object, page: Page) -> float:
    """A slide length (EMU) in the drawn page's points."""
    return emu * page.width / prs.slide_width  # type: ignore[attr-defined]


def test_a_list_beside_a_table_starts_where_the_table_does(viewed: Viewed) -> None:
    source, pages, corporate = viewed
    prs = Presentation(str(viewed.pptx))
    beside = 0
    for number, (slide, page) in enumerate(zip(prs.slides, pages, strict=True), start=1):
        tables = [s for s in slide.shapes if s.has_table]
        lists = [
            s
            for s in slide.placeholders
            if s.placeholder_format.idx != 0 and s.has_text_frame and s.text_frame.text.strip()
        ]
        for body in lists:
            for table in tables:
                if body.left + body.width > table.left or body.top > table.top + Emu(Pt(36)):
                    continue  # -- not two columns side by side --
                beside += 1
                split = _pt(table.left, prs, page)
                top = _pt(body.top, prs, page)
                left_words = [w for w in page.words if w.x1 <= split and w.y0 >= top - 2]
                right_words = [w for w in page.words if w.x0 >= split and w.y0 >= top - 2]
                first_left = min(w.y0 for w in left_words)
                first_right = min(w.y0 for w in right_words)  # -- the caption or the header
                assert abs(first_left - first_right) <= 4, (number, first_left, first_right)
    if source in {MUSE, BOARD, BESIDE} and not corporate:  # -- a narrower template stacks
        assert beside, "no list beside a table: the check saw nothing"


# -- the Sources slide's title in every language the labels give --
SOURCES_TITLES = {
    words["sources"]
    for words in yaml.safe_load((ROOT / "templates" / "labels.yaml").read_text("utf-8")).values()
    if "sources" in words
}


def test_the_sources_are_listed_from_the_top_of_their_slide(viewed: Viewed) -> None:
    source, pages, _ = viewed
    prs = Presentation(str(viewed.pptx))
    seen = 0
    for slide, page in zip(prs.slides, pages, strict=True):
        bodies = [s for s in slide.placeholders if s.placeholder_format.idx != 0]
        listed = [b for b in bodies if b.has_text_frame and b.text_frame.text.strip()]
        if not listed or slide.shapes.title.text not in SOURCES_TITLES:
            continue
        body = listed[0]
        top = _pt(body.top, prs, page)
        first = min(w.y0 for w in page.words if w.y0 >= top - 2)
        assert first - top <= 24, f"the first source is drawn {first - top:.0f} pt into its box"
        seen += 1
    if source == MUSE:
        assert seen == 1, "the Sources slide was not found"


def test_content_reaches_into_the_lower_third_of_every_content_slide(shipped: Viewed) -> None:
    _, _, corporate = shipped
    footer_top = 5.1 * 72 if corporate else FOOTER_TOP_PT
    for number, page, _ in _content_pages(shipped):
        lowest = max(w.y1 for w in page.words if w.y0 < footer_top)
        assert lowest > page.height * 2 / 3, f"page {number}: the bottom third is empty"
