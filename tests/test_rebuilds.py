"""Builds skip what is up to date, rebuild what changed, and watch mode rebuilds on edits."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.errors import BriefingError, Problem
from support import HARBOUR, ROOT, VALID, Built, Run, run_cli

SOURCE = HARBOUR


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """``briefing ARGS`` in this process, from the repository."""
    monkeypatch.chdir(ROOT)
    return lambda *args: run_cli(list(args), capsys)


def outputs(out: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(out.glob("harbour-expansion.*"))
    }


def json_lines(text: str) -> dict[str, dict[str, object]]:
    return {str(r["format"]): r for r in map(json.loads, text.splitlines())}


def test_a_second_build_rewrites_nothing_and_an_output_changed_by_hand_is_built_again(
    tmp_path: Path, run: Callable[..., Run]
) -> None:
    # -- one first build for both checks: the second build is a no-op, then a web page
    #    edited by hand is the one output built again --
    first = run("build", str(SOURCE), "-o", str(tmp_path), "--json")
    assert first.status == 0, first.err
    before = outputs(tmp_path)
    second = run("build", str(SOURCE), "-o", str(tmp_path), "--json")
    assert second.status == 0, second.err
    records = json_lines(second.out)
    assert all(r["up_to_date"] is True for r in records.values())
    assert records["pdf"]["pages"] == json_lines(first.out)["pdf"]["pages"]
    assert outputs(tmp_path) == before  # same bytes, not even touched

    (tmp_path / "harbour-expansion.html").write_text("edited by hand")
    records = json_lines(run("build", str(SOURCE), "-o", str(tmp_path), "--json").out)
    assert records["html"]["up_to_date"] is False
    assert records["pdf"]["up_to_date"] is True
    assert records["pptx"]["up_to_date"] is True
    assert "</html>" in (tmp_path / "harbour-expansion.html").read_text()
    assert (tmp_path / "harbour-expansion.html").read_bytes() == before["harbour-expansion.html"][0]


@pytest.mark.slow  # -- several whole builds --
def test_an_edit_or_a_changed_template_rebuilds_and_force_rebuilds_everything(
    tmp_path: Path, run: Callable[..., Run]
) -> None:
    # -- which builds happen is the point, not the content: the smallest valid briefing --
    source = tmp_path / "brief.yaml"
    shutil.copy(VALID, source)
    templates = tmp_path / "templates"
    templates.mkdir()
    shutil.copy(ROOT / "templates" / "theme.yaml", templates / "theme.yaml")
    out = tmp_path / "out"
    args = ("build", str(source), "-o", str(out), "--templates", str(templates), "--json")
    assert run(*args).status == 0
    # -- an edit of the source --
    source.write_text(source.read_text().replace("A headline.", "Another headline."))
    edited = json_lines(run(*args).out)
    assert sorted(edited) == ["html", "pdf", "pptx"]
    assert not any(r["up_to_date"] for r in edited.values())
    assert b"Another headline." in (out / "brief.html").read_bytes()
    # -- an edit of a template --
    theme = templates / "theme.yaml"
    theme.write_text(theme.read_text().replace("#0B5CAD", "#0B5CAE"))
    assert not any(r["up_to_date"] for r in json_lines(run(*args).out).values())
    # -- nothing changed: up to date; with --force, all built again --
    assert all(r["up_to_date"] for r in json_lines(run(*args).out).values())
    forced = json_lines(run(*args, "--force").out)
    assert sorted(forced) == ["html", "pdf", "pptx"]
    assert not any(r["up_to_date"] for r in forced.values())


@pytest.mark.slow  # -- a whole build, read back --
def test_the_parallel_build_writes_the_plain_chains_bytes_and_verify_proves_once(
    tmp_path: Path, run: Callable[..., Run], harbour: Built
) -> None:
    # -- `harbour` is the plain chain's build (`build`, in this process, no worker): the
    #    session's, one output at a time; the command line builds all three with its worker --
    first = run("build", str(SOURCE), "-o", str(tmp_path), "--verify")
    assert first.status == 0, first.err
    assert "demand" in first.out  # the matrix
    for plain in (harbour.html, harbour.pdf, harbour.pptx):
        assert plain.read_bytes() == (tmp_path / plain.name).read_bytes(), plain.name
    again = run("build", str(SOURCE), "-o", str(tmp_path), "--verify")
    assert "verified, and unchanged since" in again.out
    # -- a changed output is read back again, and a gap is found --
    (tmp_path / "harbour-expansion.html").write_text("<html><body>nothing</body></html>")
    os.utime(tmp_path / "harbour-expansion.html")
    assert run("verify", str(SOURCE), "-o", str(tmp_path)).status == 1


def test_a_problem_crosses_from_the_pdf_worker_whole() -> None:
    error = BriefingError(
        [
            Problem.in_file(
                "x.yaml", "expected text", hint="quote it", line=3, column=9, path="author"
            )
        ]
    )
    again = pickle.loads(pickle.dumps(error))
    assert again.problems == error.problems
    assert str(again) == str(error)


@pytest.mark.slow  # -- a real watcher process, fed edits --
def test_watch_rebuilds_on_an_edit_and_survives_a_broken_source(tmp_path: Path) -> None:
    source = tmp_path / "harbour-expansion.yaml"
    shutil.copy(SOURCE, source)
    out = tmp_path / "out"
    watcher = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch", str(source), "-o", str(out), "--only", "html"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert watcher.stdout is not None and watcher.stderr is not None
        assert "watching" in _line_with(watcher.stdout, "watching")
        source.write_text(source.read_text().replace("title: Three options", "title: [broken"))
        assert "not rebuilt" in _line_with(watcher.stderr, "not rebuilt")
        source.write_text(SOURCE.read_text().replace("Ships wait", "Vessels wait"))
        line = _line_with(watcher.stdout, "→")
        assert "harbour-expansion" in line and "html" in line
        assert "Vessels wait" in (out / "harbour-expansion.html").read_text()
    finally:
        watcher.terminate()
        watcher.communicate(timeout=30)  # -- waits, and closes the pipes --


def _line_with(stream: object, text: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = stream.readline()  # type: ignore[attr-defined]
        if text in line:
            return str(line)
        if not line:
            time.sleep(0.05)
    raise AssertionError(f"no line with {text!r} within {timeout} s")
