"""Turn a :class:`Source` into a :class:`Briefing`, or report every problem at once.

``Source -> Briefing``. Type and shape rules come from the model; the rules that
span fields (unique ids, citations that name a source) are checked here on the
plain data, so they are reported even when other fields are wrong. Every
problem carries the line and column of the value (or key) it is about.
"""

from __future__ import annotations

import difflib
import functools
import re
import threading
from typing import Any

from briefing.content import bounds, citations, tables
from briefing.content.data import bind
from briefing.content.figures import figure_problems
from briefing.content.model import DERIVED_SUFFIXES, RESERVED_IDS, RESERVED_PREFIXES, Briefing
from briefing.content.model_errors import validate_as
from briefing.content.source import Source
from briefing.document import markup
from briefing.errors import BriefingError, FieldPath, Problem

__all__ = ["validate", "validate_as"]


def validate(source: Source) -> Briefing:
    """Build the typed briefing from ``source``; raise :class:`BriefingError` listing all.

    Data references (tables, charts and figures in the text read from CSV and Excel
    files, :mod:`briefing.content.data`) are resolved first, so the model sees the
    values as the outputs show them."""
    bound = bind(source, _at_offset)
    if not bound.problems and not bound.bindings:
        return validate_as(source, Briefing, extra_checks=_cross_field_problems)

    def checks(resolved: Source) -> list[Problem]:
        return bound.problems + _cross_field_problems(resolved)

    try:
        briefing = validate_as(bound.source, Briefing, extra_checks=checks)
    except BriefingError as err:
        # -- a field whose data could not be read is judged on that alone --
        kept = [p for p in err.problems if p in bound.problems or not _under(p, bound.failed)]
        raise BriefingError(kept) from None
    briefing._bindings = tuple(bound.bindings)
    return briefing


def _under(problem: Problem, failed: list[str]) -> bool:
    return any(problem.path == f or problem.path.startswith((f + ".", f + "[")) for f in failed)


# -- rules across fields, run on the plain data so they report alongside type errors --


def _cross_field_problems(source: Source) -> list[Problem]:
    data = source.data
    problems: list[Problem] = []
    problems += _duplicate_ids(source, "sections")
    problems += _reserved_ids(source)
    problems += _duplicate_ids(source, "sources")
    problems += figure_problems(source)
    problems += _chart_work(source)
    problems += _ragged_rows(source)
    problems += _too_wide(source)
    problems += _markdown_refused(source)
    problems += _slides_placed(source)
    known = {s.get("id") for s in _dicts(data.get("sources"))}
    for loc, text in _markdown_fields(data):
        overruns = _bounded(source, loc, text)
        if overruns:
            problems += overruns
            continue  # -- a field past the bounds is not read further --
        for ref, offset in citations.cited_ids(text):
            if ref in known:
                continue
            guess = difflib.get_close_matches(ref, [k for k in known if isinstance(k, str)], n=1)
            hint = (
                f"did you mean [@{guess[0]}]?"
                if guess
                else "add it under `sources:` with `id: " + ref + "`"
            )
            problems.append(
                _at_offset(source, loc, text, offset, f"citation [@{ref}] names no source", hint)
            )
    return problems


def _bounded(source: Source, loc: FieldPath, text: str) -> list[Problem]:
    """The limits on the engines' work (:mod:`briefing.content.bounds`) that ``text`` passes."""
    return [
        _at_offset(source, loc, text, o.offset, o.message, o.hint) for o in bounds.overruns(text)
    ]


def _chart_work(source: Source) -> list[Problem]:
    """The cap on the briefing's charts in all (:func:`bounds.chart_work`), at the chart that
    passes it: checked on the source as read, before anything is drawn."""
    over = bounds.chart_work(source.data.get("sections"))
    if over is None:
        return []
    at: FieldPath = ("sections", over.section, "figures", over.figure)
    return [Problem.at(source, at, over.message, hint=over.hint)]


