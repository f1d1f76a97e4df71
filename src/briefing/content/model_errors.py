"""Turn pydantic's validation errors into problems at the line and column of the value.

``Source + model -> model instance``, or a :class:`BriefingError` listing every problem at
once, each in the reader's words (``expected text, got a yes/no value``) with a hint. Any
file read with positions uses it: content (with its rules across fields, validate.py), the
theme and the labels.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from briefing.content import written
from briefing.content.lines import quoted as lines_quoted
from briefing.content.model import FIGURE_TAGS
from briefing.content.source import Source
from briefing.errors import BriefingError, FieldPath, Problem, format_path

M = TypeVar("M", bound=BaseModel)

_YAML_TYPES = {
    bool: "a yes/no value",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing (null)",
}


def validate_as(
    source: Source,
    model: type[M],
    *,
    extra_checks: Callable[[Source], list[Problem]] | None = None,
) -> M:
    """Build any model from ``source`` (the theme uses this too), reporting all problems."""
    data, unbuilt = written.as_written(source, model)
    problems = list(source.problems) + unbuilt + _notes_left_as_values(source)
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


def _notes_left_as_values(source: Source) -> list[Problem]:
    """A field with nothing after its key but a YAML comment (``caption: # Share by
    region``): YAML reads it as empty, which an optional field would take in silence,
    though the author most likely typed its text. Said before the model's own complaint
    about the emptiness, which the dedupe then drops."""
    problems = []
    named = {p.line for p in source.problems}  # -- a `#hashtag` the reader already named --
    for loc, where in source.values.items():
        hint = _comment_as_value(source, loc) if loc and where.line not in named else ""
        if hint:
            problems.append(Problem.at(source, loc, "this field is empty", hint=hint))
    return problems


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """One problem per place: the first said (reading the file comes before the model)."""
    first: dict[tuple[int, int, str], Problem] = {}
    for problem in problems:
        first.setdefault((problem.line, problem.column, problem.path), problem)
    return list(first.values())


def _problem(source: Source, error: Any, model: type[BaseModel]) -> Problem:
    # -- a tagged union (a section's figures) names its tag in the location: not a field --
    loc: FieldPath = tuple(p for p in error["loc"] if p not in FIGURE_TAGS)
    kind: str = error["type"]
    value = error.get("input")
    if kind == "missing":
        return Problem.at(
            source,
            loc[:-1],
            "required field is missing",
            hint=f"add `{loc[-1]}:` to the mapping that starts here",
            path=format_path(loc),
        )
    if kind == "extra_forbidden":
        known = _field_names(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1)
        fields = f"known fields: {', '.join(known)}"
        return Problem.at(
            source,
            loc,
            f"unknown field '{loc[-1]}' (did you mean '{guess[0]}'?)"
            if guess
            else f"unknown field '{loc[-1]}'",
            hint=f"rename it to '{guess[0]}', or remove it" if guess else fields,
            key=True,
        )
    if kind in {"string_type", "date_type", "model_type", "list_type", "dict_type"}:
        return Problem.at(
            source,
            loc,
            f"expected {_expected(kind)}, got {_describe(value)}",
            hint=_type_hint(source, loc, kind),
        )
    if kind in {"too_short", "too_long"} and isinstance(value, list):
        limit = error["ctx"].get("min_length" if kind == "too_short" else "max_length")
        bound = "at least" if kind == "too_short" else "at most"
        return Problem.at(
            source,
            loc,
            f"has {len(value)} item{'s' * (len(value) != 1)}; {bound} {limit} allowed",
            hint=_length_hint(loc, kind),
        )
    if kind in {"string_too_long", "too_long"} and isinstance(value, str):
        # -- a length limit on an annotated text type reports as too_long, in "items" --
        limit = error["ctx"]["max_length"]
        hint = (
            "use a short slug such as `market-impact`"
            if loc and loc[-1] == "id"
            else "shorten it and move the detail into the section's body"
        )
        return Problem.at(
            source, loc, f"is {len(value):,} characters long; at most {limit:,} fit here", hint=hint
        )
    if kind == "string_pattern_mismatch":
        return Problem.at(source, loc, f"{value!r} is not allowed here", hint=_pattern_hint(loc))
    message = str(error["msg"]).removeprefix("Value error, ")
    return Problem.at(source, loc, message, hint=_value_hint(message))


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


def _comment_as_value(source: Source, loc: FieldPath) -> str:
    """For a value left empty because all it holds is a YAML comment (``title: # 1 in UK``),
    the hint that quotes it; else ""."""
    where = source.values.get(loc)
    value: Any = source.data
    for part in loc:  # -- a field replaced by data it names is no longer at its path --
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return ""
    if where is None or value is not None:
        return ""
    # -- the lines as the YAML reader counts them (it breaks at U+2028 too) --
    lines = re.split("\r\n|[\n\r\x85\u2028\u2029]", source.text)
    if not 0 < where.line <= len(lines):
        return ""
    line = lines[where.line - 1]
    head = line[: where.column - 1]
    rest = line[where.column - 1 :].strip()
    if not rest.startswith("#") or not head.rstrip().endswith((":", "-")):
        return ""
    return (
        f"`{rest}` after the `{head.strip()}` is a YAML comment, so this value is empty; "
        f"if it is the text, quote it: {head.strip()} {lines_quoted(rest)}"
    )


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
        model = model_in(annotation)
        if model is None:
            return []
    return list(model.model_fields)


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as ``Table | None`` or ``list[Section]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is not None:
        for arg in get_args(annotation):
            found = model_in(arg)
            if found is not None:
                return found
    return None
