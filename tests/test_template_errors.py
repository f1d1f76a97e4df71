"""A template that uses a name the context does not have, or that does not parse, is an
error at its file and line, with a hint where one helps; no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import ROOT, VALID, run_cli


def _templates(tmp_path: Path, first_line: str) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    page = templates / "briefing.html.j2"
    page.write_text(first_line + "\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    return templates


def test_an_undefined_name_is_an_error_at_its_line_with_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = _templates(tmp_path, "{{ no_such_thing.title }}")
    args = ["build", str(VALID), "-o", str(tmp_path / "out"), "--only", "html"]
    run = run_cli([*args, "--templates", str(templates)], capsys)
    assert run.status == 1
    assert f"{templates / 'briefing.html.j2'}:1:1: template error: " in run.err
    assert "no_such_thing" in run.err
    assert "hint: check the variable's name" in run.err
    assert "Traceback" not in run.err


def test_a_template_that_does_not_parse_is_an_error_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = _templates(tmp_path, "{% if %}")
    args = ["build", str(VALID), "-o", str(tmp_path / "out"), "--only", "html"]
    run = run_cli([*args, "--templates", str(templates)], capsys)
    assert run.status == 1
    assert f"{templates / 'briefing.html.j2'}:1:1: template syntax error: " in run.err
    assert "Traceback" not in run.err
