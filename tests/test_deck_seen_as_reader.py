"""Decks seen as a reader sees them: LibreOffice draws each one, and the pictures and the
deck's XML show no text on the master's band or logo, one body size on every content slide,
and no bullet said on two slides. Needs LibreOffice and poppler (``make system``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from _support_deck import build_deck, through_libreoffice, viewer_available
from corp_template import BRAND, FOOT_BAND, LOGO_BOX, make_template
from support import INSTALL_SYSTEM, MUSE_SPARK, ROOT, Builds

pytestmark = pytest.mark.slow  # -- LibreOffice draws three decks --

EXAMPLE = ROOT / "examples" / "expansion"
# -- a project's theme of four lines: the corporate layouts, the rest the default's --
PARTIAL_THEME = """\
deck:
  layouts:
    title: Corp Cover
    content: Corp Text
    title_only: Corp Heading
"""


def body_sizes(path: Path) -> set[float]:
    """The sizes of the text of every list in a body placeholder, over the whole deck."""
    found = set()
    for slide in Presentation(str(path)).slides:
        for shape in slide.placeholders:
            if int(shape.placeholder_format.type) in {2, 7} and shape.has_text_frame:
                for p in shape.text_frame.paragraphs:
                    found |= {r.font.size.pt for r in p.runs if r.font.size and r.text.strip()}
    return found


def repeated_bullets(path: Path) -> list[str]:
    """The list items said on more than one slide."""
    said: list[str] = []
    for slide in Presentation(str(path)).slides:
        on_slide = set()
        for shape in slide.placeholders:
            if int(shape.placeholder_format.type) in {2, 7} and shape.has_text_frame:
                on_slide |= {
                    " ".join(p.text.split()) for p in shape.text_frame.paragraphs if p.text.strip()
                }
        said += sorted(on_slide)
    return sorted({b for b in said if said.count(b) > 1})


def _pixels(pdf: Path, out: Path) -> list[Image.Image]:
    """Each page of ``pdf`` as a picture, 50 pixels to the inch."""
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(out / "page")], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(out.glob("page-*.png"))]


def _foreign(picture: Image.Image, box: tuple[int, int, int, int], colour: tuple[int, ...]) -> int:
    """How many pixels inside ``box`` (EMU), an edge pixel in, are not ``colour``."""
    scale = picture.width / Emu(FOOT_BAND[2]).inches / 914400
    left, top, width, height = (round(v * scale) for v in box)
    region = picture.crop((left + 2, top + 2, left + width - 2, top + height - 2))
    return sum(
        1
        for x in range(region.width)
        for y in range(region.height)
        if max(abs(a - b) for a, b in zip(region.getpixel((x, y)), colour, strict=True)) > 40  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def corporate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The Muse Spark deck on a template with a foot band, a logo top right, Arial and
    footer and slide-number placeholders, from a four-line theme; and its PDF."""
    if not viewer_available():
        pytest.fail(f"LibreOffice or poppler is not installed; install them with: {INSTALL_SYSTEM}")
    folder = tmp_path_factory.mktemp("seen-corp")
    template = make_template(folder / "corp.pptx", foot_band=True, logo=True, font="Arial")
    templates = folder / "templates"
    templates.mkdir()
    (templates / "theme.yaml").write_text(PARTIAL_THEME, encoding="utf-8")
    pptx = build_deck(MUSE_SPARK, folder / "out", templates=templates, deck_template=template)
    through_libreoffice(pptx, folder / "pdf")
    return pptx, next((folder / "pdf").glob("*.pdf"))


def test_no_text_is_drawn_on_the_masters_band_or_logo(
    corporate: tuple[Path, Path], tmp_path: Path
) -> None:
    pptx, pdf = corporate
    brand = (BRAND[0], BRAND[1], BRAND[2])
    pictures = _pixels(pdf, tmp_path)
    assert len(pictures) == len(Presentation(str(pptx)).slides)
    for number, picture in enumerate(pictures, start=1):
        assert _foreign(picture, FOOT_BAND, brand) == 0, f"slide {number}: text on the band"
        assert _foreign(picture, LOGO_BOX, brand) == 0, f"slide {number}: text on the logo"


def test_the_layouts_footer_and_slide_number_placeholders_are_used(
    corporate: tuple[Path, Path],
) -> None:
    pptx, _ = corporate
    for number, slide in enumerate(Presentation(str(pptx)).slides, start=1):
        if number == 1:
            continue  # -- the cover carries its label on top, and no number --
        kinds = {int(ph.placeholder_format.type): ph for ph in slide.placeholders}
        assert 13 in kinds and kinds[13].text_frame.text == str(number)  # -- slide number --
        assert 15 in kinds and kinds[15].text_frame.text == "INTERNAL"  # -- footer --


@pytest.mark.parametrize("which", ["muse", "example", "corporate"])
def test_one_body_size_and_no_bullet_twice(
    which: str, corporate: tuple[Path, Path], builds: Builds
) -> None:
    # -- the Muse Spark and example decks: the session's builds, which other tests read too --
    if which == "corporate":
        pptx = corporate[0]
    elif which == "muse":
        pptx = builds.of(MUSE_SPARK).pptx
    else:
        from briefing.project import find_project

        pptx = builds.of(EXAMPLE / "content" / "expansion.yaml", project=find_project(EXAMPLE)).pptx
    assert len(body_sizes(pptx)) == 1, body_sizes(pptx)
    assert repeated_bullets(pptx) == []
