"""The PDF read page by page, as a partner reads a printed paper: each running head names
the part the page's top is in, a part's heading block never ends a page alone, a table keeps
its caption and says when it continues, and no page of the body is left largely blank.

Every check reads the built PDF back (lines and their positions, bookmarks), for the shipped
briefing (sections flow on), the example (a chapter a page), a long briefing of flowing
sections with tables and charts in both layouts, and a briefing in German.
"""

from __future__ import annotations

import itertools
import shutil

import pytest

from _support_pages import Page, Paged, normal, opens_with
from briefing.look.labels import LABELS_FILE, load_labels
from briefing.look.theme import load_theme
from briefing.project import find_project
from readback import pieces, plain_md, squash
from support import FIXTURES, GERMAN, MUSE_SPARK, ROOT, Builds

EXAMPLE = ROOT / "examples" / "expansion"
LONG_FLOW = FIXTURES / "pages-long-flow.yaml"
# -- a chapter a page is typeset for this module alone: the full tier's (the others are
#    built for other modules of the edit loop too) --
CASES = [
    "muse-spark",
    "example",
    "long-flow",
    pytest.param("long-chapters", marks=pytest.mark.slow),
    "german",
]


@pytest.fixture(scope="module", params=CASES)
def paged(
    request: pytest.FixtureRequest, builds: Builds, tmp_path_factory: pytest.TempPathFactory
) -> Paged:
    case: str = request.param
    if case == "example":
        project = find_project(EXAMPLE)
        built = builds.of(EXAMPLE / "content" / "expansion.yaml", project=project)
    elif case == "long-chapters":
        # -- the same long briefing, a chapter a page: a project whose theme says so --
        folder = tmp_path_factory.mktemp("long-chapters")
        (folder / "templates").mkdir()
        theme = (ROOT / "templates" / "theme.yaml").read_text(encoding="utf-8")
        assert "sections: flow" in theme
        (folder / "templates" / "theme.yaml").write_text(
            theme.replace("sections: flow", "sections: page"), encoding="utf-8"
        )
        source = folder / LONG_FLOW.name
        shutil.copy(LONG_FLOW, source)
        project = find_project(folder)
        built = builds.of(source, project=project)
    else:
        source = {"muse-spark": MUSE_SPARK, "long-flow": LONG_FLOW, "german": GERMAN}[case]
        project = find_project(ROOT)
        built = builds.of(source, project=project)
    labels = load_labels(project.template_file(LABELS_FILE) or ROOT, built.briefing.language)
    return Paged(built, load_theme(project.theme_file), labels)


def body_pages(paged: Paged) -> list[Page]:
    """The pages after the cover and the contents."""
    first = paged.parts[0][1]  # -- the executive summary opens the body --
    return [p for p in paged.pages if p.number >= first]


@pytest.mark.slow  # -- builds whole briefings: the full tier's --
def test_each_running_head_names_the_part_at_the_top_of_its_page(paged: Paged) -> None:
    pages = body_pages(paged)
    assert len(pages) >= 2
    heads = {p.number: p.right_head.split(" · ")[0] for p in pages}
    contents = paged.labels.words["contents"]
    # -- a compact contents shares its page with the summary: that page's top is the contents --
    expected = {
        p.number: contents if p.opening(1) == contents else paged.part_at_top(p) for p in pages
    }
    assert heads == expected
    assert all(heads.values()), "a page of the body has no running head"


def test_parts_open_mid_page_when_flowing_and_on_their_own_page_when_not(paged: Paged) -> None:
    """The case the running heads got wrong is a part starting lower on a page whose top
    continues the one before: each flowing briefing has such a page, so the test above
    covers it. A chapter a page has none: every part opens its page (the summary may sit
    under a compact contents, as the head test says)."""
    contents = paged.labels.words["contents"]
    mixed = [
        p.number
        for p in body_pages(paged)
        if p.opening(1) != contents
        and any(start == p.number and not opens_with(p, title) for title, start in paged.parts)
    ]
    if paged.theme.sections == "flow":
        assert mixed, "no page both continues a part and starts another"
    else:
        assert mixed == [], f"parts that do not open their page: pages {mixed}"


def first_words(markdown: str) -> str:
    """The first words a block of Markdown shows, squashed (readback.squash)."""
    return pieces(markdown)[0][:24]


def page_text(page: Page) -> str:
    return normal(" ".join(line.text for line in page.body))


def test_no_heading_block_ends_a_page_without_the_first_lines_after_it(paged: Paged) -> None:
    """A part's kicker, title, lead and key points are on the page where its body begins."""
    b = paged.built.briefing
    starts = dict(paged.parts)
    openings = {normal(s.title): first_words(s.body) for s in b.sections}
    openings[normal(paged.parts[0][0])] = first_words(b.summary)  # -- the executive summary --
    apart = {
        title: starts[title]
        for title, words in openings.items()
        if words not in squash(page_text(paged.pages[starts[title] - 1]))
    }
    assert apart == {}, "heading block on one page, its first lines on the next"


def section_tables(paged: Paged) -> list[tuple[str, str, list[str], list[list[str]]]]:
    """Each section's table: its number as printed ("Table 2"), its caption, columns, rows."""
    found: list[tuple[str, str, list[str], list[list[str]]]] = []
    for section in paged.built.briefing.sections:
        if section.table:
            label = f"{paged.labels.words['table']} {len(found) + 1}"
            caption = normal(plain_md(section.table.caption or ""))
            found.append((label, caption, section.table.columns, section.table.rows))
    return found


def page_with(paged: Paged, text: str, start: int = 1) -> int:
    """The first page from ``start`` whose body has ``text``."""
    for page in paged.pages[start - 1 :]:
        if text in page_text(page):
            return page.number
    raise AssertionError(f"{text!r} is on no page")


def test_a_table_caption_and_header_row_are_on_the_page_of_its_first_row(paged: Paged) -> None:
    checked = 0
    for label, caption, columns, rows in section_tables(paged):
        # -- "Table 2 The caption": the number, then the caption's first words --
        heading = normal(f"{label} {' '.join(caption.split()[:4])}")
        at = page_with(paged, heading, paged.parts[0][1])
        body = page_text(paged.pages[at - 1])
        after = body[body.index(heading) :]
        assert normal(plain_md(columns[0])) in after, label
        assert normal(plain_md(rows[0][0])) in after, label
        checked += 1
    assert checked or not any(s.table for s in paged.built.briefing.sections)


def test_a_table_that_breaks_says_continued_on_each_page_it_runs_on_to(paged: Paged) -> None:
    said = {p.number: p.right_head.split(" · ", 1)[1] for p in paged.pages if " · " in p.right_head}
    expected = {}
    for label, caption, _columns, rows in section_tables(paged):
        first = page_with(paged, normal(f"{label} {' '.join(caption.split()[:4])}"))
        last = page_with(paged, normal(plain_md(rows[-1][0])), first)
        for number in range(first + 1, last + 1):
            expected[number] = f"{label} ({paged.labels.words['continued']})"
    assert said == expected


def test_no_page_of_the_body_is_more_than_a_third_blank_unless_a_part_ends_on_it(
    paged: Paged,
) -> None:
    pages = body_pages(paged)
    starts = {start for _, start in paged.parts}
    blank = {
        page.number: round(page.blank_below, 2)
        for page, after in itertools.pairwise(pages)
        if page.blank_below > 1 / 3
        # -- a part ends here when the next page opens with the next part's heading --
        and not (after.number in starts and opens_with(after, paged.part_at_top(after)))
    }
    assert blank == {}
