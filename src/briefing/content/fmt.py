"""Rewrite a content file's lines that YAML cannot read, or would read otherwise, as quoted text.

``str -> Formatted`` (the new text and each line mended). An analyst types
``- **Revenue**: up 5%``, ``headline: FY23: profit up``, ``- Ranked #1 in Europe``,
``- & more`` or a table row ``[Revenue, £11,797.1m, 6.6%]``; YAML refuses the first
two, cuts the third at the ``#``, refuses the fourth, and splits the row into five
cells. Each such line is mended where it stands, on the original text, so
comments, key order, blank lines and layout are kept:

- a one-line text (a plain value after ``key:`` or ``- ``, and the lines it
  continues on) that YAML would not read back as exactly its characters is put
  in quotes (:func:`briefing.content.lines.quoted`), a note after it
  (``  # why``) kept as a note;
- in a one-line ``[...]`` list of text (table rows, columns, categories), each
  cell that YAML cannot read as written is quoted, in place; a comma between
  digits followed by three digits (``11,797``) is a thousands separator, not a
  cell break, when the row's cells are separated by ``, ``;
- in a list of numbers (a chart's ``values``), thousands separators are taken
  out (``5,650.8`` becomes ``5650.8``): the value is a number, and the chart
  prints it with its separators.

Which values are text, lists of text or numbers is read from the content
model by field name. Values YAML would retype (``Yes``, ``010``, ``12:30``, a
date) are left as they are: where the format expects text, the loader keeps
them as written (:mod:`briefing.content.written`). The result is read back
with the project's own loader, and every mended value must read as the text
meant, or nothing is written (:func:`format_text` raises). Running it on its
own output changes nothing.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from briefing.content import lines, source
from briefing.content.model import Briefing
from briefing.errors import BriefingError, Problem
from briefing.output import write_atomic

# -- the shape of a field's value: "text", "number", "object", "other", or ("list", shape) --
Shape = Any

_NOTE = re.compile(r"[ \t]+#(?:[ \t].*)?$")
# -- a comma inside a figure: a digit before, exactly three digits after --
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
# -- past these, a line is no table row or text an analyst typed: the loader says why, and
#    YAML is never asked to nest that deep (its parser recurses) --
_MAX_NESTING = 40
_MAX_CELLS = 200
_NESTED = re.compile(r"(?:[-?:][ \t]+){" + str(_MAX_NESTING) + "}")


def _deep(text: str) -> bool:
    return text.count("[") + text.count("{") > _MAX_NESTING or bool(_NESTED.search(text))


@dataclass(frozen=True)
class Mend:
    """One line rewritten: where, what it was, what it is now, and why."""

    line: int  # 1-based, the first line of the value
    before: str
    after: str
    why: str  # what YAML would have done, in the reader's words
    error: bool  # whether YAML refuses or cuts the line as written (check reports it)
    # -- the text each mended value reads as, by (line, column), to prove the result --
    expected: tuple[tuple[int, int, str], ...] = ()
    column: int = 1  # -- 1-based: where the first text mended begins --
    kind: str = "text"  # -- "text" (quoted whole), "cells" (of a row), "numbers" --


@dataclass(frozen=True)
class Formatted:
    text: str
    mends: tuple[Mend, ...]

    @property
    def changed(self) -> bool:
        return bool(self.mends)


def format_text(text: str, *, name: str) -> Formatted:
    """``text`` with every line YAML cannot read or would change quoted, proven by reading it
    back; :class:`BriefingError` when the result would still not read (nothing is mended)."""
    formatted = plan(text)
    _prove(formatted, name)
    return formatted


def plan(text: str) -> Formatted:
    """The mended text and its mends, without reading the result back."""
    rows = text.split("\n")
    mends = _Scan(rows).run()
    out = list(rows)
    for mend in mends:
        count = mend.before.count("\n") + 1
        out[mend.line - 1 : mend.line - 1 + count] = mend.after.split("\n")
    return Formatted("\n".join(out), tuple(mends))


def format_file(path: Path, *, write: bool = True) -> Formatted:
    """Read ``path``, mend it, and (``write``) replace it atomically when it changed."""
    raw = source.read_bytes(path)
    name = source.display_name(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        source.parse(raw, path=path, name=name)  # -- raises, saying where --
        raise
    newline = "\r\n" if "\r\n" in text else "\n"
    formatted = format_text(text.replace("\r\n", "\n"), name=name)
    if write and formatted.changed:
        bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
        write_atomic(path, (bom + formatted.text.replace("\n", newline)).encode("utf-8"))
    return formatted


# -- the content model's fields by name ----------------------------------------------------


@cache
def field_shapes() -> dict[str, Shape]:
    """Each field name of the content format with the shape of its value."""
    shapes: dict[str, Shape] = {}
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for field_name, info in model.model_fields.items():
            shape = _shape(info.annotation, visit)
            if shapes.get(field_name, shape) != shape:
                shape = "other"  # -- two meanings of one name: judge by the line alone --
            shapes[field_name] = shape

    visit(Briefing)
    return shapes


def _shape(annotation: Any, visit: Any) -> Shape:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _shape(get_args(annotation)[0], visit)
    if origin is Union or origin is types.UnionType:
        kinds = [_shape(a, visit) for a in get_args(annotation) if a is not type(None)]
        return kinds[0] if len(set(map(str, kinds))) == 1 else "other"
    if annotation is str:
        return "text"
    if annotation in (int, float):
        return "number"
    if origin is list:
        return ("list", _shape(get_args(annotation)[0], visit))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        visit(annotation)
        return "object"
    return "other"


# -- the scan ------------------------------------------------------------------------------


class _Scan:
    """Walk the lines once, knowing each value's field from the keys above it."""

    def __init__(self, rows: list[str]) -> None:
        self.rows = rows
        self.shapes = field_shapes()
        # -- (column, an item or a key, the shape of what it holds) of what is open --
        self.open: list[tuple[int, bool, Shape]] = []

    def run(self) -> list[Mend]:
        mends: list[Mend] = []
        n = 0
        block: int | None = None  # -- inside a `|` or `>` block: its owner's column --
        flow = 0  # -- inside a `[` or `{` that spans lines --
        while n < len(self.rows):
            line = self.rows[n]
            stripped = line.lstrip(" ")
            indent = len(line) - len(stripped)
            if block is not None:
                if not stripped.strip() or indent > block:
                    n += 1
                    continue
                block = None
            if flow:
                flow = max(0, flow + _depth(line))
                n += 1
                continue
            if not stripped.strip() or stripped.startswith("#") or _is_marker(line):
                n += 1
                continue
            start, shape, owner = self._prefix(line, indent)
            value = line[start:].rstrip()
            if not value or _is_note_only(value):
                n += 1
                continue
            if value.startswith(("'", '"')):
                following = self._continuation(n + 1, owner)
                probe = "k: " + value + "".join("\n  " + f.strip() for f in following)
                closed = value[0] in value[1:]  # -- an unclosed quote is the parser's to name --
                if not following and closed and not _parses(probe):
                    # -- `"Revenue" grew`: a quote that opens the text, not a quoted value --
                    mend = _mend_text(n, line, start, value, [])
                    if mend is not None:
                        mends.append(mend)
                n += 1 + len(following)
                continue
            header = lines.BLOCK_HEADER.match(value)
            if header and not (_cuts_all(header[1]) and not self._continuation(n + 1, owner)):
                # -- a block, or an empty one: the author's; but `> #1` with nothing under it
                #    is text that the `#` would empty, mended below like any other --
                block = owner  # -- its lines are further in than its key (or its dash) --
                n += 1
                continue
            if value[0] in "[{" and _depth(_without_note(value)) > 0 and shape != "text":
                flow = _depth(line[start:])
                n += 1
                continue
            following = self._continuation(n + 1, owner)
            mend = self._mend(n, start, value, shape, following)
            if mend is not None:
                mends.append(mend)
            n += 1 + len(following)
        return mends

    def _prefix(self, line: str, indent: int) -> tuple[int, Shape, int]:
        """Where the value starts, the shape the format gives it, and its owner's column."""
        is_item = bool(lines.ITEM.match(line, indent))
        # -- what this line closes: deeper entries; at its column, a sibling item, or (for a
        #    key) a sibling key; a list may start at its key's column (`points:` / `- a`) --
        self.open = [
            (col, item, shape)
            for col, item, shape in self.open
            if col < indent or (col == indent and is_item and not item)
        ]
        shape: Shape = self.open[-1][2] if self.open else "object"
        pos, owner = indent, indent
        while True:
            item = lines.ITEM.match(line, pos)
            # -- a name of two meanings ("other": a chart's `series` list, a CAGR's
            #    `series` label) may open a list: what its items hold is judged by name --
            if not item or (shape not in (None, "other") and not _is_list(shape)):
                break
            shape = shape[1] if _is_list(shape) else None
            self.open.append((pos, True, shape))
            owner, pos = pos, item.end()
        key = lines.KEY.match(line, pos)
        if key and shape in (None, "object", "other"):
            name = line[pos : key.end()].rstrip().rstrip(":").strip()
            shape, owner = self.shapes.get(name), pos
            self.open.append((pos, False, shape))
            pos = key.end()
        elif pos == indent:
            return len(line), None, indent  # -- neither an item nor a key: not ours to judge --
        return pos, shape, owner

    def _continuation(self, n: int, owner: int) -> list[str]:
        """The lines a plain value goes on over: more indented than its owner, not a note."""
        found: list[str] = []
        while n < len(self.rows):
            line = self.rows[n]
            stripped = line.lstrip(" ")
            if not stripped.strip():
                # -- a blank line continues the text only when more of it follows --
                rest = self._continuation_after_blank(n, owner)
                if not rest:
                    break
                found += self.rows[n : n + rest]
                n += rest
                continue
            if len(line) - len(stripped) <= owner or stripped.startswith("#"):
                break
            found.append(line)
            n += 1
        return found

    def _continuation_after_blank(self, n: int, owner: int) -> int:
        m = n
        while m < len(self.rows) and not self.rows[m].strip():
            m += 1
        if m == len(self.rows):
            return 0
        line = self.rows[m]
        stripped = line.lstrip(" ")
        if len(line) - len(stripped) <= owner or stripped.startswith("#"):
            return 0
        return m - n

    def _mend(
        self, n: int, start: int, value: str, shape: Shape, following: list[str]
    ) -> Mend | None:
        line = self.rows[n]
        if value[0] == "[" and not following and _is_list(shape):
            return _mend_list(n, line, start, value, shape)
        if _is_list(shape) or shape == "object":
            return None  # -- a list or a mapping written as one value: the model says so --
        if value[0] in "[{" and shape != "text" and _parses("k: " + value):
            return None  # -- a list or mapping where the format has none: the model says so --
        return _mend_text(n, line, start, value, following)


