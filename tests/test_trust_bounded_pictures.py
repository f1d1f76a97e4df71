"""Hostile pictures are refused at the figure's line, before anything is drawn.

Each case is a small file written next to a source and checked with ``check`` (validation
only, as ``briefing check`` does): SVGs whose drawing would take minutes or crash CairoSVG
(``<use>`` bombs and cycles, too many elements, too much text, sizes that are zero, huge,
negative or not numbers, a lone ``<tspan>``), CSS escapes that hide a reference, raster
decompression bombs, truncated and corrupt data. A photo with an EXIF orientation is turned
once, so the deck shows it the way the page does.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from briefing.content.images import ImageError, load_picture
from test_figures_bad_input import line_of, problems, write

FIGURE = "- image: p.svg\n  alt: A drawing.\n"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" {}>{}</svg>'
)


def refused(tmp_path: Path, body: bytes | str, name: str = "p.svg") -> str:
    """The one problem a figure made of ``body`` gets, checked to sit at the image's line."""
    source = write(tmp_path, FIGURE.replace("p.svg", name))
    data = body.encode() if isinstance(body, str) else body
    (source.parent / name).write_bytes(data)
    found = problems(source)
    assert len(found) == 1, found
    assert found[0].line == line_of(source, f"image: {name}")
    assert found[0].hint
    return found[0].message


def svg(attributes: str = 'width="40" height="20"', body: str = "<rect width='4'/>") -> str:
    return SVG.format(attributes, body)


def use_bomb(levels: int, fan: int) -> str:
    """Nine levels of ten <use> each: 10^9 drawn rectangles from a few KB."""
    parts = ['<defs><rect id="l0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use href="#l{level - 1}"/>' for _ in range(fan))
        parts.append(f'<g id="l{level}">{uses}</g>')
    parts.append(f'</defs><use href="#l{levels}"/>')
    return svg(body="".join(parts))


def test_a_use_bomb_is_refused(tmp_path: Path) -> None:
    assert "once its <use> copies are counted" in refused(tmp_path, use_bomb(9, 10))


def test_use_nested_too_deep_is_refused(tmp_path: Path) -> None:
    assert "deep" in refused(tmp_path, use_bomb(12, 1))


def test_a_use_cycle_is_refused(tmp_path: Path) -> None:
    body = '<g id="a"><rect width="1"/><use href="#b"/></g><g id="b"><use href="#a"/></g>'
    assert "inside itself" in refused(tmp_path, svg(body=body))


def test_a_pattern_that_paints_itself_is_refused(tmp_path: Path) -> None:
    body = (
        '<defs><pattern id="p" width="4" height="4" patternUnits="userSpaceOnUse">'
        '<rect width="4" height="4" fill="url(#p)"/></pattern></defs>'
        '<rect width="40" height="20" fill="url(#p)"/>'
    )
    assert "inside itself" in refused(tmp_path, svg(body=body))


def test_too_many_elements_are_refused(tmp_path: Path) -> None:
    body = "<rect width='1' height='1'/>" * 15_000
    assert "15,001 elements" in refused(tmp_path, svg(body=body))


def test_too_much_text_is_refused(tmp_path: Path) -> None:
    body = "<text x='1' y='10'>" + "word " * 10_000 + "</text>"
    assert "characters of text" in refused(tmp_path, svg(body=body))


@pytest.mark.parametrize(
    ("attributes", "says"),
    [
        ('width="0.1" height="0.1"', "too small to show"),
        ('width="0" height="10"', "no size"),
        ('width="16000" height="16000"', "at most 25,000,000 pixels"),
        ('width="200000" height="10"', "16,000 on a side"),
        ('viewBox="0 0 12000 12000"', "at most 25,000,000 pixels"),
        ('viewBox="0 0 -40 20"', "positive width and height"),
        ('viewBox="0 0 nan 20"', "positive width and height"),
        ('viewBox="0 0 inf 20"', "positive width and height"),
        ('width="40" height="20" viewBox="0 0 40"', "not four numbers"),
    ],
)
def test_an_svg_size_that_cannot_be_drawn(tmp_path: Path, attributes: str, says: str) -> None:
    assert says in refused(tmp_path, svg(attributes))


def test_a_lone_tspan_is_refused(tmp_path: Path) -> None:
    assert "<tspan> outside any <text>" in refused(tmp_path, svg(body="<tspan/>"))


