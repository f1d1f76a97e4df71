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


def test_a_plain_section_is_not_marked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _build(tmp_path, SOURCE, capsys)
    assert "Our analysis" not in files["html"].read_text(encoding="utf-8")
    assert not any("our analysis" in p.lower() for p in pdf_pages(files["pdf"]))


ASK = """ask:
  request: "Approve the plan at this meeting."
  recommendation: "**Approve.** It is cheap."
"""


@pytest.mark.parametrize("takeaways", [1, 4])
def test_the_summary_slide_is_left_out_when_the_decision_gives_every_takeaway(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], takeaways: int
) -> None:
    lines = "".join(f'  - "Takeaway number {n}."\n' for n in range(1, takeaways + 1))
    head, rest = SOURCE.split("takeaways:\n", 1)
    rest = rest[rest.index("sections:") :]
    files = _build(tmp_path, head + ASK + "takeaways:\n" + lines + rest, capsys)
    deck = Presentation(str(files["pptx"]))
    titles = [s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title is not None]
    # -- three reasons at most: a fourth takeaway still needs the summary slide --
    assert ("Executive summary" in titles) is (takeaways > 3)
    decision = deck.slides[1]
    assert decision.shapes.title.text_frame.text == "Approve the plan at this meeting."
    if takeaways <= 3:
        # -- the summary is spoken with the decision instead --
        summary = check_summary(SOURCE)
        assert summary in " ".join(decision.notes_slide.notes_text_frame.text.split())


def check_summary(text: str) -> str:
    import yaml

    # -- as spoken: its citations are on the slide's source line --
    summary = str(yaml.safe_load(text)["summary"]).replace(" [@src]", "")
    return " ".join(summary.split())
