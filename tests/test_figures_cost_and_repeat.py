"""A briefing without charts never loads the chart library; one with charts repeats byte
for byte, the workbook inside each chart of the deck included.

The import checks run builds in a fresh interpreter and read ``sys.modules`` after each:
a module-level import of matplotlib anywhere on the build's path would show up there.
The sources are small (one section, two charts): what is checked is whether charts are
drawn at all, not how many.
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

from support import VALID, figures_source

# -- slow: fresh interpreters, repeated builds with charts (the edit loop skips it) --
pytestmark = pytest.mark.slow

# -- two charts, one of them annotated (a chart with annotations sits in a group with
#    their shapes in the deck): each has a workbook of its own --
CHARTS = """\
- chart: line
  caption: Demand crosses capacity
  categories: ["2026", "2027", "2028"]
  unit: kt a year
  axis_min: 100
  axis_max: 180
  series:
    - name: Demand
      values: [120, 140, 165]
    - name: Capacity
      values: [150, 150, 150]
- chart: column
  caption: The gap grows
  categories: ["2028", "2029"]
  value_line: {value: 19, label: "Option A adds"}
  series:
    - name: Unserved demand
      values: [3, 38]
"""

# -- builds ``source -> out`` one after another in this one interpreter, each with its
#    own project root and chart cache, and says after each which libraries are loaded --
PROBE = """
import json, os, sys
from pathlib import Path
from briefing.build import build
from briefing.project import find_project

for source, out, root, cache in json.loads(sys.argv[1]):
    os.environ["BRIEFING_CACHE_DIR"] = cache
    build(Path(source), project=find_project(Path(root)), out_dir=Path(out),
          formats=("html", "pptx"))
    print(json.dumps({name: name in sys.modules for name in
          ("matplotlib", "numpy", "vl_convert", "cairosvg", "briefing.document.charts")}))
"""


def loaded(*builds: tuple[Path, Path, Path, Path]) -> list[dict[str, bool]]:
    """For each build (source, out, project root, chart cache), in order, in one fresh
    interpreter: which libraries are loaded once it is done."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps([[str(p) for p in b] for b in builds])],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ.copy(),
    )
    return [json.loads(line) for line in done.stdout.strip().splitlines()[-len(builds) :]]


def own_cache(folder: Path) -> Path:
    """A cache folder of the test's own, without drawings (a chart cached by an earlier run
    is not drawn), but with the web-font subsets and compiled templates this run's builds
    cached already: subsetting fonts is not what is tested, and costs seconds a face."""
    from briefing.cache import user_cache

    shared = user_cache("charts").parent
    if shared.is_dir():
        shutil.copytree(shared, folder, ignore=lambda _, names: [n for n in names if n == "charts"])
    folder.mkdir(exist_ok=True)
    assert not (folder / "charts").exists()
    return folder


def test_charts_load_the_chart_library_only_when_drawn(tmp_path: Path) -> None:
    """Without figures nothing of the chart library loads; with charts matplotlib does; a
    rebuild whose charts did not change draws none; a changed option draws again."""
    charts = figures_source(tmp_path / "project", CHARTS, title="Charts cost")
    root, cache = tmp_path / "project", own_cache(tmp_path / "cache")
    # -- the briefing without figures first, then (same interpreter) the one with charts --
    plain, first = loaded(
        (VALID, tmp_path / "plain", tmp_path, cache), (charts, tmp_path / "a", root, cache)
    )
    assert plain["matplotlib"] is False and plain["numpy"] is False
    assert plain["cairosvg"] is False and plain["vl_convert"] is False
    # -- the check above can fail: the same probe sees matplotlib when there are charts --
    assert first["matplotlib"] is True
    # -- a new interpreter, a new output folder (every output is built again), the same
    #    charts: none drawn; then a changed option is a changed chart: drawn again --
    changed = tmp_path / "changed" / "content" / "x.yaml"
    changed.parent.mkdir(parents=True)
    changed.write_text(
        charts.read_text(encoding="utf-8").replace("axis_max: 180", "axis_max: 190"), "utf-8"
    )
    again, redrawn = loaded(
        (charts, tmp_path / "b", root, cache),
        (changed, tmp_path / "c", tmp_path / "changed", cache),
    )
    assert again["matplotlib"] is False
    first_page, second_page = ((tmp_path / d / "x.html").read_bytes() for d in ("a", "b"))
    assert first_page == second_page
    assert redrawn["matplotlib"] is True


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

    source = figures_source(tmp_path / "project", CHARTS, title="Charts repeat")
    project = find_project(tmp_path / "project")
    first = build(source, project=project, out_dir=tmp_path / "1", formats=("html", "pptx"))
    time.sleep(1.1)  # -- XlsxWriter stamps the clock's seconds: let them change --
    second = build(source, project=project, out_dir=tmp_path / "2", formats=("html", "pptx"))
    for fmt in ("html", "pptx"):
        assert first.files[fmt].read_bytes() == second.files[fmt].read_bytes(), fmt
    books = workbooks(first.files["pptx"])
    charts = [f for s in check(source).sections for f in s.figures if isinstance(f, Chart)]
    assert len(books) == len(charts) > 1  # -- one workbook a chart: none left out --
    for book_bytes in books:
        with zipfile.ZipFile(io.BytesIO(book_bytes)) as book:
            core = book.read("docProps/core.xml").decode()
            times = {info.date_time for info in book.infolist()}
        assert "2026-11-26T00:00:00Z" in core  # -- the edition date, not the clock's
        assert times == {(2026, 11, 26, 0, 0, 0)}
