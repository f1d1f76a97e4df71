"""Where a project's things are: its content, its templates, its theme.

A project needs no templates of its own: the default look ships inside the
package (``briefing.default_templates``, the repository's top-level
``templates/`` folder). A project's ``templates/`` folder, or the one given with
``--templates``, overrides it file by file, as MkDocs themes do: each template,
and the theme tokens ``theme.yaml``, is taken from the first folder that has it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from briefing.errors import BriefingError, Fault, Problem
from briefing.look.fonts import package_font_dirs

THEME_FILE = "theme.yaml"


class Outside(BriefingError):
    """A file a build would read that lies (once symlinks are resolved) outside the folders
    it may read from, or does not exist. ``reason`` and ``hint`` let a caller that knows the
    line naming the file re-report it there (``Problem.at(src, field, err.reason, ...)``)."""

    def __init__(self, path: Path, reason: str, hint: str, *, outside: bool = False) -> None:
        self.reason = reason
        self.hint = hint
        self.outside = outside  # -- True: it exists, but outside the roots --
        super().__init__(Problem.in_file(str(path), reason, hint=hint))


def confine(path: Path | str, *, roots: Sequence[Path], what: str) -> Path:
    """The real path of ``path``, which must name an existing file inside one of ``roots``.

    The one rule for every file a build reads (sources found in ``content/``, data,
    pictures, the logo, the theme, labels, templates and their includes, deck templates):
    every symlink, in the file's name and in each folder on the way, is resolved *before*
    the check, and ``..`` with it, so neither a link nor a relative climb reaches past the
    roots; the roots are resolved too. ``what`` names the reader in the message ("picture",
    "template", "data file"). Raises :class:`Outside` (a :class:`BriefingError`) naming the
    file; it does not open it: read it with the reader's own size limits.
    """
    given = Path(path)
    if "\x00" in str(given):
        raise Outside(given, f"{what}: the name has a NUL character", "name a file by its path")
    try:
        real = Path(os.path.realpath(given, strict=True))
    except (OSError, RuntimeError, ValueError):
        raise Outside(
            given,
            f"{what}: no such file",
            "check the name: it is read relative to the file that names it",
        ) from None
    real_roots = [Path(os.path.realpath(r)) for r in roots]
    if not any(real.is_relative_to(r) for r in real_roots):
        shown = real if real != given.absolute() else given
        raise Outside(
            given,
            f"{what}: {shown} is outside the project (a build reads only the project's own "
            "files and the built-in defaults)",
            "copy the file into the project and name it there; a symlink to a file elsewhere "
            "is refused too",
            outside=True,
        )
    if not real.is_file():
        raise Outside(given, f"{what}: not a regular file", "name a file, not a folder or device")
    return real


@dataclass(frozen=True)
class Project:
    """A project folder and the template folders it renders with, first match wins."""

    root: Path
    template_dirs: tuple[Path, ...]

    def template_file(self, name: str) -> Path | None:
        """The file ``name`` from the first template folder that has it, or None; one that
        resolves outside the template folders is refused (:func:`confine`)."""
        for folder in self.template_dirs:
            if (folder / name).is_file():
                confine(folder / name, roots=self.template_dirs, what=name)
                return folder / name
        return None

    @property
    def theme_file(self) -> Path:
        """The theme tokens: ``theme.yaml`` from the first template folder that has it."""
        found = self.template_file(THEME_FILE)
        if found is None:
            raise BriefingError(
                Problem.in_file(
                    str(self.template_dirs[0]),
                    f"no {THEME_FILE} in any templates folder",
                    hint="reinstall briefing: its default theme is missing",
                    fault=Fault.TOOL,
                )
            )
        return found

    def allowed_reads(self) -> list[Path]:
        """The only folders rendering may read from: the template folders, the bundled fonts."""
        return [*self.template_dirs, *package_font_dirs()]


def default_templates() -> Path:
    """The templates and theme that ship inside the package."""
    folder = Path(str(files("briefing.default_templates")))
    return folder.resolve()


def find_project(start: Path | None = None, templates: Path | None = None) -> Project:
    """The project around ``start`` (default: the working directory).

    ``templates`` (``--templates DIR``) must exist; without it the project's
    ``templates/`` folder is used when there is one. Either comes before the
    packaged defaults.
    """
    root = (start or Path.cwd()).resolve()
    if templates is not None and not templates.is_dir():
        raise BriefingError(
            Problem.in_file(
                str(templates),
                "--templates: no such folder",
                hint="give a folder of templates that override the built-in ones, or leave "
                "--templates out to use the built-in look",
            )
        )
    own = templates if templates is not None else root / "templates"
    if templates is None and own.is_dir() and not own.resolve().is_relative_to(root):
        # -- the project's own folder, not one the user named: a link elsewhere is refused --
        raise Outside(
            own,
            f"templates: the folder is a link to {own.resolve()}, outside the project",
            "copy the templates into the project, or name the folder with --templates",
        )
    folders = [own.resolve()] if own.is_dir() else []
    packaged = default_templates()
    if packaged not in folders:
        folders.append(packaged)
    return Project(root, tuple(folders))


def default_sources(project: Project) -> tuple[list[Path], list[Outside]]:
    """Every ``content/*.yaml`` of the project, in name order, and the refusals of those
    that are symlinks to a file outside the project; a refused one does not stop the others
    from being read (a source named on the command line is the user's own choice and is not
    confined)."""
    found: list[Path] = []
    refused: list[Outside] = []
    for path in sorted((project.root / "content").glob("*.yaml")):
        try:
            confine(path, roots=[project.root], what="source")
        except Outside as err:
            if err.outside:
                refused.append(err)
                continue
            # -- a FIFO, a folder, a dangling link: the source reader says what it is --
        found.append(path)
    return found, refused
