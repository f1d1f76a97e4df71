"""Time `verify` on built outputs: the shipped briefing and the figures example; prints figures.

    python bench/verify.py [--repeat 5]

Each source is built once into a temporary folder, then ``verify`` reads its three outputs
back ``--repeat`` times in this process. Printed per source: the median wall time and the
median CPU time (this process's and its children's, poppler included, user + sys), which
other work on the machine disturbs less. To compare with another revision, run it with
``PYTHONPATH=<that checkout>/src``. Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from briefing.build import build, check
from briefing.project import find_project
from briefing.proof.verify import verify

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "muse-spark": (ROOT / "content" / "muse-spark.yaml", ROOT),
    "expansion": (
        ROOT / "examples" / "expansion" / "content" / "expansion.yaml",
        ROOT / "examples" / "expansion",
    ),
}


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, (source, folder) in SOURCES.items():
            out = Path(tmp) / name
            files = dict(build(source, project=find_project(folder), out_dir=out).files)
            briefing = check(source)
            walls, cpus = [], []
            for _ in range(args.repeat):
                wall, cpu = time.perf_counter(), _cpu()
                report = verify(briefing, name=name, files=files, images_dir=source.parent)
                walls.append(time.perf_counter() - wall)
                cpus.append(_cpu() - cpu)
                assert report.ok, f"{name}: verify failed"
            print(
                f"{name:12} verify  wall {statistics.median(walls):.2f} s"
                f"  cpu {statistics.median(cpus):.2f} s  (median of {args.repeat})"
            )


if __name__ == "__main__":
    main()
