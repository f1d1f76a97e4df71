"""The standalone web page: semantic, self-contained, anchored, and fits a phone."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefing.content.model import Briefing
from support import LONG_TABLE, MUSE_SPARK, Builds


class Page(HTMLParser):
    """Every start tag with its attributes, and the text of <style>."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.style = ""
        self._in_style = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


@pytest.fixture(params=[MUSE_SPARK, LONG_TABLE], ids=lambda p: p.stem)
def page(request: pytest.FixtureRequest, builds: Builds) -> tuple[Briefing, str]:
    source: Path = request.param
    built = builds.of(source)
    return built.briefing, built.html_text


def test_page_uses_semantic_landmarks(page: tuple[Briefing, str]) -> None:
    parsed = Page(page[1])
    names = {name for name, _ in parsed.tags}
    assert {"header", "nav", "main", "section", "aside", "footer"} <= names
    assert parsed.all("html")[0]["lang"] == page[0].language
    viewports = [m for m in parsed.all("meta") if m.get("name") == "viewport"]
    assert viewports and "width=device-width" in viewports[0]["content"]


def test_every_section_has_an_anchor_and_a_contents_link(page: tuple[Briefing, str]) -> None:
    briefing, text = page
    parsed = Page(text)
    ids = {attrs["id"] for _, attrs in parsed.tags if "id" in attrs}
    steps = ["next_steps"] if briefing.next_steps else []
    parts = ["summary", *(s.id for s in briefing.sections), *steps, "sources"]
    assert set(parts) <= ids
    sections = [attrs["id"] for attrs in parsed.all("section")]
    assert sections == parts
    nav = text[text.index("<nav") : text.index("</nav>")]
    assert re.findall(r'href="#([^"]+)"', nav) == parts
    # -- every internal link lands somewhere --
    for attrs in parsed.all("a"):
        if attrs.get("href", "").startswith("#"):
            assert attrs["href"][1:] in ids, attrs["href"]


def test_page_references_nothing_external(page: tuple[Briefing, str]) -> None:
    briefing, text = page
    parsed = Page(text)
    for name, attrs in parsed.tags:
        assert name not in {"link", "script", "iframe", "object", "embed", "video"}, name
        if name == "img":
            # -- a picture the source names is inside the page: a data: URL, no address --
            assert str(dict(attrs).get("src", "")).startswith("data:image/"), attrs
            continue
        for attribute in ("src", "srcset", "poster", "data"):
            assert attribute not in attrs, (name, attrs)
    assert parsed.style.strip(), "styles are inline"
    assert "@import" not in parsed.style
    # -- the fonts are in the page itself (data: URLs), nothing else is named by URL --
    assert re.findall(r'url\((?!"data:font/woff2;base64,)', parsed.style) == []
    assert "file:" not in text
    # -- links to sources are for a reader to follow, not fetched: only those are http(s) --
    allowed = {s.url for s in briefing.sources if s.url}
    for attrs in parsed.all("a"):
        href = attrs.get("href", "")
        assert href.startswith("#") or href in allowed, href


def test_nothing_is_wider_than_a_375_px_phone(page: tuple[Briefing, str]) -> None:
    import weasyprint

    # -- lay the page out as a 375 px wide screen; a wide table may scroll in its own box --
    phone = weasyprint.CSS(string="@page { size: 375px 30000px !important; margin: 0 !important }")
    document = weasyprint.HTML(string=page[1], media_type="screen").render(stylesheets=[phone])
    too_wide = []

    def walk(box: object, scrolls: bool) -> None:
        element = getattr(box, "element", None)
        if element is not None and "table-wrap" in (element.get("class") or ""):
            scrolls = True
        right = box.position_x + box.margin_width()  # type: ignore[attr-defined]
        if right > 375.5 and not scrolls:
            too_wide.append((getattr(element, "tag", None), round(right)))
        for child in getattr(box, "children", []):
            walk(child, scrolls)

    for rendered in document.pages:
        walk(rendered._page_box, False)
    assert too_wide == []
