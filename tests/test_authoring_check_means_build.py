"""`briefing check` passes exactly when `build` would, and says where in the content.

A headline within the model's 200 characters that no slide title can hold was
passed by `check` and refused by `build`, naming the deck template. Now both
refuse it at the headline's line and column in the content file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support import VALID, previous_outputs, run_cli, snapshot


def test_a_headline_no_slide_can_hold_fails_check_and_build_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "paper.yaml"
    text = VALID.read_text(encoding="utf-8")
    source.write_text(text.replace("headline: A headline.", "headline: " + "W" * 200), "utf-8")
    out = tmp_path / "out"
    before = previous_outputs(out, "paper")

    checked = run_cli(["check", str(source)], capsys)
    built = run_cli(["build", str(source), "-o", str(out)], capsys)

    first = checked.err.splitlines()[0]
    assert first.startswith(f"{source}:12:15: sections[0].headline: the slide title does not fit")
    assert "deck.html.j2" not in checked.err
    assert (checked.status, built.status) == (1, 1)
    assert built.err == checked.err
    assert snapshot(out) == before


def test_check_passes_what_build_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    checked = run_cli(["check", str(VALID)], capsys)
    assert checked.status == 0, checked.err
    built = run_cli(["build", str(VALID), "-o", str(tmp_path), "--only", "pptx"], capsys)
    assert built.status == 0, built.err
    assert (tmp_path / f"{VALID.stem}.pptx").is_file()
