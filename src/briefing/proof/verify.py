"""Prove that every built output says what the source says, by reading the files back.

``Briefing + built files -> Report``. The outputs are read back by
:mod:`briefing.proof.readback` (the PDF with poppler: its text, its tagged tables and
lists; its outline with pypdf; the web page parsed as HTML; the deck with
python-pptx). Text is compared after folding case, Unicode compatibility forms,
punctuation and spacing, so hyphenation, curly quotes and line breaks do not
count as differences, while a missing word does (and so does a sign or a marker
standing before a number or a word: ``- 5%``, ``#1``, ``> quoted``). A table is
compared cell by cell in its row and column, and each source must be an entry of
the Sources list, not just named somewhere.

Every expectation is read from the source as written, by
:mod:`briefing.proof.source_text` (a reader independent of the renderer): what the
renderer or a template drops is missing, never expected away.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import FORMATS
from briefing.content import citations, validate
from briefing.content import source as content_source
from briefing.content.chart_geometry import annotation_texts
from briefing.content.model import Briefing, Chart, KeyFigure, Section
from briefing.proof import readback, source_text
from briefing.proof.figure_proof import check_figures
from briefing.proof.readback import Table
from briefing.proof.report import Expectation as Expectation
from briefing.proof.report import Report as Report
from briefing.proof.report import figure_row as figure_row
from briefing.proof.report import fold as fold

if TYPE_CHECKING:
    import lxml.html

# -- lxml, pypdf and python-pptx load inside the readers: a proof trusted from the build
#    record (`build --verify` with nothing changed) reads no file and loads none of them --


def expectations(briefing: Briefing) -> list[Expectation]:
    """What each output's text must contain: takeaways, titles, headlines, points and the
    executive elements. (Tables and the sources list are checked as such: :func:`table_gaps`,
    :func:`source_gaps`.)"""
    every = ("html", "pdf", "pptx")

    def lines(
        row: str, what: str, markdown: str, formats: tuple[str, ...] = every
    ) -> list[Expectation]:
        # -- a one-line field, proved piece by piece where a citation cuts it --
        return [Expectation(row, what, p, formats) for p in inline_pieces(markdown)]

    found = [
        e
        for i, t in enumerate(briefing.takeaways, 1)
        for e in lines("takeaways", f"takeaway {i}", t)
    ]
    for section in briefing.sections:
        if section.deck == "omit":
            # -- the source leaves it out of the deck: the briefing alone must carry it --
            found += [replace(e, formats=("html", "pdf")) for e in _section(section, lines)]
            continue
        found += _section(section, lines)
    found += _briefing_executive(briefing)
    return found


def _section(section: Section, lines: Callable[..., list[Expectation]]) -> list[Expectation]:
    """A section's title, headline, points, figures and executive elements; a figure the
    source leaves out of the deck is expected in the briefing alone."""
    every = ("html", "pdf", "pptx")
    found = [Expectation(section.id, "title", section.title, every)]
    found += lines(section.id, "headline", section.headline)
    for i, p in enumerate(section.points, 1):
        found += lines(section.id, f"point {i}", p)
    for n, figure in enumerate(section.figures, 1):
        row, document = figure_row(section.id, n), ("html", "pdf")
        shown = document if figure.deck == "omit" else every
        if figure.caption:
            found += lines(row, "caption", figure.caption, shown)
        credit = getattr(figure, "credit", None)
        if credit:
            found += lines(row, "credit", credit, shown)
        for category in getattr(figure, "categories", []):
            found.append(Expectation(row, "category", category, document))
        if isinstance(figure, Chart):
            # -- a printed CAGR or difference is a number like any: in every output --
            for words in annotation_texts(figure):
                found.append(Expectation(row, "annotation", words, shown))
    found += _executive(section.id, section)
    return found


def _figures(row: str, figures: Sequence[KeyFigure] | None) -> list[Expectation]:
    every = ("html", "pdf", "pptx")
    found = []
    for n, figure in enumerate(figures or (), 1):
        found.append(Expectation(row, f"key figure {n}", f"{figure.value} {figure.label}", every))
        if figure.context:
            found += [
                Expectation(row, f"key figure {n} context", p, every)
                for p in inline_pieces(figure.context)
            ]
    return found


def _executive(row: str, section: Section) -> list[Expectation]:
    """A section's key figures, quote, view and table notes."""
    every = ("html", "pdf", "pptx")
    found = _figures(row, section.key_figures)
    if section.quote:
        found += [Expectation(row, "quote", p, every) for p in inline_pieces(section.quote.text)]
        found.append(Expectation(row, "quote by", section.quote.by, every))
    if section.view:
        view = section.view
        found += [Expectation(row, "our view", p, every) for p in prose_pieces(view, notes=False)]
        # -- a slide shows the view's footnote marks; the notes are its speaker notes --
        notes = prose_pieces(view, notes=True)
        found += [Expectation(row, "our view's notes", p, ("html", "pdf")) for p in notes]
    if section.table and section.table.notes:
        # -- on a slide they are the speaker notes, which the deck's text does not hold --
        notes = prose_pieces(section.table.notes)
        found += [Expectation(row, "table notes", p, ("html", "pdf")) for p in notes]
    return found


