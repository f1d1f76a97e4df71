"""Each validation rule reports what is wrong, where (line:column), and how to mend it."""

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


CASES = [
    # (what is changed, the source, the expected start of a message)
    ("yaml syntax", GOOD.replace("title: T", "title: [T"), "x.yaml:2:5: YAML syntax error"),
    (
        "duplicate key",
        GOOD.replace("author: A", "author: A\nauthor: B"),
        "x.yaml:4:1: author: duplicate field 'author' (first given at line 3, column 1)",
    ),
    (
        "unknown field, did you mean",
        GOOD.replace("    headline: H", "    headlin: H"),
        "x.yaml:10:5: sections[0].headlin: unknown field 'headlin' (did you mean 'headline'?)",
    ),
    (
        "missing field",
        GOOD.replace("author: A\n", ""),
        "x.yaml:1:1: author: required field is missing",
    ),
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
        "duplicate section id",
        GOOD.replace(
            "sources:",
            "  - id: one\n    title: Two\n    headline: H\n    body: B\n    points: [P]\nsources:",
        ),
        "x.yaml:14:9: sections[1].id: duplicate id 'one' (also at line 8)",
    ),
    (
        "unknown citation",
        GOOD.replace("S [@src]", "S [@scr]"),
        "x.yaml:4:13: summary: citation [@scr] names no source",
    ),
    (
        "too few takeaways",
        GOOD.replace("takeaways:\n  - One", "takeaways: []"),
        "x.yaml:5:12: takeaways: has 0 items; at least 1 allowed",
    ),
    (
        "too many takeaways",
        GOOD.replace("  - One\n", "".join(f"  - T{i}\n" for i in range(7))),
        "x.yaml:6:3: takeaways: has 7 items; at most 6 allowed",
    ),
    (
        "too many points",
        GOOD.replace("      - P\n", "".join(f"      - P{i}\n" for i in range(9))),
        "x.yaml:13:7: sections[0].points: has 9 items; at most 8 allowed",
    ),
    (
        "absurd headline",
        GOOD.replace("headline: H", "headline: " + "word " * 900),
        "x.yaml:10:15: sections[0].headline: is 4,499 characters long; at most 200 fit here",
    ),
    ("empty file", "", "x.yaml:1:1: the file is empty"),
    ("a list at the top", "- a\n- b\n", "x.yaml:1:1: the top level is a list"),
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
