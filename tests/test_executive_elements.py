"""The executive elements (key figures, the ask, next steps, our view, a quote, table notes
and a highlighted row) read back from the web page, the PDF and the deck."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest
from pptx import Presentation
from pptx.enum.text import PP_ALIGN

from briefing.build import build, check
from briefing.errors import BriefingError
from briefing.look.labels import load_labels
from briefing.project import find_project
from briefing.proof.verify import verify
from readback import pdf_outline, slides, squash
from support import FIXTURES, ROOT, Builds, Built

BOARD = FIXTURES / "briefing_board_ready.yaml"


@pytest.fixture(scope="module")
def board(builds: Builds) -> Built:
    return builds.of(BOARD)


def _page(built: Built) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(built.html.read_bytes())


def _deck(built: Built) -> list[dict[str, object]]:
    return slides(built.pptx)


def _texts(slide: dict[str, object]) -> str:
    return "\n".join(slide["texts"])  # type: ignore[call-overload]


# -- the web page --


def test_the_page_shows_the_key_figures_and_the_decision_in_the_summary(board: Built) -> None:
    summary = _page(board).get_element_by_id("summary")
    values = [e.text_content() for e in summary.find_class("figure-value")]
    assert values == ["92%", "€38m", "+1,150"]
    decision = summary.get_element_by_id("decision_requested")
    # -- the decision leads the summary: right under its heading, before the prose --
    children = list(summary)
    assert children.index(decision) < children.index(summary.find_class("prose")[0])
    assert children.index(decision) == children.index(summary.find("h2")) + 1
    assert decision.find("h3").text_content() == "Decision requested"
    assert len(decision.find_class("options")[0].findall("li")) == 3
    recommendation = decision.find_class("recommendation")[0].text_content()
    assert recommendation.startswith("Our recommendation:")


def test_the_page_sets_our_view_quote_table_notes_and_next_steps_apart(board: Built) -> None:
    page = _page(board)
    demand = page.get_element_by_id("demand")
    view = demand.find_class("view")[0]
    assert view.find_class("view-label")[0].text_content() == "Our view"
    assert "The quay is the constraint" in view.text_content()
    quote = demand.find_class("pull-quote")[0]
    assert "We lose a ship a week" in quote.find(".//blockquote").text_content()
    # -- the citation after who said it, not inside the quotation marks --
    caption = quote.find(".//figcaption")
    assert caption.text_content().split() == ["Harbour", "master,", "survey", "interview", "[1]"]
    assert caption.find(".//a").get("href") == "#source-survey"
    assert "[" not in quote.find(".//blockquote").text_content()
    assert len(demand.find_class("key-figure")) == 2
    notes = page.get_element_by_id("options").find_class("table-notes")[0]
    assert "negative figure" in notes.text_content()
    steps = page.get_element_by_id("next_steps")
    rows = [[c.text_content() for c in tr] for tr in steps.findall(".//tbody/tr")]
    assert rows[0] == ["Commission the dredging study", "Port Planning Office", "April 2025"]
    assert page.xpath("//nav//a[@href='#next_steps']")


# -- the PDF --


def test_the_pdf_has_the_decision_on_the_summary_page_and_next_steps_in_its_outline(
    board: Built,
) -> None:
    pages = [squash(p) for p in board.pages]
    summary = next(p for p in pages if squash("Executive summary") in p and "92" in p)
    assert squash("Decision requested") in summary
    assert squash("Approve a €1.2m dredging study") in summary
    assert squash("Our recommendation") in summary
    assert "Next steps" in pdf_outline(board.pdf)
    everything = "".join(pages)
    assert everything.count(squash("Our view")) == 2
    assert squash("We lose a ship a week to Rotterdam") in everything
    assert squash("they save staff costs elsewhere") in everything
    assert squash("Brief the shipping lines on the timetable") in everything


# -- the deck --


def test_the_deck_has_a_slide_for_each_archetype_in_order(board: Built) -> None:
    titles = [str(s["title"]) for s in _deck(board)]
    assert titles[:4] == [
        "Harbour expansion decision",
        "Approve a €1.2m dredging study so the tender can go out in June.",
        "Executive summary",
        "Key figures",
    ]
    assert "Key takeaways" not in titles and "Agenda" not in titles
    assert "Key figures: Demand at the north quay" in titles
    assert "In their words: Demand at the north quay" in titles
    # -- the options in full and the next steps after the argument, then the sources --
    assert titles[-3:] == ["The options, and what each takes", "Next steps", "Sources"]
    assert not any("Questions" in _texts(s) for s in _deck(board))
    assert len(set(titles)) == len(titles), "every slide's title is its own"


def test_the_summary_slide_puts_the_bottom_line_on_screen(board: Built) -> None:
    summary = _deck(board)[2]
    assert squash("dredging the basin gives the most berth hours") in squash(_texts(summary))
    decision = _deck(board)[1]
    assert squash("Our recommendation") in squash(_texts(decision))


def test_key_figures_quote_decision_and_next_steps_slides_show_their_content(
    board: Built,
) -> None:
    deck = _deck(board)
    figures = _texts(deck[3])
    for value in ("92%", "€38m", "+1,150", "Berth occupancy", "Weekday average in 2024"):
        assert value in figures
    quote = next(s for s in deck if str(s["title"]).startswith("In their words"))
    assert "\u201cWe lose a ship a week" in _texts(quote)
    assert "Harbour master, survey interview" in _texts(quote)
    decision = _texts(deck[1]) + _texts(deck[-3])  # -- the decision, then the options --
    assert "Decision requested" in decision  # -- the kicker, set in capitals by its font --
    for option in ("Dredge the basin", "Build a new pier", "Add night shifts"):
        assert option in decision
    assert "Our recommendation: Dredge the basin" in decision
    steps = next(s for s in deck if s["title"] == "Next steps")
    assert steps["tables"][0][0] == ["Action", "Owner", "Due"]  # type: ignore[index]
    assert len(steps["tables"][0]) == 4  # type: ignore[index,arg-type]


def test_our_view_is_a_labelled_panel_on_its_section_slide(board: Built) -> None:
    deck = _deck(board)
    briefing = check(BOARD)
    for section in briefing.sections:
        slide = next(s for s in deck if squash(str(s["title"])) == squash(section.headline))
        text = _texts(slide)
        assert "OUR VIEW" in text
        assert section.view is not None
        assert squash(section.view) in squash(text)


def test_bullets_sit_beside_a_table_that_fits_and_the_table_is_set_for_figures(
    board: Built,
) -> None:
    prs = Presentation(str(board.pptx))
    briefing = check(BOARD)
    options = briefing.sections[1]
    slide = next(
        s for s in prs.slides if squash(s.shapes.title.text_frame.text) == squash(options.headline)
    )
    table_shape = next(sh for sh in slide.shapes if sh.has_table)
    body = next(sh for sh in slide.placeholders if sh.placeholder_format.idx == 1)
    assert body.left + body.width <= table_shape.left, "bullets left of the table"
    assert "Options compared" in " ".join(
        sh.text_frame.text for sh in slide.shapes if sh.has_text_frame
    )
    table = table_shape.table
    header = [c.text_frame.text for c in table.rows[0].cells]
    assert header == ["Option", "Cost €m", "Berth hours", "€k per hour"]
    # -- figures right-aligned with a true minus; names left, bold, as in the PDF --
    for row in list(table.rows)[1:]:
        first = row.cells[0].text_frame.paragraphs[0]
        assert first.alignment != PP_ALIGN.RIGHT and first.runs[0].font.bold
        for cell in list(row.cells)[1:]:
            assert cell.text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT
    assert table.cell(3, 3).text_frame.text == "\u221267"
    # -- the highlighted row (Dredging) has a fill of its own and bold figures --
    fills = [str(row.cells[1].fill.fore_color.rgb) for row in list(table.rows)[1:]]
    assert fills[0] not in fills[1:]
    assert table.cell(1, 1).text_frame.paragraphs[0].runs[0].font.bold


def test_every_slide_has_notes_of_its_own_and_lists_keep_their_markers(board: Built) -> None:
    deck = _deck(board)
    notes = [str(s["notes"]).strip() for s in deck]
    assert all(notes), [s["title"] for s in deck if not str(s["notes"]).strip()]
    assert len(set(notes)) == len(notes), "two slides repeat the same notes"
    options = next(s for s in deck if str(s["title"]).startswith("Dredging beats"))
    assert "\u2022 dredging first" in str(options["notes"])
    assert "negative figure" in str(options["notes"]), "the table's own notes"
    assert "1. The north quay is full most weeks." in str(deck[2]["notes"])
    assert "1. Dredge the basin" in str(deck[-3]["notes"])


def test_a_slides_source_line_names_only_the_sources_cited_on_it(board: Built) -> None:
    deck = _deck(board)
    by_title = {str(s["title"]): _texts(s) for s in deck}
    demand = by_title["Ships wait for a berth on most weekdays, and waits are growing."]
    assert "[1] Berth occupancy survey" in demand and "Options costing note" not in demand
    options = by_title["Dredging beats a new pier and night shifts on cost per berth hour."]
    assert "[2] Options costing note" in options and "Berth occupancy" not in options
    steps = by_title["Next steps"]
    assert "Source" not in steps


def test_a_table_on_its_own_slide_is_titled_by_its_caption(tmp_path: Path) -> None:
    # -- ten more rows: the table no longer fits beside the bullets --
    text = BOARD.read_text(encoding="utf-8")
    more = "".join(f'        - [Option {n}, "{n}", "{n * 10}", "{n}"]\n' for n in range(1, 11))
    text = text.replace(
        '        - [Night shifts, "6", "90", "-67"]\n',
        '        - [Night shifts, "6", "90", "-67"]\n' + more,
    )
    source = tmp_path / "split.yaml"
    source.write_text(text, encoding="utf-8")
    built = build(source, project=find_project(ROOT), out_dir=tmp_path, formats=("pptx",))
    deck = slides(built.files["pptx"])
    headline = "Dredging beats a new pier and night shifts on cost per berth hour."
    caption = "Options compared, central estimates"
    parts = [s for s in deck if str(s["title"]).startswith((headline, caption))]
    assert [bool(s["tables"]) for s in parts] == [False] + [True] * (len(parts) - 1)
    # -- the table's slide says its own claim, and is the first of its kind, not continued --
    assert str(parts[1]["title"]).startswith(caption) and "(continued)" not in parts[1]["title"]
    assert caption not in _texts(parts[1]).replace(str(parts[1]["title"]), "")
    assert "negative figure" in str(parts[1]["notes"])
    assert "negative figure" not in str(parts[0]["notes"])


# -- verify, labels, errors --


def test_verify_proves_the_new_elements_and_sees_one_go_missing(
    board: Built, tmp_path: Path
) -> None:
    briefing = check(BOARD)
    files = {"html": board.html, "pdf": board.pdf, "pptx": board.pptx}
    report = verify(briefing, name="board", files=files)
    assert report.ok, report.matrix()
    assert {"key-figures", "ask", "next-steps"} <= set(report.rows)
    page = lxml.html.fromstring(board.html.read_bytes())
    for element in page.find_class("decision"):
        element.drop_tree()
    broken = tmp_path / "broken.html"
    broken.write_bytes(lxml.html.tostring(page))
    report = verify(briefing, name="board", files={**files, "html": broken})
    assert not report.ok and ("ask", "html") in report.missing


@pytest.mark.parametrize(
    ("language", "label"),
    [("de", "Unsere Einschätzung"), ("fr", "Notre analyse"), ("es", "Nuestra valoración")],
)
def test_our_view_has_one_label_in_the_briefing_s_language(
    language: str, label: str, tmp_path: Path
) -> None:
    source = tmp_path / "lang.yaml"
    text = BOARD.read_text(encoding="utf-8").replace("language: en-GB", f"language: {language}")
    source.write_text(text, encoding="utf-8")
    built = build(source, project=find_project(ROOT), out_dir=tmp_path, formats=("html", "pptx"))
    page = lxml.html.fromstring(built.files["html"].read_bytes())
    assert {e.text_content() for e in page.find_class("view-label")} == {label}
    shown = "\n".join(_texts(s) for s in slides(built.files["pptx"]))
    assert shown.count(label.upper()) == 2


def test_a_highlight_that_names_no_row_is_an_error_with_its_place(tmp_path: Path) -> None:
    source = tmp_path / "bad.yaml"
    text = BOARD.read_text(encoding="utf-8").replace("highlight: Dredging", "highlight: Drege")
    source.write_text(text, encoding="utf-8")
    line = 1 + text.splitlines().index("      highlight: Drege")
    with pytest.raises(BriefingError) as caught:
        check(source)
    message = str(caught.value)
    assert f"bad.yaml:{line}:" in message
    assert "sections[1].table.highlight" in message and "names no row" in message
    assert "'Dredging'" in message


def test_the_fixture_uses_every_executive_element() -> None:
    briefing = check(BOARD)
    assert briefing.key_figures and briefing.ask and briefing.next_steps
    assert briefing.ask.options and briefing.ask.recommendation
    sections = briefing.sections
    assert any(s.view for s in sections) and any(s.quote for s in sections)
    assert any(s.key_figures for s in sections)
    table = sections[1].table
    assert table is not None and table.notes and table.highlight


def test_the_shipped_labels_give_the_new_words_in_every_language() -> None:
    english = load_labels(ROOT / "templates" / "labels.yaml", "en").words
    for language in ("de", "fr", "es"):
        words = load_labels(ROOT / "templates" / "labels.yaml", language).words
        for key in ("view", "decision", "key_figures", "next_steps", "recommendation", "quote"):
            assert words[key] != english[key], (language, key)


def test_a_template_may_turn_on_a_divider_before_each_section(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    deck = templates / "deck.html.j2"
    text = deck.read_text(encoding="utf-8")
    on = text.replace("{% set section_dividers = false %}", "{% set section_dividers = true %}")
    assert on != text
    deck.write_text(on, encoding="utf-8")
    project = find_project(ROOT, templates=templates)
    built = build(BOARD, project=project, out_dir=tmp_path, formats=("pptx",))
    prs = Presentation(str(built.files["pptx"]))
    dividers = [
        s
        for s in prs.slides
        if s.shapes.title.text_frame.text in {"Demand at the north quay", "Three options"}
    ]
    assert len(dividers) == 2
    for number, slide in enumerate(dividers, start=1):
        texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        assert f"Section {number}" in texts  # -- set in capitals by its font --
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.startswith(
            f"Section {number}:"
        )


def test_continuations_get_notes_of_their_own(tmp_path: Path) -> None:
    source = FIXTURES / "deck-long-content.yaml"
    built = build(source, project=find_project(ROOT), out_dir=tmp_path, formats=("pptx",))
    deck = slides(built.files["pptx"])
    notes = [str(s["notes"]).strip() for s in deck]
    assert all(notes)
    assert len(set(notes)) == len(notes)
    continued = [s for s in deck if str(s["title"]).endswith("(continued)") and not s["tables"]]
    markers = ("\u2022 ", "1. ", "2. ", "3. ", "4. ", "5. ", "6. ")
    assert continued and all(any(m in str(s["notes"]) for m in markers) for s in continued)


def test_a_view_too_long_for_its_panel_is_an_error_naming_it(tmp_path: Path) -> None:
    text = BOARD.read_text(encoding="utf-8")
    long = "      Demand is not the question. " + "The quay is the constraint. " * 60 + "\n"
    text = text.replace(
        "      Demand is not the question. The quay is the constraint, and every month\n", long
    )
    source = tmp_path / "long-view.yaml"
    source.write_text(text, encoding="utf-8")
    check(source)  # -- valid content: only the slide has no room for it --
    with pytest.raises(BriefingError) as caught:
        build(source, project=find_project(ROOT), out_dir=tmp_path, formats=("pptx",))
    message = str(caught.value)  # -- at the view's line in the content file --
    assert "long-view.yaml:" in message
    assert ".view: the view takes more than half a slide" in message
    assert not (tmp_path / "long-view.pptx").exists()
