"""A build with nothing to do answers from the build record alone: it reads no source and
loads no stage, and anything the record cannot vouch for sends it to the full build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from support import FIXTURES, run_cli

PROBE = """
import sys
from briefing.cli import main
status = main(sys.argv[1:])
stages = ("briefing.content.model", "pydantic", "jinja2", "yaml", "weasyprint", "pptx")
loaded = [m for m in stages if m in sys.modules]
print("LOADED", " ".join(loaded) or "-")
raise SystemExit(status)
"""


def _quick(source: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, "build", str(source), "-o", str(out), *extra],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_noop_build_loads_no_stage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "brief.yaml"
    source.write_text((FIXTURES / "valid_minimal.yaml").read_text(encoding="utf-8"), "utf-8")
    out = tmp_path / "out"
    assert run_cli(["build", str(source), "-o", str(out), "--only", "html"], capsys).status == 0
    done = _quick(source, out, "--only", "html")
    assert done.returncode == 0, done.stderr
    assert "up to date" in done.stdout
    assert "LOADED -" in done.stdout

    # -- one character changed: the record cannot vouch for it, the full build runs --
    source.write_text(source.read_text(encoding="utf-8").replace("A headline.", "A headline!"))
    done = _quick(source, out, "--only", "html")
    assert done.returncode == 0, done.stderr
    assert "up to date" not in done.stdout
    assert "pydantic" in done.stdout
    assert "A headline!" in (out / "brief.html").read_text(encoding="utf-8")


def test_a_record_naming_files_elsewhere_means_the_full_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "brief.yaml"
    source.write_text((FIXTURES / "valid_minimal.yaml").read_text(encoding="utf-8"), "utf-8")
    out = tmp_path / "out"
    assert run_cli(["build", str(source), "-o", str(out), "--only", "html"], capsys).status == 0
    record = out / ".briefing-cache.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    data["outputs"]["brief.html"]["inputs"] = ["/etc/hostname"]
    record.write_text(json.dumps(data), encoding="utf-8")
    done = _quick(source, out, "--only", "html")
    assert done.returncode == 0, done.stderr
    # -- a file outside the project is never read for a record's sake: the full check
    #    finds the page up to date all the same, having read the source --
    assert "up to date" in done.stdout
    assert "pydantic" in done.stdout


def test_a_noop_after_an_install_keeps_the_versions_it_read_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # -- an install (here: another fingerprint of the installed distributions) makes a
    #    build read the engines' versions again; with nothing to rebuild, it must still keep
    #    them, or every later no-op reads the package metadata again (about 0.1 s each) --
    from briefing import cache

    source = tmp_path / "brief.yaml"
    source.write_text((FIXTURES / "valid_minimal.yaml").read_text(encoding="utf-8"), "utf-8")
    out = tmp_path / "out"
    assert run_cli(["build", str(source), "-o", str(out), "--only", "html"], capsys).status == 0
    monkeypatch.setattr(cache, "_installed", lambda: "after-an-install")
    again = run_cli(["build", str(source), "-o", str(out), "--only", "html"], capsys)
    assert again.status == 0 and "up to date" in again.out
    record = json.loads((out / cache.MANIFEST).read_text(encoding="utf-8"))
    assert record["engines"]["installed"] == "after-an-install"
    assert record["engines"]["versions"]


def test_another_source_of_the_same_name_is_built_not_answered_by_the_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # -- two sources named brief.yaml in different folders, one output folder: the record
    #    left by the first names only unchanged inputs, yet it vouches for none of the
    #    second's outputs --
    text = (FIXTURES / "valid_minimal.yaml").read_text(encoding="utf-8")
    first = tmp_path / "brief.yaml"
    second = tmp_path / "content" / "brief.yaml"
    second.parent.mkdir()
    first.write_text(text.replace("A headline.", "The first source speaks."), "utf-8")
    second.write_text(text.replace("A headline.", "The second source speaks."), "utf-8")
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)  # -- the project: both sources are inside it --
    assert run_cli(["build", str(first), "-o", str(out), "--only", "pdf"], capsys).status == 0

    done = run_cli(["build", str(second), "-o", str(out), "--only", "pdf"], capsys)
    assert done.status == 0, done.err
    assert "up to date" not in done.out
    read = " ".join(page.extract_text() for page in pypdf.PdfReader(out / "brief.pdf").pages)
    assert "The second source speaks." in read
    assert "The first source speaks." not in read
