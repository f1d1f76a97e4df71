"""The editors' schema takes text as the loader does: numbers and yes/no words as written."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import yaml

from briefing.content.schema import SCHEMA_FILE

ROOT = Path(__file__).resolve().parents[1]
PAPER = ROOT / "tests" / "fixtures" / "authoring" / "analyst_board_paper.yaml"


def _as_an_editor_reads(value: object) -> object:
    # -- YAML 1.2 (the YAML language server) reads 2026-02-01 as a string, and ~ as null --
    if isinstance(value, dict):
        return {k: _as_an_editor_reads(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_an_editor_reads(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_the_analyst_paper_is_valid_in_an_editor_too() -> None:
    schema = json.loads((ROOT / "content" / SCHEMA_FILE).read_text(encoding="utf-8"))
    data = _as_an_editor_reads(yaml.safe_load(PAPER.read_text(encoding="utf-8")))
    assert isinstance(data, dict)
    data["sections"][0]["table"]["rows"][3][2] = "~"  # -- null to YAML 1.2; text to briefing --
    cls = jsonschema.validators.validator_for(schema)
    errors = list(cls(schema).iter_errors(data))
    # -- the one difference, documented: a `key: value` point is a mapping to an editor --
    assert all(isinstance(e.instance, dict) and len(e.instance) == 1 for e in errors), errors
    assert len(errors) == 5
    assert data["sections"][0]["table"]["rows"][0][:2] == [2024, 3.5]  # -- numbers, accepted --
