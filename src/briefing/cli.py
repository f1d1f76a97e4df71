"""The ``briefing`` command line: parse arguments, call the stages, print results.

Exit status: 0 success; 1 the content, a template or an output is wrong (a
``FILE:LINE:COL: what is wrong`` message, no traceback); 2 the command itself
was used wrongly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import os
import signal
import sys
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing import FORMATS, __version__
from briefing.content.schema import SCHEMA_FILE
from briefing.errors import BriefingError

if TYPE_CHECKING:
    from briefing.build import Built
    from briefing.content.model import Briefing
    from briefing.project import Project

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

# -- each command imports its stages when it runs, not at import: `briefing --help` loads
#    no stage. `check` is `build` without the write: it renders both templates and fits
#    the deck in memory (Jinja, python-pptx, matplotlib for charts), but never loads the
#    PDF engine, WeasyPrint (see test_cli.py) --


_EPILOG = """\
Run `briefing COMMAND --help` for a command's options. Templates: the
project's templates/ folder (or --templates DIR) overrides the built-in
ones file by file. Exit status: 0 success; 1 the content, a template or an
output is wrong; 2 the command was used wrongly.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Publish an executive briefing (HTML, PDF) and a deck (PPTX) "
        "from one YAML source.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=summary,
            description=description,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    def sources(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "sources",
            nargs="*",
            type=Path,
            metavar="SOURCE",
            help="content files (default: every content/*.yaml)",
        )

    def outputs(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "-o",
            "--out",
            type=Path,
            default=Path("build"),
            metavar="DIR",
            help="output folder (default: build)",
        )
        p.add_argument(
            "--only",
            default=",".join(FORMATS),
            metavar="FORMATS",
            help=f"comma-separated subset of {','.join(FORMATS)} (default: all)",
        )
        p.add_argument(
            "--deck-template",
            type=Path,
            metavar="PPTX",
            help="a corporate .pptx whose slide layouts the deck uses",
        )

    def progress(p: argparse.ArgumentParser) -> None:
        p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
        as_json(p)

    def as_json(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--json",
            action="store_true",
            help="print results and errors as JSON lines on standard output, for scripts "
            "(shapes in docs/json.md)",
        )

    def templates(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--templates",
            type=Path,
            metavar="DIR",
            help="templates folder whose files override the built-in ones "
            "(default: ./templates when it exists)",
        )

    b = command(
        "build",
        "build the HTML, PDF and PPTX of each source",
        "Build DIR/NAME.html, DIR/NAME.pdf and DIR/NAME.pptx from each content/NAME.yaml.\n"
        "Outputs are written only when all of them are ready, so a failed build\n"
        "leaves the previous ones as they were.\n\n"
        "examples:\n"
        "  briefing build\n"
        "  briefing build content/q3-review.yaml -o out --only pdf\n"
        "  briefing build --deck-template corporate.pptx\n\n"
        "--json: one line per output\n"
        '  {"command": "build", "source", "ok": true, "output", "format", "seconds",\n'
        '   "up_to_date", "pages" | "slides"}\n'
        'and for a source that failed {"command": "build", "source", "ok": false, "errors":\n'
        '[{"file", "line", "column", "field", "message", "hint"}, ...]}.',
    )
    sources(b)
    outputs(b)
    templates(b)
    b.add_argument(
        "--force", action="store_true", help="build even outputs that are already up to date"
    )
    b.add_argument(
        "--verify",
        action="store_true",
        help="then prove every section is in every output (as `briefing verify`)",
    )
    progress(b)

    w = command(
        "watch",
        "rebuild on every change of content, templates or theme",
        "Build, then watch the sources, the templates and the theme, and rebuild what a\n"
        "change affects, in one process that keeps the engines warm. One line per\n"
        "rebuild; an error is printed and watching goes on. Stop with Ctrl-C.\n\n"
        "example:\n  briefing watch content/q3-review.yaml",
    )
    sources(w)
    outputs(w)
    templates(w)

    pv = command(
        "preview",
        "serve the outputs in the browser, refreshed on every save",
        "Build one source into a private folder, serve its web page, PDF and slides on\n"
        "http://127.0.0.1:PORT/, and rebuild on every change of its inputs: the browser\n"
        "refreshes by itself, the web page first, keeping its scroll position. A broken\n"
        "source shows its problems over the last good outputs. Stop with Ctrl-C; the\n"
        "folder is removed. Only this machine can connect, unless --host says otherwise.\n\n"
        "example:\n  briefing preview content/q3-review.yaml --open",
    )
    pv.add_argument(
        "sources",
        nargs="*",
        type=Path,
        metavar="SOURCE",
        help="the content file (default: the only content/*.yaml)",
    )
    pv.add_argument(
        "--port",
        type=int,
        default=8000,
        metavar="N",
        help="port to serve on (default: 8000; 0 picks a free one)",
    )
    pv.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ADDR",
        help="address to serve on (default: 127.0.0.1, this machine only); another address "
        "needs --allow-remote",
    )
    pv.add_argument(
        "--allow-remote",
        action="store_true",
        help="let --host name an address other machines can reach (no password: take care)",
    )
    pv.add_argument("--open", action="store_true", help="open the preview in the web browser")
    pv.add_argument(
        "--deck-template",
        type=Path,
        metavar="PPTX",
        help="a corporate .pptx whose slide layouts the deck uses",
    )
    templates(pv)

    c = command(
        "check",
        "validate sources as a build would, writing nothing",
        "Validate each source against the content format, render the templates and fit\n"
        "the deck's slides, and report every problem as FILE:LINE:COL: field: what is\n"
        "wrong, with a hint. Passes exactly when `build` would; nothing is written.\n\n"
        "example:\n  briefing check content/q3-review.yaml\n\n"
        "--json: one line per source\n"
        '  {"command": "check", "source", "ok": true, "sections"}\n'
        '  {"command": "check", "source", "ok": false, "errors": [{"file", "line",\n'
        '   "column", "field", "message", "hint"}, ...]}\n'
        'and {"command": "check", "ok": false, "errors": [...]} for the theme or labels.',
    )
    sources(c)
    templates(c)
    as_json(c)

    v = command(
        "verify",
        "prove every section is in every built output",
        "Read the built HTML, PDF and PPTX back and check that the summary, the\n"
        "takeaways, every section (its body too; in the deck, the speaker notes) and\n"
        "the sources are in each; print the matrix, exit 1 on a gap.\n\n"
        "example:\n  briefing build && briefing verify\n\n"
        "--json: one line per source\n"
        '  {"command": "verify", "source", "ok", "trusted", "outputs": {FORMAT: FILE},\n'
        '   "matrix": {ROW: {FORMAT: true | false | null}}, "missing": [{"output",\n'
        '   "row", "what", "text"}], "unreadable": {FORMAT: MESSAGE}, "absent": [FILE]}\n'
        'or, for a source that does not check, {"command": "verify", "source", "ok": false,\n'
        '"errors": [...]}.',
    )
    sources(v)
    v.add_argument(
        "-o",
        "--out",
        type=Path,
        default=Path("build"),
        metavar="DIR",
        help="folder of the built outputs (default: build)",
    )
    templates(v)
    as_json(v)

    f = command(
        "fmt",
        "quote the lines of a source YAML cannot read or would change",
        "Rewrite each source so YAML reads every character as typed: quote the lines it\n"
        "cannot read or would cut (`- **Revenue**: up`, `headline: FY23: profit up`,\n"
        "`- Ranked #1`, `- & more`, `- [@src] says`), the cells of a `[...]` row that\n"
        "hold a comma (`£11,797.1m`), and take the thousands separators out of a\n"
        "chart's `values`. Comments, order and layout are kept; a second run changes\n"
        "nothing. A file it cannot make readable is left untouched (exit 1).\n\n"
        "examples:\n"
        "  briefing fmt content/q3-review.yaml\n"
        "  briefing fmt --check content/*.yaml   # exit 1 if any would change (CI)",
    )
    f.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="content files (default: every content/*.yaml)",
    )
    f.add_argument(
        "--check",
        action="store_true",
        help="change nothing; list the lines that would change, exit 1 if any",
    )

    n = command(
        "new",
        "scaffold content/NAME.yaml with every field explained",
        "Write content/NAME.yaml: a small briefing with every field of the format\n"
        "present and commented, which checks and builds as it is; and\n"
        f"content/{SCHEMA_FILE}, which its first line names for editors.\n"
        "An existing file is never overwritten.\n\n"
        "example:\n  briefing new q3-review && briefing build content/q3-review.yaml",
    )
    n.add_argument(
        "name", metavar="NAME", help="the briefing's name: lower-case letters, digits and hyphens"
    )
    n.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        metavar="DIR",
        help="folder to write into (default: content)",
    )

    s = command(
        "schema",
        "print the JSON Schema of the content format",
        "Print the JSON Schema of content format version 1, generated from the\n"
        "model. YAML editors complete and check fields with it when a content\n"
        f"file starts with `# yaml-language-server: $schema={SCHEMA_FILE}`.\n\n"
        "examples:\n"
        f"  briefing schema -o content/{SCHEMA_FILE}\n"
        "  briefing schema --markdown -o docs/content-format.md",
    )
    s.add_argument(
        "--markdown",
        action="store_true",
        help="print the format reference in Markdown instead (docs/content-format.md)",
    )
    s.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of standard output"
    )
    return parser


