"""What a reader sees on the PDF: cover, contents, running heads, chapters, tables, sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import LONG_TABLE, MUSE_SPARK, Builds, Built, one_line, straight


@pytest.fixture(params=[MUSE_SPARK, LONG_TABLE], ids=lambda p: p.stem)
def built(request: pytest.FixtureRequest, builds: Builds) -> Built:
    source: Path = request.param
    return builds.with_contents(source)  # -- these tests read the contents page --


@pytest.fixture
def long_table(builds: Builds) -> Built:
    """The long table's briefing, with its contents page (page numbers below count it)."""
    return builds.with_contents(LONG_TABLE)


# -- the dates the long-table fixture gives its sources, as an English reader sees them --
WRITTEN_DATES = {"2026-01-15": "15 January 2026", "2026-02-20": "20 February 2026"}


def openings(built: Built) -> dict[str, int]:
    """Each part's title -> the page where its heading is (under its kicker line)."""
    kickers = {"Executive summary": "BOTTOM LINE UP FRONT", "Sources": "REFERENCES"}
    for number, section in enumerate(built.briefing.sections, start=1):
        # -- a section of our own analysis says so after its number --
        kickers[section.title] = f"SECTION {number}" + (
            " · OUR ANALYSIS" if section.analysis else ""
        )
    return {
        title: built.page_of(f"{kicker} {straight(title)}") for title, kicker in kickers.items()
    }


def contents_entries(built: Built) -> dict[str, int]:
    """Contents page entries: title -> page number printed after the leaders."""
    entries = {}
    for line in built.pages[1].splitlines():
        match = re.fullmatch(r"(?:\d+ )?(.+?)\s*(?:\. ?)+\s*(\d+)", line.strip())
        if match:
            entries[match.group(1)] = int(match.group(2))
    return entries


def test_cover_has_the_particulars_and_no_running_head_or_footer(built: Built) -> None:
    b = built.briefing
    cover = one_line(built.pages[0])
    day = f"{b.date.day} {b.date:%B %Y}"  # -- both briefings are in English: 26 November 2026 --
    for text in (b.title, b.subtitle, day, b.author, b.audience):
        assert text and text in cover, text
    assert b.classification and b.classification.upper() in cover.upper()
    # -- the running head sets the title in capitals, the footer says "Page x of y" --
    assert "Page" not in cover
    assert b.title.upper() not in cover


def test_every_page_after_the_cover_has_classification_and_page_x_of_y(built: Built) -> None:
    b = built.briefing
    assert b.classification
    count = len(built.pages)
    for number, text in enumerate(built.pages[1:], start=2):
        assert f"Page {number} of {count}" in text, number
        assert b.classification.upper() in text, number
        assert b.title.upper() in one_line(text), number


def test_contents_page_numbers_are_where_the_parts_start(built: Built) -> None:
    entries = contents_entries(built)
    steps = ["Next steps"] if built.briefing.next_steps else []
    parts = ["Executive summary", *(s.title for s in built.briefing.sections), *steps, "Sources"]
    assert list(entries) == parts
    starts = openings(built)
    if steps:  # -- no kicker over next steps: its page is its bookmark's, checked elsewhere --
        starts["Next steps"] = dict(built.outline())["Next steps"]
    assert entries == starts


def test_every_contents_entry_is_a_link_to_its_part(built: Built) -> None:
    steps = ["next_steps"] if built.briefing.next_steps else []
    ids = ["summary", *(s.id for s in built.briefing.sections), *steps, "sources"]
    assert built.links(2) == ids
    entries = list(contents_entries(built).values())
    assert [built.destination_page(name) for name in ids] == entries


def test_executive_summary_comes_before_the_sections_with_its_takeaways(built: Built) -> None:
    starts = openings(built)
    summary = starts["Executive summary"]
    # -- before the first section, or on its page above it when sections flow --
    assert summary <= starts[built.briefing.sections[0].title]
    page = straight(one_line(built.pages[summary - 1]))
    assert "KEY TAKEAWAYS" in page
    for takeaway in built.briefing.takeaways:
        assert built.plain(takeaway) in page, takeaway


def test_each_section_opens_with_title_headline_and_key_points_on_one_page(built: Built) -> None:
    starts = openings(built)
    for section in built.briefing.sections:
        page = straight(one_line(built.pages[starts[section.title] - 1]))
        assert built.plain(section.headline) in page, section.id
        assert "KEY POINTS" in page
        for point in section.points:
            assert built.plain(point) in page, point