def _reserved_ids(source: Source) -> list[Problem]:
    """A section id the page uses for its own anchors, or derives from another section's id,
    at the id's line: two elements with one id send a link to the wrong place."""
    sections = _dicts(source.data.get("sections"))
    ids: list[str] = [s["id"] if isinstance(s.get("id"), str) else "" for s in sections]
    problems = []
    for i, ident in enumerate(ids):
        why = ""
        if ident in RESERVED_IDS:
            why = f"the page uses the id '{ident}' for its own {ident.split('-')[0]} part"
        elif ident.startswith(RESERVED_PREFIXES):
            prefix = next(p for p in RESERVED_PREFIXES if ident.startswith(p))
            why = f"ids starting with '{prefix}' are the page's own (sources and footnotes)"
        else:
            for other in ids:
                if (
                    other
                    and other != ident
                    and re.fullmatch(re.escape(other) + f"(?:{'|'.join(DERIVED_SUFFIXES)})", ident)
                ):
                    why = f"the page gives section '{other}' a part with the id '{ident}'"
                    break
        if why:
            problems.append(
                Problem.at(
                    source,
                    ("sections", i, "id"),
                    f"'{ident}' is reserved: {why}",
                    hint="choose another id; the reserved ones are listed in "
                    "docs/content-format.md (sections[].id)",
                )
            )
    return problems


