"""One identity with the PDF and with a corporate template: the deck's colours come from the
same tokens as the PDF's cover, or from the corporate template's own theme."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from _support_deck import FIXTURES, build_deck, corporate_templates
from briefing.look.theme import load_theme
from corp_template import GREEN_SCHEME, make_template
from support import ROOT, Builds

THEME = load_theme(ROOT / "templates" / "theme.yaml")
BOARD = FIXTURES / "briefing_board_ready.yaml"


def _colours(pptx: Path) -> list[set[str]]:
    """The explicit colours on each slide, as RRGGBB."""
    found = []
    with zipfile.ZipFile(pptx) as package:
        names = sorted(
            (n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
            key=lambda n: int(re.findall(r"\d+", n)[0]),
        )
        for name in names:
            xml = package.read(name).decode("utf-8")
            found.append({c.upper() for c in re.findall(r'srgbClr val="([0-9A-Fa-f]{6})"', xml)})
    return found


@pytest.fixture(scope="module")
def green(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("green")
    template = make_template(folder / "corp.pptx", scheme=GREEN_SCHEME)
    return build_deck(BOARD, folder, templates=corporate_templates(folder), deck_template=template)


def test_a_green_corporate_template_leaves_no_default_accent_on_any_slide(green: Path) -> None:
    defaults = {THEME.colors.accent.lstrip("#").upper(), THEME.colors.accent_soft.lstrip("#")}
    for number, colours in enumerate(_colours(green), start=1):
        assert not colours & {d.upper() for d in defaults}, f"slide {number}"
    everything = set().union(*_colours(green))
    assert GREEN_SCHEME["accent1"] in everything  # -- the template's accent, used
    assert GREEN_SCHEME["dk1"] in everything  # -- and its text colour


def test_the_template_font_is_used_when_its_metrics_are_known(green: Path) -> None:
    fonts = {
        run.font.name
        for slide in Presentation(str(green)).slides
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for run in p.runs
    }
    assert fonts == {"Calibri"}  # -- the template's minor font, measured with Carlito


def test_theme_yaml_overrides_the_template_s_accent(tmp_path: Path) -> None:
    templates = corporate_templates(tmp_path)
    theme = templates / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(text.replace('accent: "#0B5CAD"', 'accent: "#AA3300"'), encoding="utf-8")
    template = make_template(tmp_path / "corp.pptx", scheme=GREEN_SCHEME)
    pptx = build_deck(BOARD, tmp_path, templates=templates, deck_template=template)
    everything = set().union(*_colours(pptx))
    assert "AA3300" in everything
    assert GREEN_SCHEME["accent1"] not in everything


def test_the_cover_takes_the_pdf_cover_s_tokens_and_a_legible_label(builds: Builds) -> None:
    pptx = builds.of(BOARD).pptx
    cover = Presentation(str(pptx)).slides[0]
    fills = [str(s.fill.fore_color.rgb) for s in cover.shapes if s.name.startswith("Rectangle")]
    ink = THEME.colors.ink.lstrip("#").upper()
    assert fills and fills[0] == ink, "the cover's panel is the PDF cover's ink"
    assert THEME.colors.accent.lstrip("#").upper() in _colours(pptx)[0]
    label = next(s for s in cover.shapes if s.name == "Classification")
    assert label.text_frame.text == "CONFIDENTIAL"
    assert str(label.fill.fore_color.rgb) == THEME.colors.classification.lstrip("#").upper()
    run = label.text_frame.paragraphs[0].runs[0]
    assert run.font.bold and run.font.size.pt >= 12
    assert str(run.font.color.rgb) == THEME.colors.paper.lstrip("#").upper()