def _parses(text: str) -> bool:
    if _deep(text):
        return False
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    return True


def _is_list(shape: Shape) -> bool:
    return isinstance(shape, tuple) and shape[0] == "list"


def _is_marker(line: str) -> bool:
    return line.startswith(("---", "...", "%"))


def _cuts_all(comment: str | None) -> bool:
    """Whether a block header's comment (``#1`` of ``> #1``) is text by the `#` rule."""
    return comment is not None and not _is_note_only(comment)


def _is_note_only(value: str) -> bool:
    return value.startswith("#") and (len(value) == 1 or value[1] in " \t")


def _without_note(value: str) -> str:
    note = _NOTE.search(value)
    return value[: note.start()] if note else value


class _Unquoted:
    """The characters of ``text[start:end]`` outside YAML quotes, each with its index,
    and the depth of ``[`` and ``{`` the scan has reached: the reading :func:`_depth`
    and :func:`_cells` share. A quote opens where ``opens(i)`` says one may (a quote
    inside a plain word is a character of it); in double quotes a backslash escapes the
    next character. ``quote`` is the quote still open where the scan stopped."""

    def __init__(self, text: str, start: int, end: int, opens: Callable[[int], bool]) -> None:
        self.text, self.start, self.end, self.opens = text, start, end, opens
        self.quote = ""
        self.depth = 0

    def __iter__(self) -> Iterator[tuple[int, str]]:
        i = self.start
        while i < self.end:
            char = self.text[i]
            if self.quote:
                if char == self.quote:
                    self.quote = ""
                elif char == "\\" and self.quote == '"':
                    i += 1  # -- an escaped character, such as \" --
            elif char in "'\"" and self.opens(i):
                self.quote = char
            else:
                if char in "[{":
                    self.depth += 1
                elif char in "]}":
                    self.depth -= 1
                yield i, char
            i += 1


