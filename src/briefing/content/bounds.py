"""Bound the work a Markdown field can cause, before python-markdown or WeasyPrint see it.

``str (Markdown) -> [Overrun]``. Each rule caps something whose cost grows faster than the
text: python-markdown rescans the rest of a paragraph at every ``[`` it cannot close
(quadratic in their number), a word with no break opportunity is measured again and again
by the PDF engine, and nesting (quotes, lists, raw HTML) recurses once per level in both
engines. The limits are far above what a briefing needs, and low enough that no field
within them takes more than a moment to render. Each overrun names the character where the
limit is passed, so the message can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 20_000  # a field of a briefing is a few paragraphs; a chapter is below 10,000
MAX_WORD = 300  # characters with no break opportunity: far past any word, address or figure
MAX_BRACKETS = 100  # ``[`` in one paragraph: links and citations, with room to spare
MAX_NESTING = 10  # quotes and lists inside each other; the format needs two or three
MAX_LIST_ITEMS = 1_000  # the PDF engine's cost is per list item, a few milliseconds each
MAX_TABLE_COLUMNS = 8  # what fits across the page, as in a section's table

# -- characters that join words without a break: a run of words joined by them is one word --
_NO_BREAK = "\u00a0\u2007\u202f\u2060\ufeff"
_JOINED = str.maketrans(dict.fromkeys(_NO_BREAK, "x"))  # -- a joiner is part of the word --
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1},}}")
# -- a link's address is not shown: it is not a word on the page --
_LINK_TARGET = re.compile(r"\]\(([^()\s]*)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
# -- the only lines that can nest: indented, or opening with a quote or a list marker --
_NESTED_LINE = re.compile(
    r"^(?:[ \t]{4}|[ \t]*(?:>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))).*$", re.M
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>")
_VOID = {"br", "hr", "img", "wbr", "input", "col", "area", "base", "link", "meta", "source"}
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")


@dataclass(frozen=True)
class Overrun:
    """One limit passed: at which character of the field, what, and how to mend it."""

    offset: int
    message: str
    hint: str


def overruns(text: str) -> list[Overrun]:
    """Every limit ``text`` passes (at most one per rule), first in the text first."""
    if len(text) > MAX_CHARS:
        # -- the other rules would scan the whole of it: this one is enough to say --
        return [
            Overrun(
                MAX_CHARS,
                f"is {len(text):,} characters long; the limit is {MAX_CHARS:,}",
                "split it over several sections",
            )
        ]
    found = [
        o
        for o in (
            _long_word(text),
            _brackets(text),
            _nesting(text),
            _html_nesting(text),
            _wide_table(text),
        )
        if o is not None
    ]
    return sorted(found, key=lambda o: o.offset)


def _long_word(text: str) -> Overrun | None:
    if len(text) <= MAX_WORD:
        return None
    shown = _LINK_TARGET.sub(lambda m: "](" + " " * len(m.group(1)), text).translate(_JOINED)
    match = _LONG_WORD.search(shown)
    if match is None:
        return None
    return Overrun(
        match.start(),
        f"a word of {match.end() - match.start():,} characters with no space; "
        f"the limit is {MAX_WORD}",
        "put spaces in it; a long address goes in a link: [what it is](address)",
    )


def _brackets(text: str) -> Overrun | None:
    if text.count("[") <= MAX_BRACKETS:
        return None
    start = 0
    for piece in _PARAGRAPH_BREAK.split(text):
        count = 0
        for i, ch in enumerate(piece):
            if ch == "[" and (i == 0 or piece[i - 1] != "\\"):
                count += 1
                if count > MAX_BRACKETS:
                    return Overrun(
                        start + i,
                        f"more than {MAX_BRACKETS} '[' in one paragraph",
                        "split the paragraph; a literal bracket can be written \\[",
                    )
        start += len(piece)
    return None


def _nesting(text: str) -> Overrun | None:
    items = 0
    for found in _NESTED_LINE.finditer(text):
        offset, line = found.start(), found.group(0)
        depth, i = 0, 0
        while i < len(line):
            ch = line[i]
            if ch in " \t":  # -- the indent is counted once, by _indent below --
                i += 1
                continue
            marker = _LIST_MARKER.match(line, i)
            if ch == ">":
                depth += 1
                i += 1
            elif marker:
                depth += 1
                items += 1
                i = marker.end()
            else:
                break
        depth += _indent(line) // 4
        if depth > MAX_NESTING:
            return Overrun(
                offset,
                f"quotes and lists nested {depth} deep; the limit is {MAX_NESTING}",
                "flatten the list or the quote",
            )
        if items > MAX_LIST_ITEMS:
            return Overrun(
                offset,
                f"more than {MAX_LIST_ITEMS:,} list items in one field",
                "shorten the lists, or split them over several sections",
            )
    return None


def _indent(line: str) -> int:
    column = 0
    for ch in line:
        if ch == " ":
            column += 1
        elif ch == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def _html_nesting(text: str) -> Overrun | None:
    if "<" not in text:
        return None
    depth = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        # -- unclosed tags count as open: safe, since a document never needs this many --
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > MAX_NESTING:
            return Overrun(
                match.start(),
                f"HTML elements nested {depth} deep; the limit is {MAX_NESTING}",
                "write Markdown instead, or close the elements you open",
            )
    return None


def _wide_table(text: str) -> Overrun | None:
    if "|" not in text:
        return None
    offset = 0
    for line in text.split("\n"):
        if "-" in line and _TABLE_RULE.match(line):
            columns = line.strip().strip("|").count("|") + 1
            if columns > MAX_TABLE_COLUMNS:
                return Overrun(
                    offset,
                    f"a table of {columns} columns; at most {MAX_TABLE_COLUMNS} fit the page",
                    "split it into narrower tables, or turn rows into columns",
                )
        offset += len(line) + 1
    return None


# -- chart work, for the whole briefing: each chart is drawn three times (the page's SVG,
#    the PDF's, the deck's native chart with its workbook), at a cost that grows with its
#    values; 60 charts of 240 values took 105 s. These caps keep a briefing's charts to a
#    few seconds (bench/hostile.py) and hold a board paper's dozen small charts --
MAX_CHARTS = 12  # charts in one briefing
MAX_CHART_VALUES = 600  # numbers in all its charts' series together


@dataclass(frozen=True)
class ChartOverrun:
    """The chart (``sections[section].figures[figure]``) past which a cap is passed."""

    section: int
    figure: int
    message: str
    hint: str


def chart_work(sections: object) -> ChartOverrun | None:
    """The first chart past :data:`MAX_CHARTS` or :data:`MAX_CHART_VALUES`, read from the
    source's plain data (``sections: [{figures: [...]}]``) before any chart is drawn."""
    charts = values = 0
    for i, section in enumerate(sections if isinstance(sections, list) else []):
        figures = section.get("figures") if isinstance(section, dict) else None
        for j, figure in enumerate(figures if isinstance(figures, list) else []):
            if not isinstance(figure, dict) or "image" in figure:
                continue
            charts += 1
            series = figure.get("series")
            for one in series if isinstance(series, list) else []:
                numbers = one.get("values") if isinstance(one, dict) else None
                values += len(numbers) if isinstance(numbers, list) else 0
            if charts > MAX_CHARTS:
                return ChartOverrun(
                    i,
                    j,
                    f"the briefing's chart number {charts}; a briefing has at most "
                    f"{MAX_CHARTS} charts",
                    "keep the charts that carry the argument; put the rest in an appendix "
                    "briefing, or show them as a table",
                )
            if values > MAX_CHART_VALUES:
                return ChartOverrun(
                    i,
                    j,
                    f"the briefing's charts pass {MAX_CHART_VALUES:,} values in all here "
                    f"({values:,} so far)",
                    "chart fewer categories or series (a reader takes in a few dozen values "
                    "per chart); put detail in a table",
                )
    return None
