"""Read a content file into plain data, keeping the line and column of every field.

``Path -> Source``. Only this module touches YAML, with :mod:`briefing.content.lines`,
which scans the lines first, and :mod:`briefing.content.compose`, which composes the
nodes. It refuses what YAML would accept silently but a content file never needs:
duplicate keys, anchors and aliases (the way to an alias bomb), tags, deep nesting,
huge files, bytes that are not UTF-8, and a ``#`` that would cut text as a comment.
Scalars and one-line ``key: value`` mappings keep the text they were written as, so
where the format expects text the characters typed arrive (:mod:`briefing.content.written`).
"""

from __future__ import annotations

import copy
import functools
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefing import inputs
from briefing.content import characters, lines
from briefing.content.compose import Refused, compose
from briefing.errors import BriefingError, Fault, Problem

# -- re-exported: field paths and their spelling were defined here first --
from briefing.errors import FieldPath as FieldPath
from briefing.errors import format_path as format_path

MAX_BYTES = 1_000_000  # a briefing is a few kilobytes; anything this large is a mistake


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class Scalar:
    """How a scalar was written: its text and quoting style ('' plain, '|' literal...)."""

    text: str
    style: str


@dataclass(frozen=True)
class Source:
    """A content file read into plain data, with the position of each value and key."""

    path: Path
    name: str  # the file as the user should read it in a message
    text: str
    data: dict[str, Any]
    values: Mapping[FieldPath, Position]
    keys: Mapping[FieldPath, Position]
    scalars: Mapping[FieldPath, Scalar]
    # -- what was wrong but could be read past (a duplicate key, an impossible date), so
    #    that validation reports it together with everything else --
    problems: tuple[Problem, ...] = ()
    # -- a one-line `key: value` as written, for where the format expects text --
    one_liners: Mapping[FieldPath, str] = field(default_factory=dict)
    # -- a plain value YAML could not build (the date 2026-13-01): wrong only where the
    #    format expects something other than text --
    unbuilt: Mapping[FieldPath, Problem] = field(default_factory=dict)
    # -- who mends what is wrong in it: the author of a content file, the template's maker
    #    of a theme or labels file --
    fault: Fault = Fault.AUTHOR

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        """Where ``path`` is, or the nearest enclosing field that has a position."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Position(1, 1))


def display_name(path: Path) -> str:
    """The path relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Kind:
    """What a YAML file is, for the words of a message about its shape."""

    noun: str  # "a briefing is a mapping of fields"
    empty_hint: str
    start_hint: str
    fault: Fault = Fault.AUTHOR  # who mends it


CONTENT = Kind(
    "a briefing",
    "run `briefing new NAME` for a template",
    "start with `title: ...` at the left margin",
)
# -- theme.yaml and labels.yaml, which a project copies from the built-in templates --
TEMPLATE_DATA = Kind(
    "this file",
    "copy the built-in file from the default templates folder and edit it",
    "start each entry at the left margin, as the built-in file does",
    Fault.TEMPLATE,
)


def load(path: Path, *, kind: Kind = CONTENT) -> Source:
    """Read ``path`` into a :class:`Source`, or raise :class:`BriefingError`."""
    try:
        raw = read_bytes(path)
    except BriefingError as err:
        raise _faulted(err, kind) from None
    return parse(raw, path=path, name=display_name(path), kind=kind)


def _faulted(err: BriefingError, kind: Kind) -> BriefingError:
    """``err`` with its problems laid at the door of whoever mends a file of ``kind``."""
    if kind.fault == Fault.AUTHOR:
        return err
    return BriefingError([replace(p, fault=kind.fault) for p in err.problems])


def read_bytes(path: Path) -> bytes:
    """The bytes of a content file, or :class:`BriefingError` saying why it cannot be read."""
    name = display_name(path)
    inputs.note(path)  # -- before reading: a file that is missing now is an input too --
    try:
        # -- look before reading: a FIFO would block, a device or a huge file never end --
        _check_regular_and_small(path, name, os.stat(path))
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # -- a file that grew since is still refused --
        inputs.note(path, data)
        return data
    except FileNotFoundError:
        raise BriefingError(
            Problem.in_file(name, "no such file", hint="check the path, or run `briefing new NAME`")
        ) from None
    except OSError as err:
        raise BriefingError(
            Problem.in_file(
                name,
                f"cannot read it: {err.strerror}",
                hint="check that the path names a readable file",
            )
        ) from None


