"""What every test module shares: the paths, one `Built` briefing, and the command line run
in this process or as a real process.

A `Built` builds each output of its source the first time a test asks for it, into a folder
of its own, and keeps it: the `builds` fixture in conftest.py hands out one `Built` per source
for the whole session, so each briefing is typeset once however many modules read it back.
Under xdist (`pytest -n 2`) the folder is shared by the workers and a build is made under a
file lock: the first worker to ask builds it, the other reads the same files, so each
briefing is built once per run, not once per worker.
New tests take `builds` (or `muse`, `harbour`, ...) and read the files back with readback.py.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pypdf
import pytest

from briefing.build import build, check
from briefing.cli import main
from briefing.content.model import Briefing
from briefing.project import Project, find_project
from readback import pdf_pages

# -- paths: the repository, its fixtures, and the briefings the tests build --
ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
BAD = FIXTURES / "bad"
HOSTILE = FIXTURES / "hostile"
MUSE_SPARK = ROOT / "content" / "muse-spark.yaml"
HARBOUR = FIXTURES / "harbour-expansion.yaml"
LONG_TABLE = FIXTURES / "briefing_with_long_table.yaml"
MINIMAL = FIXTURES / "briefing_minimal.yaml"
GERMAN = FIXTURES / "briefing_in_german.yaml"
VALID = FIXTURES / "valid_minimal.yaml"
DECK_LONG = FIXTURES / "deck-long-content.yaml"
DECK_CUT = FIXTURES / "deck-bullet-taller-than-a-slide.yaml"
DECK_WIDE = FIXTURES / "deck-wide-characters.yaml"  # -- Japanese and emoji: not in Carlito
FORMATS = ("html", "pdf", "pptx")
# -- what a test prints when a tool it needs is missing (it fails, never skips) --
INSTALL_SYSTEM = "sudo sh scripts/system-deps.sh"


CHART_HEAD = """\
title: {title}
date: 2026-11-26
author: Tests
language: {language}
summary: {title}.
takeaways: [One message.]
sections:
  - id: one
    title: One
    headline: The so-what.
    body: Some prose.
    points: [A point.]
    figures:
