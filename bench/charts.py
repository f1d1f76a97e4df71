"""What a chart costs: cold builds with and without charts, and the two chart libraries.

    python bench/charts.py [--repeat 3]

1. Cold builds (a fresh process each, `--force`) of the Muse Spark briefing as it is,
   with one column chart added, and with six: all three outputs, then the PDF alone.
   The runs of the three sources are interleaved, so a change in the machine's load
   touches all three alike; the best wall time and the best CPU time (the build and its
   PDF worker) of each are kept. The differences are what charts add: matplotlib's
   import, drawing, WeasyPrint drawing the SVG, the deck's native charts. The issue's
   target: at most 0.15 s a chart.
2. The charting libraries compared for the page and the PDF, each in a fresh
   process: matplotlib's SVG backend (what briefing uses) and Vega-Lite through
   vl-convert-python (if installed: `pip install -e '.[bench]'`): cold import, the
   first chart, a further chart. Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MUSE = ROOT / "content" / "muse-spark.yaml"

CHART = {
    "chart": "column",
    "caption": "A chart added for the benchmark",
    "categories": ["2026", "2027", "2028", "2029", "2030"],
    "series": [
        {"name": "Demand", "values": [118, 125, 133, 141, 150]},
        {"name": "Capacity", "values": [130, 130, 130, 130, 130]},
    ],
    "unit": "kt",
}


# -- a combo: the same columns, a line on a right-hand axis --
COMBO = {
    **CHART,
    "caption": "A combo chart added for the benchmark",
    "series": [*CHART["series"], {"name": "Utilisation", "values": [91, 96, 102, 108, 115]}],
    "lines": ["Utilisation"],
    "secondary_axis": {"series": ["Utilisation"], "unit": "%"},
}


def with_charts(count: int, folder: Path, chart: dict[str, object] = CHART) -> Path:
    data = yaml.safe_load(MUSE.read_text(encoding="utf-8"))
    for i in range(count):
        section = data["sections"][i % len(data["sections"])]
        section.setdefault("figures", []).append(copy.deepcopy(chart))
    # -- the source's pictures beside it, as in content/ --
    if not (folder / "images").exists():
        shutil.copytree(MUSE.parent / "images", folder / "images")
    name = "combo" if chart is COMBO else "charts"
    path = folder / f"{name}-{count}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def cold_once(source: Path, out: Path, only: str | None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (the build and its PDF worker) of one fresh build."""
    command = [sys.executable, "-m", "briefing", "build", str(source), "-o", str(out), "-q"]
    command += ["--force", *(["--only", only] if only else [])]
    # -- an empty chart cache each run: the cost measured is drawing, not reading a file --
    with tempfile.TemporaryDirectory(prefix="bench-charts-cache-") as cache:
        env = {**os.environ, "BRIEFING_CACHE_DIR": cache}
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, env=env)
        # -- wait4: the child's CPU time includes its PDF worker's, which it waited for --
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return wall, usage.ru_utime + usage.ru_stime


def cold(
    sources: list[Path], out: Path, only: str | None, repeat: int
) -> list[tuple[float, float]]:
    """Best wall and best CPU seconds of each source, the runs interleaved round by round.

    CPU time barely moves when other work shares the machine; wall time does."""
    runs: list[list[tuple[float, float]]] = [[] for _ in sources]
    for _ in range(repeat):
        for i, source in enumerate(sources):
            runs[i].append(cold_once(source, out, only))
    return [(min(w for w, _ in r), min(c for _, c in r)) for r in runs]


