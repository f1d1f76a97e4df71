"""The one family of user-facing errors: the CLI prints them, never a traceback.

A problem carries where it comes from as a typed ``origin`` (a field of a read file, a
part of a template, a file as a whole, an output) and who must mend it (``fault``: the
author, the template's maker, or the tool's installation), both set where it is found.
It is made one of these ways:

- ``Problem.at(source, field_path, message, hint=...)``: a field of a read file is wrong;
  its line and column come from the file;
- ``Problem.of_field(field_path, message, shown_in=...)``: a stage that does not hold the
  source (the deck's fitting) found a content field at fault; :meth:`Problem.located`
  later gives it the field's line and column in the source, by looking the path up;
- ``Problem.in_template(template, message, part=...)``: a template, or a part of it
  (a slide of the deck description, a layout of a deck template), is wrong;
- ``Problem.in_file(name, message, ...)``: a file as a whole, or a line the reader gave;
- ``Problem.in_output(path, message, format=...)``: an output could not be made or written.

A reader that refuses one input the content names (a picture, a data file) raises an
:class:`InputError` (what is wrong, how to mend it); its caller, which knows the field
that names the input, reports it there as a problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Protocol

FieldPath = tuple[str | int, ...]


class Fault(StrEnum):
    """Who must mend a problem."""

    AUTHOR = "author"  # the content, or how the command was run
    TEMPLATE = "template"  # the templates, the theme, the labels or the deck template
    TOOL = "tool"  # briefing's installation: its fonts, its default files, its engines


@dataclass(frozen=True)
class SourceField:
    """A field of a read YAML file (the content source, the theme, the labels)."""

    path: FieldPath


@dataclass(frozen=True)
class InputFile:
    """A file read as a whole (a picture, a deck template, the source before it parses)."""

    path: str


@dataclass(frozen=True)
class TemplatePart:
    """A template, or one part of it (``slide 3``, ``layout 'Corp Text'``)."""

    template: str
    part: str = ""


@dataclass(frozen=True)
class Output:
    """An output (``format`` empty: the output folder), where it is to be written."""

    path: str
    format: str = ""


Origin = SourceField | InputFile | TemplatePart | Output


class _Place(Protocol):
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


class Located(Protocol):
    """A read file that knows where each field is (a content `Source`)."""

    @property
    def name(self) -> str: ...
    @property
    def fault(self) -> Fault: ...

    def position(self, path: FieldPath, *, key: bool = False) -> _Place: ...


def format_path(path: FieldPath) -> str:
    """``('sections', 2, 'headline')`` -> ``sections[2].headline``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass(frozen=True, order=True, kw_only=True)
class Problem:
    """One thing wrong with a source or template, with where it is and how to mend it."""

    file: str
    line: int = 0  # 1-based; 0 when the position is unknown
    column: int = 0  # 1-based; 0 when the position is unknown
    path: str = ""  # dotted field path, such as ``sections[2].headline``; may be empty
    message: str
    hint: str = ""
    # -- where it comes from and who mends it: not part of the order, which is the reader's --
    origin: Origin = field(compare=False)
    fault: Fault = field(default=Fault.AUTHOR, compare=False)

    @classmethod
    def at(
        cls,
        source: Located,
        field: FieldPath,
        message: str,
        *,
        hint: str = "",
        key: bool = False,
        path: str | None = None,
    ) -> Problem:
        """A problem with ``field`` of ``source``, at the line and column of its value (of its
        key with ``key=True``; ``path`` names another field than the one it points at)."""
        where = source.position(field, key=key)
        return cls(
            file=source.name,
            line=where.line,
            column=where.column,
            path=format_path(field) if path is None else path,
            message=message,
            hint=hint,
            origin=SourceField(field),
            fault=source.fault,
        )

    @classmethod
    def of_field(cls, field: FieldPath, message: str, *, hint: str = "", shown_in: str) -> Problem:
        """A problem with the content field ``field``, found where the source is not at hand:
        shown in the file ``shown_in`` until :meth:`located` places it in the source."""
        return cls(
            file=shown_in,
            path=format_path(field),
            message=message,
            hint=hint,
            origin=SourceField(field),
        )

    @classmethod
    def in_template(
        cls,
        template: str,
        message: str,
        *,
        part: str = "",
        hint: str = "",
        line: int = 0,
        column: int = 0,
        fault: Fault = Fault.TEMPLATE,
    ) -> Problem:
        """A problem with ``template``, or the ``part`` of it named, at ``line`` when known:
        placed as a file's problem is, with the template part as its origin."""
        placed = cls.in_file(
            template, message, hint=hint, line=line, column=column, path=part, fault=fault
        )
        return replace(placed, origin=TemplatePart(template, part))

    @classmethod
    def in_file(
        cls,
        name: str,
        message: str,
        *,
        hint: str = "",
        line: int = 0,
        column: int = 0,
        path: str = "",
        fault: Fault = Fault.AUTHOR,
        field: FieldPath | None = None,
    ) -> Problem:
        """A problem with the file ``name``, at ``line``:``column`` where that is known; at
        the field ``field`` of it when the reader knows which (``path`` then spells it)."""
        origin: Origin = InputFile(name) if field is None else SourceField(field)
        return cls(
            file=name,
            line=line,
            column=column,
            path=format_path(field) if field is not None and not path else path,
            message=message,
            hint=hint,
            origin=origin,
            fault=fault,
        )

    @classmethod
    def in_output(
        cls, path: str, message: str, *, hint: str = "", format: str = "", fault: Fault
    ) -> Problem:
        """A problem making or writing the output at ``path`` (``format`` when one)."""
        return cls(
            file=path,
            message=message,
            hint=hint,
            origin=Output(path, format),
            fault=fault,
        )

    def located(self, source: Located) -> Problem:
        """This problem at the line and column of its content field in ``source``, when it
        names one the source was not at hand for (:meth:`of_field`); else as it is."""
        if not isinstance(self.origin, SourceField) or self.line or self.fault != Fault.AUTHOR:
            return self
        where = source.position(self.origin.path)
        return replace(self, file=source.name, line=where.line, column=where.column)

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class InputError(ValueError):
    """An input a reader refuses, with a hint on how to mend it: reported as a
    :class:`Problem` by the caller that knows which field names the input."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class BriefingError(Exception):
    """A problem in the user's content, templates or theme: exit status 1, no traceback."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = sorted(problems) if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[BriefingError], tuple[list[Problem]]]:
        # -- rebuilt from its problems when it crosses from the PDF worker process --
        return (BriefingError, (self.problems,))
