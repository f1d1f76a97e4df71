"""A short paper reads short: the PDF's contents only where it earns its page (theme
`contents: auto`, at least `contents_min_sections` sections), a compact contents that shares
its page with the executive summary, headlines only on request, and a memo look with no
cover page. Read back from the built PDFs."""

from __future__ import annotations

import shutil

import lxml.html
import pytest

from _support_pages import pdf_layout
from briefing.look.theme import load_theme
from briefing.project import find_project
from readback import pieces, squash
from support import FIXTURES, MUSE_SPARK, ROOT, Builds, Built, one_line

LONG_FLOW = FIXTURES / "pages-long-flow.yaml"
THEME = ROOT / "templates" / "theme.yaml"


def test_the_shipped_theme_gives_contents_only_to_six_sections_or_more() -> None:
    theme = load_theme(THEME)
    assert (theme.contents, theme.contents_min_sections) == ("auto", 6)
    assert not theme.contents_headlines and theme.cover == "page"


def test_a_five_section_paper_has_no_contents_page_and_opens_with_its_summary(
    builds: Builds,
) -> None:
    muse = builds.of(MUSE_SPARK)
    assert len(muse.briefing.sections) <= 5
    assert not any(one_line(p).startswith("Contents") for p in muse.pages)
    assert dict(muse.outline())["Executive summary"] == 2
    # -- the web page keeps its contents rail: only the printed page goes --
    page = lxml.html.fromstring(muse.html.read_bytes())
    first = muse.briefing.sections[0].id
    assert page.xpath(f"//nav[@class='toc screen-only']//a[@href='#{first}']")


def test_a_long_paper_has_a_compact_contents_sharing_its_page_with_the_summary(
    builds: Builds,
) -> None:
    built = builds.of(LONG_FLOW)
    sections = built.briefing.sections
    assert len(sections) >= 6
    page = pdf_layout(built.pdf, load_theme(THEME))[1]
    lines = [line.text for line in page.body]
    assert lines[0] == "Contents"
    # -- titles and page numbers: each section's entry ends in the page its heading is on --
    starts = dict(built.outline())
    for section in sections:
        entry = next(t for t in lines if t.startswith(f"{section.title} ."))
        assert entry.endswith(f" {starts[section.title]}"), entry
    text = squash(" ".join(lines))
    assert not any(squash(s.headline) in text for s in sections)  # -- no headlines --
    assert starts["Executive summary"] == 2
    assert pieces(built.briefing.summary)[0][:30] in text


@pytest.mark.slow  # -- builds whole briefings: the full tier's --
def test_headlines_in_the_contents_on_request(builds: Builds) -> None:
    built = builds.with_contents(MUSE_SPARK)  # -- contents: always, contents_headlines: true --
    contents = squash(built.pages[1])
    assert all(squash(built.plain(s.headline))[:40] in contents for s in built.briefing.sections)


@pytest.fixture(scope="module")
def memo(builds: Builds, tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("memo")
    (folder / "templates").mkdir()
    theme = THEME.read_text(encoding="utf-8")
    assert "\ncover: page\n" in theme
    (folder / "templates" / "theme.yaml").write_text(
        theme.replace("\ncover: page\n", "\ncover: memo\n"), encoding="utf-8"
    )
    source = folder / MUSE_SPARK.name
    source.write_bytes(MUSE_SPARK.read_bytes())
    shutil.copytree(MUSE_SPARK.parent / "images", folder / "images")  # -- its pictures --
    return builds.of(source, project=find_project(folder))


@pytest.mark.slow  # -- builds whole briefings: the full tier's --
def test_the_memo_look_opens_with_a_title_block_and_the_summary_on_page_one(memo: Built) -> None:
    b = memo.briefing
    first = one_line(memo.pages[0])
    for text in (b.title, b.subtitle, b.author):
        assert text and text in first, text
    assert "Executive summary" in first
    assert pieces(b.summary)[0][:40] in squash(first)
    # -- no cover page: page 1 is a page of the paper, with its footer --
    assert f"Page 1 of {len(memo.pages)}" in first
    assert dict(memo.outline())["Executive summary"] == 1
