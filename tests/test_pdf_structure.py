"""The PDF's structure, read back with pypdf: bookmarks, metadata, language, tagging, fonts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf.generic import DictionaryObject

from briefing.look.fonts import document_font_faces
from briefing.look.theme import load_theme
from support import LONG_TABLE, MUSE_SPARK, ROOT, Builds, Built


@pytest.fixture(params=[MUSE_SPARK, LONG_TABLE], ids=lambda p: p.stem)
def built(request: pytest.FixtureRequest, builds: Builds) -> Built:
    source: Path = request.param
    return builds.with_contents(source)  # -- the contents' heading and links are counted --


def test_bookmarks_are_the_summary_each_section_and_the_sources(built: Built) -> None:
    titles = [title for title, _ in built.outline()]
    sections = [section.title for section in built.briefing.sections]
    steps = ["Next steps"] if built.briefing.next_steps else []
    assert titles == ["Executive summary", *sections, *steps, "Sources"]
    # -- one level only: no heading inside the prose adds a bookmark under a section --
    assert not any(isinstance(item, list) for item in built.reader.outline)


def test_each_bookmark_opens_the_page_where_its_part_starts(built: Built) -> None:
    for title, page in built.outline():
        # -- the part's heading is on that page; parts come in order (chapters may share
        #    a page when the theme lets sections flow) --
        assert title in built.pages[page - 1].replace("\n", " "), (title, page)
    pages = [page for _, page in built.outline()]
    assert pages == sorted(pages)


def test_metadata_comes_from_the_content_not_the_clock(built: Built) -> None:
    meta = built.reader.metadata
    assert meta is not None
    b = built.briefing
    assert meta.title == b.title
    assert meta.author == b.author
    assert meta.subject == (b.subtitle or b.title)
    assert meta["/Keywords"] == ", ".join(section.title for section in b.sections)
    day = b.date.strftime("D:%Y%m%d")
    assert meta["/CreationDate"].startswith(day)
    assert meta["/ModDate"].startswith(day)


def test_document_language_is_the_contents_language(built: Built) -> None:
    assert built.reader.trailer["/Root"]["/Lang"] == built.briefing.language


def test_pdf_is_tagged_and_claims_pdf_ua_1(built: Built) -> None:
    root = built.reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert isinstance(root["/StructTreeRoot"].get_object(), DictionaryObject)
    # -- PDF/UA: a viewer shows the title, not the file name --
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp
    assert built.briefing.title in xmp


def test_only_the_source_fonts_are_used_and_all_are_embedded(built: Built) -> None:
    names = set()
    for page in built.reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            names.add(str(font["/BaseFont"]).split("+", 1)[1])
    families = {name.rsplit("-Pro", 1)[0] + "-Pro" for name in names}
    assert families == {"Source-Serif-Pro", "Source-Sans-Pro"}, names


def test_theme_names_exactly_the_families_the_pdf_loads() -> None:
    theme = load_theme(ROOT / "templates" / "theme.yaml")
    families = set(re.findall(r'font-family: "([^"]+)"', document_font_faces()))
    assert families == {theme.fonts.body, theme.fonts.heading}


def structure_roles(built: Built) -> list[str]:
    """The structure tree's roles in reading order."""
    roles: list[str] = []
    stack = [built.reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        if not isinstance(node, DictionaryObject):
            continue
        if "/S" in node:
            roles.append(str(node["/S"]))
        kids = node.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        stack.extend(reversed([kid.get_object() for kid in kids if hasattr(kid, "get_object")]))
    return roles


def test_tags_give_the_outline_and_the_tables_headers(built: Built) -> None:
    roles = structure_roles(built)
    assert roles.count("/H1") == 1  # -- the title --
    # -- contents, summary, each section, next steps if any, sources --
    steps = 1 if built.briefing.next_steps else 0
    assert roles.count("/H2") == len(built.briefing.sections) + 3 + steps
    tables = sum(1 for s in built.briefing.sections if s.table)
    # -- WeasyPrint tags each page's part of a long table as a table of its own --
    assert (roles.count("/Table") >= tables) and (tables == 0) == ("/Table" not in roles)
    assert roles.count("/TH") >= sum(
        len(s.table.columns) + len(s.table.rows) for s in built.briefing.sections if s.table
    )
    assert "/Link" in roles
