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

BRIEFING = [sys.executable, "-m", "briefing"]


def _start_build(source: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*BRIEFING, "build", str(source), "-o", str(out), "-q"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _valid(out: Path, name: str) -> None:
    assert "</html>" in (out / f"{name}.html").read_text()
    assert len(PdfReader(out / f"{name}.pdf").pages) > 1
    with zipfile.ZipFile(out / f"{name}.pptx") as deck:
        assert deck.testzip() is None


# -- a build that stops for good at its n-th rename (os.replace), its temporaries written:
#    killed there, it is killed mid-write, certainly, not by luck of timing --
_STUCK = """
import os, sys, time
real, calls = os.replace, [0]
def stuck(src, dst):
    calls[0] += 1
    if calls[0] == int(sys.argv[1]):
        print("STUCK", flush=True)
        time.sleep(600)
    return real(src, dst)
os.replace = stuck
from briefing.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.slow  # -- real processes, killed --
@pytest.mark.parametrize("rename", [1, 2, 3])
def test_a_build_killed_mid_write_leaves_previous_or_whole_outputs(
    tmp_path: Path, rename: int
) -> None:
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    build = subprocess.Popen(
        [sys.executable, "-c", _STUCK, str(rename), "build", str(VALID), "-o", str(out), "-q"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # -- its PDF worker is killed with it --
    )
    assert build.stdout is not None
    line = build.stdout.readline()
    os.killpg(build.pid, signal.SIGKILL)
    _, err = build.communicate(timeout=60)
    assert line == "STUCK\n", err
    # -- it was mid-write: its own temporary is there, and nothing else --
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
    assert changed < rename
    # -- a file left by a build killed mid-write is removed by the next build --
    finished = _start_build(VALID, out)
    _, err_bytes = finished.communicate(timeout=120)
    assert finished.returncode == 0, err_bytes.decode()
    assert not list(out.glob(".*.tmp"))
    _valid(out, VALID.stem)


@pytest.mark.slow  # -- two real builds at once --
def test_two_builds_at_once_both_end_with_valid_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    builds = [_start_build(VALID, out) for _ in range(2)]
    for build in builds:
        _, err = build.communicate(timeout=120)
        assert build.returncode == 0, err.decode()
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
