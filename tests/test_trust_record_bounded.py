"""The build record is read only when it is a small regular file: a FIFO never hangs a
build, a huge record is never read, a record nested past the parser's stack is only
damaged. Each means "build everything" with a note, and the next build writes it whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.cache import MANIFEST, MAX_RECORD, Manifest
from support import VALID, run_cli


def test_a_fifo_as_the_record_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / MANIFEST)
    manifest = Manifest(tmp_path)  # -- would block forever on open or read --
    assert manifest.records == {}
    assert "not a regular file" in manifest.note and "building everything" in manifest.note


def test_a_huge_record_is_not_read(tmp_path: Path) -> None:
    with open(tmp_path / MANIFEST, "wb") as handle:
        handle.truncate(3_000_000_000)  # -- sparse: 3 GB that takes no room --
    manifest = Manifest(tmp_path)
    assert manifest.records == {}
    assert "3,000,000,000 bytes" in manifest.note and "building everything" in manifest.note


def test_a_record_just_under_the_limit_is_parsed(tmp_path: Path) -> None:
    text = '{"outputs": {}, "verified": {}}'
    (tmp_path / MANIFEST).write_text(text + " " * (MAX_RECORD - len(text)))
    assert Manifest(tmp_path).note == ""


def test_a_record_nested_past_the_stack_is_damaged(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text("[" * 200_000)
    manifest = Manifest(tmp_path)
    assert manifest.records == {}
    assert "damaged; building everything" in manifest.note


def test_a_folder_as_the_record_is_not_read(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).mkdir()
    assert "building everything" in Manifest(tmp_path).note


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["fifo", "nested"])
def test_a_build_past_a_hostile_record_builds_and_mends_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    if kind == "fifo":
        os.mkfifo(out / MANIFEST)
    else:
        (out / MANIFEST).write_text("[" * 200_000)
    run = run_cli(["build", str(VALID), "-o", str(out), "--only", "html"], capsys)
    assert run.status == 0, run.err
    assert "building everything" in run.err and "Traceback" not in run.err
    assert "</html>" in (out / f"{VALID.stem}.html").read_text()
    assert (out / MANIFEST).is_file()
    again = run_cli(["build", str(VALID), "-o", str(out), "--only", "html"], capsys)
    assert "up to date" in again.out and "note:" not in again.err
