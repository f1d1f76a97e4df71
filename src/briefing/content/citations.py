"""Pandoc-style citations, ``[@id]`` or ``[@a; @b]``: finding and numbering them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.content.model import Ask, Briefing, KeyFigure, NextStep, Section, Table

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


def figure_texts(figures: Sequence[KeyFigure] | None) -> list[str]:
    """Key figures' fields that may cite: value, label, context."""
    return [t for f in figures or () for t in (f.value, f.label, f.context or "")]


def table_texts(table: Table | None) -> list[str]:
    """A table's fields that may cite: caption, columns, cells, notes."""
    if table is None:
        return []
    cells = [c for row in table.rows for c in row]
    return [table.caption or "", *table.columns, *cells, table.notes or ""]


def section_texts(section: Section) -> list[str]:
    """A section's fields that may cite, in reading order: headline, key figures, points,
    body, view, quote, table (caption, columns, cells, notes) and notes."""
    texts = [section.headline, *figure_texts(section.key_figures), *section.points, section.body]
    texts += [section.view or ""]
    if section.quote:
        texts += [section.quote.text, section.quote.by]
    texts += table_texts(section.table)
    return [*texts, section.notes or ""]


def ask_texts(ask: Ask | None) -> list[str]:
    """The ask's fields that may cite: request, options, recommendation."""
    if ask is None:
        return []
    options = [t for o in ask.options for t in (o.title, o.detail or "")]
    return [ask.request, *options, ask.recommendation or ""]


def step_texts(steps: Sequence[NextStep] | None) -> list[str]:
    """Next steps' fields that may cite."""
    return [t for s in steps or () for t in (s.action, s.owner, s.due)]


def reading_order(briefing: Briefing) -> list[str]:
    """The fields that may cite, in the order a reader meets them in both outputs: the
    summary, its key figures, the takeaways, the ask, each section's, the next steps."""
    texts = [briefing.summary, *figure_texts(briefing.key_figures), *briefing.takeaways]
    texts += ask_texts(briefing.ask)
    for section in briefing.sections:
        texts += section_texts(section)
    return texts + step_texts(briefing.next_steps)


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
