"""Helpers for the deck tests: build a deck, measure it back, and look at it through LibreOffice.

The measuring here reads only the written .pptx (sizes, boxes, insets, indents, spacing as
saved), not the fitter's numbers, so it checks the writer and the fitter together.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from PIL import ImageFont
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from briefing.build import build
from briefing.project import find_project
from support import FIXTURES, INSTALL_SYSTEM, ROOT


def build_deck(
    source: Path, out: Path, *, templates: Path | None = None, deck_template: Path | None = None
) -> Path:
    """Build only the deck of ``source`` into ``out``; the path of the .pptx."""
    project = find_project(ROOT, templates=templates)
    built = build(
        source, project=project, out_dir=out, formats=("pptx",), deck_template=deck_template
    )
    return built.files["pptx"]


def corporate_templates(folder: Path, *, template: str | None = None) -> Path:
    """A copy of templates/ whose theme maps the deck's layouts to the corporate names."""
    target = folder / "templates"
    shutil.copytree(ROOT / "templates", target)
    theme = target / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    text = text.replace("    title: Title Slide", "    title: Corp Cover")
    text = text.replace("    content: Title and Content", "    content: Corp Text")
    text = text.replace("    title_only: Title Only", "    title_only: Corp Heading")
    if template:
        text = text.replace("  # template: corp.pptx", f"  template: {template}")
    theme.write_text(text, encoding="utf-8")
    return target


def many_sources(folder: Path) -> Path:
    """A briefing listing 121 sources: a numbered list past 99 on the Sources slides."""
    text = (FIXTURES / "deck-bullet-taller-than-a-slide.yaml").read_text(encoding="utf-8")
    many = "".join(
        f"  - id: s{n}\n    title: Source number {n} with a title of a few words\n"
        for n in range(1, 121)
    )
    source = folder / "many-sources.yaml"
    source.write_text(text + many, encoding="utf-8")
    return source


# -- measuring the written deck back, independently of the production measurer
#    (briefing.deck.measure): the font files are found by fontconfig, set with PIL at the
#    run's own size, and lines wrapped here, so a measuring bug cannot hide itself --


def _pt(emu: int | None) -> float:
    return Emu(emu or 0).pt


@functools.cache
def _font_file(pattern: str) -> str:
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, check=True
    ).stdout
    if "Carlito" in pattern and "Carlito" not in found:
        pytest.fail(f"the Carlito font is not installed; install it with: {INSTALL_SYSTEM}")
    return found


@functools.cache
def _font(bold: bool, size: float, char: str = "") -> ImageFont.FreeTypeFont:
    """Carlito (the deck names Calibri, its metric twin), or what fontconfig draws ``char``
    with when Carlito lacks it, at ``size`` pt (x100 for precision)."""
    pattern = f"sans:charset={ord(char):x}" if char else "Carlito"
    return ImageFont.truetype(_font_file(pattern + (":bold" if bold else "")), round(size * 100))


@functools.cache
def _has(bold: bool, char: str) -> bool:
    return _font(bold, 10).getmask(char).getbbox() is not None or char.isspace()


def _width(text: str, bold: bool, size: float) -> float:
    """Width in points of ``text`` in one style; a character Carlito lacks in its own font."""
    total, run = 0.0, ""
    for char in text:
        if _has(bold, char):
            run += char
        else:
            total += _font(bold, size, char).getlength(char) / 100
    return total + _font(bold, size).getlength(run) / 100


def _lines(chars: list[tuple[str, bool, float]], width: float) -> int:
    """Lines a paragraph of styled characters takes when wrapped greedily at spaces, a word
    longer than a line broken where it reaches the edge."""
    words: list[list[tuple[str, bool, float]]] = [[]]
    for item in chars:
        if item[0] == " ":
            words.append([])
        else:
            words[-1].append(item)

    def measure(word: list[tuple[str, bool, float]]) -> float:
        total, i = 0.0, 0
        while i < len(word):
            j = i
            while j < len(word) and word[j][1:] == word[i][1:]:
                j += 1
            total += _width("".join(c for c, _, _ in word[i:j]), word[i][1], word[i][2])
            i = j
        return total

    size = max((s for _, _, s in chars), default=18.0)
    space = _width(" ", False, size)
    pieces: list[list[tuple[str, bool, float]]] = []
    for word in (w for w in words if w):
        if measure(word) <= width:
            pieces.append(word)
            continue
        pieces.append([])  # -- too long for a line: broken where it reaches the edge --
        for item in word:
            if pieces[-1] and measure([*pieces[-1], item]) > width:
                pieces.append([])
            pieces[-1].append(item)
    lines, used = 1, 0.0
    for piece in pieces:
        w = measure(piece)
        if used and used + space + w > width:
            lines, used = lines + 1, w
        else:
            used += (space if used else 0.0) + w
    return lines