_INTERRUPTED = False


def _on_interrupt(signum: int, frame: object) -> None:
    # -- remembered, then raised: an interrupt that a library turns into an error of its own
    #    (pydantic wraps what its validators raise) still ends as 130, with no false error --
    global _INTERRUPTED
    _INTERRUPTED = True
    raise KeyboardInterrupt


def _unraisable(hook: Any) -> Any:
    """An interrupt raised inside a callback that native code calls (nh3's attribute filter,
    pydantic's validators) cannot propagate and would be printed as "Exception ignored":
    it is raised again, in the main thread, at the next line of Python instead."""

    def handle(unraisable: Any) -> None:
        if issubclass(unraisable.exc_type, KeyboardInterrupt):
            import _thread
            import threading

            # -- from another thread, a moment later: raised in this hook, the interrupt
            #    would itself be "ignored", with a traceback printed --
            threading.Timer(0.01, _thread.interrupt_main).start()
            return
        hook(unraisable)

    return handle


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_interrupt)
    try:
        args = _parser().parse_args(argv)
    except KeyboardInterrupt:
        return 130
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _unraisable(previous_hook)
    try:
        return _main(args)
    finally:
        sys.unraisablehook = previous_hook
        if argv is None:
            # -- the program itself (not a caller in-process): a Ctrl-C while the interpreter
            #    shuts down would kill it by the signal, its last output unflushed; the work
            #    is done and its status decided --
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def _main(args: argparse.Namespace) -> int:
    try:
        with warnings.catch_warnings(record=True) as caught:
            # -- a library's warning (numpy, matplotlib, Pillow) is said once, as our note,
            #    not as its own text and source line on standard error --
            warnings.simplefilter("always")
            status = _run(args)
        _warning_notes(caught)
        sys.stdout.flush()  # -- a full or closed standard output is said here, not at exit --
        return 130 if _INTERRUPTED else status
    except KeyboardInterrupt:
        return 130
    except BriefingError as err:
        if _INTERRUPTED:
            return 130
        if getattr(args, "json", False):
            from briefing import records

            print(records.failed(args.command, err.problems))
        else:
            print(err, file=sys.stderr)
        return EXIT_CONTENT
    except OSError as err:
        if _INTERRUPTED:
            return 130
        _drop_stdout()
        if err.errno == errno.EPIPE:
            return EXIT_CONTENT  # -- the reader went away (`| head`): nothing to say to it --
        where = err.filename or "standard output"
        print(f"briefing: cannot write {where}: {err.strerror or err}", file=sys.stderr)
        return EXIT_CONTENT
    except (RecursionError, MemoryError) as err:
        # -- bounds keep every input well away from these; if one is still reached, say what
        #    happened rather than print a traceback --
        what = "stack" if isinstance(err, RecursionError) else "memory"
        print(
            f"briefing: the build ran out of {what}\n"
            "    hint: simplify the content (less nesting, shorter fields), or free memory",
            file=sys.stderr,
        )
        return EXIT_CONTENT


