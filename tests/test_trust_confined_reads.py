"""Every file a build reads is confined by one rule (:func:`briefing.project.confine`): its
real path, symlinks resolved, inside the project or the packaged defaults.

Each kind of reader (templates and their includes, the theme, the labels, the logo, a
picture, the theme's deck template, a source found in ``content/``) is given a file outside
the project four ways: a symlink, a ``..`` climb, an absolute path, and a path through a
symlinked folder. Each is refused with a message naming the file, and the outside file's
words appear nowhere.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from briefing.build import check_outputs
from briefing.errors import BriefingError
from briefing.project import Outside, confine, default_sources, find_project
from support import ROOT, VALID, run_cli

SECRET = "SECRET-LINE-4711"
WAYS = ["symlink", "dotdot", "absolute", "linked-folder"]


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder beside an ``outside`` folder holding a secret, a picture, a deck."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET)
    (outside / "p.png").write_bytes(png())
    (outside / "corp.pptx").write_bytes(b"PK")  # -- refused before it is opened --
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "templates").mkdir()
    shutil.copy(VALID, root / "content" / "brief.yaml")
    monkeypatch.chdir(root)
    return root


def name_for(way: str, root: Path, folder: Path, file: str, link: str) -> str:
    """The name, as written in a file of ``folder``, that reaches ``outside/file``."""
    outside = root.parent / "outside"
    if way == "symlink":
        (folder / link).symlink_to(outside / file)
        return link
    if way == "dotdot":
        depth = len(folder.relative_to(root.parent).parts)
        return "../" * depth + f"outside/{file}"
    if way == "absolute":
        return str(outside / file)
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    return f"linked/{file}"


def refused(root: Path) -> str:
    with pytest.raises(BriefingError) as caught:
        check_outputs(root / "content" / "brief.yaml", project=find_project(root))
    text = str(caught.value)
    assert SECRET not in text
    return text


@pytest.mark.parametrize("way", WAYS)
def test_a_template_include_outside_is_refused(project: Path, way: str) -> None:
    templates = project / "templates"
    name = name_for(way, project, templates, "secret.txt", "leak.txt")
    (templates / "briefing.html.j2").write_text(f'{{% include "{name}" %}}\n')
    text = refused(project)
    # -- a link is followed and refused; Jinja itself refuses ".." and absolute names --
    says = "outside the project" if way in {"symlink", "linked-folder"} else "template not found"
    assert says in text


def test_a_template_that_is_a_symlink_outside_is_refused(project: Path) -> None:
    (project / "templates" / "briefing.html.j2").symlink_to(project.parent / "outside/secret.txt")
    assert "outside the project" in refused(project)


def test_a_templates_folder_linked_outside_is_refused(project: Path) -> None:
    (project / "templates").rmdir()
    (project / "templates").symlink_to(project.parent / "outside", target_is_directory=True)
    with pytest.raises(Outside, match="outside the project"):
        find_project(project)


@pytest.mark.parametrize("file", ["theme.yaml", "labels.yaml"])
def test_a_theme_or_labels_file_linked_outside_is_refused(project: Path, file: str) -> None:
    (project / "templates" / file).symlink_to(project.parent / "outside/secret.txt")
    with pytest.raises(BriefingError, match="outside the project") as caught:
        project_ = find_project(project)
        check_outputs(project / "content" / "brief.yaml", project=project_)
    assert SECRET not in str(caught.value)


THEME = (ROOT / "templates" / "theme.yaml").read_text()


def theme_with(line: str, after: str) -> str:
    return THEME.replace(after, after + line, 1)


@pytest.mark.parametrize("way", WAYS)
def test_a_logo_outside_is_refused(project: Path, way: str) -> None:
    templates = project / "templates"
    name = name_for(way, project, templates, "p.png", "logo.png")
    (templates / "theme.yaml").write_text(THEME + f"\nlogo: {name}\n")
    text = refused(project)
    assert "theme.yaml:" in text and "logo:" in text and "outside" in text


@pytest.mark.parametrize("way", WAYS)
def test_a_picture_outside_is_refused(project: Path, way: str) -> None:
    content = project / "content"
    name = name_for(way, project, content, "p.png", "p.png")
    source = content / "brief.yaml"
    text = source.read_text()
    figure = f"    figures:\n      - image: {name}\n        alt: A red box.\n"
    at = text.index("    headline:")
    at = text.index("\n", at) + 1
    source.write_text(text[:at] + figure + text[at:])
    text = refused(project)
    assert "figures[0].image" in text and "outside" in text


@pytest.mark.parametrize("way", WAYS)
def test_a_deck_template_outside_is_refused_at_the_theme_line(project: Path, way: str) -> None:
    templates = project / "templates"
    name = name_for(way, project, templates, "corp.pptx", "corp.pptx")
    theme = theme_with(f"  template: {name}\n", "\ndeck:\n")
    (templates / "theme.yaml").write_text(theme)
    line = next(n for n, text in enumerate(theme.splitlines(), 1) if "template: " in text)
    text = refused(project)
    assert f"theme.yaml:{line}:" in text
    assert "deck.template" in text
    assert "outside the project" in text


def test_a_source_in_content_linked_outside_is_refused(project: Path) -> None:
    (project / "content" / "leak.yaml").symlink_to(project.parent / "outside/secret.txt")
    found, refused = default_sources(find_project(project))
    assert found == [project / "content" / "brief.yaml"]
    assert [str(err) for err in refused] == [str(refused[0])]
    assert "leak.yaml" in str(refused[0]) and "outside the project" in str(refused[0])


@pytest.mark.parametrize("command", ["check", "fmt"])
def test_a_source_linked_outside_does_not_stop_the_others(
    project: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # -- named first in name order, so a refusal that stopped the run would hide brief.yaml
    (project / "content" / "a-leak.yaml").symlink_to(project.parent / "outside/secret.txt")
    run = run_cli([command], capsys)
    assert run.status == 1
    assert "a-leak.yaml" in run.err and "outside the project" in run.err
    assert SECRET not in run.err + run.out
    assert "brief.yaml" in run.out  # -- checked (or formatted) all the same


@pytest.mark.parametrize("way", WAYS)
def test_confine_itself(project: Path, way: str) -> None:
    content = project / "content"
    name = name_for(way, project, content, "secret.txt", "leak.txt")
    with pytest.raises(Outside, match=r"data file: .*outside the project"):
        confine(content / name, roots=[project], what="data file")


def test_confine_gives_the_real_path_inside(project: Path) -> None:
    (project / "content" / "alias.yaml").symlink_to(project / "content" / "brief.yaml")
    real = confine(project / "content" / "alias.yaml", roots=[project], what="source")
    assert real == (project / "content" / "brief.yaml").resolve()


@pytest.mark.parametrize(
    "hostile",
    ["include", "picture", "template-limit", "reserved-id", "svg-bomb"],
)
def test_a_refused_build_leaves_the_previous_outputs(
    project: Path, capsys: pytest.CaptureFixture[str], hostile: str
) -> None:
    from support import previous_outputs, run_cli, snapshot

    source = project / "content" / "brief.yaml"
    text = source.read_text()
    at = text.index("\n", text.index("    headline:")) + 1
    if hostile == "include":
        (project / "templates" / "leak.txt").symlink_to(project.parent / "outside/secret.txt")
        (project / "templates" / "briefing.html.j2").write_text('{% include "leak.txt" %}\n')
    elif hostile == "template-limit":
        (project / "templates" / "briefing.html.j2").write_text('{{ "x" * 1500000000 }}\n')
    elif hostile == "picture":
        (project / "content" / "p.png").symlink_to(project.parent / "outside/p.png")
        figure = "    figures:\n      - image: p.png\n        alt: A red box.\n"
        source.write_text(text[:at] + figure + text[at:])
    elif hostile == "svg-bomb":
        uses = "".join('<use href="#a"/>' for _ in range(100))
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><defs>'
            f'<rect id="a" width="1"/><g id="b">{uses}</g></defs>'
            + "".join('<use href="#b"/>' for _ in range(100))
            + "</svg>"
        )
        (project / "content" / "p.svg").write_text(svg)
        figure = "    figures:\n      - image: p.svg\n        alt: A drawing.\n"
        source.write_text(text[:at] + figure + text[at:])
    else:
        source.write_text(text.replace("  - id: ", "  - id: sources #", 1))
    out = project / "out"
    before = previous_outputs(out, source.stem)
    run = run_cli(["build", str(source), "-o", str(out)], capsys)
    assert run.status == 1, run.err
    assert "Traceback" not in run.err and SECRET not in run.err
    assert snapshot(out) == before
