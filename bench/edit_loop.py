"""The edit loop's figures: save to refreshed browser, cold build against Pandoc + Typst, no-op.

    python bench/edit_loop.py [--saves 7] [--pairs 5]

Prints medians of:
- save -> new words in the web page, with `briefing preview` open in Debian's Chromium
  (Playwright), from the file's write to the text in the page's DOM, for the Muse Spark
  briefing and the example project with charts (a text edit, and an edit of a chart's
  data where the source types it); save -> the browser told of the new PDF; save -> the
  slides drawn again by LibreOffice;
- a cold `briefing build` of Muse Spark and Pandoc + Typst on the same story (bench/run.py's
  `markdown_of`), run in pairs, one after the other, and the median of the pairs' ratios;
- a no-op `make briefing` (everything up to date, as a second run finds it).
Figures only: nothing here asserts a time. The goals are those of the preview issue
(0.2 s, 0.5 s, 1.5 s, 3.0x, 0.15 s); each line says whether it met its goal.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import Run, markdown_of, theirs, timed

ROOT = Path(__file__).resolve().parent.parent
MUSE = ROOT / "content" / "muse-spark.yaml"
EXAMPLE = ROOT / "examples" / "expansion"
CHROMIUM = Path("/usr/bin/chromium")

IN_WEB_PAGE = (
    "(token) => { const f = document.querySelector('#web iframe.current');"
    " const body = f && f.contentDocument && f.contentDocument.body;"
    " return !!body && body.innerHTML.includes(token); }"
)


def preview_figures(
    project: Path, source: Path, edits: list[Callable[[str, int], tuple[str, str]]], saves: int
) -> dict[str, list[float]]:
    """Seconds from each save to: the web page showing it, the PDF announced, the slides."""
    from playwright.sync_api import sync_playwright

    text = source.read_text(encoding="utf-8")
    figures: dict[str, list[float]] = {}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "briefing",
            "preview",
            str(source.relative_to(project)),
            "--port",
            "0",
        ],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = re.search(r"http://\S+/", process.stdout.readline())
        assert url, "preview did not start"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(CHROMIUM),
                args=[
                    "--no-sandbox",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--no-first-run",
                ],
            )
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(url.group(0))
            idle = "document.body.dataset.html && document.body.dataset.building === ''"
            page.wait_for_function(idle, timeout=300_000, polling=50)
            for edit in edits:
                for n in range(saves):
                    kind, changed = edit(text, n)
                    token = changed
                    before_pdf = page.evaluate("document.body.dataset.pdf")
                    before_slides = page.evaluate("document.body.dataset.slides")
                    edited = text.replace(*_pair(kind, text, changed))
                    started = time.perf_counter()
                    source.write_text(edited, encoding="utf-8")
                    _wait(
                        page,
                        f"{token!r} in the web page",
                        IN_WEB_PAGE,
                        token,
                        timeout=60_000,
                        polling=5,
                    )
                    figures.setdefault(f"web ({kind})", []).append(time.perf_counter() - started)
                    _wait(
                        page,
                        "the new PDF",
                        f"document.body.dataset.pdf !== {before_pdf!r}",
                        timeout=60_000,
                        polling=5,
                    )
                    figures.setdefault("pdf", []).append(time.perf_counter() - started)
                    _wait(
                        page,
                        "the new slides",
                        f"document.body.dataset.slides !== {before_slides!r}"
                        " && !document.body.dataset.building.includes('slides')",
                        timeout=300_000,
                        polling=20,
                    )
                    figures.setdefault("slides", []).append(time.perf_counter() - started)
                    page.wait_for_function(idle, timeout=300_000, polling=20)
                    time.sleep(0.3)  # -- an analyst does not save twice in a breath --
            browser.close()
    finally:
        source.write_text(text, encoding="utf-8")
        process.terminate()
        process.wait(timeout=30)
    return figures


def _wait(page: object, step: str, expression: str, arg: object = None, **options: object) -> None:
    """Wait in the page for ``expression``; a time-out names the step that did not happen."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        page.wait_for_function(expression, arg=arg, **options)  # type: ignore[attr-defined]
    except Timeout:
        raise SystemExit(f"bench: timed out waiting for {step}") from None


