"""Read what a reader must see from the source as written: ``str (Markdown) -> [str]``.

`verify` derives each expectation from the author's own characters, never from what the
renderer produced, so a renderer (or a template) that drops a word or a leading ``-``
cannot drop it from the expectation too. This is a small reader of its own, independent
of Python-Markdown: it removes the markup a reader does not see (a link's address, a
backslash escape, a block's marker, a footnote's definition label) and cuts the text
where a citation or a footnote mark stands (one output draws ``[1]`` or a superscript
there, another nothing). Emphasis and code marks need no removing: the comparison
(:func:`briefing.proof.verify.fold`) ignores punctuation, but for a sign or a marker
standing before a number or a word, which it keeps.
"""

from __future__ import annotations

import html
import re

from briefing.content import citations

CUT = "\u2063"  # -- an invisible separator: where a citation stood, a piece ends --

_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|<])")


def inline_text(markdown: str, *, cite: dict[str, int] | None = None) -> str:
    """One line of inline Markdown as its reader sees it, with citations and footnote
    marks as :data:`CUT` (or, with ``cite``, a citation as its numbers ``[1, 2]``)."""
    if cite is None:
        text = citations.CITATION.sub(CUT, markdown)
    else:
        text = citations.CITATION.sub(
            lambda m: (
                "["
                + ", ".join(str(cite.get(ref, "?")) for ref, _ in citations.cited_ids(m[0]))
                + "]"
            ),
            markdown,
        )
    text = _FOOTNOTE_MARK.sub(CUT, text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    return html.unescape(text)


def line_pieces(markdown: str) -> list[str]:
    """A one-line field's text in pieces, cut where a citation or footnote mark stands."""
    parts = inline_text(markdown).split(CUT)
    return [" ".join(p.split()).lstrip(".,;: ") for p in parts if p.strip(" .,;:")]


_FENCE = re.compile(r"^(```|~~~)")
_DEFINITION = re.compile(r"^\[\^[^\]\s]+\]:\s*(.*)$")
_HEADING = re.compile(r"^#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$")
_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)])(?:\s+(.*)|$)")
_RULE = re.compile(r"^(?:(?:[-*_=]\s*){3,}|=+|-+)$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")


def prose_pieces(markdown: str, *, notes: bool | None = None) -> list[str]:
    """Prose Markdown as a reader sees it, in pieces: each paragraph, list item, quoted
    line run, sub-heading, table cell and footnote, cut where a citation or a footnote
    mark stands. (A PDF's text may give blocks in another order, never a block cut up.)
    ``notes`` True gives only the footnotes' pieces, False all but them."""
    pieces: list[str] = []
    paragraph: list[str] = []
    in_note = [False]

    def flush() -> None:
        if paragraph:
            if notes is None or notes == in_note[0]:
                pieces.extend(line_pieces(" ".join(paragraph)))
            paragraph.clear()

    lines = markdown.splitlines()
    fenced = False
    for n, raw in enumerate(lines):
        line = raw.strip()
        if _FENCE.match(line):
            flush()
            fenced = not fenced
            continue
        if fenced:
            if line:
                pieces.append(line)  # -- code is shown as typed --
            continue
        while line.startswith(">"):
            line = line[1:].strip()  # -- a quote's marker: the quoted text is what shows --
        if not line:
            flush()
            continue
        if in_note[0] and raw[:1] not in {" ", "\t"} and not paragraph:
            in_note[0] = False  # -- a line at the margin after a blank: the prose again --
        following = lines[n + 1].strip() if n + 1 < len(lines) else ""
        if "|" in line and (_TABLE_RULE.match(following) or _in_table(lines, n)):
            flush()
            if not _TABLE_RULE.match(line):
                cells = line.strip("|").split("|")
                pieces += [p for cell in cells for p in line_pieces(cell.strip())]
            continue
        if _RULE.match(line):
            flush()
            continue
        definition = _DEFINITION.match(line)
        heading = _HEADING.match(line)
        item = _ITEM.match(line)
        if definition or heading or item:
            flush()
            in_note[0] = bool(definition) or (in_note[0] and bool(item) and raw[:1] == " ")
            found = definition or heading or item
            assert found is not None
            paragraph.append(found[1] or "")
            if heading:
                flush()
            continue
        paragraph.append(line)
    flush()
    return pieces


def _in_table(lines: list[str], n: int) -> bool:
    """Whether line ``n`` is a row below a table's rule (the rows up to a blank line)."""
    for back in range(n - 1, -1, -1):
        above = lines[back].strip().lstrip("> ").strip()
        if not above or "|" not in above:
            return False
        if _TABLE_RULE.match(above):
            return True
    return False
