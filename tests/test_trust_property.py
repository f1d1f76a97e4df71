"""Thousands of generated sources through load, validate and render: only BriefingError escapes.

Sources are generated two ways: YAML dumped from structures shaped like the content
format (with wrong types, missing and extra fields, hostile text), and the valid
minimal source with snippets spliced in at random places (broken YAML included).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml
from hypothesis import event, given, reject, settings
from hypothesis import strategies as st

from briefing.content import source, validate
from briefing.content.model import Briefing
from briefing.deck.slides import parse_slides
from briefing.document import render
from briefing.errors import BriefingError
from briefing.look.theme import load_theme
from briefing.project import find_project
from support import ROOT, VALID

PROJECT = find_project(ROOT)
THEME = load_theme(PROJECT.theme_file)
TEMPLATES = render.Templates(PROJECT.template_dirs)
BASE = VALID.read_text()

# -- content that must build: markup, template syntax and unusual but allowed characters --
BENIGN = [
    "<script>alert(1)</script>",
    "<img src=http://127.0.0.1:9/x>",
    "<a href='javascript:x'>j</a>",
    "<style>*{}</style>",
    "<svg onload=x>",
    "]]>",
    "&amp;",
    "{{ 7*7 }}",
    "{% for x in y %}",
    "{#",
    "[@src]",
    "[@",
    "**",
    "__",
    "`",
    "|",
    "#",
    "\\",
    '"',
    "'",
    "*",
    "[x](file:///etc/passwd)",
    "\u200b",
    "\ufeff",
    "e\u0301",
    "שלום",
    "مرحبا",
    "👩\u200d💻",
    "\t",
    "010",
    "NO",
    "12:30",
    "~",
    "null",
    "1e400",
    "...",
    "&#x200B;",
    "&#233;",
]
# -- what must be refused with a message: control and bidi characters, breaks in a line,
#    YAML's own signs, and Markdown that would hide text or show a picture in running text --
HOSTILE = [
    "\n",
    "\x0b",
    "\x1b",
    "\x00",
    "\x85",
    "\ufffe",
    "\u202e",
    "\u2028",
    "\U0001fffe",
    "\ud800",
    "[@nope]",
    "2026-13-01",
    "---",
    "- ",
    ": ",
    "? ",
    "!!str",
    "&a",
    "&#11;",
    "&#0;",
    "&#x202e;",
    "&#xFFFE;",
    "&#55296;",
    "<!--",  # -- would hide what follows: refused, never printed as typed --
    "![x](http://127.0.0.1:9/)",  # -- a picture belongs in figures: refused in text --
]
SNIPPETS = BENIGN + HOSTILE
letters = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12
)
line = (
    st.lists(st.one_of(st.sampled_from(BENIGN), letters), min_size=1, max_size=5)
    .map("".join)
    .filter(lambda t: t.strip() != "")
)
text = st.lists(
    st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=12)), min_size=1, max_size=6
).map("".join)
other = st.one_of(
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(),
    st.dates(),
    st.lists(text, max_size=2),
    st.dictionaries(text, text, max_size=2),
)


def shaped(
    field: st.SearchStrategy[Any],
    slug: st.SearchStrategy[Any],
    many: int = 7,
    *,
    square: bool = False,
) -> st.SearchStrategy[Any]:
    """Documents shaped like the content format, with ``field`` for every text; ``square``:
    shaped as a valid briefing is (a cell a column in every row, one section an id)."""

    def table(columns: int | None) -> st.SearchStrategy[Any]:
        """A table of ``columns`` columns and as many cells a row, or (None) of any."""

        def cells() -> st.SearchStrategy[Any]:
            return st.lists(field, min_size=columns or 1, max_size=columns or many + 2)

        return st.fixed_dictionaries(
            {"columns": cells(), "rows": st.lists(cells(), min_size=1, max_size=4)},
            optional={"caption": field},
        )

    tables = st.integers(1, many + 2).flatmap(table) if square else table(None)
    section = st.fixed_dictionaries(
        {
            "id": slug,
            "title": field,
            "headline": field,
            "body": field,
            "points": st.lists(field, min_size=1, max_size=many + 3),
        },
        optional={"notes": field, "table": tables},
    )
    reference = st.fixed_dictionaries(
        {"id": st.just("src"), "title": field},
        optional={"url": st.just("https://example.com/a"), "publisher": field, "date": field},
    )
    return st.fixed_dictionaries(
        {
            "title": field,
            "date": st.one_of(st.just(dt.date(2026, 11, 26)), st.dates()),
            "author": field,
            "summary": field,
            "takeaways": st.lists(field, min_size=1, max_size=many),
            "sections": st.lists(
                section, min_size=1, max_size=3, unique_by=(lambda d: d["id"]) if square else None
            ),
            "sources": st.lists(reference, min_size=1, max_size=1),
        },
        optional={
            "subtitle": field,
            "classification": field,
            "audience": field,
            "language": st.sampled_from(["en", "de-DE", "he", "x", "", "en-"]),
        },
    )


slugs = st.sampled_from(["lab", "market", "a-b", "x1", "lab", "Bad Id", ""])
good = shaped(line, st.sampled_from(["lab", "market", "a-b", "x1"]), many=5, square=True)
wild = shaped(st.one_of(line, line, text, other), st.one_of(slugs, text, other))
wild = st.one_of(wild, st.dictionaries(st.one_of(text, st.just("titel")), st.one_of(text, other)))


def _dumped(doc: dict[str, Any]) -> bytes:
    try:
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        reject()
    return text.encode("utf-8", "surrogatepass")


@st.composite
def spliced(draw: st.DrawFn) -> bytes:
    """The valid minimal source with a few snippets inserted or ranges deleted."""
    text = BASE
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(SNIPPETS) | st.text(max_size=8)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
    return text.encode("utf-8", "surrogatepass")


good_sources = st.one_of(good.map(_dumped), good.map(_dumped), spliced())


def _loaded(raw: bytes) -> Briefing | None:
    """Load and validate; a BriefingError must name the file and say something."""
    try:
        return validate.validate(source.parse(raw, path=Path("gen.yaml"), name="gen.yaml"))
    except BriefingError as err:
        event("refused with a message")
        assert err.problems
        assert all(p.file == "gen.yaml" and p.message and p.hint for p in err.problems), err
        return None


UNSAFE_TAGS = {"script", "iframe", "object", "embed", "img", "svg", "link", "form", "base"}


def _unsafe(markup: str) -> list[str]:
    """Elements that run or fetch, event handlers, and links to local files or scripts."""
    found = []
    for element in lxml.html.document_fromstring(markup).iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in UNSAFE_TAGS:
            found.append(element.tag)
        for name, value in element.attrib.items():
            scheme = value.strip().lower().split(":", 1)[0]
            if name.startswith("on") or name in {"src", "data", "action", "srcset"}:
                found.append(f"{element.tag}[{name}]")
            elif name == "href" and scheme in {"javascript", "file", "data", "vbscript"}:
                found.append(f"{element.tag}[href={value}]")
    return found


def _document(briefing: Briefing) -> str:
    """The web page's HTML (the PDF's source), which must run and fetch nothing."""
    html = render.render_document(briefing, theme=THEME, templates=TEMPLATES, name="gen")
    assert _unsafe(html) == []
    return html


def _deck(briefing: Briefing) -> str:
    """The deck's slide description, which must run and fetch nothing."""
    deck = render.render_deck(briefing, theme=THEME, templates=TEMPLATES, name="gen")
    assert _unsafe(deck) == []
    return deck


