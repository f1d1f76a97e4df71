"""Embed the PDF's fonts in the web page, as subset WOFF2.

``str (HTML) -> str (HTML with @font-face rules in data: URLs)``. The page then draws in
Source Serif and Source Sans on any machine, as the PDF does, and stays one file.

Subsetting a face with fontTools costs about a second, so the subsets are cached on disk
(``$XDG_CACHE_HOME/briefing/webfonts``, or ``BRIEFING_CACHE_DIR``), keyed by the face's
file, fontTools' version and the character set. The set is the page's characters added to
a fixed Latin set that covers English, German, French and Spanish with their punctuation,
so briefings in those languages share one subset per face and a build pays once per
machine. A cache that cannot be written only costs time.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
from pathlib import Path

from briefing.cache import read_from_user_cache, store_in_user_cache, user_cache
from briefing.look.fonts import FACES, package_font_dirs

__all__ = ["FACES", "charset", "embed", "font_faces", "subset"]

# -- printable ASCII, Latin-1, the Latin Extended-A letters of French, and the typography
#    the templates and smart quotes produce (dashes, quotes, ellipsis, bullet, true minus) --
_LATIN = (
    frozenset(range(0x20, 0x7F))
    | frozenset(range(0xA0, 0x100))
    | frozenset(
        {0x152, 0x153, 0x178, 0x160, 0x161, 0x17D, 0x17E, 0x2002, 0x2009, 0x200A, 0x2010, 0x2011}
        | {0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2020, 0x2021, 0x2022}
        | {0x2026, 0x2030, 0x2039, 0x203A, 0x20AC, 0x2122, 0x2192, 0x2212, 0x2217, 0x2248, 0x2260}
        | {0x2264, 0x2265}
    )
)
# -- the OpenType features the stylesheet asks for, besides fontTools' defaults --
_FEATURES = ["onum", "lnum", "tnum", "pnum", "case", "zero"]


def embed(html: str) -> str:
    """``html`` with the document fonts as @font-face rules, just before ``</head>``."""
    rules = font_faces(charset(html))
    return html.replace("</head>", f"<style>\n{rules}\n</style>\n</head>", 1)


def charset(html: str) -> frozenset[int]:
    """The characters the page may draw: its own, and the shared Latin set."""
    # -- the distinct characters first (a set of a page's text is C-fast): a page carries
    #    its charts inline, hundreds of kilobytes, of few distinct characters --
    return _LATIN | {ord(ch) for ch in set(html) if ch >= " "}


def font_faces(chars: frozenset[int]) -> str:
    """@font-face rules for every document face, subset to ``chars``."""
    dirs = {d.parent.name: d for d in package_font_dirs()}
    rules = []
    for package, stem, weight, style, family in FACES:
        data = subset(dirs[package] / f"{stem}.ttf", chars)
        url = "data:font/woff2;base64," + base64.b64encode(data).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{family}"; src: url("{url}") format("woff2"); '
            f"font-weight: {weight}; font-style: {style}; font-display: swap; }}"
        )
    return "\n".join(rules)


@functools.cache
def subset(path: Path, chars: frozenset[int]) -> bytes:
    """The face at ``path`` cut down to ``chars``, as WOFF2: from the cache when it can be."""
    import fontTools

    key = hashlib.sha256(
        f"{fontTools.version}\0{path.name}\0{path.stat().st_size}\0".encode()
        + ",".join(map(str, sorted(chars))).encode()
    ).hexdigest()[:32]
    cached = user_cache("webfonts") / f"{path.stem}-{key}.woff2"
    kept = read_from_user_cache(cached)
    if kept is not None:
        return kept
    data = _subset(path, chars)
    store_in_user_cache(cached, data)
    return data


def _subset(path: Path, chars: frozenset[int]) -> bytes:
    from fontTools import subset as ft_subset

    options = ft_subset.Options()
    options.flavor = "woff2"
    options.layout_features = [*options.layout_features, *_FEATURES]
    font = ft_subset.load_font(str(path), options)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(chars))
    subsetter.subset(font)
    out = io.BytesIO()
    ft_subset.save_font(font, out, options)
    font.close()
    return out.getvalue()
