"""Make a small corporate PowerPoint template, in code, to prove the deck uses a user's layouts.

It differs from the built-in look on purpose: a smaller 16:9 slide (10 x 5.625 in), layouts
named the company's way, placeholders in other places, a brand band on the master and a
sample slide that must not end up in the deck. Run it to write one:
``python tests/corp_template.py corp.pptx``.
"""

from __future__ import annotations

import copy
import io
import sys
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Inches

# -- the default template's layout name -> the company's, and where its placeholders go --
LAYOUTS = {
    "Title Slide": "Corp Cover",
    "Title and Content": "Corp Text",
    "Title Only": "Corp Heading",
}
TITLE_BOX = (Inches(0.5), Inches(0.55), Inches(9.0), Inches(0.95))
BODY_BOX = (Inches(0.5), Inches(1.65), Inches(9.0), Inches(3.3))
COVER_TITLE = (Inches(0.5), Inches(1.4), Inches(9.0), Inches(1.6))
COVER_SUBTITLE = (Inches(0.5), Inches(3.1), Inches(9.0), Inches(1.2))
BRAND = RGBColor(0x00, 0x7A, 0x5E)
FOOT_BAND = (0, Inches(5.275), Inches(10), Inches(0.35))  # -- left, top, width, height --
LOGO_BOX = (Inches(8.3), Inches(0.3), Inches(1.4), Inches(0.45))


# -- a theme colour scheme in the brand's greens: what a real corporate template carries --
GREEN_SCHEME = {
    "dk1": "0B2A22",
    "lt1": "FFFFFF",
    "dk2": "00523F",
    "lt2": "E6F2EE",
    "accent1": "007A5E",
    "accent2": "5AA469",
    "accent3": "A3C9A8",
    "accent4": "2E6B4F",
    "accent5": "7FB77E",
    "accent6": "C8E6C9",
}


def make_template(
    path: Path,
    *,
    without_layout: str = "",
    without_body: bool = False,
    scheme: dict[str, str] | None = None,
    foot_band: bool = False,
    logo: bool = False,
    font: str = "",
) -> Path:
    """Write the template to ``path``; optionally broken, to test the errors; ``scheme``
    replaces the colours of its theme (slot name -> RRGGBB); ``foot_band`` draws a brand
    band across the foot of the master (the layouts' footer, date and slide-number
    placeholders then sit above it), ``logo`` a logo at the master's top right, and
    ``font`` names the theme's heading and body typeface (e.g. Arial)."""
    prs = Presentation()
    if scheme:
        _recolour_theme(prs, scheme)
    prs.slide_width, prs.slide_height = Inches(10), Inches(5.625)
    for layout in list(prs.slide_layouts):
        name = LAYOUTS.get(layout.name)
        if name is None or name == without_layout:
            prs.slide_layouts.remove(layout)
            continue
        layout._element.cSld.set("name", name)
        for ph in list(layout.placeholders):
            kind = int(ph.placeholder_format.type)
            if kind in {1, 3}:  # title, centre title
                box = COVER_TITLE if name == "Corp Cover" else TITLE_BOX
                if logo and name != "Corp Cover":  # -- below the logo at the top right --
                    box = (box[0], Inches(0.8), box[2], box[3])
            elif kind in {2, 4, 7}:  # body, subtitle, object
                if without_body and name == "Corp Text":
                    ph._element.getparent().remove(ph._element)
                    continue
                box = COVER_SUBTITLE if name == "Corp Cover" else BODY_BOX
                if logo and name != "Corp Cover":
                    box = (box[0], Inches(1.85), box[2], box[3])
                if foot_band and name != "Corp Cover":  # -- the footer's strip below it --
                    box = (box[0], box[1], box[2], FOOT_BAND[1] - Inches(0.4) - box[1])
            else:  # date, footer, slide number: out of the way, at the foot
                top = FOOT_BAND[1] - Inches(0.34) if foot_band else Inches(5.2)
                box = (ph.left, top, ph.width, Inches(0.3))
            ph.left, ph.top, ph.width, ph.height = box
    sample = prs.slides.add_slide(prs.slide_layouts[0])
    sample.shapes.title.text = "SAMPLE SLIDE: delete me"
    # -- python-pptx draws shapes on slides only: draw the brand band there, move it to the master
    band = sample.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(10), Inches(0.2))
    band.fill.solid()
    band.fill.fore_color.rgb = BRAND
    band.line.fill.background()
    band._element.nvSpPr.cNvPr.set("id", "900")
    prs.slide_master.shapes._spTree.append(copy.deepcopy(band._element))
    if foot_band:
        band.top, band.height = FOOT_BAND[1], FOOT_BAND[3]
        band._element.nvSpPr.cNvPr.set("id", "901")
        prs.slide_master.shapes._spTree.append(copy.deepcopy(band._element))
    if logo:
        # -- a picture on the master: drawn on a slide, its image part related to the master --
        picture = sample.shapes.add_picture(_logo_png(), *LOGO_BOX)
        image_part = picture.part.related_part(picture._element.blip_rId)
        rid = prs.slide_master.part.relate_to(image_part, RT.IMAGE)
        element = copy.deepcopy(picture._element)
        element.blipFill.blip.set(qn("r:embed"), rid)
        element.nvPicPr.cNvPr.set("id", "902")
        prs.slide_master.shapes._spTree.append(element)
    if font:
        _retype_theme(prs, font)
    prs.save(str(path))
    return path


def _logo_png() -> io.BytesIO:
    """A small brand-green logo picture, made in code."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (280, 90), (0x00, 0x7A, 0x5E)).save(out, format="PNG")
    out.seek(0)
    return out


def _retype_theme(prs: object, typeface: str) -> None:
    """Name ``typeface`` as the theme's heading and body font."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    part = prs.slide_master.part.part_related_by(RT.THEME)  # type: ignore[attr-defined]
    root = etree.fromstring(part.blob)
    for kind in ("majorFont", "minorFont"):
        latin = root.find(f".//{{{a}}}fontScheme/{{{a}}}{kind}/{{{a}}}latin")
        if latin is not None:
            latin.set("typeface", typeface)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _recolour_theme(prs: object, scheme: dict[str, str]) -> None:
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    part = prs.slide_master.part.part_related_by(RT.THEME)  # type: ignore[attr-defined]
    root = etree.fromstring(part.blob)
    for slot in root.find(f".//{{{a}}}clrScheme"):
        name = etree.QName(slot).localname
        if name in scheme:
            for child in list(slot):
                slot.remove(child)
            etree.SubElement(slot, f"{{{a}}}srgbClr").set("val", scheme[name])
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


if __name__ == "__main__":
    print(make_template(Path(sys.argv[1] if len(sys.argv) > 1 else "corp.pptx")))
