"""`build --only FMT --verify` proves the outputs it built, not the ones it was told to skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import VALID, run_cli


def test_verify_after_a_partial_build_reads_only_what_was_built(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(["build", str(VALID), "-o", str(tmp_path), "--only", "html", "--verify"], capsys)
    assert run.status == 0, run.err
    assert "not built yet" not in run.err
    header = next(line for line in run.out.splitlines() if line.strip() == "html")
    assert header.split() == ["html"]
    assert sorted(p.suffix for p in tmp_path.glob(f"{VALID.stem}.*")) == [".html"]


def test_plain_verify_still_wants_every_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(["build", str(VALID), "-o", str(tmp_path), "--only", "html"], capsys)
    assert run.status == 0
    run = run_cli(["verify", str(VALID), "-o", str(tmp_path)], capsys)
    assert run.status == 1
    assert "not built yet" in run.err
    assert f"{VALID.stem}.pdf" in run.err and f"{VALID.stem}.pptx" in run.err