def _depth(text: str) -> int:
    """How many `[` and `{` the text leaves open, outside quotes and before a note."""
    scan = _Unquoted(text, 0, len(text), lambda i: i == 0 or text[i - 1] in " ,[{")
    for i, char in scan:
        if char == "#" and i and text[i - 1] in " \t" and text[i + 1 : i + 2] in ("", " ", "\t"):
            break  # -- a note; a `#1` is text the author meant --
    return scan.depth


# -- one text ------------------------------------------------------------------------------


def _mend_text(n: int, line: str, start: int, value: str, following: list[str]) -> Mend | None:
    if any(yaml.reader.Reader.NON_PRINTABLE.search(t) for t in [value, *following]):
        return None  # -- a character no quoting makes readable: the loader names it --
    first = _without_note(value)
    note = value[len(first) :]
    parts = [first.strip(), *(f.strip() for f in following)]
    meant = _folded(parts)
    # -- read in its own context: after `- ` a `key: value` is a mapping YAML can read --
    lead = "- " if line[:start].rstrip().endswith("-") else "k: "
    probe = lead + value + "".join("\n  " + f.strip() for f in following)
    read = _read_plain(probe)
    if read == meant:
        return None
    why, error = _why(first.strip(), read, lead)
    if following:
        if any(_NOTE.search(f) for f in following) or note:
            return None  # -- a note inside a text over several lines: not ours to move --
        quote = "'" if any('"' in p or "\\" in p for p in parts) else '"'
        body = [(p.replace("'", "''") if quote == "'" else p) for p in parts]
        indents = [f[: len(f) - len(f.lstrip(" "))] for f in following]
        after_rows = [line[:start] + quote + body[0]]
        after_rows += [i + b for i, b in zip(indents, body[1:], strict=True)]
        after_rows[-1] += quote
        before = "\n".join([line, *following])
        after = "\n".join(after_rows)
    else:
        before = line
        after = line[:start] + lines.quoted(first.strip()) + note
    return Mend(n + 1, before, after, why, error, ((n + 1, start + 1, meant),), start + 1)


