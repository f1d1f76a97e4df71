"""A section of our own analysis is marked as ours in every output; a deck whose decision
slide already gives every takeaway as a reason has no summary slide repeating it."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from pptx import Presentation

from readback import pdf_pages
from support import FIXTURES, run_cli

SOURCE = (FIXTURES / "valid_minimal.yaml").read_text(encoding="utf-8")


def _build(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    source = tmp_path / "ours.yaml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli(["build", str(source), "-o", str(out), "--verify"], capsys)
    assert done.status == 0, done.err
    return {fmt: out / f"ours.{fmt}" for fmt in ("html", "pdf", "pptx")}


def test_a_section_of_our_analysis_says_so_in_every_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SOURCE.replace("  - id: lab\n", "  - id: lab\n    analysis: true\n", 1)
    assert text != SOURCE
    files = _build(tmp_path, text, capsys)
    page = lxml.html.fromstring(files["html"].read_text(encoding="utf-8"))
    (number,) = page.xpath('//section[@id="lab"]/p[@class="chapter-number"]')
    assert number.text_content().endswith("Our analysis")
    # -- (the page sets the kicker in capitals) --
    assert any("our analysis" in p.lower() for p in pdf_pages(files["pdf"]))
    deck = Presentation(str(files["pptx"]))
    kickers = [
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame and shape.text_frame.text.endswith("Our analysis")
    ]
    assert kickers, "no slide of the section says it is our analysis"


@pytest.mark.slow  # -- builds whole briefings: the full tier's --
def test_a_plain_section_is_not_marked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _build(tmp_path, SOURCE, capsys)
    assert "Our analysis" not in files["html"].read_text(encoding="utf-8")
    assert not any("our analysis" in p.lower() for p in pdf_pages(files["pdf"]))


ASK = """ask:
  request: "Approve the plan at this meeting."
  recommendation: "**Approve.** It is cheap."
"""


@pytest.mark.parametrize("slide", [True, False])
def test_the_source_may_leave_the_summary_slide_out_and_speak_it_with_the_decision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], slide: bool
) -> None:
    head, rest = SOURCE.split("takeaways:\n", 1)
    given = ASK + ("" if slide else "summary_slide: false\n")
    files = _build(tmp_path, head + given + "takeaways:\n" + rest, capsys)
    deck = Presentation(str(files["pptx"]))
    titles = [s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title is not None]
    assert ("Executive summary" in titles) is slide
    decision = deck.slides[1]
    assert decision.shapes.title.text_frame.text == "Approve the plan at this meeting."
    spoken = " ".join(decision.notes_slide.notes_text_frame.text.split())
    # -- without its slide, the summary is spoken with the decision --
    assert (check_summary(SOURCE) in spoken) is not slide


def check_summary(text: str) -> str:
    import yaml

    # -- as spoken: its citations are on the slide's source line --
    summary = str(yaml.safe_load(text)["summary"]).replace(" [@src]", "")
    return " ".join(summary.split())