def test_running_head_names_the_current_section_on_a_continued_page(long_table: Built) -> None:
    start = openings(long_table)["Pilot status"]
    continued = long_table.pages[start]  # -- the table runs on to the next page --
    assert "SECTION" not in continued
    assert "Region 45" in one_line(" ".join(long_table.pages[start:]))
    assert "Pilot status" in continued


def test_table_header_row_repeats_on_every_page_the_table_spans(long_table: Built) -> None:
    rows = long_table.briefing.sections[0].table
    assert rows is not None
    pages = {long_table.page_of(row[0], start=2) for row in rows.rows}
    assert len(pages) > 1
    for page in pages:
        assert "Region Pilot Owner Status" in long_table.pages[page - 1], page


def test_table_rows_are_never_split_across_pages(long_table: Built) -> None:
    table = long_table.briefing.sections[0].table
    assert table is not None
    for row in table.rows:
        first = long_table.page_of(row[0], start=2)
        # -- the row's last words: "(pilot N)" --
        last = long_table.page_of(row[-1].rsplit(" ", 2)[-2] + " " + row[-1].rsplit(" ", 1)[-1])
        assert first == last, row[0]


def test_citation_numbers_in_the_text_match_the_sources_list(built: Built) -> None:
    sources = built.briefing.sources
    sources_page = openings(built)["Sources"]
    listed = straight(one_line(built.pages[sources_page - 1]))
    # -- a long address wraps anywhere: compare it with the line breaks taken out --
    squeezed = re.sub(r"\s+", "", built.pages[sources_page - 1])
    numbers = built.numbers()
    assert sorted(numbers.values()) == list(range(1, len(sources) + 1))
    for source in sources:
        assert f"[{numbers[source.id]}] {straight(source.title)}" in listed
        if source.publisher:
            assert source.publisher in listed, source.publisher
        if source.date:
            # -- an ISO date is written out like the edition's; other text as given --
            assert WRITTEN_DATES.get(source.date, source.date) in listed, source.date
        if source.url:
            assert source.url in squeezed
    body = " ".join(built.pages[2 : sources_page - 1])
    cited = {
        int(n) for group in re.findall(r"\[(\d+(?:, \d+)*)\]", body) for n in group.split(", ")
    }
    assert cited and cited <= set(range(1, len(sources) + 1))


def test_citation_markers_link_to_their_entry_in_the_sources(built: Built) -> None:
    sources_page = built.destination_page("sources")
    targets = {name for page in range(3, sources_page) for name in built.links(page)}
    cites = {name for name in targets if name.startswith("source-")}
    assert cites
    assert cites <= {f"source-{s.id}" for s in built.briefing.sources}
    assert {built.destination_page(name) for name in cites} == {sources_page}


def test_a_citation_of_two_sources_links_each_number_to_its_own_entry(long_table: Built) -> None:
    # -- the summary cites [@ops-report] alone, then [@finance-note; @ops-report] --
    numbers = long_table.numbers()
    page = long_table.page_of("funded from the savings")
    pair = f"[{numbers['finance-note']}, {numbers['ops-report']}]"
    assert pair in one_line(long_table.pages[page - 1])
    targets = [
        annot.get_object().get("/Dest")
        for annot in long_table.reader.pages[page - 1].get("/Annots", [])
    ]
    # -- every citation number shown on the page is a link of its own, the pair's second
    #    one included (the page may hold more than the summary when sections flow) --
    shown = [
        int(n)
        for group in re.findall(r"\[(\d+(?:, \d+)*)\]", one_line(long_table.pages[page - 1]))
        for n in group.split(", ")
    ]
    for source_id in ("finance-note", "ops-report"):
        assert targets.count(f"source-{source_id}") == shown.count(numbers[source_id])


def test_sources_are_numbered_in_the_order_they_are_first_cited(long_table: Built) -> None:
    # -- the fixture lists its sources in another order than it cites them --
    sources_page = openings(long_table)["Sources"]
    # -- the text before the Sources list (which may start mid-page when sections flow) --
    body = " ".join(long_table.pages[2:sources_page]).rsplit("REFERENCES", 1)[0]
    seen: list[int] = []
    for group in re.findall(r"\[(\d+(?:, \d+)*)\]", body):
        seen += [int(n) for n in group.split(", ") if int(n) not in seen]
    assert seen == list(range(1, len(seen) + 1))
    assert len(seen) == len(long_table.briefing.sources)
    listed = [s.id for s in long_table.briefing.sources]
    assert sorted(listed, key=long_table.numbers().get) != listed