def _warning_notes(caught: list[warnings.WarningMessage]) -> None:
    seen: set[str] = set()
    for warning in caught:
        if issubclass(warning.category, (DeprecationWarning, PendingDeprecationWarning)):
            continue  # -- the libraries' business with each other, not the reader's --
        module = Path(warning.filename).parent.name or "a library"
        text = f"note: {module} warned: {str(warning.message).splitlines()[0][:300]}"
        if text not in seen:
            seen.add(text)
            print(text, file=sys.stderr)


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush (of what the
    full or closed one would not take) raises nothing at exit."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


def _run(args: argparse.Namespace) -> int:
    if args.command == "new":
        return _new(args.name, args.content)
    if args.command == "schema":
        return _schema(markdown=args.markdown, output=args.output)
    if args.command == "fmt":
        from briefing.project import default_sources, find_project

        files: list[Path] = list(args.files)
        unread: Sequence[BriefingError] = ()
        if not files:
            files, unread = default_sources(find_project())
        _say_refused(unread, command="fmt", as_json=False)
        if not files:
            if unread:
                return EXIT_CONTENT
            print("briefing fmt: no files given and no content/*.yaml found", file=sys.stderr)
            return EXIT_USAGE
        return max(_fmt(files, check=args.check), EXIT_CONTENT if unread else EXIT_OK)

    from briefing.project import default_sources, find_project

    project = find_project(templates=args.templates)
    paths: list[Path] = list(args.sources)
    refused: Sequence[BriefingError] = ()
    if not paths:
        paths, refused = default_sources(project)
    # -- a source linked outside the project is refused on its own; the others still run --
    _say_refused(refused, command=args.command, as_json=getattr(args, "json", False))
    if refused and not paths:
        return EXIT_CONTENT
    status = _run_sources(paths, args, project)
    return max(status, EXIT_CONTENT) if refused else status


