"""Pandoc-style citations, ``[@id]`` or ``[@a; @b]``: finding and numbering them."""

from __future__ import annotations

import re
from collections.abc import Iterator

# -- the whole bracket, then each @id inside it --
CITATION = re.compile(r"\[(@[A-Za-z0-9_-]+(?:\s*;\s*@[A-Za-z0-9_-]+)*)\]")
CITED_ID = re.compile(r"@([A-Za-z0-9_-]+)")


def cited_ids(text: str) -> Iterator[tuple[str, int]]:
    """Each cited id in ``text`` with its character offset."""
    for match in CITATION.finditer(text):
        for ref in CITED_ID.finditer(match.group(1)):
            yield ref.group(1), match.start(1) + ref.start()


def strip(text: str) -> str:
    """``text`` without its citation brackets (for plain text such as speaker notes)."""
    return re.sub(r"\s*" + CITATION.pattern, "", text)
