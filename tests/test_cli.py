"""The command line: exit statuses, messages without tracebacks, build then verify.

In this process (fast); the few tests that need a real process (the exit status the shell
sees, a fresh interpreter) say so.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import HARBOUR, ROOT, Built, run_cli, run_process


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_check_accepts_the_shipped_briefing(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["check", "content/muse-spark.yaml"], capsys)
    assert result.status == 0, result.err
    assert "content/muse-spark.yaml" in result.out


def test_check_rejects_a_bad_source_with_file_line_column_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\ndate: 2026-11-26\nauthor: [A, B]\n", encoding="utf-8")
    result = run_cli(["check", str(bad)], capsys)
    assert result.status == 1
    assert f"{bad}:3:9: author: expected text" in result.err


@pytest.mark.slow
def test_using_the_command_wrongly_exits_2_in_a_real_process() -> None:
    # -- the status the shell sees, from argparse and from briefing's own check --
    assert run_process("frobnicate").returncode == 2
    assert run_process("build", "--only", "docx", "content/muse-spark.yaml").returncode == 2
    assert run_process("build", "--bogus-flag").returncode == 2


def test_a_missing_source_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["check", "content/no-such-briefing.yaml"], capsys)
    assert result.status == 1
    assert "content/no-such-briefing.yaml: no such file" in result.err


def test_build_then_verify_proves_every_section_in_every_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = run_cli(["build", str(HARBOUR), "-o", str(tmp_path)], capsys)
    assert built.status == 0, built.err
    for fmt in ("html", "pdf", "pptx"):
        assert (tmp_path / f"harbour-expansion.{fmt}").stat().st_size > 0
    verified = run_cli(["verify", str(HARBOUR), "-o", str(tmp_path)], capsys)
    assert verified.status == 0, verified.err
    for section in ("demand", "options", "next-steps"):
        assert section in verified.out


def _outputs_of(harbour: Built, folder: Path) -> None:
    """This run's build of the harbour briefing, its three outputs copied into ``folder``."""
    for output in (harbour.html, harbour.pdf, harbour.pptx):
        shutil.copy(output, folder / output.name)


@pytest.mark.slow  # -- builds an edited briefing's deck: the full tier's --
def test_verify_names_what_an_output_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], harbour: Built
) -> None:
    _outputs_of(harbour, tmp_path)
    # -- a deck built from an edited source no longer carries the original headline --
    edited = tmp_path / "src" / "harbour-expansion.yaml"
    edited.parent.mkdir()
    text = HARBOUR.read_text(encoding="utf-8")
    edited.write_text(text.replace("Ships wait for a berth", "Ships queue"), encoding="utf-8")
    other = tmp_path / "other"
    assert run_cli(["build", str(edited), "-o", str(other), "--only", "pptx"], capsys).status == 0
    shutil.copy(other / "harbour-expansion.pptx", tmp_path / "harbour-expansion.pptx")
    result = run_cli(["verify", str(HARBOUR), "-o", str(tmp_path)], capsys)
    assert result.status == 1
    assert "harbour-expansion.pptx: demand headline is missing" in result.err


@pytest.mark.slow
def test_check_never_loads_the_rendering_engines() -> None:
    # -- `check` is the fast path an editor or a pre-commit hook calls on every save; a
    #    fresh interpreter, since this one has loaded everything already --
    probe = (
        "import sys; from briefing.cli import main; "
        "status = main(['check', 'content/muse-spark.yaml']); "
        "loaded = [m for m in ('weasyprint',) if m in sys.modules]; "
        "print('LOADED', loaded); sys.exit(status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout


def test_verify_names_a_summary_or_body_that_did_not_reach_an_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], harbour: Built
) -> None:
    _outputs_of(harbour, tmp_path)
    # -- a web page built from a source whose summary and a body say something else --
    edited = tmp_path / "src" / "harbour-expansion.yaml"
    edited.parent.mkdir()
    text = HARBOUR.read_text(encoding="utf-8")
    text = text.replace("runs at capacity most weeks", "is often busy")
    text = text.replace("Larger vessels cannot use", "Large ships avoid")
    edited.write_text(text, encoding="utf-8")
    other = tmp_path / "other"
    assert run_cli(["build", str(edited), "-o", str(other), "--only", "html"], capsys).status == 0
    shutil.copy(other / "harbour-expansion.html", tmp_path / "harbour-expansion.html")
    result = run_cli(["verify", str(HARBOUR), "-o", str(tmp_path)], capsys)
    assert result.status == 1
    assert "harbour-expansion.html: summary summary is missing: 'The north quay runs" in result.err
    assert "harbour-expansion.html: demand body is missing: 'Larger vessels cannot use" in (
        result.err
    )
    assert "harbour-expansion.pdf" not in result.err
