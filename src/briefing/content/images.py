"""Read a picture the content names, safely: ``Path -> Picture`` or a clear refusal.

Content is untrusted, so a picture is read only through the confined fetcher
(:mod:`briefing.pdf.fetch`): a regular file inside the source's own folder, never
the network. Its format is told from its bytes (Pillow for PNG and JPEG, an XML
parse for SVG), never from its name. Size and pixel limits keep a hostile file
from eating memory. An SVG passes a strict allow-list (lxml): no scripts, no
event handlers, no foreign content, no reference outside the file; editor
metadata (other XML namespaces, ``<metadata>``) is left out, anything active is
refused with a message naming it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from briefing import inputs
from briefing.pdf.fetch import Refused, read_allowed

MAX_BYTES = 5_000_000  # a picture for a briefing; a larger file is a mistake or an attack
MAX_PIXELS = 25_000_000  # 5000 x 5000: well past print quality for a page-wide figure
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

# -- the SVG vocabulary of static drawings: shapes, text, paint servers, clipping --
SVG_ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "path", "rect", "circle",
    "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
    "style",
}  # fmt: skip
SVG_ATTRIBUTES = {
    "id", "class", "style", "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2",
    "cx", "cy", "r", "rx", "ry", "fx", "fy", "d", "points", "transform", "fill", "fill-opacity",
    "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit",
    "opacity", "color", "font-family", "font-size", "font-weight", "font-style",
    "text-anchor", "dominant-baseline", "letter-spacing", "dx", "dy", "rotate",
    "gradientUnits", "gradientTransform", "spreadMethod", "offset", "stop-color",
    "stop-opacity", "clip-path", "clip-rule", "clipPathUnits", "mask", "maskUnits",
    "patternUnits", "patternTransform", "preserveAspectRatio", "version", "visibility",
    "display", "href", "markerWidth", "markerHeight", "refX", "refY", "orient",
    "vector-effect", "shape-rendering", "text-rendering", "xml:space", "role",
    "aria-label", "aria-hidden", "focusable", "baseProfile", "paint-order",
}  # fmt: skip
# -- a url(...) or @import in a style may point anywhere; only url(#local) is allowed --
_EXTERNAL_IN_STYLE = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import|expression\(", re.IGNORECASE)


class ImageError(ValueError):
    """A picture that cannot be used, with a hint on how to mend it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Picture:
    """A picture's checked bytes and what outputs need to know of it."""

    data: bytes  # the file's bytes; for an SVG, the sanitised drawing
    mime: str  # image/png, image/jpeg or image/svg+xml
    width: int  # pixels (an SVG: its size in CSS pixels)
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def is_svg(self) -> bool:
        return self.mime == "image/svg+xml"


def load_picture(path: Path, *, root: Path) -> Picture:
    """The picture at ``path``, which must lie inside ``root``; raise :class:`ImageError`."""
    inputs.note(path)
    try:
        data = read_allowed(path.absolute().as_uri(), [root])
    except Refused as err:
        text = str(err)
        if "no such file" in text:
            raise ImageError("no such file", f"put the file under {root}") from None
        if "outside" in text:
            raise ImageError(
                "the file is outside the project's content folder",
                f"copy the picture into {root} and name it relative to the source file",
            ) from None
        raise ImageError(text, "name a regular PNG, JPEG or SVG file") from None
    inputs.note(path, data)
    if len(data) > MAX_BYTES:
        raise ImageError(
            f"the file is too large ({len(data):,} bytes; at most {MAX_BYTES:,})",
            "export it smaller: a page-wide figure needs about 2000 pixels across",
        )
    head = data[:512].lstrip()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) or b"<svg" in head:
        return _svg(data)
    return _raster(data)


