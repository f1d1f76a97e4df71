"""Small inputs cannot cause unbounded work: the Markdown patterns whose cost grows faster
than their length, overlong words and deep nesting are refused at the character where the
limit is passed, by `check` as by `build`, before any engine sees them; and a source at every
limit at once still builds, whole. (How long each takes is measured in bench/pathological.py.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _support_trust import ROOT, VALID, previous_outputs, run_cli, snapshot
from briefing.content import bounds, source, validate
from briefing.document import render
from briefing.errors import BriefingError
from briefing.look.theme import load_theme
from briefing.project import find_project
from readback import pdf_pages, squash

BASE = VALID.read_text()
BODY = "    body: |\n      Body text [@src].\n"
BODY_LINE = BASE.splitlines().index("    body: |") + 2  # the first line of the body's text


def with_body(text: str) -> str:
    """The minimal source with ``text`` as its section's body (a literal block)."""
    lines = "".join(f"      {line}\n" if line else "\n" for line in text.split("\n"))
    return BASE.replace(BODY, "    body: |\n" + lines + "      [@src]\n")


# -- each family the adversarial pass found, with the line and column of the first overrun --
PATHOLOGICAL = {
    "brackets": ("[" * 12_000, "a word of 12,000 characters"),
    "spaced brackets": ("[ " * 6_000, "more than 100 '[' in one paragraph"),
    "citation starts": ("[@" * 6_000, "a word of 12,000 characters"),
    "link starts": ("[a](" * 3_000, "more than 100 '[' in one paragraph"),
    "spaced link starts": ("[a]( " * 2_000, "more than 100 '[' in one paragraph"),
    "entities": ("&amp;" * 2_400, "a word of 12,000 characters"),
    "hashes": ("#" * 12_000, "a word of 12,000 characters"),
    "rules": ("-" * 12_000, "a word of 12,000 characters"),
    "underscores": ("_a" * 6_000, "a word of 12,000 characters"),
    "angles": ("<" * 12_000, "a word of 12,000 characters"),
    "one long word": ("x" * 19_000, "a word of 19,000 characters"),
    "words joined by no-break spaces": ("abc\u00a0" * 3_000, "a word of 12,000 characters"),
    "a long code line": ("Code:\n\n    " + "x" * 5_000, "a word of 5,000 characters"),
    "150 nested quotes": (">" * 150 + " deep", "quotes and lists nested 150 deep"),
    "100-deep list": ("- " * 100 + "deep", "quotes and lists nested 100 deep"),
    "250-deep list": ("- " * 250 + "deep", "quotes and lists nested 250 deep"),
    "indented list": ("".join("  " * i + f"{'    ' * i}- x\n" for i in range(12)), "nested 11"),
    "nested HTML": ("<blockquote> " * 150 + "deep", "HTML elements nested 11 deep"),
    "a 60-column table": ("|" + "a|" * 60 + "\n|" + "-|" * 60, "a table of 60 columns"),
    "many list items": ("- x\n" * 1_500, "more than 1,000 list items in one field"),
    "a huge field": ("word " * 5_000, "characters long; the limit is 20,000"),
}


@pytest.mark.parametrize("family", PATHOLOGICAL)
def test_check_refuses_a_pathological_body_at_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], family: str
) -> None:
    text, message = PATHOLOGICAL[family]
    path = tmp_path / "x.yaml"
    path.write_text(with_body(text), encoding="utf-8")
    run = run_cli(["check", str(path)], capsys)
    assert run.status == 1
    assert "Traceback" not in run.err
    where = re.match(rf"{re.escape(str(path))}:(\d+):(\d+): sections\[0\]\.body: ", run.err)
    assert where is not None, run.err
    assert int(where.group(1)) >= BODY_LINE and int(where.group(2)) >= 7  # in the body's text
    assert message in run.err
    assert "hint: " in run.err