def _duplicate_ids(source: Source, field: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for i, item in enumerate(_dicts(source.data.get(field))):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen:
            first = source.position((field, seen[ident], "id"))
            problems.append(
                Problem.at(
                    source,
                    (field, i, "id"),
                    f"duplicate id '{ident}' (also at line {first.line})",
                    hint="every id must be unique: rename one",
                )
            )
        else:
            seen[ident] = i
    return problems


def _slides_placed(source: Source) -> list[Problem]:
    """Every extra slide's ``after`` names the decision, the summary or a section."""
    ids = {s.get("id") for s in _dicts(source.data.get("sections")) if isinstance(s.get("id"), str)}
    problems = []
    for i, item in enumerate(_dicts(source.data.get("slides"))):
        after = item.get("after", "decision")
        if isinstance(after, str) and after not in ids | {"decision", "summary"}:
            problems.append(
                Problem.at(
                    source,
                    ("slides", i, "after"),
                    f"'{after}' names no section",
                    hint="use decision, summary, or one of the sections' ids",
                )
            )
    return problems


# -- prose fields, where Markdown blocks (headings, lists, tables) are at home --
_PROSE_FIELDS = {"summary", "body", "notes", "view"}


def _markdown_refused(source: Source) -> list[Problem]:
    """Markdown the outputs cannot show as written, at its line: never dropped silently."""
    problems = []
    for loc, text in _markdown_fields(source.data):
        if _bounded(source, loc, text):
            continue  # -- past the bounds: said once, and not read further --
        prose = bool(loc) and loc[-1] in _PROSE_FIELDS
        found = markup.unsupported(text, block=prose)
        for offset, message, hint in found:
            problems.append(_at_offset(source, loc, text, offset, message, hint))
        if not found and text.strip() and not _shown(text, prose=prose):
            problems.append(
                _at_offset(
                    source,
                    loc,
                    text,
                    len(text) - len(text.lstrip()),
                    "this field would print nothing: its Markdown leaves no text to show",
                    "write the words it should say (a link needs its text: [words](url))",
                )
            )
    return problems


def _shown(text: str, *, prose: bool) -> bool:
    """Whether ``text`` leaves any visible text once rendered (a citation counts)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True  # -- a lone surrogate: the characters check reports it, with its place --
    return _renders_text(text, prose)


@functools.lru_cache(maxsize=4096)
def _renders_text(text: str, prose: bool) -> bool:
    """:func:`_shown`, kept per text: a rebuild renders again only the fields that changed
    (the answer depends on the text alone: no citation number or footnote count shows or
    hides a word)."""
    with _RENDERING:
        renderer = _renderer()
        html = renderer.block(text) if prose else renderer.inline(text)
    return bool(markup.plain(html).strip())


@functools.cache
def _renderer() -> markup.Renderer:
    # -- one Markdown parser for the check, not one per field: making one costs more than
    #    most fields' rendering --
    return markup.Renderer({})


_RENDERING = threading.Lock()  # -- a Markdown parser is not to be shared across threads --


def _ragged_rows(source: Source) -> list[Problem]:
    """A row with more or fewer cells than the table has columns, at that row."""
    problems = []
    for i, section in enumerate(_dicts(source.data.get("sections"))):
        table = section.get("table")
        if not isinstance(table, dict) or not isinstance(table.get("columns"), list):
            continue
        width = len(table["columns"])
        rows = table.get("rows")
        for r, row in enumerate(rows if isinstance(rows, list) else []):
            if not isinstance(row, list) or len(row) == width:
                continue
            loc: FieldPath = ("sections", i, "table", "rows", r)
            pos = source.position(loc)
            fewer = len(row) < width
            problems.append(
                Problem.in_file(
                    source.name,
                    f"has {len(row)} cell{'s' * (len(row) != 1)}; "
                    f"the table has {width} column{'s' * (width != 1)}",
                    hint="add the missing cells (write n/a where a cell has nothing to say)"
                    if fewer
                    else "remove the extra cells, or add a column for them; quote a cell "
                    "that contains a comma",
                    line=pos.line,
                    column=pos.column,
                    field=loc,
                )
            )
    return problems


def _too_wide(source: Source) -> list[Problem]:
    """A table no step of :func:`tables.table_fit` fits (smaller type, then a landscape
    page), at the table's line: refused rather than overprinted or clipped."""
    problems = []
    for i, section in enumerate(_dicts(source.data.get("sections"))):
        table = section.get("table")
        if not isinstance(table, dict):
            continue
        columns, rows = table.get("columns"), table.get("rows")
        if not isinstance(columns, list) or not isinstance(rows, list):
            continue
        if not all(isinstance(c, str) for c in columns) or not all(
            isinstance(r, list) and all(isinstance(c, str) for c in r) for r in rows
        ):
            continue
        if tables.table_fit(columns, rows) is not None:
            continue
        needed, room = tables.needed_chars(columns, rows), tables.FIT_STEPS[-1][1]
        problems.append(
            Problem.at(
                source,
                ("sections", i, "table"),
                f"this table is too wide for a page: it needs about {needed:.0f} characters "
                f"across, and a landscape page at the smallest type holds {room:.0f}",
                hint="split it into two tables, or drop or shorten columns (figures in "
                "£m rather than £, shorter headers)",
            )
        )
    return problems


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _markdown_fields(data: dict[str, Any]) -> list[tuple[FieldPath, str]]:
    """Every text field that may carry citations, with its path."""
    found: list[tuple[FieldPath, str]] = []

    def walk(value: object, path: FieldPath) -> None:
        if isinstance(value, str):
            found.append((path, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in {"id", "url", "date", "language"}:
                    walk(item, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*path, i))

    walk({k: v for k, v in data.items() if k != "sources"}, ())
    return found


def _at_offset(
    source: Source, loc: FieldPath, text: str, offset: int, message: str, hint: str
) -> Problem:
    """A problem with field ``loc`` at character ``offset`` of its value ``text``."""
    line, column = _offset_position(source, loc, text, offset)
    return Problem.in_file(
        source.name, message, hint=hint, line=line, column=column, field=loc, fault=source.fault
    )


def _offset_position(source: Source, loc: FieldPath, text: str, offset: int) -> tuple[int, int]:
    """Line and column of character ``offset`` of a scalar's value, where that can be known."""
    pos = source.position(loc)
    scalar = source.scalars.get(loc)
    if scalar is None:
        return pos.line, pos.column
    if scalar.style in {"|", ">"}:
        # -- block scalars start on the line after the indicator; find the line and indent --
        line_index = text.count("\n", 0, offset)
        line_start = text.rfind("\n", 0, offset) + 1
        indent = _block_indent(source, pos.line + 1)
        return pos.line + 1 + line_index, indent + (offset - line_start) + 1
    if "\n" not in text[:offset]:
        quote = 1 if scalar.style in {'"', "'"} else 0
        return pos.line, pos.column + quote + offset
    return pos.line, pos.column


def _block_indent(source: Source, line: int) -> int:
    try:
        first = source.text.splitlines()[line - 1]
    except IndexError:
        return 0
    return len(first) - len(first.lstrip(" "))
