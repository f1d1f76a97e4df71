"""Only small regular files are read as sources: a FIFO, a device, a folder or a huge
sparse file is refused at once, by its metadata, without reading it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from _support_trust import run_cli


def test_a_fifo_among_the_sources_is_an_error_not_a_hang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    os.mkfifo(tmp_path / "content" / "pipe.yaml")
    for command in (["check"], ["build", "-o", "out"]):
        run = run_cli(command, capsys)
        assert run.status == 1
        assert run.err.startswith(
            "content/pipe.yaml: cannot read it: it is a pipe, a device or a socket, not a file"
        )
        assert "Traceback" not in run.err


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused(device: str, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(["check", device], capsys)
    assert run.status == 1
    assert run.err.startswith(f"{device}: cannot read it: it is a pipe, a device or a socket")


def test_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    run = run_cli(["check", str(folder)], capsys)
    assert run.status == 1
    assert run.err.startswith(f"{folder}: cannot read it: Is a directory")


def test_a_huge_sparse_file_is_refused_by_its_size_without_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as handle:
        handle.truncate(2 * 1024**3)  # -- 2 GB of nothing, no disk used --

    def no_reading(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("read a file that is too large by its size")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    run = run_cli(["check", str(huge)], capsys)
    assert run.status == 1
    assert run.err.startswith(f"{huge}: the file is 2,147,483,648 bytes; the limit is 1,000,000")
