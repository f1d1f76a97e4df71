"""Chart labels are data, never markup or formulas; a changed picture is a changed input.

Category and series names that look like HTML, a Jinja expression or a TeX formula come
out as the same words in the page's SVG and in the deck's chart. And the build cache,
which skips outputs whose inputs are unchanged, counts a picture the source names as
one of those inputs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
from PIL import Image
from pptx import Presentation

from briefing.build import Builder
from briefing.project import find_project

ROOT = Path(__file__).resolve().parent.parent
LABELS = ["<script>alert(1)</script>", "{{ 7*7 }}", "$5m-$10m", "A & B"]

SOURCE = """\
title: Hostile labels
date: 2026-11-26
author: Tests
summary: A chart whose labels look like code.
takeaways: [One message.]
sections:
  - id: one
    title: One
    headline: The so-what.
    body: Some prose.
    points: [A point.]
    figures:
      - chart: bar
        caption: Labels are text
        categories: {categories}
        series:
          - name: "<b>bold</b> $x$"
            values: [1, 2, 3, 4]
      - image: p.png
        alt: A blue field
"""


def write(folder: Path) -> Path:
    content = folder / "content"
    content.mkdir(parents=True)
    quoted = "[" + ", ".join(f"'{label}'" for label in LABELS) + "]"
    source = content / "x.yaml"
    source.write_text(SOURCE.format(categories=quoted), encoding="utf-8")
    Image.new("RGB", (40, 20), "#0B5CAD").save(content / "p.png")
    return source


def test_labels_that_look_like_code_stay_words(tmp_path: Path) -> None:
    source = write(tmp_path)
    with Builder(find_project(ROOT), parallel=False, cache=False) as builder:
        built = builder.build(source, out_dir=tmp_path / "out", formats=("html", "pptx"))
    root = lxml.html.fromstring(built.files["html"].read_bytes())
    assert not root.xpath("//script")
    words = [t.text_content() for t in root.xpath("//svg//text")]
    for label in LABELS:
        assert label in words, label
    # -- one series has no legend: its name is in the alt text, the SVG's title --
    assert "<b>bold</b> $x$" in root.xpath("//svg/title")[0].text_content()
    prs = Presentation(str(built.files["pptx"]))
    plot = next(s.chart.plots[0] for slide in prs.slides for s in slide.shapes if s.has_chart)
    assert list(plot.categories) == LABELS
    assert plot.series[0].name == "<b>bold</b> $x$"


def test_a_changed_picture_is_built_again(tmp_path: Path) -> None:
    source = write(tmp_path)
    out = tmp_path / "out"
    with Builder(find_project(ROOT), parallel=False, cache=True) as builder:
        first = builder.build(source, out_dir=out, formats=("html",))
        again = builder.build(source, out_dir=out, formats=("html",))
        assert [o.skipped for o in first.outputs] == [False]
        assert [o.skipped for o in again.outputs] == [True]
        Image.new("RGB", (40, 20), "#B42318").save(source.parent / "p.png")
        changed = builder.build(source, out_dir=out, formats=("html",))
    assert [o.skipped for o in changed.outputs] == [False]
    shutil.rmtree(out)
