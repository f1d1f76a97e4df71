"""Every section of a briefing is in every output, read back from the built files."""

from __future__ import annotations

import pytest

from readback import (
    html_parts,
    pdf_flow,
    pdf_outline,
    pieces,
    plain_md,
    slide_text,
    slides,
    squash,
)
from support import Built

BRIEFINGS = ["muse", "harbour", "long_table", "german", "minimal"]


@pytest.fixture(params=BRIEFINGS)
def built(request: pytest.FixtureRequest) -> Built:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


def test_muse_spark_is_a_decision_memo_in_the_order_it_promises(muse: Built) -> None:
    briefing = muse.briefing
    # -- the decision first, then what changed, what it means for us (ours, marked), what
    #    we do not know, and the watch list (ours, marked) --
    assert briefing.ask is not None and briefing.ask.recommendation
    assert [s.id for s in briefing.sections] == ["shift", "us", "unknowns", "watch"]
    assert [s.id for s in briefing.sections if s.analysis] == ["us", "watch"]
    shift = briefing.sections[0]
    assert shift.table is not None
    # -- the table sets Meta's two tracks side by side --
    assert shift.table.columns[1:] == ["Llama", "Muse Spark"]
    assert [row[0] for row in shift.table.rows] == ["Licence", "Access", "For"]
    # -- page 2, after the cover, opens with the decision --
    page = squash(muse.pages[1])
    assert page.index(squash("Decision requested")) < page.index(squash("Key takeaways"))


def test_every_section_title_and_headline_is_in_the_pdf(built: Built) -> None:
    text = squash("".join(built.pages))
    outline = pdf_outline(built.pdf)
    for section in built.briefing.sections:
        assert section.title in outline, f"no bookmark for {section.id}"
        assert squash(plain_md(section.headline)) in text, section.id
        for point in section.points:
            assert squash(plain_md(point)) in text, (section.id, point)


def test_every_takeaway_table_cell_and_source_is_in_the_pdf(built: Built) -> None:
    text = squash("".join(built.pages))
    for takeaway in built.briefing.takeaways:
        assert squash(plain_md(takeaway)) in text
    for section in built.briefing.sections:
        if section.table:
            for cell in [*section.table.columns, *(c for r in section.table.rows for c in r)]:
                assert squash(plain_md(cell)) in text, cell
    for source in built.briefing.sources:
        assert squash(source.title) in text


def test_every_part_of_every_section_is_in_its_place_on_the_web_page(built: Built) -> None:
    parts = html_parts(built.html)
    assert all(squash(plain_md(t)) in parts["summary"] for t in built.briefing.takeaways)
    for section in built.briefing.sections:
        # -- each section's words inside its own <section id=...>, not merely on the page --
        mine = parts[section.id]
        assert squash(section.title) in mine, section.id
        assert squash(plain_md(section.headline)) in mine, section.id
        for point in section.points:
            assert squash(plain_md(point)) in mine, (section.id, point)
        if section.table:
            for cell in [*section.table.columns, *(c for r in section.table.rows for c in r)]:
                assert squash(plain_md(cell)) in mine, (section.id, cell)
    for source in built.briefing.sources:
        assert squash(source.title) in parts["sources"]


def test_the_summary_and_every_body_are_in_the_web_page_and_the_pdf(built: Built) -> None:
    parts = html_parts(built.html)
    pdf = squash(pdf_flow(built.pdf))
    for piece in pieces(built.briefing.summary):
        assert piece in parts["summary"] and piece in pdf, piece
    for section in built.briefing.sections:
        for piece in pieces(section.body):
            assert piece in parts[section.id], (section.id, piece)
            assert piece in pdf, (section.id, piece)


def test_the_summary_and_every_body_are_in_the_speaker_notes(built: Built) -> None:
    # -- the deck carries prose as notes: the summary under one slide near the front (the
    #    executive summary), a section's body under its slide unless the section gives
    #    notes of its own --
    deck = slides(built.pptx)
    notes = {squash(str(s["title"])): squash(str(s["notes"])) for s in deck[1:-1]}
    for piece in pieces(built.briefing.summary):
        said = [i for i, s in enumerate(deck) if piece in squash(str(s["notes"]))]
        assert said and said[0] < 3, piece
    # -- a section the source leaves out of the deck (`deck: omit`) is the briefing's --
    for section in [s for s in built.briefing.sections if s.deck != "omit"]:
        said = notes[squash(plain_md(section.headline))]
        for piece in pieces(section.notes or section.body):
            assert piece in said, (section.id, piece)


def test_every_headline_is_a_slide_title_and_every_point_is_on_a_slide(built: Built) -> None:
    deck = slides(built.pptx)
    titles = [squash(str(s["title"])) for s in deck]
    everything = squash("\n".join(slide_text(s) for s in deck))
    for section in [s for s in built.briefing.sections if s.deck != "omit"]:
        assert squash(plain_md(section.headline)) in titles, section.id
        for point in section.points:
            assert squash(plain_md(point)) in everything, (section.id, point)


def test_every_takeaway_table_cell_and_source_is_on_the_slides(built: Built) -> None:
    deck = slides(built.pptx)
    everything = squash("\n".join(slide_text(s) for s in deck))
    for takeaway in built.briefing.takeaways:
        assert squash(plain_md(takeaway)) in everything
    for section in built.briefing.sections:
        if section.table:
            table_cells = [
                squash(cell) for s in deck for t in s["tables"] for row in t for cell in row
            ]  # type: ignore[attr-defined]
            for cell in [*section.table.columns, *(c for r in section.table.rows for c in r)]:
                assert squash(plain_md(cell)) in table_cells, cell
    for source in built.briefing.sources:
        assert squash(source.title) in everything
