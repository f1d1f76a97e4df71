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
import functools
import hashlib
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import InputError
from briefing.pdf.fetch import Named, Unreadable, read_named

MAX_BYTES = 5_000_000  # a picture for a briefing; a larger file is a mistake or an attack
MAX_PIXELS = 25_000_000  # 5000 x 5000: well past print quality for a page-wide figure
DECK_MAX_PIXELS = 2 * MAX_PIXELS  # the deck draws an SVG at up to twice its size, within this
_PICTURE = Named(
    "picture",
    "PNG, JPEG or SVG",
    MAX_BYTES,
    shrink="export it smaller: a page-wide figure needs about 2000 pixels across",
)
# -- an SVG's work is its drawn elements, <use> copies counted, and its text: a figure or
#    logo exported from a drawing program has a few thousand; these are a thousand-fold
#    margin below what takes minutes to draw --
MAX_SVG_ELEMENTS = 3_000  # drawn elements, each <use> counting what it copies
MAX_SVG_SIDE = 16_000  # pixels; the deck draws at up to twice that, within Cairo's 32,767
MAX_USE_DEPTH = 8  # a <use> of a <use> of ... at most this deep
MAX_SVG_TEXT = 20_000  # characters of text in all
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


class ImageError(InputError):
    """A picture that cannot be used, with a hint on how to mend it."""


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
    try:
        data = read_named(path, root=root, kind=_PICTURE)
    except Unreadable as err:
        raise ImageError(err.message, err.hint) from None
    return _checked(data)


@functools.lru_cache(maxsize=16)
def _checked(data: bytes) -> Picture:
    """The picture ``data`` holds, checked: kept by its bytes, for a build reads a picture
    twice (the source's check, the outputs) and a rebuild again (each check of an SVG
    draws it). A refusal is not kept: it is found again."""
    head = data[:512].lstrip()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) or b"<svg" in head:
        return _svg(data)
    return _raster(data)


def _raster(data: bytes) -> Picture:
    import warnings

    from PIL import Image

    kind = ""
    try:
        with warnings.catch_warnings():
            # -- Pillow's own bomb warning: the limit below is ours, and stricter --
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            # -- open reads the header only: the pixel count is checked before decoding --
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format or ""
                width, height = image.size
                _check_pixels(width, height)
                image.verify()
            if kind not in {"PNG", "JPEG"}:
                raise ImageError(
                    f"the file is a {kind} picture; PNG, JPEG or SVG are shown",
                    "export the picture as PNG, JPEG or SVG",
                )
            # -- verify() reads the structure, not the pixels: decode them all now (at most
            #    MAX_PIXELS), so truncated or corrupt data is refused here, not in an output --
            from PIL import ImageFile

            # -- WeasyPrint sets Pillow's process-wide "load truncated images" on import;
            #    here a cut-short file must fail, so the setting is ours while loading --
            lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
            try:
                with Image.open(io.BytesIO(data)) as image:
                    image.load()
                    data, width, height = _upright(image, data, kind)
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    except ImageError:
        raise
    except Image.DecompressionBombError as err:
        found = re.search(r"\((\d+) pixels\)", str(err))
        count = f"{int(found.group(1)):,} pixels; " if found else ""
        raise ImageError(
            f"the picture is too large ({count}at most {MAX_PIXELS:,} pixels)",
            "scale it down: a page-wide figure needs about 2000 pixels across",
        ) from None
    except (OSError, SyntaxError, ValueError) as err:
        # -- told by its bytes: a file that starts as a PNG or JPEG and breaks is damaged --
        kind = kind or ("PNG" if data.startswith(b"\x89PNG") else "")
        kind = kind or ("JPEG" if data.startswith(b"\xff\xd8\xff") else "")
        if kind in {"PNG", "JPEG"}:
            raise ImageError(
                f"the {kind} file is damaged or cut short ({str(err)[:120]})",
                "export the picture again; a copy that stopped part-way cannot be shown",
            ) from None
        raise ImageError(
            "the file is not a PNG, JPEG or SVG picture (read from its bytes, not its name)",
            "export the picture as PNG, JPEG or SVG",
        ) from None
    except Exception:
        raise ImageError(
            "the file is not a PNG, JPEG or SVG picture (read from its bytes, not its name)",
            "export the picture as PNG, JPEG or SVG",
        ) from None
    mime = {"PNG": "image/png", "JPEG": "image/jpeg"}[kind]
    return Picture(data, mime, width, height)


