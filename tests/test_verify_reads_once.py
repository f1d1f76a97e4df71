"""`verify` opens each output once: the PDF, the web page and the deck are each read from
disk one time however many checks read them (text, tables, sources, prose, figures, the
deck's chart workbooks), and poppler is handed the bytes rather than the file.

Every open of a file in this process raises an ``open`` audit event (``sys.addaudithook``),
so the count is of real opens, whichever library makes them; a subprocess that names an
output (poppler given the path) is counted too.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from briefing.project import find_project
from briefing.proof.verify import verify
from support import ROOT, Builds

EXAMPLE = ROOT / "examples" / "expansion"
SOURCE = EXAMPLE / "content" / "expansion.yaml"
_watched: set[str] = set()
_opens: Counter[str] = Counter()


def _audit(event: str, args: tuple[object, ...]) -> None:
    if not _watched:
        return
    if event == "open" and isinstance(args[0], str | Path | bytes):
        name = str(Path(str(args[0])).resolve()) if not isinstance(args[0], bytes) else ""
        if name in _watched:
            _opens[name] += 1
    elif event == "subprocess.Popen" and isinstance(args[1], list | tuple):
        for arg in args[1]:
            if str(arg) in _watched:
                _opens[str(arg)] += 1


sys.addaudithook(_audit)  # -- an audit hook cannot be removed: it counts only when asked --


@pytest.fixture(scope="module")
def example(builds: Builds) -> dict[str, Path]:
    """The example (charts, a picture, data from a workbook): every reader of the proof runs."""
    built = builds.of(SOURCE, project=find_project(EXAMPLE))
    return {"html": built.html, "pdf": built.pdf, "pptx": built.pptx}


def test_verify_opens_each_output_once(example: dict[str, Path]) -> None:
    from briefing.build import check

    briefing = check(SOURCE)
    assert briefing.bindings and any(s.figures for s in briefing.sections)
    paths = {fmt: str(path.resolve()) for fmt, path in example.items()}
    _opens.clear()
    _watched.update(paths.values())
    try:
        report = verify(briefing, name="expansion", files=example, images_dir=SOURCE.parent)
    finally:
        _watched.clear()
    assert report.ok, report.missing
    assert {fmt: _opens[path] for fmt, path in paths.items()} == {"html": 1, "pdf": 1, "pptx": 1}


def test_the_count_sees_a_second_open(example: dict[str, Path]) -> None:
    """The counter is not blind: reading a file twice, or naming it to poppler, counts."""
    from briefing.proof import readback

    path = str(example["pdf"].resolve())
    _opens.clear()
    _watched.add(path)
    try:
        example["pdf"].read_bytes()
        readback.pdf_text(example["pdf"].resolve())
    finally:
        _watched.clear()
    assert _opens[path] == 2