@pytest.mark.parametrize("family", ["brackets", "150 nested quotes", "a 60-column table"])
def test_build_refuses_before_rendering_and_keeps_the_previous_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], family: str
) -> None:
    text, message = PATHOLOGICAL[family]
    path = tmp_path / "x.yaml"
    path.write_text(with_body(text), encoding="utf-8")
    out = tmp_path / "out"
    before = previous_outputs(out, "x")
    run = run_cli(["build", str(path), "-o", str(out)], capsys)
    assert run.status == 1
    assert message in run.err
    assert "Traceback" not in run.err
    assert snapshot(out) == before


AT_THE_LIMITS = "\n".join(
    [
        "A word at the limit: " + "w" * bounds.MAX_WORD + " ends here.",
        "",
        "Brackets at the limit: " + "[ " * bounds.MAX_BRACKETS + "end of brackets.",
        "",
        "> " * (bounds.MAX_NESTING // 2) + "- " * (bounds.MAX_NESTING // 2) + "Deepest point.",
        "",
        "| " + " | ".join(f"c{i}" for i in range(bounds.MAX_TABLE_COLUMNS)) + " |",
        "|" + "---|" * bounds.MAX_TABLE_COLUMNS,
        "| " + " | ".join(f"v{i}" for i in range(bounds.MAX_TABLE_COLUMNS)) + " |",
    ]
)


def test_a_source_at_every_limit_builds_and_says_it_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(with_body(AT_THE_LIMITS), encoding="utf-8")
    out = tmp_path / "out"
    run = run_cli(["build", str(path), "-o", str(out), "--only", "html,pdf"], capsys)
    assert run.status == 0, run.err
    pdf = squash("".join(pdf_pages(out / "x.pdf")))
    for words in ("ends here", "end of brackets", "Deepest point", "c7", "v7"):
        assert squash(words) in pdf
    assert squash("w" * bounds.MAX_WORD) in pdf  # broken over lines, never cut off


# -- pieces that, repeated, make the patterns engines find costly; within and past limits --
PIECES = [
    "[", "]", "[@", "[a](", "](", "(", ")", "![", "<", ">", "> ", "&amp;", "&#", "#", "-",
    "- ", "* ", "1. ", "*", "_", "__", "`", "```", "|", "|-", " ", "\n", "\n\n", "    ",
    "x", "word ", "\u00a0", "<b>", "</b>", "<blockquote>", "<ul><li>", "\\", "~~", "[@src]",
    "http://a.b/", "<http://a.b>",
]  # fmt: skip
PROJECT = find_project(ROOT)
THEME = load_theme(PROJECT.theme_file)
TEMPLATES = render.Templates(PROJECT.template_dirs)


@st.composite
def pathological_markdown(draw: st.DrawFn) -> str:
    runs = draw(
        st.lists(st.tuples(st.sampled_from(PIECES), st.integers(1, 300)), min_size=1, max_size=8)
    )
    return "".join(piece * count for piece, count in runs)


@settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(pathological_markdown())
def test_pathological_markdown_is_refused_clearly_or_rendered(body: str) -> None:
    # -- a JSON string is a YAML double-quoted scalar: any text goes into the body as is --
    raw = BASE.replace(BODY, "    body: " + json.dumps(body + " [@src]") + "\n").encode()
    try:
        briefing = validate.validate(source.parse(raw, path=Path("x.yaml"), name="x.yaml"))
    except BriefingError as err:
        assert all(p.file == "x.yaml" and p.message for p in err.problems)
        return
    html = render.render_document(briefing, theme=THEME, templates=TEMPLATES, name="x")
    assert "</html>" in html


@settings(
    max_examples=6,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(pathological_markdown())
def test_pathological_markdown_that_passes_the_bounds_typesets(body: str) -> None:
    from briefing.pdf.typeset import typeset

    raw = BASE.replace(BODY, "    body: " + json.dumps(body + " [@src]") + "\n").encode()
    try:
        briefing = validate.validate(source.parse(raw, path=Path("x.yaml"), name="x.yaml"))
    except BriefingError:
        return
    html = render.render_document(briefing, theme=THEME, templates=TEMPLATES, name="x")
    pdf = typeset(html, briefing=briefing, allowed=PROJECT.allowed_reads()).data
    assert pdf.startswith(b"%PDF-")
