"""Templates render within limits of work: a template that repeats a string past the limit,
loops past the iteration budget, widens a string by a huge number, writes past the output
limit or recurses without end is an error naming the template and its line, quickly, and
never takes the memory or time it asks for."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.document import bounded
from briefing.document.render import Templates
from briefing.errors import BriefingError


def refused(tmp_path: Path, text: str) -> str:
    (tmp_path / "t.html.j2").write_text(text)
    with pytest.raises(BriefingError) as caught:
        Templates([tmp_path]).render("t.html.j2", items=["a", "b"])
    (problem,) = caught.value.problems
    assert problem.file == str(tmp_path / "t.html.j2")
    return str(problem)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('<p>\n{{ ("x" * 1500000000) | length }}\n', "* would make 1,500,000,000"),
        ("<p>\n{{ ([1] * 1500000000) | length }}\n", "* would make 1,500,000,000"),
        (
            "<p>\n{% for i in range(100000) %}{% for j in range(100000) %}"
            "{% endfor %}{% endfor %}\n",
            "loops ran more than 1,000,000 times",
        ),
        ('<p>\n{{ "x" | center(1500000000) }}\n', "too large"),
        ('<p>\n{{ "x".ljust(1500000000) }}\n', "too large"),
        ('<p>\n{{ "%1500000000s" | format(1) }}\n', "format width"),
        ('<p>\n{{ "{:>1500000000}".format(1) }}\n', "format width"),
        ("<p>\n{{ 10 ** 100000000 }}\n", "exponent"),
    ],
)
def test_a_template_past_a_limit_is_refused_at_its_line(
    tmp_path: Path, text: str, says: str
) -> None:
    message = refused(tmp_path, text)
    assert says in message
    assert f"{tmp_path / 't.html.j2'}:2:" in message
    assert "hint:" in message


def test_doubling_with_tilde_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounded, "MAX_STRING", 10_000)
    text = '{% set a = "x" * 1000 %}{% set b = a ~ a %}{% set c = b ~ b %}{% set d = c ~ c %}\n'
    text += "{% set e = d ~ d %}{{ e ~ e }}\n"
    assert "~ would pass 10,000" in refused(tmp_path, text)


def test_output_past_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounded, "MAX_OUTPUT", 100_000)
    text = '{% for i in range(1000) %}{{ "y" * 1000 }}{% endfor %}\n'
    assert "wrote more than 100,000 characters" in refused(tmp_path, text)


def test_a_macro_that_calls_itself_is_refused(tmp_path: Path) -> None:
    text = "{% macro m(n) %}{{ m(n) }}{% endmacro %}\n{{ m(1) }}\n"
    assert "calls itself" in refused(tmp_path, text)


def test_a_list_cannot_be_grown_in_place(tmp_path: Path) -> None:
    text = "{% set l = [] %}\n{{ l.append(1) }}\n"
    assert "not allowed" in refused(tmp_path, text) or "unsafe" in refused(tmp_path, text)


def test_ordinary_loops_and_strings_render(tmp_path: Path) -> None:
    (tmp_path / "t.html.j2").write_text(
        '{% for i in items %}{{ loop.index }}{{ i ~ "-" ~ i * 3 }}{% endfor %}{{ "x" | center(9) }}'
    )
    assert Templates([tmp_path]).render("t.html.j2", items=["a", "b"]) == "1a-aaa2b-bbb    x    "
