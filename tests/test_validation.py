"""Validation in memory: rules without a bad fixture, hints, and every problem reported at once.

The rules with a file in tests/fixtures/bad/ are tested through the command line in
test_errors_bad_sources.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.content.source import parse
from briefing.content.validate import validate
from briefing.errors import BriefingError

GOOD = """\
title: T
date: 2026-11-26
author: A
summary: S [@src]
takeaways:
  - One
sections:
  - id: one
    title: One
    headline: H
    body: B
    points:
      - P
sources:
  - id: src
    title: Source
"""


def problems(text: str) -> list[str]:
    try:
        validate(parse(text.encode("utf-8"), path=Path("x.yaml"), name="x.yaml"))
    except BriefingError as err:
        return [str(p) for p in err.problems]
    return []


def test_the_minimal_source_is_valid() -> None:
    assert problems(GOOD) == []


# -- the rules tests/fixtures/bad/ has no file for (test_errors_bad_sources.py runs those
#    through the whole command): (what is changed, the source, the expected message start) --
CASES = [
    (
        "wrong type (a list where text goes)",
        GOOD.replace("author: A", "author: [A, B]"),
        "x.yaml:3:9: author: expected text, got a list",
    ),
    (
        "wrong type (a mapping over lines where text goes)",
        GOOD.replace("      - P", "      - a: P\n        b: Q"),
        "x.yaml:13:9: sections[0].points[0]: expected text, got a mapping",
    ),
    (
        "bad date",
        GOOD.replace("date: 2026-11-26", 'date: "next week"'),
        "x.yaml:2:7: date: must be a date written YYYY-MM-DD",
    ),
    (
        "bad section id",
        GOOD.replace("id: one", "id: One Two"),
        "x.yaml:8:9: sections[0].id: 'One Two' is not allowed here",
    ),
    (
        "too few takeaways",
        GOOD.replace("takeaways:\n  - One", "takeaways: []"),
        "x.yaml:5:12: takeaways: has 0 items; at least 1 allowed",
    ),
    (
        "absurd headline",
        GOOD.replace("headline: H", "headline: " + "word " * 900),
        "x.yaml:10:15: sections[0].headline: is 4,499 characters long; at most 200 fit here",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_bad_source_names_the_place_and_the_problem(text: str, expected: str) -> None:
    found = problems(text)
    assert any(p.startswith(expected) for p in found), found


def test_every_problem_comes_with_a_hint_where_one_helps() -> None:
    found = problems(GOOD.replace("author: A", "author: [A, B]"))
    assert "hint: write text here; quote it if it contains ': '" in found[0]


def test_all_problems_are_reported_at_once() -> None:
    text = GOOD.replace("author: A", "author: [A]").replace("    headline: H", "    headlin: H")
    assert len(problems(text)) == 3  # the list, the unknown field, and the missing headline


def test_problems_found_while_reading_are_reported_with_the_rest() -> None:
    text = GOOD.replace("date: 2026-11-26", "date: 2026-11-31").replace("author: A", "author: [A]")
    text = text.replace("title: T", "title: T\ntitle: U")
    found = problems(text)
    assert any(p.startswith("x.yaml:2:1: title: duplicate field 'title'") for p in found)
    assert any(p.startswith("x.yaml:3:7: date: cannot read `2026-11-31`") for p in found)
    assert any(p.startswith("x.yaml:4:9: author: expected text") for p in found)
    assert len([p for p in found if ":3:7:" in p]) == 1  # said once, not again by the model