def _paragraph_height(p: object, width: float) -> float:
    """Height of one paragraph as written: its runs at their sizes, its indent and spacing."""
    element = p._p  # type: ignore[attr-defined]
    ppr = element.find(qn("a:pPr"))
    indent = _pt(int(ppr.get("marL", "0"))) if ppr is not None else 0.0
    chars = []
    for run in element:  # -- text runs and fields (a slide number) alike --
        if run.tag not in {qn("a:r"), qn("a:fld")}:
            continue
        rpr = run.find(qn("a:rPr"))
        size = int(rpr.get("sz", "1800")) / 100 if rpr is not None else 18.0
        bold = rpr is not None and rpr.get("b") in {"1", "true"}
        text = "".join(t.text or "" for t in run.iter(qn("a:t")))
        chars += [(c, bold, size) for c in text]
    size = max((s for _, _, s in chars), default=18.0)
    # -- PowerPoint's single spacing is 1.2 em; LibreOffice's the font's own line height --
    line = max(1.2 * size, _font(False, size).font.height / 100)
    if any(not _has(b, c) for c, b, _ in chars):
        fallback = next(_font(b, size, c) for c, b, _ in chars if not _has(b, c))
        line = max(line, fallback.font.height / 100)
    before = p.space_before.pt if p.space_before is not None else 0.0  # type: ignore[attr-defined]
    return _lines(chars, width - indent) * line + before


def overflows(pptx: Path) -> list[str]:
    """Every text box and table cell whose text is taller than its box, by our measurement."""
    found = []
    for number, slide in enumerate(Presentation(str(pptx)).slides, start=1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                f = shape.text_frame
                width = _pt(shape.width - f.margin_left - f.margin_right)
                room = _pt(shape.height - f.margin_top - f.margin_bottom)
                need = sum(_paragraph_height(p, width) for p in f.paragraphs)
                if need > room + 0.01:
                    found.append(f"slide {number} {shape.name}: {need:.1f} pt > {room:.1f} pt")
            if shape.has_table:
                table = shape.table
                for r, row in enumerate(table.rows):
                    for k, cell in enumerate(row.cells):
                        width = _pt(table.columns[k].width - cell.margin_left - cell.margin_right)
                        room = _pt(row.height - cell.margin_top - cell.margin_bottom)
                        need = sum(_paragraph_height(p, width) for p in cell.text_frame.paragraphs)
                        if need > room + 0.01:
                            found.append(
                                f"slide {number} table cell {r},{k}: {need:.1f} > {room:.1f}"
                            )
    return found


@dataclass(frozen=True)
class Rect:
    name: str
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Rect) -> bool:
        return (
            min(self.right, other.right) - max(self.left, other.left) > 0.5
            and min(self.bottom, other.bottom) - max(self.top, other.top) > 0.5
        )


def text_boxes(slide: object) -> list[Rect]:
    """The boxes on a slide that hold text (text frames with text, tables at their full height)."""
    boxes = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        height = shape.height
        if shape.has_table:
            height = sum(row.height for row in shape.table.rows)
        elif not (shape.has_text_frame and shape.text_frame.text.strip()) and not _has_field(shape):
            continue
        left, top = _pt(shape.left), _pt(shape.top)
        boxes.append(Rect(shape.name, left, top, left + _pt(shape.width), top + _pt(height)))
    return boxes


def _has_field(shape: object) -> bool:
    return shape._element.find(".//" + qn("a:fld")) is not None  # type: ignore[attr-defined]


def layout_problems(pptx: Path) -> list[str]:
    """Text boxes that overlap each other or reach past the slide's edges."""
    prs = Presentation(str(pptx))
    width, height = _pt(prs.slide_width), _pt(prs.slide_height)
    found = []
    for number, slide in enumerate(prs.slides, start=1):
        boxes = text_boxes(slide)
        for i, a in enumerate(boxes):
            if a.left < 0 or a.top < 0 or a.right > width + 0.01 or a.bottom > height + 0.01:
                found.append(f"slide {number}: {a.name} reaches past the slide")
            found += [
                f"slide {number}: {a.name} overlaps {b.name}"
                for b in boxes[i + 1 :]
                if a.overlaps(b)
            ]
    return found


