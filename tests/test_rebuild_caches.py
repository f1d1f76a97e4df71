"""What a build keeps between builds (compiled templates on disk, checked pictures and
fields' checks in the process) is never stale: an edit of each kind of input shows in the
next web page; and the preview's build writes the web page before it starts the PDF."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from briefing.build import Builder
from briefing.errors import BriefingError
from briefing.project import default_templates, find_project
from support import ROOT

MUSE = ROOT / "content"


@pytest.fixture
def muse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the Muse Spark project, its page template copied into templates/, and a
    cache folder of its own (where the compiled templates are kept)."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    shutil.copytree(MUSE, tmp_path / "content")
    (tmp_path / "templates").mkdir()
    shutil.copy(default_templates() / "briefing.html.j2", tmp_path / "templates")
    return tmp_path


def page_of(root: Path, *, builder: Builder | None = None) -> tuple[str, list[bytes]]:
    """Build the web page (with ``builder``, or a new one as a new process would): its
    visible text and the pictures it carries, decoded."""
    source = root / "content" / "muse-spark.yaml"
    out = root / "build"
    if builder is None:
        with Builder(find_project(root), parallel=False) as fresh:
            fresh.build(source, out_dir=out, formats=["html"])
    else:
        builder.build(source, out_dir=out, formats=["html"])
    html = (out / "muse-spark.html").read_text(encoding="utf-8")
    embedded = re.finditer(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    pictures = [base64.b64decode(m[1]) for m in embedded]
    return lxml.html.fromstring(html).text_content(), pictures


def test_an_edited_template_shows_though_its_compiled_form_is_kept(muse: Path) -> None:
    before, _ = page_of(muse)
    assert list((muse / "cache").glob("templates-*/*.cache")), "no compiled template kept"
    template = muse / "templates" / "briefing.html.j2"
    text = template.read_text(encoding="utf-8")
    assert "<body" in text
    template.write_text(text.replace("<body", "<p>Edited template words</p><body", 1), "utf-8")
    after, _ = page_of(muse)  # -- a new builder: the compiled cache on disk is read --
    assert "Edited template words" not in before
    assert "Edited template words" in after


def test_a_torn_compiled_template_is_compiled_again(muse: Path) -> None:
    before, _ = page_of(muse)
    for kept in (muse / "cache").glob("templates-*/*.cache"):
        kept.write_bytes(b"torn")
    again, _ = page_of(muse)
    assert again == before


def test_edits_of_picture_and_text_show_in_one_builders_next_pages(muse: Path) -> None:
    drawing = muse / "content" / "images" / "frontier.svg"
    source = muse / "content" / "muse-spark.yaml"
    with Builder(find_project(muse), parallel=False) as builder:
        _, pictures = page_of(muse, builder=builder)
        assert any(b"Muse Spark" in p for p in pictures)
        drawing.write_text(
            drawing.read_text(encoding="utf-8").replace(">Muse Spark<", ">Muse Redrawn<"), "utf-8"
        )
        _, pictures = page_of(muse, builder=builder)
        assert any(b"Muse Redrawn" in p for p in pictures)
        assert not any(b">Muse Spark<" in p for p in pictures)

        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("summary: |", "summary: |\n  Freshly edited words.", 1))
        words, _ = page_of(muse, builder=builder)
        assert "Freshly edited words." in words

        # -- a field edited to print nothing is refused, though its earlier text was checked --
        takeaway = '"**Not open-sourced**, unlike the Llama series [@article]"'
        assert takeaway in text
        source.write_text(text.replace(takeaway, '"[](https://example.com)"', 1))
        with pytest.raises(BriefingError, match="would print nothing"):
            page_of(muse, builder=builder)


def test_the_web_page_is_written_before_the_pdf_is_made(project: Path) -> None:
    source = project / "content" / "x.yaml"
    out = project / "build"
    seen: list[tuple[str, bool]] = []

    def first() -> None:
        page = (out / "x.html").read_text(encoding="utf-8")
        seen.append((lxml.html.fromstring(page).text_content(), (out / "x.pdf").exists()))

    with Builder(find_project(project)) as builder:
        built = builder.build(source, out_dir=out, web_page_first=first)
    assert len(seen) == 1
    words, pdf_made = seen[0]
    assert not pdf_made  # -- the web page came first --
    assert "x" in words.lower()
    assert {o.fmt for o in built.outputs if not o.skipped} == {"html", "pdf", "pptx"}
    assert (out / "x.pdf").read_bytes().startswith(b"%PDF")


def test_a_one_line_field_shows_its_edit_and_its_citations_new_numbers(muse: Path) -> None:
    from briefing.document.markup import Renderer

    source = muse / "content" / "muse-spark.yaml"
    text = source.read_text(encoding="utf-8")
    takeaway = '"**Not open-sourced**, unlike the Llama series [@article]"'
    assert takeaway in text
    with Builder(find_project(muse), parallel=False) as builder:
        page_of(muse, builder=builder)
        source.write_text(text.replace(takeaway, '"**Still closed**, unlike Llama [@article]"'))
        words, _ = page_of(muse, builder=builder)
    assert "Still closed, unlike Llama" in words
    assert "Not open-sourced" not in words
    # -- the same line, kept once rendered, under another numbering of the sources --
    line = "Closed, unlike Llama [@article]"
    first = Renderer({"article": 1}).inline(line)
    again = Renderer({"article": 3}).inline(line)
    assert ">1<" in first and ">3<" in again