def _pair(kind: str, text: str, token: str) -> tuple[str, str]:
    if kind == "text":
        first = re.search(r"^(\s*-?\s*title: )(.+)$", text.split("sections:", 1)[1], re.M)
        assert first, "no section title to edit"
        old, value = first.group(0), first.group(2)
        quote = value[0] if value[0] in "'\"" else ""
        return old, f"{first.group(1)}{quote}{token} {value[len(quote) :]}"
    found = re.search(r"values: \[([-\d.]+)", text)
    assert found, "no chart values to edit"
    return found.group(0), f"values: [{token}"


def text_edit(text: str, n: int) -> tuple[str, str]:
    return "text", f"Edit{n}x{int(time.time() * 1000) % 10_000}"


def data_edit(text: str, n: int) -> tuple[str, str]:
    found = re.search(r"values: \[([-\d.]+)", text)
    assert found
    return "chart data", f"{float(found.group(1)) + 1 + n / 10:.1f}"


def cold_pairs(pairs: int, folder: Path) -> tuple[list[Run], list[Run]]:
    ours: list[Run] = []
    reference: list[Run] = []
    command = [
        sys.executable,
        "-m",
        "briefing",
        "build",
        str(MUSE),
        "-o",
        str(folder / "cold"),
        "-q",
        "--force",
    ]
    md = folder / "muse-spark.md"
    md.write_text(markdown_of(MUSE), encoding="utf-8")
    for _ in range(pairs):
        ours.append(timed(command, cwd=ROOT))
        other = theirs(MUSE, folder, 1)
        if other is None:
            return ours, []
        reference.append(other)
    return ours, reference


def noop_make(repeat: int) -> list[float]:
    subprocess.run(["make", "-s", "briefing"], cwd=ROOT, check=True, capture_output=True)
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(["make", "-s", "briefing"], cwd=ROOT, check=True, capture_output=True)
        runs.append(time.perf_counter() - started)
    return runs


def line(what: str, values: list[float], goal: float | None, unit: str = "s") -> None:
    median = statistics.median(values)
    spread = f"{min(values):.2f}-{max(values):.2f}"
    verdict = (
        ""
        if goal is None
        else ("  meets" if median <= goal else "  MISSES") + (f" the goal of {goal:g} {unit}")
    )
    print(f"{what:<46}{median:>7.2f} {unit}   ({spread}, n={len(values)}){verdict}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=7)
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        muse = folder / "muse"
        muse.mkdir()
        shutil.copytree(MUSE.parent, muse / "content")  # -- the source and its pictures --
        example = folder / "example"
        shutil.copytree(EXAMPLE, example)
        if CHROMIUM.is_file():
            figures = preview_figures(muse, muse / "content" / MUSE.name, [text_edit], args.saves)
            line("muse-spark: save -> web page in the browser", figures["web (text)"], 0.2)
            line("muse-spark: save -> new PDF in the browser", figures["pdf"], 1.5)
            line("muse-spark: save -> slides drawn (LibreOffice)", figures["slides"], None)
            source = next((example / "content").glob("*.yaml"))
            edits = [text_edit]
            if re.search(r"values: \[[-\d.]+", source.read_text(encoding="utf-8")):
                edits.append(data_edit)
            figures = preview_figures(example, source, edits, args.saves)
            for kind in ("text", "chart data"):
                if f"web ({kind})" in figures:
                    line(f"example: save ({kind}) -> web page", figures[f"web ({kind})"], 0.5)
            line("example: save -> new PDF in the browser", figures["pdf"], None)
        else:
            print("(no Chromium: sudo apt-get install chromium, for the preview figures)")
        ours, reference = cold_pairs(args.pairs, folder)
        line("muse-spark: cold build", [r.seconds for r in ours], None)
        line("muse-spark: cold build, CPU (user+sys)", [r.cpu for r in ours], None)
        if reference:
            line("muse-spark: Pandoc + Typst, paired", [r.seconds for r in reference], None)
            line("muse-spark: Pandoc + Typst, CPU", [r.cpu for r in reference], None)
            ratios = [a.seconds / b.seconds for a, b in zip(ours, reference, strict=True)]
            line("muse-spark: cold build / Pandoc + Typst", ratios, 3.0, unit="x")
            cpu = [a.cpu / b.cpu for a, b in zip(ours, reference, strict=True)]
            line("muse-spark: same, in CPU time", cpu, 3.0, unit="x")
        else:
            print("(install the bench extra, pip install -e '.[bench]', for Pandoc + Typst)")
        line("no-op make briefing", noop_make(args.pairs), 0.15)


if __name__ == "__main__":
    main()
