"""Where the fonts are: the document's (PyPI font packages) and the deck's measuring font.

The PDF is set in Source Serif Pro (reading text) and Source Sans Pro (headings, tables,
running heads): a serif and a sans drawn as a pair by Adobe, open (SIL OFL), with true
italics and semibold, tabular and old-style figures, and full Latin coverage. They come as
TTF files in the PyPI packages ``font-source-serif-pro`` and ``font-source-sans-pro``, so a
fresh machine gets them with ``make setup`` and no system font is needed. The families named
here are the ones ``templates/theme.yaml`` names as ``fonts.body`` and ``fonts.heading``.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from briefing.errors import BriefingError, Fault, Problem

# -- (package, file stem, weight, style): the faces the stylesheet uses, no more,
#    since every face embedded costs subsetting time and bytes --
_FACES = [
    ("font_source_serif_pro", "SourceSerifPro-Regular", 400, "normal", "Source Serif Pro"),
    ("font_source_serif_pro", "SourceSerifPro-It", 400, "italic", "Source Serif Pro"),
    ("font_source_serif_pro", "SourceSerifPro-Semibold", 600, "normal", "Source Serif Pro"),
    ("font_source_serif_pro", "SourceSerifPro-Bold", 700, "normal", "Source Serif Pro"),
    ("font_source_sans_pro", "SourceSansPro-Regular", 400, "normal", "Source Sans Pro"),
    ("font_source_sans_pro", "SourceSansPro-It", 400, "italic", "Source Sans Pro"),
    ("font_source_sans_pro", "SourceSansPro-Semibold", 600, "normal", "Source Sans Pro"),
    ("font_source_sans_pro", "SourceSansPro-Bold", 700, "normal", "Source Sans Pro"),
]
# -- the web page embeds the same faces (briefing.document.webfonts) --
FACES = _FACES

# -- where Debian and others put fonts; searched for the deck's measuring font --
FONT_DIRS = [
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
]
# -- DejaVu Sans is wider than Calibri: measuring with it errs on the safe side --
FALLBACK_METRICS = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]


def package_font_dirs() -> list[Path]:
    """The folders of the bundled document fonts (the PDF may read them, nothing else)."""
    dirs = []
    for package in sorted({face[0] for face in _FACES}):
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            raise _missing(f"font package {package!r} is not installed", package)
        dirs.append(Path(spec.origin).parent / "files")
    return dirs


@functools.cache
def document_font_faces() -> str:
    """@font-face rules for the document fonts, pointing at the installed TTF files."""
    dirs = {d.parent.name: d for d in package_font_dirs()}
    rules = []
    for package, stem, weight, style, family in _FACES:
        path = dirs[package] / f"{stem}.ttf"
        if not os.access(path, os.R_OK) or not path.is_file():
            raise _missing(f"font file {path} is missing or unreadable", package)
        rules.append(
            f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


def face_files(family: str) -> list[Path]:
    """The bundled TTF files of ``family`` (such as the theme's heading font), or none."""
    dirs = {d.parent.name: d for d in package_font_dirs()}
    return [
        dirs[package] / f"{stem}.ttf"
        for package, stem, _, _, name in _FACES
        if name == family and (dirs[package] / f"{stem}.ttf").is_file()
    ]


def _missing(message: str, package: str) -> BriefingError:
    # -- raised where the fonts are looked up, so every path to them (the PDF, the
    #    folders the PDF may read) fails with the same words, never a traceback --
    distribution = package.replace("_", "-")
    return BriefingError(
        Problem.in_file(
            "fonts",
            message,
            hint=f"run `make setup` to install the font packages (or `pip install {distribution}`)",
            fault=Fault.TOOL,
        )
    )


@functools.cache
def find_font(filename: str) -> Path | None:
    """The first installed font file called exactly ``filename``, or None.

    A name, never a pattern or a path: ``*`` or ``../`` in it finds nothing."""
    if not filename or "/" in filename or "\\" in filename or filename in {".", ".."}:
        return None
    for folder in FONT_DIRS:
        if folder.is_dir():
            for root, dirs, files in sorted(os.walk(folder)):
                dirs.sort()
                if filename in files:
                    return Path(root) / filename
    return None


# -- families a theme may name that a system package installs (Debian names) --
_FAMILY_PACKAGES = {
    "Carlito": "fonts-crosextra-carlito",
    "Caladea": "fonts-crosextra-caladea",
    "DejaVu Sans": "fonts-dejavu-core",
    "DejaVu Serif": "fonts-dejavu-core",
    "Liberation Sans": "fonts-liberation2",
    "Liberation Serif": "fonts-liberation2",
    "Noto Sans": "fonts-noto-core",
    "Noto Serif": "fonts-noto-core",
    "Open Sans": "fonts-open-sans",
    "Roboto": "fonts-roboto",
    "Lato": "fonts-lato",
    "IBM Plex Sans": "fonts-ibm-plex",
    "Inter": "fonts-inter",
}


@functools.cache
def _system_families() -> frozenset[str]:
    """The font families fontconfig knows (what WeasyPrint can use), or none if it is absent."""
    try:
        listed = subprocess.run(
            ["fc-list", "--format", "%{family}\n"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(name.strip() for line in listed.splitlines() for name in line.split(","))


def family_notes(theme_file: Path, families: Iterable[str]) -> tuple[str, ...]:
    """A note for each document font family of the theme (read from ``theme_file``) that is
    neither bundled nor installed: WeasyPrint would fall back to another font without a
    word."""
    bundled = {face[4] for face in _FACES}
    notes = []
    for family in dict.fromkeys(families):
        if family in bundled or family in _system_families():
            continue
        package = _FAMILY_PACKAGES.get(family)
        how = (
            f"install it with `apt-get install {package}`"
            if package
            else "install it on this machine (a system font folder), or name a bundled family"
        )
        notes.append(
            f"{theme_file}: the font {family!r} is not installed; the PDF and the page fall "
            f"back to another font ({how})"
        )
    return tuple(notes)