def _check_regular_and_small(path: Path, name: str, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        what = (
            "Is a directory"  # -- the words of the system's own error --
            if stat.S_ISDIR(info.st_mode)
            else "it is a pipe, a device or a socket, not a file"
        )
        raise BriefingError(
            Problem.in_file(
                name,
                f"cannot read it: {what}",
                hint="check that the path names a readable file",
            )
        )
    if info.st_size > MAX_BYTES:
        raise _too_large(name, info.st_size)


def _too_large(name: str, size: int) -> BriefingError:
    """A file of ``size`` bytes, past :data:`MAX_BYTES`: found before reading it, or in the
    bytes given (a file that grew, bytes that came from elsewhere)."""
    return BriefingError(
        Problem.in_file(
            name,
            f"the file is {size:,} bytes; the limit is {MAX_BYTES:,}",
            hint="a briefing source is text of a few kilobytes: is this the right file?",
        )
    )


def parse(raw: bytes, *, path: Path, name: str, kind: Kind = CONTENT) -> Source:
    """Parse the bytes of a content file; ``name`` is used in messages."""
    try:
        read = _parse_once(raw, path, name, kind)
    except BriefingError as err:
        raise _faulted(err, kind) from None
    # -- the data is the caller's to change: a copy, never the kept one --
    return replace(read, data=copy.deepcopy(read.data))


@functools.lru_cache(maxsize=32)
def _parse_once(raw: bytes, path: Path, name: str, kind: Kind) -> Source:
    """Bytes already read in this process are not parsed again: a build reads the same
    theme and labels for every source, and ``watch`` reads them again at every save (YAML's
    scanner, which keeps every position, is the slowest part of reading). What failed is
    not kept: it is read again, and says the same."""
    return _parse(raw, path=path, name=name, kind=kind)


def _parse(raw: bytes, *, path: Path, name: str, kind: Kind) -> Source:
    if len(raw) > MAX_BYTES:
        raise _too_large(name, len(raw))
    text = _decode(raw, name)
    _check_characters(text, name)
    cut = lines.cut_by_comment(text, name)
    try:
        root = compose(text)
    except Refused as err:
        raise BriefingError(
            Problem.in_file(name, err.message, line=err.line, column=err.column, hint=err.hint)
        ) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        message = err.problem or err.context or "invalid YAML"
        if err.problem and err.context and err.context_mark and err.context_mark != mark:
            # -- such as an unclosed quote: the error is at the end, the cause where it began --
            start = err.context_mark
            message += (
                f" ({err.context} that began at line {start.line + 1}, column {start.column + 1})"
            )
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        unread = lines.unreadable(text, name)
        # -- a line both would name (a `#` inside a row YAML cannot read) is named once --
        found = [p for p in cut if all(p.line != u.line for u in unread)] + unread
        if found:
            # -- name every line YAML cannot read at once; the parser's own word only
            #    when it is about a line the scan did not name --
            if all(p.line != line for p in found):
                found.append(_syntax_problem(name, line, column, message))
            raise BriefingError(found) from None
        raise BriefingError(_syntax_problem(name, line, column, message)) from None
    except yaml.reader.ReaderError as err:
        # -- a character YAML does not allow in a file, such as a raw control character --
        line, column = _line_column(text, err.position)
        raise BriefingError(
            Problem.in_file(
                name,
                f"the file contains {characters.describe_char(chr(err.character))},"
                " which a content file may not carry",
                line=line,
                column=column,
                hint="delete it (most editors do not show it); write the text without it",
            )
        ) from None
    except yaml.YAMLError as err:
        raise BriefingError(
            Problem.in_file(name, f"YAML error: {err}", hint="check that the file is YAML text")
        ) from None

    if root is None:
        raise BriefingError(
            Problem.in_file(name, "the file is empty", line=1, column=1, hint=kind.empty_hint)
        )
    if not isinstance(root, MappingNode):
        got = "a list" if isinstance(root, SequenceNode) else "a single value"
        raise BriefingError(
            Problem.in_file(
                name,
                f"the top level is {got}; {kind.noun} is a mapping of fields",
                line=root.start_mark.line + 1,
                column=root.start_mark.column + 1,
                hint=kind.start_hint,
            )
        )
    builder = _Builder(name, text)
    data = builder.build(root, ())
    problems = [replace(p, fault=kind.fault) for p in cut + builder.problems]
    return Source(
        path,
        name,
        text,
        data,
        builder.values,
        builder.keys,
        builder.scalars,
        tuple(problems),
        one_liners=builder.one_liners,
        unbuilt={k: replace(p, fault=kind.fault) for k, p in builder.unbuilt.items()},
        fault=kind.fault,
    )


def _syntax_problem(name: str, line: int, column: int, message: str) -> Problem:
    hint = (
        "YAML does not allow tabs here: indent and separate with spaces"
        if "\\t" in message
        else "check indentation and quoting near this point; quote text that "
        "contains ': ' or starts with a special character"
    )
    return Problem.in_file(
        name, f"YAML syntax error: {message}", hint=hint, line=line, column=column
    )


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte order mark is harmless; editors on Windows write it
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start].decode("utf-8")  # -- valid up to the bad byte --
        line, column = _line_column(before, len(before))
        raise BriefingError(
            Problem.in_file(
                name,
                f"byte 0x{raw[err.start]:02x} is not valid UTF-8",
                line=line,
                column=column,
                hint="save the file as UTF-8 text",
            )
        ) from None