def _briefing_executive(briefing: Briefing) -> list[Expectation]:
    """The briefing's key figures, the ask and the next steps, each a row of its own."""
    every = ("html", "pdf", "pptx")
    found = _figures("key-figures", briefing.key_figures)
    if briefing.ask:
        ask = briefing.ask
        found += [Expectation("ask", "request", p, every) for p in inline_pieces(ask.request)]
        for n, option in enumerate(ask.options, 1):
            words = inline_pieces(option.detail or "", lead=option.title)
            found += [Expectation("ask", f"option {n}", p, every) for p in words]
            for key in ("effort", "timing", "risk"):
                given = getattr(option, key)
                if given:
                    found += [
                        Expectation("ask", f"option {n} {key}", p, every)
                        for p in inline_pieces(given)
                    ]
        if ask.recommendation:
            words = inline_pieces(ask.recommendation)
            found += [Expectation("ask", "recommendation", p, every) for p in words]
    written = _written_date(briefing.language)
    for n, step in enumerate(briefing.next_steps or (), 1):
        words = inline_pieces(step.action, tail=step.owner)
        found += [Expectation("next-steps", f"step {n}", p, every) for p in words]
        # -- the briefing writes a due date out (2027-03-31: 31 March 2027); the deck as given --
        found.append(Expectation("next-steps", f"step {n} due", written(step.due), ("html", "pdf")))
        found.append(Expectation("next-steps", f"step {n} due", step.due, ("pptx",)))
    return found


def _written_date(language: str) -> Callable[[str], str]:
    """A date as the default labels write it in ``language`` (text that is no date as
    given): what the briefing's next steps show under the default ``labels.yaml``."""
    from briefing.look.labels import LABELS_FILE, load_labels
    from briefing.project import default_templates

    return load_labels(default_templates() / LABELS_FILE, language).source_date


def inline_pieces(markdown: str, *, lead: str = "", tail: str = "") -> list[str]:
    """Inline ``markdown`` as plain text, cut where a citation stands (an output draws [1]
    there, another nothing), with ``lead`` before the first piece and ``tail`` after the
    last: a text cited mid-sentence is proved piece by piece, as the prose is."""
    pieces = source_text.line_pieces(markdown) or [""]
    pieces[0] = f"{lead} {pieces[0]}".strip()
    pieces[-1] = f"{pieces[-1]} {tail}".strip()
    return pieces


def rows_of(briefing: Briefing) -> list[str]:
    """The matrix's rows: takeaways, the briefing's key figures and ask, each section, the
    next steps, the sources."""
    rows = ["takeaways"]
    rows += ["key-figures"] if briefing.key_figures else []
    rows += ["ask"] if briefing.ask else []
    for section in briefing.sections:
        rows.append(section.id)
        rows += [figure_row(section.id, n) for n in range(1, len(section.figures) + 1)]
    rows += ["next-steps"] if briefing.next_steps else []
    rows += ["data"] if briefing.bindings else []  # -- what data files gave, cell by cell --
    return rows + (["sources"] if briefing.sources else [])


@dataclass(frozen=True)
class Reading:
    """One output read back: its folded text, outline, tables and sources entries."""

    text: str
    outline: str = ""
    tables: list[Table] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    numbered: bool = True  # the sources entries start with their [n]


