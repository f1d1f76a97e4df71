"""The ``briefing`` command line: parse arguments, call the stages, print results.

Exit status: 0 success; 1 the content, a template or an output is wrong (a
``FILE:LINE:COL: what is wrong`` message, no traceback); 2 the command itself
was used wrongly.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from briefing import __version__
from briefing.errors import BriefingError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Publish an executive briefing (HTML, PDF) and a deck (PPTX) "
        "from one YAML source.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def sources(p: argparse.ArgumentParser) -> None:
        p.add_argument("sources", nargs="*", type=Path, metavar="SOURCE",
                       help="content files (default: every content/*.yaml)")

    b = sub.add_parser("build", help="build the HTML, PDF and PPTX of each source")
    sources(b)
    b.add_argument("-o", "--out", type=Path, default=Path("build"), metavar="DIR",
                   help="output folder (default: build)")
    b.add_argument("--only", default="html,pdf,pptx", metavar="FORMATS",
                   help="comma-separated subset of html,pdf,pptx")
    b.add_argument("--deck-template", type=Path, metavar="PPTX",
                   help="a corporate .pptx whose layouts the deck uses")
    b.add_argument("--templates", type=Path, metavar="DIR", help="templates folder")
    b.add_argument("-q", "--quiet", action="store_true", help="print errors only")

    c = sub.add_parser("check", help="validate sources without rendering (fast)")
    sources(c)
    c.add_argument("--templates", type=Path, metavar="DIR", help="templates folder")

    v = sub.add_parser("verify", help="prove every section is in every built output")
    sources(v)
    v.add_argument("-o", "--out", type=Path, default=Path("build"), metavar="DIR",
                   help="folder of the built outputs (default: build)")
    v.add_argument("--templates", type=Path, metavar="DIR", help="templates folder")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except BriefingError as err:
        print(err, file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    from briefing.project import default_sources, find_project

    project = find_project(templates=args.templates)
    paths = list(args.sources) or default_sources(project)
    if not paths:
        print("briefing: no sources given and no content/*.yaml found", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "check":
        return _check(paths)
    if args.command == "build":
        return _build(paths, args, project)
    if args.command == "verify":
        return _verify(paths, args.out)
    return EXIT_USAGE


def _check(paths: list[Path]) -> int:
    from briefing.build import check

    problems: list[str] = []
    for path in paths:
        try:
            briefing = check(path)
            print(f"✓ {path}: {len(briefing.sections)} sections")
        except BriefingError as err:
            problems.append(str(err))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def _build(paths: list[Path], args: argparse.Namespace, project: object) -> int:
    from briefing.build import FORMATS, build

    formats = [f.strip() for f in args.only.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        print(f"briefing: --only takes a list of {', '.join(FORMATS)}; got {args.only!r}",
              file=sys.stderr)
        return EXIT_USAGE
    if args.deck_template and not args.deck_template.is_file():
        print(f"briefing: --deck-template {args.deck_template}: no such file", file=sys.stderr)
        return EXIT_USAGE
    failed = False
    for path in paths:
        start = time.perf_counter()
        try:
            built = build(path, project=project, out_dir=args.out,  # type: ignore[arg-type]
                          formats=formats, deck_template=args.deck_template)
        except BriefingError as err:
            print(err, file=sys.stderr)
            failed = True
            continue
        if not args.quiet:
            seconds = time.perf_counter() - start
            for target in built.files.values():
                print(f"✓ {target}")
            print(f"  built {built.name} in {seconds:.1f} s")
    return EXIT_CONTENT if failed else EXIT_OK


def _verify(paths: list[Path], out: Path) -> int:
    from briefing.build import check
    from briefing.verify import verify

    failed = False
    for path in paths:
        briefing = check(path)
        files = {fmt: out / f"{path.stem}.{fmt}" for fmt in ("html", "pdf", "pptx")}
        absent = [str(p) for p in files.values() if not p.is_file()]
        if absent:
            print(f"{path}: not built yet: {', '.join(absent)}\n    hint: run `briefing build "
                  f"{path}` first", file=sys.stderr)
            failed = True
            continue
        report = verify(briefing, name=path.stem, files=files)
        print(f"{path.stem}\n{report.matrix()}")
        for message in report.unreadable.values():
            print(message, file=sys.stderr)
        for (row, fmt), missing in sorted(report.missing.items()):
            for exp in missing:
                print(f"{files[fmt]}: {row} {exp.what} is missing: {exp.text[:80]!r}",
                      file=sys.stderr)
        failed |= not report.ok
    return EXIT_CONTENT if failed else EXIT_OK