def _say_refused(refused: Sequence[BriefingError], *, command: str, as_json: bool) -> None:
    for err in refused:
        if as_json:
            from briefing import records

            print(records.failed(command, err.problems))
        else:
            print(err, file=sys.stderr)


def _run_sources(paths: list[Path], args: argparse.Namespace, project: Project) -> int:
    if not paths:
        print(
            "briefing: no sources given and no content/*.yaml found\n"
            "    hint: name a file, or start one with `briefing new NAME`",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.command == "check":
        return _check(paths, project, as_json=args.json)
    if args.command == "build":
        return _build(paths, args, project)
    if args.command == "verify":
        _refuse_shared_outputs(paths, args.out)  # -- one set of outputs cannot prove two --
        return _verify(paths, args.out, as_json=args.json)
    if args.command == "watch":
        return _watch(paths, args, project)
    if args.command == "preview":
        return _preview(paths, args, project)
    return EXIT_USAGE


def _new(name: str, content: Path) -> int:
    from briefing.content.scaffold import check_name, create

    try:
        name = check_name(name)
    except ValueError as err:
        print(f"briefing new: {err}", file=sys.stderr)
        return EXIT_USAGE
    for path in create(name, content_dir=content, today=dt.date.today()):
        print(f"✓ {path}")
    print(f"  next: edit it, then `briefing build {content / name}.yaml`")
    return EXIT_OK


def _fmt(files: list[Path], *, check: bool) -> int:
    """Mend each file (or, with ``check``, say what would change); 1 if any is wrong."""
    from briefing.content.fmt import format_file
    from briefing.content.source import display_name

    status = EXIT_OK
    for path in files:
        shown = display_name(path)
        try:
            formatted = format_file(path, write=not check)
        except BriefingError as err:
            print(f"{err}\n{shown}: left as it was", file=sys.stderr)
            status = EXIT_CONTENT
            continue
        if not formatted.changed:
            print(f"· {shown}: nothing to change")
            continue
        stream = sys.stderr if check else sys.stdout
        for mend in formatted.mends:
            print(f"{shown}:{mend.line}: {mend.why}\n    {mend.after.strip()}", file=stream)
        lines = f"{len(formatted.mends)} line{'s' * (len(formatted.mends) != 1)}"
        if check:
            print(f"{shown}: would quote {lines}; run `briefing fmt {shown}`", file=sys.stderr)
            status = EXIT_CONTENT
        else:
            print(f"✓ {shown}: quoted {lines}")
    return status


def _schema(*, markdown: bool, output: Path | None) -> int:
    from briefing.content.schema import reference_markdown, schema_text
    from briefing.output import write_atomic

    text = reference_markdown() if markdown else schema_text()
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    if output.is_dir():
        print(f"briefing: -o {output}: is a folder; name a file", file=sys.stderr)
        return EXIT_CONTENT
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as err:
        print(f"briefing: -o {output}: cannot write it ({err.strerror or err})", file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def _check(paths: list[Path], project: Project, *, as_json: bool = False) -> int:
    from briefing import records
    from briefing.build import check_outputs

    problems: list[str] = []
    languages = {"en"}
    for path in paths:
        try:
            briefing = check_outputs(path, project=project)
            languages.add(briefing.language)
            if as_json:
                print(records.checked(path, len(briefing.sections)))
            else:
                print(f"✓ {path}: {len(briefing.sections)} sections")
        except BriefingError as err:
            if as_json:
                print(records.failed("check", err.problems, source=path))
            problems.append(str(err))
    found = _check_templates(project, languages)
    if as_json and found:
        print(records.failed("check", [p for err in found for p in err.problems]))
    problems += [str(err) for err in found]
    if problems:
        if not as_json:
            # -- a theme problem is found by each source's check and by the templates'
            #    check: said once --
            print("\n".join(dict.fromkeys(problems)), file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def _check_templates(project: Project, languages: set[str]) -> list[BriefingError]:
    """The theme and the labels, validated as a build would read them: their problems."""
    # -- read again here, once for the run, so that a theme or labels problem is reported
    #    even when every source failed before reaching them --
    from briefing.look.labels import LABELS_FILE, load_labels
    from briefing.look.theme import load_theme, named_deck_template

    problems = []
    try:
        named_deck_template(project.theme_file, load_theme(project.theme_file))
    except BriefingError as err:
        problems.append(err)
    found = project.template_file(LABELS_FILE)
    if found is None:
        return problems  # -- the build says so, with the folders it looked in --
    for language in sorted(languages):
        try:
            load_labels(found, language)
        except BriefingError as err:
            problems.append(err)
            break  # -- one file: its problems are the same for every language --
    return problems


def _formats(args: argparse.Namespace) -> list[str] | None:
    formats = [f.strip() for f in args.only.split(",") if f.strip()]
    if not formats or any(f not in FORMATS for f in formats):
        print(
            f"briefing: --only takes a list of {', '.join(FORMATS)}; got {args.only!r}",
            file=sys.stderr,
        )
        return None
    if args.deck_template and not args.deck_template.is_file():
        print(f"briefing: --deck-template {args.deck_template}: no such file", file=sys.stderr)
        return None
    return formats


def _build(paths: list[Path], args: argparse.Namespace, project: Project) -> int:
    formats = _formats(args)
    if formats is None:
        return EXIT_USAGE
    _refuse_shared_outputs(paths, args.out)
    from briefing.build import Builder

    failed = False
    with Builder(project) as builder:
        for path in paths:
            try:
                built = builder.build(
                    path,
                    out_dir=args.out,
                    formats=formats,
                    deck_template=args.deck_template,
                    force=args.force,
                )
            except BriefingError as err:
                if args.json:
                    from briefing import records

                    print(records.failed("build", err.problems, source=path))
                else:
                    print(err, file=sys.stderr)
                failed = True
                continue
            for note in built.notes:
                print(f"note: {note}", file=sys.stderr)
            _report(built, path, quiet=args.quiet, as_json=args.json)
            if args.verify:
                # -- the proof is against what the build prepared: the source is not read again
                checked = {path: built.prepared.briefing} if built.prepared else None
                status = _verify(
                    [path],
                    args.out,
                    cached=True,
                    quiet=args.quiet,
                    formats=formats,
                    checked=checked,
                    as_json=args.json,
                )
                failed |= status != EXIT_OK
    return EXIT_CONTENT if failed else EXIT_OK


def _proven(paths: list[Path], out: Path, formats: Sequence[str] | None, *, quiet: bool) -> bool:
    """Every source's outputs proven before and unchanged since, by the build record alone
    (and said): the proof stage is not loaded for a build with nothing to do."""
    from briefing.cache import Manifest

    manifest = Manifest(out)
    wanted = [f for f in FORMATS if f in (formats or FORMATS)]
    files = {p: {f: out / f"{p.stem}.{f}" for f in wanted} for p in paths}
    if not all(manifest.is_verified(p.stem, files[p]) for p in paths):
        return False
    for path in paths:
        if not quiet:
            print(f"✓ {path.stem}: verified, and unchanged since")
    return True


def _refuse_shared_outputs(paths: list[Path], out: Path) -> None:
    """Two sources with one file name would overwrite each other's outputs: refuse both."""
    from briefing.errors import Problem

    first: dict[str, Path] = {}
    problems = []
    for path in paths:
        seen = first.setdefault(path.stem, path)
        if seen is not path and seen.resolve() != path.resolve():
            problems.append(
                Problem.in_file(
                    str(path),
                    f"writes the same outputs as {seen} ({out / path.stem}.*)",
                    hint="rename one of the two files, or build them into different folders "
                    "with -o",
                )
            )
    if problems:
        raise BriefingError(problems)


def _report(built: Built, source: Path, *, quiet: bool, as_json: bool) -> None:
    """One line per output: what it is, its pages or slides, how long it took."""
    if as_json:
        from briefing import records

        print("\n".join(records.built(built, source)))
        return
    for out in built.outputs:
        unit = {"pdf": "pages", "pptx": "slides"}.get(out.fmt, "")
        if not quiet:
            count = f"{out.count} {unit}" if unit else ""
            timing = "up to date" if out.skipped else f"{out.seconds:.1f} s"
            print(f"{'·' if out.skipped else '✓'} {out.path!s:<32}{count:>10}  {timing}")


def _watch(paths: list[Path], args: argparse.Namespace, project: Project) -> int:
    from briefing.watch import watch

    formats = _formats(args)
    if formats is None:
        return EXIT_USAGE
    _refuse_shared_outputs(paths, args.out)
    return watch(
        paths, project=project, out_dir=args.out, formats=formats, deck_template=args.deck_template
    )


def _preview(paths: list[Path], args: argparse.Namespace, project: Project) -> int:
    from briefing.preview.server import is_loopback

    if len(paths) != 1:
        named = ", ".join(str(p) for p in paths)
        print(
            f"briefing: preview shows one source at a time; found {named}\n"
            "    hint: name the one to preview: briefing preview content/NAME.yaml",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not is_loopback(args.host) and not args.allow_remote:
        print(
            f"briefing: --host {args.host} lets other machines read the preview\n"
            "    hint: add --allow-remote if that is what you want, or leave --host out",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not 0 <= args.port <= 65535:
        print(f"briefing: --port {args.port}: give 0 to 65535", file=sys.stderr)
        return EXIT_USAGE
    if args.deck_template and not args.deck_template.is_file():
        print(f"briefing: --deck-template {args.deck_template}: no such file", file=sys.stderr)
        return EXIT_USAGE
    from briefing.preview.session import preview

    return preview(
        paths[0],
        project=project,
        host=args.host,
        port=args.port,
        open_browser=args.open,
        deck_template=args.deck_template,
    )


def _verify(
    paths: list[Path],
    out: Path,
    *,
    cached: bool = False,
    quiet: bool = False,
    formats: Sequence[str] | None = None,
    checked: Mapping[Path, Briefing] | None = None,
    as_json: bool = False,
) -> int:
    """Print the proof of each source's outputs (those in ``formats``, default all);
    with ``cached``, trust proven bytes."""
    if cached and not as_json and _proven(paths, out, formats, quiet=quiet):
        return EXIT_OK
    from briefing import records
    from briefing.proof.verify import Proof, prove

    failed = False
    proofs: list[Proof] = []
    for one in paths:
        try:
            proofs += prove(
                [one],
                out,
                cached=cached,
                formats=formats,
                checked={one: checked[one]} if checked and one in checked else None,
            )
        except BriefingError as err:
            # -- a source that does not check: said, and the others are still proven --
            if as_json:
                print(records.failed("verify", err.problems, source=one))
            else:
                print(err, file=sys.stderr)
            failed = True
    for proof in proofs:
        path, report = proof.source, proof.report
        failed |= not proof.ok
        if as_json:
            print(records.proven(proof))
        elif proof.trusted:
            if not quiet:
                print(f"✓ {path.stem}: verified, and unchanged since")
        elif proof.absent:
            print(
                f"{path}: not built yet: {', '.join(map(str, proof.absent))}\n"
                f"    hint: run `briefing build {path}` first",
                file=sys.stderr,
            )
        elif report is not None:
            print(f"{path.stem}\n{report.matrix()}")
            for message in report.unreadable.values():
                print(message, file=sys.stderr)
            for (row, fmt), missing in sorted(report.missing.items()):
                for exp in missing:
                    print(
                        f"{proof.files[fmt]}: {row} {exp.what} is missing: {exp.text[:80]!r}",
                        file=sys.stderr,
                    )
    return EXIT_CONTENT if failed else EXIT_OK
