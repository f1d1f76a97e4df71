"""Rebuild on change: ``briefing watch``.

Watches exactly what the builds read (each build records its inputs as it reads
them: the source, its pictures, the theme, its logo, the labels, the templates,
the deck template, the metric fonts) and the template folders, and takes up a
``templates/`` folder made after it started; on a change it
rebuilds what is out of date with one :class:`Builder`, whose PDF worker stays
warm between rebuilds, and prints one line per rebuild. A broken source or
template is printed and watching goes on; so is anything else a build raises, and a
PDF worker that died is replaced. The output folder is never watched.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Collection, Generator
from pathlib import Path

import watchfiles

from briefing.build import Builder
from briefing.errors import BriefingError
from briefing.project import Project, find_project


def watch(
    paths: list[Path],
    *,
    project: Project,
    out_dir: Path,
    formats: Collection[str],
    deck_template: Path | None = None,
) -> int:
    """Build ``paths``, then rebuild on each change until interrupted; the exit status."""
    with Builder(project) as builder:
        _rebuild(builder, paths, out_dir, formats, deck_template, reason="start")
        watched = Watched(builder, paths, builder.project, out_dir)
        roots = watched.roots
        changes = _changes(roots)
        try:
            for changed in changes:
                hits = [c for c in changed if watched.relevant(c)]
                grown = _own_templates(builder.project)
                if grown is not None:
                    # -- a templates/ folder made since the start overrides the built-in look --
                    builder.project = grown
                    hits, sources = [grown.template_dirs[0]], paths
                elif not hits:
                    continue
                else:
                    sources = watched.sources_for(hits)
                reason = ", ".join(_short(c) for c in hits[:3])
                _rebuild(builder, sources, out_dir, formats, deck_template, reason=reason)
                watched = Watched(builder, paths, builder.project, out_dir)
                if not set(watched.roots) <= set(roots):
                    # -- a build read a file in a folder not watched yet (a picture in a
                    #    new folder, a new templates/ folder): watch it too. Folders are only
                    #    ever added, for a watcher started again can miss a change made
                    #    meanwhile --
                    roots = sorted({*roots, *watched.roots})
                    changes.close()
                    changes = _changes(roots)
        except KeyboardInterrupt:
            builder.abandon()  # -- the end of watching: a rebuild under way is not waited for
        finally:
            changes.close()
    return 0


class Watched:
    """What ``watch`` watches: exactly the files the last builds read (recorded by the
    builds, :mod:`briefing.inputs`), and the template folders, where a new file can
    override a packaged one. The output folder is never watched."""

    def __init__(self, builder: Builder, paths: list[Path], project: Project, out_dir: Path):
        self.paths = paths
        self.sources = [p.resolve() for p in paths]
        self.read: dict[Path, set[Path]] = {
            s: {*builder.inputs.get(p, ()), s} for p, s in zip(paths, self.sources, strict=True)
        }
        self.files = set().union(*self.read.values()) if self.read else set()
        self.folders = [d.resolve() for d in project.template_dirs]
        self.outputs = out_dir.resolve()
        # -- a file is watched through its folder (an editor replaces a file by renaming
        #    another onto it); a folder that does not exist yet, through its parent --
        self.roots = sorted({_existing(p.parent) for p in self.files} | set(self.folders))

    def relevant(self, path: Path) -> bool:
        """A file a build read, or a file of a template folder; never outputs or logs."""
        if path in self.files:
            return True
        if path.is_relative_to(self.outputs) or path.name.startswith("."):
            return False
        return any(path.is_relative_to(f) for f in self.folders)

    def sources_for(self, changed: list[Path]) -> list[Path]:
        """The sources a change affects: those that read a changed file; all of them for a
        new file in a template folder (any template may now come from it)."""
        hit = [
            p for p, s in zip(self.paths, self.sources, strict=True) if self.read[s] & set(changed)
        ]
        if any(c not in self.files for c in changed):
            return self.paths
        return hit


def _changes(roots: list[Path]) -> Generator[list[Path], None, None]:
    """The files changed under ``roots``, one list per batch of changes, until Ctrl-C."""
    announced = False
    for changes in watchfiles.watch(
        *roots,
        debounce=100,
        step=30,
        rust_timeout=300,
        yield_on_timeout=True,
        raise_interrupt=False,
    ):
        if not announced:
            # -- only now is the watcher running: a change from here on is seen --
            print(f"  watching {', '.join(_short(r) for r in roots)} (Ctrl-C to stop)", flush=True)
            announced = True
        # -- an empty batch on each timeout: a templates/ folder made since the start (not
        #    under any watched folder) is looked for then --
        yield sorted({Path(p).resolve() for _, p in changes})


def _own_templates(project: Project) -> Project | None:
    """The project again, when it had no templates folder of its own (nor --templates)
    and ``templates/`` exists now; otherwise None."""
    own = project.root / "templates"
    # -- (the repository's own templates/ is the built-in look: nothing new) --
    new = own.is_dir() and own.resolve() not in project.template_dirs
    return find_project(project.root) if len(project.template_dirs) == 1 and new else None


def _existing(folder: Path) -> Path:
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder


def _rebuild(
    builder: Builder,
    paths: list[Path],
    out_dir: Path,
    formats: Collection[str],
    deck_template: Path | None,
    *,
    reason: str,
) -> None:
    for path in paths:
        started = time.perf_counter()
        try:
            built = builder.build(
                path, out_dir=out_dir, formats=formats, deck_template=deck_template
            )
        except BriefingError as err:
            print(
                f"✗ {path.stem}: {reason} changed; not rebuilt:\n{err}", file=sys.stderr, flush=True
            )
            continue
        except Exception as err:  # -- watch never dies of one build: say what, carry on --
            builder.reset_worker()
            print(
                f"✗ {path.stem}: {reason} changed; not rebuilt: internal error: "
                f"{type(err).__name__}: {err}\n    hint: please report this; watching goes on",
                file=sys.stderr,
                flush=True,
            )
            continue
        made = [o.fmt for o in built.outputs if not o.skipped]
        what = ", ".join(made) if made else "nothing to rebuild"
        seconds = time.perf_counter() - started
        print(
            f"✓ {time.strftime('%H:%M:%S')} {path.stem}: {reason} → {what} in {seconds:.2f} s",
            flush=True,
        )


def _short(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