# -- how many examples each property gets, relative to the Hypothesis profile conftest.py
#    loads (dev: 50, while editing; HYPOTHESIS_PROFILE=ci: 200, in `make test`): parsing is
#    cheap, a deck is dearer, a PDF dearer still. The rendering properties count valid
#    sources: `good` is shaped as a valid briefing is, and about half its examples are
#    (a quarter were, before its tables were square and its ids unique) --
N = settings.default.max_examples


@settings(max_examples=4 * N)
@given(spliced())
def test_load_and_validate_of_spliced_sources_let_only_briefing_error_escape(raw: bytes) -> None:
    _loaded(raw)


@settings(max_examples=N)
@given(wild.map(_dumped))
def test_load_and_validate_of_wild_structures_let_only_briefing_error_escape(raw: bytes) -> None:
    _loaded(raw)


@settings(max_examples=3 * N // 4)
@given(good_sources)
def test_rendering_lets_only_briefing_error_escape_and_runs_no_markup(raw: bytes) -> None:
    briefing = _loaded(raw)
    if briefing is None:
        return
    event("valid: rendered")
    try:
        _document(briefing)
        parse_slides(_deck(briefing), template=render.DECK_TEMPLATE)
    except BriefingError:
        pass


@pytest.mark.slow
@settings(max_examples=max(5, N // 10))
@given(good.map(_dumped))
def test_the_deck_writer_lets_only_briefing_error_escape(raw: bytes) -> None:
    from briefing.deck.writer import write_deck

    briefing = _loaded(raw)
    if briefing is None:
        return
    # -- only the deck is rendered: the page's markup is the property above --
    try:
        slides = parse_slides(_deck(briefing), template=render.DECK_TEMPLATE)
        write_deck(
            slides,
            briefing=briefing,
            theme=THEME,
            template=render.DECK_TEMPLATE,
            continued="continued",
        )
    except BriefingError:
        pass


@pytest.mark.slow
@settings(max_examples=max(2, N // 40))
@given(good.map(_dumped))
def test_the_pdf_writer_takes_generated_sources(raw: bytes) -> None:
    from briefing.pdf.typeset import typeset

    briefing = _loaded(raw)
    if briefing is None:
        return
    _deck(briefing)  # -- a valid source renders its deck too, as its build would --
    pdf = typeset(_document(briefing), briefing=briefing, allowed=PROJECT.allowed_reads()).data
    assert pdf.startswith(b"%PDF-")