def verify(
    briefing: Briefing,
    *,
    name: str,
    files: dict[str, Path],
    images_dir: Path | None = None,
) -> Report:
    """Check every expectation against every built file in ``files`` (format -> path).

    Figures are rows of their own: a chart's caption and category labels must be in
    the page's and the PDF's text, its alt text on a PDF Figure, and its categories and
    numbers in a chart of the deck; a picture (read from ``images_dir``, the source's
    folder) must be the same bytes on the page and in the deck and the same pixel size
    in the PDF.
    """
    rows = ["summary", *rows_of(briefing)]
    report = Report(name, rows, list(files))
    # -- each output is opened once; every check below reads its parsed form --
    outputs: dict[str, readback.Output] = {}
    readings: dict[str, Reading] = {}
    for fmt, path in files.items():
        try:
            output = readback.open_output(fmt, path)
            readings[fmt] = read(output)
            outputs[fmt] = output
        except Exception as err:  # -- any file can be damaged in any way: say so, go on --
            report.unreadable[fmt] = f"{path}: cannot be read: {err}"
    for exp in expectations(briefing):
        for fmt, reading in readings.items():
            if fmt not in exp.formats:
                continue
            haystack = reading.text
            if exp.what == "title" and fmt == "pdf":
                haystack = reading.outline  # a chapter title must be a bookmark, not a header
            if fold(exp.text) not in haystack:
                report.missing.setdefault((exp.row, fmt), []).append(exp)
    for fmt, reading in readings.items():
        shown = briefing if fmt != "pptx" else in_deck(briefing)
        for exp in [*table_gaps(shown, reading.tables), *source_gaps(briefing, reading)]:
            report.missing.setdefault((exp.row, fmt), []).append(exp)
    for fmt, exp in prose_gaps(briefing, outputs):
        report.missing.setdefault((exp.row, fmt), []).append(exp)
    if any(section.figures for section in briefing.sections):
        check_figures(briefing, outputs, report, images_dir=images_dir)
    if briefing.bindings:
        from briefing.proof.data_proof import check_data

        texts = {}
        for fmt, reading in readings.items():
            try:
                texts[fmt] = reading.text + " " + _prose_text(outputs[fmt])
            except Exception:  # -- unreadable: said once above --
                continue
        check_data(briefing, outputs, report, texts)
    return report


def in_deck(briefing: Briefing) -> Briefing:
    """``briefing`` as the deck shows it: without the sections and tables its source
    leaves out of the deck (``deck: omit``)."""
    sections = [
        s.model_copy(update={"table": None})
        if s.table is not None and s.table.deck == "omit"
        else s
        for s in briefing.sections
        if s.deck != "omit"
    ]
    return briefing.model_copy(update={"sections": sections})


def _cell_texts(briefing: Briefing) -> Callable[[str], set[str]]:
    """How a cell reads in an output, folded: with its citations as [n], or without them
    (read from the source as written, :mod:`briefing.proof.source_text`)."""
    numbers = citations.numbers(briefing)

    def forms(markdown: str) -> set[str]:
        return {
            fold(source_text.inline_text(markdown, cite=numbers)),
            fold(source_text.inline_text(markdown).replace(source_text.CUT, " ")),
        }

    return forms


def table_gaps(briefing: Briefing, tables: list[Table]) -> list[Expectation]:
    """Each cell of each section's table that is not in its row and column in ``tables``.

    The output's table is the one whose header row reads as the section's columns; every
    row and every cell is then compared in place, so swapped or altered values are found,
    not only missing words."""
    forms = _cell_texts(briefing)
    every = ("html", "pdf", "pptx")
    gaps = []
    for section in briefing.sections:
        if section.table is None:
            continue
        expected = [section.table.columns, *section.table.rows]
        wanted = [[forms(cell) for cell in row] for row in expected]
        header = wanted[0]
        candidates = [
            t
            for t in tables
            if t
            and len(t[0]) == len(header)
            and all(fold(c) in w for c, w in zip(t[0], header, strict=True))
        ]
        if not candidates:
            gaps.append(Expectation(section.id, "table", " | ".join(section.table.columns), every))
            continue
        # -- a table across pages repeats its header row on each (a PDF tags it as a row):
        #    not a row of the source, unless the source has such a row --
        if section.table.columns not in section.table.rows:
            candidates = [[t[0], *(r for r in t[1:] if r != t[0])] for t in candidates]
        # -- several tables may share a header: the closest one is the section's --
        best = min(candidates, key=lambda t: len(_cell_gaps(section.id, expected, wanted, t)))
        gaps += _cell_gaps(section.id, expected, wanted, best)
    return gaps


