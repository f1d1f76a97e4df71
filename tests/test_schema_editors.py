"""The editors' JSON Schema and the format reference: generated from the model, and current."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import BaseModel

from briefing.cli import main
from briefing.content.model import Briefing
from briefing.content.scaffold import model_of, scaffold_text
from briefing.content.schema import (
    SCHEMA_FILE,
    field_docs,
    json_schema,
    reference_markdown,
    schema_text,
)
from support import ROOT

CONTENT = ROOT / "content"
MUSE_SPARK = CONTENT / "muse-spark.yaml"


def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads((CONTENT / SCHEMA_FILE).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _errors(data: object) -> list[str]:
    return [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator().iter_errors(data)
    ]


def test_the_committed_schema_is_the_generated_one() -> None:
    committed = (CONTENT / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(), "stale schema: run `make reference`"


def test_briefing_schema_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


def test_muse_spark_names_the_schema_and_is_valid_against_it() -> None:
    text = MUSE_SPARK.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_FILE}"
    assert (MUSE_SPARK.parent / SCHEMA_FILE).is_file()  # -- the header's path resolves
    assert _errors(yaml.safe_load(text)) == []


def test_the_scaffold_is_valid_against_the_schema() -> None:
    assert _errors(yaml.safe_load(scaffold_text("x", today=dt.date(2026, 11, 26)))) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("title"), "'title' is a required property"),
        (lambda d: d.update(titel="x"), "Additional properties are not allowed ('titel'"),
        (lambda d: d["sections"][0].update(id="Not A Slug"), "does not match"),
        (lambda d: d.update(takeaways=[]), "should be non-empty"),
        (lambda d: d.update(date="26/11/2026"), "is not a 'date'"),
        (lambda d: d["sections"][0].update(points=["x" * 241]), "is too long"),
    ],
)
def test_the_schema_rejects_what_the_model_rejects(change: Any, expected: str) -> None:
    data = yaml.safe_load(MUSE_SPARK.read_text(encoding="utf-8"))
    change(data)
    errors = _errors(data)
    assert any(expected in e for e in errors), errors


def test_the_committed_reference_is_the_generated_one() -> None:
    committed = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")
    assert committed == reference_markdown(), "stale reference: run `make reference`"


def test_the_reference_documents_every_field_with_its_description() -> None:
    doc = reference_markdown()
    rows = [line for line in doc.splitlines() if line.startswith("| `")]
    missing = []

    def walk(model: type[BaseModel]) -> None:
        docs = field_docs(model)
        for field, info in model.model_fields.items():
            row = f"| `{field}` |"
            doc = docs.get(field)
            if not doc or not any(r.startswith(row) and doc in r for r in rows):
                missing.append(f"{model.__name__}.{field}")
            with contextlib.suppress(TypeError):  # -- a plain value has no fields below it
                walk(model_of(info.annotation))

    walk(Briefing)
    assert missing == []


class _Base(BaseModel):
    shared: int = 0
    """Declared on the base,
    over two lines."""


class _Documented(_Base):
    plain: str = ""
    """One line."""
    undocumented: str = ""
    shared: int = 1
    """Said again by the subclass."""


def test_a_fields_description_is_the_docstring_under_it_inherited_and_joined() -> None:
    assert field_docs(_Base) == {"shared": "Declared on the base, over two lines."}
    assert field_docs(_Documented) == {
        "plain": "One line.",
        "shared": "Said again by the subclass.",
    }
