"""`briefing verify` proves a text whose citation sits inside a sentence (the outputs draw
"[1]" there) in an ask option, a next step, a section's view and table notes, and still
sees a word after the marker go missing."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from briefing.build import build, check
from briefing.project import find_project
from briefing.proof.verify import verify
from conftest import FIXTURES, ROOT

BOARD = FIXTURES / "briefing_board_ready.yaml"

# -- each edit puts a citation mid-sentence, words after it --
EDITS = {
    "detail: Largest gain, three-year build": ("detail: Largest gain [@costing], three-year build"),
    "  - action: Draft the tender documents in parallel": (
        "  - action: Draft the tender documents [@costing] in parallel"
    ),
    "Demand is not the question. The quay is the constraint,": (
        "Demand is not the question [@survey]. The quay is the constraint,"
    ),
    "Night shifts show a negative figure: they save staff costs elsewhere,": (
        "Night shifts show a negative figure [@costing]: they save staff costs elsewhere,"
    ),
}


@pytest.mark.slow  # -- builds whole briefings: the full tier's --
def test_a_citation_inside_a_sentence_is_proved_in_every_output(tmp_path: Path) -> None:
    text = BOARD.read_text(encoding="utf-8")
    for old, new in EDITS.items():
        assert old in text, old
        text = text.replace(old, new)
    source = tmp_path / "cited.yaml"
    source.write_text(text, encoding="utf-8")
    built = build(source, project=find_project(ROOT), out_dir=tmp_path / "out")
    files = {fmt: built.files[fmt] for fmt in ("html", "pdf", "pptx")}
    page = lxml.html.fromstring(files["html"].read_bytes())
    # -- the marker is drawn inside the sentence: that is what verify must see past --
    assert "Largest gain [2], three-year build" in page.text_content()
    report = verify(check(source), name="cited", files=files)
    assert report.ok, report.matrix()

    # -- a word after the marker gone from the page is still missing --
    for element in page.iter("li"):
        if element.text_content().startswith("Build a new pier"):
            element.drop_tree()
    broken = tmp_path / "broken.html"
    broken.write_bytes(lxml.html.tostring(page))
    report = verify(check(source), name="cited", files={**files, "html": broken})
    assert ("ask", "html") in report.missing
    assert {e.what for e in report.missing["ask", "html"]} == {"option 2"}