def _cell_gaps(
    row_name: str, expected: list[list[str]], wanted: list[list[set[str]]], table: Table
) -> list[Expectation]:
    every = ("html", "pdf", "pptx")
    columns = expected[0]
    gaps = []
    for i, (cells, forms) in enumerate(zip(expected, wanted, strict=True)):
        if i >= len(table):
            gaps.append(Expectation(row_name, f"table row {i}", " | ".join(cells), every))
            continue
        found = table[i]
        for j, (cell, form) in enumerate(zip(cells, forms, strict=True)):
            got = found[j] if j < len(found) else ""
            if fold(got) not in form:
                where = f"table row {i}, column {columns[j]!r}" if i else f"table heading {j + 1}"
                gaps.append(Expectation(row_name, f"{where} (reads {got!r})", cell, every))
    for i in range(len(expected), len(table)):
        extra = " | ".join(table[i])
        gaps.append(Expectation(row_name, f"table row {i} (not in the source)", extra, every))
    return gaps


def source_gaps(briefing: Briefing, reading: Reading) -> list[Expectation]:
    """Each source that is not an entry of the output's Sources list (a mention of it in a
    section's source line does not count)."""
    numbers = citations.numbers(briefing)
    entries = [fold(e) for e in reading.sources]
    gaps = []
    for source in briefing.sources:
        number = numbers[source.id]
        start = (str(number) if reading.numbered else "") + fold(source.title)
        if not any(entry.startswith(start) for entry in entries):
            gaps.append(
                Expectation("sources", f"source [{number}]", source.title, ("html", "pdf", "pptx"))
            )
    return gaps


def read(output: readback.Output) -> Reading:
    """One built output, read back."""
    if isinstance(output, readback.PdfOutput):
        return _read_pdf(output)
    if isinstance(output, readback.HtmlOutput):
        root = output.root
        return Reading(
            fold(_html_text(root)),
            tables=readback.html_tables(root),
            sources=readback.html_sources(root),
        )
    if isinstance(output, readback.PptxOutput):
        slides = output.slides
        text = "\n".join(p for slide in slides for p in slide.paragraphs) + "\n".join(
            cell for slide in slides for table in slide.tables for row in table for cell in row
        )
        return Reading(
            fold(text),
            tables=readback.joined_tables([t for slide in slides for t in slide.tables]),
            sources=[p for slide in slides for p in slide.paragraphs],
            numbered=False,
        )
    raise ValueError(f"unknown output {output.path}")