def _raster(data: bytes) -> Picture:
    from PIL import Image

    try:
        # -- open reads the header only: the pixel count is checked before decoding --
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ImageError(
                    f"the picture is too large ({width} x {height} pixels; at most "
                    f"{MAX_PIXELS:,} pixels)",
                    "scale it down: a page-wide figure needs about 2000 pixels across",
                )
            image.verify()
    except ImageError:
        raise
    except Exception:
        raise ImageError(
            "the file is not a PNG, JPEG or SVG picture (read from its bytes, not its name)",
            "export the picture as PNG, JPEG or SVG",
        ) from None
    mime = {"PNG": "image/png", "JPEG": "image/jpeg"}.get(kind or "")
    if mime is None:
        raise ImageError(
            f"the file is a {kind} picture; PNG, JPEG or SVG are shown",
            "export the picture as PNG, JPEG or SVG",
        )
    return Picture(data, mime, width, height)


def _svg(data: bytes) -> Picture:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise ImageError(f"the SVG file is not well-formed XML: {err}", "export it again") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ImageError("the file is XML but not an SVG drawing", "export it as SVG")
    if root.getroottree().docinfo.internalDTD is not None:
        raise ImageError("the SVG file declares a DTD (entities)", "export it without a DOCTYPE")
    _clean(root)
    etree.cleanup_namespaces(root)  # -- the editor namespaces left with their attributes --
    width, height = _svg_size(root)
    out = etree.tostring(root, encoding="utf-8", xml_declaration=False)
    return Picture(out, "image/svg+xml", width, height)


def _clean(root: object) -> None:
    """Keep the static drawing; refuse what could run or fetch, drop editor metadata."""
    from lxml import etree

    for element in list(root.iter()):  # type: ignore[attr-defined]
        if not isinstance(element.tag, str):
            element.getparent().remove(element)  # a comment or processing instruction
            continue
        qname = etree.QName(element)
        if qname.namespace != SVG_NS or qname.localname == "metadata":
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        if qname.localname not in SVG_ELEMENTS:
            raise ImageError(
                f"the SVG file has a <{qname.localname}> element, which is not allowed",
                "pictures are static drawings: remove scripts, foreign objects, "
                "animations and embedded images",
            )
        if qname.localname == "style" and _EXTERNAL_IN_STYLE.search(element.text or ""):
            raise ImageError(
                "the SVG file's <style> refers to something outside the file",
                "remove the @import or url(...) that does not start with #",
            )
        for name, value in list(element.attrib.items()):
            attr = etree.QName(name)
            local = attr.localname
            if attr.namespace not in {None, XLINK_NS, "http://www.w3.org/XML/1998/namespace"}:
                del element.attrib[name]  # editor attributes (inkscape:, sodipodi:)
                continue
            if local.lower().startswith("on") or local not in SVG_ATTRIBUTES | {"space"}:
                raise ImageError(
                    f"the SVG file has a {local}= attribute on <{qname.localname}>, "
                    "which is not allowed",
                    "pictures are static drawings: remove event handlers and unknown attributes",
                )
            if local == "href" and not value.startswith("#"):
                raise ImageError(
                    f"the SVG file refers to {value[:80]!r}, outside the file",
                    "a picture may refer only to its own parts (#id)",
                )
            if _EXTERNAL_IN_STYLE.search(value) and local in {"style", "fill", "stroke",
                                                              "clip-path", "mask"}:  # fmt: skip
                raise ImageError(
                    f"the SVG file's {local}= on <{qname.localname}> refers outside the file",
                    "use url(#id) for the file's own gradients and clips",
                )


def _svg_size(root: object) -> tuple[int, int]:
    get = root.get  # type: ignore[attr-defined]
    box = (get("viewBox") or "").replace(",", " ").split()

    def number(text: str | None) -> float | None:
        match = re.match(r"^\s*([0-9.]+)\s*(px)?\s*$", text or "")
        return float(match.group(1)) if match else None

    width, height = number(get("width")), number(get("height"))
    if (width is None or height is None) and len(box) == 4:
        with contextlib.suppress(ValueError):
            width, height = float(box[2]), float(box[3])
    if not width or not height:
        raise ImageError(
            "the SVG file has no size (width and height, or a viewBox)",
            'give the <svg> a viewBox such as viewBox="0 0 400 300"',
        )
    return round(width), round(height)
