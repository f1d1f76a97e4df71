"""Prove that every built output says what the source says, by reading the files back.

``Briefing + built files -> Report``. The PDF is read with a PDF text extractor
(pypdf), its outline too; the web page is parsed as HTML; the deck is opened
with python-pptx. Text is compared after folding case, Unicode compatibility
forms, punctuation and spacing, so hyphenation, curly quotes and line breaks do
not count as differences, while a missing word does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.content import citations
from briefing.content.model import Briefing, KeyFigure, Section
from briefing.markup import Renderer, plain

_FOLD = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Text reduced to lower-case letters and digits, for robust comparison."""
    return _FOLD.sub("", unicodedata.normalize("NFKC", text).casefold())


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


def expectations(briefing: Briefing) -> list[Expectation]:
    """What each output must contain: titles and headlines everywhere, and the rest."""
    numbers = citations.numbers(briefing)
    r = Renderer(numbers)

    def text(markdown: str) -> str:
        return plain(r.inline(citations.strip(markdown)))

    every = ("html", "pdf", "pptx")
    found = [
        Expectation("takeaways", f"takeaway {i}", text(t), every)
        for i, t in enumerate(briefing.takeaways, 1)
    ]
    for section in briefing.sections:
        found.append(Expectation(section.id, "title", section.title, every))
        found.append(Expectation(section.id, "headline", text(section.headline), every))
        found += [
            Expectation(section.id, f"point {i}", text(p), every)
            for i, p in enumerate(section.points, 1)
        ]
        if section.table:
            cells = [*section.table.columns, *(c for row in section.table.rows for c in row)]
            found += [Expectation(section.id, "table cell", text(c), every) for c in cells]
        found += _executive(section.id, section, text)
    found += [
        Expectation("sources", f"source [{numbers[s.id]}]", s.title, every)
        for s in briefing.sources
    ]
    found += _briefing_executive(briefing, text)
    return found


def _figures(row: str, figures: Sequence[KeyFigure] | None, text: Any) -> list[Expectation]:
    every = ("html", "pdf", "pptx")
    found = []
    for n, figure in enumerate(figures or (), 1):
        found.append(Expectation(row, f"key figure {n}", f"{figure.value} {figure.label}", every))
        if figure.context:
            found.append(Expectation(row, f"key figure {n} context", text(figure.context), every))
    return found


def _executive(row: str, section: Section, text: Any) -> list[Expectation]:
    """A section's key figures, quote, view and table notes."""
    every = ("html", "pdf", "pptx")
    found = _figures(row, section.key_figures, text)
    if section.quote:
        found.append(Expectation(row, "quote", text(section.quote.text), every))
        found.append(Expectation(row, "quote by", section.quote.by, every))
    if section.view:
        found.append(Expectation(row, "our view", plain_block(section.view), every))
    if section.table and section.table.notes:
        # -- on a slide they are the speaker notes, which the deck's text does not hold --
        notes = plain_block(section.table.notes)
        found.append(Expectation(row, "table notes", notes, ("html", "pdf")))
    return found


def _briefing_executive(briefing: Briefing, text: Any) -> list[Expectation]:
    """The briefing's key figures, the ask and the next steps, each a row of its own."""
    every = ("html", "pdf", "pptx")
    found = _figures("key-figures", briefing.key_figures, text)
    if briefing.ask:
        ask = briefing.ask
        found.append(Expectation("ask", "request", text(ask.request), every))
        for n, option in enumerate(ask.options, 1):
            words = option.title + (" " + text(option.detail) if option.detail else "")
            found.append(Expectation("ask", f"option {n}", words, every))
        if ask.recommendation:
            found.append(Expectation("ask", "recommendation", text(ask.recommendation), every))
    for n, step in enumerate(briefing.next_steps or (), 1):
        words = f"{text(step.action)} {step.owner} {step.due}"
        found.append(Expectation("next-steps", f"step {n}", words, every))
    return found


def plain_block(markdown: str) -> str:
    """Markdown prose as plain text, citations dropped."""
    return plain(Renderer({}).block(citations.strip(markdown)))


def rows_of(briefing: Briefing) -> list[str]:
    """The matrix's rows: takeaways, the briefing's key figures and ask, each section, the
    next steps, the sources."""
    rows = ["takeaways"]
    rows += ["key-figures"] if briefing.key_figures else []
    rows += ["ask"] if briefing.ask else []
    rows += [s.id for s in briefing.sections]
    rows += ["next-steps"] if briefing.next_steps else []
    return rows + (["sources"] if briefing.sources else [])


def verify(briefing: Briefing, *, name: str, files: dict[str, Path]) -> Report:
    """Check every expectation against every built file in ``files`` (format -> path)."""
    rows = rows_of(briefing)
    report = Report(name, rows, list(files))
    texts: dict[str, str] = {}
    outlines: dict[str, str] = {}
    for fmt, path in files.items():
        try:
            texts[fmt], outlines[fmt] = _read(fmt, path)
        except Exception as err:
            report.unreadable[fmt] = f"{path}: cannot be read: {err}"
    for exp in expectations(briefing):
        for fmt in files:
            if fmt in report.unreadable or fmt not in exp.formats:
                continue
            haystack = texts[fmt]
            if exp.what == "title" and fmt == "pdf":
                haystack = outlines[fmt]  # a chapter title must be a bookmark, not just a header
            if fold(exp.text) not in haystack:
                report.missing.setdefault((exp.row, fmt), []).append(exp)
    return report


def _read(fmt: str, path: Path) -> tuple[str, str]:
    if fmt == "pdf":
        return _read_pdf(path)
    if fmt == "html":
        import lxml.html

        root = lxml.html.fromstring(path.read_bytes())
        return fold(root.text_content()), ""
    if fmt == "pptx":
        return fold("\n".join(pptx_text(path))), ""
    raise ValueError(f"unknown format {fmt}")


def _read_pdf(path: Path) -> tuple[str, str]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    titles: list[str] = []

    def walk(items: Sequence[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(getattr(item, "title", "")))

    walk(reader.outline)
    return fold(text), "|".join(fold(t) for t in titles)


def pptx_text(path: Path) -> list[str]:
    """The text on each slide of a deck (text frames and tables; not notes)."""
    from pptx import Presentation

    slides = []
    for slide in Presentation(str(path)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    parts.extend(cell.text for cell in row.cells)
        slides.append("\n".join(parts))
    return slides
