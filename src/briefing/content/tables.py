"""Read a table's shape from its cells: rows of text -> which columns hold numbers.

One rule serves the PDF, the web page and the deck, so a column is right-aligned
(with tabular figures and true minus signs) in every output or in none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# -- a figure as analysts type it: optional sign or currency, digits with thousands
#    separators and decimals, then an optional unit or suffix: 1,204  -3.5%  €62m
#    $1.2bn  +12 pp  191.1p  an accounting negative (4.1) (2.0)% (2.0%); n/a and dashes
#    count as empty --
_NUMBER = re.compile(
    r"""^\(?[-+\u2212\u2013]?\s?[$€£¥]?\s?[-+\u2212\u2013]?\d[\d,.\u202f\u00a0' ]*
        (?:\s?(?:%|pp|bp|bps|p|c|[kKmMbB]n?|bn|tn|x|\u00d7|pts?))?\)?(?:\s?(?:%|pp))?$""",
    re.VERBOSE,
)
_EMPTY = {"", "-", "\u2013", "\u2014", "n/a", "N/A", "na", "n.a."}


def is_number(cell: str) -> bool:
    """Whether a cell, as typed, reads as a figure (``-3.5%``, ``€62m``, ``1,204``)."""
    return bool(_NUMBER.match(cell.strip().replace("**", "")))


def numeric_columns(rows: Sequence[Sequence[str]]) -> tuple[bool, ...]:
    """For each column, whether every non-empty cell below the header is a figure.

    A column of only empty cells is not numeric.
    """
    width = max((len(row) for row in rows), default=0)
    flags = []
    for column in range(width):
        cells = [row[column].strip() for row in rows if column < len(row)]
        filled = [cell for cell in cells if cell not in _EMPTY]
        flags.append(bool(filled) and all(is_number(cell) for cell in filled))
    return tuple(flags)


def true_minus(cell: str) -> str:
    """A figure with its leading hyphen written as a true minus sign (U+2212)."""
    return re.sub(r"^([(]?[$€£¥]?\s?)-(?=\s?[$€£¥]?\d)", "\\1\u2212", cell.strip())


_MARKUP = re.compile(r"\]\([^)]*\)|[*_`\[\]]|\[@[^\]]*\]")


# -- a table's width in characters of its text (about 160 mm of 8.5 pt sans), a cell's
#    padding in characters, and the longest cell a column keeps on one line --
_TABLE_CHARS = 100
# -- a header is set bold and letter-spaced: its characters count this much wider --
_HEADER = 1.25
_PADDING = 3
_ONE_LINE = 24


def column_widths(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> tuple[float, ...]:
    """Each column's share of the table's width, in percent, from what it holds.

    A column whose cells are short (a year, a figure, a name) gets the width of its
    longest cell, so it stays on one line and takes no more; the columns of longer text
    share the rest by how much they hold. The first column is set bold, so it is
    counted a little wider.
    """
    longest = []
    figures = numeric_columns(rows)
    for column, heading in enumerate(columns):
        cells = [_MARKUP.sub("", row[column]).strip() for row in rows if column < len(row)]
        cell = float(max((len(c) for c in cells), default=0))
        if column < len(figures) and figures[column]:
            cell = _figure_chars(rows, column)
        word = _HEADER * max((len(w) for w in _MARKUP.sub("", heading).split()), default=0)
        longest.append(max(cell, word, 3) * (1.1 if column == 0 else 1.0))
    short = [n <= _ONE_LINE for n in longest]
    widths = [n + _PADDING if is_short else 0.0 for n, is_short in zip(longest, short, strict=True)]
    rest = _TABLE_CHARS - sum(widths)
    long_total = sum(n for n, is_short in zip(longest, short, strict=True) if not is_short)
    if long_total and rest < 0.3 * _TABLE_CHARS:
        widths = [n + _PADDING for n in longest]  # -- no room to favour: by content alone --
    elif long_total:
        widths = [
            w if is_short else rest * n / long_total
            for w, n, is_short in zip(widths, longest, short, strict=True)
        ]
    total = sum(widths)
    # -- rounded down, so the shares never add up to more than the table's width --
    return tuple(int(1000 * w / total) / 10 for w in widths)


# -- how a table fits the PDF's text width: the width it needs in characters (each
#    column's longest unbreakable text: a figure whole, a word of text or of the header,
#    plus padding) against what each step offers: 8.5 pt, 7.5 pt, the 6.5 pt floor, then
#    a landscape page (A4 landscape's text width is about 1.55 times portrait's) at each
#    size again. Past the last step the table is refused at its line --
_LANDSCAPE = 1.55
_LONG_WORD = 20
FIT_STEPS = (
    ("", _TABLE_CHARS),
    ("fit-small", _TABLE_CHARS * 8.5 / 7.5),
    ("fit-smaller", _TABLE_CHARS * 8.5 / 6.5),
    ("fit-landscape", _TABLE_CHARS * _LANDSCAPE),
    ("fit-landscape fit-small", _TABLE_CHARS * _LANDSCAPE * 8.5 / 7.5),
    ("fit-landscape fit-smaller", _TABLE_CHARS * _LANDSCAPE * 8.5 / 6.5),
)


def needed_chars(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> float:
    """The narrowest the table can be set, in characters of its text: no figure broken,
    no word cut (a header wraps between its words)."""
    figures = numeric_columns(rows)
    total = 0.0
    for column, heading in enumerate(columns):
        cells = [_MARKUP.sub("", row[column]).strip() for row in rows if column < len(row)]
        if column < len(figures) and figures[column]:
            cell = _figure_chars(rows, column)
        else:
            # -- a word longer than _LONG_WORD (an address, a code) breaks, as it must --
            cell = max((min(len(w), _LONG_WORD) for c in cells for w in c.split()), default=0)
        heading_words = _MARKUP.sub("", heading).split()
        word = _HEADER * max((min(len(w), _LONG_WORD) for w in heading_words), default=0)
        total += max(cell, word, 3) * (1.1 if column == 0 else 1.0) + _PADDING
    return total


def table_fit(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str | None:
    """The class that makes the table fit the PDF's text width ("" when it fits as set,
    then "fit-small", "fit-smaller", then "fit-landscape" alone or with either), or None
    when nothing does."""
    needed = needed_chars(columns, rows)
    for name, room in FIT_STEPS:
        if needed <= room:
            return name
    return None


# -- the widths, in em of the text's sans, of what may stand right of a figure's units
#    digit: the decimal point and tabular digits, then a unit, a percent sign, a bracket --
_EM = {".": 0.25, "%": 0.83, ")": 0.3, "m": 0.82, "p": 0.55, " ": 0.25, "x": 0.5}
_RIGHT = re.compile(r"(?:\.(\d+))?(\D*)$")


def _right_em(cell: str) -> float:
    """How far right of its units digit a figure reaches, in em."""
    m = _RIGHT.search(cell)
    assert m is not None  # -- the pattern matches any string's end --
    decimals, tail = m[1] or "", m[2]
    width = (0.25 + 0.5 * len(decimals)) if decimals else 0.0
    return width + sum(_EM.get(ch, 0.55) for ch in tail)


def decimal_pads(rows: Sequence[Sequence[str]]) -> list[list[float]]:
    """For each cell, the space (in em) to leave right of it so that a right-aligned column
    of figures lines up on the decimal point: ``191.1p`` over ``(2.0)%`` over ``+30``.
    Cells of text columns, and a column whose figures all reach as far, get 0."""
    figures = numeric_columns(rows)
    pads = [[0.0] * len(row) for row in rows]
    for column, numeric in enumerate(figures):
        if not numeric:
            continue
        # -- a row short of this column (a ragged row, refused at its line) has no cell here --
        cells = [
            (r, _MARKUP.sub("", row[column]).strip())
            for r, row in enumerate(rows)
            if column < len(row)
        ]
        reach = {r: _right_em(c) for r, c in cells if c not in _EMPTY}
        most = max(reach.values(), default=0.0)
        for r, _cell in cells:
            # -- a blank ("—", "n/a") stands at the decimal point's place --
            # -- in tenths of an em, up to 3 em: the classes the page's style sheet has --
            pads[r][column] = min(round(most - reach.get(r, most), 1), 3.0)
    return pads


def _figure_chars(rows: Sequence[Sequence[str]], column: int) -> float:
    """A column of figures' widest cell in characters, with the space that lines it up on
    the decimal point (:func:`decimal_pads`; an em is about two characters)."""
    pads = decimal_pads(rows)
    return max(
        (
            len(_MARKUP.sub("", row[column]).strip()) + 2 * pads[r][column]
            for r, row in enumerate(rows)
            if column < len(row)
        ),
        default=0.0,
    )
