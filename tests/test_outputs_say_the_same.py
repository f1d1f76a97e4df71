"""Every section of a briefing is in every output, read back from the built files."""

from __future__ import annotations

import pytest

from conftest import Built
from readback import pdf_outline, pdf_pages, plain_md, slide_text, slides, squash

BRIEFINGS = ["muse", "harbour"]


@pytest.fixture(params=BRIEFINGS)
def built(request: pytest.FixtureRequest) -> Built:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


def test_muse_spark_has_the_sections_the_briefing_promises(muse: Built) -> None:
    ids = [s.id for s in muse.briefing.sections]
    assert {"lab", "model", "pivot", "market", "outlook"} <= set(ids)
    market = next(s for s in muse.briefing.sections if s.id == "market")
    assert market.table is not None
    # -- the table sets Meta's two tracks side by side, on the four points the article covers --
    assert market.table.columns[1:] == ["Llama", "Muse Spark"]
    assert [row[0] for row in market.table.rows] == ["Licence", "Access", "Audience", "Role"]


def test_every_section_title_and_headline_is_in_the_pdf(built: Built) -> None:
    text = squash("".join(pdf_pages(built.pdf)))
    outline = pdf_outline(built.pdf)
    for section in built.briefing.sections:
        assert section.title in outline, f"no bookmark for {section.id}"
        assert squash(plain_md(section.headline)) in text, section.id
        for point in section.points:
            assert squash(plain_md(point)) in text, (section.id, point)


def test_every_takeaway_table_cell_and_source_is_in_the_pdf(built: Built) -> None:
    text = squash("".join(pdf_pages(built.pdf)))
    for takeaway in built.briefing.takeaways:
        assert squash(plain_md(takeaway)) in text
    for section in built.briefing.sections:
        if section.table:
            for cell in [*section.table.columns, *(c for r in section.table.rows for c in r)]:
                assert squash(plain_md(cell)) in text, cell
    for source in built.briefing.sources:
        assert squash(source.title) in text


def test_every_section_is_in_the_web_page(built: Built) -> None:
    html = built.html.read_text(encoding="utf-8")
    for section in built.briefing.sections:
        assert f'id="{section.id}"' in html
        assert section.title in html


def test_every_headline_is_a_slide_title_and_every_point_is_on_a_slide(built: Built) -> None:
    deck = slides(built.pptx)
    titles = [squash(str(s["title"])) for s in deck]
    everything = squash("\n".join(slide_text(s) for s in deck))
    for section in built.briefing.sections:
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
