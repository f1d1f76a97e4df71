"""What a proof expects and what it found: ``Expectation``s, and the ``Report`` of one
source's outputs (its matrix of rows by formats). Shared by the text proof
(:mod:`briefing.proof.verify`) and the figure proof (:mod:`briefing.proof.figure_proof`),
which import it and not each other.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_FOLD = re.compile(r"[\W_]+", re.UNICODE)
# -- a sign or marker that stands alone before a number or a word ("- 5%", "-5%", "#1",
#    "> quoted", "+ 3%", "* starred"): kept, so an output that drops it differs. A hyphen
#    inside or at the end of a word (a line broken by hyphenation) is not one --
_MARK = re.compile(r"(?:^|(?<=[\s\"'(\[\u201c\u2018\u201e\u00ab]))([-\u2212+#>*])(?=\s|\d)")


def fold(text: str) -> str:
    """Text reduced to lower-case letters and digits (and the signs and markers that stand
    before a number or a word, a minus sign as a hyphen), for robust comparison."""
    parts = _MARK.split(unicodedata.normalize("NFKC", text).casefold())
    return "".join(
        ("-" if part == "\u2212" else part) if odd else _FOLD.sub("", part)
        for odd, part in ((i % 2 == 1, part) for i, part in enumerate(parts))
    )


@dataclass(frozen=True)
class Expectation:
    row: str  # the matrix row: a section id, "takeaways", "sources"
    what: str  # "title", "headline", "point 2", ...
    text: str
    formats: tuple[str, ...]


@dataclass
class Report:
    name: str
    rows: list[str]
    formats: list[str]
    missing: dict[tuple[str, str], list[Expectation]] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.missing.values()) and not self.unreadable

    def matrix(self) -> str:
        width = max(len(r) for r in self.rows) + 2
        lines = [" " * width + "".join(f"{f:>6}" for f in self.formats)]
        for row in self.rows:
            marks = []
            for fmt in self.formats:
                if fmt in self.unreadable:
                    marks.append("?")
                else:
                    marks.append("✗" if self.missing.get((row, fmt)) else "✓")
            lines.append(f"{row:<{width}}" + "".join(f"{m:>6}" for m in marks))
        return "\n".join(lines)


def figure_row(section: str, number: int) -> str:
    """The matrix row of a section's figure ``number`` (1-based)."""
    return f"{section} fig {number}"