def report(title: str, results: list[tuple[float, float]], counts: list[int]) -> None:
    (wall, cpu), rows = results[0], list(zip(counts, results, strict=True))[1:]
    print(title)
    print(f"  {'':<10} {'wall s':>7} {'added':>7} {'CPU s':>7} {'added':>7}")
    print(f"  {'no chart':<10} {wall:7.2f} {'':>7} {cpu:7.2f}")
    for count, (more_wall, more_cpu) in rows:
        label = f"{count} chart{'s' if count > 1 else ''}"
        print(
            f"  {label:<10} {more_wall:7.2f} {more_wall - wall:+7.2f} "
            f"{more_cpu:7.2f} {more_cpu - cpu:+7.2f}"
        )
    (_, (w1, c1)), (last, (wn, cn)) = rows[0], rows[-1]
    print(
        f"  the first chart adds {w1 - wall:.2f} s wall, {c1 - cpu:.2f} s CPU; each further "
        f"one {(wn - w1) / (last - 1):.2f} s wall, {(cn - c1) / (last - 1):.2f} s CPU "
        f"(target: 0.15 s a chart)"
    )


MATPLOTLIB = """
import time, sys
started = time.perf_counter()
from briefing.document.charts import _matplotlib
from briefing.look.theme import load_theme
from briefing.content.model import Chart
theme = load_theme(__import__("pathlib").Path(sys.argv[1]))
_matplotlib(theme.fonts.heading)
imported = time.perf_counter()
from briefing.document.charts import chart_svg
chart = Chart.model_validate(__import__("json").loads(sys.argv[2]))
chart_svg(chart, theme=theme, ident="a")
first = time.perf_counter()
chart_svg(chart, theme=theme, ident="b")
print(imported - started, first - imported, time.perf_counter() - first)
"""

VEGA = """
import time, sys, json
started = time.perf_counter()
import vl_convert
imported = time.perf_counter()
chart = json.loads(sys.argv[2])
rows = [{"c": c, "s": s["name"], "v": v} for s in chart["series"]
        for c, v in zip(chart["categories"], s["values"])]
spec = {"data": {"values": rows}, "mark": "bar", "width": 460, "height": 230,
        "encoding": {"x": {"field": "c", "type": "nominal"}, "xOffset": {"field": "s"},
                     "y": {"field": "v", "type": "quantitative", "title": chart["unit"]},
                     "color": {"field": "s"}},
        "config": {"font": "Source Sans Pro"}}
vl_convert.vegalite_to_svg(spec)
first = time.perf_counter()
vl_convert.vegalite_to_svg(spec)
print(imported - started, first - imported, time.perf_counter() - first)
"""


def library(script: str, repeat: int) -> tuple[float, float, float] | None:
    import json

    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="bench-charts-") as cache:
            done = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    script,
                    str(ROOT / "templates" / "theme.yaml"),
                    json.dumps(CHART),
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "BRIEFING_CACHE_DIR": cache},
            )
        if done.returncode != 0:
            return None
        imported, first, further = (float(x) for x in done.stdout.split())
        runs.append((imported, first, further))
    return min(runs, key=sum)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    counts = [0, 1, 6]
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        # -- the same YAML written back for every source, so only the charts differ --
        sources = [with_charts(count, folder) for count in counts]
        sources.append(with_charts(1, folder, COMBO))
        for only, what in ((None, "all three outputs"), ("pdf", "the PDF only")):
            results = cold(sources, folder / "out", only, args.repeat)
            report(
                f"cold build of muse-spark, {what} (best of {args.repeat})", results[:-1], counts
            )
            (wall, cpu), (combo_wall, combo_cpu) = results[0], results[-1]
            print(
                f"  {'1 combo':<10} {combo_wall:7.2f} {combo_wall - wall:+7.2f} "
                f"{combo_cpu:7.2f} {combo_cpu - cpu:+7.2f}  (columns and a line on a "
                "right-hand axis)"
            )
    print("\nchart libraries, fresh process: import, first chart, next chart (s)")
    for name, script in (("matplotlib (used)", MATPLOTLIB), ("vl-convert-python", VEGA)):
        result = library(script, args.repeat)
        if result is None:
            print(f"  {name:<20} not installed (pip install -e '.[bench]')")
        else:
            print(f"  {name:<20} {result[0]:6.3f} {result[1]:6.3f} {result[2]:6.3f}")


if __name__ == "__main__":
    main()
