"""Pandoc-style citations, ``[@id]`` or ``[@a; @b]``: finding and numbering them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.content.model import Briefing, Section

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


def section_texts(section: Section) -> list[str]:
    """A section's fields that may cite, in reading order: headline, points, body,
    table (caption, columns, cells) and notes."""
    texts = [section.headline, *section.points, section.body]
    if section.table:
        table = section.table
        texts += [table.caption or "", *table.columns, *(c for row in table.rows for c in row)]
    return [*texts, section.notes or ""]


def reading_order(briefing: Briefing) -> list[str]:
    """The fields that may cite, in the order a reader meets them in both outputs: the
    summary, the takeaways, then each section's."""
    texts = [briefing.summary, *briefing.takeaways]
    for section in briefing.sections:
        texts += section_texts(section)
    return texts


def numbers(briefing: Briefing) -> dict[str, int]:
    """Each source's number: in the order its first citation is read, as numeric styles
    number them ([1] comes first), then the sources never cited, in their listed order."""
    listed = [source.id for source in briefing.sources]
    known = set(listed)
    cited = dict.fromkeys(
        ref for text in reading_order(briefing) for ref, _ in cited_ids(text) if ref in known
    )
    order = [*cited, *(ref for ref in listed if ref not in cited)]
    return {ref: n for n, ref in enumerate(order, start=1)}
