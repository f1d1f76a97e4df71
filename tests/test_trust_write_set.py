"""The outputs of a build are written all or none: a write or a rename that fails part-way
leaves every previous output as it was and no temporary behind, and an output folder that
cannot take the outputs is a clear error before anything is rendered."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from _support_trust import VALID, previous_outputs, run_cli, snapshot
from briefing.document import render

# -- slow: whole builds, failed part-way at every write (the edit loop skips it) --
pytestmark = pytest.mark.slow


def _fail_on_call(n: int, real: object, err: int = errno.ENOSPC) -> object:
    calls = {"n": 0}

    def failing(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == n:
            raise OSError(err, os.strerror(err))
        return real(*args, **kwargs)  # type: ignore[operator]

    return failing


@pytest.mark.parametrize("failing_rename", [1, 2, 3])
def test_a_rename_failing_mid_set_keeps_every_previous_output(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failing_rename: int,
) -> None:
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    monkeypatch.setattr(os, "replace", _fail_on_call(failing_rename, os.replace))
    run = run_cli(["build", str(VALID), "-o", str(out)], capsys)
    assert run.status == 1
    assert f"{out}: cannot write the outputs: No space left on device" in run.err
    assert "the previous outputs are unchanged" in run.err
    assert "Traceback" not in run.err
    assert snapshot(out) == before  # no new output, no temporary, no build record


def test_a_disk_full_while_writing_the_third_output_keeps_the_previous_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    monkeypatch.setattr(os, "fsync", _fail_on_call(3, os.fsync))
    run = run_cli(["build", str(VALID), "-o", str(out)], capsys)
    assert run.status == 1
    assert "cannot write the outputs: No space left on device" in run.err
    assert snapshot(out) == before


def test_a_failed_first_build_leaves_no_output_at_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    monkeypatch.setattr(os, "replace", _fail_on_call(3, os.replace))
    run = run_cli(["build", str(VALID), "-o", str(out)], capsys)
    assert run.status == 1
    assert snapshot(out) == {}  # not two new outputs without the third


def _no_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("rendered although the output folder cannot take the outputs")

    monkeypatch.setattr(render, "render_document", refuse)
    monkeypatch.setattr(render, "render_deck", refuse)


def test_an_output_folder_that_is_a_file_is_an_error_before_rendering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.write_text("not a folder")
    _no_rendering(monkeypatch)
    run = run_cli(["build", str(VALID), "-o", str(out)], capsys)
    assert run.status == 1
    assert run.err.startswith(f"{out}: the output folder is a file, not a folder")
    assert "hint: pass another folder with -o" in run.err
    assert out.read_text() == "not a folder"


def test_a_folder_where_an_output_goes_is_an_error_before_rendering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    (out / f"{VALID.stem}.pdf").unlink()
    (out / f"{VALID.stem}.pdf").mkdir()
    _no_rendering(monkeypatch)
    run = run_cli(["build", str(VALID), "-o", str(out)], capsys)
    assert run.status == 1
    assert f"{out / VALID.stem}.pdf: an output goes here, but this is a folder" in run.err
    assert (out / f"{VALID.stem}.html").read_bytes() == before[f"{VALID.stem}.html"]


def test_an_output_folder_without_write_permission_is_an_error_before_rendering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    # -- root ignores a folder's mode bits: refuse the file creation itself, as a
    #    read-only mount or an ACL would --
    monkeypatch.setattr(tempfile, "mkstemp", _fail_on_call(1, tempfile.mkstemp, errno.EACCES))
    _no_rendering(monkeypatch)
    run = run_cli(["build", str(VALID), "-o", str(out)], capsys)
    assert run.status == 1
    assert run.err.startswith(f"{out}: cannot write in the output folder: Permission denied")
    assert "Traceback" not in run.err
    assert snapshot(out) == before


def test_an_output_folder_that_cannot_be_created_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a parent folder should be")
    out = blocker / "out"
    _no_rendering(monkeypatch)
    run = run_cli(["build", str(VALID), "-o", str(out)], capsys)
    assert run.status == 1
    assert f"{blocker}" in run.err
    assert "Traceback" not in run.err
