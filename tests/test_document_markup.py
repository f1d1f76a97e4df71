"""The Markdown of a content field, turned into HTML by the markup module directly: what
survives sanitising, how citations, footnotes and lists come out, and what is refused.
A few words of Markdown each, no briefing built."""

from __future__ import annotations

import lxml.html
import pytest

from briefing.document.markup import Renderer, breakable_url, plain, unsupported
from support import straight

NAMES = {"src": "Source 1: The article"}


@pytest.fixture
def md() -> Renderer:
    return Renderer({"src": 1}, NAMES)


def tags(html: str) -> list[str]:
    return [element.tag for element in lxml.html.fragment_fromstring(html, "div").iter()][1:]


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<iframe src='https://e.com'></iframe>",
        "<style>body{display:none}</style>",
        "<svg><script>alert(1)</script></svg>",
    ],
)
def test_raw_html_that_could_run_or_fetch_prints_as_typed_and_never_runs(
    md: Renderer, hostile: str
) -> None:
    # -- angle brackets are text (docs/characters.md): the reader sees what was typed, and
    #    the page holds no element or attribute of it --
    html = str(md.block(f"Before {hostile} after"))
    assert straight(plain(html)) == f"Before {hostile} after"
    assert set(tags(html)) == {"p"}


def test_a_link_keeps_only_a_web_address_and_no_handler(md: Renderer) -> None:
    html = str(md.block('[x](javascript:alert(1)) and [y](https://e.com "t")'))
    (link,) = lxml.html.fragment_fromstring(html, "div").iter("a")
    assert link.get("href") == "https://e.com"
    assert not any(name.startswith("on") for name in link.attrib)
    assert plain(html) == "x and y"  # -- the dead link is its text, not a link to nowhere --
    # -- a link written as raw HTML is text, not a link (angle brackets are text) --
    typed = '<a href="https://e.com" onclick="x()">y</a>'
    html = str(md.block(typed))
    assert list(lxml.html.fragment_fromstring(html, "div").iter("a")) == []
    assert straight(plain(html)) == typed


def test_a_citation_is_a_numbered_link_named_for_screen_readers(md: Renderer) -> None:
    html = str(md.inline("Demand rises [@src]."))
    (link,) = lxml.html.fragment_fromstring(html, "div").iter("a")
    assert link.text == "1"
    assert link.get("href") == "#source-src"
    assert link.get("aria-label") == NAMES["src"]


def test_inline_markdown_has_no_block_around_it(md: Renderer) -> None:
    html = str(md.inline("**Bold** and *em*"))
    assert tags(html) == ["strong", "em"]


def test_a_markdown_image_becomes_its_alt_text(md: Renderer) -> None:
    html = str(md.block("![a harbour crane](crane.png)"))
    assert plain(html) == "a harbour crane"
    assert "img" not in tags(html)


def test_footnote_ids_differ_between_fields_and_repeat_for_the_same_text(md: Renderer) -> None:
    first = str(md.block("One[^1].\n\n[^1]: A note."))
    second = str(md.block("Two[^1].\n\n[^1]: Another note."))
    again = str(md.block("One[^1].\n\n[^1]: A note."))

    def ids(html: str) -> set[str]:
        return {
            e.get("id") for e in lxml.html.fragment_fromstring(html, "div").iter() if e.get("id")
        }

    assert ids(first) and not ids(first) & ids(second)
    assert ids(first) == ids(again)


def test_speaker_notes_keep_list_markers(md: Renderer) -> None:
    assert md.notes("Intro\n\n- a\n- b\n\n1. x\n2. y") == "Intro\n• a\n• b\n1. x\n2. y"


def test_a_url_breaks_after_a_slash_but_never_inside_the_scheme() -> None:
    text = str(breakable_url("https://example.com/a/b?x=1"))
    assert text.startswith("https://example")
    assert text.replace("\u200b", "") == "https://example.com/a/b?x=1"
    assert "/\u200ba" in text


def test_a_chapter_level_heading_and_an_image_are_refused_where_prose_is() -> None:
    found = unsupported("# Top\n\ntext ![i](x.png)", block=True)
    assert [offset for offset, _, _ in found] == [0, 12]
    assert "level-1 heading" in found[0][1]
    assert "image" in found[1][1]


def test_a_heading_mark_in_a_one_line_field_is_not_a_heading() -> None:
    assert unsupported("# Top", block=False) == []
