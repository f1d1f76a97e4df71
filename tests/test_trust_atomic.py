"""A build writes whole files or nothing: killed at any moment it leaves the previous outputs,
two at once both end with valid outputs, and a missing template or font is a clear error."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.look import fonts
from briefing.output import temporaries, write_atomic
from support import ROOT, VALID, previous_outputs, run_cli, snapshot


def _valid(out: Path, name: str) -> None:
    assert "</html>" in (out / f"{name}.html").read_text()
    assert len(PdfReader(out / f"{name}.pdf").pages) > 1
    with zipfile.ZipFile(out / f"{name}.pptx") as deck:
        assert deck.testzip() is None


# -- a build that stops at each rename (os.replace) of a file into its output folder, its
#    temporaries written, says so and waits for a line on its standard input: stopped
#    there, it is mid-write, certainly, not by luck of timing; killed there, it leaves what
#    is on disk at that moment (SIGKILL runs nothing more) --
_PAUSING = """
import os, sys
out, real = os.path.realpath(sys.argv[1]), os.replace
def pausing(src, dst):
    if os.path.dirname(os.path.realpath(dst)) == out:
        print("AT", os.path.basename(dst), flush=True)
        sys.stdin.readline()
    return real(src, dst)
os.replace = pausing
from briefing.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _start_pausing(out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _PAUSING, str(out), "build", str(VALID), "-o", str(out), "-q"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # -- its PDF worker is killed with it --
        # -- a killed build cannot remove its scratch folder: leave it in the test's own --
        env={**os.environ, "TMPDIR": str(out.parent)},
    )


def _paused_at(build: subprocess.Popen[str]) -> str:
    """The name of the output ``build`` is about to rename into place (it waits there)."""
    assert build.stdout is not None
    line = build.stdout.readline()
    if not line.startswith("AT "):
        os.killpg(build.pid, signal.SIGKILL)
        raise AssertionError(f"{line!r}: {build.communicate(timeout=60)[1]}")
    return line.removeprefix("AT ").strip()


def _go_on(build: subprocess.Popen[str]) -> None:
    assert build.stdin is not None
    build.stdin.write("\n")
    build.stdin.flush()


@pytest.mark.slow  # -- a real process, killed --
def test_a_build_killed_mid_write_leaves_previous_or_whole_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    build = _start_pausing(out)
    # -- stopped at each output's rename in turn: what a kill there would leave is on disk;
    #    at the third (two outputs new, one previous) it is really killed --
    for renames in (1, 2, 3):
        _paused_at(build)
        # -- it is mid-write: its own temporaries are there, and nothing else --
        temporaries_left = list(out.glob(".*.tmp"))
        assert temporaries_left and all(f".{build.pid}." in t.name for t in temporaries_left)
        changed = 0
        for name, data in before.items():
            current = (out / name).read_bytes()
            # -- each output is either the previous file or a complete new one --
            if current != data:
                changed += 1
                if name.endswith(".pdf"):
                    assert len(PdfReader(out / name).pages) > 1
                elif name.endswith(".pptx"):
                    with zipfile.ZipFile(out / name) as deck:
                        assert deck.testzip() is None
                else:
                    assert current.rstrip().endswith(b"</html>")
        assert changed == renames - 1
        if renames < 3:
            _go_on(build)
    os.killpg(build.pid, signal.SIGKILL)
    build.communicate(timeout=60)
    assert build.returncode == -signal.SIGKILL
    assert list(out.glob(".*.tmp"))  # -- the killed build's files are left behind --
    # -- a file left by a build killed mid-write is removed by the next build --
    finished = run_cli(["build", str(VALID), "-o", str(out), "-q"], capsys)
    assert finished.status == 0, finished.err
    assert not list(out.glob(".*.tmp"))
    _valid(out, VALID.stem)


@pytest.mark.slow  # -- a real build, and another one inside its write --
def test_two_builds_at_once_both_end_with_valid_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    # -- the worst overlap, every time: a whole second build runs while the first has its
    #    temporaries written and is about to rename them into place --
    first = _start_pausing(out)
    _paused_at(first)
    second = run_cli(["build", str(VALID), "-o", str(out), "-q"], capsys)
    assert second.status == 0, second.err
    assert list(out.glob(f".*.{first.pid}.*.tmp"))  # -- a live build's files are kept --
    _go_on(first)
    assert first.stdout is not None
    while first.stdout.readline():  # -- the other outputs, then the build record --
        _go_on(first)
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    _valid(out, VALID.stem)
    # -- the outputs and the build record, and no temporary left behind --
    assert sorted(p.name for p in out.iterdir()) == [
        ".briefing-cache.json",
        *(f"{VALID.stem}.{fmt}" for fmt in ("html", "pdf", "pptx")),
    ]


def test_stale_temporaries_of_dead_builds_go_and_live_ones_stay(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = tmp_path / f".x.pdf.{dead.stdout.strip()}.abc.tmp"
    live = tmp_path / f".x.pdf.{os.getppid()}.def.tmp"
    stale.write_bytes(b"half")
    live.write_bytes(b"in progress")
    write_atomic(target, b"whole")
    assert target.read_bytes() == b"whole"
    assert temporaries(target) == [live]


def test_a_failed_write_leaves_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "x.html"
    target.write_bytes(b"previous")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"previous"
    assert temporaries(target) == []


def test_a_missing_template_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    # -- a project's templates override the packaged ones file by file, so a template is
    #    missing only when no folder has it: here, a part the project's deck includes --
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    deck = templates / "deck.html.j2"
    deck.write_text('{% include "no-such-part.html.j2" %}\n' + deck.read_text())
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    run = run_cli(["build", str(VALID), "-o", str(out), "--templates", str(templates)], capsys)
    assert run.status == 1
    assert run.err.startswith("deck.html.j2: template not found: no-such-part.html.j2")
    assert f"hint: looked in {templates}" in run.err
    assert "Traceback" not in run.err
    assert snapshot(out) == before


def test_a_missing_font_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)

    # -- the package is not found, as when it was never installed --
    find_spec = fonts.importlib.util.find_spec
    hidden = "font_source_serif_pro"
    fonts.document_font_faces.cache_clear()
    monkeypatch.setattr(
        fonts.importlib.util, "find_spec", lambda n, *a: None if n == hidden else find_spec(n, *a)
    )
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    try:
        run = run_cli(["build", str(VALID), "-o", str(out)], capsys)
    finally:
        fonts.document_font_faces.cache_clear()
    assert run.status == 1
    assert run.err.startswith("fonts: font package 'font_source_serif_pro' is not installed")
    assert "hint: run `make setup`" in run.err
    assert snapshot(out) == before