def _folded(parts: list[str]) -> str:
    """Lines of a plain or quoted value joined as YAML folds them."""
    text = ""
    blanks = 0
    for i, part in enumerate(parts):
        if not part:
            blanks += 1
            continue
        if i:
            text += "\n" * blanks if blanks else " "
        text += part
        blanks = 0
    return text


def _read_plain(probe: str) -> str | None:
    """The plain text ``probe``'s one value reads as, or None (not plain text, or not YAML)."""
    if _deep(probe):
        return None
    try:
        root = yaml.compose(probe, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if isinstance(root, SequenceNode) and len(root.value) == 1:
        node = root.value[0]
    elif isinstance(root, MappingNode) and len(root.value) == 1:
        node = root.value[0][1]
    else:
        return None
    if not isinstance(node, ScalarNode) or node.style:
        return None
    # -- `Yes`, `010`, a date: read as written where text is expected (written.py) --
    return str(node.value)


def _why(value: str, read: str | None, lead: str = "k: ") -> tuple[str, bool]:
    first = value[0]
    if first == "#" or (read is not None and read != value and re.search(r"\s#", value)):
        return ("a `#` after a space starts a YAML comment and would cut the text", True)
    if first in lines.STARTS:
        return (lines.STARTS[first], True)
    if first in "-?:" and len(value) > 1 and value[1] in " \t":
        return (f"`{first} ` at the start of text is YAML syntax", True)
    if re.search(r":(\s|$)", value):
        if not _parses(lead + value):
            return ("`: ` inside unquoted text starts another YAML field", True)
        return ("`: ` makes YAML read this text as a field and its value", False)
    return ("YAML would not read this text as written", read is None)


# -- one list on one line ------------------------------------------------------------------


def _mend_list(n: int, line: str, start: int, value: str, shape: Shape) -> Mend | None:
    row = _without_note(value)
    note = value[len(row) :]
    row = row.rstrip()
    if not row.endswith("]"):
        return _mend_text(n, line, start, value, []) if shape == "text" else None
    cells = _cells(row)
    if cells is None or len(cells) > _MAX_CELLS:
        return None
    numbers = shape[1] == "number"
    read = _read_list(row)
    new = row
    first_at = 0
    expected: list[tuple[int, int, str]] = []
    changed = False
    why = ""
    offset = 0
    for begin, end in cells:
        cell = row[begin:end]
        plain = cell.strip()
        lead = len(cell) - len(cell.lstrip())
        at = begin + lead
        if not plain or plain[0] in "'\"":
            continue
        if numbers and _THOUSANDS.search(plain) and _NUMBER.fullmatch(plain.replace(",", "")):
            fixed = plain.replace(",", "")
            why = why or "a comma inside a number separates two values in a YAML list"
        elif _WORD.fullmatch(plain) or _read_list("[" + plain + "]") == [plain]:
            if not numbers:
                expected.append((n + 1, start + offset + at + 1, plain))
            continue
        else:
            fixed = lines.quoted(plain)
            if "," in plain:
                why = why or "a comma inside a cell splits it in two in a YAML list"
            else:
                why = why or _why(plain, None)[0]
        first_at = first_at or start + at + 1
        new = new[: offset + at] + fixed + new[offset + at + len(plain) :]
        if not numbers:
            expected.append((n + 1, start + offset + at + 1, plain))
        offset += len(fixed) - len(plain)
        changed = True
    if not changed:
        return None
    # -- a cell YAML reads as another value but the loader keeps as written is no error --
    error = read != [row[b:e].strip() for b, e in cells]
    after = line[:start] + new + note
    kind = "numbers" if numbers else "cells"
    return Mend(n + 1, line, after, why, error, tuple(expected), first_at, kind)


# -- a cell of letters, digits and `_.+-` (not first) is one plain scalar, read as written:
#    no YAML parse needed to know it (a parse a cell made long lists slow to check) --
_WORD = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.+-]*")


