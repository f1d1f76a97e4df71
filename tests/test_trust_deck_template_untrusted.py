"""A deck template is an untrusted file: its size is bounded before it is opened; its
thumbnail, printer settings, macros, sample slides and links to anything outside it never
reach the deck; and each way it can be malformed is a named error, never a traceback."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation

from _support_deck import corporate_templates
from _support_trust import VALID, previous_outputs, run_cli, snapshot
from corp_template import make_template

Edit = Callable[[dict[str, bytes]], None]
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MASTER = "ppt/slideMasters/slideMaster1.xml"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"  # "Corp Text"


def _template(tmp_path: Path, edit: Edit) -> Path:
    """The corporate test template, with ``edit`` applied to its parts (name -> bytes)."""
    path = make_template(tmp_path / "corp.pptx")
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    edit(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _sub(parts: dict[str, bytes], name: str, pattern: str, replacement: str) -> None:
    text, count = re.subn(pattern, replacement, parts[name].decode("utf-8"), count=1)
    assert count == 1, f"{pattern} not in {name}"
    parts[name] = text.encode("utf-8")


def _add_rel(parts: dict[str, bytes], rels: str, rel: str) -> None:
    _sub(parts, rels, "</Relationships>", rel + "</Relationships>")


def _build(tmp_path: Path, template: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    templates = corporate_templates(tmp_path / "theme")
    args = ["build", str(VALID), "-o", str(out), "--only", "pptx", "--deck-template", str(template)]
    args += ["--templates", str(templates)]
    run = run_cli(args, capsys)
    assert "Traceback" not in run.err
    if run.status != 0:
        assert snapshot(out) == before
    return run.status, run.err


def huge_thumbnail(parts: dict[str, bytes]) -> None:
    parts["docProps/thumbnail.jpeg"] = bytes(30 * 1024**2)  # -- packs into 30 KB --


def no_slide_size(parts: dict[str, bytes]) -> None:
    _sub(parts, "ppt/presentation.xml", r"<p:sldSz [^>]*/>", "")


def zero_width(parts: dict[str, bytes]) -> None:
    _sub(parts, "ppt/presentation.xml", r'<p:sldSz cx="\d+"', '<p:sldSz cx="0"')


def absurd_size(parts: dict[str, bytes]) -> None:
    _sub(parts, "ppt/presentation.xml", r'cy="\d+"', 'cy="99999999999"')


def missing_layout(parts: dict[str, bytes]) -> None:
    del parts[LAYOUT]


def bad_index(parts: dict[str, bytes]) -> None:
    _sub(parts, LAYOUT, r'<p:ph type="body"|<p:ph idx="1"', '<p:ph idx="abc"')


def bad_type(parts: dict[str, bytes]) -> None:
    _sub(parts, LAYOUT, r'<p:ph type="title"/>', '<p:ph type="bogus"/>')


def no_positions(parts: dict[str, bytes]) -> None:
    for name in (MASTER, LAYOUT):
        text = parts[name].decode()
        # -- the title placeholder's own position, on the layout and on the master --
        text = re.sub(
            r'(<p:ph type="title"/>.*?<p:spPr>)<a:xfrm>.*?</a:xfrm>',
            r"\1",
            text,
            count=1,
            flags=re.S,
        )
        parts[name] = text.encode()


MALFORMED = {
    "huge thumbnail": (huge_thumbnail, "its part docProps/thumbnail.jpeg unpacks to 31,457,280"),
    "no slide size": (no_slide_size, "the template has no slide size (p:sldSz)"),
    "zero width": (zero_width, "its slide width is 0 in; a slide is 1 to 56 in"),
    "absurd height": (absurd_size, "its slide height is 1.09e+05 in; a slide is 1 to 56 in"),
    "missing layout part": (missing_layout, f"names {LAYOUT}, which is not in the file"),
    "placeholder idx not a number": (bad_index, "a value PowerPoint's format does not allow"),
    "placeholder of no known type": (bad_type, "a value PowerPoint's format does not allow"),
    "placeholder without position": (no_positions, "has no position or size"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_template_is_a_named_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    edit, message = MALFORMED[case]
    template = _template(tmp_path, edit)
    status, err = _build(tmp_path, template, capsys)
    assert status == 1
    assert err.startswith(f"{template}: ")
    assert message in err
    assert "hint: " in err


def carried_extras(parts: dict[str, bytes]) -> None:
    # -- macros, a linked (external) picture on the master, a layout link to the sample slide --
    parts["ppt/vbaProject.bin"] = b"macro code"
    _add_rel(
        parts,
        "ppt/_rels/presentation.xml.rels",
        '<Relationship Id="rId90" Type="http://schemas.microsoft.com/office/2006/relationships/'
        'vbaProject" Target="vbaProject.bin"/>',
    )
    _sub(
        parts,
        "[Content_Types].xml",
        r"application/vnd\.openxmlformats-officedocument\.presentationml\.presentation\.main\+xml",
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    )
    _add_rel(
        parts,
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        f'<Relationship Id="rId90" Type="{R}/image" Target="http://127.0.0.1:9/logo.png" '
        'TargetMode="External"/>',
    )
    picture = (
        '<p:pic><p:nvPicPr><p:cNvPr id="901" name="Logo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip xmlns:r="{R}" r:link="rId90"/><a:stretch><a:fillRect/></a:stretch>'
        '</p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="457200"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )
    _sub(parts, MASTER, r"</p:spTree>", picture + "</p:spTree>")
    _add_rel(
        parts,
        "ppt/slideLayouts/_rels/slideLayout2.xml.rels",
        f'<Relationship Id="rId90" Type="{R}/slide" Target="../slides/slide1.xml"/>',
    )
    _sub(
        parts,
        LAYOUT,
        r"<p:cNvPr (id=\"\d+\" name=\"[^\"]*\")/>",
        rf'<p:cNvPr \1><a:hlinkClick xmlns:r="{R}" r:id="rId90" action="ppaction://hlinksldjump"/>'
        "</p:cNvPr>",
    )


def test_nothing_but_layouts_and_masters_is_carried_into_the_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = _template(tmp_path, carried_extras)
    status, err = _build(tmp_path, template, capsys)
    assert status == 0, err
    deck = tmp_path / "out" / f"{VALID.stem}.pptx"
    with zipfile.ZipFile(deck) as archive:
        names = archive.namelist()
        xml = {n: archive.read(n).decode("utf-8", "replace") for n in names if n.endswith("ls")}
        types = archive.read("[Content_Types].xml").decode()
        rels = "".join(archive.read(n).decode() for n in names if n.endswith(".rels"))
        master = archive.read(MASTER).decode()
    assert not [n for n in names if "thumbnail" in n or "printerSettings" in n or "vba" in n]
    assert "macroEnabled" not in types and "vbaProject" not in types
    assert "presentationml.presentation.main+xml" in types
    assert 'TargetMode="External"' not in rels and "127.0.0.1" not in rels
    assert "r:link" not in master
    # -- the sample slide is not in the zip: every slide part is one the deck shows --
    slides = [n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    assert len(slides) == len(set(slides)) == len(Presentation(str(deck)).slides)
    assert "SAMPLE SLIDE" not in "".join(xml.values())
    assert len(names) == len(set(names))
