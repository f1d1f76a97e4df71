"""Benchmark briefing against Pandoc + Typst on the same documents; prints figures.

    python bench/run.py [--sizes 10,50,200] [--repeat 3]

For the Muse Spark briefing and generated briefings of N sections, it times in
fresh processes: a cold full build, the PDF only, the deck only, a no-op
rebuild; peak memory (max RSS) of each; pages and slides. With the `bench`
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
    return Run(seconds, usage.ru_maxrss / 1024)


def best(runs: list[Run]) -> Run:
    return Run(min(r.seconds for r in runs), max(r.peak_mib for r in runs))


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
    figures: dict[str, object] = {}
    figures["cold"] = best([timed(cli, cwd=ROOT) for _ in range(repeat)])
    figures["pdf"] = best([timed([*cli, "--only", "pdf"], cwd=ROOT) for _ in range(repeat)])
    figures["pptx"] = best([timed([*cli, "--only", "pptx"], cwd=ROOT) for _ in range(repeat)])
    figures["noop"] = best([timed(cli, cwd=ROOT) for _ in range(repeat)])
    from pptx import Presentation
    from pypdf import PdfReader

    figures["pages"] = len(PdfReader(out / f"{source.stem}.pdf").pages)
    figures["slides"] = len(Presentation(str(out / f"{source.stem}.pptx")).slides)
    return figures


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
    parser.add_argument("--sizes", default="10,50,200")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        sources = [MUSE] + [generated(int(n), folder) for n in args.sizes.split(",") if n]
        print(
            f"{'document':<16}{'cold s':>8}{'pdf s':>8}{'pptx s':>8}{'no-op s':>9}"
            f"{'peak MiB':>10}{'pages':>7}{'slides':>8}{'pandoc+typst s':>16}"
            f"{'their MiB':>11}{'ours/theirs':>13}"
        )
        for source in sources:
            figures = ours(source, folder / "out", args.repeat)
            other = theirs(source, folder, args.repeat)
            cold, pdf, pptx, noop = (figures[k] for k in ("cold", "pdf", "pptx", "noop"))
            assert isinstance(cold, Run) and isinstance(pdf, Run)
            assert isinstance(pptx, Run) and isinstance(noop, Run)
            peak = max(cold.peak_mib, pdf.peak_mib, pptx.peak_mib)
            row = (
                f"{source.stem:<16}{cold.seconds:>8.2f}{pdf.seconds:>8.2f}"
                f"{pptx.seconds:>8.2f}{noop.seconds:>9.2f}{peak:>10.0f}"
                f"{figures['pages']:>7}{figures['slides']:>8}"
            )
            if other:
                row += (
                    f"{other.seconds:>16.2f}{other.peak_mib:>11.0f}"
                    f"{cold.seconds / other.seconds:>13.2f}"
                )
            print(row, flush=True)
        if not other:
            print(
                "(install the bench extra, pip install -e '.[bench]', to compare with "
                "Pandoc + Typst)"
            )


if __name__ == "__main__":
    main()
