"""The one family of user-facing errors: the CLI prints them, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a source or template, with where it is and how to mend it."""

    file: str
    line: int  # 1-based; 0 when the position is unknown
    column: int  # 1-based; 0 when the position is unknown
    path: str  # dotted field path, such as ``sections[2].headline``; may be empty
    message: str
    hint: str = ""

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
