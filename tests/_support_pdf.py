"""Build a content file into a temporary folder and read the PDF back as a reader would."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pypdf

from briefing.build import build, check
from briefing.content.model import Briefing
from briefing.project import find_project

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MUSE_SPARK = ROOT / "content" / "muse-spark.yaml"
LONG_TABLE = FIXTURES / "briefing_with_long_table.yaml"


@dataclass(frozen=True)
class Built:
    briefing: Briefing
    html: str
    pdf: pypdf.PdfReader

    @cached_property
    def pages(self) -> list[str]:
        return [page.extract_text() for page in self.pdf.pages]

    def page_of(self, text: str, *, start: int = 0) -> int:
        """The 1-based number of the first page from ``start`` whose text has ``text``."""
        for index, page in enumerate(self.pages[start:], start=start):
            if text in one_line(page):
                return index + 1
        raise AssertionError(f"{text!r} is on no page")

    def plain(self, markdown: str) -> str:
        """Inline Markdown as the PDF shows it: citations numbered, emphasis gone, quotes curly."""
        numbers = self.numbers()

        def cite(match: re.Match[str]) -> str:
            ids = re.findall(r"@([A-Za-z0-9_-]+)", match.group(0))
            return "[" + ", ".join(str(numbers[i]) for i in ids) + "]"

        text = re.sub(r"\[@[^\]]+\]", cite, markdown).replace("**", "")
        return straight(one_line(text))

    def numbers(self) -> dict[str, int]:
        """Each source's number, as the web page's Sources list gives it."""
        found = re.findall(
            r'<li id="source-([^"]+)"><span class="source-number">\[(\d+)\]', self.html
        )
        assert len(found) == len(self.briefing.sources)
        return {ref: int(n) for ref, n in found}

    def outline(self) -> list[tuple[str, int]]:
        """Top-level bookmarks: (title, 1-based page)."""
        items = [item for item in self.pdf.outline if not isinstance(item, list)]
        return [(item.title, self.pdf.get_destination_page_number(item) + 1) for item in items]

    def links(self, page: int) -> list[str]:
        """Internal link targets (named destinations) on a 1-based page, in order, once each."""
        targets: list[str] = []
        for annot in self.pdf.pages[page - 1].get("/Annots", []):
            dest = annot.get_object().get("/Dest")
            if isinstance(dest, str) and dest not in targets:
                targets.append(dest)
        return targets

    def destination_page(self, name: str) -> int:
        return self.pdf.get_destination_page_number(self.pdf.named_destinations[name]) + 1


def build_briefing(source: Path, out_dir: Path) -> Built:
    built = build(source, project=find_project(ROOT), out_dir=out_dir, formats=("html", "pdf"))
    return Built(
        briefing=check(source),
        html=built.files["html"].read_text(encoding="utf-8"),
        pdf=pypdf.PdfReader(built.files["pdf"]),
    )


def one_line(text: str) -> str:
    """Text with line breaks and hyphenation undone, so a wrapped title still matches."""
    return re.sub(r"\s+", " ", re.sub(r"-\n", "", text))


def straight(text: str) -> str:
    """Curly quotes made straight, for comparing content with extracted text."""
    return text.translate({0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"'})
