"""On a corporate template the deck is drawn as if it were drawn there: no text on the
master's bands, and a project's theme that gives only the fields it changes."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from _support_deck import ROOT, build_deck
from corp_template import FOOT_BAND, make_template

MUSE = ROOT / "content" / "muse-spark.yaml"

# -- a project's theme that names only the corporate layouts: the rest is the default --
PARTIAL_THEME = """\
deck:
  layouts:
    title: Corp Cover
    content: Corp Text
    title_only: Corp Heading
"""


def test_a_four_line_theme_and_a_foot_band_give_a_deck_with_no_text_on_the_band(
    tmp_path: Path,
) -> None:
    template = make_template(tmp_path / "corp.pptx", foot_band=True)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "theme.yaml").write_text(PARTIAL_THEME, encoding="utf-8")
    pptx = build_deck(MUSE, tmp_path / "out", templates=templates, deck_template=template)
    band_top = FOOT_BAND[1]
    for number, slide in enumerate(Presentation(str(pptx)).slides, start=1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                bottom = shape.top + shape.height
                assert bottom <= band_top, f"slide {number}: {shape.name!r} on the foot band"
