"""Turn the Markdown of content fields into safe HTML.

``str (Markdown) -> Markup (HTML)``. Content is untrusted: whatever raw HTML it
carries goes through nh3 with an explicit allow-list, so no script, style,
link, frame, object, image, event handler or non-web URL survives. A Markdown
image ``![alt](url)`` becomes its alt text: nothing is embedded from content.
Citations ``[@id]`` become numbered links to the Sources list.
"""

from __future__ import annotations

import html as html_module
import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from typing import Any

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor
from markupsafe import Markup

from briefing.content import characters, citations

BLOCK_TAGS = {
    "p",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "pre",
    "br",
}
INLINE_TAGS = {"strong", "em", "b", "i", "a", "code", "sup", "sub", "br", "del", "s", "span"}
ATTRIBUTES = {
    "a": {"href", "title", "aria-label"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# -- dropped with their content, not just unwrapped --
DROP_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "svg",
    "math",
    "template",
    "noscript",
    "textarea",
    "select",
    "title",
}


# -- a link whose address the sanitiser removed (javascript:, file:) is plain text, not a
#    link to nowhere; sanitised output has no nested links and double-quoted attributes --
_DEAD_LINK = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.DOTALL)


class _CitationProcessor(InlineProcessor):
    def __init__(self, numbers: Mapping[str, int], names: Mapping[str, str]) -> None:
        super().__init__(citations.CITATION.pattern)
        self.numbers = numbers
        self.names = names

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        # -- [1, 2]: one link per source, so every number leads to its own entry --
        ids = [ref for ref, _ in citations.cited_ids(m.group(0))]
        group = etree.Element("span")
        group.set("class", "cites")
        group.text = "["
        for n, ref in enumerate(ids, start=1):
            link = etree.SubElement(group, "a")
            link.set("class", "cite")
            link.set("href", f"#source-{ref}")
            link.text = str(self.numbers.get(ref, "?"))
            # -- a screen reader names the source, not "1" --
            if ref in self.names:
                link.set("aria-label", self.names[ref])
            link.tail = "]" if n == len(ids) else ", "
        return group, m.start(0), m.end(0)


def _alt_text_only(processor: InlineProcessor) -> InlineProcessor:
    """Wrap a Markdown image processor so an image becomes its alt text.

    The outputs embed no image from content (that would be a read of a file or
    the network); the words the author gave for it are kept instead of dropped.
    """
    image_match = processor.handleMatch

    def handle_match(m: re.Match[str], data: str) -> tuple[Any, Any, Any]:
        element, start, end = image_match(m, data)
        if isinstance(element, etree.Element) and element.tag == "img":
            text = etree.Element("x-alt")  # not allowed, so unwrapped by the sanitiser: plain text
            text.text = element.get("alt", "")
            return text, start, end
        return element, start, end

    processor.handleMatch = handle_match  # type: ignore[method-assign]
    return processor


class Renderer:
    """Markdown to sanitised HTML, with citations numbered by ``numbers`` (id -> n) and
    named for assistive technology by ``names`` (id -> "Source 1: Title")."""

    def __init__(self, numbers: Mapping[str, int], names: Mapping[str, str] | None = None) -> None:
        self._md = markdown.Markdown(extensions=["sane_lists", "smarty", "tables"])
        self._md.inlinePatterns.register(_CitationProcessor(numbers, names or {}), "citation", 175)
        for name in ("image_link", "image_reference", "short_image_ref"):
            _alt_text_only(self._md.inlinePatterns[name])  # type: ignore[arg-type]

    def _clean(self, html: str, tags: set[str]) -> str:
        # -- nh3 decodes character references: &#11; would reach the deck as a control char --
        return characters.clean(_DEAD_LINK.sub(r"\1", self._sanitise(html, tags)))

    def _sanitise(self, html: str, tags: set[str]) -> str:
        return nh3.clean(
            html,
            tags=tags,
            attributes=ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            clean_content_tags=DROP_WITH_CONTENT,
            allowed_classes={"a": {"cite"}, "span": {"cites"}},
            link_rel=None,
        )

    def block(self, text: str) -> Markup:
        """Markdown prose as HTML blocks."""
        html = self._md.reset().convert(text)
        return Markup(self._clean(html, BLOCK_TAGS | INLINE_TAGS))  # sanitised above

    def inline(self, text: str) -> Markup:
        """One line of inline Markdown as HTML, with no block element around it."""
        html = self._md.reset().convert(text)
        return Markup(self._clean(html, INLINE_TAGS).strip())  # sanitised above


_BLOCK_BOUNDARY = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|blockquote|tr|table|br|hr|pre)\b[^>]*>")


def plain(html: str) -> str:
    """The text of a (sanitised) HTML fragment: paragraphs on their own lines."""
    text = _BLOCK_BOUNDARY.sub("\n", re.sub(r"\s+", " ", html))
    text = html_module.unescape(re.sub(r"<[^>]+>", "", text))
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_LIST_ITEM = re.compile(r"<(/?)(ul|ol|li)\b[^>]*>")


def plain_with_markers(html: str) -> str:
    """Like :func:`plain`, but list items keep their markers: "• " or "1. " (speaker notes)."""
    stack: list[list[int]] = []  # -- per open list: [is numbered, next number] --

    def mark(m: re.Match[str]) -> str:
        closing, tag = m.group(1), m.group(2)
        if tag in {"ul", "ol"}:
            if closing:
                if stack:
                    stack.pop()
            else:
                start = re.search(r'start="(\d+)"', m.group(0))
                stack.append([tag == "ol", int(start.group(1)) if start else 1])
            return m.group(0)
        if closing or not stack:
            return m.group(0)
        numbered, number = stack[-1]
        stack[-1][1] += 1
        indent = "\u00a0\u00a0" * (len(stack) - 1)
        return m.group(0) + indent + (f"{number}. " if numbered else "\u2022 ")

    return plain(_LIST_ITEM.sub(mark, html))


# -- where a URL may break: after a slash (not inside the scheme's //), before a dot,
#    question mark, hash, ampersand or equals sign, as style guides set them --
_URL_BREAK = re.compile(r"(?<=[^/:]/)(?=[^/])|(?<=\w)(?=[.?#&=])")


def breakable_url(url: str) -> Markup:
    """A URL as text with a zero-width space where a line may break, so "https://" stays
    whole (WeasyPrint ignores a <wbr> inside a link)."""
    head, sep, rest = url.partition("://")
    if not sep:
        head, rest = "", url
    parts = _URL_BREAK.split(rest)
    escaped = "\u200b".join(html_module.escape(p) for p in parts)
    return Markup(html_module.escape(head + sep) + escaped)  # escaped above
