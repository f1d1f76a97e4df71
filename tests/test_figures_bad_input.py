"""Bad figures are refused at their FILE:LINE:COL, with a hint, before anything is built.

Each case is a small briefing written into a temporary content folder: a chart whose
series are shorter than its categories, a value that is not a number, an unknown kind,
a picture without alt text, a picture outside the project, too large, not a picture,
or an SVG that could run or fetch something.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from briefing.build import check
from briefing.errors import BriefingError, Problem
from briefing.look.theme import load_theme
from support import figures_source

ROOT = Path(__file__).resolve().parent.parent


def write(folder: Path, figure: str) -> Path:
    return figures_source(folder, figure, title="Figures")


def problems(source: Path) -> list[Problem]:
    with pytest.raises(BriefingError) as caught:
        check(source)
    return caught.value.problems


def line_of(source: Path, text: str) -> int:
    lines = source.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


CHART = """\
- chart: column
  caption: Demand passes capacity
  categories: [2026, 2027, 2028]
  series:
    - name: Demand
      values: [1, 2, 3]
"""


def test_a_good_chart_passes(tmp_path: Path) -> None:
    briefing = check(write(tmp_path, CHART))
    chart = briefing.sections[0].figures[0]
    assert chart.categories == ["2026", "2027", "2028"]  # -- years stay labels, as written


def test_a_series_with_fewer_numbers_than_categories(tmp_path: Path) -> None:
    source = write(tmp_path, CHART.replace("[1, 2, 3]", "[1, 2]"))
    [p] = problems(source)
    assert (p.line, p.path) == (
        line_of(source, "[1, 2]"),
        "sections[0].figures[0].series[0].values",
    )
    assert "2 values for 3 categories" in p.message
    assert p.hint


def test_a_value_that_is_not_a_number(tmp_path: Path) -> None:
    source = write(tmp_path, CHART.replace("[1, 2, 3]", "[1, n/a, 3]"))
    found = problems(source)
    assert [p.path for p in found] == ["sections[0].figures[0].series[0].values[1]"]
    assert found[0].line == line_of(source, "n/a")
    assert "'n/a' is not a number" in found[0].message
    assert "unit" in found[0].hint


def test_an_unknown_chart_kind_suggests_the_nearest(tmp_path: Path) -> None:
    source = write(tmp_path, CHART.replace("chart: column", "chart: colum"))
    found = problems(source)
    assert [p.path for p in found] == ["sections[0].figures[0].chart"]
    assert "unknown chart kind 'colum'" in found[0].message
    assert "column" in found[0].hint


def test_a_highlight_that_names_nothing(tmp_path: Path) -> None:
    source = write(tmp_path, CHART + "  highlight: Supply\n")
    [p] = problems(source)
    assert p.path == "sections[0].figures[0].highlight"
    assert "Demand" in p.hint


def test_totals_outside_a_waterfall(tmp_path: Path) -> None:
    source = write(tmp_path, CHART + "  totals: ['2028']\n")
    [p] = problems(source)
    assert p.path == "sections[0].figures[0].totals"


def test_an_unknown_field_in_a_chart(tmp_path: Path) -> None:
    source = write(tmp_path, CHART + "  colour: red\n")
    [p] = problems(source)
    assert (p.path, p.line) == ("sections[0].figures[0].colour", line_of(source, "colour:"))


def picture(folder: Path, name: str = "p.png", size: tuple[int, int] = (40, 20)) -> Path:
    path = folder / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, "#0B5CAD").save(path, format="PNG")
    return path


def image(name: str, alt: str | None = "A blue field") -> str:
    return f"- image: {name}\n" + (f"  alt: {alt}\n" if alt else "")


def test_a_good_picture_passes(tmp_path: Path) -> None:
    picture(tmp_path, "images/p.png")
    check(write(tmp_path, image("images/p.png")))


def test_a_picture_without_alt_text(tmp_path: Path) -> None:
    picture(tmp_path)
    source = write(tmp_path, image("p.png", alt=None))
    [p] = problems(source)
    assert p.path == "sections[0].figures[0]"
    assert p.line == line_of(source, "image: p.png")
    assert "no alt text" in p.message
    assert "decorative: true" in p.hint


def test_a_decorative_picture_needs_no_alt(tmp_path: Path) -> None:
    picture(tmp_path)
    check(write(tmp_path, image("p.png", alt=None) + "  decorative: true\n"))


@pytest.mark.parametrize("name", ["../outside.png", "/etc/hostname"])
def test_a_picture_outside_the_project(tmp_path: Path, name: str) -> None:
    Image.new("RGB", (4, 4)).save(tmp_path / "outside.png")
    source = write(tmp_path, image(name))
    [p] = problems(source)
    assert p.path == "sections[0].figures[0].image"
    assert p.line == line_of(source, "image:")
    assert "outside" in p.message


def test_a_symlink_that_leads_outside(tmp_path: Path) -> None:
    Image.new("RGB", (4, 4)).save(tmp_path / "outside.png")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "link.png").symlink_to(tmp_path / "outside.png")
    [p] = problems(write(tmp_path, image("link.png")))
    assert "outside" in p.message


def test_a_missing_picture(tmp_path: Path) -> None:
    [p] = problems(write(tmp_path, image("nowhere.png")))
    assert "no such file" in p.message


def test_a_picture_with_too_many_pixels(tmp_path: Path) -> None:
    path = tmp_path / "content" / "huge.png"
    path.parent.mkdir()
    Image.new("1", (6000, 5000)).save(path)  # -- a small file, 30 million pixels
    [p] = problems(write(tmp_path, image("huge.png")))
    assert "too large (6000 x 5000 pixels" in p.message


def test_a_picture_file_too_large(tmp_path: Path) -> None:
    path = picture(tmp_path)
    with path.open("ab") as out:
        out.write(b"\0" * 6_000_000)
    [p] = problems(write(tmp_path, image("p.png")))
    assert "too large" in p.message and "bytes" in p.message


def test_the_format_is_read_from_the_bytes_not_the_name(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "notes.png").write_text("not a picture", encoding="utf-8")
    [p] = problems(write(tmp_path, image("notes.png")))
    assert "not a PNG, JPEG or SVG" in p.message
    # -- and a JPEG named .png is a JPEG, and fine --
    Image.new("RGB", (8, 8)).save(tmp_path / "content" / "photo.png", format="JPEG")
    check(write(tmp_path, image("photo.png")))


def test_a_gif_is_not_shown(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    Image.new("RGB", (8, 8)).save(tmp_path / "content" / "a.gif", format="GIF")
    [p] = problems(write(tmp_path, image("a.gif")))
    assert "GIF" in p.message


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'


@pytest.mark.parametrize(
    ("inside", "said"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ('<rect width="1" height="1" onclick="alert(1)"/>', "onclick="),
        ('<image href="https://example.com/x.png"/>', "<image>"),
        (
            '<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="other.svg#a"/>',
            "other.svg",
        ),
        ('<rect style="fill: url(https://example.com/p)"/>', "refers outside"),
        ("<style>@import url(https://example.com/a.css);</style>", "<style>"),
        ("<foreignObject><p>x</p></foreignObject>", "<foreignObject>"),
    ],
)
def test_an_svg_that_could_run_or_fetch_is_refused(tmp_path: Path, inside: str, said: str) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.svg").write_text(SVG.format(inside), encoding="utf-8")
    [p] = problems(write(tmp_path, image("a.svg")))
    assert said in p.message, p.message


def test_an_svg_with_entities_is_refused(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    text = '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + SVG.format(
        "<text>&x;</text>"
    )
    (tmp_path / "content" / "a.svg").write_text(text, encoding="utf-8")
    [p] = problems(write(tmp_path, image("a.svg")))
    assert "DTD" in p.message


def test_an_svg_keeps_its_drawing_and_loses_editor_metadata(tmp_path: Path) -> None:
    from briefing.content.images import load_picture

    folder = tmp_path / "content"
    folder.mkdir()
    drawing = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/'
        'namespaces/inkscape" viewBox="0 0 40 20" inkscape:version="1.3"><metadata>x</metadata>'
        '<rect width="40" height="20" fill="#0B5CAD"/></svg>'
    )
    (folder / "a.svg").write_text(drawing, encoding="utf-8")
    picture_ = load_picture(folder / "a.svg", root=folder)
    assert (picture_.mime, picture_.width, picture_.height) == ("image/svg+xml", 40, 20)
    assert b"<rect" in picture_.data
    assert b"inkscape" not in picture_.data and b"metadata" not in picture_.data


def test_a_logo_outside_the_theme_folder(tmp_path: Path) -> None:
    theme = tmp_path / "templates" / "theme.yaml"
    theme.parent.mkdir()
    text = (ROOT / "templates" / "theme.yaml").read_text(encoding="utf-8")
    theme.write_text(text + "logo: ../logo.png\n", encoding="utf-8")
    Image.new("RGB", (4, 4)).save(tmp_path / "logo.png")
    with pytest.raises(BriefingError) as caught:
        load_theme(theme)
    [p] = caught.value.problems
    assert p.path == "logo" and "outside" in p.message
    assert p.line == len(text.splitlines()) + 1


def test_the_command_prints_file_line_column_and_keeps_old_outputs(tmp_path: Path) -> None:
    source = write(tmp_path, CHART.replace("[1, 2, 3]", "[1, 2]"))
    out = tmp_path / "build"
    out.mkdir()
    (out / "x.html").write_text("previous", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "build", str(source), "-o", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    where = f"content/x.yaml:{line_of(source, '[1, 2]')}:"
    assert where in done.stderr and "hint:" in done.stderr
    assert "Traceback" not in done.stderr
    assert (out / "x.html").read_text(encoding="utf-8") == "previous"
