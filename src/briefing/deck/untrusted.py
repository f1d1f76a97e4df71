"""Treat a corporate deck template as an untrusted file: look before opening, strip after.

``.pptx path -> checked package``, then ``presentation -> presentation without extras``.
Before python-pptx reads it, the zip is checked: a bounded number of parts, each and all of
them of bounded unpacked size (a small file can unpack to gigabytes), and every part a
relationship names present. Once open, what a template carries but a deck must not is
removed: its thumbnail, printer settings and macros, every relationship to something
outside the file (a linked picture would be fetched by the viewer), and links from layouts
or masters to its sample slides. The deck is then saved as a plain presentation, whatever
the template's own type (macro-enabled, template, show).
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any

from briefing.deck.oxml import NotXml, relationships, unreference
from briefing.deck.units import Emu, Inches
from briefing.errors import BriefingError, Fault, Problem

MAX_PARTS = 2_000
MAX_PART_BYTES = 25 * 1024**2  # unpacked; the largest master picture is a few megabytes
MAX_TOTAL_BYTES = 100 * 1024**2
# -- a slide from 1 inch to PowerPoint's own maximum of 56 inches, in EMU --
MIN_SIDE, MAX_SIDE = Inches(1), Inches(56)

_DROPPED_TYPES = (
    "/metadata/thumbnail",
    "/printerSettings",
    "/vbaProject",
    "/vbaProjectSignature",
    "/wordVbaData",
)
_SLIDE_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
_PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def template_problem(path: Path, message: str, hint: str) -> BriefingError:
    """A problem with the deck template as a whole."""
    return BriefingError(Problem.in_file(str(path), message, hint=hint, fault=Fault.TEMPLATE))


def check_package(path: Path) -> None:
    """Raise :class:`BriefingError` unless ``path`` is a zip of bounded size whose
    relationships all name parts it has."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                raise template_problem(
                    path,
                    f"the template has {len(infos):,} parts; the limit is {MAX_PARTS:,}",
                    "a deck template has a few dozen: is this the right file?",
                )
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > MAX_PART_BYTES:
                    raise template_problem(
                        path,
                        f"its part {info.filename} unpacks to {info.file_size:,} bytes; "
                        f"the limit is {MAX_PART_BYTES:,}",
                        "save the template again with smaller pictures (and no thumbnail)",
                    )
            if total > MAX_TOTAL_BYTES:
                raise template_problem(
                    path,
                    f"the template unpacks to {total:,} bytes; the limit is {MAX_TOTAL_BYTES:,}",
                    "save the template again with smaller pictures",
                )
            _check_targets(path, archive)
    except zipfile.BadZipFile as err:
        raise template_problem(
            path, f"not a PowerPoint file: {err}", "pass a .pptx (or .potx saved as .pptx)"
        ) from None


def _check_targets(path: Path, archive: zipfile.ZipFile) -> None:
    names = set(archive.namelist())
    for rels in sorted(n for n in names if n.endswith(".rels")):
        folder = posixpath.dirname(posixpath.dirname(rels))  # -- a/_rels/b.xml.rels -> a --
        try:
            found = relationships(archive.read(rels))
        except NotXml as err:
            raise template_problem(
                path, f"its part {rels} is not well-formed XML: {err}", "repair the template"
            ) from None
        for rel in found:
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            if any(rel.get("Type", "").endswith(t) for t in _DROPPED_TYPES):
                continue  # -- never carried over: its absence is harmless --
            resolved = posixpath.normpath(
                target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            )
            if resolved not in names:
                raise template_problem(
                    path,
                    f"its part {rels} names {resolved}, which is not in the file",
                    "open and save the template in PowerPoint to repair it",
                )


def strip(prs: Any) -> None:
    """Remove from an opened template what must never reach a deck (see the module doc)."""
    package = prs.part.package
    for rId, rel in list(package._rels.items()):
        if any(rel.reltype.endswith(t) for t in _DROPPED_TYPES):
            package._rels.pop(rId)
    for part in list(package.iter_parts()):
        for rId, rel in list(part.rels.items()):
            dropped = any(rel.reltype.endswith(t) for t in _DROPPED_TYPES)
            outside = rel.is_external
            sample = rel.reltype == _SLIDE_TYPE and part is not prs.part
            if dropped or outside or sample:
                unreference(part, rId)
                part.rels.pop(rId)
    # -- saved as a presentation: not a template, a show, or a macro-enabled file --
    prs.part._content_type = _PRESENTATION
    prs.part.__dict__["content_type"] = _PRESENTATION  # -- python-pptx caches it on first read --


def check_slide_size(path: Path, prs: Any) -> tuple[int, int]:
    """The slide's width and height in EMU, or a :class:`BriefingError` when the template
    has none or one no viewer can show."""
    try:
        width, height = prs.slide_width, prs.slide_height
    except (ValueError, TypeError) as err:
        raise template_problem(
            path, f"its slide size cannot be read: {err}", "set the slide size in PowerPoint"
        ) from None
    if width is None or height is None:
        raise template_problem(
            path,
            "the template has no slide size (p:sldSz)",
            "open it in PowerPoint, set Design > Slide Size, and save it again",
        )
    for side, value in (("width", int(width)), ("height", int(height))):
        if not MIN_SIDE <= value <= MAX_SIDE:
            raise template_problem(
                path,
                f"its slide {side} is {Emu(value).inches:.3g} in; a slide is 1 to 56 in",
                "set the slide size in PowerPoint (Design > Slide Size)",
            )
    return int(width), int(height)
