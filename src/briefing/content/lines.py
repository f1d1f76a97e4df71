"""Find, in a content file's lines, the text YAML would cut or cannot read, all at once.

``str -> list[Problem]``. Two scans, both before the file is turned into data:

- :func:`cut_by_comment` (on a file YAML can read): a ``#`` after a space starts a
  YAML comment, so ``Ranked #1 in Europe`` would arrive as ``Ranked``. The rule:
  a comment after a value is ``#`` followed by a space (``title: X  # why``); a
  ``#`` followed by anything else (``#1``, ``#hashtag``) cuts text and is refused
  with the quoted line to write instead. A line that is only a comment is free.
- :func:`unreadable` (when YAML has failed): every line whose value starts with a
  character YAML reserves (``*``, ``@``, a backtick, ``%``, ``|``, ``>``, ``[``,
  ``{``) or carries a second ``: ``, each with why and the line quoted, so an
  author mends them all in one round trip instead of one per run.
"""

from __future__ import annotations

import re

import yaml

from briefing.errors import Problem

# -- how a line of a content file opens (the formatter reads lines by these too): `- `
#    or `key:` before a value, keys plain words, not quoted or flow; a block's header --
ITEM = re.compile(r"-(?: +|$)")
# -- greedy up to the first colon: linear on any line, however long or hostile --
KEY = re.compile(r"(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#]*|-[^\s:#][^:#]*):(?: +|$)")
BLOCK_HEADER = re.compile(r"[|>][+-]?[1-9]?[+-]?\s*(#.*)?$")


def quoted(text: str) -> str:
    """``text`` as a YAML quoted scalar that reads back as exactly ``text``."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


# -- a `#` that cuts text ----------------------------------------------------------------


_CANDIDATE = re.compile(r"\S[^\n]*?[ \t]#")
_OPEN = (
    yaml.FlowSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.BlockMappingStartToken,
)
_CLOSE = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)
_MAX_DEPTH = 40  # -- deeper than any content file: the parser refuses it, with its reason --


def cut_by_comment(text: str, name: str) -> list[Problem]:
    """Every ``#`` that would end a line's text as a comment, and is not ``# `` (a note)."""
    lines = text.split("\n")
    candidates = {n for n, line in enumerate(lines) if _CANDIDATE.match(line.lstrip())}
    if not candidates:
        return []  # -- most files: no `#` after text, nothing to scan --
    near: dict[int, list[yaml.Token]] = {}  # -- the tokens on each line with a `#` --
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            depth += isinstance(token, _OPEN) - isinstance(token, _CLOSE)
            if depth > _MAX_DEPTH:
                return []
            for n in range(token.start_mark.line, token.end_mark.line + 1):
                if n in candidates:
                    near.setdefault(n, []).append(token)
    except yaml.YAMLError as err:
        # -- a line YAML cannot read is reported by `unreadable` and the parser; the lines
        #    before it were scanned whole, so their cut text is named in the same run --
        mark = getattr(err, "problem_mark", None)
        before = mark.line if mark is not None else 0
        candidates = {n for n in candidates if n < before}
    problems: list[Problem] = []
    offset = 0
    for number, line in enumerate(lines):
        if number in candidates:
            tokens = near.get(number, [])
            at = _comment_start(line, offset, tokens)
            if at is not None and line[:at].strip() and not _is_note(line, at):
                problems.append(_cut(name, number + 1, line, at, tokens, offset))
        offset += len(line) + 1
    return problems


def _comment_start(line: str, offset: int, tokens: list[yaml.Token]) -> int | None:
    """The column (0-based) of the `#` that starts a comment on ``line``, if any."""
    for match in re.finditer("#", line):
        col = match.start()
        if col and line[col - 1] not in " \t":
            continue  # -- `C#`, `a#b`: YAML keeps these in the text --
        index = offset + col
        if any(
            t.start_mark.index <= index < t.end_mark.index and not _empty_block(t) for t in tokens
        ):
            continue  # -- inside a quoted or block text: not a comment --
        return col
    return None


def _empty_block(token: yaml.Token) -> bool:
    # -- `headline: > #1`: YAML reads a folded block whose header has a comment, and no
    #    lines under it, so the text typed is gone: the `#` is the one that cut it --
    return isinstance(token, yaml.ScalarToken) and token.style in ("|", ">") and not token.value


def _is_note(line: str, at: int) -> bool:
    rest = line[at + 1 :]
    return not rest or rest[0] in " \t"


def _cut(
    name: str, number: int, line: str, at: int, tokens: list[yaml.Token], offset: int
) -> Problem:
    # -- where the text begins: the plain text before the `#` on this line, or just after
    #    the `key:` or `- ` that opened a value the comment leaves empty --
    start: int | None = None
    after = 0
    for token in tokens:
        begin, end = token.start_mark.index - offset, token.end_mark.index - offset
        if begin >= at:
            break
        if end <= 0:
            continue
        if isinstance(token, yaml.ScalarToken) and token.plain:
            start = max(begin, 0)
        elif isinstance(token, yaml.ValueToken | yaml.BlockEntryToken | yaml.FlowEntryToken):
            start, after = None, end
    kept = ""
    if start is None:
        start = after + len(line[after:]) - len(line[after:].lstrip())
    else:
        kept = line[start:at].strip()
    word = line[at:].split()[0]
    fixed = line[:start] + quoted(line[start:].rstrip())
    cut_to = f"cut this text to `{kept}`" if kept else "leave this value empty"
    return Problem.in_file(
        name,
        f"`{word}` would start a YAML comment and {cut_to}",
        hint=f"quote the text to keep the #: {fixed.strip()}  "
        "(a note after a value is `#` and a space: `title: X  # a note`)",
        line=number,
        column=at + 1,
    )


