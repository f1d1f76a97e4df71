"""A briefing without charts never loads the chart library; one with charts repeats byte
for byte, the workbook inside each chart of the deck included.

The import check runs a build in a fresh interpreter and reads ``sys.modules``: a
module-level import of matplotlib anywhere on the build's path would show up there.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "expansion"
# -- slow: fresh interpreters, repeated whole builds with charts (the edit loop skips it) --
pytestmark = pytest.mark.slow

PROBE = """
import json, sys
from pathlib import Path
from briefing.build import build
from briefing.project import find_project

source, out, root = (Path(a) for a in sys.argv[1:4])
build(source, project=find_project(root), out_dir=out, formats=("html", "pptx"))
print(json.dumps({name: name in sys.modules for name in
      ("matplotlib", "numpy", "vl_convert", "cairosvg", "briefing.document.charts")}))
"""


def loaded(source: Path, out: Path, root: Path, cache: Path | None = None) -> dict[str, bool]:
    # -- a cache folder of the test's own: a drawing cached by an earlier run is not drawn --
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache or out / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(source), str(out), str(root)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_a_briefing_without_figures_does_not_load_the_chart_library(tmp_path: Path) -> None:
    plain = loaded(ROOT / "tests" / "fixtures" / "harbour-expansion.yaml", tmp_path / "a", ROOT)
    assert plain["matplotlib"] is False and plain["numpy"] is False
    assert plain["cairosvg"] is False and plain["vl_convert"] is False


def test_a_briefing_with_charts_does_load_it(tmp_path: Path) -> None:
    # -- the check above can fail: the same probe sees matplotlib when there are charts --
    with_charts = loaded(EXAMPLE / "content" / "expansion.yaml", tmp_path / "b", EXAMPLE)
    assert with_charts["matplotlib"] is True


def test_a_rebuild_whose_charts_did_not_change_draws_none(tmp_path: Path) -> None:
    source = EXAMPLE / "content" / "expansion.yaml"
    cache = tmp_path / "cache"
    assert loaded(source, tmp_path / "a", EXAMPLE, cache)["matplotlib"] is True
    # -- a new output folder (every output is built again), the same charts: none drawn --
    again = loaded(source, tmp_path / "b", EXAMPLE, cache)
    # -- (numpy may load all the same: openpyxl, reading the example's workbook, imports it)
    assert again["matplotlib"] is False
    first, second = ((tmp_path / d / "expansion.html").read_bytes() for d in ("a", "b"))
    assert first == second
    # -- a changed option is a changed chart: drawn again --
    shutil.copytree(EXAMPLE, tmp_path / "project")
    changed = tmp_path / "project" / "content" / "expansion.yaml"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("axis_max: 180", "axis_max: 190"),
        encoding="utf-8",
    )
    assert loaded(changed, tmp_path / "c", tmp_path / "project", cache)["matplotlib"] is True


def workbooks(pptx: Path) -> list[bytes]:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    def flat(shapes: Any) -> list[Any]:
        # -- a chart with annotations sits in a group with their shapes --
        found: list[Any] = []
        for shape in shapes:
            found += flat(shape.shapes) if shape.shape_type == MSO_SHAPE_TYPE.GROUP else [shape]
        return found

    prs = Presentation(str(pptx))
    return [
        shape.chart.part.chart_workbook.xlsx_part.blob
        for slide in prs.slides
        for shape in flat(slide.shapes)
        if shape.has_chart
    ]


def test_two_builds_are_byte_identical_workbooks_included(tmp_path: Path) -> None:
    from briefing.build import build, check
    from briefing.content.model import Chart
    from briefing.project import find_project

    source = EXAMPLE / "content" / "expansion.yaml"
    project = find_project(EXAMPLE)
    first = build(source, project=project, out_dir=tmp_path / "1", formats=("html", "pptx"))
    time.sleep(1.1)  # -- XlsxWriter stamps the clock's seconds: let them change --
    second = build(source, project=project, out_dir=tmp_path / "2", formats=("html", "pptx"))
    for fmt in ("html", "pptx"):
        assert first.files[fmt].read_bytes() == second.files[fmt].read_bytes(), fmt
    books = workbooks(first.files["pptx"])
    charts = [f for s in check(source).sections for f in s.figures if isinstance(f, Chart)]
    assert len(books) == len(charts) > 1  # -- one workbook a chart: none left out --
    with zipfile.ZipFile(io.BytesIO(books[0])) as book:
        core = book.read("docProps/core.xml").decode()
        times = {info.date_time for info in book.infolist()}
    assert "2026-11-26T00:00:00Z" in core  # -- the edition date, not the clock's
    assert times == {(2026, 11, 26, 0, 0, 0)}
