"""The PDF read page by page, as a partner reads a printed paper: each running head names
the part the page's top is in, a part's heading block never ends a page alone, a table keeps
its caption and says when it continues, and no page of the body is left largely blank.

Every check reads the built PDF back (lines and their positions, bookmarks), for the shipped
briefing (sections flow on), the example (a chapter a page), a long briefing of flowing
sections with tables and charts in both layouts, and a briefing in German.
"""

from __future__ import annotations

import shutil

import pytest

from _support_pages import Page, Paged
from briefing.look.theme import load_theme
from briefing.project import find_project
from support import FIXTURES, GERMAN, MUSE_SPARK, ROOT, Builds

EXAMPLE = ROOT / "examples" / "expansion"
LONG_FLOW = FIXTURES / "pages-long-flow.yaml"
CASES = ["muse-spark", "example", "long-flow", "long-chapters", "german"]


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
    return Paged(built, load_theme(project.theme_file))


def body_pages(paged: Paged) -> list[Page]:
    """The pages after the cover and the contents."""
    first = paged.parts[0][1]  # -- the executive summary opens the body --
    return [p for p in paged.pages if p.number >= first]


def test_each_running_head_names_the_part_at_the_top_of_its_page(paged: Paged) -> None:
    pages = body_pages(paged)
    assert len(pages) >= 2
    heads = {p.number: p.right_head.split(" · ")[0] for p in pages}
    expected = {p.number: paged.part_at_top(p) for p in pages}
    assert heads == expected
    assert all(heads.values()), "a page of the body has no running head"


def test_the_flowing_briefings_have_pages_that_open_in_mid_part(paged: Paged) -> None:
    """The case the running heads got wrong: a part starting lower on a page whose top
    continues the one before. The flowing briefings have such a page, so the test above
    covers it."""
    if paged.theme.sections != "flow":
        pytest.skip("a chapter a page: every part opens its own page")
    mixed = [
        p.number
        for p in body_pages(paged)
        if any(start == p.number and title not in p.opening() for title, start in paged.parts)
    ]
    assert mixed, "no page both continues a part and starts another"
