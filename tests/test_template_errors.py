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


def test_one_template_in_two_projects_is_compiled_once_and_each_error_names_its_own_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    # -- the same mistake, byte for byte, copied into two projects, on the template's line 2 --
    first, second = (
        _templates(tmp_path / name, "<!-- a copy -->\n{{ no_such_thing.title }}")
        for name in ("first", "second")
    )
    for templates in (first, second):
        args = ["build", str(VALID), "-o", str(tmp_path / "out"), "--only", "html"]
        run = run_cli([*args, "--templates", str(templates)], capsys)
        assert run.status == 1
        assert f"{templates / 'briefing.html.j2'}:2:1: template error: " in run.err
    # -- one compiled file for the page, whichever project it came from --
    (folder,) = (tmp_path / "cache").glob("templates-*")
    pages = [p for p in folder.iterdir() if b"no_such_thing" in p.read_bytes()]
    assert len(pages) == 1, sorted(p.name for p in folder.iterdir())
