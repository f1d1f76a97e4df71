"""Where the format expects text, take each value exactly as it is written in the file.

``(Source, model) -> (data, problems)``. YAML 1.1 reads plain ``2025``, ``3.50``,
``Yes``, ``NO``, ``12:30``, ``010``, ``~`` and ``2026-02-01`` as numbers, yes/no
values, null and dates; an analyst means the characters. So wherever the model
declares text (a title, a point, a table cell, a source's date...) the value is
replaced by the scalar as written, and a one-line ``Slots: Q3 or Q4`` that YAML
reads as a mapping is that line of text, colon and all. Fields that are not text
(the edition date, ids by pattern, lists) are left for the model to judge, with
what YAML could not build reported there.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, RootModel

from briefing.content import characters
from briefing.content.source import FieldPath, Source
from briefing.errors import Problem


def as_written(source: Source, model: type[BaseModel]) -> tuple[Any, list[Problem]]:
    """``source.data`` with text fields as written, and the values YAML could not build."""
    walk = _Walk(source)
    data = walk.value(source.data, model, ())
    problems = [p for path, p in source.unbuilt.items() if path not in walk.text_paths]
    return data, problems


class _Walk:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.text_paths: set[FieldPath] = set()

    def value(self, value: Any, annotation: Any, path: FieldPath) -> Any:
        shape = _shape(annotation)
        if shape is str:
            return self._text(value, path)
        if isinstance(shape, tuple) and shape[0] == "list" and isinstance(value, list):
            return [self.value(v, shape[1], (*path, i)) for i, v in enumerate(value)]
        if isinstance(shape, tuple) and shape[0] == "dict" and isinstance(value, dict):
            return {k: self.value(v, shape[1], (*path, k)) for k, v in value.items()}
        if isinstance(shape, type) and issubclass(shape, BaseModel):
            if issubclass(shape, RootModel):
                return self.value(value, shape.model_fields["root"].annotation, path)
            if isinstance(value, dict):
                fields = shape.model_fields
                return {
                    k: self.value(v, fields[k].annotation, (*path, k)) if k in fields else v
                    for k, v in value.items()
                }
        return value

    def _text(self, value: Any, path: FieldPath) -> Any:
        self.text_paths.add(path)
        if isinstance(value, str):
            return value
        if isinstance(value, dict):
            return self.source.one_liners.get(path, value)
        scalar = self.source.scalars.get(path)
        if scalar is None or scalar.style or not scalar.text:
            return value  # -- an empty value stays absent; a list stays a list --
        return characters.normalise(scalar.text)


def _shape(annotation: Any) -> Any:
    """``str``, a model class, ``("list", item)``, ``("dict", value)``, or None."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _shape(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        kinds = [a for a in get_args(annotation) if a is not type(None)]
        return _shape(kinds[0]) if len(kinds) == 1 else None
    if annotation is str:
        return str
    if origin is list:
        return ("list", get_args(annotation)[0])
    if origin is dict:
        return ("dict", get_args(annotation)[1])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None
