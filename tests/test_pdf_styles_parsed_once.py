"""The PDF stage parses a document's stylesheet once per process: what it typesets is
the same whatever it typeset before, and a template's own ways of giving styles (a
print-only sheet, an !important style attribute) are honoured as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.content import source, validate
from briefing.content.model import Briefing
from briefing.pdf import typeset as stage
from briefing.project import find_project
from briefing.proof.readback import pdf_text
from support import FIXTURES, VALID

PROJECT = find_project(VALID.parent)


def _briefing(path: Path = VALID) -> Briefing:
    return validate.validate(source.load(path))


def _pdf(html: str, briefing: Briefing | None = None) -> bytes:
    briefing = briefing or _briefing()
    return stage.typeset(html, briefing=briefing, allowed=PROJECT.allowed_reads()).data


def _page(head: str, body: str) -> str:
    return f'<!DOCTYPE html><html lang="en"><head>{head}</head><body>{body}</body></html>'


def test_a_document_typeset_after_others_is_the_pdf_it_is_alone() -> None:
    from briefing import build

    first = build.prepare(PROJECT, VALID)
    other = build.prepare(find_project(FIXTURES), FIXTURES / "briefing_in_german.yaml")
    html, other_html = build.document_html(first), build.document_html(other)
    stage._stylesheets.cache_clear()
    alone = _pdf(html, first.briefing)
    after = _pdf(other_html, other.briefing)  # -- another language and labels, one theme --
    assert _pdf(html, first.briefing) == alone
    stage._stylesheets.cache_clear()
    assert _pdf(other_html, other.briefing) == after
    assert "Seite 3 von 3" in pdf_text(after)


@pytest.mark.parametrize(
    ("head", "body", "shown", "hidden"),
    [
        (
            "<style>.gone { display: none }</style>",
            '<p class="gone">GONE</p><p>KEPT</p>',
            "KEPT",
            "GONE",
        ),
        (
            '<style media="print">.gone { display: none }</style>',
            '<p class="gone">GONE</p><p>KEPT</p>',
            "KEPT",
            "GONE",
        ),
        (
            '<style media="screen">.gone { display: none }</style>',
            '<p class="gone">SHOWN</p>',
            "SHOWN",
            "",
        ),
        (
            # -- the style attribute's !important wins over the sheet's, as in a browser --
            "<style>p { display: none !important }</style>",
            '<p style="display: block !important">KEPT</p><p>GONE</p>',
            "KEPT",
            "GONE",
        ),
        (
            # -- a template's own version of a counter style WeasyPrint has too --
            '<style>@counter-style upper-roman { system: cyclic; symbols: "Q"; suffix: ". "; }'
            " ol { list-style: upper-roman }</style>",
            "<ol><li>first</li></ol>",
            "Q.",
            "I.",
        ),
    ],
    ids=["plain", "print-only", "screen-only", "important-attribute", "own-roman-numerals"],
)
def test_a_template_s_styles_apply_as_written(
    head: str, body: str, shown: str, hidden: str
) -> None:
    for _ in range(2):  # -- the second time from what the first parsed --
        text = pdf_text(_pdf(_page(head, body)))
        assert shown in text
        assert not hidden or hidden not in text


def test_a_stylesheet_a_template_imports_is_read_again_when_it_changes(tmp_path: Path) -> None:
    imported = tmp_path / "extra.css"
    page = _page('<style>@import url("extra.css");</style>', "<p>ALPHA</p><p>BETA</p>")
    allowed = [tmp_path, *PROJECT.allowed_reads()]
    texts = []
    for hidden in ("ALPHA", "BETA"):
        imported.write_text(f"p:nth-child({1 if hidden == 'ALPHA' else 2}) {{ display: none }}")
        pdf = stage.typeset(page, briefing=_briefing(), allowed=allowed).data
        texts.append(pdf_text(pdf))
    assert "ALPHA" not in texts[0] and "BETA" in texts[0]
    assert "ALPHA" in texts[1] and "BETA" not in texts[1]