def run_sizes(pptx: Path) -> list[tuple[int, str, float]]:
    """(slide number, shape name, size) of every run of text on the slides."""
    sizes = []
    for number, slide in enumerate(Presentation(str(pptx)).slides, start=1):
        for shape in slide.shapes:
            frames = []
            if shape.has_text_frame:
                frames.append(shape.text_frame)
            if shape.has_table:
                frames += [c.text_frame for row in shape.table.rows for c in row.cells]
            for frame in frames:
                for p in frame.paragraphs:
                    sizes += [(number, shape.name, r.font.size.pt) for r in p.runs if r.font.size]
    return sizes


# -- a real client: LibreOffice --


@dataclass(frozen=True)
class Word:
    text: str
    line: int  # which line of the page it is on, as pdftotext groups them
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def viewer_available() -> bool:
    return bool(shutil.which("soffice") and shutil.which("pdftotext"))


def through_libreoffice(pptx: Path, out: Path) -> list[Page]:
    """Convert the deck to PDF with LibreOffice, then read each page's word boxes (poppler)."""
    return drawn_by_libreoffice({pptx.stem: pptx}, out)[pptx.stem]


def drawn_by_libreoffice(decks: dict[str, Path], out: Path) -> dict[str, list[Page]]:
    """Every deck, named, converted to PDF by one LibreOffice run (its start-up is most of
    the cost of one deck), then each PDF's pages read as word boxes (poppler)."""
    out.mkdir(parents=True, exist_ok=True)
    named = []
    for name, pptx in decks.items():  # -- one name each: the PDFs are named for the files --
        copy = out / f"{name}.pptx"
        if copy != pptx:
            shutil.copyfile(pptx, copy)
        named.append(str(copy))
    profile = out / "lo-profile"  # -- its own profile: tests may run beside a desktop session --
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *named,
        ],
        check=True,
        capture_output=True,
        timeout=60 + 60 * len(named),
    )
    return {name: word_boxes(out / f"{name}.pdf") for name in decks}


def word_boxes(pdf: Path) -> list[Page]:
    """Each page of ``pdf`` with its words' boxes, as poppler's ``pdftotext -bbox-layout``
    gives them."""
    boxes = pdf.with_suffix(".bbox.html")
    subprocess.run(["pdftotext", "-bbox-layout", str(pdf), str(boxes)], check=True, timeout=60)
    tree = etree.parse(str(boxes), etree.HTMLParser(encoding="utf-8"))
    pages = []
    for page in tree.iter("page"):
        words = []
        for line_no, line in enumerate(page.iter("line")):
            for w in line.iter("word"):
                words.append(
                    Word(
                        w.text or "",
                        line_no,
                        float(w.get("xmin")),
                        float(w.get("ymin")),
                        float(w.get("xmax")),
                        float(w.get("ymax")),
                    )
                )
        pages.append(Page(float(page.get("width")), float(page.get("height")), tuple(words)))
    return pages


def colliding_words(page: Page) -> list[tuple[Word, Word]]:
    """Words of different lines drawn on top of each other (boxes trimmed to their core)."""

    def core(w: Word) -> tuple[float, float, float, float]:
        trim = (w.y1 - w.y0) * 0.2  # -- word boxes include ascent and descent; lines may touch
        return w.x0, w.y0 + trim, w.x1, w.y1 - trim

    hits = []
    words = page.words
    for i, a in enumerate(words):
        ax0, ay0, ax1, ay1 = core(a)
        for b in words[i + 1 :]:
            if a.line == b.line:
                continue
            bx0, by0, bx1, by1 = core(b)
            if min(ax1, bx1) - max(ax0, bx0) > 0.5 and min(ay1, by1) - max(ay0, by0) > 0.5:
                hits.append((a, b))
    return hits


def squash(text: str) -> str:
    """Text compared as a reader sees it: no white space, no markup marks, no case."""
    text = re.sub(r"\[@[^\]]+\]", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = text.translate(
        str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")
    )  # -- typographic quotes
    return re.sub(r"[\s*_`]+", "", text).casefold()


def emu_inches(value: int) -> float:
    return float(Emu(value).inches)