# -- lines YAML cannot read --------------------------------------------------------------

_STARTS = {
    "*": "`*` at the start of text marks a YAML alias (the first * of **bold** too)",
    "@": "YAML reserves `@` at the start of text",
    "`": "YAML reserves a backtick at the start of text",
    "%": "`%` at the start of text marks a YAML directive",
    "|": "`|` at the start of text opens a YAML block of lines",
    ">": "`>` at the start of text opens a YAML folded block",
    "[": "`[` at the start of text opens a YAML list",
    "{": "`{` at the start of text opens a YAML mapping",
    "!": "`!` at the start of text marks a YAML tag",
    "&": "`&` at the start of text marks a YAML anchor",
}


def unreadable(text: str, name: str) -> list[Problem]:
    """Every line whose value YAML cannot read, each with why and the line quoted."""
    problems: list[Problem] = []
    block_indent: int | None = None  # -- inside a `|` or `>` block: lines are text --
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent is not None:
            if not stripped or indent > block_indent:
                continue
            block_indent = None
        if not stripped or stripped.startswith("#"):
            continue
        start, value = _value(line, indent)
        if value is None:
            continue
        if BLOCK_HEADER.match(value):
            block_indent = indent
            continue
        why = _why_unreadable(value)
        cells = _cells_quoted(value) if why and value[0] == "[" else None
        column = start + 1
        if cells is not None:
            # -- a table row: name the first cell YAML cannot read, at that cell; quote
            #    those cells, not the whole row --
            at, cell, reason = _first_bad_cell(value)
            why, column = f"the cell `{cell}` {reason}", start + at + 1
            hint = f"quote those cells: {(line[:start] + cells).strip()}"
        elif why:
            hint = f"quote the text: {(line[:start] + quoted(_without_note(value))).strip()}"
        else:
            continue
        problems.append(
            Problem.in_file(
                name,
                f"YAML cannot read this line: {why}",
                hint=hint,
                line=number,
                column=column,
            )
        )
    return problems


def _value(line: str, indent: int) -> tuple[int, str | None]:
    """Where the value of a `key:` or `- ` line starts, and its text (None: no value)."""
    pos = indent
    opened = False
    while True:
        item = ITEM.match(line, pos)
        if item:
            pos, opened = item.end(), True
            continue
        key = KEY.match(line, pos)
        if key:
            pos, opened = key.end(), True
        break
    value = line[pos:].rstrip()
    return pos, (value if opened and value else None)


# -- what a cell of a one-line ``[a, b, c]`` may not start with, beyond _STARTS: the
#    markers of a YAML list item, a complex key and a value, each followed by a space --
_CELL_MARKERS = {
    "- ": "starts with `- `, which inside a `[...]` list YAML reads as a list item",
    "? ": "starts with `? `, which YAML reads as a complex key",
    ": ": "starts with `: `, which YAML reads as a value with no key",
}


def _cell_problem(cell: str) -> str:
    """Why YAML cannot read ``cell`` as one plain cell of a ``[...]`` list ("" if it can)."""
    if not cell:
        return ""
    for marker, why in _CELL_MARKERS.items():
        if cell.startswith(marker) or cell == marker.strip():
            return why
    if cell[0] == "#":
        return "starts with `#`, which inside a `[...]` list YAML reads as a comment"
    if cell[0] in _STARTS:
        what = re.match(r"`.+?` at the start of text (.*)$", _STARTS[cell[0]])
        return f"starts with `{cell[0]}`, which " + (what[1] if what else "YAML reserves")
    if " #" in cell:
        return "holds ` #`, which starts a YAML comment"
    if re.search(r":(\s|$)", cell):
        return "holds `: `, which starts another YAML field"
    return ""


def _first_bad_cell(value: str) -> tuple[int, str, str]:
    """The first cell of a one-line ``[a, b, c]`` YAML cannot read: where it starts in
    ``value``, its text and why."""
    at = value.index("[") + 1
    for piece in value[at : value.rindex("]")].split(","):
        cell = piece.strip()
        reason = _cell_problem(cell)
        if reason:
            return at + len(piece) - len(piece.lstrip()), cell, reason
        at += len(piece) + 1
    return 0, value, "cannot be read"  # -- only called on a row _cells_quoted mended --


def _cells_quoted(value: str) -> str | None:
    """A one-line ``[a, b, c]`` with each cell YAML cannot read quoted, if that mends it."""
    inner = value.strip()
    if not (inner.startswith("[") and inner.endswith("]")) or '"' in inner or "'" in inner:
        return None
    cells = [c.strip() for c in inner[1:-1].split(",")]
    mended = [quoted(c) if _cell_problem(c) else c for c in cells]
    if mended == cells:
        return None
    row = "[" + ", ".join(mended) + "]"
    try:
        yaml.safe_load(row)
    except yaml.YAMLError:
        return None
    return row


def _without_note(value: str) -> str:
    note = re.search(r"\s#\s", value)
    return value[: note.start()].rstrip() if note else value


def _why_unreadable(value: str) -> str:
    first = value[0]
    if first in "\"'":
        return ""
    if first in "[{":
        closing = "]" if first == "[" else "}"
        if closing not in value:
            return ""  # -- a list or mapping over several lines: the parser says --
        try:
            yaml.safe_load(value)
        except yaml.YAMLError:
            return _STARTS[first] + ", and what follows is not one"
        return ""
    if first in _STARTS:
        return _STARTS[first]
    if re.search(r":(\s|$)", _without_note(value)):
        return "`: ` inside unquoted text starts another YAML field"
    return ""


# -- why a value cannot start with a character, for the formatter's words too --
STARTS = _STARTS
