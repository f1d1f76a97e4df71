"""A section may not take an id the page uses for its own anchors (the summary, the sources,
a source's or footnote's number, the contents), nor one the page derives from another
section's id: two elements with one id send a citation to the wrong place. Each is refused
at the id's line; the list is in the format docs."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.build import check
from briefing.content.model import RESERVED_IDS, RESERVED_PREFIXES
from briefing.errors import BriefingError
from support import ROOT

SOURCE = """\
title: Ids
date: 2026-11-26
author: Tests
summary: One section.
takeaways: [One message.]
sections:
  - id: {first}
    title: One
    headline: The so-what.
    body: Some prose.
    points: [A point.]
  - id: {second}
    title: Two
    headline: The so-what.
    body: Some prose.
    points: [A point.]
"""


def problems(tmp_path: Path, first: str, second: str = "other") -> list[str]:
    path = tmp_path / "x.yaml"
    path.write_text(SOURCE.format(first=first, second=second))
    with pytest.raises(BriefingError) as caught:
        check(path)
    return [f"{p.line}:{p.column} {p.path} {p.message}" for p in caught.value.problems]


@pytest.mark.parametrize("ident", ["sources", "summary", "toc-title", "sources-title", "cover"])
def test_a_reserved_id_is_refused_at_its_line(tmp_path: Path, ident: str) -> None:
    (found,) = problems(tmp_path, ident)
    assert found.startswith("7:9 sections[0].id ")
    assert f"'{ident}' is reserved" in found


@pytest.mark.parametrize("ident", ["source-forecast", "fn-1", "fnref-2"])
def test_an_id_with_a_reserved_prefix_is_refused(tmp_path: Path, ident: str) -> None:
    (found,) = problems(tmp_path, ident)
    assert "sections[0].id" in found and "the page's own" in found


@pytest.mark.parametrize("ident", ["one-title", "one-points", "one-figure-1", "one-chart-2"])
def test_an_id_another_section_derives_is_refused(tmp_path: Path, ident: str) -> None:
    (found,) = problems(tmp_path, "one", ident)
    assert found.startswith("12:9 sections[1].id ")
    assert "section 'one'" in found


def test_ids_near_the_reserved_ones_pass(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(SOURCE.format(first="sources-of-growth", second="summary-2026"))
    assert [s.id for s in check(path).sections] == ["sources-of-growth", "summary-2026"]


def test_every_reserved_id_and_prefix_is_in_the_id_fields_description() -> None:
    # -- the description is prose written beside the field: this keeps it to the lists --
    (row,) = [
        line
        for line in (ROOT / "docs" / "content-format.md").read_text().splitlines()
        if line.startswith("| `id` |") and "Unique slug" in line
    ]
    assert all(f"`{name}`" in row for name in (*RESERVED_IDS, *RESERVED_PREFIXES))


def test_the_page_uses_the_reserved_ids() -> None:
    template = (ROOT / "templates" / "briefing.html.j2").read_text()
    for ident in ("summary", "sources", "sources-title", "cover", "summary-title"):
        assert f'id="{ident}"' in template
    assert 'id="source-{{' in template
