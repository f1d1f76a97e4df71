"""Rebuild on change: ``briefing watch``.

Watches the sources, the template folders and a deck template; on a change it
rebuilds what is out of date with one :class:`Builder`, whose PDF worker stays
warm between rebuilds, and prints one line per rebuild. A broken source or
template is printed and watching goes on; so is anything else a build raises, and a
PDF worker that died is replaced. The output folder is never watched.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Collection
from pathlib import Path

import watchfiles

from briefing.build import Builder, data_files_named, theme_deck_template
from briefing.errors import BriefingError
from briefing.project import Project


def watch(
    paths: list[Path],
    *,
    project: Project,
    out_dir: Path,
    formats: Collection[str],
    deck_template: Path | None = None,
) -> int:
    """Build ``paths``, then rebuild on each change until interrupted; the exit status."""
    watched = [p.resolve() for p in paths]
    folders = [d.resolve() for d in project.template_dirs]
    named = [deck_template] if deck_template is not None else theme_deck_template(project)
    extra = [p.resolve() for p in named]
    # -- a theme-named template outside the watched folders is watched through its folder;
    #    system fonts are not watched (they change with a package install, not an edit) --
    data = _data_inputs(paths)
    named = [f for files in data.values() for f in files]
    roots = sorted({p.parent for p in [*watched, *extra, *named]} | set(folders))
    outputs = out_dir.resolve()

    def relevant(path: Path) -> bool:
        # -- the sources, their data files, the deck template and template files; never
        #    outputs or logs --
        if path in watched or path in extra or any(path in d for d in data.values()):
            return True
        if path.is_relative_to(outputs) or path.name.startswith("."):
            return False
        return any(path.is_relative_to(f) for f in folders)

    with Builder(project) as builder:
        _rebuild(builder, paths, out_dir, formats, deck_template, reason="start")
        try:
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
                    where = ", ".join(_short(r) for r in roots)
                    print(f"  watching {where} (Ctrl-C to stop)", flush=True)
                    announced = True
                changed = sorted({Path(p).resolve() for _, p in changes})
                hits = [c for c in changed if relevant(c)]
                if not hits:
                    continue
                # -- a source or data change rebuilds that source; a template change all --
                sources = [
                    p
                    for p, w in zip(paths, watched, strict=True)
                    if w in hits or any(c in data[w] for c in hits)
                ]
                if any(c not in watched and not any(c in d for d in data.values()) for c in hits):
                    sources = paths
                data = _data_inputs(paths)  # -- a source may name other data files now --
                reason = ", ".join(_short(c) for c in hits[:3])
                _rebuild(builder, sources, out_dir, formats, deck_template, reason=reason)
        except KeyboardInterrupt:
            pass
    return 0


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


def _data_inputs(paths: list[Path]) -> dict[Path, list[Path]]:
    """Each source's data files (resolved), as its build reads them."""
    found: dict[Path, list[Path]] = {}
    for path in paths:
        try:
            found[path.resolve()] = data_files_named(path.read_bytes(), path)
        except OSError:
            found[path.resolve()] = []  # -- the build says what is wrong with the source --
    return found


def _short(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
