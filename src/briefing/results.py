"""What a build made: ``Output`` per file and ``Built`` per source, for the command line.

Kept apart from :mod:`briefing.build`, so that a build with nothing to do reports its
outputs without loading the stages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.build import Prepared


@dataclass(frozen=True)
class Output:
    """One output of a build: where it is, how long it took, its pages or slides."""

    fmt: str
    path: Path
    seconds: float
    count: int  # pages of a PDF, slides of a deck; 0 for a web page
    skipped: bool  # already up to date: not built again


@dataclass(frozen=True)
class Built:
    name: str
    files: dict[str, Path]
    outputs: tuple[Output, ...] = ()
    notes: tuple[str, ...] = ()  # what the user should know, such as an ignored build record
    prepared: Prepared | None = None  # what was read, for `verify` to prove against
