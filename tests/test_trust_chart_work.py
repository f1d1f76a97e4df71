"""Chart work is capped for the whole briefing, when the source is read: past
``MAX_CHARTS`` charts or ``MAX_CHART_VALUES`` values in all, ``check`` refuses at the chart
that passes the cap, before anything is drawn."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.build import check
from briefing.content.bounds import MAX_CHART_VALUES, MAX_CHARTS
from briefing.errors import BriefingError

HEAD = """\
title: Charts
date: 2026-11-26
author: Tests
summary: Many charts.
takeaways: [One.]
sections:
"""


def source(tmp_path: Path, charts: int, categories: int, series: int) -> Path:
    lines = [HEAD]
    for n in range(charts):
        if n % 6 == 0:
            lines.append(
                f"  - id: s{n}\n    title: S{n}\n    headline: H.\n    body: B.\n"
                "    points: [P.]\n    figures:\n"
            )
        names = ", ".join(f"c{i}" for i in range(categories))
        lines.append(f"      - chart: column\n        caption: Chart {n}.\n")
        lines.append(f"        categories: [{names}]\n        series:\n")
        for k in range(series):
            values = ", ".join(str(i + k) for i in range(categories))
            lines.append(f"          - name: S{k}\n            values: [{values}]\n")
    path = tmp_path / "charts.yaml"
    path.write_text("".join(lines))
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_the_most_charts_allowed_pass(tmp_path: Path) -> None:
    per = MAX_CHART_VALUES // MAX_CHARTS // 2
    assert len(check(source(tmp_path, MAX_CHARTS, per, 2)).sections) == -(-MAX_CHARTS // 6)


def test_one_chart_too_many_is_refused_at_that_chart(tmp_path: Path) -> None:
    path = source(tmp_path, MAX_CHARTS + 1, 2, 1)
    with pytest.raises(BriefingError) as caught:
        check(path)
    (problem,) = caught.value.problems
    assert f"at most {MAX_CHARTS} charts" in problem.message
    assert problem.line == line_of(path, f"caption: Chart {MAX_CHARTS}.") - 1


@pytest.mark.slow  # -- builds whole briefings: the full tier's --
def test_too_many_values_in_all_are_refused(tmp_path: Path) -> None:
    # -- 60 charts of 40 x 6 took 105 s to build; refused at the chart that passes the cap --
    path = source(tmp_path, 60, 40, 6)
    with pytest.raises(BriefingError) as caught:
        check(path)
    (problem,) = caught.value.problems
    assert f"pass {MAX_CHART_VALUES:,} values" in problem.message
    passed = MAX_CHART_VALUES // 240  # -- charts within the cap before the one that passes --
    assert problem.line == line_of(path, f"caption: Chart {passed}.") - 1
    assert problem.hint
