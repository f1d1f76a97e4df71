"""The one family of user-facing errors: the CLI prints them, never a traceback.

A problem is made one of two ways: ``Problem.at(source, field_path, message, hint=...)``
where a field of a read file is wrong (its line and column come from the file), or
``Problem.in_file(name, message, ...)`` for a file as a whole, a line the reader gave,
or a template whose positions are not known.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

FieldPath = tuple[str | int, ...]


class _Place(Protocol):
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


class Located(Protocol):
    """A read file that knows where each field is (a content `Source`)."""

    @property
    def name(self) -> str: ...

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
    line: int  # 1-based; 0 when the position is unknown
    column: int  # 1-based; 0 when the position is unknown
    path: str  # dotted field path, such as ``sections[2].headline``; may be empty
    message: str
    hint: str = ""

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
        )

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
    ) -> Problem:
        """A problem with the file ``name``, at ``line``:``column`` where that is known."""
        return cls(file=name, line=line, column=column, path=path, message=message, hint=hint)

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class BriefingError(Exception):
    """A problem in the user's content, templates or theme: exit status 1, no traceback."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = sorted(problems) if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[BriefingError], tuple[list[Problem]]]:
        # -- rebuilt from its problems when it crosses from the PDF worker process --
        return (BriefingError, (self.problems,))