def _cells(row: str) -> list[tuple[int, int]] | None:
    """The spans of a one-line ``[...]`` row's cells, as the author separated them."""
    inner_start, inner_end = 1, len(row) - 1
    spans: list[tuple[int, int]] = []
    spaced = _spaced(row)
    begin = inner_start
    # -- a quote opens a cell; depth counts brackets inside one, as in a link `[site](...)` --
    scan = _Unquoted(row, inner_start, inner_end, lambda i: not row[begin:i].strip())
    for i, char in scan:
        if scan.depth < 0:
            return None  # -- a bracket that closes nothing: not a row of cells --
        if char == "," and not scan.depth and not (spaced and _THOUSANDS.match(row, i)):
            spans.append((begin, i))
            begin = i + 1
    if scan.quote or scan.depth:
        return None
    spans.append((begin, inner_end))
    if len(spans) == 1 and not row[inner_start:inner_end].strip():
        return []
    return spans


def _spaced(row: str) -> bool:
    """Whether the row's cells are separated by a comma and a space somewhere."""
    return bool(re.search(r",\s", row))


def _read_list(row: str) -> list[str] | None:
    if _deep(row):
        return None
    try:
        root = yaml.compose("k: " + row, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, MappingNode):
        return None
    node = root.value[0][1]
    if not isinstance(node, SequenceNode):
        return None
    cells = []
    for item in node.value:
        pair = item.value[0] if isinstance(item, MappingNode) and len(item.value) == 1 else None
        if pair and all(isinstance(x, ScalarNode) and not x.style for x in pair):
            # -- `[Slots: Q3, ...]`: the loader keeps a one-pair cell as the text written --
            cells.append(f"{pair[0].value}: {pair[1].value}")
            continue
        if not isinstance(item, ScalarNode) or item.tag not in (
            "tag:yaml.org,2002:str",
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:null",
            "tag:yaml.org,2002:timestamp",
        ):
            return None
        cells.append(item.value)
    return cells