def _check_pixels(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise ImageError(
            f"the picture is too large ({width} x {height} pixels; at most {MAX_PIXELS:,} pixels)",
            "scale it down: a page-wide figure needs about 2000 pixels across",
        )


def _upright(image: Any, data: bytes, kind: str) -> tuple[bytes, int, int]:
    """The picture turned as its EXIF orientation says, once, here: every output then shows
    the same upright pixels (browsers and WeasyPrint turn by the tag, PowerPoint does not)."""
    from PIL import ImageOps

    orientation = image.getexif().get(0x0112, 1)
    if orientation in {None, 1} or not 2 <= int(orientation) <= 8:
        return data, image.width, image.height
    turned = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    icc = image.info.get("icc_profile")
    extra = {"icc_profile": icc} if icc else {}
    if kind == "JPEG":
        # -- no EXIF written back: the turned pixels need no tag (and a photo's GPS goes) --
        turned.save(out, "JPEG", quality=95, **extra)
    else:
        turned.save(out, "PNG", **extra)
    return out.getvalue(), turned.width, turned.height


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
    _bounded(root)
    width, height = _svg_size(root)
    out = etree.tostring(root, encoding="utf-8", xml_declaration=False)
    picture = Picture(out, "image/svg+xml", width, height)
    _trial_draw(picture)
    return picture


_REFERENCE = re.compile(r"url\(\s*['\"]?\s*#([^)'\"\s]+)")


def _bounded(root: Any) -> None:
    """Refuse an SVG whose drawing would take long: too many elements once each ``<use>`` is
    expanded, ``<use>`` nested too deep, a reference cycle (a ``<use>`` or a pattern that
    draws itself), too much text, text pieces outside a ``<text>``."""
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    if len(elements) > MAX_SVG_ELEMENTS:
        raise ImageError(
            f"the SVG file has {len(elements):,} elements (at most {MAX_SVG_ELEMENTS:,})",
            "simplify the drawing, or export it as a PNG",
        )
    text = sum(len(e.text or "") + len(e.tail or "") for e in elements)
    if text > MAX_SVG_TEXT:
        raise ImageError(
            f"the SVG file has {text:,} characters of text (at most {MAX_SVG_TEXT:,})",
            "a figure's words belong in the briefing's text; shorten the drawing's",
        )
    by_id = {e.get("id"): e for e in elements if e.get("id")}
    for e in elements:
        local = e.tag.rpartition("}")[2]
        if local in {"tspan", "textPath"} and not any(
            a.tag.rpartition("}")[2] == "text" for a in e.iterancestors()
        ):
            raise ImageError(
                f"the SVG file has a <{local}> outside any <text>",
                f"put the <{local}> inside a <text> element, or remove it",
            )

    def references(e: Any) -> list[Any]:
        found = []
        href = e.get("href") or e.get(f"{{{XLINK_NS}}}href")
        if href and href.startswith("#"):
            found.append(href[1:])
        for name, value in e.attrib.items():
            if name not in {"href", f"{{{XLINK_NS}}}href"}:
                found += _REFERENCE.findall(value)
        return [by_id[i] for i in found if i in by_id]

    cost: dict[Any, tuple[int, int]] = {}  # element -> (drawn elements, <use> depth)
    visiting: set[Any] = set()

    def measure(e: Any) -> tuple[int, int]:
        if e in cost:
            return cost[e]
        if e in visiting:
            name = e.get("id") or e.tag.rpartition("}")[2]
            raise ImageError(
                f"the SVG file draws {name!r} inside itself (a <use> or pattern that refers "
                "back to what contains it)",
                "remove the reference that loops back",
            )
        visiting.add(e)
        count, depth = 1, 0
        for child in e:
            if isinstance(child.tag, str):
                c, d = measure(child)
                count, depth = count + c, max(depth, d)
        for target in references(e):
            c, d = measure(target)
            count, depth = count + c, max(depth, d + 1)
            if depth > MAX_USE_DEPTH or count > MAX_SVG_ELEMENTS:
                break
        visiting.discard(e)
        if depth > MAX_USE_DEPTH:
            raise ImageError(
                f"the SVG file nests <use> (or references) {depth} deep (at most {MAX_USE_DEPTH})",
                "flatten the drawing in its editor, or export it as a PNG",
            )
        if count > MAX_SVG_ELEMENTS:
            raise ImageError(
                f"the SVG file draws more than {MAX_SVG_ELEMENTS:,} elements once its <use> "
                "copies are counted",
                "simplify the drawing, or export it as a PNG",
            )
        cost[e] = (count, depth)
        return cost[e]

    measure(root)


def _trial_draw(picture: Picture) -> None:
    """Draw the (bounded) SVG once, small: a drawing CairoSVG cannot draw is refused now, at
    the figure's line, not as a crash in the deck."""
    import cairosvg

    try:
        scale = min(1.0, 64 / max(picture.width, picture.height))
        cairosvg.svg2png(
            bytestring=picture.data,
            output_width=max(1, round(picture.width * scale)),
            output_height=max(1, round(picture.height * scale)),
            unsafe=False,
        )
    except RecursionError:
        raise ImageError(
            "the SVG file refers to its own parts in a loop", "remove the reference that loops"
        ) from None
    except Exception as err:
        raise ImageError(
            f"the SVG file cannot be drawn ({type(err).__name__}: {str(err)[:120]})",
            "open it in a drawing program and export it again, or export it as a PNG",
        ) from None


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
        if qname.localname == "style" and "\\" in (element.text or ""):
            raise ImageError(
                "the SVG file's <style> has a CSS escape (a backslash), which can hide an "
                "@import or url(...)",
                "write the style without backslashes",
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
            if "\\" in value and local in {"style", "fill", "stroke", "clip-path", "mask"}:
                raise ImageError(
                    f"the SVG file's {local}= on <{qname.localname}> has a CSS escape (a "
                    "backslash), which can hide a url(...)",
                    "write the value without backslashes",
                )
            if _EXTERNAL_IN_STYLE.search(value) and local in {"style", "fill", "stroke",
                                                              "clip-path", "mask"}:  # fmt: skip
                raise ImageError(
                    f"the SVG file's {local}= on <{qname.localname}> refers outside the file",
                    "use url(#id) for the file's own gradients and clips",
                )


def _svg_size(root: object) -> tuple[int, int]:
    """The drawing's size in CSS pixels: finite, at least one pixel, at most MAX_PIXELS."""
    get = root.get  # type: ignore[attr-defined]
    box = (get("viewBox") or "").replace(",", " ").split()

    def number(text: str | None) -> float | None:
        match = re.match(r"^\s*([0-9.]+)\s*(px)?\s*$", text or "")
        if not match:
            return None
        with contextlib.suppress(ValueError):
            return float(match.group(1))
        return None

    if box:
        try:
            values = [float(v) for v in box]
        except ValueError:
            values = []
        if len(values) != 4 or not all(map(math.isfinite, values)) or min(values[2:]) <= 0:
            raise ImageError(
                f"the SVG file's viewBox {get('viewBox')[:60]!r} is not four numbers with a "
                "positive width and height",
                'give the <svg> a viewBox such as viewBox="0 0 400 300"',
            )
    width, height = number(get("width")), number(get("height"))
    if (width is None or height is None) and len(box) == 4:
        width, height = float(box[2]), float(box[3])
    if not width or not height or not math.isfinite(width) or not math.isfinite(height):
        raise ImageError(
            "the SVG file has no size (width and height, or a viewBox)",
            'give the <svg> a viewBox such as viewBox="0 0 400 300"',
        )
    if round(width) < 1 or round(height) < 1:
        raise ImageError(
            f"the SVG file is {width:g} x {height:g} pixels, too small to show",
            'give the <svg> its size in pixels, such as width="400" height="300"',
        )
    if max(width, height) > MAX_SVG_SIDE:
        raise ImageError(
            f"the SVG file is {width:g} x {height:g} pixels (at most {MAX_SVG_SIDE:,} on a side)",
            'give the <svg> its size in pixels, such as width="2000" height="1200"',
        )
    if round(width) * round(height) > MAX_PIXELS:
        raise ImageError(
            f"the SVG file is {width:g} x {height:g} pixels (at most {MAX_PIXELS:,} pixels in all)",
            'give the <svg> its size in pixels, such as width="2000" height="1200"',
        )
    return round(width), round(height)
