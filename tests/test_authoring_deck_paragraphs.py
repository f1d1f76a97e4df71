"""A plain <p> in a user's deck template is shown on its slide, or refused by name.

The slide writer renders every element it parses: a plain paragraph becomes the
slide's body text (set without bullets); where a slide has no place for it (beside
a list, on a cover) the build stops naming the template and the slide.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from readback import slides
from support import ROOT, VALID, run_cli

DECK = (ROOT / "templates" / "deck.html.j2").read_text(encoding="utf-8")
CLOSING = '<section data-layout="closing">'


def _templates(tmp_path: Path, deck: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "deck.html.j2").write_text(deck, encoding="utf-8")
    return folder


def test_a_plain_paragraph_on_its_own_slide_is_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = (
        '<section data-layout="section"><h2>How we work</h2>'
        "<p>Plain words from <strong>our</strong> template.</p><p>A second paragraph.</p>"
        "</section>\n"
    )
    folder = _templates(tmp_path, DECK.replace(CLOSING, extra + CLOSING))
    out = tmp_path / "out"
    run = run_cli(
        ["build", str(VALID), "-o", str(out), "--only", "pptx", "--templates", str(folder)],
        capsys,
    )
    assert run.status == 0, run.err
    deck = slides(out / f"{VALID.stem}.pptx")
    ours = [s for s in deck if s["title"] == "How we work"]
    assert len(ours) == 1
    assert "Plain words from our template.\nA second paragraph." in ours[0]["texts"]


def test_a_plain_paragraph_beside_a_list_is_refused_naming_template_and_slide(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = '<section data-layout="summary">'
    folder = _templates(tmp_path, DECK.replace(summary, summary + "\n  <p>Our summary note.</p>"))
    out = tmp_path / "out"
    run = run_cli(
        ["build", str(VALID), "-o", str(out), "--only", "pptx", "--templates", str(folder)],
        capsys,
    )
    assert run.status == 1
    assert "Traceback" not in run.err
    assert run.err.startswith(
        "deck.html.j2: slide 2: a plain <p> has no place beside a list: its text would not be shown"
    )
    assert not (out / f"{VALID.stem}.pptx").exists()
