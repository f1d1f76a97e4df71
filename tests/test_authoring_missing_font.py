"""A missing or unreadable font package stops the build with a clear error, no traceback.

The fonts are really hidden: a package of the same name without its font files, first on
the import path, shadows the installed one; or the package lookup the build uses
(importlib's find_spec) answers "not installed", as it does after an uninstall.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from briefing.look import fonts
from support import ROOT, VALID, Run, previous_outputs, run_cli, snapshot


def test_a_font_package_without_its_files_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    shadow = tmp_path / "shadow" / "font_source_sans_pro"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("", encoding="utf-8")  # -- and no files/ folder --
    # -- first on the path, as PYTHONPATH would put it, and not imported yet --
    monkeypatch.syspath_prepend(str(tmp_path / "shadow"))
    monkeypatch.delitem(sys.modules, "font_source_sans_pro", raising=False)
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    run = _failed_pdf_build(out, capsys)
    first, hint = run.err.splitlines()[:2]
    face = shadow / "files" / "SourceSansPro-Regular.ttf"
    assert first == f"fonts: font file {face} is missing or unreadable"
    assert hint == (
        "    hint: run `make setup` to install the font packages "
        "(or `pip install font-source-sans-pro`)"
    )
    assert snapshot(out) == before


def test_an_uninstalled_font_package_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    real = importlib.util.find_spec

    def uninstalled(name: str, package: str | None = None) -> object:
        return None if name == "font_source_serif_pro" else real(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", uninstalled)
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    run = _failed_pdf_build(out, capsys)
    assert run.err.startswith("fonts: font package 'font_source_serif_pro' is not installed\n")
    assert "pip install font-source-serif-pro" in run.err
    assert snapshot(out) == before


def _failed_pdf_build(out: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """A PDF build with the fonts as the test left them (the cached @font-face rules let go
    before and after): it fails with exit 1 and no traceback."""
    fonts.document_font_faces.cache_clear()
    try:
        run = run_cli(["build", str(VALID), "-o", str(out), "--only", "pdf"], capsys)
    finally:
        fonts.document_font_faces.cache_clear()
    assert run.status == 1
    assert "Traceback" not in run.err
    return run


def test_a_theme_font_that_is_not_installed_is_said_and_the_build_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The theme names a family no package bundles and the machine lacks: WeasyPrint would
    fall back to another font without a word, so the build says so, naming the theme."""
    (tmp_path / "templates").mkdir()
    theme = tmp_path / "templates" / "theme.yaml"
    default = (ROOT / "templates" / "theme.yaml").read_text(encoding="utf-8")
    assert "  body: Source Serif Pro\n" in default
    theme.write_text(
        default.replace("  body: Source Serif Pro\n", "  body: Nowhere Serif\n"),
        encoding="utf-8",
    )
    (tmp_path / "content").mkdir()
    source = tmp_path / "content" / VALID.name
    source.write_bytes(VALID.read_bytes())
    monkeypatch.chdir(tmp_path)
    run = run_cli(["build", str(source), "-o", str(tmp_path / "out"), "--only", "html"], capsys)
    assert run.status == 0, run.err
    assert f"{theme}: the font 'Nowhere Serif' is not installed" in run.err
    assert "install it on this machine" in run.err
    assert (tmp_path / "out" / f"{VALID.stem}.html").is_file()
    # -- the deck does not use the document's fonts: nothing to say --
    run = run_cli(["build", str(source), "-o", str(tmp_path / "deck"), "--only", "pptx"], capsys)
    assert run.status == 0, run.err
    assert "Nowhere Serif" not in run.err
