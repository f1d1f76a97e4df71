"""Turn the Markdown of content fields into safe HTML.

``str (Markdown) -> Markup (HTML)``. Content is untrusted: whatever raw HTML it
carries goes through nh3 with an explicit allow-list, so no script, style,
link, frame, object, image, event handler or non-web URL survives. A Markdown
image ``![alt](url)`` becomes its alt text: nothing is embedded from content.
Citations ``[@id]`` become numbered links to the Sources list.

Raw HTML is text: Python-Markdown's raw-HTML readers are switched off, so ``<Enter>``,
``a<b`` or ``the <script> element`` print as typed (escaped), never parsed and then
removed by the sanitiser. One-line fields (:meth:`Renderer.inline`) are inline Markdown
only: a leading ``#1``, ``1.``, ``2)``, ``-``, ``+``, ``*`` or ``>`` is the author's text,
not a heading, list or quote. Footnotes are numbered once through the whole document.
"""

from __future__ import annotations

import hashlib
import html as html_module
import itertools
import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from typing import Any

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
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
    "div",  # -- only as the footnotes' list (its class is the only one allowed) --
}
INLINE_TAGS = {"strong", "em", "b", "i", "a", "code", "sup", "sub", "br", "del", "s", "span"}
ATTRIBUTES = {
    "a": {"href", "title", "aria-label"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    "li": {"id"},
    "sup": {"id"},
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
        self._md = markdown.Markdown(
            extensions=["sane_lists", "smarty", "tables", "footnotes"],
            extension_configs={"tables": {"use_align_attribute": True}},
        )
        self._md.inlinePatterns.register(_CitationProcessor(numbers, names or {}), "citation", 175)
        # -- what an inline rendering depends on besides its text (see :meth:`inline`) --
        self._citations = (tuple(numbers.items()), tuple((names or {}).items()))
        self._md.preprocessors.register(_ListIndent(self._md), "list_indent", 27)
        # -- raw HTML is text: `<Enter>` and `the <script> element` print as typed, escaped
        #    by the serialiser, rather than parsed as tags the sanitiser would then remove --
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        # -- footnotes numbered once through the document: the first number of each prose
        #    field's notes, keyed by its text (the same text, the same numbers) --
        self._footnote_start: dict[str, int] = {}
        self._next_footnote = 1
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
            allowed_classes={
                "a": {"cite", "footnote-ref", "footnote-backref"},
                "span": {"cites"},
                "div": {"footnote"},
            },
            attribute_filter=_footnote_ids_only,
            link_rel=None,
        )

    def number_footnotes(self, *texts: str) -> None:
        """Fix the footnote numbers of ``texts`` in this order (the document's), so every
        output numbers them alike whatever order its template renders the fields in."""
        for text in texts:
            self.block(text)

    def block(self, text: str) -> Markup:
        """Markdown prose as HTML blocks; each paragraph cites a source once."""
        html = self._md.reset().convert(text)
        if "fn:" in html:
            html = self._renumbered(_footnote_ids(html, text), text)
        clean = self._clean(html, BLOCK_TAGS | INLINE_TAGS)
        # -- WeasyPrint reads no `start` (a presentational hint): the notes' counter is set
        #    by a style of our own, added after sanitising (content carries no style) --
        clean = _NOTES_START.sub(
            lambda m: f'{m[0][:-1]} style="counter-reset: list-item {int(m[1]) - 1}">', clean
        )
        # -- each paragraph cites a source once --
        return Markup(one_marker_per_paragraph(clean))  # sanitised above

    def _renumbered(self, html: str, text: str) -> str:
        """The field's footnote marks and list numbered on from the fields before it."""
        count = len(_FOOTNOTE_LI.findall(html))
        # -- speaker notes render the text without its citations: the same notes, numbers --
        key = citations.strip(text)
        if key not in self._footnote_start:
            self._footnote_start[key] = self._next_footnote
            self._next_footnote += count
        first = self._footnote_start[key]
        names: dict[str, int] = {}
        for n, name in enumerate(_FOOTNOTE_LI.findall(html)):
            names[name] = first + n
        html = _FOOTNOTE_MARK.sub(
            lambda m: f"{m[1]}{names.get(m[2], m[3])}</a>",
            html,
        )
        return html.replace(
            '<div class="footnote">\n<hr />\n<ol>',
            f'<div class="footnote">\n<hr />\n<ol start="{first}">',
            1,
        )

    def footnotes(self, text: str) -> str:
        """Only the footnotes of Markdown prose, as speaker notes read them ("[5] The note."):
        the notes of a slide's panel, whose marks the slide shows."""
        found = _FOOTNOTES.search(self.block(text))
        return plain(_notes_friendly(found[0])) if found else ""

    def notes(self, text: str) -> str:
        """Markdown prose as the plain text of speaker notes: no word of it lost."""
        return plain_with_markers(_notes_friendly(self.block(text)))

    def inline(self, text: str) -> Markup:
        """One line of inline Markdown as HTML, with no block element around it: what
        would start a block (``#1``, ``1.``, ``- ``, ``> ``...) is the author's text."""
        key = (self._citations, text)
        kept = _INLINE.get(key)
        if kept is not None:
            return kept
        html = self._md.reset().convert(inline_only(text))
        cleaned = self._clean(html, INLINE_TAGS).strip()
        made = Markup(one_marker_per_paragraph(cleaned))  # sanitised above
        if len(_INLINE) >= _INLINE_KEPT:
            _INLINE.clear()
        _INLINE[key] = made
        return made


# -- one-line fields rendered already, by their text and the citations' numbers and names
#    (nothing else changes an inline rendering: no footnote numbering): a rebuild renders
#    only the fields that changed --
_INLINE: dict[tuple[tuple[tuple[Any, ...], tuple[Any, ...]], str], Markup] = {}
_INLINE_KEPT = 8192


# -- a paragraph's bounds, and a group of citation markers as the citation processor
#    writes it (after sanitising): [<a class="cite" href="#source-ID" ...>N</a>, ...] --
_PARAGRAPH_START = re.compile(r"<(?:p|li|td|th|h[1-6]|dd|dt|blockquote)\b[^>]*>")
_CITES = re.compile(r'( ?)<span class="cites">\[(.*?)\]</span>')
_CITE = re.compile(r'<a class="cite" href="#source-([^"]+)"[^>]*>[^<]*</a>')


def one_marker_per_paragraph(html: str) -> str:
    """Each source's marker once per paragraph, at its first citation: a paragraph that
    cites one source three times shows [1] once. A group ([1, 2]) keeps the numbers not
    given yet in its paragraph, or goes, with the space before it."""
    starts = [m.start() for m in _PARAGRAPH_START.finditer(html)]
    bounds = [0, *starts, len(html)]
    pieces = []
    for left, right in itertools.pairwise(bounds):
        seen: set[str] = set()

        def once(m: re.Match[str], seen: set[str] = seen) -> str:
            links = [(c.group(1), c.group(0)) for c in _CITE.finditer(m.group(2))]
            kept = [link for ref, link in links if ref not in seen]
            seen.update(ref for ref, _ in links)
            if len(kept) == len(links):
                return m.group(0)
            if not kept:
                return ""
            return f'{m.group(1)}<span class="cites">[{", ".join(kept)}]</span>'

        pieces.append(_CITES.sub(once, html[left:right]))
    return "".join(pieces)


# -- what would make a line a block (heading, list, quote, rule, code, a footnote or link
#    definition) in Markdown: escaped in a one-line field, so it prints as typed --
_BLOCK_START = re.compile(
    r"""^[ \t]*(?:
        (?P<hash>\#)
      | (?P<num>\d+)(?P<dot>[.)])(?=\s|$)
      | (?P<bullet>[-+*])(?=\s|$)
      | (?P<quote>>)
      | (?P<rule>(?:[-*_=][ \t]*){3,}$)
      | (?P<definition>\[)(?=[^\]]*\]:)
    )""",
    re.VERBOSE,
)


def inline_only(text: str) -> str:
    """A one-line field's Markdown with every block-starting marker escaped (and no
    indent that would make it code): ``1. Hold`` stays "1. Hold", ``- 5%`` stays "- 5%"."""
    lines = []
    for line in text.split("\n"):
        line = line.lstrip(" \t")
        m = _BLOCK_START.match(line)
        if m is None:
            lines.append(line)
        elif m["num"]:
            lines.append(m["num"] + "\\" + line[m.end("num") :])
        elif m["rule"]:
            lines.append("".join("\\" + c if c in "-*_=" else c for c in line))
        else:
            lines.append("\\" + line)
    return "\n".join(lines)


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


# -- Markdown the format takes beyond CommonMark's core: footnotes, nested lists --------

# -- "fnref2:1" is the second mark of footnote 1 (a note cited twice): its back-link too --
_FOOTNOTE_ID = re.compile(r'(id|href)="(#?)fn(ref\d*)?:([^"]+)"')
_ALLOWED_ID = re.compile(r"fn(ref\d*)?-[0-9a-f]{8}-[\w-]+")
_NOTES_START = re.compile(r'(?<=<div class="footnote">\n<hr>\n)<ol start="(\d+)">')
_FOOTNOTE_LI = re.compile(r'<li id="fn-[0-9a-f]{8}-([^"]+)">')
_FOOTNOTE_MARK = re.compile(r'(<a class="footnote-ref" href="#fn-[0-9a-f]{8}-([^"]+)">)([^<]*)</a>')


def _footnote_ids(html: str, text: str) -> str:
    """Footnote ids unique to the field's text, so two fields' notes never share one.

    Python-Markdown numbers every field's footnotes from 1; a page holds many fields.
    A digest of the text (not a counter) keeps the same source giving the same bytes.
    """
    if "fn:" not in html:
        return html
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    html = _FOOTNOTE_ID.sub(
        lambda m: f'{m[1]}="{m[2]}fn{m[3] or ""}-{key}-{m[4]}"',
        html,
    )
    return _FOOTNOTE_ITEM.sub(_unwrapped, html)


# -- a footnote's paragraphs, unwrapped: a list item holding a <p> is tagged LI > P in the
#    PDF, which PDF/UA does not allow (an LI holds only Lbl and LBody) --
_FOOTNOTE_ITEM = re.compile(r'(<li id="fn-[^"]+">)\s*(.*?)\s*(</li>)', re.DOTALL)


def _unwrapped(m: re.Match[str]) -> str:
    body = re.sub(r"</p>\s*<p>", "<br><br>", m[2])
    return m[1] + body.removeprefix("<p>").removesuffix("</p>") + m[3]


def _footnote_ids_only(element: str, attribute: str, value: str) -> str | None:
    """Content may carry no id of its own: only the footnotes' generated ones pass."""
    if attribute == "id":
        return value if _ALLOWED_ID.fullmatch(value) else None
    if attribute == "title" and value.startswith("Jump back to footnote"):
        return None  # -- Python-Markdown's English tooltip, in a briefing of any language --
    return value


_FOOTNOTE_REF = re.compile(r'<sup id="fnref[^"]*"><a class="footnote-ref"[^>]*>([^<]*)</a></sup>')
_FOOTNOTE_BACKREF = re.compile(r'<a class="footnote-backref"[^>]*>[^<]*</a>')


_FOOTNOTES = re.compile(r'<div class="footnote">.*?</div>', re.DOTALL)


def _as_paragraphs(m: re.Match[str]) -> str:
    """The footnotes as paragraphs "[1] The note.", not a numbered list of "1. [1] ..."."""
    start = re.search(r'<ol start="(\d+)"', m[0])
    numbers = iter(range(int(start[1]) if start else 1, 10**6))
    notes = re.sub(r'<li id="fn-[0-9a-f]{8}-[^"]+">', lambda _: f"<p>[{next(numbers)}] ", m[0])
    return re.sub(r"</?(?:ol|div|hr)\b[^>]*>", "", notes).replace("</li>", "</p>")


def _notes_friendly(html: str) -> str:
    """Footnote marks as [1] and no back-links (↩): notes are read, not clicked."""
    html = _FOOTNOTE_REF.sub(r" [\1]", html)
    html = _FOOTNOTE_BACKREF.sub("", html)
    html = _FOOTNOTES.sub(_as_paragraphs, html)
    # -- table cells side by side, not run together --
    return re.sub(r"</t([dh])>\s*<t[dh]([^>]*)>", r" | </t\1><td\2>", html)


_MD_LIST_ITEM = re.compile(r"( *)([-*+]|\d{1,9}[.)])( +|$)")


class _ListIndent(Preprocessor):
    """Nested lists indented by 2, 3 or 4 spaces, as authors type them.

    Python-Markdown nests a list only under four spaces; two (as most editors
    indent) printed a literal ``- nested``. Each list line is re-indented to four
    spaces per level, a level being any deeper indent than the item above.
    """

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        stack: list[int] = []  # -- the written indents of the open list levels --
        fenced = False
        for line in lines:
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            item = None if fenced else _MD_LIST_ITEM.match(line)
            if item is None:
                if not line.strip() or not stack:
                    stack = [] if not line.strip() and not stack else stack
                    out.append(line)
                elif line[:1] == " ":
                    # -- a continuation line belongs to the innermost open item --
                    out.append(" " * 4 * len(stack) + line.lstrip())
                else:
                    stack = []
                    out.append(line)
                continue
            indent = len(item[1])
            while stack and indent < stack[-1]:
                stack.pop()
            if stack and indent == stack[-1]:
                stack.pop()
            if not stack and indent > 3:
                out.append(line)  # -- four spaces with no list above: code, as written --
                continue
            out.append(" " * 4 * len(stack) + line.lstrip())
            stack.append(indent)
        return out


# -- Markdown the format refuses, with where and why: never flattened, never printed -----

_ATX_TOP = re.compile(r"^ {0,3}(#{1,2})(?=[ \t]|$)", re.MULTILINE)
_SETEXT = re.compile(r"^(?P<title> {0,3}\S[^\n]*)\n {0,3}(?P<rule>=+|-+)[ \t]*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]\n]*\][(\[]")
_FENCE = re.compile(r"^ {0,3}(```|~~~)[^\n]*\n.*?^ {0,3}\1", re.MULTILINE | re.DOTALL)


def unsupported(text: str, *, block: bool) -> list[tuple[int, str, str]]:
    """What in ``text`` the outputs cannot show as written: ``(offset, message, hint)``.

    A heading at the section's own level (``#``, ``##``) would break the chapter
    apart; an image would be a read of a file or the network (figures are their own
    field). ``block`` is for prose fields (summary, body, notes), where headings are.
    """
    fenced = [(m.start(), m.end()) for m in _FENCE.finditer(text)]

    def free(index: int) -> bool:
        return not any(start <= index < end for start, end in fenced)

    found: list[tuple[int, str, str]] = []
    spans = _CODE_SPAN.sub(lambda m: " " * len(m[0]), text)  # -- code shows as typed --
    for m in _COMMENT.finditer(spans):
        if free(m.start()):
            found.append(
                (
                    m.start(),
                    "an HTML comment would print as typed here: content has no hidden text",
                    "delete it, or put a note to yourself on a YAML comment line (# ...)",
                )
            )
    for m in _IMAGE.finditer(text):
        if free(m.start()) and (m.start() == 0 or text[m.start() - 1] != "\\"):
            found.append(
                (
                    m.start(),
                    "a Markdown image cannot be shown here",
                    "describe what it shows in words; content embeds no image or file",
                )
            )
    if not block:
        return found
    found += [(o, msg, hint) for o, msg, hint in _ragged_table_rows(text) if free(o)]
    for m in _ATX_TOP.finditer(text):
        if free(m.start()):
            found.append((m.start(1), *_heading_problem(len(m[1]))))
    for m in _SETEXT.finditer(text):
        title = m["title"].lstrip()
        if free(m.start()) and not _MD_LIST_ITEM.match(title) and not title.startswith(("|", ">")):
            level = 1 if m["rule"][0] == "=" else 2
            found.append((m.start("rule"), *_heading_problem(level, underline=True)))
    return sorted(found)


_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_COMMENT = re.compile(r"<!--")
_TABLE_RULE = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


def _cells(line: str) -> int:
    """How many cells a pipe-table line holds (an escaped \\| or one in code is text)."""
    bare = _CODE_SPAN.sub("x", line.replace("\\|", "x")).strip()
    return len(bare.removeprefix("|").removesuffix("|").split("|"))


def _ragged_table_rows(text: str) -> list[tuple[int, str, str]]:
    """Each row of a Markdown pipe table with more or fewer cells than its header:
    Python-Markdown would drop the extra cells, or pad with empty ones, without a word."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    found = []
    n = 0
    while n + 1 < len(lines):
        if "|" not in lines[n] or not _TABLE_RULE.match(lines[n + 1]) or "-" not in lines[n + 1]:
            n += 1
            continue
        width = _cells(lines[n])
        row = n + 1
        while row < len(lines) and lines[row].strip() and "|" in lines[row]:
            cells = _cells(lines[row])
            if cells != width:
                fewer = cells < width
                found.append(
                    (
                        starts[row] + len(lines[row]) - len(lines[row].lstrip()),
                        f"this table row has {cells} cell{'s' * (cells != 1)}; its header has "
                        f"{width}",
                        "add the missing cells (| n/a |)"
                        if fewer
                        else "remove the extra cells or add a column to the header; write \\| "
                        "for a | inside a cell",
                    )
                )
            row += 1
        n = row
    return found


def _heading_problem(level: int, *, underline: bool = False) -> tuple[str, str]:
    if underline:
        return (
            f"this underline makes the line above a level-{level} heading, the level of "
            "the chapter itself",
            "for a sub-heading write `### Title`; for a rule between paragraphs leave a "
            "blank line above the dashes, or write `***`",
        )
    return (
        f"a level-{level} heading ({'#' * level}) is the level of the chapter itself",
        "start sub-headings with ### (or ####): the section's title is the heading above",
    )
