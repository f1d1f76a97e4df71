"""An "our view" panel whose line nearly fills its width is given room for a second line,
so a viewer that wraps it (LibreOffice does) keeps the text inside the panel, above the
slide's source line."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

from briefing.build import build
from briefing.deck.measure import deck_measurer
from briefing.look.theme import load_theme
from briefing.project import find_project
from conftest import FIXTURES, ROOT

BOARD = FIXTURES / "briefing_board_ready.yaml"
VIEW = """    view: |
      Demand is not the question. The quay is the constraint, and every month
      of delay sends ships elsewhere.
"""


def _view_box(deck: Path) -> tuple[float, float, float, float, float]:
    """The first "Our view" text box: left, top, width, height (pt) and its font size."""
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if shape.name == "Our view":
                size = shape.text_frame.paragraphs[0].runs[0].font.size.pt
                box = (shape.left, shape.top, shape.width, shape.height)
                return (*(Emu(v).pt for v in box), size)
    raise AssertionError("no Our view box in the deck")


def _build(tmp_path: Path, view: str) -> Path:
    text = BOARD.read_text(encoding="utf-8")
    assert VIEW in text
    tmp_path.mkdir()
    source = tmp_path / "panel.yaml"
    source.write_text(text.replace(VIEW, f"    view: |\n      {view}\n"), encoding="utf-8")
    out = tmp_path / "out"
    return build(source, project=find_project(ROOT), out_dir=out, formats=("pptx",)).files["pptx"]


def test_a_view_line_that_nearly_fills_the_panel_gets_room_for_two(tmp_path: Path) -> None:
    # -- the panel's width and size, read off a deck with a short view --
    _, _, width, _, size = _view_box(_build(tmp_path / "short", "Demand is not the question."))
    fonts = load_theme(ROOT / "templates" / "theme.yaml").fonts.deck_metrics
    measure = deck_measurer(tuple(fonts))
    room = width - 2 * 7.2  # the text box's insets
    # -- words while they fit with half an em to spare, then dots into that last half em --
    words, view = ["the", "quay", "is", "full", "and", "ships", "go", "elsewhere"], "Demand"
    while True:
        longer = view + " " + words[len(view.split()) % len(words)]
        if measure.width(longer, False) * size >= room - size / 2:
            break
        view = longer
    while measure.width(view, False) * size < room - size / 2:
        view += "."
    assert room - size / 2 <= measure.width(view, False) * size <= room, view

    deck = _build(tmp_path / "full", view)
    _, top, _, height, size = _view_box(deck)
    assert height >= 2 * 1.2 * size, f"{height:.1f} pt holds one line of {size:g} pt"
    source = next(
        s for slide in Presentation(str(deck)).slides for s in slide.shapes if s.name == "Source"
    )
    assert top + height <= source.top.pt + 0.5