"""


def figures_source(folder: Path, figures: str, *, title: str, language: str = "en") -> Path:
    """``folder/content/x.yaml``: a briefing of one section whose figures are ``figures``
    (YAML list items, as written flush left), for the chart and picture tests."""
    content = folder / "content"
    content.mkdir(parents=True, exist_ok=True)
    source = content / "x.yaml"
    items = textwrap.indent(textwrap.dedent(figures), " " * 6)
    source.write_text(CHART_HEAD.format(title=title, language=language) + items, "utf-8")
    return source


class Built:
    """One source's outputs, each built on first use into ``out`` and then kept."""

    def __init__(
        self, source: Path, out: Path, *, project: Project | None = None, state: Path | None = None
    ) -> None:
        self.source = source
        self.out = out
        self._project = project
        self._state = state  # -- where the run's workers note what is built (`Builds`) --

    def _build(self, fmt: str) -> Path:
        project = self._project or find_project(ROOT)
        done = build(self.source, project=project, out_dir=self.out, formats=(fmt,))
        return done.files[fmt]

    def _file(self, fmt: str) -> Path:
        if self._state is None:
            return self._build(fmt)
        # -- one build of each output per run: another xdist worker may have made it already
        #    (its marker is written after the build's all-or-nothing write), or be making it --
        marker = self._state / f"{fmt}.done"
        with _locked(self._state):
            if not marker.is_file():
                marker.write_text(self._build(fmt).name, encoding="utf-8")
            return self.out / marker.read_text(encoding="utf-8")

    @cached_property
    def briefing(self) -> Briefing:
        return check(self.source)

    @cached_property
    def html(self) -> Path:
        return self._file("html")

    @cached_property
    def pdf(self) -> Path:
        return self._file("pdf")

    @cached_property
    def pptx(self) -> Path:
        return self._file("pptx")

    # -- the files read back --

    @cached_property
    def html_text(self) -> str:
        return self.html.read_text(encoding="utf-8")

    @cached_property
    def reader(self) -> pypdf.PdfReader:
        return pypdf.PdfReader(self.pdf)

    @cached_property
    def pages(self) -> list[str]:
        """The PDF's text, page by page, as pypdf extracts it: once a run, like the build
        (a second of pypdf for a long briefing, which both workers read)."""
        if self._state is None:
            return pdf_pages(self.pdf)
        kept = self._state / "pdf-pages.json"
        pdf = self.pdf  # -- built before the lock is taken: the build takes it too --
        with _locked(self._state):
            if not kept.is_file():
                part = self._state / "pdf-pages.json.part"
                part.write_text(json.dumps(pdf_pages(pdf)), encoding="utf-8")
                part.replace(kept)
            pages: list[str] = json.loads(kept.read_text(encoding="utf-8"))
        return pages

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
            r'<li id="source-([^"]+)"><span class="source-number">\[(\d+)\]', self.html_text
        )
        assert len(found) == len(self.briefing.sources)
        return {ref: int(n) for ref, n in found}

    def outline(self) -> list[tuple[str, int]]:
        """Top-level bookmarks: (title, 1-based page)."""
        items = [item for item in self.reader.outline if not isinstance(item, list)]
        return [(item.title, self.reader.get_destination_page_number(item) + 1) for item in items]

    def links(self, page: int) -> list[str]:
        """Internal link targets (named destinations) on a 1-based page, in order, once each."""
        targets: list[str] = []
        for annot in self.reader.pages[page - 1].get("/Annots", []):
            dest = annot.get_object().get("/Dest")
            if isinstance(dest, str) and dest not in targets:
                targets.append(dest)
        return targets

    def destination_page(self, name: str) -> int:
        return self.reader.get_destination_page_number(self.reader.named_destinations[name]) + 1


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """``folder``'s lock held: one process at a time builds into it."""
    with (folder / "lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class Builds:
    """One `Built` per source for the whole test session (the `builds` fixture), its folder
    shared by the session's xdist workers."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self._factory = factory
        self._built: dict[str, Built] = {}
        self._repository = find_project(ROOT)
        base = factory.getbasetemp()
        # -- under xdist each worker's base is a folder of the run's: the run's is shared,
        #    named for this run (a --basetemp given twice is not another run's builds) --
        run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
        self._shared = base.parent / f"builds-{run}" if run else base / "builds"
        self._shared.mkdir(exist_ok=True)

    def _folder(self, name: str, key: str) -> Path:
        """The run's folder for ``key`` (the same in every worker), made if need be."""
        digest = hashlib.sha256(key.encode()).hexdigest()[:12]
        folder = self._shared / f"{name}-{digest}"
        folder.mkdir(exist_ok=True)
        return folder

    def of(self, source: Path, *, project: Project | None = None) -> Built:
        # -- one build per source and project (the same source under another theme is
        #    another briefing); no project is the repository's, as `Built` builds it --
        key = f"{source.resolve()}|{(project or self._repository).template_dirs}"
        if key not in self._built:
            folder = self._folder(source.stem, key)
            self._built[key] = Built(source, folder / "out", project=project, state=folder)
        return self._built[key]

    def with_contents(self, source: Path) -> Built:
        """``source`` built with a contents page of its own whatever its length: the default
        theme with ``contents: always`` and ``contents_headlines: true`` (by default a short
        briefing has none, and a compact one shares its page), for the tests that read it."""
        key = f"{source.resolve()}#contents"
        if key not in self._built:
            folder = self._folder(f"{source.stem}-contents", f"{source.resolve()}#contents")
            (folder / "templates").mkdir(exist_ok=True)
            theme = (ROOT / "templates" / "theme.yaml").read_text(encoding="utf-8")
            assert "\ncontents: auto\n" in theme
            # -- written once, whole (another worker may be building with it) --
            with _locked(folder):
                if not (folder / "templates" / "theme.yaml").is_file():
                    written = folder / "theme.yaml.part"
                    written.write_text(
                        theme.replace("\ncontents: auto\n", "\ncontents: always\n").replace(
                            "\ncontents_headlines: false\n", "\ncontents_headlines: true\n"
                        ),
                        encoding="utf-8",
                    )
                    written.replace(folder / "templates" / "theme.yaml")
            self._built[key] = Built(
                source, folder / "out", project=find_project(folder), state=folder
            )
        return self._built[key]


def one_line(text: str) -> str:
    """Text with line breaks and hyphenation undone, so a wrapped title still matches."""
    return re.sub(r"\s+", " ", re.sub(r"-\n", "", text))


def straight(text: str) -> str:
    """Curly quotes made straight, for comparing content with extracted text."""
    return text.translate({0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"'})


# -- the command line: in this process by default (fast), as a real process where the exit
#    status, the absence of a traceback or a fresh interpreter is what is tested --


@dataclass(frozen=True)
class Run:
    status: int
    out: str
    err: str


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> Run:
    """``briefing ARGS`` in this process, with its exit status and output."""
    capsys.readouterr()
    try:
        status = main(args)
    except SystemExit as exit_:  # -- argparse: --help, --version, a usage error --
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return Run(status, captured.out, captured.err)


def run_process(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m briefing ARGS`` as a real process: its exit status, stdout and stderr."""
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


# -- output folders --


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` (names starting with a dot included) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def previous_outputs(folder: Path, name: str) -> dict[str, bytes]:
    """Stand-ins for an earlier build's outputs of ``name``, to prove a failed build keeps them."""
    folder.mkdir(parents=True, exist_ok=True)
    for fmt in FORMATS:
        (folder / f"{name}.{fmt}").write_bytes(f"previous {fmt} of {name}\n".encode())
    return snapshot(folder)
