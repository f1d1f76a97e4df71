"""Where a project's things are: its content, its templates, its theme."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.errors import BriefingError, Problem
from briefing.fonts import package_font_dirs


@dataclass(frozen=True)
class Project:
    root: Path
    templates: Path

    @property
    def theme_file(self) -> Path:
        return self.templates / "theme.yaml"

    def allowed_reads(self) -> list[Path]:
        """The only folders rendering may read from: templates, then the bundled fonts."""
        return [self.templates, *package_font_dirs()]


def find_project(start: Path | None = None, templates: Path | None = None) -> Project:
    """The project around ``start`` (default: the working directory)."""
    root = (start or Path.cwd()).resolve()
    folder = templates or root / "templates"
    if not (folder / "theme.yaml").is_file():
        raise BriefingError(Problem(str(folder), 0, 0, "", "no templates/theme.yaml here",
                                    "run briefing from the project folder, or pass --templates"))
    return Project(root, folder.resolve())


def default_sources(project: Project) -> list[Path]:
    """Every ``content/*.yaml`` of the project, in name order."""
    return sorted((project.root / "content").glob("*.yaml"))
