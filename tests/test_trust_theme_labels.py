"""The theme and the labels are checked like content: every mistake is FILE:LINE:COL with a
hint, found by `check` as well as `build`, never a traceback; a font is named, never given as
a path or a pattern, and a file of that name that is no font is a clear error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from _support_trust import ROOT, VALID, previous_outputs, run_cli, snapshot
from briefing.look import fonts

THEME = (ROOT / "templates" / "theme.yaml").read_text()
LABELS = (ROOT / "templates" / "labels.yaml").read_text()
METRICS = "deck_metrics: [Carlito-Regular.ttf, Carlito-Bold.ttf]"


def _templates(tmp_path: Path, *, theme: str = THEME, labels: str = LABELS) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "theme.yaml").write_text(theme)
    (folder / "labels.yaml").write_text(labels)
    return folder


def _line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


@pytest.mark.parametrize(
    "names",
    [
        "[../../../etc/passwd, Carlito-Bold.ttf]",
        "['*.ttf', Carlito-Bold.ttf]",
        "[/etc/x.ttf, b.ttf]",
    ],
)
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_metrics_font_that_is_a_path_or_a_pattern_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], names: str, command: str
) -> None:
    theme = THEME.replace(METRICS, f"deck_metrics: {names}")
    templates = _templates(tmp_path, theme=theme)
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    extra = ["-o", str(out)] if command == "build" else []
    run = run_cli([command, str(VALID), "--templates", str(templates), *extra], capsys)
    assert run.status == 1
    line = _line_of(theme, "deck_metrics:")
    assert f"{templates / 'theme.yaml'}:{line}:" in run.err
    assert "fonts.deck_metrics[0]" in run.err
    assert "Traceback" not in run.err
    assert snapshot(out) == before


def test_a_metrics_file_that_is_no_font_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    for name in ("NotAFont-Regular.ttf", "NotAFont-Bold.ttf"):
        (folder / name).write_text("this is not a font")
    monkeypatch.setattr(fonts, "FONT_DIRS", [folder])
    fonts.find_font.cache_clear()
    theme = THEME.replace(METRICS, "deck_metrics: [NotAFont-Regular.ttf, NotAFont-Bold.ttf]")
    templates = _templates(tmp_path, theme=theme)
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    args = ["build", str(VALID), "-o", str(out), "--only", "pptx", "--templates", str(templates)]
    try:
        run = run_cli(args, capsys)
    finally:
        fonts.find_font.cache_clear()
    assert run.status == 1
    assert "fonts.deck_metrics: " in run.err
    assert "NotAFont-Regular.ttf" in run.err and "is not a font file" in run.err
    assert "Traceback" not in run.err
    assert snapshot(out) == before


def test_a_font_family_that_could_escape_the_stylesheet_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theme = THEME.replace("body: Source Serif Pro", 'body: "Evil\\"; } body { color: red"')
    templates = _templates(tmp_path, theme=theme)
    run = run_cli(["check", str(VALID), "--templates", str(templates)], capsys)
    assert run.status == 1
    line = _line_of(theme, 'body: "Evil')
    assert f"{templates / 'theme.yaml'}:{line}:9: fonts.body: " in run.err


@pytest.mark.parametrize("pattern", ["d MMMMMM y", "qqqqqq", "zzzz"])
def test_a_date_format_babel_cannot_write_is_found_by_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pattern: str
) -> None:
    # -- in the German entry: `check` of an English briefing finds it too --
    labels = LABELS.replace("\nde:\n", f'\nde:\n  date_format: "{pattern}"\n', 1)
    assert labels != LABELS
    templates = _templates(tmp_path, labels=labels)
    run = run_cli(["check", str(VALID), "--templates", str(templates)], capsys)
    assert run.status == 1
    line = _line_of(labels, f'date_format: "{pattern}"')
    assert f"{templates / 'labels.yaml'}:{line}:16: de.date_format: not a date pattern" in run.err
    assert "hint: use CLDR letters" in run.err
    assert "Traceback" not in run.err


def test_check_passes_the_built_in_theme_and_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(VALID, tmp_path / "x.yaml")
    run = run_cli(["check", str(tmp_path / "x.yaml")], capsys)
    assert run.status == 0, run.err


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_theme_naming_a_missing_deck_template_is_an_error_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    theme = THEME.replace("\n  layouts:", "\n  template: ../nowhere/corp.pptx\n  layouts:", 1)
    assert theme != THEME
    templates = _templates(tmp_path, theme=theme)
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    extra = ["-o", str(out), "--only", "pptx"] if command == "build" else []
    run = run_cli([command, str(VALID), "--templates", str(templates), *extra], capsys)
    assert run.status == 1
    line = _line_of(theme, "template: ../nowhere")
    assert f"{templates / 'theme.yaml'}:{line}:13: deck.template: " in run.err
    assert "nowhere/corp.pptx: no such deck template" in run.err
    assert "Traceback" not in run.err
    assert snapshot(out) == before
