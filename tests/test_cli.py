"""The command line: exit statuses, messages without tracebacks, build then verify."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_accepts_the_shipped_briefing() -> None:
    result = run("check", "content/muse-spark.yaml")
    assert result.returncode == 0, result.stderr
    assert "content/muse-spark.yaml" in result.stdout


def test_check_rejects_a_bad_source_with_file_line_column_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\ndate: 2026-11-26\nauthor: [A, B]\n", encoding="utf-8")
    result = run("check", str(bad))
    assert result.returncode == 1
    assert f"{bad}:3:9: author: expected text" in result.stderr
    assert "Traceback" not in result.stderr


def test_using_the_command_wrongly_exits_2(tmp_path: Path) -> None:
    assert run("frobnicate").returncode == 2
    assert run("build", "--only", "docx", "content/muse-spark.yaml").returncode == 2
    assert run("build", "--bogus-flag").returncode == 2


def test_a_missing_source_is_a_clear_error() -> None:
    result = run("check", "content/no-such-briefing.yaml")
    assert result.returncode == 1
    assert "content/no-such-briefing.yaml: no such file" in result.stderr


def test_build_then_verify_proves_every_section_in_every_output(tmp_path: Path) -> None:
    source = FIXTURES / "harbour-expansion.yaml"
    built = run("build", str(source), "-o", str(tmp_path))
    assert built.returncode == 0, built.stderr
    for fmt in ("html", "pdf", "pptx"):
        assert (tmp_path / f"harbour-expansion.{fmt}").stat().st_size > 0
    verified = run("verify", str(source), "-o", str(tmp_path))
    assert verified.returncode == 0, verified.stderr
    for section in ("demand", "options", "next-steps"):
        assert section in verified.stdout


def test_verify_names_what_an_output_is_missing(tmp_path: Path) -> None:
    source = FIXTURES / "harbour-expansion.yaml"
    assert run("build", str(source), "-o", str(tmp_path)).returncode == 0
    # -- a deck built from an edited source no longer carries the original headline --
    edited = tmp_path / "src" / "harbour-expansion.yaml"
    edited.parent.mkdir()
    text = source.read_text(encoding="utf-8")
    edited.write_text(text.replace("Ships wait for a berth", "Ships queue"), encoding="utf-8")
    other = tmp_path / "other"
    assert run("build", str(edited), "-o", str(other), "--only", "pptx").returncode == 0
    shutil.copy(other / "harbour-expansion.pptx", tmp_path / "harbour-expansion.pptx")
    result = run("verify", str(source), "-o", str(tmp_path))
    assert result.returncode == 1
    assert "harbour-expansion.pptx: demand headline is missing" in result.stderr


@pytest.mark.parametrize("command", ["build", "check", "verify"])
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "SOURCE" in result.stdout


def test_check_never_loads_the_rendering_engines() -> None:
    # -- `check` is the fast path an editor or a pre-commit hook calls on every save; it
    #    fits the deck (as build would) but never typesets the PDF --
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