# -- the elements a reader sees apart: a table's cells, a list's items, the blocks --
_APART = (
    *("td", "th", "tr", "li", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6"),
    *("dt", "dd", "figcaption", "caption", "blockquote", "section", "br"),
)


def _html_text(root: lxml.html.HtmlElement) -> str:
    """A page's text as a reader sees it: cells and blocks apart, so the marker that
    starts a cell (``# <CFO>`` after ``Sign the <contract>``) stands at a word's start."""
    root = copy.deepcopy(root)  # -- the parsed page is shared by every check: left as read --
    for element in root.iter(*_APART):
        element.tail = " " + (element.tail or "")
    return str(root.text_content())


def _read_pdf(pdf: readback.PdfOutput) -> Reading:
    text = pdf.text
    structure = pdf.structure
    titles: list[str] = []

    def walk(items: Sequence[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(getattr(item, "title", "")))

    walk(pdf.reader.outline)
    return Reading(
        fold(text),
        "|".join(fold(t) for t in titles),
        # -- a table broken across pages may be tagged as one table a page, each with the
        #    header row repeated: joined back, as the deck's continued tables are --
        tables=readback.joined_tables(readback.pdf_tables(structure)),
        sources=readback.pdf_list_items(structure),
    )


# -- the prose: the summary and each section's body, block by block, from the source --


def prose_pieces(markdown: str, *, notes: bool | None = None) -> list[str]:
    """``markdown`` as a reader sees it, in pieces (:func:`source_text.prose_pieces`)."""
    return [p for p in source_text.prose_pieces(markdown, notes=notes) if fold(p)]


def prose_gaps(
    briefing: Briefing, files: Mapping[str, readback.Output]
) -> list[tuple[str, Expectation]]:
    """(format, what is missing) for each piece of the summary and of each section's body
    that an output does not carry: the web page and the PDF in their text, the deck in its
    speaker notes (a section's own notes stand in for its body there)."""
    every = ("html", "pdf", "pptx")
    wanted = [
        (fmt, Expectation("summary", "summary", piece, every))
        for piece in prose_pieces(briefing.summary)
        for fmt in files
    ]
    for section in briefing.sections:
        for fmt in files:
            if fmt == "pptx" and section.deck == "omit":
                continue  # -- left out of the deck by the source --
            prose = section.notes or section.body if fmt == "pptx" else section.body
            what = "notes" if fmt == "pptx" and section.notes else "body"
            wanted += [
                (fmt, Expectation(section.id, what, piece, every)) for piece in prose_pieces(prose)
            ]
        if section.view and "pptx" in files:
            wanted += [
                ("pptx", Expectation(section.id, "our view's notes", piece, every))
                for piece in prose_pieces(section.view, notes=True)
            ]
    texts = {}
    for fmt, output in files.items():
        try:
            texts[fmt] = _prose_text(output)
        except Exception:  # -- unreadable: verify() reports it once, with the reason --
            continue
    return [(fmt, e) for fmt, e in wanted if fmt in texts and fold(e.text) not in texts[fmt]]


def _prose_text(output: readback.Output) -> str:
    """An output's running text, folded: the web page's, the PDF's without its running
    heads and feet (WeasyPrint writes a page's margin boxes after its flow: the last two
    lines of every page after the cover), the deck's speaker notes."""
    if isinstance(output, readback.HtmlOutput):
        return fold(output.root.text_content())
    if isinstance(output, readback.PdfOutput):
        # -- poppler, as for the rest of the proof: an emoji does not garble the text --
        pages = output.text.split("\f")
        pages = pages[:-1] if pages and not pages[-1].strip() else pages
        flow = [pages[0], *("\n".join(p.splitlines()[:-2]) for p in pages[1:])]
        return fold("\n".join(flow))
    if isinstance(output, readback.PptxOutput):
        notes = [
            slide.notes_slide.notes_text_frame.text
            for slide in output.presentation.slides
            if slide.has_notes_slide
        ]
        return fold("\n".join(notes))
    raise ValueError(f"unknown output {output.path}")


# -- proving built outputs, as `briefing verify` and `briefing build --verify` do --


@dataclass
class Proof:
    """What is known of one source's outputs: trusted (proven before, unchanged since), not
    built yet (``absent``), or read back (``report``)."""

    source: Path
    files: dict[str, Path]
    report: Report | None = None
    trusted: bool = False
    absent: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.trusted or (self.report is not None and self.report.ok)


def prove(
    paths: Sequence[Path],
    out: Path,
    *,
    cached: bool = False,
    formats: Sequence[str] | None = None,
    checked: Mapping[Path, Briefing] | None = None,
) -> list[Proof]:
    """Read back every output of each source in ``out`` (those in ``formats``, as a build
    with ``--only`` made; default all); with ``cached``, trust the bytes the build record
    (:mod:`briefing.cache`) says were proven before. A proof is recorded. A source in
    ``checked`` (what the build just prepared) is not read and checked again."""
    from briefing.cache import Manifest

    manifest = Manifest(out)
    proofs = []
    for path in paths:
        files = {fmt: out / f"{path.stem}.{fmt}" for fmt in FORMATS if fmt in (formats or FORMATS)}
        proof = Proof(path, files)
        proofs.append(proof)
        if cached and manifest.is_verified(path.stem, files):
            proof.trusted = True
            continue
        briefing = (
            checked[path]
            if checked and path in checked
            else validate.validate(content_source.load(path))
        )
        proof.absent = [p for p in files.values() if not p.is_file()]
        if proof.absent:
            continue
        proof.report = verify(
            briefing, name=path.stem, files=files, images_dir=path.absolute().parent
        )
        if proof.report.ok:
            manifest.mark_verified(path.stem, files)
            manifest.save()
    return proofs
