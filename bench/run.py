"""Benchmark briefing against Pandoc + Typst on the same documents; prints figures.

    python bench/run.py [--sizes 7,10,50,200] [--repeat 3]

For the Muse Spark briefing and generated briefings of N sections (7 is the
size the cold-build target names), it times in fresh processes: a cold full
build, the PDF only, the deck only, a no-op rebuild; peak memory (max RSS) of
each; pages and slides. With the `bench`
extra installed (pypandoc-binary, typst), the same documents go through
Pandoc -> HTML and PPTX and Pandoc -> Typst -> PDF in the same run, and the
ratio ours / theirs is printed. Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import copy
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MUSE = ROOT / "content" / "muse-spark.yaml"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    cpu: float = 0.0  # -- user + sys seconds of the process and the children it waited for --


def timed(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` in a fresh process; its wall time and peak resident memory."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"failed: {' '.join(command)}\n{error}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def best(runs: list[Run]) -> Run:
    return Run(
        min(r.seconds for r in runs), max(r.peak_mib for r in runs), min(r.cpu for r in runs)
    )


def generated(sections: int, folder: Path) -> Path:
    """A briefing of ``sections`` sections, made by cycling the Muse Spark sections."""
    data = yaml.safe_load(MUSE.read_text(encoding="utf-8"))
    base = data["sections"]
    data["sections"] = []
    for i in range(sections):
        section = copy.deepcopy(base[i % len(base)])  # shared objects would dump as anchors
        section["id"] = f"{section['id']}-{i + 1}"
        section["title"] = f"{section['title']} ({i + 1})"
        data["sections"].append(section)
    path = folder / f"generated-{sections}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def ours(source: Path, out: Path, repeat: int) -> dict[str, object]:
    cli = [sys.executable, "-m", "briefing", "build", str(source), "-o", str(out), "-q"]
    forced = [*cli, "--force"]
    figures: dict[str, object] = {}
    figures["cold"] = best([timed(forced, cwd=ROOT) for _ in range(repeat)])
    figures["pdf"] = best([timed([*forced, "--only", "pdf"], cwd=ROOT) for _ in range(repeat)])
    figures["pptx"] = best([timed([*forced, "--only", "pptx"], cwd=ROOT) for _ in range(repeat)])
    timed(cli, cwd=ROOT)  # -- everything up to date from here --
    figures["noop"] = best([timed([*cli, "--verify"], cwd=ROOT) for _ in range(repeat)])
    figures["watch"] = watch_edit(source, out.parent / "watch", repeat)
    from pptx import Presentation
    from pypdf import PdfReader

    figures["pages"] = len(PdfReader(out / f"{source.stem}.pdf").pages)
    figures["slides"] = len(Presentation(str(out / f"{source.stem}.pptx")).slides)
    return figures


def watch_edit(source: Path, out: Path, repeat: int) -> Run:
    """Seconds from a one-word edit to the rebuilt outputs, with `briefing watch` running."""
    copy_of = out / source.name
    out.mkdir(parents=True, exist_ok=True)
    text = source.read_text(encoding="utf-8")
    copy_of.write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "briefing", "watch", str(copy_of), "-o", str(out)]
    runs = []
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as watcher:
        assert watcher.stdout is not None
        try:
            _wait_for(watcher.stdout, "watching")
            for i in range(repeat):
                # -- one word changes, as an analyst's edit would --
                edited = text.replace("Executive leadership", f"Executive leadership {i}", 1)
                started = time.perf_counter()
                copy_of.write_text(edited, encoding="utf-8")
                _wait_for(watcher.stdout, "→")
                runs.append(Run(time.perf_counter() - started, 0.0))
        finally:
            watcher.terminate()
    return best(runs)


def _wait_for(stream: object, text: str) -> str:
    while True:
        line = str(stream.readline())  # type: ignore[attr-defined]
        if not line:
            raise SystemExit(f"watch stopped before printing {text!r}")
        if text in line:
            return line


def own_share(source: Path, out: Path) -> float:
    """The share of an in-process build's time spent in briefing's own code."""
    import cProfile
    import pstats

    from briefing.build import build
    from briefing.project import find_project

    project = find_project(ROOT)
    build(source, project=project, out_dir=out)  # -- warm: imports and fonts loaded --
    profile = cProfile.Profile()
    profile.runcall(build, source, project=project, out_dir=out)
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = sum(row[2] for row in stats.values())
    ours_ = sum(row[2] for key, row in stats.items() if "/briefing/" in key[0])
    return ours_ / total if total else 0.0


def markdown_of(source: Path) -> str:
    """The briefing as the Markdown a Pandoc user would write."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    lines = [f"% {data['title']}", f"% {data['author']}", f"% {data['date']}", ""]
    lines += ["# Executive summary", "", data["summary"], ""]
    lines += [f"- {t}" for t in data["takeaways"]] + [""]
    for section in data["sections"]:
        lines += [f"# {section['title']}", "", f"**{section['headline']}**", ""]
        lines += [f"- {p}" for p in section["points"]] + ["", section["body"], ""]
        table = section.get("table")
        if table:
            lines += [
                "| " + " | ".join(table["columns"]) + " |",
                "|" + "---|" * len(table["columns"]),
            ]
            lines += ["| " + " | ".join(row) + " |" for row in table["rows"]] + [""]
        if section.get("notes"):
            lines += ["::: notes", section["notes"], ":::", ""]
    lines += ["# Sources", ""] + [f"1. {s['title']}" for s in data.get("sources", [])]
    return "\n".join(lines).replace("[@", "[")


