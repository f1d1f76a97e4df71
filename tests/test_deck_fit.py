"""Every text box on every slide fits, measured back from the written deck with real metrics.

Long content continues on slides marked as continued, with text never below the theme's
smallest size; tables continue with their header repeated; what cannot fit is an error that
names the content field.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from _support_deck import (
    build_deck,
    layout_problems,
    many_sources,
    overflows,
    run_sizes,
    squash,
    text_boxes,
)
from briefing.build import check
from briefing.deck.measure import deck_measurer
from briefing.errors import BriefingError, Fault, SourceField
from briefing.look.fonts import find_font
from briefing.look.theme import load_theme
from support import DECK_CUT, DECK_LONG, INSTALL_SYSTEM, MUSE_SPARK, ROOT, Built

LONG = DECK_LONG
CUT = DECK_CUT
THEME = load_theme(ROOT / "templates" / "theme.yaml")


@pytest.fixture
def long_deck(deck_long: Built) -> Path:
    return deck_long.pptx


@pytest.fixture
def muse_deck(muse: Built) -> Path:
    return muse.pptx


@pytest.fixture
def wide_deck(deck_wide: Built) -> Path:
    return deck_wide.pptx


@pytest.fixture
def cut_deck(deck_cut: Built) -> Path:
    return deck_cut.pptx


def _slides(pptx: Path) -> list[dict[str, object]]:
    result = []
    for slide in Presentation(str(pptx)).slides:
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        tables = [
            [[c.text for c in row.cells] for row in s.table.rows]
            for s in slide.shapes
            if s.has_table
        ]
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        result.append({"title": title, "texts": texts, "tables": tables, "notes": notes})
    return result


@pytest.mark.parametrize("deck", ["muse_deck", "long_deck", "cut_deck", "wide_deck"])
def test_every_text_box_and_cell_fits_and_no_two_boxes_overlap(
    deck: str, request: pytest.FixtureRequest
) -> None:
    pptx = request.getfixturevalue(deck)
    assert overflows(pptx) == []
    assert layout_problems(pptx) == []


def test_long_bullets_continue_on_a_slide_marked_continued(long_deck: Path) -> None:
    briefing = check(LONG)
    section = briefing.sections[0]
    slides = [
        s
        for s in _slides(long_deck)
        if squash(str(s["title"])).startswith(squash(section.headline))
    ]
    assert len(slides) >= 2
    # -- a continuation says so in its title, so every slide's title is its own --
    titles = [str(s["title"]) for s in slides]
    assert "(continued)" not in titles[0]
    assert all(t.endswith("(continued)") for t in titles[1:])
    shown = squash(" ".join(t for s in slides for t in s["texts"]))  # type: ignore[attr-defined]
    for point in section.points:
        assert squash(point) in shown
    assert all(s["notes"] for s in slides), "a continuation slide lost its speaker notes"
    # -- a bullet that fits a slide is never cut: each point is one whole paragraph --
    paragraphs = {
        squash(p.text)
        for slide in Presentation(str(long_deck)).slides
        for shape in slide.placeholders
        if shape.placeholder_format.idx == 1
        for p in shape.text_frame.paragraphs
    }
    assert all(squash(point) in paragraphs for point in section.points)


def test_no_text_is_set_below_the_smallest_size_the_theme_allows(long_deck: Path) -> None:
    smallest = min(THEME.deck.min_body_pt, THEME.deck.min_table_pt, THEME.deck.small_pt)
    sizes = run_sizes(long_deck)
    assert sizes and min(size for _, _, size in sizes) >= smallest
    bullets = [size for _, name, size in sizes if name.startswith("Content Placeholder")]
    assert bullets and min(bullets) >= THEME.deck.min_body_pt


def test_a_word_longer_than_a_line_stays_whole_inside_its_box(long_deck: Path) -> None:
    briefing = check(LONG)
    giant = briefing.sections[0].points[-1]
    url = briefing.sources[0].url
    assert url is not None and len(url) == 400 and " " not in giant
    texts = [t for s in _slides(long_deck) for t in s["texts"]]  # type: ignore[attr-defined]
    assert any(giant in t for t in texts)
    assert any(url in t for t in texts)  # -- on the Sources slide, one paragraph --


def test_a_table_too_tall_continues_with_its_header_row_repeated(long_deck: Path) -> None:
    table = check(LONG).sections[1].table
    assert table is not None and len(table.rows) == 20
    tables = [t for s in _slides(long_deck) for t in s["tables"]]  # type: ignore[attr-defined]
    assert len(tables) >= 2
    assert all(t[0] == table.columns for t in tables)
    assert [row for t in tables for row in t[1:]] == table.rows
    slides = [s for s in _slides(long_deck) if s["tables"]]
    assert all("(CONTINUED)" in " ".join(s["texts"]).upper() for s in slides[1:])  # type: ignore[arg-type]


def test_a_bullet_taller_than_a_slide_is_cut_between_words_and_carried_over(
    cut_deck: Path,
) -> None:
    source = check(CUT).sources[0]
    bodies = [
        shape.text_frame
        for slide in Presentation(str(cut_deck)).slides
        if slide.shapes.title is not None
        and slide.shapes.title.text_frame.text.startswith("Sources")
        for shape in slide.placeholders
        if shape.placeholder_format.idx == 1
    ]
    assert len(bodies) >= 2
    shown = squash("".join(body.text for body in bodies))
    assert shown == squash(f"{source.title}. {source.url}")  # -- as deck.html.j2 writes it
    # -- the first part carries the number; the carried-over parts have no marker --
    firsts = [body.paragraphs[0]._p.find(qn("a:pPr")) for body in bodies]
    assert firsts[0].find(qn("a:buAutoNum")) is not None
    assert all(p.find(qn("a:buNone")) is not None for p in firsts[1:])


def test_every_content_slide_has_speaker_notes_and_a_footer(long_deck: Path) -> None:
    briefing = check(LONG)
    prs = Presentation(str(long_deck))
    for number, slide in enumerate(prs.slides, start=1):
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        assert notes.strip(), f"slide {number} has no speaker notes"
        if number == 1:
            continue  # -- the title slide: label on top, no number --
        xml = slide._element.xml
        assert 'type="slidenum"' in xml, f"slide {number} has no slide number"
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert (briefing.classification or "").upper() in texts, f"slide {number}: no label"


def test_slides_come_in_order_with_continuations_after_their_first(long_deck: Path) -> None:
    briefing = check(LONG)
    # -- a continuation's title is its first slide's, marked "(continued)" --
    titles = [squash(str(s["title"]).removesuffix(" (continued)")) for s in _slides(long_deck)]
    headline = squash(briefing.sections[0].headline)
    table_headline = squash(briefing.sections[1].headline)
    first, last = titles.index(headline), len(titles) - 1 - titles[::-1].index(headline)
    assert titles[0] == squash(briefing.title)
    assert titles[1] == squash("Executive summary")  # -- no ask: the summary leads
    assert set(titles[first : last + 1]) == {headline}
    assert titles.index(table_headline) > last
    assert titles[-2:] == [squash("Sources"), squash("Questions and discussion")]
    # -- the kind of each slide is its layout: covers, bullets, tables --
    layouts = [slide.slide_layout.name for slide in Presentation(str(long_deck)).slides]
    tables = [i for i, s in enumerate(_slides(long_deck)) if s["tables"]]
    assert layouts[0] == layouts[-1] == "Title Slide"
    assert all(layouts[i] == "Title Only" for i in tables)
    others = set(range(1, len(layouts) - 1)) - set(tables)
    assert all(layouts[i] == "Title and Content" for i in others)


def test_core_properties_come_from_the_content_not_the_clock(long_deck: Path) -> None:
    briefing = check(LONG)
    props = Presentation(str(long_deck)).core_properties
    assert props.title == briefing.title
    assert props.author == briefing.author
    assert props.subject == briefing.subtitle
    assert all(s.title in props.keywords for s in briefing.sections)
    assert props.created is not None and props.created.date() == briefing.date
    assert props.modified is not None and props.modified.date() == briefing.date


def test_the_deck_is_the_same_bytes_when_built_twice(tmp_path: Path, long_deck: Path) -> None:
    assert build_deck(LONG, tmp_path).read_bytes() == long_deck.read_bytes()


def test_a_headline_thousands_of_characters_long_is_rejected_naming_the_field(
    tmp_path: Path,
) -> None:
    text = LONG.read_text(encoding="utf-8")
    start = text.index("    headline: ")
    end = text.index("\n", start)
    absurd = tmp_path / "absurd.yaml"
    absurd.write_text(text[:start] + "    headline: " + "word " * 1000 + text[end:], "utf-8")
    with pytest.raises(BriefingError) as err:
        check(absurd)
    assert "sections[0].headline" in str(err.value)


def test_a_title_that_fits_no_size_is_an_error_naming_the_field(tmp_path: Path) -> None:
    text = LONG.read_text(encoding="utf-8")
    start = text.index("    headline: ")
    end = text.index("\n", start)
    wide = tmp_path / "wide.yaml"
    wide.write_text(text[:start] + "    headline: " + "W" * 200 + text[end:], "utf-8")
    check(wide)  # -- within the model's 200 characters: valid content --
    with pytest.raises(BriefingError) as err:
        build_deck(wide, tmp_path)
    message = str(err.value)
    assert "wide.yaml:" in message and ".headline: the slide title does not fit" in message
    assert f"{THEME.deck.min_title_pt:g} pt" in message
    # -- at the headline's line, found from its field path; the author's to mend --
    (problem,) = err.value.problems
    assert problem.line == text[:start].count("\n") + 1
    assert problem.origin == SourceField(("sections", 0, "headline"))
    assert problem.fault == Fault.AUTHOR
    assert not (tmp_path / "wide.pptx").exists()


@pytest.mark.parametrize("deck", ["muse_deck", "long_deck", "cut_deck", "wide_deck"])
def test_the_deck_is_16_by_9_and_its_text_sits_inside_the_margins(
    deck: str, request: pytest.FixtureRequest
) -> None:
    prs = Presentation(str(request.getfixturevalue(deck)))
    # -- 16:9 to within 0.01 %: the deck is 12,191,695 EMU wide, 305 short of 13 1/3 in --
    assert abs(prs.slide_width * 9 / (prs.slide_height * 16) - 1) < 1e-4
    width, height = Emu(prs.slide_width).pt, Emu(prs.slide_height).pt
    margin = 0.6 * 72  # -- the built-in look's side margins --
    for number, slide in enumerate(prs.slides, start=1):
        boxes = text_boxes(slide)
        assert boxes, f"slide {number} holds no text"
        for box in boxes:
            assert box.left >= margin - 0.01, (number, box)
            assert box.right <= width - margin + 0.01, (number, box)
            assert box.top >= 0 and box.bottom <= height + 0.01, (number, box)


def test_the_overflow_check_itself_sees_text_taller_than_its_box(tmp_path: Path) -> None:
    # -- a deck made wrong on purpose, and one just right: the check tells them apart --
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    sentence = "This sentence is far too long for its small box and runs down " * 4
    for height in (Pt(30), Pt(240)):
        box = slide.shapes.add_textbox(Pt(72), Pt(72), Pt(288), height)
        box.text_frame.word_wrap = True
        box.text_frame.text = sentence
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    prs.save(str(tmp_path / "wrong.pptx"))
    found = overflows(tmp_path / "wrong.pptx")
    assert len(found) == 1 and "TextBox 1" in found[0], found


def test_a_list_numbered_past_99_leaves_room_for_its_numbers(tmp_path: Path) -> None:
    pptx = build_deck(many_sources(tmp_path), tmp_path)
    assert overflows(pptx) == []
    assert layout_problems(pptx) == []
    prs = Presentation(str(pptx))
    last = [
        s
        for s in prs.slides
        if s.shapes.title and s.shapes.title.text_frame.text.startswith("Sources")
    ]
    body = next(ph for ph in last[-1].placeholders if ph.placeholder_format.idx == 1)
    ppr = body.text_frame.paragraphs[-1]._p.find(qn("a:pPr"))
    # -- "121." at the bullet size fits in the hanging indent --
    assert int(ppr.get("marL")) >= Pt(2.4 * THEME.deck.min_body_pt)


def test_without_the_metric_font_the_fallback_measures_wider_and_taller() -> None:
    # -- compares the fallback with Carlito itself, so this one test needs Carlito installed
    #    (the README calls it optional for building, not for proving the fallback safe) --
    if find_font("Carlito-Regular.ttf") is None:
        pytest.fail(f"the test compares with Carlito; install it with: {INSTALL_SYSTEM}")
    exact = deck_measurer(tuple(THEME.fonts.deck_metrics))
    fallback = deck_measurer(("NoSuchFont-Regular.ttf", "NoSuchFont-Bold.ttf"))
    assert exact.files[0].name == "Carlito-Regular.ttf"
    assert fallback.files[0].name == "DejaVuSans.ttf"
    briefing = check(MUSE_SPARK)
    texts = [briefing.title, *briefing.takeaways]
    for section in briefing.sections:
        texts += [section.headline, *section.points]
    for text in texts:
        for bold in (False, True):
            assert fallback.width(text, bold) > exact.width(text, bold), text
    assert fallback.line_factor > exact.line_factor


def test_a_table_row_taller_than_a_slide_is_an_error_naming_the_row(tmp_path: Path) -> None:
    text = LONG.read_text(encoding="utf-8")
    start = text.index("      columns: [Item, Detail, Amount]")
    end = text.index("sources:", start)
    cells = ", ".join(['"' + "W" * 300 + '"'] * 8)
    table = f"      columns: [A, B, C, D, E, F, G, H]\n      rows:\n        - [{cells}]\n"
    tall = tmp_path / "tall-row.yaml"
    tall.write_text(text[:start] + table + text[end:], "utf-8")
    check(tall)  # -- within the model's limits: valid content --
    with pytest.raises(BriefingError) as err:
        build_deck(tall, tmp_path)
    message = str(err.value)
    assert "tall-row.yaml:" in message  # -- at the row in the content file, not the template --
    assert ".table.rows[0]: this row is taller than a slide" in message


def test_a_section_slide_with_bullets_and_a_table_shows_the_table_after_them(
    tmp_path: Path,
) -> None:
    # -- a user's deck template that puts the table inside the section's own slide --
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    deck = templates / "deck.html.j2"
    text = deck.read_text(encoding="utf-8")
    start = text.index("{% if table_here and table.deck ==")
    end = text.index("{% endif %}", text.index("</section>", start)) + len("{% endif %}")
    table = (
        "{% if section.table %}<table><thead><tr>{% for c in section.table.columns %}"
        "<th>{{ inline(c) }}</th>{% endfor %}</tr></thead><tbody>"
        "{% for row in section.table.rows %}<tr>{% for cell in row %}<td>{{ inline(cell) }}</td>"
        "{% endfor %}</tr>{% endfor %}</tbody></table>{% endif %}\n  "
    )
    if "{% set refs = cited(section) %}" in text:  # -- an older template: make it so --
        text = text[:start] + text[end:]
    text = text.replace(
        "  {% set refs = cited(section) %}", table + "{% set refs = cited(section) %}"
    )
    deck.write_text(text, encoding="utf-8")
    pptx = build_deck(MUSE_SPARK, tmp_path, templates=templates)
    market = next(s for s in check(MUSE_SPARK).sections if s.table is not None)
    assert market.table is not None
    claims = (squash(market.headline), squash(market.table.caption or ""))
    slides = [s for s in _slides(pptx) if squash(str(s["title"])).startswith(claims)]
    # -- beside the bullets when both fit, else on a next slide titled by its caption --
    shown = [s for s in slides if s["tables"]]
    assert len(shown) == 1 and shown[0]["tables"][0][0] == market.table.columns  # type: ignore[index]
    assert shown[0] is slides[0] or squash(str(shown[0]["title"])) == claims[1]
    assert overflows(pptx) == [] and layout_problems(pptx) == []


def test_short_table_cells_stay_on_one_line_and_long_ones_take_the_width(
    muse_deck: Path,
) -> None:
    # -- the row labels ("Audience") are short: their column keeps each on one line at
    #    the size the table is set in, while the long descriptions take the rest --
    measurer = deck_measurer(tuple(THEME.fonts.deck_metrics))
    shape = next(
        sh for slide in Presentation(str(muse_deck)).slides for sh in slide.shapes if sh.has_table
    )
    table = shape.table
    widths = [column.width for column in table.columns]
    inset = Pt(7.2 * 2)
    for row in list(table.rows)[1:]:
        cell = row.cells[0]
        size = max(r.font.size.pt for p in cell.text_frame.paragraphs for r in p.runs)
        text = cell.text_frame.text
        needed = Pt(measurer.width(text, bold=False) * size) + inset
        assert widths[0] >= needed, (text, widths[0], needed)
    # -- the column whose longest cell is longest on one line gets the most width --
    longest = [
        max(measurer.width(row.cells[i].text_frame.text) for row in table.rows)
        for i in range(len(widths))
    ]
    assert widths[longest.index(max(longest))] == max(widths)


def test_a_narrow_column_beside_unbreakable_words_keeps_room_for_its_text(
    tmp_path: Path,
) -> None:
    # -- eight columns, seven of them one 70-letter word: the words must break, and the
    #    first column, a single letter, still keeps its insets and a letter's width --
    columns = ["A", *(f"Column{i}" for i in range(2, 9))]
    long = "x" * 70
    source = tmp_path / "wide.yaml"
    source.write_text(
        "\n".join(
            [
                "title: Wide table",
                "date: 2026-11-26",
                "author: Desk",
                "summary: A table too wide for a slide.",
                "takeaways: [It still reads.]",
                "sections:",
                "  - id: wide",
                "    title: Wide",
                "    headline: A table with words longer than a column.",
                "    body: See the table.",
                "    points: [See the table]",
                "    table:",
                f"      columns: [{', '.join(columns)}]",
                f"      rows: [[x, {', '.join([long] * 7)}]]",
            ]
        ),
        encoding="utf-8",
    )
    deck = build_deck(source, tmp_path / "out")
    table = next(
        sh.table for slide in Presentation(str(deck)).slides for sh in slide.shapes if sh.has_table
    )
    size = max(
        r.font.size.pt
        for cell in table.rows[0].cells
        for p in cell.text_frame.paragraphs
        for r in p.runs
    )
    for column in table.columns:
        assert column.width >= Pt(2 * 7.2 + size), column.width
