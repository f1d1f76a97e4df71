"""No command ends in a traceback: an output it cannot write (a folder, a file in /proc, a
full standard output) is a one-line error and exit 1; a theme size given as true/false says
it should be a number; Ctrl-C during a build is exit 130 with no error and no traceback."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from support import ROOT, VALID, run_cli


def test_schema_to_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(["schema", "-o", str(tmp_path)], capsys)
    assert run.status == 1
    assert "is a folder" in run.err and "Traceback" not in run.err
    assert list(tmp_path.iterdir()) == []  # -- no temporary file left behind --


def test_schema_to_an_unwritable_place_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(["schema", "-o", "/proc/version"], capsys)
    assert run.status == 1
    assert "-o /proc/version: cannot write it" in run.err


@pytest.mark.slow
@pytest.mark.parametrize("args", [["schema"], ["build", str(VALID), "--only", "html", "--json"]])
def test_a_full_standard_output_is_one_line(tmp_path: Path, args: list[str]) -> None:
    if "build" in args:
        args = [*args, "-o", str(tmp_path / "out")]
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "briefing", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
    assert run.returncode == 1
    assert run.stderr.strip() == "briefing: cannot write standard output: No space left on device"


def test_a_theme_size_of_true_should_be_a_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theme = (ROOT / "templates" / "theme.yaml").read_text()
    (tmp_path / "theme.yaml").write_text(theme.replace("  body_pt: ", "  body_pt: true  # was ", 1))
    run = run_cli(["check", str(VALID), "--templates", str(tmp_path)], capsys)
    assert run.status == 1
    assert run.err.count("document.body_pt: should be a number") == 1  # -- said once --
    assert "greater than" not in run.err


# -- `python -m briefing ARGS`, whose PDF worker says when it starts typesetting and, from
#    its SLOW_FROMth typesetting on, takes ten minutes more than it would: an interrupt then
#    lands while the build waits for the worker, every time, not by luck of timing; and the
#    build must not wait it out --
_SLOW_TYPESETTING = """
import os, runpy, sys, time
import briefing.build as build
real = build._typeset
done = 0
def _typeset(*args):
    global done
    done += 1
    print("TYPESETTING", flush=True)
    if done >= int(os.environ.get("SLOW_FROM", "1")):
        time.sleep(600)
    return real(*args)
_typeset.__module__, _typeset.__qualname__ = real.__module__, real.__qualname__
build._typeset = _typeset
sys.argv = ["briefing", *sys.argv[1:]]
runpy.run_module("briefing", run_name="__main__", alter_sys=True)
"""


def _ctrl_c(args: list[str], ready: Callable[[Iterator[str]], None], *, slow_from: int = 1) -> None:
    """Run ``python ARGS`` in its own group, as a terminal does, with Ctrl-C's default (a
    run started in the background, CI or `make test &`, passes SIGINT on ignored and the
    interrupt would never land); once ``ready`` returns (it reads the standard output's
    lines), press Ctrl-C. The command must end 130, quietly, within a minute: a tenth of the
    sleep `_SLOW_TYPESETTING` adds from its ``slow_from``th typesetting on."""
    process = subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SLOW_FROM": str(slow_from)},
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdout is not None
    try:
        ready(iter(process.stdout.readline, ""))
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        raise AssertionError("Ctrl-C waited for the typesetting to end") from None
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "error" not in err.lower()


def _typesetting(lines: Iterator[str]) -> None:
    assert any(line == "TYPESETTING\n" for line in lines)


@pytest.mark.slow
@pytest.mark.parametrize("when", ["starting", "typesetting"])
def test_ctrl_c_during_a_build_is_130_and_quiet(tmp_path: Path, when: str) -> None:
    out = tmp_path / "out"

    def started(lines: Iterator[str]) -> None:
        # -- the output folder is made once the program runs (before, the interpreter is
        #    still starting, and a signal then is the operating system's, not ours) --
        deadline = time.monotonic() + 60
        while not out.exists() and time.monotonic() < deadline:
            time.sleep(0.02)

    build = ["build", str(VALID), "-o", str(out)]
    if when == "starting":
        _ctrl_c(["-m", "briefing", *build], started)
    else:
        _ctrl_c(["-c", _SLOW_TYPESETTING, *build], _typesetting)
        assert not list(out.glob("*.pdf"))  # -- interrupted before anything was written --


def test_a_theme_font_that_is_not_installed_gets_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theme = (ROOT / "templates" / "theme.yaml").read_text()
    body = next(line for line in theme.splitlines() if line.startswith("  body: "))
    (tmp_path / "theme.yaml").write_text(theme.replace(body, "  body: Frutiger Next", 1))
    out = tmp_path / "out"
    args = ["build", str(VALID), "--only", "html", "-o", str(out), "--templates", str(tmp_path)]
    run = run_cli(args, capsys)
    assert run.status == 0, run.err
    assert "note: " in run.err and "the font 'Frutiger Next' is not installed" in run.err
    assert "Source Sans Pro" not in run.err  # -- the bundled heading font needs no word --


def test_a_library_warning_is_one_note(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import warnings

    from briefing import cli

    def warns(args: object) -> int:
        for _ in range(3):
            warnings.warn("Tight layout not applied.", UserWarning, stacklevel=1)
        return 0

    monkeypatch.setattr(cli, "_run", warns)
    run = run_cli(["check", str(VALID)], capsys)
    assert run.status == 0
    assert run.err.count("warned: Tight layout not applied.") == 1
    assert run.err.startswith("note: ") and "UserWarning" not in run.err


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1.0e+300"])
def test_a_chart_value_no_chart_can_draw_is_refused(tmp_path: Path, value: str) -> None:
    from briefing.build import check
    from briefing.errors import BriefingError
    from test_figures_bad_input import line_of, write

    source = write(
        tmp_path,
        f"- chart: column\n  caption: C.\n  categories: [a, b]\n  series:\n"
        f"    - name: S\n      values: [1, {value}]\n",
    )
    with pytest.raises(BriefingError) as caught:
        check(source)
    (problem,) = caught.value.problems
    assert problem.line == line_of(source, "values: [1,")
    assert problem.path.endswith("values[1]")


@pytest.mark.slow
def test_ctrl_c_while_watch_rebuilds_is_130_at_once(tmp_path: Path) -> None:
    source = tmp_path / "x.yaml"
    shutil.copy(VALID, source)

    def rebuilding(lines: Iterator[str]) -> None:
        assert any("watching" in line for line in lines)
        source.write_text(source.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        _typesetting(lines)

    # -- the first build is quick; the rebuild after the edit is the slow one --
    args = ["-c", _SLOW_TYPESETTING, "watch", str(source), "-o", str(tmp_path / "out")]
    _ctrl_c(args, rebuilding, slow_from=2)


@pytest.mark.slow
def test_ctrl_c_while_the_preview_typesets_is_130_at_once(tmp_path: Path) -> None:
    source = tmp_path / "x.yaml"
    shutil.copy(VALID, source)
    _ctrl_c(["-c", _SLOW_TYPESETTING, "preview", str(source), "--port", "0"], _typesetting)