THEIRS = """
import sys, subprocess, pypandoc, typst
md, out = sys.argv[1], sys.argv[2]
pandoc = pypandoc.get_pandoc_path()
subprocess.run([pandoc, md, "-s", "--embed-resources", "-o", out + ".html"], check=True)
subprocess.run([pandoc, md, "-o", out + ".pptx"], check=True)
subprocess.run([pandoc, md, "-s", "-t", "typst", "-o", out + ".typ"], check=True)
typst.compile(out + ".typ", output=out + ".pdf")
"""


def theirs(source: Path, folder: Path, repeat: int) -> Run | None:
    try:
        import pypandoc  # noqa: F401
        import typst  # noqa: F401
    except ImportError:
        return None
    md = folder / f"{source.stem}.md"
    md.write_text(markdown_of(source), encoding="utf-8")
    script = folder / "theirs.py"
    script.write_text(THEIRS, encoding="utf-8")
    command = [sys.executable, str(script), str(md), str(folder / f"{source.stem}-pandoc")]
    return best([timed(command, cwd=folder) for _ in range(repeat)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="7,10,50,200")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    columns = [
        ("document", 15),
        ("cold s", 8),
        ("pdf s", 7),
        ("pptx s", 7),
        ("edit s", 7),
        ("no-op s", 8),
        ("MiB", 6),
        ("pages", 6),
        ("slides", 7),
        ("theirs s", 9),
        ("their MiB", 10),
        ("cold/theirs", 12),
        ("edit/theirs", 12),
    ]
    print(
        "".join(
            f"{name:>{width}}" if i else f"{name:<{width}}"
            for i, (name, width) in enumerate(columns)
        )
    )
    other = None
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        sources = [MUSE] + [generated(int(n), folder) for n in args.sizes.split(",") if n]
        for source in sources:
            figures = ours(source, folder / "out", args.repeat)
            other = theirs(source, folder, args.repeat)
            runs = {k: figures[k] for k in ("cold", "pdf", "pptx", "watch", "noop")}
            assert all(isinstance(r, Run) for r in runs.values())
            cold, pdf, pptx, watch, noop = runs.values()  # type: ignore[misc]
            peak = max(cold.peak_mib, pdf.peak_mib, pptx.peak_mib)
            row = (
                f"{source.stem:<15}{cold.seconds:>8.2f}{pdf.seconds:>7.2f}"
                f"{pptx.seconds:>7.2f}{watch.seconds:>7.2f}{noop.seconds:>8.2f}{peak:>6.0f}"
                f"{figures['pages']:>6}{figures['slides']:>7}"
            )
            if other:
                row += (
                    f"{other.seconds:>9.2f}{other.peak_mib:>10.0f}"
                    f"{cold.seconds / other.seconds:>12.2f}"
                    f"{watch.seconds / other.seconds:>12.2f}"
                )
            print(row, flush=True)
        share = own_share(MUSE, folder / "profile")
        print(f"\nbriefing's own code: {share:.0%} of a warm in-process build of muse-spark")
    print(
        "cold: fresh process, all three outputs; edit: a one-word edit to rebuilt outputs "
        "with `briefing watch` running;\nno-op: `briefing build --verify` with nothing "
        "changed; MiB: peak resident memory of the largest process."
    )
    if other is None:
        print(
            "(install the bench extra, pip install -e '.[bench]', to compare with Pandoc + Typst)"
        )


if __name__ == "__main__":
    main()