@pytest.mark.parametrize(
    "style",
    [
        "@\\69mport 'http://127.0.0.1:9/x.css';",
        "rect { fill: u\\72l(http://127.0.0.1:9/x.png) }",
    ],
)
def test_a_css_escape_in_a_style_is_refused(tmp_path: Path, style: str) -> None:
    assert "CSS escape" in refused(tmp_path, svg(body=f"<style>{style}</style>"))


def test_a_css_escape_in_a_style_attribute_is_refused(tmp_path: Path) -> None:
    body = "<rect width='4' height='4' style='fill: u\\72l(http://127.0.0.1:9/x)'/>"
    assert "CSS escape" in refused(tmp_path, svg(body=body))


def test_a_good_svg_with_uses_passes(tmp_path: Path) -> None:
    source = write(tmp_path, FIGURE)
    (source.parent / "p.svg").write_text(use_bomb(2, 10))
    from briefing.build import check

    check(source)


def png(size: tuple[int, int], mode: str = "1") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG", optimize=True)
    return out.getvalue()


def png_bomb(width: int, height: int) -> bytes:
    """A black 1-bit PNG of ``width`` x ``height`` written row by row with zlib: a file of
    about 100 kB that inflates to ``height`` rows, made without the picture in memory (PIL
    would hold a byte a pixel: 900 MB at 30,000 x 30,000)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\0" * (1 + (width + 7) // 8)  # -- the filter byte "none", then the bits --
    deflate = zlib.compressobj(9)
    scan = b"".join(deflate.compress(row * 1000) for _ in range(height // 1000))
    scan += deflate.compress(row * (height % 1000)) + deflate.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # -- 1 bit, grey --
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", scan) + chunk(b"IEND", b"")
    )


def test_a_png_decompression_bomb_is_too_large_not_unknown(tmp_path: Path) -> None:
    bomb = png_bomb(30_000, 30_000)
    assert len(bomb) < 200_000
    message = refused(tmp_path, bomb, "p.png")
    assert "too large" in message
    assert "not a PNG" not in message


def test_a_png_just_past_the_limit_is_too_large(tmp_path: Path) -> None:
    assert "5001 x 5000 pixels" in refused(tmp_path, png((5001, 5000)), "p.png")


def test_a_truncated_png_is_refused(tmp_path: Path) -> None:
    out = io.BytesIO()
    Image.effect_noise((400, 300), 50).convert("RGB").save(out, "PNG")
    data = out.getvalue()
    assert "damaged or cut short" in refused(tmp_path, data[: len(data) // 2], "p.png")


def jpeg(size: tuple[int, int], *, orientation: int | None = None, flat: bool = False) -> bytes:
    """A JPEG of noise (a real scan to cut short), or of one colour: only its header is wanted,
    and noise at 25 megapixels takes seconds to make."""
    out = io.BytesIO()
    if flat:
        image = Image.new("RGB", size, (120, 130, 140))
    else:
        image = Image.effect_noise(size, 60).convert("RGB")
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_a_tiny_jpeg_claiming_a_huge_picture_is_refused(tmp_path: Path) -> None:
    data = jpeg((4990, 5000), flat=True)[:631]
    assert len(data) == 631
    assert "damaged or cut short" in refused(tmp_path, data, "p.jpg")


def test_a_corrupt_jpeg_is_refused(tmp_path: Path) -> None:
    data = bytearray(jpeg((300, 200)))
    # -- the scan cut off part-way, the end marker gone: what a failed copy leaves --
    del data[len(data) * 2 // 5 :]
    assert "damaged or cut short" in refused(tmp_path, bytes(data), "p.jpg")


def test_an_exif_orientation_is_applied_once(tmp_path: Path) -> None:
    (tmp_path / "p.jpg").write_bytes(jpeg((300, 100), orientation=6))
    picture = load_picture(tmp_path / "p.jpg", root=tmp_path)
    # -- Orientation 6: the camera was turned; upright, the picture is tall --
    assert (picture.width, picture.height) == (100, 300)
    with Image.open(io.BytesIO(picture.data)) as image:
        assert image.size == (100, 300)
        assert image.getexif().get(0x0112, 1) == 1


def test_a_small_svg_logo_is_refused_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(svg('width="0.1" height="0.1"'))
    with pytest.raises(ImageError, match="too small"):
        load_picture(tmp_path / "logo.svg", root=tmp_path)


def test_a_truncated_jpeg_is_refused_after_weasyprint_is_loaded(tmp_path: Path) -> None:
    from PIL import ImageFile

    lenient = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = True  # -- what importing WeasyPrint does --
    try:
        data = jpeg((300, 200))
        assert "damaged or cut short" in refused(tmp_path, data[: len(data) // 2], "p.jpg")
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
