"""Turn a :class:`Source` into a :class:`Briefing`, or report every problem at once.

``Source -> Briefing``. Type and shape rules come from the model; the rules that
span fields (unique ids, citations that name a source) are checked here on the
plain data, so they are reported even when other fields are wrong. Every
problem carries the line and column of the value (or key) it is about.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from briefing import markup
from briefing.content import citations, written
from briefing.content.model import Briefing
from briefing.content.source import FieldPath, Source, format_path
from briefing.errors import BriefingError, Problem

M = TypeVar("M", bound=BaseModel)

_YAML_TYPES = {
    bool: "a yes/no value",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing (null)",
}


def validate(source: Source) -> Briefing:
    """Build the typed briefing from ``source``; raise :class:`BriefingError` listing all."""
    return validate_as(source, Briefing, extra_checks=_cross_field_problems)


def validate_as(
    source: Source,
    model: type[M],
    *,
    extra_checks: Callable[[Source], list[Problem]] | None = None,
) -> M:
    """Build any model from ``source`` (the theme uses this too), reporting all problems."""
    data, unbuilt = written.as_written(source, model)
    problems = list(source.problems) + unbuilt
    problems += extra_checks(source) if extra_checks else []
    try:
        result = model.model_validate(data)
    except ValidationError as err:
        # -- a line already named while reading (a `#` that emptied it) is not named again
        #    for the emptiness that follows --
        named = {p.line for p in source.problems if not p.path}
        found = [_problem(source, e, model) for e in err.errors()]
        problems += [p for p in found if p.line not in named]
    if problems:
        raise BriefingError(_dedupe(problems))
    return result


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """One problem per place: the first said (reading the file comes before the model)."""
    first: dict[tuple[int, int, str], Problem] = {}
    for problem in problems:
        first.setdefault((problem.line, problem.column, problem.path), problem)
    return list(first.values())


def _problem(source: Source, error: Any, model: type[BaseModel]) -> Problem:
    loc: FieldPath = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    if kind == "missing":
        parent = loc[:-1]
        pos = source.position(parent)
        return Problem(
            source.name,
            pos.line,
            pos.column,
            format_path(loc),
            "required field is missing",
            f"add `{loc[-1]}:` to the mapping that starts here",
        )
    if kind == "extra_forbidden":
        pos = source.position(loc, key=True)
        known = _field_names(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1)
        fields = f"known fields: {', '.join(known)}"
        hint = f"rename it to '{guess[0]}', or remove it" if guess else fields
        return Problem(
            source.name,
            pos.line,
            pos.column,
            format_path(loc),
            f"unknown field '{loc[-1]}' (did you mean '{guess[0]}'?)"
            if guess
            else f"unknown field '{loc[-1]}'",
            hint,
        )
    pos = source.position(loc)
    path = format_path(loc)
    if kind in {"string_type", "date_type", "model_type", "list_type", "dict_type"}:
        return Problem(
            source.name,
            pos.line,
            pos.column,
            path,
            f"expected {_expected(kind)}, got {_describe(value)}",
            _type_hint(source, loc, kind),
        )
    if kind in {"too_short", "too_long"} and isinstance(value, list):
        limit = error["ctx"].get("min_length" if kind == "too_short" else "max_length")
        bound = "at least" if kind == "too_short" else "at most"
        return Problem(
            source.name,
            pos.line,
            pos.column,
            path,
            f"has {len(value)} item{'s' * (len(value) != 1)}; {bound} {limit} allowed",
            _length_hint(loc, kind),
        )
    if kind in {"string_too_long", "too_long"} and isinstance(value, str):
        # -- a length limit on an annotated text type reports as too_long, in "items" --
        limit = error["ctx"]["max_length"]
        hint = (
            "use a short slug such as `market-impact`"
            if loc and loc[-1] == "id"
            else "shorten it and move the detail into the section's body"
        )
        return Problem(
            source.name,
            pos.line,
            pos.column,
            path,
            f"is {len(value):,} characters long; at most {limit:,} fit here",
            hint,
        )
    if kind == "string_pattern_mismatch":
        return Problem(
            source.name,
            pos.line,
            pos.column,
            path,
            f"{value!r} is not allowed here",
            _pattern_hint(loc),
        )
    message = str(error["msg"]).removeprefix("Value error, ")
    return Problem(source.name, pos.line, pos.column, path, message, _value_hint(message))


_VALUE_HINTS = {
    "must not be empty": "write the text, or remove the field if it is optional",
    "must be one line": "join the lines into one sentence; the detail belongs in the body",
    "must be a date": "write the date as YYYY-MM-DD, such as 2026-11-26",
}


def _value_hint(message: str) -> str:
    for start, hint in _VALUE_HINTS.items():
        if message.startswith(start):
            return hint
    return "see the content format in docs/ for what this field takes"


def _length_hint(loc: FieldPath, kind: str) -> str:
    if kind == "too_short":
        return "add at least one item, each on a line starting with '- '"
    if loc and loc[-1] == "takeaways":
        return "keep the messages a reader must remember; fold the rest into the summary"
    if loc and loc[-1] == "points":
        return "keep the points that carry the slide; move the detail into the body"
    return "split the content over more sections"


def _expected(kind: str) -> str:
    return {
        "string_type": "text",
        "date_type": "a date (YYYY-MM-DD)",
        "model_type": "a mapping of fields",
        "list_type": "a list",
        "dict_type": "a mapping of fields",
    }[kind]


def _describe(value: object) -> str:
    return _YAML_TYPES.get(type(value), type(value).__name__)


def _type_hint(source: Source, loc: FieldPath, kind: str) -> str:
    scalar = source.scalars.get(loc)
    if kind == "string_type" and scalar is not None and scalar.style == "":
        seen = _describe_raw(source, loc)
        return f'YAML reads `{scalar.text}` as {seen}; put it in quotes: "{scalar.text}"'
    if kind == "list_type":
        return "write one item per line, each starting with '- '"
    if kind == "string_type" and scalar is None:
        # -- text that became a mapping or a list: usually an unquoted ': ' or '- ' --
        return "write text here; quote it if it contains ': ' or starts with '- ', '[' or '{'"
    if kind == "string_type":
        return "write text here"
    if kind == "date_type":
        return "write the date as YYYY-MM-DD, such as 2026-11-26"
    return "indent this mapping's fields under it, each as `name: value`"


def _describe_raw(source: Source, loc: FieldPath) -> str:
    value: Any = source.data
    for part in loc:
        value = value[part]
    return _describe(value)


def _pattern_hint(loc: FieldPath) -> str:
    name = loc[-1]
    if name == "id":
        return "use lower-case letters, digits and hyphens, such as `market-impact`"
    if name == "url":
        return "give a full http:// or https:// address"
    if name == "language":
        return "use a language tag such as `en` or `en-GB`"
    return ""


def _field_names(root: type[BaseModel], loc: FieldPath) -> list[str]:
    """The field names the model allows at the mapping ``loc`` points to."""
    model: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        fields = model.model_fields
        # -- a RootModel over a mapping (labels.yaml: language -> words) takes any key --
        annotation = fields["root" if part not in fields else part].annotation
        model = _model_in(annotation)
        if model is None:
            return []
    return list(model.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is not None:
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


# -- rules across fields, run on the plain data so they report alongside type errors --


def _cross_field_problems(source: Source) -> list[Problem]:
    data = source.data
    problems: list[Problem] = []
    problems += _duplicate_ids(source, "sections")
    problems += _duplicate_ids(source, "sources")
    problems += _ragged_rows(source)
    problems += _markdown_refused(source)
    known = {s.get("id") for s in _dicts(data.get("sources"))}
    for loc, text in _markdown_fields(data):
        for ref, offset in citations.cited_ids(text):
            if ref in known:
                continue
            line, column = _offset_position(source, loc, text, offset)
            guess = difflib.get_close_matches(ref, [k for k in known if isinstance(k, str)], n=1)
            hint = (
                f"did you mean [@{guess[0]}]?"
                if guess
                else "add it under `sources:` with `id: " + ref + "`"
            )
            problems.append(
                Problem(
                    source.name,
                    line,
                    column,
                    format_path(loc),
                    f"citation [@{ref}] names no source",
                    hint,
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
            pos = source.position((field, i, "id"))
            first = source.position((field, seen[ident], "id"))
            problems.append(
                Problem(
                    source.name,
                    pos.line,
                    pos.column,
                    f"{field}[{i}].id",
                    f"duplicate id '{ident}' (also at line {first.line})",
                    "every id must be unique: rename one",
                )
            )
        else:
            seen[ident] = i
    return problems


# -- prose fields, where Markdown blocks (headings, lists, tables) are at home --
_PROSE_FIELDS = {"summary", "body", "notes", "view"}


def _markdown_refused(source: Source) -> list[Problem]:
    """Markdown the outputs cannot show as written, at its line: never dropped silently."""
    problems = []
    for loc, text in _markdown_fields(source.data):
        prose = bool(loc) and loc[-1] in _PROSE_FIELDS
        for offset, message, hint in markup.unsupported(text, block=prose):
            line, column = _offset_position(source, loc, text, offset)
            problems.append(
                Problem(
                    file=source.name,
                    line=line,
                    column=column,
                    path=format_path(loc),
                    message=message,
                    hint=hint,
                )
            )
    return problems


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
                Problem(
                    file=source.name,
                    line=pos.line,
                    column=pos.column,
                    path=format_path(loc),
                    message=f"has {len(row)} cell{'s' * (len(row) != 1)}; "
                    f"the table has {width} column{'s' * (width != 1)}",
                    hint="add the missing cells (write n/a where a cell has nothing to say)"
                    if fewer
                    else "remove the extra cells, or add a column for them; quote a cell "
                    "that contains a comma",
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
