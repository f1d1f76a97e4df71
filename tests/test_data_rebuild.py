"""A data file is an input of the build: a changed cell rebuilds (the cache key holds the
file's bytes) and ``briefing watch`` rebuilds the source that names it."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import ROOT, run_cli

pytestmark = pytest.mark.slow

SOURCE = """\
title: Data
date: 2026-11-26
author: Tests
data:
  sales: data/sales.csv
summary: Sales reached {sales:B3} in the north.
takeaways: [One message.]
sections:
  - id: one
    title: One
    headline: The so-what.
    body: Some prose.
    points: [A point.]
"""


def project(folder: Path, north: str) -> Path:
    (folder / "content" / "data").mkdir(parents=True, exist_ok=True)
    (folder / "content" / "data" / "sales.csv").write_text(
        f"Region;Sales\nSouth;12\nNorth;{north}\n", encoding="utf-8"
    )
    source = folder / "content" / "x.yaml"
    if not source.exists():  # -- written once: only the data file changes after --
        source.write_text(SOURCE, encoding="utf-8")
    return source


def test_a_changed_cell_rebuilds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = project(tmp_path, "1.234,5")
    out = tmp_path / "out"
    args = ["build", str(source), "-o", str(out), "--only", "html", "--json"]
    assert run_cli(args, capsys).status == 0
    again = json.loads(run_cli(args, capsys).out.splitlines()[0])
    assert again["up_to_date"] is True
    project(tmp_path, "2.000,0")
    rebuilt = json.loads(run_cli(args, capsys).out.splitlines()[0])
    assert rebuilt["up_to_date"] is False
    assert "Sales reached 2.000,0 in the north." in (out / "x.html").read_text(encoding="utf-8")


def test_watch_rebuilds_when_a_data_file_changes(tmp_path: Path) -> None:
    source = project(tmp_path, "10")
    out = tmp_path / "out"
    watcher = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch", str(source), "-o", str(out), "--only", "html"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert watcher.stdout is not None
        assert "watching" in _line_with(watcher.stdout, "watching")
        project(tmp_path, "77")
        line = _line_with(watcher.stdout, "sales.csv")
        assert "→ html" in line
        assert "Sales reached 77 in the north." in (out / "x.html").read_text(encoding="utf-8")
    finally:
        watcher.terminate()
        watcher.communicate(timeout=30)


def _line_with(stream: object, text: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = stream.readline()  # type: ignore[attr-defined]
        if text in line:
            return str(line)
        if not line:
            time.sleep(0.05)
    raise AssertionError(f"no line with {text!r} within {timeout} s")
