"""Where a project's things are: its content, its templates, its theme.

A project needs no templates of its own: the default look ships inside the
package (``briefing.default_templates``, the repository's top-level
``templates/`` folder). A project's ``templates/`` folder, or the one given with
``--templates``, overrides it file by file, as MkDocs themes do: each template,
and the theme tokens ``theme.yaml``, is taken from the first folder that has it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from briefing.errors import BriefingError, Problem
from briefing.look.fonts import package_font_dirs

THEME_FILE = "theme.yaml"


@dataclass(frozen=True)
class Project:
    """A project folder and the template folders it renders with, first match wins."""

    root: Path
    template_dirs: tuple[Path, ...]

    def template_file(self, name: str) -> Path | None:
        """The file ``name`` from the first template folder that has it, or None."""
        for folder in self.template_dirs:
            if (folder / name).is_file():
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
    folders = [own.resolve()] if own.is_dir() else []
    packaged = default_templates()
    if packaged not in folders:
        folders.append(packaged)
    return Project(root, tuple(folders))


def default_sources(project: Project) -> list[Path]:
    """Every ``content/*.yaml`` of the project, in name order."""
    return sorted((project.root / "content").glob("*.yaml"))
