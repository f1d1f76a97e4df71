"""The deck's slides come in the promised order and kinds, with notes and real formatting."""

from __future__ import annotations

from pptx import Presentation

from readback import plain_md, slides, squash
from support import Built


def test_slides_come_in_order_title_decision_summary_sections_options_steps_sources(
    muse: Built,
) -> None:
    deck = slides(muse.pptx)
    assert squash(str(deck[0]["title"])) == squash(muse.briefing.title)
    # -- the decision first: slide 2 asks for it and recommends, the summary follows;
    #    no takeaways slide repeating the summary, no agenda for five sections --
    assert muse.briefing.ask is not None
    assert squash(str(deck[1]["title"])) == squash(plain_md(muse.briefing.ask.request))
    # -- (every takeaway is a reason on slide 2: no summary slide saying it again) --
    assert len(muse.briefing.takeaways) <= 3
    assert not any(s["title"] in {"Key takeaways", "Agenda", "Executive summary"} for s in deck)
    # -- the sections the deck carries (one the source leaves out is the briefing's) --
    shown = [s for s in muse.briefing.sections if s.deck != "omit"]
    headlines = [squash(plain_md(s.headline)) for s in shown]
    # -- a continuation's title ends "(continued)" --
    order = [
        headlines.index(squash(str(s["title"]).removesuffix(" (continued)")))
        for s in deck
        if squash(str(s["title"]).removesuffix(" (continued)")) in headlines
    ]
    assert order == sorted(order) and set(order) == set(range(len(headlines)))
    # -- the options in full, then the next steps they imply, then the sources --
    assert deck[-3]["title"] == "The options, and what each takes"
    assert deck[-2]["title"] == "Next steps"
    assert deck[-1]["title"] == "Sources"


def slide_text_of(slide: dict[str, object]) -> str:
    return "\n".join(slide["texts"])  # type: ignore[call-overload]


def test_every_section_slide_has_speaker_notes_and_a_default_comes_from_the_body(
    muse: Built,
) -> None:
    deck = slides(muse.pptx)
    by_title = {squash(str(s["title"])): s for s in deck}
    for section in [s for s in muse.briefing.sections if s.deck != "omit"]:
        slide = by_title[squash(plain_md(section.headline))]
        notes = str(slide["notes"])
        assert notes.strip(), section.id
        if section.notes is None:
            first_words = plain_md(section.body).split()[:6]
            assert squash(" ".join(first_words)) in squash(notes)
        assert "[@" not in notes


def test_a_section_table_is_a_native_table(muse: Built) -> None:
    market = next(s for s in muse.briefing.sections if s.table is not None)
    assert market.table is not None
    tables = [t for s in slides(muse.pptx) for t in s["tables"]]  # type: ignore[attr-defined]
    assert tables, "no native table in the deck"
    assert [squash(c) for c in tables[0][0]] == [squash(c) for c in market.table.columns]


def test_inline_markdown_becomes_formatting_not_literal_marks(muse: Built) -> None:
    prs = Presentation(str(muse.pptx))
    bold_runs = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            text = shape.text_frame.text
            assert "**" not in text and "[@" not in text, text
            for paragraph in shape.text_frame.paragraphs:
                bold_runs += [r.text for r in paragraph.runs if r.font.bold]
    assert any("frontier is closed:" in r for r in bold_runs)


def test_a_section_that_cites_a_source_names_it_on_its_slide(harbour: Built) -> None:
    deck = slides(harbour.pptx)
    demand = next(s for s in deck if "berth" in str(s["title"]))
    assert "Berth occupancy survey" in slide_text_of(demand)