# -- the proof -----------------------------------------------------------------------------


def _prove(formatted: Formatted, name: str) -> None:
    """Read the mended text with the project's loader: it must read, and say what was meant."""
    try:
        read = source.parse(formatted.text.encode("utf-8"), path=Path(name), name=name)
    except BriefingError as err:
        raise BriefingError(
            [
                replace(p, hint=p.hint or "mend this line by hand, then run `briefing fmt` again")
                for p in err.problems
            ]
        ) from None
    cut = [p for p in read.problems if "YAML comment" in p.message]
    if cut:
        raise BriefingError(cut)
    at = {(pos.line, pos.column): path for path, pos in read.values.items()}
    for mend in formatted.mends:
        for line, column, text in mend.expected:
            path = at.get((line, column))
            scalar = read.scalars.get(path) if path is not None else None
            if scalar is None or scalar.text != text:
                raise BriefingError(
                    Problem.in_file(
                        name,
                        "briefing fmt could not quote this line so that it reads as written",
                        hint="quote it by hand; nothing was changed",
                        line=line,
                        column=column,
                    )
                )


# -- what `check` and `build` say about the lines fmt mends ------------------------------


def advise(err: BriefingError, path: Path) -> BriefingError:
    """``err`` with every line fmt would mend named (those the reading stopped before too),
    and a hint on each that says so: ``run `briefing fmt FILE`: it quotes these 7 lines``."""
    try:
        text = source.read_bytes(path).decode("utf-8-sig").replace("\r\n", "\n")
    except (BriefingError, UnicodeDecodeError):
        return err
    mends = {m.line: m for m in plan(text).mends}
    if not mends:
        return err
    problems = list(err.problems)
    name = problems[0].file if problems else source.display_name(path)
    named = {p.line for p in problems if p.file == name}
    for mend in mends.values():
        if mend.error and mend.line not in named:
            message = f"YAML cannot read this line: {mend.why}"
            problems.append(Problem.in_file(name, message, line=mend.line, column=mend.column))
    count = len({p.line for p in problems if p.file == name and p.line in mends})
    shown = "this line" if count == 1 else f"these {count} lines"
    # -- fmt also quotes lines YAML reads as the author meant (a `Revenue: up 5%` kept as
    #    text): not problems, but the count fmt will report must be the one promised --
    if len(mends) > count:
        shown = f"{len(mends)} lines, " + ("this one" if count == 1 else shown) + " among them"
    run = f"run `briefing fmt {name}`: it quotes {shown}"
    return BriefingError([_advised(p, mends, name, run) for p in problems])


def _advised(p: Problem, mends: dict[int, Mend], name: str, run: str) -> Problem:
    mend = mends.get(p.line)
    if mend is None or p.file != name:
        return p
    written = mend.after.strip()
    message, hint = p.message, p.hint
    ours = p.message.startswith(("YAML cannot read this line", "YAML syntax error")) or (
        "would start a YAML comment" in p.message
    )
    if mend.kind == "numbers":
        hint = f"write the numbers without thousands separators: {written}; or {run}"
        if "values for" in message:
            message += " (a comma between digits, as in 5,650.8, separates two values)"
    elif ours and mend.kind == "cells":
        hint = f"quote those cells: {written}; or {run}"
    elif ours and "comment" in message + mend.why:
        note = "" if " # " in written else "  (a note after a value is `#` and a space)"
        hint = f"quote the text to keep the #: {written}{note}; or {run}"
    elif ours:
        hint = f"quote the text: {written}; or {run}"
    elif mend.kind == "cells":
        hint = f"quote the cells that hold a comma: {written}; or {run}"
    else:
        hint = f"{hint}; or {run}" if hint else run
    return replace(p, message=message, hint=hint)