def _check_characters(text: str, name: str) -> None:
    # -- YAML rejects these too, but with a message no analyst can act on --
    if "\x00" in text:
        line, column = _line_column(text, text.index("\x00"))
        raise BriefingError(
            Problem.in_file(
                name,
                "the file contains a NUL byte: it is not text",
                line=line,
                column=column,
                hint="is this the right file? a briefing source is UTF-8 text",
            )
        )


def _line_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


class _Builder:
    """Turn composed nodes into dicts, lists and scalars, recording positions."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self._text_of_file = text
        self.values: dict[FieldPath, Position] = {}
        self.keys: dict[FieldPath, Position] = {}
        self.scalars: dict[FieldPath, Scalar] = {}
        self.problems: list[Problem] = []
        self.one_liners: dict[FieldPath, str] = {}
        self.unbuilt: dict[FieldPath, Problem] = {}
        self._constructor = SafeConstructor()

    def build(self, node: Node, path: FieldPath) -> Any:
        self.values[path] = Position(node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        self.scalars[path] = Scalar(node.value, node.style or "")
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError, OverflowError) as err:
            # -- an implicit value YAML cannot build, such as the date 2026-13-01 --
            reason = getattr(err, "problem", None) or str(err)
            mark = node.start_mark
            self.unbuilt[path] = Problem.in_file(
                self.name,
                f"cannot read `{node.value}`: {reason}",
                hint="put the value in quotes to keep it as text, or correct it",
                line=mark.line + 1,
                column=mark.column + 1,
                field=path,
            )
            return node.value
        return self._text(node, path, value) if isinstance(value, str) else value

    def _text(self, node: Node, path: FieldPath, value: str) -> str:
        """Refuse characters no output can show faithfully; normalise the rest."""
        found = characters.find_refused(value)
        if found is None:
            return characters.normalise(value)
        _, char, written = found
        # -- a raw character or a reference is found in the file; a YAML escape is not --
        span = self._text_of_file[node.start_mark.index : node.end_mark.index]
        at = span.find(written)
        if at >= 0:
            line, column = _line_column(self._text_of_file, node.start_mark.index + at)
            hint = (
                "delete it (most editors do not show it)"
                if written == char
                else f"delete the character reference {written}"
            )
        else:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            hint = "remove the escape (such as \\v or \\x0b) from the quoted text"
        message = f"contains {characters.describe_char(char)}, which content may not carry"
        self._problem_at(line, column, path, message, hint)
        return value

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        self._one_liner(node, path)
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(
                    key_node,
                    path,
                    "a field name must be plain text",
                    "write a field name followed by a colon, such as `title:`",
                )
                continue
            key = key_node.value
            index = characters.first_refused(key)
            if index is not None:
                self._problem(
                    key_node,
                    path,
                    f"a field name contains {characters.describe_char(key[index])}",
                    "write the field name in plain letters",
                )
                continue
            if key == "<<":
                self._problem(
                    key_node,
                    path,
                    "YAML merge keys (<<) are not allowed here",
                    "write the fields out in full",
                )
                continue
            if key in first_seen:
                earlier = first_seen[key].start_mark
                self._problem(
                    key_node,
                    (*path, key),
                    f"duplicate field '{key}' (first given at line {earlier.line + 1}, "
                    f"column {earlier.column + 1})",
                    "keep one of the two; YAML would silently drop the first",
                )
                continue
            first_seen[key] = key_node
            self.keys[(*path, key)] = Position(
                key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
            result[key] = self.build(value_node, (*path, key))
        return result

    def _one_liner(self, node: MappingNode, path: FieldPath) -> None:
        """Keep ``Slots: Q3 or Q4`` as written: where text is expected, it is that text."""
        if len(node.value) != 1:
            return
        key, value = node.value[0]
        text = self._text_of_file
        if (
            not isinstance(key, ScalarNode)
            or not isinstance(value, ScalarNode)
            or key.style
            or not value.value
            or text[node.start_mark.index] == "{"
            or key.start_mark.line != value.end_mark.line
        ):
            return
        # -- a quoted value (`Capex: "**€62m**"`) counts for its text, without the quotes --
        written = text[key.start_mark.index : value.start_mark.index]
        written += (
            text[value.start_mark.index : value.end_mark.index] if not value.style else value.value
        )
        self.one_liners[path] = characters.normalise(written)

    def _problem(self, node: Node, path: FieldPath, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self._problem_at(mark.line + 1, mark.column + 1, path, message, hint)

    def _problem_at(
        self, line: int, column: int, path: FieldPath, message: str, hint: str = ""
    ) -> None:
        problem = Problem.in_file(
            self.name, message, line=line, column=column, field=path, hint=hint
        )
        self.problems.append(problem)
